"""人员: judges (with 法官等级 and the date promoted to it, which fix the speaking order) and other staff."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from meetingdesk.domain.choices import POSTS
from meetingdesk.domain.grades import GRADES
from meetingdesk.i18n import _
from meetingdesk.services import roster
from meetingdesk.services.roster import Judge, JudgeInput

from ui.roster.base import ListEditTab
from ui.row_model import MUTED_COLOUR, Column


class JudgesTab(ListEditTab[Judge]):
    name = "judges"

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.new_text = _("新增人员")
        self.new_tip = _("登记一名法官或其他人员")
        self._bodies_of: dict[int, list[str]] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def columns(self) -> Sequence[Column[Judge]]:
        def muted(j: Judge) -> QColor | None:
            return MUTED_COLOUR if not j.active else None

        return [
            Column(_("姓名"), lambda j: j.name, foreground=muted),
            Column(_("职务"), lambda j: _(j.post) if j.post else "", foreground=muted),
            Column(_("部门"), lambda j: j.division, foreground=muted),
            Column(_("法官等级"), lambda j: _(j.grade) if j.grade else _("（非员额法官）"), foreground=muted),
            Column(_("晋升日期"), lambda j: j.grade_since.isoformat() if j.grade_since else "", foreground=muted),
            Column(_("状态"), lambda j: _("在职") if j.active else _("已停用"), foreground=muted),
            Column(
                _("所在会议组"),
                lambda j: _("、").join(self._bodies_of.get(j.id, [])),
                tooltip=lambda j: "\n".join(self._bodies_of.get(j.id, [])),
                foreground=muted,
            ),
        ]

    def key(self, item: Judge) -> int:
        return item.id

    def load_rows(self) -> list[Judge]:
        self._bodies_of = {}
        for body in roster.list_bodies(self.ctx.desk):
            for m in roster.body_members(self.ctx.desk, body.id, active_only=False):
                short = body.name.removesuffix(_("专业法官会议")) or body.name
                name = short + (_("（主持人）") if m.is_presider else "")
                self._bodies_of.setdefault(m.judge.id, []).append(name)
        return roster.list_judges(self.ctx.desk)

    def build_form(self) -> None:
        self.judge_name = QLineEdit()
        self.judge_name.setObjectName("judgeName")
        self.court = QLineEdit()
        self.court.setObjectName("judgeCourt")
        self.division = QLineEdit()
        self.division.setObjectName("judgeDivision")
        self.post = QComboBox()
        self.post.setObjectName("judgePost")
        self.post.setEditable(True)
        for post in POSTS:
            self.post.addItem(_(post), post)
        self.is_judge = QCheckBox(_("员额法官（可为会议组成员）"))
        self.is_judge.setObjectName("isJudge")
        self.grade = QComboBox()
        self.grade.setObjectName("judgeGrade")
        self.grade.addItem(_("（无）"), None)
        for grade in GRADES:
            self.grade.addItem(_(grade), grade)
        self.grade_since = QDateEdit()
        self.grade_since.setObjectName("gradeSince")
        self.grade_since.setCalendarPopup(True)
        self.grade_since.setDisplayFormat("yyyy-MM-dd")
        self.active = QCheckBox(_("在职"))
        self.active.setObjectName("judgeActive")
        self.phone = QLineEdit()
        self.phone.setObjectName("judgePhone")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("judgeNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        self.add_field(_("姓名(&M)"), self.judge_name, "name", _("姓名"))
        self.add_field(_("法院"), self.court, "court", _("所在法院"))
        self.add_field(_("部门"), self.division, "division", _("审判庭或部门"))
        self.add_field(_("职务"), self.post, "post", _("院长、庭长、审判员等；可直接输入"))
        self.add_field(_("身份"), self.is_judge, "is_judge", _("员额法官才能成为会议组成员；其他人员可作为列席人员"))
        self.add_field(_("法官等级(&G)"), self.grade, "grade", _("发言顺序由低等级到高等级"))
        self.add_field(
            _("晋升日期"), self.grade_since, "grade_since", _("晋升至现等级的日期：同等级时晋升在后者先发言")
        )
        self.add_field(_("状态"), self.active, "active", _("停用后不再列入新的会议"))
        self.add_field(_("电话"), self.phone, "phone", _("联系电话"))
        self.add_field(_("备注"), self.notes, "notes", _("备注"))

    def fill(self, item: Judge | None) -> None:
        j = item or Judge(id=0, name="", is_judge=True, active=True)
        self.judge_name.setText(j.name)
        self.court.setText(j.court)
        self.division.setText(j.division)
        index = self.post.findData(j.post)
        if index >= 0:
            self.post.setCurrentIndex(index)
        else:
            self.post.setEditText(j.post)
        self.is_judge.setChecked(j.is_judge)
        self.grade.setCurrentIndex(max(self.grade.findData(j.grade), 0))
        since = j.grade_since or self.ctx.desk.now().date()
        self.grade_since.setDate(QDate(since.year, since.month, since.day))
        self.active.setChecked(j.active)
        self.phone.setText(j.phone)
        self.notes.setPlainText(j.notes)

    def title_for(self, item: Judge | None) -> str:
        return item.name if item is not None else _("新增人员")

    def write(self) -> int:
        data = self.collect()
        if self.current_id is None:
            return roster.create_judge(self.ctx.desk, self.ctx.actor, data).id
        return roster.update_judge(self.ctx.desk, self.ctx.actor, self.current_id, data).id

    def collect(self) -> JudgeInput:
        qd = self.grade_since.date()
        grade = self.grade.currentData()
        post_index = self.post.findText(self.post.currentText())
        post = self.post.itemData(post_index) if post_index >= 0 else self.post.currentText()
        return JudgeInput(
            name=self.judge_name.text(),
            court=self.court.text(),
            division=self.division.text(),
            post=str(post or ""),
            grade=grade,
            grade_since=date(qd.year(), qd.month(), qd.day()) if grade else None,
            is_judge=self.is_judge.isChecked(),
            active=self.active.isChecked(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )
