"""Persisting splitter and table-header states between runs (QSettings ``persist/`` keys)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QSplitter

from ui.settings import UiSettings


def restore_splitter(settings: UiSettings, key: str, splitter: QSplitter) -> bool:
    data = settings.load_bytes(f"splitter/{key}")
    return data is not None and splitter.restoreState(data)


def save_splitter(settings: UiSettings, key: str, splitter: QSplitter) -> None:
    settings.save_bytes(f"splitter/{key}", QByteArray(splitter.saveState()))


def restore_header(settings: UiSettings, key: str, header: QHeaderView) -> bool:
    data = settings.load_bytes(f"header/{key}")
    return data is not None and header.restoreState(data)


def save_header(settings: UiSettings, key: str, header: QHeaderView) -> None:
    settings.save_bytes(f"header/{key}", QByteArray(header.saveState()))
