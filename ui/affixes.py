"""Spin-box prefix and suffix from one translatable text, so a translation can move the number.

Chinese writes 第 3 轮 (prefix and suffix), English "Round 3" (prefix only): translating the prefix and
the suffix separately would force a translation of 轮 even where the language needs none.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

PLACEHOLDER = "{n}"


def affixes(template: str) -> tuple[str, str]:
    """``"第{n}轮"`` → ``("第", "轮")``; a text without ``{n}`` is all prefix."""
    prefix, _sep, suffix = template.partition(PLACEHOLDER)
    return prefix, suffix


def set_affixes(spin: QSpinBox, template: str) -> None:
    """Give ``spin`` the prefix and suffix around ``{n}`` in the (translated) ``template``."""
    prefix, suffix = affixes(template)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
