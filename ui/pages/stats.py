"""统计: the period's figures per body as tables and charts, exported as .xlsx/.docx/.pdf and the 汇编.

Every number comes from :mod:`meetingdesk.stats` (computed on a worker thread): the tables are the very
tables the exports write, and the charts are drawn from the same figures, bucket by bucket.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import Cancelled, MeetingDeskError
from meetingdesk.i18n import N_, _
from meetingdesk.progress import CancelFn, ProgressFn, sub_progress
from meetingdesk.services.permissions import allowed
from meetingdesk.stats import Statistics, compute_statistics
from meetingdesk.stats.report import summary_sentence
from meetingdesk.stats.series import Bucket, statistics_series
from meetingdesk.stats.tables import members_table, overview_table, referrals_table, statistics_title

from ui.context import AppContext
from ui.errors import show_error
from ui.pages.base import Page
from ui.row_model import SortRole
from ui.state import restore_header, restore_splitter, save_header, save_splitter
from ui.stats.charts import PALETTE, BarChart, DonutChart, Series, Slice
from ui.stats.export_button import StatsExportButton
from ui.stats.filter_bar import StatsFilterBar
from ui.stats.table_model import TabularModel
from ui.tasks import TaskHandle

NOTE_STYLE = "color: #667085;"


def figure_tips() -> dict[str, str]:
    """What the less obvious figures count (meetingdesk/stats/model.py), shown over their headings."""
    return {
        _("召开会议"): _("期间内已召开的会议（按会议日期归入期间）"),
        _("流会"): _("因未达法定人数等原因记为流会的会议"),
        _("讨论议题"): _("已召开的会议中讨论完毕的议题"),
        _("暂缓议题"): _("已召开的会议中决定暂缓讨论的议题"),
        _("逾期提交"): _("材料晚于会前送达期限的议题（不含已取消的会议）"),
        _("提交至讨论平均天数"): _("从案件报告提交到会议讨论的平均日历天数"),
        _("待复议"): _("已讨论、尚未登记合议庭复议结果的议题"),
        _("采纳率"): _("采纳 ÷ 已复议的议题"),
        _("采纳率（含部分采纳）"): _("（采纳＋部分采纳）÷ 已复议的议题"),
        _("审委会已讨论"): _("已登记审判委员会讨论结果的案件"),
        _("形成参考性案例"): _("由本期会议讨论形成、收入参考案例库的案例"),
        _("尚未召开会议"): _("期间内已安排、尚未召开的会议"),
        _("应到"): _("期间内召开的、该成员应出席的会议次数"),
        _("回避议题"): _("该成员回避的议题数"),
        _("发表意见议题"): _("该成员发表了意见的议题数"),
    }


def _table_view(name: str, model: TabularModel, *, sortable: bool) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortRole)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    return view


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class StatsPage(Page):
    areas = ("meetings", "reports", "followups", "roster", "library")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_read = allowed(ctx.actor, "read.all")
        self.stats: Statistics | None = None
        self.series: list[Bucket] = []
        self._generation = 0
        self._task: TaskHandle | None = None
        self.computing = False

        self.filter = StatsFilterBar(ctx)
        self.refresh_button = QPushButton(_("刷新"))
        self.refresh_button.setObjectName("statsRefresh")
        self.refresh_button.setToolTip(_("重新统计（F5）"))
        self.refresh_button.clicked.connect(self.recompute)
        self.export_button = StatsExportButton(ctx)

        self.heading = QLabel()
        self.heading.setObjectName("statsTitle")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("statsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTE_STYLE)

        self.overview_model = TabularModel(transposed=True, header_tips=figure_tips(), parent=self)
        self.overview = _table_view("statsOverview", self.overview_model, sortable=False)
        self.overview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.overview_notes = _note()
        self.members_model = TabularModel(header_tips=figure_tips(), parent=self)
        self.members = _table_view("statsMembers", self.members_model, sortable=True)
        self.members_notes = _note()
        self.referrals_model = TabularModel(parent=self)
        self.referrals = _table_view("statsReferrals", self.referrals_model, sortable=True)
        self.referrals_notes = _note()

        self.by_month = BarChart(_("会议与议题"))
        self.by_month.setObjectName("chartByMonth")
        self.results = BarChart(_("讨论结果：多数意见与未形成多数意见"), horizontal=True, stacked=True)
        self.results.setObjectName("chartResults")
        self.adoption = DonutChart(_("复议采纳情况"))
        self.adoption.setObjectName("chartAdoption")
        self.adoption_by_body = BarChart(_("各会议组复议采纳情况"), horizontal=True, stacked=True)
        self.adoption_by_body.setObjectName("chartAdoptionByBody")
        self.attendance = BarChart(_("成员出席情况（次）"), horizontal=True, stacked=True)
        self.attendance.setObjectName("chartAttendance")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("statsTabs")
        self.tabs.addTab(self._overview_tab(), _("概况"))
        self.tabs.addTab(self._charts_tab(), _("图表"))
        self.tabs.addTab(self._members_tab(), _("成员参会"))
        self.tabs.addTab(self._referrals_tab(), _("提交审委会"))
        self.tabs.setTabToolTip(0, _("各会议组的会议、议题、讨论结果、复议采纳和提交审委会情况"))
        self.tabs.setTabToolTip(1, _("按月（或按周、按年）的会议与议题，讨论结果和采纳情况"))
        self.tabs.setTabToolTip(2, _("每位成员应到、出席、请假、缺席、回避和发表意见的次数"))
        self.tabs.setTabToolTip(3, _("本期提交审判委员会的案件及讨论结果"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.filter)
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading, 1)
        title_row.addWidget(self.refresh_button)
        title_row.addWidget(self.export_button)
        layout.addLayout(title_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # typing a year or stepping quickly computes once
        self._timer.timeout.connect(self.recompute)
        self.filter.sig_changed.connect(self._timer.start)
        refresh = QAction(_("刷新"), self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda _c=False: self.recompute())
        self.addAction(refresh)
        restore_header(ctx.settings, "StatsMembers", self.members.horizontalHeader())
        restore_splitter(ctx.settings, "StatsMembers", self.members_splitter)
        if not self.can_read:
            self._show_not_allowed()

    # ---- layout

    def _overview_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(self.overview, 1)
        v.addWidget(self.overview_notes)
        self.overview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.overview.horizontalHeader().setMinimumSectionSize(110)
        return tab

    def _charts_tab(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.addWidget(self.by_month, 0, 0)
        grid.addWidget(self.adoption, 0, 1)
        grid.addWidget(self.results, 1, 0)
        grid.addWidget(self.adoption_by_body, 1, 1)
        for chart in (self.by_month, self.adoption, self.results, self.adoption_by_body):
            chart.setMinimumSize(360, 240)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll = QScrollArea()
        scroll.setObjectName("chartsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _members_tab(self) -> QWidget:
        left = QWidget()
        v = QVBoxLayout(left)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.members, 1)
        v.addWidget(self.members_notes)
        scroll = QScrollArea()
        scroll.setObjectName("attendanceScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.attendance)
        self.members_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.members_splitter.setObjectName("statsMembersSplitter")
        self.members_splitter.addWidget(left)
        self.members_splitter.addWidget(scroll)
        self.members_splitter.setStretchFactor(0, 3)
        self.members_splitter.setStretchFactor(1, 2)
        self.members_splitter.setSizes([800, 400])
        return self.members_splitter

    def _referrals_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(self.referrals, 1)
        v.addWidget(self.referrals_notes)
        self.referrals.horizontalHeader().setStretchLastSection(True)
        return tab

    # ---- Page

    def refresh(self) -> None:
        if not self.can_read:
            return
        self.filter.reload_bodies()
        self.recompute()

    def save_state(self) -> None:
        save_header(self.ctx.settings, "StatsMembers", self.members.horizontalHeader())
        save_splitter(self.ctx.settings, "StatsMembers", self.members_splitter)

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        from ui.stats.scenes import show_tab

        return [
            ("charts", lambda: show_tab(self, 1)),
            ("members", lambda: show_tab(self, 2)),
            ("referrals", lambda: show_tab(self, 3)),
        ]

    # ---- public API

    def recompute(self) -> None:
        """Compute the figures for the filter's body and period on a worker thread, then show them."""
        self._timer.stop()
        if not self.can_read:
            return
        try:
            period = self.filter.period()
        except MeetingDeskError as exc:
            self.status.setText(exc.message)
            return
        body_id = self.filter.body_id()
        self._generation += 1
        generation = self._generation
        desk, actor = self.ctx.desk, self.ctx.actor
        self.computing = True
        self.status.setText(_("正在统计……"))

        def work(progress: ProgressFn, should_cancel: CancelFn) -> tuple[Statistics, list[Bucket]]:
            stats = compute_statistics(
                desk,
                actor,
                period,
                body_id=body_id,
                progress=sub_progress(progress, 0, 0.5),
                should_cancel=should_cancel,
            )
            series = statistics_series(
                desk,
                actor,
                period,
                body_id=body_id,
                progress=sub_progress(progress, 0.5, 1),
                should_cancel=should_cancel,
            )
            return stats, series

        def done(result: tuple[Statistics, list[Bucket]]) -> None:
            if generation == self._generation:
                self.computing = False
                self.show_statistics(*result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return  # e.g. cancelled because a newer choice was made
            self.computing = False
            self.status.setText(_("未能完成统计。") if not isinstance(exc, Cancelled) else _("已取消统计。"))
            if not isinstance(exc, Cancelled):
                show_error(self, exc)

        if self._task is not None:
            self._task.cancel()  # a newer choice replaces it; its result would be ignored anyway
        # no modal progress dialog: the page stays usable, says 正在统计, and keeps the last figures meanwhile
        self._task = self.ctx.tasks.run(work, on_done=done, on_error=failed, show_progress=False)

    def show_statistics(self, stats: Statistics, series: list[Bucket]) -> None:
        """Fill the tables and charts from the core's figures."""
        self.stats, self.series = stats, series
        self.export_button.set_statistics(stats)
        self.heading.setText(statistics_title(stats))
        self.summary.setText(summary_sentence(stats))
        self.status.setText(_("统计时间：{at}").format(at=stats.generated_at.strftime("%Y-%m-%d %H:%M")))
        overview = overview_table(stats)
        self.overview_model.bold_last_row = stats.body_id is None
        self.overview_model.set_table(overview)
        self.overview_notes.setText("\n".join(overview.notes))
        members = members_table(stats)
        self.members_model.set_table(members)
        self.members.resizeColumnsToContents()
        self.members.setColumnWidth(1, min(self.members.columnWidth(1), 200))  # several bodies: see the tooltip
        self.members_notes.setText("\n".join(members.notes))
        referrals = referrals_table(stats)
        self.referrals_model.set_table(referrals)
        self.referrals.resizeColumnsToContents()
        self.referrals_notes.setText("\n".join(referrals.notes))
        self._fill_charts(stats, series)

    # ---- internals

    def _fill_charts(self, stats: Statistics, series: list[Bucket]) -> None:
        labels = [b.label for b in series]
        self.by_month.title = _("会议与议题（{by}）").format(by=_by_what(series))
        self.by_month.set_data(
            labels,
            [
                Series(_("召开会议"), tuple(b.figures.meetings_held for b in series), PALETTE["blue"]),
                Series(_("流会"), tuple(b.figures.meetings_adjourned for b in series), PALETTE["amber"]),
                Series(_("讨论议题"), tuple(b.figures.items_discussed for b in series), PALETTE["green"]),
            ],
        )
        bodies = list(stats.bodies)
        names = [b.body_name for b in bodies]
        self.results.set_data(
            names,
            [
                Series(_("形成多数意见"), tuple(b.with_majority for b in bodies), PALETTE["blue"]),
                Series(_("未形成多数意见"), tuple(b.without_majority for b in bodies), PALETTE["amber"]),
            ],
        )
        a = stats.total.adoption
        rate = a.rate_with_partial
        self.adoption.set_data(
            [
                Slice(_("采纳"), a.adopted, PALETTE["green"]),
                Slice(_("部分采纳"), a.partly, PALETTE["teal"]),
                Slice(_("未采纳"), a.not_adopted, PALETTE["red"]),
                Slice(_("待复议"), a.pending, PALETTE["grey"]),
            ],
            f"{rate * 100:.1f}%" if rate is not None else "—",
            _("采纳率（含部分采纳）"),
        )
        self.adoption_by_body.set_data(
            names,
            [
                Series(_("采纳"), tuple(b.adoption.adopted for b in bodies), PALETTE["green"]),
                Series(_("部分采纳"), tuple(b.adoption.partly for b in bodies), PALETTE["teal"]),
                Series(_("未采纳"), tuple(b.adoption.not_adopted for b in bodies), PALETTE["red"]),
                Series(_("待复议"), tuple(b.adoption.pending for b in bodies), PALETTE["grey"]),
            ],
        )
        members = list(stats.members)
        self.attendance.set_data(
            [m.name for m in members],
            [
                Series(_("出席"), tuple(m.present for m in members), PALETTE["blue"]),
                Series(_("请假"), tuple(m.on_leave for m in members), PALETTE["amber"]),
                Series(_("缺席"), tuple(m.absent for m in members), PALETTE["red"]),
            ],
        )
        self.attendance.setMinimumHeight(self.attendance.preferred_height(22))

    def _show_not_allowed(self) -> None:
        self.status.setText(
            _(
                "当前账户（{role}）无权查看统计：统计包含每位成员的参会情况，仅限管理员、会议秘书、主持人和查阅人员。"
            ).format(role=self.ctx.actor.role_label)
        )
        for w in (self.filter, self.refresh_button, self.export_button, self.tabs):
            w.setEnabled(False)


UNITS = {"week": N_("按周"), "month": N_("按月"), "year": N_("按年")}


def _by_what(series: list[Bucket]) -> str:
    return _(UNITS[series[0].unit]) if series else _(UNITS["month"])
