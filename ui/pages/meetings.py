"""The 会议 page: the meeting cycle from scheduling to follow-up, one meeting at a time.

Tabs: 会议日程 (list and month calendar), 会议安排 (editor and agenda builder), 主持人 (convene
decisions, agenda approval, materials; shown to presiders and secretaries), 会中, 会后. The meeting
chosen at the top is the one every tab works on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.after_tab import AfterTab
from ui.meetings.arrange_tab import ArrangeTab
from ui.meetings.drafts import load_json, save_json
from ui.meetings.export_menu import ExportButton
from ui.meetings.labels import when_text
from ui.meetings.live_tab import LiveTab
from ui.meetings.presider_tab import PresiderTab
from ui.meetings.schedule_tab import ScheduleTab
from ui.pages.base import Page

STATE_KEY = "meetings/page"
TAB_FOR_STATE = {
    "planned": "arrange",
    "notified": "arrange",
    "in_progress": "live",
    "held": "after",
    "adjourned": "after",
    "cancelled": "arrange",
}


def _scrollable(widget: QWidget) -> QScrollArea:
    """On a small screen a tab scrolls rather than forcing the window wider."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class MeetingsPage(Page):
    areas = ("meetings", "reports", "roster", "followups")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id: int | None = None
        self._emitting = False
        self._stale_tabs: set[str] = set()

        self.picker = QComboBox()
        self.picker.setObjectName("meetingPicker")
        self.picker.setToolTip(_("各标签页处理的当前会议（Ctrl+M）"))
        self.picker.setMinimumWidth(120)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.currentIndexChanged.connect(self._picked)
        picker_label = QLabel(_("当前会议(&M)："))
        picker_label.setBuddy(self.picker)
        self.new_btn = QPushButton(_("新建会议"))
        self.new_btn.setObjectName("newMeetingTop")
        self.new_btn.setToolTip(_("安排一次新的会议（Ctrl+N）"))
        self.new_btn.setEnabled(allowed(ctx.actor, "meeting.edit"))
        self.new_btn.clicked.connect(lambda: self.new_meeting(None))
        self.export_btn = ExportButton(ctx)
        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.picker, 1)
        top.addStretch(0)
        top.addWidget(self.export_btn)
        top.addWidget(self.new_btn)

        self.schedule = ScheduleTab(ctx)
        self.arrange = ArrangeTab(ctx)
        self.presider = PresiderTab(ctx)
        self.live = LiveTab(ctx)
        self.after = AfterTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tab_keys: list[str] = []
        entries: list[tuple[str, QWidget, str, str]] = [
            ("schedule", self.schedule, _("会议日程"), _("全部会议的列表和月历（Alt+1）")),
            ("arrange", self.arrange, _("会议安排"), _("时间、地点、主持人、列席和议程（Alt+2）")),
        ]
        if allowed(ctx.actor, "agenda.approve") or allowed(ctx.actor, "report.convene"):
            entries.append(("presider", self.presider, _("主持人"), _("召集决定、议程审定和会前材料（Alt+3）")))
        entries += [
            ("live", self.live, _("会中"), _("签到、法定人数、发言顺序和意见记录")),
            ("after", self.after, _("会后"), _("会议记录传阅、定稿、更正和复议跟踪")),
        ]
        for n, (key, widget, title, tip) in enumerate(entries, start=1):
            index = self.tabs.addTab(_scrollable(widget), title)
            self.tabs.setTabToolTip(index, tip if n <= 3 else f"{tip}{_('（Alt+{n}）').format(n=n)}")
            self.tab_keys.append(key)
            QShortcut(QKeySequence(f"Alt+{n}"), self, lambda i=index: self.tabs.setCurrentIndex(i))
        if "presider" not in self.tab_keys:
            self.presider.hide()
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.schedule.meetingSelected.connect(lambda mid: self.set_meeting(mid, load_current=False))
        self.schedule.openRequested.connect(self.open_meeting)
        self.schedule.newRequested.connect(self.new_meeting)
        self.arrange.saved.connect(self._arranged)
        for key, tab in self._tab_widgets().items():
            tab.changed.connect(lambda area, k=key: self._tab_changed(k, area))
        ctx.signals.sig_open_meeting_requested.connect(self.open_meeting)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.new_meeting(None))
        QShortcut(QKeySequence("Ctrl+M"), self, self.picker.setFocus)
        self.setTabOrder(self.picker, self.export_btn)
        self.setTabOrder(self.export_btn, self.new_btn)
        self.setTabOrder(self.new_btn, self.tabs)
        self._restore()

    # ---- tabs

    def _tab_widgets(self) -> dict[str, ScheduleTab | ArrangeTab | PresiderTab | LiveTab | AfterTab]:
        return {
            "schedule": self.schedule,
            "arrange": self.arrange,
            "presider": self.presider,
            "live": self.live,
            "after": self.after,
        }

    def current_tab(self) -> str:
        index = self.tabs.currentIndex()
        return self.tab_keys[index] if 0 <= index < len(self.tab_keys) else "schedule"

    def show_tab(self, key: str) -> None:
        if key in self.tab_keys:
            self.tabs.setCurrentIndex(self.tab_keys.index(key))

    def _load_tab(self, key: str) -> None:
        self._stale_tabs.discard(key)
        if key == "schedule":
            self.schedule.refresh()
            if self.meeting_id is not None:
                self.schedule.select(self.meeting_id, emit=False)
        elif key == "arrange":
            self.arrange.load(self.meeting_id)
        elif key == "presider":
            self.presider.load(self.meeting_id)
        elif key == "live":
            self.live.load(self.meeting_id)
        elif key == "after":
            self.after.load(self.meeting_id)

    def _tab_shown(self, _index: int) -> None:
        self.live.flush()
        key = self.current_tab()
        if key in self._stale_tabs:
            self._load_tab(key)

    # ---- the current meeting

    def _fill_picker(self) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(_("（未选择会议）"), None)
        for m in meetings_svc.list_meetings(self.ctx.desk, self.ctx.actor):
            self.picker.addItem(
                _("{when} {body}（{state}）").format(
                    when=when_text(m.starts_at), body=m.body_name, state=m.state_label
                ),
                m.id,
            )
        self.picker.setCurrentIndex(max(self.picker.findData(self.meeting_id), 0))
        self.picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        self.set_meeting(self.picker.itemData(index), load_current=True)

    def set_meeting(self, meeting_id: int | None, *, load_current: bool = True) -> None:
        """Make ``meeting_id`` the meeting every tab works on."""
        if meeting_id == self.meeting_id and not load_current:
            return
        self.live.flush()
        self.meeting_id = meeting_id
        self.export_btn.set_meeting(meeting_id)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(max(self.picker.findData(meeting_id), 0))
        self.picker.blockSignals(False)
        current = self.current_tab()
        self._stale_tabs = {k for k in self.tab_keys if k != "schedule"}
        if load_current and current != "schedule":
            self._load_tab(current)
        elif current == "schedule" and meeting_id is not None:
            self.schedule.select(meeting_id, emit=False)

    def open_meeting(self, meeting_id: int) -> None:
        """Open a meeting on the tab that fits its state (also from other pages via the app signal)."""
        self.ctx.signals.sig_navigate_requested.emit("meetings")
        self.activate()
        try:
            meeting = meetings_svc.get_meeting(self.ctx.desk, meeting_id)
        except Exception:  # a stale link: show the schedule instead
            self.show_tab("schedule")
            return
        if self.picker.findData(meeting_id) < 0:
            self._fill_picker()
        self.set_meeting(meeting_id, load_current=False)
        target = TAB_FOR_STATE.get(meeting.state, "arrange")
        if target == "arrange" and self.ctx.actor.role == "presider" and "presider" in self.tab_keys:
            target = "presider"  # a presider prepares a meeting by approving its agenda
        if self.current_tab() == target:
            self._load_tab(target)
        else:
            self.show_tab(target)

    def new_meeting(self, day: date | None) -> None:
        if not allowed(self.ctx.actor, "meeting.edit"):
            return
        self.ctx.signals.sig_navigate_requested.emit("meetings")
        self.live.flush()
        self.meeting_id = None
        self.export_btn.set_meeting(None)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(0)
        self.picker.blockSignals(False)
        self._stale_tabs = {k for k in self.tab_keys if k not in ("schedule", "arrange")}
        self.tabs.blockSignals(True)
        self.show_tab("arrange")
        self.tabs.blockSignals(False)
        self.arrange.load(None, day=day)
        self.arrange.editor.body.setFocus()

    def _arranged(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.export_btn.set_meeting(meeting_id)
        self._fill_picker()

    # ---- changes

    def _tab_changed(self, source: str, area: str) -> None:
        """A tab wrote something: other tabs reload when next shown; other pages hear of it."""
        self._stale_tabs |= {k for k in self.tab_keys if k != source}
        if area == "meetings":
            self._fill_picker()
        self._emitting = True
        try:
            self.ctx.changed(area)
        finally:
            self._emitting = False

    def _on_data_changed(self, area: str) -> None:
        if self._emitting:
            return
        super()._on_data_changed(area)

    def refresh(self) -> None:
        self._fill_picker()
        if self.meeting_id is not None and self.picker.findData(self.meeting_id) < 0:
            self.meeting_id = None
        self.export_btn.set_meeting(self.meeting_id)
        self._stale_tabs = set(self.tab_keys)
        self._load_tab(self.current_tab())

    # ---- state

    def _restore(self) -> None:
        state = load_json(self.ctx.settings, STATE_KEY)
        for widget in self._tab_widgets().values():
            widget.restore_state()
        mid = state.get("meeting")
        self.meeting_id = mid if isinstance(mid, int) else None
        key = state.get("tab")
        if isinstance(key, str) and key in self.tab_keys:
            self.tabs.blockSignals(True)
            self.show_tab(key)
            self.tabs.blockSignals(False)

    def save_state(self) -> None:
        for tab in self._tab_widgets().values():
            tab.save_state()
        save_json(self.ctx.settings, STATE_KEY, {"meeting": self.meeting_id, "tab": self.current_tab()})

    # ---- screenshots

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        from ui.meetings.scenes import meeting_scenes

        return meeting_scenes(self)
