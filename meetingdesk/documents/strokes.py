"""Ordering names by 姓氏笔画 (surname stroke count), as some courts list members on sign-in sheets.

Names compare character by character on their stroke counts (resources/strokes.txt, generated from the
Unicode Han database for every GBK character); characters outside that table count as 99 strokes so
they sort last. Equal counts then fall back to the characters themselves; the finer rule of the
first stroke (横竖撇点折) is not applied, since Unihan does not record stroke order.
"""

from __future__ import annotations

from functools import lru_cache

from meetingdesk.paths import resource_path

UNKNOWN = 99


@lru_cache(maxsize=1)
def stroke_table() -> dict[str, int]:
    table: dict[str, int] = {}
    with resource_path("strokes.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            count, chars = line.rstrip("\n").split("\t")
            for ch in chars:
                table[ch] = int(count)
    return table


def strokes(ch: str) -> int:
    """Total strokes of one character (99 when unknown)."""
    return stroke_table().get(ch, UNKNOWN)


def stroke_key(name: str) -> tuple[tuple[int, ...], str]:
    """Sort key: stroke counts of each character in turn, then the name itself."""
    clean = name.strip()
    return tuple(strokes(ch) for ch in clean), clean
