"""会议组: each body's settings (kind, specialty, quorum, deadline, room) and its members and presiders.

A body whose size makes quorum impossible is flagged in the list and above the form, and the flag
follows the quorum settings as they are typed, before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.choices import BODY_KINDS
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _, pgettext
from meetingdesk.services import roster
from meetingdesk.services.court_settings import new_body_input
from meetingdesk.services.roster import Body, BodyInput, BodyOverview, Member

from ui.errors import show_error
from ui.roster.base import ListEditTab
from ui.row_model import OK_COLOUR, WARNING_COLOUR, Column, RowTableModel

FLAG_STYLE = (
    "QLabel#quorumFlag { background: #fef3f2; color: #b42318; border: 1px solid #fda29b;"
    " border-radius: 4px; padding: 6px; }"
)


def body_columns() -> list[Column[BodyOverview]]:
    return [
        Column(_("会议组"), lambda o: o.body.name),
        Column(_("类型"), lambda o: o.body.kind_label),
        Column(pgettext("column", "成员"), lambda o: o.member_count, align_right=True),
        Column(
            _("法定人数"),
            lambda o: o.required,
            align_right=True,
            header_tip=_("按法定比例计算的人数与最低人数中的较大者"),
        ),
        Column(_("材料期限"), lambda o: _("会前{n}个工作日").format(n=o.body.deadline_working_days)),
        Column(
            _("提示"),
            lambda o: _("⚠ 无法达到法定人数") if o.quorum_problem else ("" if o.body.active else _("已停用")),
            tooltip=lambda o: o.quorum_problem or "",
            foreground=lambda o: WARNING_COLOUR if o.quorum_problem else None,
        ),
    ]


def member_columns() -> list[Column[Member]]:
    return [
        Column(_("姓名"), lambda m: m.judge.name),
        Column(_("职务"), lambda m: _(m.judge.post) if m.judge.post else ""),
        Column(_("法官等级"), lambda m: _(m.judge.grade) if m.judge.grade else ""),
        Column(_("晋升日期"), lambda m: m.judge.grade_since.isoformat() if m.judge.grade_since else ""),
        Column(
            _("主持人"),
            lambda m: _("主持人") if m.is_presider else "",
            foreground=lambda m: OK_COLOUR if m.is_presider else None,
        ),
    ]


class BodiesTab(ListEditTab[BodyOverview]):
    name = "bodies"

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.new_text = _("新建会议组")
        self.new_tip = _("设立一个新的专业法官会议")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    # ---- ListEditTab

    def columns(self) -> Sequence[Column[BodyOverview]]:
        return body_columns()

    def key(self, item: BodyOverview) -> int:
        return item.body.id

    def load_rows(self) -> list[BodyOverview]:
        self._reload_rooms()
        self._reload_candidates()
        return [roster.body_overview(self.ctx.desk, b.id) for b in roster.list_bodies(self.ctx.desk)]

    def build_form(self) -> None:
        self.flag = QLabel()
        self.flag.setObjectName("quorumFlag")
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet(FLAG_STYLE)
        self.flag.hide()
        self.form.addRow(self.flag)
        self.body_name = QLineEdit()
        self.body_name.setObjectName("bodyName")
        self.kind = QComboBox()
        self.kind.setObjectName("bodyKind")
        for code, label in BODY_KINDS:
            self.kind.addItem(label, code)
        self.specialty = QLineEdit()
        self.specialty.setObjectName("bodySpecialty")
        self.division = QLineEdit()
        self.division.setObjectName("bodyDivision")
        self.numerator = QSpinBox()
        self.numerator.setObjectName("quorumNumerator")
        self.numerator.setRange(0, 20)
        self.denominator = QSpinBox()
        self.denominator.setObjectName("quorumDenominator")
        self.denominator.setRange(1, 20)
        fraction = QWidget()
        fraction_layout = QHBoxLayout(fraction)
        fraction_layout.setContentsMargins(0, 0, 0, 0)
        fraction_layout.addWidget(self.numerator)
        fraction_layout.addWidget(QLabel("/"))
        fraction_layout.addWidget(self.denominator)
        fraction_layout.addStretch(1)
        self.numerator.setToolTip(_("法定比例的分子（默认1/3中的1）"))
        self.denominator.setToolTip(_("法定比例的分母（默认1/3中的3）"))
        self.minimum = QSpinBox()
        self.minimum.setObjectName("quorumMinimum")
        self.minimum.setRange(0, 50)
        self.minimum.setSuffix(_(" 人"))
        self.deadline = QSpinBox()
        self.deadline.setObjectName("deadlineDays")
        self.deadline.setRange(0, 30)
        self.deadline.setSuffix(_(" 个工作日"))
        self.room = QComboBox()
        self.room.setObjectName("defaultRoom")
        self.secretary = QLineEdit()
        self.secretary.setObjectName("bodySecretary")
        self.phone = QLineEdit()
        self.phone.setObjectName("bodyPhone")
        self.active = QCheckBox(_("启用"))
        self.active.setObjectName("bodyActive")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("bodyNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        self.add_field(_("名称(&M)"), self.body_name, "name", _("会议组名称，如“民事专业法官会议”"))
        self.add_field(_("类型"), self.kind, "kind", _("专业、审判庭、审判团队或跨部门专业法官会议"))
        self.add_field(_("专业领域"), self.specialty, "specialty", _("如刑事、民事、行政、执行"))
        self.add_field(_("所属部门"), self.division, "division", _("审判庭或部门"))
        self.add_field(_("法定比例"), fraction, "quorum", _("出席人数不少于组成人员的该比例"))
        self.add_field(_("最低人数"), self.minimum, "quorum_minimum", _("出席人数不少于该人数（默认5人）"))
        self.add_field(_("材料期限"), self.deadline, "deadline_working_days", _("材料应于会前多少个工作日送达"))
        self.add_field(_("默认会议室"), self.room, "default_room_id", _("安排会议时默认选用的会议室"))
        self.add_field(_("会议秘书"), self.secretary, "secretary_name", _("负责该会议组的秘书"))
        self.add_field(_("联系电话"), self.phone, "contact_phone", _("会议通知上的联系电话"))
        self.add_field(_("状态"), self.active, "active", _("停用后不能再提交新的案件报告"))
        self.add_field(_("备注"), self.notes, "notes", _("备注"))

    def build_extra(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_("组成人员与主持人"))
        box.setObjectName("membersBox")
        self.member_model: RowTableModel[Member] = RowTableModel(
            member_columns(), key=lambda m: m.judge.id, parent=self
        )
        self.members = QTableView()
        self.members.setObjectName("membersTable")
        self.members.setModel(self.member_model)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.setMinimumHeight(160)
        self.candidate = QComboBox()
        self.candidate.setObjectName("memberCandidate")
        self.candidate.setToolTip(_("选择要加入本会议组的员额法官"))
        self.as_presider = QCheckBox(_("担任主持人"))
        self.as_presider.setObjectName("asPresider")
        self.as_presider.setToolTip(_("院长、副院长、审委会专职委员、庭长、副庭长可担任主持人"))
        self.add_member = QPushButton(_("加入"))
        self.add_member.setObjectName("addMember")
        self.add_member.setToolTip(_("将所选法官加入本会议组"))
        self.add_member.clicked.connect(self._on_add_member)
        self.toggle_presider = QPushButton(_("设为/取消主持人"))
        self.toggle_presider.setObjectName("togglePresider")
        self.toggle_presider.setToolTip(_("切换所选成员是否担任主持人"))
        self.toggle_presider.clicked.connect(self._on_toggle_presider)
        self.remove_member = QPushButton(_("移出"))
        self.remove_member.setObjectName("removeMember")
        self.remove_member.setToolTip(_("将所选成员移出本会议组"))
        self.remove_member.clicked.connect(self._on_remove_member)
        adding = QHBoxLayout()
        adding.addWidget(self.candidate, 1)
        adding.addWidget(self.as_presider)
        adding.addWidget(self.add_member)
        changing = QHBoxLayout()
        changing.addStretch(1)
        changing.addWidget(self.toggle_presider)
        changing.addWidget(self.remove_member)
        inner = QVBoxLayout(box)
        inner.addWidget(self.members)
        inner.addLayout(changing)
        inner.addLayout(adding)
        layout.addWidget(box)
        self.members_box = box

    def fill(self, item: BodyOverview | None) -> None:
        b = item.body if item is not None else self._new_body()
        self.body_name.setText(b.name)
        self.kind.setCurrentIndex(max(self.kind.findData(b.kind), 0))
        self.specialty.setText(b.specialty)
        self.division.setText(b.division)
        self.numerator.setValue(b.quorum_numerator)
        self.denominator.setValue(b.quorum_denominator)
        self.minimum.setValue(b.quorum_minimum)
        self.deadline.setValue(b.deadline_working_days)
        self.room.setCurrentIndex(max(self.room.findData(b.default_room_id), 0))
        self.secretary.setText(b.secretary_name)
        self.phone.setText(b.contact_phone)
        self.active.setChecked(b.active)
        self.notes.setPlainText(b.notes)

    def _new_body(self) -> Body:
        """A blank body with the court's default quorum rule and materials deadline (设置 page)."""
        d = new_body_input(self.ctx.desk)
        return Body(
            id=0,
            name="",
            quorum_numerator=d.quorum_numerator,
            quorum_denominator=d.quorum_denominator,
            quorum_minimum=d.quorum_minimum,
            deadline_working_days=d.deadline_working_days,
        )

    def title_for(self, item: BodyOverview | None) -> str:
        return item.body.name if item is not None else _("新会议组")

    def write(self) -> int:
        data = self.collect()
        if self.current_id is None:
            return roster.create_body(self.ctx.desk, self.ctx.actor, data).id
        return roster.update_body(self.ctx.desk, self.ctx.actor, self.current_id, data).id

    def after_show(self, item: BodyOverview | None) -> None:
        self.member_model.set_rows(item.members if item is not None else [])
        self.members.resizeColumnsToContents()
        self.members_box.setEnabled(item is not None)
        for w in (self.candidate, self.as_presider, self.add_member, self.toggle_presider, self.remove_member):
            w.setVisible(self.can_edit)
        self._reload_candidates()
        self._update_flag()

    def on_form_changed(self) -> None:
        self._update_flag()

    # ---- public API

    def collect(self) -> BodyInput:
        return BodyInput(
            name=self.body_name.text(),
            kind=str(self.kind.currentData()),
            specialty=self.specialty.text(),
            division=self.division.text(),
            quorum_numerator=self.numerator.value(),
            quorum_denominator=self.denominator.value(),
            quorum_minimum=self.minimum.value(),
            deadline_working_days=self.deadline.value(),
            default_room_id=self.room.currentData(),
            secretary_name=self.secretary.text(),
            contact_phone=self.phone.text(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def preview(self) -> BodyOverview:
        """The body as typed (unsaved quorum settings included), with its current members."""
        data = self.collect()
        body = replace(
            Body(id=self.current_id or 0, name=data.name),
            quorum_numerator=data.quorum_numerator,
            quorum_denominator=max(data.quorum_denominator, 1),
            quorum_minimum=data.quorum_minimum,
        )
        return BodyOverview(body, self.member_model.rows())

    def flag_text(self) -> str:
        return self.flag.text() if not self.flag.isHidden() else ""

    # ---- internals

    def _update_flag(self) -> None:
        data = self.collect()
        if data.quorum_numerator > data.quorum_denominator:
            self.flag.setText(_("⚠ 法定比例应在0到1之间，例如1/3。"))
            self.flag.show()
            return
        problem = self.preview().quorum_problem
        self.flag.setText(_("⚠ {problem}").format(problem=problem) if problem else "")
        self.flag.setVisible(bool(problem))

    def _reload_rooms(self) -> None:
        current = self.room.currentData()
        self.room.blockSignals(True)
        try:
            self.room.clear()
            self.room.addItem(_("（不指定）"), None)
            for r in roster.list_rooms(self.ctx.desk, active_only=True):
                self.room.addItem(r.name, r.id)
            self.room.setCurrentIndex(max(self.room.findData(current), 0))
        finally:
            self.room.blockSignals(False)

    def _reload_candidates(self) -> None:
        if not hasattr(self, "candidate"):
            return
        members = {m.judge.id for m in self.member_model.rows()}
        self.candidate.clear()
        for j in roster.list_judges(self.ctx.desk, active_only=True, judges_only=True):
            if j.id not in members:
                label = _("{name}（{post}，{grade}）").format(
                    name=j.name, post=_(j.post) if j.post else "-", grade=_(j.grade) if j.grade else "-"
                )
                self.candidate.addItem(label, j.id)
        self.add_member.setEnabled(self.candidate.count() > 0)

    def _selected_member(self) -> Member | None:
        rows = self.members.selectionModel().selectedRows()
        return self.member_model.row_at(rows[0].row()) if rows else None

    def _membership(self, judge_id: int, *, member: bool, presider: bool) -> None:
        if self.current_id is None:
            return
        try:
            roster.set_membership(
                self.ctx.desk, self.ctx.actor, self.current_id, judge_id, member=member, presider=presider
            )
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self.ctx.changed("roster")
        dirty = self.dirty
        if dirty:  # keep what is being typed in the form; refresh only the members and the flag
            overview = roster.body_overview(self.ctx.desk, self.current_id)
            self.member_model.set_rows(overview.members)
            self._reload_candidates()
            self._update_flag()
            self.model.set_rows(self.load_rows())
            self.select_row(self.model.row_of_key(self.current_id), show=False)
        else:
            self.reload(self.current_id)
        row = self.member_model.row_of_key(judge_id)
        if row >= 0:
            self.members.selectRow(row)

    def _on_add_member(self) -> None:
        judge_id = self.candidate.currentData()
        if judge_id is not None:
            self._membership(int(judge_id), member=True, presider=self.as_presider.isChecked())
            self.as_presider.setChecked(False)

    def _on_toggle_presider(self) -> None:
        m = self._selected_member()
        if m is not None:
            self._membership(m.judge.id, member=True, presider=not m.is_presider)

    def _on_remove_member(self) -> None:
        m = self._selected_member()
        if m is not None:
            self._membership(m.judge.id, member=False, presider=False)

    def focus_first(self) -> None:
        self.body_name.setFocus(Qt.FocusReason.OtherFocusReason)
