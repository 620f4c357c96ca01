"""Translation of user-visible text (gettext, so the Qt-free core can translate too).

Source strings are Chinese, the product's first language; catalogues under
``resources/locale/<lang>/LC_MESSAGES/meetingdesk.mo`` translate them (English first).
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

from meetingdesk.paths import resource_path

DOMAIN = "meetingdesk"


class _State:
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    language = "zh_CN"


def set_language(language: str, localedir: Path | None = None) -> None:
    """Switch the catalogue; ``zh_CN`` (the source language) needs none.

    ``localedir`` defaults to the bundled ``resources/locale`` (tests pass a folder of their own).
    """
    _State.language = language
    if language.startswith("zh"):
        _State.translation = _gettext.NullTranslations()
        return
    _State.translation = _gettext.translation(
        DOMAIN, localedir=str(localedir or resource_path("locale")), languages=[language], fallback=True
    )


def has_catalogue(language: str, localedir: Path | None = None) -> bool:
    """Whether a compiled catalogue for ``language`` is installed (Chinese, the source, always is)."""
    if language.startswith("zh"):
        return True
    return _gettext.find(DOMAIN, str(localedir or resource_path("locale")), [language]) is not None


def current_language() -> str:
    return _State.language


def _(message: str) -> str:
    return _State.translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _State.translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown."""
    return message
