"""Persisting splitter and table-header states between runs (QSettings ``persist/`` keys)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

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


def restore_geometry(settings: UiSettings, key: str, widget: QWidget) -> bool:
    data = settings.load_bytes(f"geometry/{key}")
    return data is not None and widget.restoreGeometry(data)


def save_geometry(settings: UiSettings, key: str, widget: QWidget) -> None:
    settings.save_bytes(f"geometry/{key}", QByteArray(widget.saveGeometry()))


def remember_geometry(settings: UiSettings | None, key: str, dialog: QWidget) -> None:
    """Restore a dialog's size and position now, and save them whenever it is closed."""
    if settings is None:
        return
    restore_geometry(settings, key, dialog)
    finished = getattr(dialog, "finished", None)
    if finished is not None:
        finished.connect(lambda _r: save_geometry(settings, key, dialog))
