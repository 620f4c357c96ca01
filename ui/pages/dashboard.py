"""工作台: what needs the secretary's attention today; every entry opens its report or meeting."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import N_, _, ngettext, pgettext
from meetingdesk.services.dashboard import (
    Dashboard,
    LateItem,
    OpenMinutes,
    OverdueFollowup,
    PendingReport,
    UpcomingMeeting,
    build_dashboard,
)

from ui.context import AppContext
from ui.errors import show_error
from ui.pages.base import Page
from ui.row_model import MUTED_COLOUR, OK_COLOUR, WARNING_COLOUR, Column, IdRole, RowTableModel
from ui.state import restore_header, save_header

T = TypeVar("T")

WEEKDAYS = (N_("星期一"), N_("星期二"), N_("星期三"), N_("星期四"), N_("星期五"), N_("星期六"), N_("星期日"))


def _dt(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""


def _day(value: date) -> str:
    return value.strftime("%Y-%m-%d")


def upcoming_columns() -> list[Column[UpcomingMeeting]]:
    return [
        Column(
            _("时间"), lambda m: m.starts_at.strftime("%Y-%m-%d %H:%M"), sort_value=lambda m: m.starts_at.isoformat()
        ),
        Column(_("会议组"), lambda m: m.body_name),
        Column(_("会议室"), lambda m: m.room_name),
        Column(_("状态"), lambda m: m.state_label + ("" if m.agenda_approved else _("·议程未审定"))),
        Column(_("议题"), lambda m: m.item_count, align_right=True),
        Column(
            _("法定人数"),
            lambda m: m.quorum_text,
            tooltip=lambda m: m.quorum_problem or m.quorum_text,
            foreground=lambda m: OK_COLOUR if m.quorum_ok else WARNING_COLOUR,
            header_tip=_("按目前的请假、缺席登记，预计能否达到法定人数"),
        ),
        Column(
            _("材料"),
            lambda m: m.materials_text,
            tooltip=lambda m: "\n".join(m.missing) or _("材料齐全（材料截止：{due}）").format(due=_day(m.deadline)),
            foreground=lambda m: WARNING_COLOUR if m.missing else OK_COLOUR,
            header_tip=_("缺少的材料或逾期送达的材料"),
        ),
    ]


def pending_columns() -> list[Column[PendingReport]]:
    return [
        Column(_("案号"), lambda p: p.case_number),
        Column(_("案由"), lambda p: p.cause),
        Column(_("会议组"), lambda p: p.body_name),
        Column(_("承办法官"), lambda p: p.reporting_judge),
        Column(_("提交时间"), lambda p: _dt(p.submitted_at)),
        Column(
            _("已等待"),
            lambda p: ngettext("{n}天", "{n}天", p.waiting_days).format(n=p.waiting_days),
            sort_value=lambda p: p.waiting_days,
            align_right=True,
            foreground=lambda p: WARNING_COLOUR if p.waiting_days > 3 else None,
        ),
    ]


def late_columns() -> list[Column[LateItem]]:
    return [
        Column(_("案号"), lambda x: x.case_number),
        Column(_("案由"), lambda x: x.cause),
        Column(pgettext("column", "会议"), lambda x: x.meeting_title),
        Column(_("材料截止"), lambda x: _day(x.deadline)),
        Column(_("实际提交"), lambda x: _dt(x.submitted_at), foreground=lambda _x: WARNING_COLOUR),
        Column(_("处理"), lambda x: x.status_text, foreground=lambda x: MUTED_COLOUR if x.admitted else WARNING_COLOUR),
    ]


def minutes_columns() -> list[Column[OpenMinutes]]:
    return [
        Column(pgettext("column", "会议"), lambda m: m.title),
        Column(_("会议记录"), lambda m: m.minutes_state_label),
        Column(
            _("会后"),
            lambda m: ngettext("{n}天", "{n}天", m.days_since).format(n=m.days_since),
            sort_value=lambda m: m.days_since,
            align_right=True,
            foreground=lambda m: WARNING_COLOUR if m.days_since > 14 else None,
        ),
    ]


def overdue_columns() -> list[Column[OverdueFollowup]]:
    return [
        Column(_("案号"), lambda f: f.case_number),
        Column(_("案由"), lambda f: f.cause),
        Column(_("会议日期"), lambda f: _day(f.meeting_starts_at.date())),
        Column(_("应复议日期"), lambda f: _day(f.due_on)),
        Column(
            _("逾期"),
            lambda f: ngettext("{n}天", "{n}天", f.days_overdue).format(n=f.days_overdue),
            sort_value=lambda f: f.days_overdue,
            align_right=True,
            foreground=lambda _f: WARNING_COLOUR,
        ),
    ]


class Section(QGroupBox, Generic[T]):
    """A titled list; activating a row (Enter or double-click) calls ``open_entry(id)``."""

    def __init__(
        self,
        name: str,
        title: str,
        tip: str,
        columns: Sequence[Column[T]],
        key: Callable[[T], int],
        open_entry: Callable[[int], None],
    ) -> None:
        super().__init__()
        self.setObjectName(f"section_{name}")
        self.name = name
        self._title = title
        self._open_entry = open_entry
        self.model: RowTableModel[T] = RowTableModel(columns, key=key, parent=self)
        self.view = QTableView()
        self.view.setObjectName(f"table_{name}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setToolTip(tip + _("（双击或按回车打开）"))
        self.view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.view.activated.connect(self._on_activated)
        self.sized = False  # columns fitted to content once (unless a saved header state was restored)
        self.empty = QLabel(_("暂无"))
        self.empty.setObjectName(f"empty_{name}")
        self.empty.setStyleSheet("color: #667085;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.model.set_rows(rows)
        self.setTitle(_("{title}（{n}）").format(title=self._title, n=len(rows)))
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows and not self.sized:
            self.view.resizeColumnsToContents()
            self.sized = True

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_entry(int(self.model.data(index, IdRole)))


class DashboardPage(Page):
    areas = ("reports", "meetings", "followups", "roster", "minutes")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dashboard: Dashboard | None = None
        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.refresh_button = QPushButton(_("刷新"))
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.setToolTip(_("重新统计待办事项（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QAction(_("刷新"), self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda _c=False: self.refresh())
        self.addAction(refresh)

        signals = ctx.signals
        self.upcoming: Section[UpcomingMeeting] = Section(
            "upcoming",
            _("近期会议"),
            _("30天内的会议：法定人数预计和材料情况"),
            upcoming_columns(),
            lambda m: m.meeting_id,
            signals.sig_open_meeting_requested.emit,
        )
        self.pending: Section[PendingReport] = Section(
            "pending",
            _("待受理的案件报告"),
            _("已提交、等待会议秘书受理或退回补正的案件报告"),
            pending_columns(),
            lambda p: p.report_id,
            signals.sig_open_report_requested.emit,
        )
        self.late: Section[LateItem] = Section(
            "late",
            _("材料逾期"),
            _("已排入会议、但材料晚于会前送达期限的案件"),
            late_columns(),
            lambda x: x.report_id,
            signals.sig_open_report_requested.emit,
        )
        self.minutes: Section[OpenMinutes] = Section(
            "minutes",
            _("会议记录未定稿"),
            _("已召开、会议记录尚在草稿或传阅中的会议"),
            minutes_columns(),
            lambda m: m.meeting_id,
            signals.sig_open_meeting_requested.emit,
        )
        self.overdue: Section[OverdueFollowup] = Section(
            "overdue",
            _("复议逾期"),
            _("会议讨论后，合议庭复议结果逾期未登记的案件"),
            overdue_columns(),
            lambda f: f.meeting_id,
            signals.sig_open_meeting_requested.emit,
        )
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        grid = QGridLayout()
        grid.addWidget(self.upcoming, 0, 0, 1, 2)
        grid.addWidget(self.pending, 1, 0)
        grid.addWidget(self.late, 1, 1)
        grid.addWidget(self.minutes, 2, 0)
        grid.addWidget(self.overdue, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addStretch(1)
        for section in self.sections():
            section.sized = restore_header(ctx.settings, f"Dashboard/{section.name}", section.view.horizontalHeader())
        order: list[QWidget] = [self.refresh_button, *(s.view for s in self.sections())]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def sections(self) -> list[Section[Any]]:
        return [self.upcoming, self.pending, self.late, self.minutes, self.overdue]

    # ---- Page API

    def refresh(self) -> None:
        try:
            board = build_dashboard(self.ctx.desk, self.ctx.actor)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self.dashboard = board
        self.upcoming.set_rows(board.upcoming)
        self.pending.set_rows(board.pending)
        self.late.set_rows(board.late)
        self.minutes.set_rows(board.open_minutes)
        self.overdue.set_rows(board.overdue)
        today = board.today
        self.heading.setText(
            _("今天是{y}年{m}月{d}日 {weekday}　待办 {n} 项").format(
                y=today.year, m=today.month, d=today.day, weekday=_(WEEKDAYS[today.weekday()]), n=board.total
            )
        )

    def save_state(self) -> None:
        for section in self.sections():
            save_header(self.ctx.settings, f"Dashboard/{section.name}", section.view.horizontalHeader())
