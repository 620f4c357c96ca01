"""Follow-up of each discussed item: the panel's 复议 and 采纳, the 审委会 referral advice, referral and
result, and “生成参考性案例”: a draft reference case pre-filled from the item, shown in the library page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.domain.choices import ADOPTION
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services import followups, meeting_views
from meetingdesk.services.followups import Followup
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.actions import attempt
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import fit_columns, setup_table, ui_locale
from ui.prompts import ask


def followup_columns(today: Callable[[], date]) -> list[Column[Followup]]:
    return [
        Column(_("案号"), lambda f: f.case_number, tooltip=lambda f: f.cause),
        Column(_("复议"), lambda f: f.reconsidered_on.isoformat() if f.reconsidered_on else _("待复议")),
        Column(_("采纳情况"), lambda f: f.adoption_label),
        Column(
            _("审委会"),
            lambda f: (_("已提交") + (_("，已有结果") if f.committee_result else "")) if f.referred else "",
        ),
        Column(
            _("期限"),
            lambda f: f.due_on.isoformat() if f.due_on else "",
            foreground=lambda f: "#c62828" if f.overdue(today()) else None,
            tooltip=lambda f: _("已超过复议跟踪期限") if f.overdue(today()) else _("复议跟踪期限"),
        ),
    ]


def _date_edit(name: str, tip: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setLocale(ui_locale())
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setToolTip(tip)
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FollowupPanel(QWidget):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self._library_box: QMessageBox | None = None
        self.followup_model = RecordTableModel(followup_columns(lambda: ctx.desk.now().date()), self)
        self.followup_view = QTableView()
        self.followup_view.setObjectName("followups")
        self.followup_view.setModel(self.followup_model)
        setup_table(self.followup_view, stretch=0)
        self.followup_view.setMaximumHeight(140)
        self.followup_view.selectionModel().currentRowChanged.connect(self._followup_chosen)
        self.fu_date = _date_edit("reconsideredOn", _("合议庭复议日期"))
        self.fu_adoption = QComboBox()
        self.fu_adoption.setObjectName("adoption")
        self.fu_adoption.setToolTip(_("合议庭对会议参考意见的采纳情况"))
        self.fu_adoption.addItem(_("（请选择）"), None)
        for code, label in ADOPTION:
            self.fu_adoption.addItem(label, code)
        self.fu_result = QLineEdit()
        self.fu_result.setObjectName("panelResult")
        self.fu_result.setToolTip(_("合议庭复议结果"))
        self.fu_undecided = QCheckBox(_("合议庭复议后仍无法作出决定"))
        self.fu_undecided.setObjectName("panelUndecided")
        self.fu_undecided.setToolTip(_("勾选后按规则可能需报请院长提交审判委员会"))
        self.fu_notes = QLineEdit()
        self.fu_notes.setObjectName("followupNotes")
        self.fu_notes.setToolTip(_("备注"))
        self.fu_save = QPushButton(_("登记复议"))
        self.fu_save.setObjectName("recordReconsideration")
        self.fu_save.setToolTip(_("登记合议庭复议结果和采纳情况"))
        self.fu_save.clicked.connect(self._reconsider)
        self.advice = QLabel()
        self.advice.setObjectName("referralAdvice")
        self.advice.setWordWrap(True)
        self.ref_date = _date_edit("referredOn", _("报请院长提交审判委员会的日期"))
        self.ref_btn = QPushButton(_("登记提交审委会"))
        self.ref_btn.setObjectName("recordReferral")
        self.ref_btn.setToolTip(_("登记该案已提交审判委员会讨论"))
        self.ref_btn.clicked.connect(self._refer)
        self.com_result = QLineEdit()
        self.com_result.setObjectName("committeeResult")
        self.com_result.setToolTip(_("审判委员会讨论结果"))
        self.com_date = _date_edit("committeeOn", _("审判委员会讨论日期"))
        self.com_btn = QPushButton(_("登记审委会结果"))
        self.com_btn.setObjectName("recordCommittee")
        self.com_btn.setToolTip(_("登记审判委员会的讨论结果"))
        self.com_btn.clicked.connect(self._committee)
        self.case_btn = QPushButton(_("生成参考性案例"))
        self.case_btn.setObjectName("makeReferenceCase")
        self.drafting = False
        self.case_btn.clicked.connect(self._reference_case)
        fu_form = QFormLayout()
        fu_form.addRow(_("复议日期(&F)："), self.fu_date)
        fu_form.addRow(_("采纳情况(&J)："), self.fu_adoption)
        fu_form.addRow(_("复议结果(&K)："), self.fu_result)
        fu_form.addRow("", self.fu_undecided)
        fu_form.addRow(_("备注："), self.fu_notes)
        fu_form.addRow("", self.fu_save)
        ref_row = QHBoxLayout()
        ref_row.addWidget(self.ref_date)
        ref_row.addWidget(self.ref_btn)
        com_row = QHBoxLayout()
        com_row.addWidget(self.com_result, 1)
        com_row.addWidget(self.com_date)
        com_row.addWidget(self.com_btn)
        referral = QGroupBox(_("审判委员会"))
        rl = QVBoxLayout(referral)
        rl.addWidget(self.advice)
        rl.addLayout(ref_row)
        rl.addLayout(com_row)
        self.followup_note = QLabel()
        self.followup_note.setWordWrap(True)
        fl = QVBoxLayout(self)
        fl.addWidget(self.followup_note)
        fl.addWidget(self.followup_view)
        fl.addLayout(fu_form)
        fl.addWidget(referral)
        fl.addWidget(self.case_btn, 0, Qt.AlignmentFlag.AlignRight)
        fl.addStretch(1)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.followup_view,
            self.fu_date,
            self.fu_adoption,
            self.fu_result,
            self.fu_undecided,
            self.fu_notes,
            self.fu_save,
            self.ref_date,
            self.ref_btn,
            self.com_result,
            self.com_date,
            self.com_btn,
            self.case_btn,
        ]

    def load(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        rows = meeting_views.meeting_followups(self.ctx.desk, self.ctx.actor, self.meeting.id) if self.meeting else []
        keep = self.followup_view.currentIndex().row()
        self.followup_model.set_rows(rows)
        fit_columns(self.followup_view)
        if rows:
            self.followup_view.selectRow(min(max(keep, 0), len(rows) - 1))
        else:
            self._show_followup(None)
        if self.meeting is None:
            self.followup_note.setText("")
        elif not rows:
            self.followup_note.setText(_("会议结束后，已讨论的议题在此登记复议、采纳和审委会情况。"))
        else:
            self.followup_note.setText(_("合议庭复议后登记采纳情况；会议讨论意见仅供参考。"))

    def _followup_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_followup(self.followup_model.record(current.row()))

    def _current_followup(self) -> Followup | None:
        return self.followup_model.record(self.followup_view.currentIndex().row())

    def _show_followup(self, f: Followup | None) -> None:
        can = allowed(self.ctx.actor, "followup.record") and f is not None
        today = self.ctx.desk.now().date()
        for w in (self.fu_date, self.fu_adoption, self.fu_result, self.fu_undecided, self.fu_notes, self.fu_save):
            w.setEnabled(can)
        may_draft = allowed(self.ctx.actor, "library.edit")
        self.case_btn.setEnabled(f is not None and may_draft and not self.drafting)
        self.case_btn.setToolTip(
            _("由所选议题生成参考性案例草稿（预填案件报告和会议参考意见），在参考案例库中打开")
            if may_draft
            else _("当前账户无权生成参考性案例（限会议秘书、主持人和管理员）")
        )
        if f is None:
            self.advice.setText("")
            for w in (self.ref_date, self.ref_btn, self.com_result, self.com_date, self.com_btn):
                w.setEnabled(False)
            return
        self.fu_date.setDate(_qdate(f.reconsidered_on or today))
        self.fu_adoption.setCurrentIndex(max(self.fu_adoption.findData(f.adoption), 0))
        self.fu_result.setText(f.panel_result)
        self.fu_undecided.setChecked(f.panel_undecided)
        self.fu_notes.setText(f.notes)
        self.ref_date.setDate(_qdate(f.referred_on or today))
        self.com_result.setText(f.committee_result)
        self.com_date.setDate(_qdate(f.committee_on or today))
        try:
            advice = followups.advice(self.ctx.desk, f.agenda_item_id)
        except MeetingDeskError as exc:
            self.advice.setText(exc.message)
            return
        text = advice.explain()
        if f.referred:
            text += _("。已于{day}提交审判委员会").format(day=f.referred_on.isoformat() if f.referred_on else "")
            if f.committee_result:
                text += _("，审委会结果：{result}").format(result=f.committee_result)
        self.advice.setText(text + _("。"))
        self.advice.setStyleSheet("color:#a4231c; font-weight:bold;" if advice.required and not f.referred else "")
        self.ref_date.setEnabled(can and not f.referred)
        self.ref_btn.setEnabled(can and not f.referred)
        for w in (self.com_result, self.com_date, self.com_btn):
            w.setEnabled(can and f.referred)

    def _followup_done(self, result: Followup | None) -> None:
        if result is None:
            return
        self.load(self.meeting)
        for row, f in enumerate(self.followup_model.rows()):
            if f.agenda_item_id == result.agenda_item_id:
                self.followup_view.selectRow(row)
                self._show_followup(f)
        self.changed.emit("followups")
        self.changed.emit("reports")

    def _reconsider(self) -> None:
        f = self._current_followup()
        if f is None:
            return
        self._followup_done(
            attempt(
                self,
                followups.record_reconsideration,
                self.ctx.desk,
                self.ctx.actor,
                f.agenda_item_id,
                reconsidered_on=_pydate(self.fu_date.date()),
                adoption=self.fu_adoption.currentData(),
                panel_result=self.fu_result.text(),
                panel_undecided=self.fu_undecided.isChecked(),
                notes=self.fu_notes.text(),
            )
        )

    def _refer(self) -> None:
        f = self._current_followup()
        if f is not None:
            self._followup_done(
                attempt(
                    self,
                    followups.record_referral,
                    self.ctx.desk,
                    self.ctx.actor,
                    f.agenda_item_id,
                    _pydate(self.ref_date.date()),
                )
            )

    def _committee(self) -> None:
        f = self._current_followup()
        if f is not None:
            self._followup_done(
                attempt(
                    self,
                    followups.record_committee_result,
                    self.ctx.desk,
                    self.ctx.actor,
                    f.agenda_item_id,
                    self.com_result.text(),
                    _pydate(self.com_date.date()),
                )
            )

    def _reference_case(self) -> None:
        """Draft a reference case from the item (asking first if one was drafted already) and show it."""
        from meetingdesk.library.from_meeting import cases_from_item, draft_from_item  # loads the search engine

        f = self._current_followup()
        if f is None or self.drafting:
            return
        existing = cases_from_item(self.ctx.desk, f.agenda_item_id)
        if existing:
            case_id = existing[-1]

            def answered(button: QMessageBox.StandardButton) -> None:
                self._library_box = None
                if button == QMessageBox.StandardButton.Yes:
                    self.ctx.signals.sig_open_library_case_requested.emit(case_id)

            self._library_box = ask(
                self,
                _("已有参考性案例"),
                _("议题（{case}）已生成过参考性案例（编号{id}）。是否在参考案例库中打开？").format(
                    case=f.case_number, id=case_id
                ),
                answered,
            )
            return
        desk, actor, item_id = self.ctx.desk, self.ctx.actor, f.agenda_item_id

        def work(_progress: ProgressFn, _cancel: CancelFn) -> int:
            return draft_from_item(desk, actor, item_id)  # also updates the search index (built if need be)

        self.drafting = True
        self._show_followup(f)
        self.ctx.tasks.run(
            work,
            on_done=self._drafted,
            on_error=self._draft_failed,
            parent=self,
            label=_("正在生成参考性案例草稿……"),
        )

    def _drafted(self, case_id: int) -> None:
        self.ctx.signals.sig_status_message.emit(
            _("已生成参考性案例草稿（编号{id}），请完善裁判要点和关键词后提交审核。").format(id=case_id)
        )
        self.ctx.changed("library")
        self.ctx.signals.sig_open_library_case_requested.emit(case_id)  # the library page shows it
        if Shiboken.isValid(self):
            self.drafting = False
            self._show_followup(self._current_followup())

    def _draft_failed(self, exc: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self.drafting = False
        self._show_followup(self._current_followup())
        show_error(self, exc)
