"""Sign-in: everyone 出席 by default, mark the exceptions (请假/缺席), and 回避 per item; 列席 guests."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services import attendance
from meetingdesk.services.attendance import Attendee, Invitee, ItemAbsence
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.actions import succeeded
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import chain_tab_order, fit_columns, setup_table


@dataclass(frozen=True)
class AttendeeRow:
    attendee: Attendee
    absence: ItemAbsence | None


def _status_colour(row: AttendeeRow) -> str | None:
    if row.attendee.status != "present":
        return "#c62828"
    return "#b26a00" if row.absence else None


def attendee_columns() -> list[Column[AttendeeRow]]:
    return [
        Column(
            _("姓名"),
            lambda r: r.attendee.name + (_("（主持人）") if r.attendee.is_presider else ""),
            tooltip=lambda r: " ".join(_(x) for x in (r.attendee.post, r.attendee.grade or "") if x),
        ),
        Column(_("出席"), lambda r: r.attendee.status_label, foreground=_status_colour),
        Column(
            _("本议题"),
            lambda r: r.absence.kind_label if r.absence else "",
            foreground=lambda r: "#b26a00" if r.absence else None,
            tooltip=lambda r: r.absence.reason if r.absence else "",
        ),
        Column(
            _("原因"),
            lambda r: r.attendee.reason or (r.absence.reason if r.absence else ""),
        ),
    ]


def invitee_columns() -> list[Column[Invitee]]:
    return [
        Column(_("列席人员"), lambda i: i.name),
        Column(_("类别"), lambda i: i.kind_label),
        Column(_("到会"), lambda i: _("已到") if i.attended else _("未到")),
    ]


class AttendancePanel(QWidget):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.item_id: int | None = None
        self.model = RecordTableModel(attendee_columns(), self)
        self.view = QTableView()
        self.view.setObjectName("attendance")
        self.view.setModel(self.model)
        setup_table(self.view)
        self.view.setToolTip(_("全体成员默认出席；选中某人后登记请假、缺席或本议题回避"))
        self.reason = QLineEdit()
        self.reason.setObjectName("attendanceReason")
        self.reason.setPlaceholderText(_("原因（请假、回避须填写）"))
        self.reason.setToolTip(_("请假原因或回避事由"))

        def button(text: str, name: str, tip: str) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)
            return b

        self.present_btn = button(_("出席(&P)"), "markPresent", _("所选成员出席（Alt+P）"))
        self.leave_btn = button(_("请假(&L)"), "markLeave", _("所选成员请假，须填写原因（Alt+L）"))
        self.absent_btn = button(_("缺席(&A)"), "markAbsent", _("所选成员缺席（Alt+A）"))
        self.recuse_btn = button(_("本议题回避(&R)"), "markRecused", _("所选成员在当前议题回避，须填写事由（Alt+R）"))
        self.left_btn = button(_("中途离席(&X)"), "markLeft", _("所选成员在当前议题中途离席（Alt+X）"))
        self.clear_btn = button(
            _("取消回避/离席(&U)"), "clearAbsence", _("撤销所选成员在当前议题的回避或离席（Alt+U）")
        )
        self.present_btn.clicked.connect(lambda: self._set_status("present"))
        self.leave_btn.clicked.connect(lambda: self._set_status("leave"))
        self.absent_btn.clicked.connect(lambda: self._set_status("absent"))
        self.recuse_btn.clicked.connect(lambda: self._set_absence("recused"))
        self.left_btn.clicked.connect(lambda: self._set_absence("left"))
        self.clear_btn.clicked.connect(lambda: self._set_absence(None))

        self.invitee_model = RecordTableModel(invitee_columns(), self)
        self.invitees = QTableView()
        self.invitees.setObjectName("liveInvitees")
        self.invitees.setModel(self.invitee_model)
        setup_table(self.invitees)
        self.invitees.setMaximumHeight(110)
        self.invitees.setToolTip(_("列席人员可发言，不计入法定人数"))
        self.attended_btn = button(_("到会/未到"), "toggleInvitee", _("切换所选列席人员是否到会"))
        self.attended_btn.clicked.connect(self._toggle_invitee)

        box = QGroupBox(_("签到"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.view, 1)
        reason_row = QHBoxLayout()
        rl = QLabel(_("原因(&O)："))
        rl.setBuddy(self.reason)
        reason_row.addWidget(rl)
        reason_row.addWidget(self.reason, 1)
        bl.addLayout(reason_row)
        row1 = QHBoxLayout()
        for b in (self.present_btn, self.leave_btn, self.absent_btn):
            row1.addWidget(b)
        bl.addLayout(row1)
        row2 = QHBoxLayout()
        for b in (self.recuse_btn, self.left_btn, self.clear_btn):
            row2.addWidget(b)
        bl.addLayout(row2)
        inv_box = QGroupBox(_("列席（不计入法定人数）"))
        il = QVBoxLayout(inv_box)
        il.addWidget(self.invitees)
        il.addWidget(self.attended_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 1)
        layout.addWidget(inv_box)
        chain = [
            self.view,
            self.reason,
            self.present_btn,
            self.leave_btn,
            self.absent_btn,
            self.recuse_btn,
            self.left_btn,
            self.clear_btn,
            self.invitees,
            self.attended_btn,
        ]
        chain_tab_order(chain)

    def editable(self) -> bool:
        m = self.meeting
        return bool(
            m
            and allowed(self.ctx.actor, "meeting.record")
            and not m.locked
            and m.state not in ("cancelled", "adjourned")
        )

    def load(self, meeting: Meeting | None, item_id: int | None) -> None:
        self.meeting, self.item_id = meeting, item_id
        self.reload()

    def reload(self) -> None:
        row = max(self.view.currentIndex().row(), 0)
        rows: list[AttendeeRow] = []
        invitees: list[Invitee] = []
        if self.meeting is not None:
            absences = (
                {a.judge_id: a for a in attendance.item_absences(self.ctx.desk, self.item_id)} if self.item_id else {}
            )
            rows = [
                AttendeeRow(a, absences.get(a.judge_id)) for a in attendance.attendees(self.ctx.desk, self.meeting.id)
            ]
            invitees = attendance.invitees(self.ctx.desk, self.meeting.id)
        self.model.set_rows(rows)
        self.invitee_model.set_rows(invitees)
        fit_columns(self.view)
        fit_columns(self.invitees)
        if rows:
            self.view.selectRow(min(row, len(rows) - 1))
        editable = self.editable()
        for b in (self.present_btn, self.leave_btn, self.absent_btn, self.reason, self.attended_btn):
            b.setEnabled(editable)
        for b in (self.recuse_btn, self.left_btn, self.clear_btn):
            b.setEnabled(editable and self.item_id is not None)

    def select_judge(self, judge_id: int) -> bool:
        for row, r in enumerate(self.model.rows()):
            if r.attendee.judge_id == judge_id:
                self.view.selectRow(row)
                return True
        return False

    def _selected(self) -> AttendeeRow | None:
        return self.model.record(self.view.currentIndex().row())

    def _set_status(self, status: str) -> None:
        row = self._selected()
        if row is None or self.meeting is None:
            return
        reason = self.reason.text() if status != "present" else ""
        if succeeded(
            self,
            attendance.set_attendance,
            self.ctx.desk,
            self.ctx.actor,
            self.meeting.id,
            row.attendee.judge_id,
            status,
            reason,
        ):
            self.reason.clear()
            self.reload()
            self.changed.emit("meetings")

    def _set_absence(self, kind: str | None) -> None:
        row = self._selected()
        if row is None or self.item_id is None:
            return
        if succeeded(
            self,
            attendance.set_item_absence,
            self.ctx.desk,
            self.ctx.actor,
            self.item_id,
            row.attendee.judge_id,
            kind,
            self.reason.text() if kind else "",
        ):
            self.reason.clear()
            self.reload()
            self.changed.emit("meetings")

    def _toggle_invitee(self) -> None:
        inv = self.invitee_model.record(self.invitees.currentIndex().row())
        if inv is None:
            return
        if succeeded(self, attendance.set_invitee_attended, self.ctx.desk, self.ctx.actor, inv.id, not inv.attended):
            self.reload()
            self.changed.emit("meetings")
