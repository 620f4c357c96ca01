"""Small pieces of UI state kept in the user's settings: unsaved drafts and per-page JSON state.

A reason typed before a stance is chosen cannot be recorded through the services yet (a stance is
required), so it is kept here, debounced like the other autosaves, until it can be.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray

from ui.settings import UiSettings


class DraftStore:
    def __init__(self, settings: UiSettings, prefix: str) -> None:
        self.settings = settings
        self.prefix = prefix

    def _key(self, key: str) -> str:
        return f"drafts/{self.prefix}/{key}"

    def save(self, key: str, text: str) -> None:
        self.settings.save_bytes(self._key(key), QByteArray(text.encode("utf-8")))
        self.settings.sync()

    def load(self, key: str) -> str:
        data = self.settings.load_bytes(self._key(key))
        return bytes(data.data()).decode("utf-8", errors="replace") if data is not None else ""

    def clear(self, key: str) -> None:
        if self.load(key):
            self.save(key, "")


def save_json(settings: UiSettings, key: str, value: dict[str, Any]) -> None:
    settings.save_bytes(key, QByteArray(json.dumps(value, ensure_ascii=False).encode("utf-8")))


def load_json(settings: UiSettings, key: str) -> dict[str, Any]:
    data = settings.load_bytes(key)
    if data is None:
        return {}
    try:
        value = json.loads(bytes(data.data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}
