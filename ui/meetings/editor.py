"""The meeting editor: body, time, room, presider, 列席, the materials deadline and conflicts as you edit."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.choices import INVITEE_KINDS
from meetingdesk.i18n import _, ngettext
from meetingdesk.services import attendance, meeting_views, roster
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services.attendance import Invitee
from meetingdesk.services.meetings import Meeting, MeetingInput
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.actions import attempt, succeeded
from ui.meetings.labels import day_text
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import ConflictList, Debouncer, chain_tab_order, fit_columns, setup_table, ui_locale

EDITABLE_STATES = ("planned", "notified")


def invitee_columns() -> list[Column[Invitee]]:
    return [
        Column(_("姓名"), lambda i: i.name),
        Column(_("类别"), lambda i: i.kind_label),
        Column(_("单位"), lambda i: i.unit),
        Column(_("到会"), lambda i: _("是") if i.attended else _("否")),
    ]


class MeetingEditor(QWidget):
    """Edits one meeting (or a new one). Conflicts are checked as the user edits; blocking ones stop saving."""

    saved = Signal(int)
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self._loading = False
        self.can_edit = allowed(ctx.actor, "meeting.edit")

        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setStyleSheet("font-size:15px; font-weight:bold;")
        self.heading.setWordWrap(True)

        self.body = QComboBox()
        self.body.setObjectName("body")
        self.body.setToolTip(_("会议所属的专业法官会议；已安排的会议不能更改"))
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setPlaceholderText(_("可留空，默认为“会议组名称（日期）”"))
        self.title.setToolTip(_("会议名称，可留空"))
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setLocale(ui_locale())
        self.day.setDisplayFormat("yyyy-MM-dd ddd")
        self.day.setToolTip(_("会议日期；非工作日和节假日会提示"))
        self.start = QTimeEdit()
        self.start.setObjectName("start")
        self.start.setDisplayFormat("HH:mm")
        self.start.setToolTip(_("开始时间"))
        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(15, 720)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(_(" 分钟"))
        self.duration.setToolTip(_("预计会议时长，用于判断会议室和人员是否冲突"))
        self.room = QComboBox()
        self.room.setObjectName("room")
        self.room.setToolTip(_("会议室；同一时间已被占用时不能保存"))
        self.presider = QComboBox()
        self.presider.setObjectName("presider")
        self.presider.setToolTip(_("主持人：院长、副院长、审委会专职委员、庭长、副庭长；同一时间另有会议时不能保存"))
        self.recorder = QLineEdit()
        self.recorder.setObjectName("recorder")
        self.recorder.setToolTip(_("会议记录人"))
        self.contact = QLineEdit()
        self.contact.setObjectName("contact")
        self.contact.setToolTip(_("会议通知上的联系人和电话"))

        self.deadline = QLabel()
        self.deadline.setObjectName("deadline")
        self.deadline.setWordWrap(True)
        self.deadline.setToolTip(_("材料送达截止日按法定节假日和调休安排计算工作日"))
        self.conflicts = ConflictList()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("会议组(&B)："), self.body)
        form.addRow(_("会议名称(&N)："), self.title)
        when = QHBoxLayout()
        when.addWidget(self.day, 2)
        when.addWidget(self.start, 1)
        when.addWidget(self.duration, 1)
        day_label = QLabel(_("时间(&D)："))
        day_label.setBuddy(self.day)
        form.addRow(day_label, when)
        form.addRow(_("会议室(&R)："), self.room)
        form.addRow(_("主持人(&P)："), self.presider)
        form.addRow(_("记录人(&E)："), self.recorder)
        form.addRow(_("联系方式(&C)："), self.contact)
        form.addRow(_("材料截止："), self.deadline)

        self.save_btn = QPushButton(_("保存"))
        self.save_btn.setObjectName("saveMeeting")
        self.save_btn.setToolTip(_("保存会议安排（Ctrl+S）"))
        self.save_btn.clicked.connect(self.save)
        self.notify_btn = QPushButton(_("标记已通知"))
        self.notify_btn.setObjectName("notifyMeeting")
        self.notify_btn.setToolTip(_("会议通知已发出后，标记为“已通知”"))
        self.notify_btn.clicked.connect(self._notify)
        self.cancel_btn = QPushButton(_("取消会议…"))
        self.cancel_btn.setObjectName("cancelMeeting")
        self.cancel_btn.setToolTip(_("取消本次会议（须写明原因），议程上的案件退回“已受理”"))
        self.cancel_btn.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.notify_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_btn)

        conflicts_box = QGroupBox(_("冲突与提醒"))
        cbox = QVBoxLayout(conflicts_box)
        cbox.addWidget(self.conflicts)

        # 列席
        self.invitee_model = RecordTableModel(invitee_columns(), self)
        self.invitees = QTableView()
        self.invitees.setObjectName("invitees")
        self.invitees.setModel(self.invitee_model)
        setup_table(self.invitees, stretch=2)
        self.invitees.setMaximumHeight(120)
        self.invitees.setToolTip(_("列席人员可以发言，但不计入法定人数，也不计入成员意见"))
        self.inv_person = QComboBox()
        self.inv_person.setObjectName("inviteePerson")
        self.inv_person.setToolTip(_("从人员名单中选择，或选“手工填写”后输入姓名"))
        self.inv_person.currentIndexChanged.connect(self._person_chosen)
        self.inv_name = QLineEdit()
        self.inv_name.setObjectName("inviteeName")
        self.inv_name.setPlaceholderText(_("姓名"))
        self.inv_name.setToolTip(_("列席人员姓名"))
        self.inv_kind = QComboBox()
        self.inv_kind.setObjectName("inviteeKind")
        self.inv_kind.setToolTip(_("列席人员类别"))
        for code, label in INVITEE_KINDS:
            self.inv_kind.addItem(label, code)
        self.inv_unit = QLineEdit()
        self.inv_unit.setObjectName("inviteeUnit")
        self.inv_unit.setPlaceholderText(_("单位"))
        self.inv_unit.setToolTip(_("所在单位或部门"))
        self.inv_add = QPushButton(_("邀请列席"))
        self.inv_add.setObjectName("addInvitee")
        self.inv_add.setToolTip(_("邀请该人员列席本次会议"))
        self.inv_add.clicked.connect(self._add_invitee)
        self.inv_remove = QPushButton(_("移除"))
        self.inv_remove.setToolTip(_("移除所选列席人员（已发言者不能移除）"))
        self.inv_remove.clicked.connect(self._remove_invitee)
        inv_row1 = QHBoxLayout()
        inv_row1.addWidget(self.inv_person, 2)
        inv_row1.addWidget(self.inv_name, 2)
        inv_row2 = QHBoxLayout()
        inv_row2.addWidget(self.inv_kind, 2)
        inv_row2.addWidget(self.inv_unit, 2)
        inv_row2.addWidget(self.inv_add)
        inv_row2.addWidget(self.inv_remove)
        self.invitee_box = QGroupBox(_("列席人员（不计入法定人数）"))
        ibox = QVBoxLayout(self.invitee_box)
        ibox.addWidget(self.invitees)
        ibox.addLayout(inv_row1)
        ibox.addLayout(inv_row2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(conflicts_box)
        layout.addWidget(self.invitee_box, 1)

        for w in (self.title, self.recorder, self.contact):
            w.textEdited.connect(self._edited)
        for combo in (self.room, self.presider):
            combo.currentIndexChanged.connect(self._edited)
        self.body.currentIndexChanged.connect(self._body_changed)
        self.day.dateChanged.connect(self._edited)
        self.start.timeChanged.connect(self._edited)
        self.duration.valueChanged.connect(self._edited)
        self._check = Debouncer(self.check_now, 150, self)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        chain = [
            self.body,
            self.title,
            self.day,
            self.start,
            self.duration,
            self.room,
            self.presider,
            self.recorder,
            self.contact,
            self.save_btn,
            self.notify_btn,
            self.cancel_btn,
            self.inv_person,
            self.inv_name,
            self.inv_kind,
            self.inv_unit,
            self.inv_add,
            self.inv_remove,
        ]
        chain_tab_order(chain)
        self.dirty = False

    # ---- loading

    def _fill_bodies(self) -> None:
        self.body.blockSignals(True)
        self.body.clear()
        for b in roster.list_bodies(self.ctx.desk, active_only=True):
            self.body.addItem(b.name, b.id)
        self.body.blockSignals(False)

    def _fill_rooms(self, selected: int | None) -> None:
        self.room.blockSignals(True)
        self.room.clear()
        self.room.addItem(_("（未定）"), None)
        for r in roster.list_rooms(self.ctx.desk, active_only=True):
            label = r.name + (_("（{n}人）").format(n=r.capacity) if r.capacity else "")
            self.room.addItem(label, r.id)
        self.room.setCurrentIndex(max(self.room.findData(selected), 0))
        self.room.blockSignals(False)

    def _fill_presiders(self, body_id: int | None, selected: int | None) -> None:
        self.presider.blockSignals(True)
        self.presider.clear()
        self.presider.addItem(_("（未定）"), None)
        if body_id is not None:
            for m in roster.body_members(self.ctx.desk, body_id):
                mark = _("（主持人）") if m.is_presider else ""
                self.presider.addItem(f"{m.judge.name} {m.judge.post}{mark}", m.judge.id)
        self.presider.setCurrentIndex(max(self.presider.findData(selected), 0))
        self.presider.blockSignals(False)

    def _fill_people(self) -> None:
        self.inv_person.blockSignals(True)
        self.inv_person.clear()
        self.inv_person.addItem(_("（手工填写）"), None)
        members: set[int] = set()
        if self.meeting is not None:
            members = {a.judge_id for a in attendance.attendees(self.ctx.desk, self.meeting.id)}
        for j in roster.list_judges(self.ctx.desk, active_only=True):
            if j.id not in members:
                self.inv_person.addItem(f"{j.name} {j.division}{j.post}", j.id)
        self.inv_person.blockSignals(False)

    def load(self, meeting_id: int | None, *, day: date | None = None) -> None:
        """Show a meeting, or a new one (on ``day`` if given)."""
        self._loading = True
        self._fill_bodies()
        self.meeting = meetings_svc.get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None
        m = self.meeting
        if m is None:
            start = datetime.combine(day or self._next_workday(), time(9, 0))
            body_id = self.body.itemData(0) if self.body.count() else None
            default_room = roster.get_body(self.ctx.desk, body_id).default_room_id if body_id is not None else None
            self.body.setCurrentIndex(0)
            self.title.clear()
            self.day.setDate(QDate(start.year, start.month, start.day))
            self.start.setTime(QTime(start.hour, start.minute))
            self.duration.setValue(120)
            self._fill_rooms(default_room)
            presiders = [x for x in roster.body_members(self.ctx.desk, body_id) if x.is_presider] if body_id else []
            self._fill_presiders(body_id, presiders[0].judge.id if presiders else None)
            self.recorder.clear()
            self.contact.clear()
            self.heading.setText(_("新建会议"))
        else:
            self.body.setCurrentIndex(max(self.body.findData(m.body_id), 0))
            self.title.setText(m.title)
            self.day.setDate(QDate(m.starts_at.year, m.starts_at.month, m.starts_at.day))
            self.start.setTime(QTime(m.starts_at.hour, m.starts_at.minute))
            self.duration.setValue(m.planned_minutes)
            self._fill_rooms(m.room_id)
            self._fill_presiders(m.body_id, m.presider_id)
            self.recorder.setText(m.recorder)
            self.contact.setText(m.contact)
            self.heading.setText(
                _("{title} · {state}").format(title=m.display_title, state=m.state_label)
                + (_("（{reason}）").format(reason=m.state_reason) if m.state_reason else "")
            )
        self._fill_people()
        self._load_invitees()
        self._apply_editability()
        self._loading = False
        self.dirty = False
        self.check_now()

    def _next_workday(self) -> date:
        cal = meetings_svc.work_calendar(self.ctx.desk)
        day = self.ctx.desk.now().date() + timedelta(days=7)
        while not cal.is_workday(day):
            day += timedelta(days=1)
        return day

    def _load_invitees(self) -> None:
        rows = attendance.invitees(self.ctx.desk, self.meeting.id) if self.meeting else []
        self.invitee_model.set_rows(rows)
        fit_columns(self.invitees)

    def editable(self) -> bool:
        return self.can_edit and (self.meeting is None or self.meeting.state in EDITABLE_STATES)

    def _apply_editability(self) -> None:
        editable = self.editable()
        for w in (self.title, self.day, self.start, self.duration, self.room, self.presider, self.recorder):
            w.setEnabled(editable)
        self.contact.setEnabled(editable)
        self.body.setEnabled(editable and self.meeting is None)
        self.save_btn.setEnabled(editable)
        m = self.meeting
        self.notify_btn.setEnabled(self.can_edit and m is not None and m.state == "planned")
        self.cancel_btn.setEnabled(self.can_edit and m is not None and m.state in EDITABLE_STATES)
        inv_ok = self.can_edit and m is not None and m.state not in ("cancelled", "adjourned") and not m.locked
        for widget in (self.inv_person, self.inv_name, self.inv_kind, self.inv_unit, self.inv_add, self.inv_remove):
            widget.setEnabled(inv_ok)
        self.invitee_box.setTitle(
            _("列席人员（不计入法定人数）") if m is not None else _("列席人员（保存会议后可邀请）")
        )

    # ---- editing

    def _body_changed(self) -> None:
        if self._loading:
            return
        body_id = self.body.currentData()
        presiders = [x for x in roster.body_members(self.ctx.desk, body_id) if x.is_presider] if body_id else []
        self._fill_presiders(body_id, presiders[0].judge.id if presiders else None)
        if body_id is not None and self.room.currentData() is None:
            self._fill_rooms(roster.get_body(self.ctx.desk, body_id).default_room_id)
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._check.poke()

    def current_input(self) -> MeetingInput | None:
        body_id = self.body.currentData()
        if body_id is None:
            return None
        d, t = self.day.date(), self.start.time()
        return MeetingInput(
            body_id=int(body_id),
            starts_at=datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()),
            planned_minutes=self.duration.value(),
            room_id=self.room.currentData(),
            presider_id=self.presider.currentData(),
            recorder=self.recorder.text(),
            contact=self.contact.text(),
            title=self.title.text(),
        )

    def check_now(self) -> None:
        """Show the materials deadline and every conflict of what is on screen now."""
        self._check.cancel()
        data = self.current_input()
        if data is None:
            self.deadline.setText(_("请先在“成员与会议组”中设立会议组。"))
            self.conflicts.show_conflicts([])
            self.save_btn.setEnabled(False)
            return
        deadline = meeting_views.deadline_for(self.ctx.desk, data.body_id, data.starts_at.date())
        left = (deadline.due - self.ctx.desk.now().date()).days
        suffix = (
            _("（已过）")
            if left < 0
            else (_("（今天）") if left == 0 else ngettext("（还有{n}天）", "（还有{n}天）", left).format(n=left))
        )
        self.deadline.setText(deadline.explain() + suffix)
        if not self.editable():
            self.conflicts.show_conflicts([])
            return
        meeting_id = self.meeting.id if self.meeting else None
        self.conflicts.show_conflicts(meetings_svc.check_schedule(self.ctx.desk, data, meeting_id))
        blocking = self.conflicts.blocking
        self.save_btn.setEnabled(not blocking)
        self.save_btn.setToolTip(
            _("存在冲突，须先更换时间、会议室或主持人才能保存") if blocking else _("保存会议安排（Ctrl+S）")
        )

    def save(self) -> None:
        if not self.editable():
            return
        self.check_now()
        if self.conflicts.blocking:
            return
        data = self.current_input()
        if data is None:
            return
        if self.meeting is None:
            saved = attempt(self, meetings_svc.create_meeting, self.ctx.desk, self.ctx.actor, data)
        else:
            saved = attempt(self, meetings_svc.update_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id, data)
        if saved is None:
            return
        self.dirty = False
        note = (
            ngettext(
                "会议已保存（{n}条提醒，请留意）。", "会议已保存（{n}条提醒，请留意）。", len(saved.warnings)
            ).format(n=len(saved.warnings))
            if saved.warnings
            else _("会议已保存。")
        )
        self.ctx.signals.sig_status_message.emit(note + " " + day_text(saved.meeting.starts_at.date()))
        self.load(saved.meeting.id)
        self.changed.emit("meetings")
        self.saved.emit(saved.meeting.id)

    def _notify(self) -> None:
        if self.meeting is None:
            return
        if attempt(self, meetings_svc.notify_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id):
            self.load(self.meeting.id)
            self.changed.emit("meetings")

    def _cancel(self) -> None:
        if self.meeting is None:
            return
        reason, ok = QInputDialog.getText(self, _("取消会议"), _("取消原因："))
        if not ok:
            return
        if attempt(self, meetings_svc.cancel_meeting, self.ctx.desk, self.ctx.actor, self.meeting.id, reason):
            self.load(self.meeting.id)
            self.changed.emit("meetings")

    # ---- 列席

    def _person_chosen(self) -> None:
        judge_id = self.inv_person.currentData()
        if judge_id is None:
            return
        judge = roster.get_judge(self.ctx.desk, judge_id)
        self.inv_name.setText(judge.name)
        self.inv_unit.setText(judge.division or judge.court)
        kind = "assistant" if not judge.is_judge else "other_judge"
        self.inv_kind.setCurrentIndex(max(self.inv_kind.findData(kind), 0))

    def _add_invitee(self) -> None:
        if self.meeting is None:
            return
        judge_id = self.inv_person.currentData()
        added = attempt(
            self,
            attendance.add_invitee,
            self.ctx.desk,
            self.ctx.actor,
            self.meeting.id,
            self.inv_name.text(),
            self.inv_kind.currentData(),
            self.inv_unit.text(),
            judge_id,
        )
        if added is None:
            return
        self.inv_name.clear()
        self.inv_unit.clear()
        self.inv_person.setCurrentIndex(0)
        self._load_invitees()
        self._fill_people()
        self.changed.emit("meetings")

    def _remove_invitee(self) -> None:
        record = self.invitee_model.record(self.invitees.currentIndex().row())
        if record is None:
            return
        if not succeeded(self, attendance.remove_invitee, self.ctx.desk, self.ctx.actor, record.id):
            return
        self._load_invitees()
        self._fill_people()
        self.changed.emit("meetings")
