"""A read-only table model over a list of service records, described by its columns.

Every table on the meeting screens shows plain dataclasses returned by the services; the columns
say how to show each one, so each screen's model is a list of columns rather than a new class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

RecordRole = Qt.ItemDataRole.UserRole + 1
"""data() with this role returns the row's record itself."""


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column shows a record; ``title`` is already translated."""

    title: str
    value: Callable[[T], Any]
    tooltip: Callable[[T], str] | None = None
    align: Qt.AlignmentFlag | None = None
    foreground: Callable[[T], str | None] | None = None  # a colour name, or None for the default
    header_tip: str = ""


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are records (frozen dataclasses); columns are :class:`Column` specs."""

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[T] = []
        self._bold_row: int | None = None
        self._row_background: Callable[[T], str | None] | None = None

    # ---- public API

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._bold_row is not None and self._bold_row >= len(self._rows):
            self._bold_row = None
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def record(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_bold_row(self, row: int | None) -> None:
        """Emphasise one row (the current speaker, the current item)."""
        old, self._bold_row = self._bold_row, row
        for r in {old, row} - {None}:
            assert r is not None
            if 0 <= r < len(self._rows):
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def set_row_background(self, fn: Callable[[T], str | None] | None) -> None:
        self._row_background = fn

    # ---- Qt overrides

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        record = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(record)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground is not None:
            colour = col.foreground(record)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and self._row_background is not None:
            colour = self._row_background(record)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and index.row() == self._bold_row:
            font = QFont()
            font.setBold(True)
            return font
        if role == RecordRole:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tip:
                return self.columns[section].header_tip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
