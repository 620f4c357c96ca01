"""The interface language: the user's choice (跟随系统 / 中文 / English), applied when the program starts.

Our own texts switch through gettext (meetingdesk.i18n, also used by the Qt-free core); Qt's own dialogs
and buttons through a QTranslator for ``qtbase``. A language whose catalogue is not installed falls back
to Chinese, so the program never shows a mixture of languages.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from meetingdesk.i18n import ENV_LANGUAGE, N_, has_catalogue, language_for_locale, set_language

CHOICES: tuple[tuple[str, str], ...] = (("", N_("跟随系统")), ("zh_CN", N_("中文")), ("en", N_("English")))
"""The setting's values ("" follows the system) and their names."""

_installed: list[QTranslator] = []


def system_language(locale_name: str | None = None) -> str:
    """``zh_CN`` for any Chinese system locale (and the neutral ``C`` locale), else ``en``.

    ``MEETINGDESK_LANG`` overrides the system's locale (as it does for the CLI).
    """
    if locale_name is None:
        locale_name = os.environ.get(ENV_LANGUAGE, "").strip() or QLocale.system().name()
    return language_for_locale(locale_name)


def effective_language(choice: str, *, locale_name: str | None = None, localedir: Path | None = None) -> str:
    """The language the program will show for ``choice`` (falls back to Chinese without a catalogue)."""
    wanted = choice or system_language(locale_name)
    if wanted not in {code for code, _label in CHOICES if code}:
        wanted = "zh_CN"
    return wanted if has_catalogue(wanted, localedir) else "zh_CN"


def apply_language(
    app: QCoreApplication, choice: str, *, locale_name: str | None = None, localedir: Path | None = None
) -> str:
    """Switch our catalogue and Qt's own translations to ``choice``; returns the language in force.

    Call before building any window: texts already shown keep their language.
    """
    language = effective_language(choice, locale_name=locale_name, localedir=localedir)
    set_language(language, localedir)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN" else QLocale(language)
    if language != "en" and translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        _installed.append(translator)
    return language
