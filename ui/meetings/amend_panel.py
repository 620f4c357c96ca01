"""Corrections to final minutes (更正记录): what is corrected, to what, and why; all of it kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import discussion, minutes
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.minutes import Amendment
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.meetings.actions import attempt
from ui.meetings.item_texts import TEXT_LABELS
from ui.meetings.labels import stance_text
from ui.meetings.minutes_view import target_text
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import fit_columns, setup_table


def amendment_columns() -> list[Column[Amendment]]:
    return [
        Column(_("时间"), lambda a: a.made_at.strftime("%m-%d %H:%M")),
        Column(_("更正人"), lambda a: a.made_by),
        Column(_("内容"), lambda a: target_text(a.target)),
        Column(_("理由"), lambda a: a.reason, tooltip=lambda a: a.reason),
        Column(_("更正前"), lambda a: a.before, tooltip=lambda a: a.before),
        Column(_("更正后"), lambda a: a.after, tooltip=lambda a: a.after),
    ]


class AmendPanel(QWidget):
    """The amendment form and the amendments already recorded (shown once the minutes are final)."""

    changed = Signal(str)
    amended = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.amend_item = QComboBox()
        self.amend_item.setObjectName("amendItem")
        self.amend_item.setToolTip(_("要更正的议题"))
        self.amend_item.currentIndexChanged.connect(self._fill_targets)
        self.amend_target = QComboBox()
        self.amend_target.setObjectName("amendTarget")
        self.amend_target.setToolTip(_("要更正的内容：议题的文字部分，或某位发言人的意见"))
        self.amend_target.currentIndexChanged.connect(self._target_chosen)
        self.amend_stance = QComboBox()
        self.amend_stance.setObjectName("amendStance")
        self.amend_stance.setToolTip(_("更正后的意见类型"))
        self.amend_value = QPlainTextEdit()
        self.amend_value.setObjectName("amendValue")
        self.amend_value.setTabChangesFocus(True)
        self.amend_value.setToolTip(_("更正后的内容"))
        self.amend_reason = QLineEdit()
        self.amend_reason.setObjectName("amendReason")
        self.amend_reason.setToolTip(_("更正理由（必填），将记入会议记录"))
        self.amend_btn = QPushButton(_("登记更正"))
        self.amend_btn.setObjectName("amend")
        self.amend_btn.setToolTip(_("以更正记录方式修改已定稿的会议记录（更正前后内容和理由均保留）"))
        self.amend_btn.clicked.connect(self._amend)
        self.amend_note = QLabel()
        self.amend_note.setWordWrap(True)
        self.amendment_model = RecordTableModel(amendment_columns(), self)
        self.amendments = QTableView()
        self.amendments.setObjectName("amendments")
        self.amendments.setModel(self.amendment_model)
        setup_table(self.amendments)
        amend_form = QFormLayout()
        amend_form.addRow(_("议题(&M)："), self.amend_item)
        amend_form.addRow(_("内容(&T)："), self.amend_target)
        amend_form.addRow(_("意见："), self.amend_stance)
        amend_form.addRow(_("更正为(&V)："), self.amend_value)
        amend_form.addRow(_("理由(&Y)："), self.amend_reason)
        al = QVBoxLayout(self)
        al.addWidget(self.amend_note)
        al.addLayout(amend_form)
        al.addWidget(self.amend_btn, 0, Qt.AlignmentFlag.AlignRight)
        al.addWidget(QLabel(_("已登记的更正：")))
        al.addWidget(self.amendments, 1)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.amend_item,
            self.amend_target,
            self.amend_stance,
            self.amend_value,
            self.amend_reason,
            self.amend_btn,
            self.amendments,
        ]

    def set_amendments(self, amendments: list[Amendment]) -> None:
        self.amendment_model.set_rows(amendments)
        fit_columns(self.amendments, cap=150)

    def load(self, meeting: Meeting | None) -> None:
        self.meeting = m = meeting
        self.amend_item.blockSignals(True)
        self.amend_item.clear()
        if m is not None:
            for i in agenda_svc.agenda(self.ctx.desk, m.id):
                self.amend_item.addItem(f"{i.position}. {i.case_number} {i.cause}", i.id)
        self.amend_item.blockSignals(False)
        can = bool(m and m.locked and allowed(self.ctx.actor, "minutes.amend"))
        for w in (self.amend_item, self.amend_target, self.amend_stance, self.amend_value, self.amend_reason):
            w.setEnabled(can)
        self.amend_btn.setEnabled(can)
        if m is None:
            self.amend_note.setText("")
        elif m.locked:
            self.amend_note.setText(
                _("会议记录已定稿锁定。如需更正，请选择内容、填写更正后的文字和理由；更正前后内容都将保留在记录中。")
            )
        else:
            self.amend_note.setText(_("会议记录尚未定稿，可直接在“会中”修改，无需登记更正。"))
        self._fill_targets()

    def _fill_targets(self) -> None:
        self.amend_target.blockSignals(True)
        self.amend_target.clear()
        item_id = self.amend_item.currentData()
        if item_id is not None:
            for field, label in TEXT_LABELS.items():
                self.amend_target.addItem(_(label), f"field:{field}")
            for op in discussion.opinions(self.ctx.desk, item_id):
                self.amend_target.addItem(
                    _("发言：{name}（第{r}轮）").format(name=op.name, r=op.round), f"opinion:{op.id}"
                )
        self.amend_target.blockSignals(False)
        self._target_chosen()

    def _target_chosen(self) -> None:
        target = self.amend_target.currentData()
        item_id = self.amend_item.currentData()
        self.amend_stance.clear()
        self.amend_value.clear()
        if not target or item_id is None:
            return
        kind, _sep, key = str(target).partition(":")
        if kind == "field":
            item = agenda_svc.get_item(self.ctx.desk, item_id)
            self.amend_value.setPlainText(str(getattr(item, key)))
            self.amend_stance.setEnabled(False)
            return
        op = next((o for o in discussion.opinions(self.ctx.desk, item_id) if str(o.id) == key), None)
        if op is None:
            return
        for stance in discussion.stances_for(self.ctx.desk, item_id):
            self.amend_stance.addItem(stance_text(stance), stance)
        self.amend_stance.setCurrentIndex(max(self.amend_stance.findData(op.stance), 0))
        self.amend_stance.setEnabled(self.amend_btn.isEnabled())
        self.amend_value.setPlainText(op.reasons)

    def _amend(self) -> None:
        target = self.amend_target.currentData()
        if self.meeting is None or not target:
            return
        kind, _sep, key = str(target).partition(":")
        if kind == "field":
            kwargs: dict[str, Any] = {
                "item_id": self.amend_item.currentData(),
                "field_name": key,
                "value": self.amend_value.toPlainText(),
            }
        else:
            kwargs = {
                "opinion_id": int(key),
                "stance": self.amend_stance.currentData(),
                "reasons_text": self.amend_value.toPlainText(),
            }
        done = attempt(
            self,
            minutes.amend,
            self.ctx.desk,
            self.ctx.actor,
            self.meeting.id,
            reason=self.amend_reason.text(),
            **kwargs,
        )
        if done:
            self.amend_reason.clear()
            self.ctx.signals.sig_status_message.emit(_("更正已登记。"))
            self.amended.emit()
            self.changed.emit("meetings")
