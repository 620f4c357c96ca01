"""The UI's own preferences (QSettings, INI): one typed registry, a ``setting/`` and a ``persist/`` part.

Court-wide settings live in the database (meetingdesk.services.settings); this holds what belongs to
one user on one PC: language, window geometry, splitter states, last folders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from meetingdesk.i18n import N_

T = TypeVar("T")

ORG = "MeetingDesk"
APP = "MeetingDesk"
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    label: str = ""


LANGUAGE = Setting("setting/language", str, "", N_("界面语言（空为跟随系统）"))
LAST_EXPORT_DIR = Setting("persist/last_export_dir", str, "", "")
LAST_ATTACH_DIR = Setting("persist/last_attach_dir", str, "", "")


class UiSettings:
    """Typed access to QSettings; tests pass a file path to stay isolated."""

    def __init__(self, path: str | None = None) -> None:
        if path:
            self._qs = QSettings(path, QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(str(self._qs.value("meta/settings_version", 0) or 0))
        if version < SETTINGS_VERSION:
            self._qs.setValue("meta/settings_version", SETTINGS_VERSION)

    def get(self, setting: Setting[T]) -> T:
        value: Any = self._qs.value(setting.key, setting.default)
        if setting.type is bool and isinstance(value, str):
            return value.lower() in ("true", "1")  # type: ignore[return-value]
        try:
            return setting.type(value)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._qs.setValue(setting.key, value)

    # ---- window state (persist/)

    def save_bytes(self, key: str, data: QByteArray) -> None:
        self._qs.setValue(f"persist/{key}", data)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"persist/{key}")
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        self._qs.sync()

    @property
    def file_name(self) -> str:
        return self._qs.fileName()
