"""类案检索 for a case report: the library ranked against the report, grouped by SPC tier, ticked into a
类案检索报告 draft (SPC 类案检索指导意见).

The search runs on a worker thread (the first one may build the index); ticks, the detail of the
selected hit and 相关/不相关 feedback stay on the dialog. Who may draft the report is the core's
:func:`can_edit_search_reports` (library editors, and the 承办法官 for their own report).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled, MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.library.cases import get_case
from meetingdesk.library.choices import tier_label
from meetingdesk.library.feedback import feedback_for, record_feedback
from meetingdesk.library.search_report import (
    can_edit_search_reports,
    create_search_report,
    get_search_report,
    list_search_reports,
)
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.search.similar import SimilarHit, SimilarResults, facts_band, result_keywords, similar_for_report
from meetingdesk.services.reports import Report, read_report

from ui.context import AppContext
from ui.errors import show_error
from ui.state import remember_geometry

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_LIMIT = 20
COLUMNS = 6  # 类案, 审理法院, 裁判日期, 案情相似度, 罪名, 近三年
FACTS_COLUMN = 3


class SimilarCasesDialog(QDialog):
    """One pending case's similar-case search. Non-blocking: open() it; the search starts at once."""

    sig_search_done = Signal(int)
    """A search finished (number of hits shown)."""

    sig_search_report_created = Signal(int)
    """A 类案检索报告 draft was created (its id)."""

    sig_attached = Signal(int)
    """A 类案检索报告 was attached to the case report (the report id)."""

    def __init__(self, ctx: AppContext, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report_id = report_id
        self.report: Report = read_report(ctx.desk, ctx.actor, report_id)  # raises if not visible: caller shows it
        self.results: SimilarResults | None = None
        self.searching = False
        self.editor: QDialog | None = None
        self._handle: object | None = None
        self._feedback: dict[int, bool] = {
            f.case_id: f.relevant
            for f in feedback_for(ctx.desk, report_id=report_id)
            if f.username == ctx.actor.username
        }
        self.setObjectName("similarCasesDialog")
        self.setWindowTitle(
            _("类案检索 — {case} {cause}").format(case=self.report.case_number, cause=self.report.cause)
        )

        pending = QLabel(
            _("{case}　{cause}　承办法官：{judge}").format(
                case=self.report.case_number, cause=self.report.cause, judge=self.report.reporting_judge_name
            )
        )
        pending.setObjectName("pendingCase")
        pending.setStyleSheet("font-weight: bold;")
        pending_title = QLabel(_("待决案件"))
        self.method = QLabel(
            _(
                "依据本案基本案情、争议焦点和案由检索。按效力层级分组，同层级内按相似度排列，"
                "近三年的裁判优先（指导性案例除外）。"
            )
        )
        self.method.setObjectName("searchMethod")
        self.method.setWordWrap(True)
        self.method.setStyleSheet("color: #475467;")
        self.terms = QLineEdit()
        self.terms.setObjectName("searchTerms")
        self.terms.setReadOnly(True)
        self.terms.setToolTip(_("检索关键词"))

        self.limit = QSpinBox()
        self.limit.setObjectName("similarLimit")
        self.limit.setRange(5, 200)
        self.limit.setSingleStep(5)
        self.limit.setValue(DEFAULT_LIMIT)
        self.limit.setToolTip(_("最多列出的类案件数"))
        limit_label = QLabel(_("最多(&L)："))
        limit_label.setBuddy(self.limit)
        self.recent_only = QCheckBox(_("只看近三年（指导性案例除外）"))
        self.recent_only.setObjectName("recentOnly")
        self.recent_only.setToolTip(_("类案检索指导意见：优先检索近三年的案例或裁判，指导性案例不受此限"))
        self.recent_only.toggled.connect(lambda _on: self._show_results())
        self.search_button = QPushButton(_("重新检索"))
        self.search_button.setObjectName("searchAgain")
        self.search_button.setToolTip(_("按案件报告当前保存的内容重新检索（F5）"))
        self.search_button.clicked.connect(self.search)
        QShortcut(QKeySequence("F5"), self, self.search)

        self.tree = QTreeWidget()
        self.tree.setObjectName("similarHits")
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels([_("类案"), _("审理法院"), _("裁判日期"), _("案情相似度"), _("罪名"), _("近三年")])
        self.tree.headerItem().setToolTip(
            FACTS_COLUMN,
            _(
                "基本案情和争议焦点的相似程度，与本次检索中案情最相似的一件相比（较高、中等、较低）；罪名是否相同另见“罪名”列"
            ),
        )
        self.tree.setToolTip(_("勾选与待决案件相似的案例（空格键勾选），再生成类案检索报告"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        # The title gets the room: the other columns take what their contents need.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._show_detail())
        self.tree.itemChanged.connect(lambda _item, col: self._update_count() if col == 0 else None)

        self.detail = QTextBrowser()
        self.detail.setObjectName("similarDetail")
        self.detail.setToolTip(_("所选类案的来源、法院、日期、效力层级和裁判要点"))
        self.detail.setOpenLinks(False)
        self.relevant = QPushButton(_("相关"))
        self.relevant.setObjectName("markRelevant")
        self.relevant.setToolTip(_("标记所选案例与本案相关（用于改进检索）（Ctrl+Shift+Y）"))
        self.relevant.setShortcut("Ctrl+Shift+Y")
        self.relevant.clicked.connect(lambda: self.mark(True))
        self.not_relevant = QPushButton(_("不相关"))
        self.not_relevant.setObjectName("markNotRelevant")
        self.not_relevant.setToolTip(_("标记所选案例与本案不相关（用于改进检索）（Ctrl+Shift+U）"))
        self.not_relevant.setShortcut("Ctrl+Shift+U")
        self.not_relevant.clicked.connect(lambda: self.mark(False))
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(QLabel(_("检索质量：")))
        feedback_row.addWidget(self.relevant)
        feedback_row.addWidget(self.not_relevant)
        feedback_row.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(feedback_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("similarSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 340])

        self.status = QLabel()
        self.status.setObjectName("similarStatus")
        self.status.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("similarCount")
        self.existing = QToolButton()
        self.existing.setObjectName("existingSearchReports")
        self.existing.setText(_("已有检索报告 ▾"))
        self.existing.setToolTip(_("打开本案已生成的类案检索报告"))
        self.existing.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.existing.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.existing.setMenu(QMenu(self.existing))
        self.generate_button = QPushButton(_("生成类案检索报告"))
        self.generate_button.setObjectName("generateSearchReport")
        self.generate_button.setShortcut("Ctrl+Return")
        self.generate_button.clicked.connect(self.generate)
        close = QPushButton(_("关闭"))
        close.setObjectName("closeSimilar")
        close.setToolTip(_("关闭（Esc）"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(pending_title)
        top.addWidget(pending, 1)
        options = QHBoxLayout()
        options.addWidget(limit_label)
        options.addWidget(self.limit)
        options.addWidget(self.recent_only)
        options.addStretch(1)
        options.addWidget(self.search_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.existing)
        bottom.addWidget(self.generate_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.method)
        terms_row = QHBoxLayout()
        terms_label = QLabel(_("检索关键词"))
        terms_label.setBuddy(self.terms)
        terms_row.addWidget(terms_label)
        terms_row.addWidget(self.terms, 1)
        layout.addLayout(terms_row)
        layout.addLayout(options)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        for w in (self.limit, self.recent_only, self.search_button, self.tree, self.relevant, self.not_relevant):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QWidget.setTabOrder(self.limit, self.recent_only)
        QWidget.setTabOrder(self.recent_only, self.search_button)
        QWidget.setTabOrder(self.search_button, self.tree)
        QWidget.setTabOrder(self.tree, self.relevant)
        QWidget.setTabOrder(self.relevant, self.not_relevant)
        QWidget.setTabOrder(self.not_relevant, self.existing)
        QWidget.setTabOrder(self.existing, self.generate_button)
        self.resize(1080, 700)
        remember_geometry(ctx.settings, "SimilarCasesDialog", self)
        self.finished.connect(lambda _r: self._cancel())

        self.can_generate = can_edit_search_reports(ctx.desk, ctx.actor, report_id)
        self._reload_existing()
        self._show_results()

    # ---- public API

    def search(self) -> None:
        """Rank the library against the report as saved, off the GUI thread (cancellable)."""
        if self.searching:
            return
        desk, actor, report_id, limit = self.ctx.desk, self.ctx.actor, self.report_id, self.limit.value()

        def work(progress: ProgressFn, should_cancel: CancelFn) -> SimilarResults:
            return similar_for_report(
                desk, actor, report_id, limit=limit, progress=progress, should_cancel=should_cancel
            )

        self.searching = True
        self.status.setText(_("正在检索类案……"))
        self._update_buttons()
        self._handle = self.ctx.tasks.run(
            work,
            on_done=self._searched,
            on_error=self._search_failed,
            parent=self,
            label=_("正在检索类案（必要时先建立检索索引）……"),
        )

    def hit_items(self) -> list[QTreeWidgetItem]:
        """The hits' rows, in the order shown (tier groups first to last)."""
        items = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            items += [group.child(i) for i in range(group.childCount())]
        return items

    def ticked_ids(self) -> list[int]:
        return [self._hit(item).hit.id for item in self.hit_items() if item.checkState(0) == Qt.CheckState.Checked]

    def set_ticked(self, case_id: int, ticked: bool = True) -> None:
        for item in self.hit_items():
            if self._hit(item).hit.id == case_id:
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def select_case(self, case_id: int) -> None:
        for item in self.hit_items():
            if self._hit(item).hit.id == case_id:
                self.tree.setCurrentItem(item)

    def current_hit(self) -> SimilarHit | None:
        item = self.tree.currentItem()
        return self._hit(item) if item is not None and item.parent() is not None else None

    def mark(self, relevant: bool) -> None:
        """相关 / 不相关 for the selected hit, stored with this report for tuning the search."""
        hit = self.current_hit()
        if hit is None:
            return
        try:
            record_feedback(self.ctx.desk, self.ctx.actor, hit.hit.id, relevant, report_id=self.report_id)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self._feedback[hit.hit.id] = relevant
        self.status.setText(_("已记录：与本案相关。") if relevant else _("已记录：与本案不相关。"))
        self._show_detail()

    def generate(self) -> None:
        """Draft a 类案检索报告 from the ticked hits and open it in the editor."""
        ids = self.ticked_ids()
        if not ids or not self.can_generate:
            return
        try:
            sr_id = create_search_report(self.ctx.desk, self.ctx.actor, self.report_id, ids, results=self.results)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self.status.setText(_("已生成类案检索报告草稿（{n}件类案）。").format(n=len(ids)))
        self.ctx.signals.sig_status_message.emit(self.status.text())
        self.ctx.changed("library")
        self._reload_existing()
        self.sig_search_report_created.emit(sr_id)
        self.open_search_report(sr_id)

    def open_search_report(self, search_report_id: int) -> QDialog:
        from ui.library.search_report_editor import SearchReportEditor

        editor = SearchReportEditor(self.ctx, search_report_id, self)
        editor.sig_attached.connect(self.sig_attached)
        editor.finished.connect(lambda _r: self._reload_existing())
        self.editor = editor
        editor.open()
        return editor

    # ---- internals

    def _cancel(self) -> None:
        handle = self._handle
        if handle is not None and not getattr(handle, "finished", True):
            handle.cancel()  # type: ignore[attr-defined]

    def show_results(self, results: SimilarResults) -> None:
        """Show a finished search (the worker's result; screenshot scenes pass one directly)."""
        self._searched(results)

    def _searched(self, results: SimilarResults) -> None:
        if not Shiboken.isValid(self):
            return
        self.searching = False
        self.results = results
        self.status.setText("" if results.hits else _("没有找到类案。可在案件报告中补充基本案情和争议焦点后重新检索。"))
        self._show_results()
        self.sig_search_done.emit(len(self.hit_items()))

    def _search_failed(self, exc: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self.searching = False
        self._update_buttons()
        if isinstance(exc, Cancelled):
            self.status.setText(_("已取消检索。"))
            return
        self.status.setText("")
        show_error(self, exc)

    def _show_results(self) -> None:
        """Fill the tree from the last results (ticks kept), applying 只看近三年."""
        ticked = set(self.ticked_ids())
        current = self.current_hit()
        results = self.results
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            if results is not None:
                self.terms.setText(_("、").join(result_keywords(results, 12)))
                bold = QFont()
                bold.setBold(True)
                for tier, hits in results.by_tier().items():
                    shown = [h for h in hits if not self.recent_only.isChecked() or h.recent or tier == 1]
                    if not shown:
                        continue
                    label = tier_label(tier)
                    group = QTreeWidgetItem(
                        [_("第{n}层级 {label}（{count}件）").format(n=tier, label=label, count=len(shown))]
                    )
                    group.setFont(0, bold)
                    group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    group.setToolTip(
                        0, _("最高人民法院类案检索指导意见第四条的第{n}层级：{label}").format(n=tier, label=label)
                    )
                    self.tree.addTopLevelItem(group)
                    group.setFirstColumnSpanned(True)  # only once in the tree: before, it is silently ignored
                    for h in shown:
                        group.addChild(self._item(h, h.hit.id in ticked))
                    group.setExpanded(True)
        finally:
            self.tree.blockSignals(False)
        if current is not None:
            self.select_case(current.hit.id)
        if self.tree.currentItem() is None and self.hit_items():
            self.tree.setCurrentItem(self.hit_items()[0])
        self._show_detail()
        self._update_count()

    def _item(self, h: SimilarHit, ticked: bool) -> QTreeWidgetItem:
        hit = h.hit
        item = QTreeWidgetItem(
            [
                hit.title,
                hit.court,
                hit.date,
                _(facts_band(h.facts_score)),
                _("、").join(h.shared_charges),
                _("近三年") if h.recent else "",
            ]
        )
        item.setData(0, HIT_ROLE, h)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        item.setToolTip(
            0,
            _("{title}\n来源：{source}\n效力层级：{tier}\n案情相似度：{band}").format(
                title=hit.title, source=hit.source, tier=hit.tier_label, band=_(facts_band(h.facts_score))
            ),
        )
        item.setToolTip(FACTS_COLUMN, facts_explained(h))
        if h.shared_charges:
            item.setToolTip(4, _("罪名/案由相同：{c}").format(c=_("、").join(h.shared_charges)))
        return item

    @staticmethod
    def _hit(item: QTreeWidgetItem) -> SimilarHit:
        hit = item.data(0, HIT_ROLE)
        assert isinstance(hit, SimilarHit)
        return hit

    def _show_detail(self) -> None:
        h = self.current_hit()
        self._update_buttons()
        if h is None:
            self.detail.clear()
            return
        hit = h.hit
        try:
            key_points = get_case(self.ctx.desk, hit.id).key_points
        except MeetingDeskError:
            key_points = ""
        esc = html.escape
        facts = [hit.tier_label, _("案情相似度：{band}").format(band=_(facts_band(h.facts_score)))]
        if h.shared_charges:
            facts.append(_("罪名/案由相同：{c}").format(c=_("、").join(h.shared_charges)))
        if h.recent:
            facts.append(_("近三年裁判"))
        lines = [
            f"<h3>{esc(hit.title)}</h3>",
            "<p>" + esc(_("　").join(p for p in (hit.source, hit.court, hit.date, hit.case_number) if p)) + "</p>",
            "<p>" + esc(_("　").join(facts)) + "</p>",
            "<p style='color:#475467'>" + esc(facts_explained(h)) + "</p>",
        ]
        mark = self._feedback.get(hit.id)
        if mark is not None:
            lines.append("<p>" + esc(_("✔ 已标记相关") if mark else _("✘ 已标记不相关")) + "</p>")
        if key_points:
            lines.append(f"<h4>{esc(_('裁判要点'))}</h4><p>{esc(key_points)}</p>")
        if hit.snippet_html:
            lines.append(f"<h4>{esc(_('相关片段'))}</h4><p>{hit.snippet_html}</p>")
        self.detail.setHtml("".join(lines))

    def _update_count(self) -> None:
        total = len(self.hit_items())
        self.count.setText(_("共 {total} 件类案，已勾选 {n} 件").format(total=total, n=len(self.ticked_ids())))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_hit() is not None
        self.relevant.setEnabled(chosen)
        self.not_relevant.setEnabled(chosen)
        self.search_button.setEnabled(not self.searching)
        self.limit.setEnabled(not self.searching)
        self.generate_button.setEnabled(self.can_generate and not self.searching and bool(self.ticked_ids()))
        self.generate_button.setToolTip(
            _("用勾选的类案生成类案检索报告草稿（Ctrl+Enter）")
            if self.can_generate
            else _("当前账户无权为本案生成类案检索报告（限会议秘书、主持人、管理员和本案承办法官）")
        )

    def _reload_existing(self) -> None:
        menu = self.existing.menu()
        menu.clear()
        ids = list_search_reports(self.ctx.desk, self.report_id)
        for sr_id in ids:
            sr = get_search_report(self.ctx.desk, sr_id)
            when = sr.searched_at[:16].replace("T", " ")
            state = _("已定稿") if sr.status == "final" else _("草稿")
            action = menu.addAction(_("{when}（{n}件类案，{state}）").format(when=when, n=len(sr.rows), state=state))
            action.setObjectName(f"openSearchReport_{sr_id}")
            action.triggered.connect(_opener(self, sr_id))
        self.existing.setEnabled(bool(ids))


def facts_explained(h: SimilarHit) -> str:
    """What the 案情相似度 band means, with the figure: relative to the most similar hit of this search."""
    if h.facts_score >= 1.0:
        return _("本次检索中基本案情和争议焦点与本案最相似的一件；其他类案的案情相似度都与它相比。")
    return _(
        "案情相似度{band}：检索评分为本次检索中案情最相似的一件的{score:.0%}。这是相对值，"
        "不是两案案情相同的比例；罪名是否相同另见“罪名”列。"
    ).format(band=_(facts_band(h.facts_score)), score=h.facts_score)


def _opener(dialog: SimilarCasesDialog, sr_id: int) -> Callable[[], None]:
    return lambda: (dialog.open_search_report(sr_id), None)[1]
