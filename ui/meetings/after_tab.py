"""The 会后 tab: review the minutes → 传阅 → 定稿 (locked; corrections only as recorded amendments),
and the follow-up of each discussed item (复议, 采纳, 审委会 referral and result, 参考性案例)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services import minutes
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.minutes import MeetingRecord
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.actions import attempt
from ui.meetings.amend_panel import AmendPanel
from ui.meetings.followup_panel import FollowupPanel
from ui.meetings.minutes_view import record_html
from ui.meetings.widgets import chain_tab_order
from ui.state import restore_splitter, save_splitter


class AfterTab(QWidget):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.record: MeetingRecord | None = None
        self.loading_record = False

        # ---- minutes
        self.minutes_state = QLabel()
        self.minutes_state.setObjectName("minutesState")
        self.minutes_state.setStyleSheet("font-size:15px; font-weight:bold;")
        self.minutes_state.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("finalProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#a4231c;")
        self.browser = QTextBrowser()
        self.browser.setObjectName("minutesView")
        self.browser.setOpenLinks(False)
        self.browser.setToolTip(_("会议记录（由系统根据签到、发言和统计结果生成）"))
        self.circulate_btn = QPushButton(_("传阅"))
        self.circulate_btn.setObjectName("circulate")
        self.circulate_btn.setToolTip(_("将会议记录草稿送参会人员传阅核对"))
        self.circulate_btn.clicked.connect(self._circulate)
        self.reopen_btn = QPushButton(_("退回草稿"))
        self.reopen_btn.setObjectName("reopen")
        self.reopen_btn.setToolTip(_("传阅中发现需修改时退回草稿，修改后再传阅"))
        self.reopen_btn.clicked.connect(self._reopen)
        self.final_btn = QPushButton(_("定稿"))
        self.final_btn.setObjectName("finalise")
        self.final_btn.setToolTip(_("主持人定稿后会议记录锁定，此后只能以更正记录方式修改"))
        self.final_btn.clicked.connect(self._finalise)
        self.on_behalf = QCheckBox(_("代主持人定稿"))
        self.on_behalf.setObjectName("finaliseOnBehalf")
        self.on_behalf.setToolTip(_("会议秘书代主持人办理定稿，系统记录为“代主持人定稿”"))
        self.on_behalf.setVisible(ctx.actor.role == "secretary")
        self.refresh_btn = QPushButton(_("刷新"))
        self.refresh_btn.setToolTip(_("重新生成会议记录（F5）"))
        self.refresh_btn.setShortcut("F5")
        self.refresh_btn.clicked.connect(self.reload_record)
        buttons = QHBoxLayout()
        for b in (self.circulate_btn, self.reopen_btn, self.final_btn):
            buttons.addWidget(b)
        buttons.addWidget(self.on_behalf)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_btn)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.minutes_state)
        ll.addLayout(buttons)
        ll.addWidget(self.problems)
        ll.addWidget(self.browser, 1)

        self.followup = FollowupPanel(ctx)
        self.followup.changed.connect(self.changed.emit)
        self.amend = AmendPanel(ctx)
        self.amend.changed.connect(self.changed.emit)
        self.amend.amended.connect(self.reload_record)
        self.side = QTabWidget()
        self.side.setObjectName("afterSide")
        self.side.addTab(self.followup, _("复议与跟踪"))
        self.side.addTab(self.amend, _("更正记录"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("afterSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 6)
        self.splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        chain_tab_order(
            [
                self.circulate_btn,
                self.reopen_btn,
                self.final_btn,
                self.on_behalf,
                self.refresh_btn,
                self.browser,
                self.side,
                *self.followup.focus_chain(),
                *self.amend.focus_chain(),
            ]
        )

    # ---- loading

    def load(self, meeting_id: int | None) -> None:
        self.meeting = get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None
        self._show_state()
        self.reload_record()
        self.followup.load(self.meeting)
        self.amend.load(self.meeting)

    def _show_state(self) -> None:
        m = self.meeting
        record_ok = allowed(self.ctx.actor, "meeting.record")
        if m is None:
            self.minutes_state.setText(_("请先在“会议日程”中选择一次会议。"))
            for b in (self.circulate_btn, self.reopen_btn, self.final_btn):
                b.setEnabled(False)
            self.problems.setText("")
            self.problems.setVisible(False)
            return
        text = _("会议记录：{state}").format(state=m.minutes_state_label)
        if m.summary_number:
            text += _("（纪要{number}）").format(number=m.summary_number)
        if m.locked and m.minutes_finalised_at:
            text += _("，{when}定稿，已锁定").format(when=m.minutes_finalised_at.strftime("%Y-%m-%d %H:%M"))
        if m.state != "held":
            text += _("（会议{state}）").format(state=m.state_label)
        self.minutes_state.setText(text)
        self.circulate_btn.setEnabled(record_ok and m.state == "held" and m.minutes_state == "draft")
        self.reopen_btn.setEnabled(record_ok and m.minutes_state == "circulating")
        can_final = allowed(self.ctx.actor, "minutes.finalise") and m.state == "held" and not m.locked
        self.final_btn.setEnabled(can_final)
        problems = minutes.finalisation_problems(self.ctx.desk, m.id) if can_final else []
        self.problems.setText(_("暂不能定稿：") + _("；").join(problems) if problems else "")
        self.problems.setVisible(bool(problems))

    def reload_record(self) -> None:
        """Build the record off the GUI thread (many queries), then show it."""
        if self.meeting is None:
            self.browser.setHtml("")
            return
        meeting_id = self.meeting.id
        desk, actor = self.ctx.desk, self.ctx.actor
        self.loading_record = True
        self.ctx.tasks.run(
            lambda _p, _c: minutes.meeting_record(desk, actor, meeting_id),
            on_done=self._record_ready,
            on_error=self._record_failed,
            parent=self,
            label=_("正在生成会议记录……"),
        )

    def _record_ready(self, record: object) -> None:
        self.loading_record = False
        if not isinstance(record, MeetingRecord) or self.meeting is None or record.meeting.id != self.meeting.id:
            return
        self.record = record
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(record_html(record))
        self.browser.verticalScrollBar().setValue(scroll)
        self.amend.set_amendments(record.amendments)

    def _record_failed(self, exc: BaseException) -> None:
        self.loading_record = False
        show_error(self, exc)

    # ---- minutes workflow

    def _after(self, *areas: str) -> None:
        if self.meeting is not None:
            self.load(self.meeting.id)
        for area in areas or ("meetings",):
            self.changed.emit(area)

    def _circulate(self) -> None:
        if self.meeting and attempt(self, minutes.circulate_minutes, self.ctx.desk, self.ctx.actor, self.meeting.id):
            self.ctx.signals.sig_status_message.emit(_("会议记录已送传阅。"))
            self._after()

    def _reopen(self) -> None:
        if self.meeting and attempt(self, minutes.reopen_minutes, self.ctx.desk, self.ctx.actor, self.meeting.id):
            self._after()

    def _finalise(self) -> None:
        if self.meeting is None:
            return
        on_behalf = self.ctx.actor.role == "secretary" and self.on_behalf.isChecked()
        done = attempt(
            self, minutes.finalise_minutes, self.ctx.desk, self.ctx.actor, self.meeting.id, on_behalf=on_behalf
        )
        if done:
            self.ctx.signals.sig_status_message.emit(
                _("会议记录已定稿（纪要{number}），此后只能以更正记录方式修改。").format(number=done.summary_number)
            )
            self._after()

    # ---- state

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "MeetingAfter", self.splitter)

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingAfter", self.splitter)
