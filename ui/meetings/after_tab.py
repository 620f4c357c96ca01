"""The 会后 tab: review the minutes → 传阅 → 定稿 (locked; corrections only as recorded amendments),
and the follow-up of each discussed item (复议, 采纳, 审委会 referral and result, 参考性案例)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import Any

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
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.choices import ADOPTION
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import discussion, followups, meeting_views, minutes
from meetingdesk.services.followups import Followup
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.minutes import Amendment, MeetingRecord
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.actions import attempt
from ui.meetings.labels import stance_text
from ui.meetings.live_tab import TEXT_LABELS
from ui.meetings.minutes_view import record_html, target_text
from ui.meetings.table_model import Column, RecordTableModel
from ui.meetings.widgets import chain_tab_order, fit_columns, restore_splitter, save_splitter, setup_table, ui_locale

LIBRARY_MODULE = "meetingdesk.library.from_meeting"
LIBRARY_FUNCTION = "draft_from_item"


def library_draft_function() -> Callable[..., Any] | None:
    """The library's “pre-fill a draft reference case from an agenda item”, once the library has landed."""
    try:
        module = importlib.import_module(LIBRARY_MODULE)
    except ImportError:
        return None
    fn = getattr(module, LIBRARY_FUNCTION, None)
    return fn if callable(fn) else None


def amendment_columns() -> list[Column[Amendment]]:
    return [
        Column(_("时间"), lambda a: a.made_at.strftime("%m-%d %H:%M")),
        Column(_("更正人"), lambda a: a.made_by),
        Column(_("内容"), lambda a: target_text(a.target)),
        Column(_("更正前"), lambda a: a.before, tooltip=lambda a: a.before),
        Column(_("更正后"), lambda a: a.after, tooltip=lambda a: a.after),
        Column(_("理由"), lambda a: a.reason),
    ]


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

        # ---- amendments
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
        setup_table(self.amendments, stretch=4)
        amend_form = QFormLayout()
        amend_form.addRow(_("议题(&M)："), self.amend_item)
        amend_form.addRow(_("内容(&T)："), self.amend_target)
        amend_form.addRow(_("意见："), self.amend_stance)
        amend_form.addRow(_("更正为(&V)："), self.amend_value)
        amend_form.addRow(_("理由(&Y)："), self.amend_reason)
        amend_page = QWidget()
        al = QVBoxLayout(amend_page)
        al.addWidget(self.amend_note)
        al.addLayout(amend_form)
        al.addWidget(self.amend_btn, 0, Qt.AlignmentFlag.AlignRight)
        al.addWidget(QLabel(_("已登记的更正：")))
        al.addWidget(self.amendments, 1)

        # ---- follow-ups
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
        self.case_btn.setToolTip(_("将所选议题交参考案例库，生成参考性案例草稿"))
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
        fu_page = QWidget()
        fl = QVBoxLayout(fu_page)
        fl.addWidget(self.followup_note)
        fl.addWidget(self.followup_view)
        fl.addLayout(fu_form)
        fl.addWidget(referral)
        fl.addWidget(self.case_btn, 0, Qt.AlignmentFlag.AlignRight)
        fl.addStretch(1)

        self.side = QTabWidget()
        self.side.setObjectName("afterSide")
        self.side.addTab(fu_page, _("复议与跟踪"))
        self.side.addTab(amend_page, _("更正记录"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("afterSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 6)
        self.splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._library_box: QMessageBox | None = None
        chain = [
            self.circulate_btn,
            self.reopen_btn,
            self.final_btn,
            self.on_behalf,
            self.refresh_btn,
            self.browser,
            self.side,
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
            self.amend_item,
            self.amend_target,
            self.amend_stance,
            self.amend_value,
            self.amend_reason,
            self.amend_btn,
            self.amendments,
        ]
        chain_tab_order(chain)

    # ---- loading

    def load(self, meeting_id: int | None) -> None:
        self.meeting = get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None
        self._show_state()
        self.reload_record()
        self._load_followups()
        self._load_amend_form()

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
        self.problems.setText(_("暂不能定稿：") + "；".join(problems) if problems else "")
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
        self.amendment_model.set_rows(record.amendments)
        fit_columns(self.amendments)

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

    # ---- amendments

    def _load_amend_form(self) -> None:
        m = self.meeting
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
            self.reload_record()
            self.changed.emit("meetings")

    # ---- follow-ups

    def _load_followups(self) -> None:
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
        self.case_btn.setEnabled(f is not None)
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
        self._load_followups()
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
        """Hand the item to the reference-case library (a draft pre-filled from the item)."""
        f = self._current_followup()
        if f is None:
            return
        draft = library_draft_function()
        if draft is None:
            self._inform(
                _("参考案例库建设中"),
                _(
                    "参考案例库正在建设中，暂不能生成参考性案例。案例库上线后，可在此将本议题（{case}）一键生成参考性案例草稿。"
                ).format(case=f.case_number),
            )
            return
        case_id = attempt(self, draft, self.ctx.desk, self.ctx.actor, f.agenda_item_id)
        if case_id is None:
            return
        self.ctx.signals.sig_status_message.emit(
            _("已生成参考性案例草稿（编号{id}），请在参考案例库中完善裁判要点和关键词。").format(id=case_id)
        )
        self.ctx.signals.sig_data_changed.emit("library")
        self.ctx.signals.sig_navigate_requested.emit("library")

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("libraryNotice")
        self._library_box = box
        box.open()

    # ---- state

    def save_state(self) -> None:
        save_splitter(self.ctx.settings, "MeetingAfter", self.splitter)

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingAfter", self.splitter)
