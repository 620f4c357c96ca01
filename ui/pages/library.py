"""参考案例库: search the library (cases and 裁判规则) on the left, read or edit the one chosen on the right.

Searches run on a worker thread (the first may build the index, with a cancellable progress dialog);
results come a page at a time, and scrolling to the end fetches more, so a library of 10,000 imported
judgments stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled
from meetingdesk.i18n import _, pgettext
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.search.query import FilterChoices, SearchResults, filter_choices
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.library.item_panel import ItemPanel
from ui.library.results_model import HitDelegate, ResultsModel
from ui.library.search_bar import SearchBar
from ui.library.search_runner import PAGE_SIZE, SearchRequest, SearchRunner
from ui.pages.base import Page
from ui.state import restore_splitter, save_splitter

HINT_STYLE = "color: #667085;"


class LibraryPage(Page):
    areas = ("library", "meetings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        actor = ctx.actor
        self.request: SearchRequest | None = None
        self.dialog: QWidget | None = None
        self._refreshing = False
        self._select_after: tuple[str, int] | None = None
        self._new_search = False  # the user searched (not a refresh): show its best hit, not the old item

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("libraryActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        can_edit = allowed(actor, "library.edit")
        self.act_new_case = self._action(
            "new_case", _("新建案例"), "Ctrl+N", _("手工录入一件参考性案例（草稿）"), self.new_case, can_edit
        )
        self.act_new_rule = self._action(
            "new_rule",
            _("新建裁判规则"),
            "Ctrl+Shift+N",
            _("由讨论过的议题或案例提炼一条裁判规则"),
            self.new_rule,
            can_edit,
        )
        self.act_import = self._action(
            "import",
            _("导入…"),
            "Ctrl+I",
            _("批量导入案例和裁判文书（.json、.jsonl 含 LeCaRD 格式、.docx）"),
            self.open_import,
            allowed(actor, "library.import"),
        )
        self.act_reindex = self._action(
            "reindex",
            pgettext("action", "重建索引"),
            "",
            _("由数据库重新建立检索索引（检索结果异常时使用）"),
            self.rebuild_index,
            can_edit,
        )
        self.act_focus = self._action("focus", _("回到检索框"), "Ctrl+F", "", self.focus_search, True, toolbar=False)
        self.act_focus.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("/")])
        self._action("refresh", _("刷新"), "F5", "", self.refresh, True, toolbar=False)

        self.search_bar = SearchBar(can_see_drafts=can_edit)
        self.search_bar.setObjectName("librarySearchBar")
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.count.setStyleSheet(HINT_STYLE)
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("libraryResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setToolTip(_("选中一条即在右侧打开；滚动到底部自动加载更多"))
        self.results.setStyleSheet("QListView#libraryResults::item:selected { background: #dbe8f8; }")
        self.load_more = QPushButton(_("加载更多"))
        self.load_more.setObjectName("loadMore")
        self.load_more.clicked.connect(self.fetch_more)
        self.highlight_hint = QLabel(_("检索词以黄色标出"))
        self.highlight_hint.setStyleSheet(HINT_STYLE)
        counts = QHBoxLayout()
        counts.addWidget(self.count, 1)
        counts.addWidget(self.highlight_hint)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_bar)
        left_layout.addLayout(counts)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.load_more)

        self.panel = ItemPanel(ctx)
        self.panel.setObjectName("libraryItem")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([520, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        for act in self.panel.shortcut_actions():
            self.addAction(act)

        self.runner = SearchRunner(ctx, self)
        self.runner.sig_results.connect(self._shown)
        self.runner.sig_failed.connect(self._failed)
        self.search_bar.sig_search_requested.connect(self.search)
        self.results.selectionModel().currentChanged.connect(self._on_current)
        self.results.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.search_bar.query_edit.installEventFilter(self)
        self.panel.sig_saved.connect(self._on_saved)
        self.panel.sig_deleted.connect(lambda _k, _i: self.search())
        ctx.signals.sig_open_library_case_requested.connect(self.open_case)
        restore_splitter(ctx.settings, "LibraryPage", self.splitter)
        self._update_count()

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str,
        tip: str,
        slot: Callable[[], object],
        visible: bool,
        *,
        toolbar: bool = True,
    ) -> QAction:
        act = QAction(text, self)
        act.setObjectName(f"act_{name}")
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            tip = _("{tip}（{key}）").format(tip=tip, key=shown) if tip else tip
        if tip:
            act.setToolTip(tip)
        act.setVisible(visible)
        act.setEnabled(visible)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        if toolbar:
            self.toolbar.addAction(act)
        return act

    # ---- Page API

    def refresh(self) -> None:
        """Filter lists and results afresh. The lists are a query over the whole library (a quarter second
        with thousands of judgments) and the first call imports the search engine: both off the GUI thread."""
        self.panel.reload()
        self._refreshing = True
        self.count.setText(_("正在检索……"))
        desk = self.ctx.desk

        def work(_progress: ProgressFn, _cancel: CancelFn) -> FilterChoices:
            import meetingdesk.search.index  # noqa: F401  (whoosh and the index code, a few hundred ms)

            return filter_choices(desk)

        def loaded(choices: FilterChoices) -> None:
            self._refreshing = False
            self.search_bar.set_choices(choices)
            self.search(keep_shown=True)

        def failed(exc: BaseException) -> None:
            self._refreshing = False
            show_error(self, exc)

        self.ctx.tasks.run(work, on_done=loaded, on_error=failed, show_progress=False)

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "LibraryPage", self.splitter)
        self.panel.keep_draft()

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        from ui.library.scenes import case_being_edited, import_with_report, search_with_case_open

        return [
            ("search", lambda: search_with_case_open(self)),
            ("editing", lambda: case_being_edited(self)),
            ("import", lambda: import_with_report(self)),
        ]

    # ---- searching

    def search(self, *, keep_shown: bool = False) -> None:
        """Search with what the bar says (an empty query lists everything, newest first)."""
        self.search_bar.clear_error()
        limit = max(PAGE_SIZE, len(self.model.hits)) if keep_shown else PAGE_SIZE
        self._new_search = not keep_shown
        request = SearchRequest(self.search_bar.query(), self.search_bar.filters(), self.search_bar.sort_key(), limit)
        self.request = request
        self.count.setText(_("正在检索……"))
        self.runner.run(request)

    def fetch_more(self) -> None:
        """加载更多: the same search with a larger limit; the new hits are added at the end."""
        request = self.request
        if request is None or not self.model.more or self.runner.busy:
            return
        bigger = SearchRequest(request.query, request.filters, request.sort, len(self.model.hits) + PAGE_SIZE)
        self.request = bigger
        self.runner.run(bigger, more=True)

    @property
    def searching(self) -> bool:
        return self._refreshing or self.runner.busy

    def _shown(self, request: SearchRequest, results: SearchResults, more: bool) -> None:
        if more:
            self.model.append(results.hits, results.total)
        else:
            self.model.set_results(results.hits, results.total)
        self.panel.set_query(request.query)
        self._update_count()
        target = self._select_after
        self._select_after = None
        if target is None and self.panel.kind is not None and self.panel.item_id is not None:
            target = (self.panel.kind, self.panel.item_id)
        found = target is not None and self._select_row_of(*target)
        fresh = target is None or self._new_search  # a new search shows its best hit, not an item from before
        if not found and fresh and not more and self.model.hits and not self.panel.editing:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _failed(self, message: str) -> None:
        self.search_bar.show_error(message)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.total, len(self.model.hits)
        if self.request is None:
            self.count.setText("")
        elif total == 0:
            self.count.setText(_("没有符合条件的结果。可减少检索词或放宽筛选条件。"))
        elif shown < total:
            self.count.setText(_("共 {n} 条，已显示 {m} 条").format(n=f"{total:,}", m=f"{shown:,}"))
        else:
            self.count.setText(_("共 {n} 条").format(n=f"{total:,}"))
        more = self.model.more
        self.load_more.setVisible(more)
        self.load_more.setToolTip(_("再显示{n}条结果").format(n=min(PAGE_SIZE, total - shown)) if more else "")

    def _on_scrolled(self, value: int) -> None:
        bar = self.results.verticalScrollBar()
        if value >= bar.maximum() and bar.maximum() > 0:
            self.fetch_more()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is not None:
            self.panel.open(hit.kind, hit.id)

    def _select_row_of(self, kind: str, item_id: int) -> bool:
        row = self.model.row_of(kind, item_id)
        selection = self.results.selectionModel()
        selection.blockSignals(True)
        try:
            if row < 0:
                selection.clear()
                return False
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            selection.blockSignals(False)
        self.results.viewport().update()
        self.results.scrollTo(self.model.index(row, 0))
        return True

    def _on_saved(self, kind: str, item_id: int) -> None:
        self._select_after = (kind, item_id)
        self.search(keep_shown=True)

    # ---- keyboard

    def focus_search(self) -> None:
        self.search_bar.focus_query()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the search box move through the results (the box keeps the focus)."""
        if watched is self.search_bar.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount() > 0:
                row = self.results.currentIndex().row()
                row = min(max(row + step, 0), self.model.rowCount() - 1) if row >= 0 else 0
                self.results.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    # ---- opening from elsewhere

    def open_case(self, case_id: int) -> bool:
        """Respond to sig_open_library_case_requested: show this page and the case, listed or not."""
        return self._open("case", case_id)

    def open_rule(self, rule_id: int) -> bool:
        return self._open("rule", rule_id)

    def _open(self, kind: str, item_id: int) -> bool:
        self.ctx.signals.sig_navigate_requested.emit("library")
        opened = self.panel.open(kind, item_id)
        if opened:
            self._select_row_of(kind, item_id)
        return opened

    # ---- actions

    def new_case(self) -> None:
        self.results.selectionModel().clearSelection()
        self.panel.new_case()

    def new_rule(self) -> None:
        """A rule from the case open (when one is), else from nothing; sources are added in the form."""
        case_ids = (self.panel.case.id,) if self.panel.case is not None and not self.panel.editing else ()
        self.results.selectionModel().clearSelection()
        self.panel.new_rule(case_ids)

    def open_import(self) -> QWidget:
        from ui.library.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def rebuild_index(self) -> None:
        desk = self.ctx.desk

        def work(progress: ProgressFn, should_cancel: CancelFn) -> int:
            from meetingdesk.search import index

            return index.rebuild(desk, progress=progress, should_cancel=should_cancel)

        def done(count: int) -> None:
            self.ctx.signals.sig_status_message.emit(_("检索索引已重建：{n}篇。").format(n=count))
            if Shiboken.isValid(self):
                self.search(keep_shown=True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.ctx.signals.sig_status_message.emit(_("已取消重建索引，原索引不变。"))
            elif Shiboken.isValid(self):
                show_error(self, exc)

        self.ctx.tasks.run(work, on_done=done, on_error=failed, parent=self.window(), label=_("正在重建检索索引……"))
