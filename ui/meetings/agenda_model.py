"""The agenda as a table: drag rows to reorder, edit an item's duration in place.

Changes go through the services (``agenda.reorder``, ``agenda.set_duration``) via the callbacks the
screen gives; the model then shows what the services return, so expected times are always the
services' own computation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from meetingdesk.i18n import _
from meetingdesk.services.agenda import AgendaItem

from ui.meetings.labels import item_status, late_colour, late_text, late_tip
from ui.meetings.table_model import Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-meetingdesk-agenda-items"

ReorderFn = Callable[[list[int]], Sequence[AgendaItem] | None]
DurationFn = Callable[[int, int], Sequence[AgendaItem] | None]

DURATION_COLUMN = 4


def _times(item: AgendaItem) -> str:
    if item.starts_at is None or item.ends_at is None:
        return ""
    return f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}"


def agenda_columns() -> list[Column[AgendaItem]]:
    return [
        Column(_("序号"), lambda i: i.position, align=Qt.AlignmentFlag.AlignCenter),
        Column(_("案号"), lambda i: i.case_number, tooltip=lambda i: i.title),
        Column(_("案由"), lambda i: i.cause),
        Column(_("承办法官"), lambda i: i.reporting_judge),
        Column(
            _("用时"),
            lambda i: _("{n}分钟").format(n=i.duration_minutes),
            align=Qt.AlignmentFlag.AlignRight,
            header_tip=_("该议题预计用时；双击修改"),
        ),
        Column(_("预计时间"), _times, header_tip=_("按会议开始时间和前面各议题的时长推算")),
        Column(
            _("材料"),
            late_text,
            foreground=late_colour,
            tooltip=late_tip,
        ),
        Column(_("状态"), lambda i: item_status(i.status)),
    ]


class AgendaModel(RecordTableModel[AgendaItem]):
    """The agenda of one meeting; editable (drag, duration) only when the screen says so."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(agenda_columns(), parent)
        self.editable = False
        self.on_reorder: ReorderFn | None = None
        self.on_duration: DurationFn | None = None

    def item_ids(self) -> list[int]:
        return [i.id for i in self.rows()]

    def moved(self, row: int, delta: int) -> list[int] | None:
        """The order with ``row`` moved by ``delta`` places, or None when it cannot move."""
        ids = self.item_ids()
        target = row + delta
        if not (0 <= row < len(ids) and 0 <= target < len(ids)):
            return None
        ids.insert(target, ids.pop(row))
        return ids

    def apply_order(self, ids: list[int]) -> bool:
        """Ask the services for a new order and show their answer."""
        if self.on_reorder is None or ids == self.item_ids():
            return False
        result = self.on_reorder(ids)
        if result is None:
            return False
        self.set_rows(result)
        return True

    # ---- Qt overrides

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.editable:
            return base
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == DURATION_COLUMN:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == DURATION_COLUMN:
            item = self.record(index.row())
            return item.duration_minutes if item else None
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != DURATION_COLUMN:
            return False
        item = self.record(index.row())
        if item is None or self.on_duration is None:
            return False
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            return False
        if minutes == item.duration_minutes:
            return False
        result = self.on_duration(item.id, minutes)
        if result is None:
            return False
        rows = list(result)
        if [i.id for i in rows] != self.item_ids():
            self.set_rows(rows)
            return True
        self._rows = rows
        self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[r].id for r in rows if 0 <= r < len(self._rows)]
        data = QMimeData()
        data.setData(MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Move the dragged items before ``row`` (or the row dropped on) through the services.

        Returns False on purpose: the services already put the rows in place, and a True answer
        to a move would make the view delete the dragged rows itself.
        """
        del column  # rows move whole
        if action == Qt.DropAction.IgnoreAction or not data.hasFormat(MIME) or not self.editable:
            return False
        try:
            moving = [int(x) for x in json.loads(bytes(data.data(MIME).data()).decode())]
        except (ValueError, TypeError):
            return False
        ids = self.item_ids()
        if not moving or not set(moving) <= set(ids):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(ids)
        anchor = ids[row] if row < len(ids) else None
        rest = [i for i in ids if i not in moving]
        while anchor in moving:
            nxt = ids.index(anchor) + 1 if anchor is not None else len(ids)
            anchor = ids[nxt] if nxt < len(ids) else None
        at = rest.index(anchor) if anchor is not None else len(rest)
        self.apply_order(rest[:at] + moving + rest[at:])
        return False


class DurationDelegate(QStyledItemDelegate):
    """Minutes in steps of five, as the services accept (5–480)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: ARG002
        box = QSpinBox(parent)
        box.setRange(5, 480)
        box.setSingleStep(5)
        box.setSuffix(_(" 分钟"))
        box.setToolTip(_("该议题预计用时（5至480分钟）"))
        return box
