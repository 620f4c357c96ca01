"""A table model over a short list of service dataclasses, described by its columns.

For lists that fit in memory (a dashboard section, the members of a body, a report's attachments):
one model class, the columns say what each shows. The 100,000-row reports table has its own model
(ui/reports/table_model.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")

IdRole = Qt.ItemDataRole.UserRole + 1
"""The row's key (usually a database id)."""

SortRole = Qt.ItemDataRole.UserRole + 2
"""A value that sorts correctly (dates as ISO text, counts as numbers)."""

WARNING_COLOUR = QColor("#b42318")
MUTED_COLOUR = QColor("#667085")
OK_COLOUR = QColor("#1a7f37")

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its (translated) title and how a row shows in it."""

    title: str
    value: Callable[[T], Any]
    tooltip: Callable[[T], str] | None = None
    foreground: Callable[[T], QColor | None] | None = None
    sort_value: Callable[[T], Any] | None = None
    align_right: bool = False
    header_tip: str = ""


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are frozen dataclasses from the services; ``key`` gives each row's id (IdRole)."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], int], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[T] = []

    # ---- public API

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of_key(self, key: int) -> int:
        """The row holding ``key``, or -1."""
        for n, item in enumerate(self._rows):
            if self._key(item) == key:
                return n
        return -1

    # ---- Qt overrides

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(item)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(item) if col.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return col.foreground(item) if col.foreground else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return self._key(item)
        if role == SortRole:
            value = col.sort_value(item) if col.sort_value else col.value(item)
            return "" if value is None else value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole and self._columns[section].header_tip:
                return self._columns[section].header_tip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
