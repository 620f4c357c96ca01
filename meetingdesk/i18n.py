"""Translation of user-visible text (gettext, so the Qt-free core can translate too).

Source strings are Chinese, the product's first language; catalogues under
``resources/locale/<lang>/LC_MESSAGES/meetingdesk.mo`` translate them (English first).
"""

from __future__ import annotations

import gettext as _gettext

from meetingdesk.paths import resource_path

DOMAIN = "meetingdesk"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "zh_CN"


def set_language(language: str) -> None:
    """Switch the catalogue; ``zh_CN`` (the source language) needs none."""
    global _translation, _language
    _language = language
    if language.startswith("zh"):
        _translation = _gettext.NullTranslations()
        return
    _translation = _gettext.translation(
        DOMAIN, localedir=str(resource_path("locale")), languages=[language], fallback=True
    )


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown."""
    return message
