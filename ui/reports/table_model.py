"""The reports table's model: ids in memory, rows fetched in batches as the view paints them.

With 100,000 reports, the model holds 100,000 ints; only the rows on screen (and the batch around
them) become :class:`ReportRow` objects. Sorting and filtering are done by the service
(meetingdesk.services.report_table) on a worker thread; the model only swaps in the new ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from meetingdesk.domain.choices import REPORT_STATES
from meetingdesk.i18n import N_, _
from meetingdesk.services.report_table import ReportQuery
from meetingdesk.services.reports import ReportRow

from ui.row_model import MUTED_COLOUR, WARNING_COLOUR, IdRole

RowFetcher = Callable[[Sequence[int]], dict[int, ReportRow]]

BATCH = 200
"""Rows fetched per round trip: a few screens' worth."""

CACHE_LIMIT = 20_000
"""Rows kept before the cache starts over (memory stays small however far the user scrolls)."""

# (sort key of meetingdesk.services.report_table.SORT_KEYS, title, header tooltip)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("case_number", N_("案号"), N_("按案号排序")),
    ("cause", N_("案由"), N_("按案由排序")),
    ("state", N_("状态"), N_("按办理状态排序")),
    ("body", N_("会议组"), N_("提交讨论的专业法官会议")),
    ("judge", N_("承办法官"), N_("按承办法官排序")),
    ("submitted", N_("提交日期"), N_("案件报告提交会议秘书的日期")),
    ("late", N_("逾期"), N_("材料晚于会前送达期限")),
    ("meeting", N_("会议日期"), N_("排入的会议的日期")),
)
SORT_KEY_OF_COLUMN = [c[0] for c in COLUMNS]


def _short_date(text: str | None) -> str:
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d")
    except ValueError:
        return text[:10]


class ReportTableModel(QAbstractTableModel):
    """Ids plus a lazy row cache (IdRole gives a row's report id)."""

    sig_sort_requested = Signal(str, bool)
    """The user clicked a header: reload sorted by this key (descending?)."""

    def __init__(self, fetch: RowFetcher, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, ReportRow | None] = {}
        self.query = ReportQuery()

    # ---- public API

    def set_ids(self, ids: Sequence[int], query: ReportQuery) -> None:
        """Show these reports (already filtered and sorted by the service)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._cache = {}
        self.query = query
        self.endResetModel()

    def report_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, report_id: int) -> int:
        try:
            return self._ids.index(report_id)
        except ValueError:
            return -1

    def report_row(self, row: int) -> ReportRow | None:
        return self._row(row)

    def invalidate(self) -> None:
        """Forget cached rows (after an edit) and repaint; the ids stay."""
        self._cache = {}
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    # ---- fetching

    def _row(self, row: int) -> ReportRow | None:
        rid = self._ids[row]
        if rid in self._cache:
            return self._cache[rid]
        if len(self._cache) > CACHE_LIMIT:
            self._cache = {}
        start = row - row % BATCH
        batch = [i for i in self._ids[start : start + BATCH] if i not in self._cache]
        found = self._fetch(batch)
        for i in batch:
            self._cache[i] = found.get(i)  # None: deleted meanwhile, shown as a placeholder
        return self._cache[rid]

    # ---- Qt overrides

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        item = self._row(index.row())
        key = SORT_KEY_OF_COLUMN[index.column()]
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return _("（已删除）") if index.column() == 0 else ""
            return MUTED_COLOUR if role == Qt.ItemDataRole.ForegroundRole else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "late" and item.late:
                return WARNING_COLOUR
            if key == "state" and item.state in ("returned", "withdrawn"):
                return MUTED_COLOUR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "late" and item.late:
                return _("材料晚于会前送达期限提交，需主持人决定是否准予上会")
            if key in ("case_number", "cause"):
                return f"{item.case_number} {item.cause}"
            if key == "body":
                return item.body_name
            return None
        return self._display(item, key)

    @staticmethod
    def _display(item: ReportRow, key: str) -> str:
        if key == "case_number":
            return item.case_number
        if key == "cause":
            return item.cause
        if key == "state":
            return REPORT_STATES.label(item.state)
        if key == "body":
            return item.body_name.removesuffix(_("专业法官会议")) or item.body_name
        if key == "judge":
            return item.reporting_judge
        if key == "submitted":
            return _short_date(item.submitted_at)
        if key == "late":
            return _("逾期") if item.late else ""
        if key == "meeting":
            return _short_date(item.meeting_starts_at)
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section][1])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(COLUMNS[section][2])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sig_sort_requested.emit(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
