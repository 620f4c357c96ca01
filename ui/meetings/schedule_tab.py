"""The 会议日程 tab: every meeting as a filterable list beside a month calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _, ngettext
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services import roster
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.calendar import STATE_COLOURS, MonthCalendar
from ui.meetings.labels import when_text
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import fit_columns, setup_table
from ui.state import restore_header, restore_splitter, save_header, save_splitter

STATE_FILTERS = (
    ("", ("planned", "notified", "in_progress", "held", "adjourned", "cancelled")),
    ("upcoming", ("planned", "notified", "in_progress")),
    ("held", ("held",)),
    ("other", ("adjourned", "cancelled")),
)


def meeting_columns() -> list[Column[Meeting]]:
    return [
        Column(_("时间"), lambda m: when_text(m.starts_at)),
        Column(_("会议组"), lambda m: m.body_name, tooltip=lambda m: m.display_title),
        Column(_("会议室"), lambda m: m.room_name or _("未定")),
        Column(_("主持人"), lambda m: m.presider_name or _("未定")),
        Column(_("议题"), lambda m: m.item_count, align=Qt.AlignmentFlag.AlignRight),
        Column(_("状态"), lambda m: m.state_label, foreground=lambda m: STATE_COLOURS.get(m.state)),
        Column(
            _("会议记录"),
            lambda m: m.minutes_state_label if m.state == "held" else "",
            tooltip=lambda m: m.summary_number or "",
        ),
    ]


class ScheduleTab(QWidget):
    changed = Signal(str)  # the schedule only reads; kept so every tab looks alike to the page
    meetingSelected = Signal(int)
    openRequested = Signal(int)
    newRequested = Signal(object)  # a date, or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[Meeting] = []
        self.model = RecordTableModel(meeting_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("meetingList")
        self.table.setModel(self.model)
        setup_table(self.table, stretch=1)
        self.table.setToolTip(_("回车或双击打开会议"))
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.body_filter = QComboBox()
        self.body_filter.setObjectName("bodyFilter")
        self.body_filter.setToolTip(_("只显示某一会议组的会议"))
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setToolTip(_("按会议状态筛选"))
        for key, label in zip(
            (k for k, _s in STATE_FILTERS),
            (_("全部状态"), _("待召开"), _("已召开"), _("流会或已取消")),
            strict=True,
        ):
            self.state_filter.addItem(label, key)
        self.body_filter.currentIndexChanged.connect(self._apply_filter)
        self.state_filter.currentIndexChanged.connect(self._apply_filter)

        self.new_btn = QPushButton(_("新建会议"))
        self.new_btn.setObjectName("newMeeting")
        self.new_btn.setToolTip(_("安排一次新的会议（Ctrl+N）"))
        self.new_btn.clicked.connect(lambda: self.newRequested.emit(None))
        self.new_btn.setEnabled(allowed(ctx.actor, "meeting.edit"))
        self.open_btn = QPushButton(_("打开"))
        self.open_btn.setToolTip(_("打开所选会议（回车）"))
        self.open_btn.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.count_label = QLabel()

        filters = QHBoxLayout()
        body_label = QLabel(_("会议组(&G)："))
        body_label.setBuddy(self.body_filter)
        filters.addWidget(body_label)
        filters.addWidget(self.body_filter, 1)
        state_label = QLabel(_("状态(&T)："))
        state_label.setBuddy(self.state_filter)
        filters.addWidget(state_label)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.new_btn)
        filters.addWidget(self.open_btn)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.calendar = MonthCalendar()
        self.calendar.monthChanged.connect(lambda _y, _m: self._fill_calendar())
        self.calendar.dayChosen.connect(self._day_chosen)
        self.calendar.meetingActivated.connect(self.openRequested.emit)
        self.calendar.newMeetingRequested.connect(self._new_on_day)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("scheduleSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.calendar)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        QShortcut(QKeySequence("Ctrl+F"), self, self.body_filter.setFocus)
        self.setTabOrder(self.body_filter, self.state_filter)
        self.setTabOrder(self.state_filter, self.new_btn)
        self.setTabOrder(self.new_btn, self.open_btn)
        self.setTabOrder(self.open_btn, self.table)
        self.setTabOrder(self.table, self.calendar.view)
        self._header_restored = False

    # ---- data

    def refresh(self) -> None:
        today = self.ctx.desk.now().date()
        self.calendar.set_today(today)
        self._all = meetings_svc.list_meetings(self.ctx.desk, self.ctx.actor)
        current = self.body_filter.currentData()
        self.body_filter.blockSignals(True)
        self.body_filter.clear()
        self.body_filter.addItem(_("全部会议组"), None)
        for body in roster.list_bodies(self.ctx.desk, active_only=True):
            self.body_filter.addItem(body.name, body.id)
        found = self.body_filter.findData(current)
        self.body_filter.setCurrentIndex(max(found, 0))
        self.body_filter.blockSignals(False)
        self._apply_filter()
        self._fill_calendar()

    def _filtered(self) -> list[Meeting]:
        body_id = self.body_filter.currentData()
        key = self.state_filter.currentData() or ""
        states = dict(STATE_FILTERS)[key]
        return [m for m in self._all if (body_id is None or m.body_id == body_id) and m.state in states]

    def _apply_filter(self) -> None:
        keep = self.selected_id()
        rows = self._filtered()
        self.model.set_rows(rows)
        if not self._header_restored:
            self._header_restored = restore_header(self.ctx.settings, "MeetingList", self.table.horizontalHeader())
            if not self._header_restored:
                fit_columns(self.table)
        self.count_label.setText(ngettext("共{n}次会议", "共{n}次会议", len(rows)).format(n=len(rows)))
        if keep is not None:
            self.select(keep, emit=False)
        else:  # bring the coming meetings into view: they are what the secretary works on
            today = self.ctx.desk.now().date()
            row = next((n for n, m in enumerate(rows) if m.starts_at.date() >= today), len(rows) - 1)
            if row >= 0:
                self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self._fill_calendar()

    def _fill_calendar(self) -> None:
        first, last = self.calendar.model.first_day(), self.calendar.model.last_day()
        self.calendar.set_meetings([m for m in self._filtered() if first <= m.starts_at.date() <= last])

    # ---- selection

    def selected_id(self) -> int | None:
        record = self.model.record(self.table.currentIndex().row())
        return record.id if record else None

    def select(self, meeting_id: int, *, emit: bool = True) -> bool:
        for row, m in enumerate(self.model.rows()):
            if m.id == meeting_id:
                if not emit:
                    self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(self.model.index(row, 0))
                self.calendar.show_month(m.starts_at.year, m.starts_at.month)
                self.calendar.select_day(m.starts_at.date())
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row())
        if record is not None:
            self.meetingSelected.emit(record.id)

    def _open_index(self, index: QModelIndex) -> None:
        record = self.model.record(index.row())
        if record is not None:
            self.openRequested.emit(record.id)

    def _day_chosen(self, day: date) -> None:
        for row, m in enumerate(self.model.rows()):
            if m.starts_at.date() == day:
                self.table.selectRow(row)
                return

    def _new_on_day(self, day: date) -> None:
        if allowed(self.ctx.actor, "meeting.edit"):
            self.newRequested.emit(day)

    # ---- state

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "MeetingSchedule", self.splitter)
        save_header(self.ctx.settings, "MeetingList", self.table.horizontalHeader())

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingSchedule", self.splitter)
