"""Translation of user-visible text (gettext, so the Qt-free core can translate too).

Source strings are Chinese, the product's first language; catalogues under
``resources/locale/<lang>/LC_MESSAGES/meetingdesk.mo`` translate them (English first). The catalogue
is built from ``meetingdesk.po`` beside it (``scripts/i18n_extract.py`` updates the .po from the code,
``scripts/i18n_compile.py`` writes the .mo; a test checks the two agree).

Rules for callers:

- wrap every user-visible string in ``_()`` *where it is shown*, formatting after translating:
  ``_("议题{n}未达到法定人数").format(n=...)`` (never an f-string inside ``_()``);
- module-level constants are marked with ``N_()`` and translated where shown (``_(CONSTANT)``), so
  nothing is translated at import time and the constant itself stays the Chinese source text (which
  is what goes into the database and the audit trail);
- official documents (Word, PDF, Excel) are Chinese whatever the interface language: produce them
  inside :func:`chinese` (or through :func:`in_chinese`); so is generated text stored in the database.
"""

from __future__ import annotations

import gettext as _gettext
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from meetingdesk.paths import resource_path

DOMAIN = "meetingdesk"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = (SOURCE_LANGUAGE, "en")
"""The languages the program can show (a catalogue per language besides the source)."""
ENV_LANGUAGE = "MEETINGDESK_LANG"
"""Environment variable that overrides the system language (the CLI, and the GUI's 跟随系统)."""

_P = ParamSpec("_P")
_T = TypeVar("_T")
_SOURCE = _gettext.NullTranslations()


class _State:
    translation: _gettext.NullTranslations = _SOURCE
    language = SOURCE_LANGUAGE


class _Local(threading.local):
    """Per-thread override: documents built in a worker thread must not switch the screens' language."""

    override: _gettext.NullTranslations | None = None


_local = _Local()


def set_language(language: str, localedir: Path | None = None) -> None:
    """Switch the catalogue; ``zh_CN`` (the source language) needs none.

    ``localedir`` defaults to the bundled ``resources/locale`` (tests pass a folder of their own).
    """
    _State.language = language
    if language.startswith("zh"):
        _State.translation = _SOURCE
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


def language_for_locale(name: str) -> str:
    """The program language for a system locale name (``zh_CN``, ``en_US.UTF-8``, ``C``...).

    Chinese locales, and the neutral ``C``/``POSIX`` locale of servers and containers, give Chinese (the
    default language); any other locale gives English.
    """
    base = name.split(".")[0].split("@")[0].strip()
    if not base or base.upper() in ("C", "POSIX") or base.lower().startswith("zh"):
        return SOURCE_LANGUAGE
    return "en"


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for: ``MEETINGDESK_LANG``, else the POSIX locale variables, else
    the platform's user locale (Windows)."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_LANGUAGE, "").strip()
    if override:
        return language_for_locale(override)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if value:
            return language_for_locale(value)
    if environ is None:
        import locale

        name = locale.getlocale()[0] or ""
        return "en" if name and not name.lower().startswith(("zh", "chinese")) else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _active() -> _gettext.NullTranslations:
    override = _local.override
    return _State.translation if override is None else override


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in ``context``: one Chinese word may need two English ones (会议组 as the title of a
    tab listing several is "Meeting bodies", as a column heading "Meeting body")."""
    return _active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown."""
    return message


@contextmanager
def chinese() -> Iterator[None]:
    """Within the block, on this thread only, ``_()`` gives the Chinese source text.

    Official documents (会议通知, 会议记录, 纪要, 统计报告, Excel workbooks...) are Chinese whatever the
    interface language; the labels and explanations they borrow from the domain follow this switch.
    """
    before = _local.override
    _local.override = _SOURCE
    try:
        yield
    finally:
        _local.override = before


def in_chinese(retry_on: type[BaseException], fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """``fn(*args, **kwargs)`` inside :func:`chinese`.

    If it raises ``retry_on`` (the user-presentable errors) while the interface is not Chinese, it is run
    once more outside the block so the message the user reads is in the interface language; should that
    second run not fail, the first error stands.
    """
    try:
        with chinese():
            return fn(*args, **kwargs)
    except retry_on as first:
        if _State.translation is _SOURCE:
            raise
        try:
            fn(*args, **kwargs)
        except retry_on as second:
            raise second from None
        raise first from None
