"""Translation of user-visible text (gettext, so the Qt-free core can translate too).

Source strings are Chinese, the product's first language; catalogues under
``resources/locale/<lang>/LC_MESSAGES/meetingdesk.mo`` translate them (English first).
"""

from __future__ import annotations

import gettext as _gettext

from meetingdesk.paths import resource_path

DOMAIN = "meetingdesk"


class _State:
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    language = "zh_CN"


def set_language(language: str) -> None:
    """Switch the catalogue; ``zh_CN`` (the source language) needs none."""
    _State.language = language
    if language.startswith("zh"):
        _State.translation = _gettext.NullTranslations()
        return
    _State.translation = _gettext.translation(
        DOMAIN, localedir=str(resource_path("locale")), languages=[language], fallback=True
    )


def current_language() -> str:
    return _State.language


def _(message: str) -> str:
    return _State.translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _State.translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown."""
    return message
