"""A table model over the core's titled tables (:class:`meetingdesk.tabular.Table`).

The 统计 page shows exactly the tables the exports write (same rows, same :func:`format_cell` text), so
what a user reads on screen and in the .xlsx/.docx always agrees. ``transposed`` turns a wide table with
a few rows (the overview: one row per body, eighteen figures) into a tall one with the bodies as columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from meetingdesk.tabular import Cell, CellKind, Table, format_cell

from ui.row_model import SortRole

RawRole = Qt.ItemDataRole.UserRole + 3
"""The cell's raw value (int, float, date, text or None), as the core computed it."""

_Index = QModelIndex | QPersistentModelIndex


class TabularModel(QAbstractTableModel):
    def __init__(
        self,
        *,
        transposed: bool = False,
        bold_last_row: bool = False,
        header_tips: Mapping[str, str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.transposed = transposed
        self.bold_last_row = bold_last_row  # the 合计 row (a column when transposed)
        self.header_tips = dict(header_tips or {})  # column title → what the figure counts
        self.table: Table | None = None

    # ---- public API

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def cell(self, row: int, column: int) -> tuple[Cell, CellKind]:
        """The raw value and kind at a view position (after transposing)."""
        assert self.table is not None
        r, c = (column, row + 1) if self.transposed else (row, column)
        return self.table.rows[r][c], self.table.columns[c].kind

    def text(self, row: int, column: int) -> str:
        value, kind = self.cell(row, column)
        return format_cell(value, kind)

    # ---- Qt overrides

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns) - 1 if self.transposed else len(self.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.rows) if self.transposed else len(self.table.columns)

    def _position(self, index: _Index) -> tuple[int, int]:
        """(row in table.rows, column in table.columns) of a view index."""
        if self.transposed:
            return index.column(), index.row() + 1  # column 0 (the names) becomes the header
        return index.row(), index.column()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        if not (0 <= index.row() < self.rowCount() and 0 <= index.column() < self.columnCount()):
            return None
        r, c = self._position(index)
        value, kind = self.table.rows[r][c], self.table.columns[c].kind
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(value, kind)
        if role == Qt.ItemDataRole.ToolTipRole and kind == "text" and value:
            return str(value)  # long texts (several bodies, the committee's result) are cut in the cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignLeft if kind == "text" else Qt.AlignmentFlag.AlignRight
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.bold_last_row and r == len(self.table.rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == SortRole:
            return _sortable(value, kind)
        if role == RawRole:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            is_column_title = (orientation == Qt.Orientation.Vertical) == self.transposed
            return self.header_tips.get(str(title)) if title is not None and is_column_title else None
        if self.transposed:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.rows):
                return str(self.table.rows[section][0])
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.table.columns) - 1:
                return self.table.columns[section + 1].title
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.columns):
            return self.table.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.table.rows):
            return str(section + 1)
        return None


def _sortable(value: Cell, kind: CellKind) -> Any:
    """Numbers as numbers, dates as ISO text, missing values first."""
    if value is None:
        return "" if kind in ("text", "date") else -1.0
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
