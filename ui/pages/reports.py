"""案件报告: the sortable, filterable table of every report, and the intake/edit form beside it.

The table's ids are queried on a worker thread (filtered and sorted in SQLite), so typing in the
search box or sorting 100,000 reports never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.report_table import ReportQuery, report_ids, report_rows

from ui.context import AppContext
from ui.errors import show_error
from ui.pages.base import Page
from ui.reports.editor import ReportEditor
from ui.reports.filter_bar import ReportFilterBar
from ui.reports.table_model import COLUMNS, ReportTableModel
from ui.state import restore_header, restore_splitter, save_header, save_splitter

DEFAULT_SORT_COLUMN = 5  # 提交日期
RELOAD_DELAY_MS = 200


class ReportsPage(Page):
    areas = ("reports", "roster", "meetings")

    sig_loaded = Signal(int)
    """The table finished loading (number of rows)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self._loading = False
        self._select_after_load: int | None = None
        desk, actor = ctx.desk, ctx.actor

        self.filters = ReportFilterBar(ctx)
        self.filters.setObjectName("reportFilters")
        self.count = QLabel()
        self.count.setObjectName("reportCount")
        self.model = ReportTableModel(lambda ids: report_rows(desk, actor, ids), self)
        self.table = QTableView()
        self.table.setObjectName("reportsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for col, width in enumerate((160, 112, 64, 60, 70, 84, 40, 84)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.table.setToolTip(_("选中一行即在右侧打开；点击列标题排序"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)

        self.editor = ReportEditor(ctx)
        self.editor.setObjectName("reportEditor")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reportsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([640, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.filters.sig_changed.connect(self._reload_timer.start)
        self.model.sig_sort_requested.connect(lambda _k, _d: self._reload_timer.start())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.editor.sig_report_changed.connect(self._on_report_changed)
        ctx.signals.sig_open_report_requested.connect(self.open_report)

        self._add_action(_("查找"), "Ctrl+F", self._focus_search)
        self._add_action(_("刷新"), "F5", self.refresh)
        for act in self.editor.shortcut_actions():
            self.addAction(act)

        restore_splitter(ctx.settings, "ReportsPage", self.splitter)
        if not restore_header(ctx.settings, "ReportsTable", header):
            header.setSortIndicator(DEFAULT_SORT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # asks the model to sort: schedules the first load
        self.setTabOrder(self.filters.period, self.table)

    def _add_action(self, text: str, shortcut: str, slot: Callable[[], None]) -> None:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)

    # ---- Page API

    def refresh(self) -> None:
        self.filters.reload_choices()
        self.editor.reload_if_clean()
        self.reload()

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "ReportsPage", self.splitter)
        save_header(self.ctx.settings, "ReportsTable", self.table.horizontalHeader())

    def can_close(self, retry: Callable[[], object]) -> bool:
        """Unsaved edits of the open report (or of a 类案检索报告 open over it): save, discard or stay."""
        return self.editor.confirm_close(retry)

    def keep_unsaved(self) -> None:
        self.editor.keep_unsaved()

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        from ui.reports.scenes import (
            filled_intake,
            filled_intake_lower,
            schedule_dialog,
            search_report_editor,
            similar_dialog,
            validation_message,
        )

        return [
            ("intake", lambda: filled_intake(self)),
            ("intake-lower", lambda: filled_intake_lower(self)),
            ("validation", lambda: validation_message(self)),
            ("schedule", lambda: schedule_dialog(self)),
            ("similar", lambda: similar_dialog(self)),
            ("search-report", lambda: search_report_editor(self)),
        ]

    # ---- public API

    def current_query(self) -> ReportQuery:
        header = self.table.horizontalHeader()
        section = header.sortIndicatorSection()
        key = COLUMNS[section][0] if 0 <= section < len(COLUMNS) else "updated"
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        return self.filters.query(key, descending)

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self, select_id: int | None = None) -> None:
        """Query the ids on a worker thread; the table is swapped in when they arrive."""
        self._reload_timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.current_query()
        desk, actor = self.ctx.desk, self.ctx.actor
        self._loading = True
        self.count.setText(_("正在加载……"))

        def work(_progress: ProgressFn, _cancel: CancelFn) -> list[int]:
            return report_ids(desk, actor, query)

        def done(ids: list[int]) -> None:
            if Shiboken.isValid(self) and generation == self._generation:
                # the report open when the ids arrive (it may have changed meanwhile) stays selected
                self._loaded(ids, query, select_id if select_id is not None else self.editor.form.report_id)

        def failed(exc: BaseException) -> None:
            if Shiboken.isValid(self) and generation == self._generation:
                self._loading = False
                self.count.setText("")
                show_error(self, exc)

        self.ctx.tasks.run(work, on_done=done, on_error=failed, parent=self, show_progress=False)

    def open_report(self, report_id: int) -> None:
        """Respond to sig_open_report_requested: show this page and the report."""
        self.ctx.signals.sig_navigate_requested.emit("reports")
        self.editor.request_open(report_id)
        self._select_row_of(report_id)

    # ---- internals

    def _loaded(self, ids: list[int], query: ReportQuery, keep: int | None) -> None:
        self.model.set_ids(ids, query)
        self._loading = False
        self.count.setText(_("共 {n} 件").format(n=f"{len(ids):,}"))
        if keep is not None:
            self._select_row_of(keep)
        self.sig_loaded.emit(len(ids))

    def _select_row_of(self, report_id: int) -> None:
        row = self.model.row_of(report_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        report_id = self.model.report_id(current.row())
        shown = self.editor.form.report_id

        def back() -> None:
            if shown is not None:
                self._select_row_of(shown)
            else:
                self.table.selectionModel().clearSelection()

        self.editor.request_open(report_id, on_cancel=back)

    def _on_report_changed(self, report_id: int) -> None:
        self.model.invalidate()
        self.reload(select_id=report_id)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()
