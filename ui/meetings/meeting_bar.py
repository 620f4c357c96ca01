"""The 会中 tab's top bar: where the meeting stands, and starting, ending or adjourning (流会) it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from meetingdesk.i18n import _, chinese, ngettext
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import attendance
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.actions import attempt


class MeetingBar(QWidget):
    changed = Signal(str)
    started = Signal()
    reload = Signal()

    def __init__(self, ctx: AppContext, before_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.before_change = before_change
        self.meeting: Meeting | None = None
        self.state_label = QLabel()
        self.state_label.setObjectName("liveState")
        self.state_label.setStyleSheet("font-size:15px; font-weight:bold;")
        self.start_btn = QPushButton(_("开始会议"))
        self.start_btn.setObjectName("startMeeting")
        self.start_btn.setToolTip(_("宣布会议开始，开始记录发言"))
        self.start_btn.clicked.connect(self._start)
        self.end_btn = QPushButton(_("结束会议"))
        self.end_btn.setObjectName("endMeeting")
        self.end_btn.setToolTip(_("会议结束：已讨论的议题进入复议跟踪，未讨论的议题退回“已受理”"))
        self.end_btn.clicked.connect(self._end)
        self.adjourn_btn = QPushButton(_("记为流会…"))
        self.adjourn_btn.setObjectName("adjournMeeting")
        self.adjourn_btn.setToolTip(_("未达到法定人数等原因无法召开时，记为流会（须写明原因）"))
        self.adjourn_btn.clicked.connect(self._adjourn)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.start_btn)
        bar.addWidget(self.end_btn)
        bar.addWidget(self.adjourn_btn)

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = m = meeting
        if m is None:
            self.state_label.setText(_("请先在“会议日程”中选择一次会议。"))
        else:
            note = {
                "planned": _("会议尚未开始：可先登记签到，点击“开始会议”后记录发言。"),
                "notified": _("会议尚未开始：可先登记签到，点击“开始会议”后记录发言。"),
                "in_progress": _("会议进行中。"),
                "held": _("会议已结束；会议记录定稿前仍可补正。"),
                "adjourned": _("本次会议已记为流会。"),
                "cancelled": _("本次会议已取消。"),
            }.get(m.state, "")
            if m.locked:
                note = _("会议记录已定稿（锁定）；更正请在“会后”中以更正记录办理。")
            self.state_label.setText(f"{m.display_title} · {m.state_label} — {note}")
        can = m is not None and allowed(self.ctx.actor, "meeting.record")
        self.start_btn.setEnabled(bool(can and m and m.state in ("planned", "notified")))
        self.end_btn.setEnabled(bool(can and m and m.state == "in_progress"))
        self.adjourn_btn.setEnabled(bool(can and m and m.state in ("planned", "notified", "in_progress")))

    def _start(self) -> None:
        if self.meeting is None:
            return
        if attempt(self, meetings_svc.start_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id):
            self.changed.emit("meetings")
            self.started.emit()

    def _end(self) -> None:
        if self.meeting is None:
            return
        self.before_change()
        open_items = [i for i in agenda_svc.agenda(self.ctx.desk, self.meeting.id) if i.status == "pending"]
        question = _("结束会议？已讨论的议题将进入复议跟踪。")
        if open_items:
            question += ngettext(
                "\n尚有{n}个议题未讨论，将退回“已受理”另行安排。",
                "\n尚有{n}个议题未讨论，将退回“已受理”另行安排。",
                len(open_items),
            ).format(n=len(open_items))
        answer = QMessageBox.question(self, _("结束会议"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if attempt(self, meetings_svc.end_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id):
            self.changed.emit("meetings")
            self.changed.emit("followups")
            self.reload.emit()

    def _adjourn(self) -> None:
        if self.meeting is None:
            return
        check = attendance.meeting_quorum(self.ctx.desk, self.meeting.id)
        with chinese():  # the suggested reason goes into the record (and the Chinese minutes): Chinese
            suggested = _("未达到法定人数（{explain}）").format(explain=check.explain()) if not check.met else ""
        reason, ok = QInputDialog.getText(
            self,
            _("记为流会"),
            _("流会原因："),
            QLineEdit.EchoMode.Normal,
            suggested,
        )
        if not ok:
            return
        if attempt(self, meetings_svc.adjourn_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id, reason):
            self.changed.emit("meetings")
            self.reload.emit()
