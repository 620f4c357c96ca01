"""One report open for intake or editing: the form, its state, and the workflow actions.

Buttons follow what the signed-in role may do (services.permissions.allowed) and what the report's
state allows; the services check both again, so a stale button can only produce a clear message.
Actions on a form with unsaved changes save it first, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.report_workflow import EDITABLE_STATES
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import attachments as attachment_svc
from meetingdesk.services import reports as report_svc
from meetingdesk.services.permissions import allowed
from meetingdesk.services.report_intake import schedule_targets
from meetingdesk.services.report_table import report_rows
from meetingdesk.services.reports import Report

from ui.context import AppContext
from ui.errors import show_error
from ui.form_rows import ERROR_STYLE
from ui.meetings.drafts import load_json, save_json
from ui.prompts import ReasonDialog, ask_to_save
from ui.reports.form import HINT_STYLE, ReportForm
from ui.reports.schedule_dialog import ScheduleDialog


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class ReportEditor(QWidget):
    """The right-hand side of the 案件报告 page."""

    sig_report_changed = Signal(int)
    """A report was saved or moved on in its workflow (its id)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the dialog currently open, for tests and focus
        self._meeting_id: int | None = None

        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # may shrink
        self.state = QLabel()
        self.state.setObjectName("reportState")
        self.state.setStyleSheet(
            "QLabel#reportState { background: #e8eef7; color: #1f5fa8; border-radius: 8px; padding: 2px 10px; }"
        )
        self.info = QLabel()
        self.info.setObjectName("reportInfo")
        self.info.setWordWrap(True)
        self.open_meeting = QPushButton(_("打开会议"))
        self.open_meeting.setObjectName("openMeeting")
        self.open_meeting.setToolTip(_("打开本案排入的会议"))
        self.open_meeting.clicked.connect(self._on_open_meeting)
        self.missing = QLabel()
        self.missing.setObjectName("reportMissing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(ERROR_STYLE)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("reportActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_new = self._action("new", _("新建"), "Ctrl+N", _("登记一份新的案件报告"), self.new_report)
        self.act_save = self._action("save", _("保存"), "Ctrl+S", _("保存草稿或修改"), self.save)
        self.act_submit = self._action(
            "submit", _("提交"), "Ctrl+Return", _("提交会议秘书受理（须材料齐全）"), self.submit
        )
        self.act_accept = self._action("accept", _("受理"), "Ctrl+Shift+A", _("受理该案件报告"), self.accept)
        self.act_return = self._action(
            "return", _("退回补正…"), "Ctrl+Shift+R", _("退回承办法官补正，须写明理由"), self.return_for_correction
        )
        self.act_withdraw = self._action(
            "withdraw", _("撤回…"), "Ctrl+Shift+W", _("撤回案件报告，须写明理由"), self.withdraw
        )
        self.act_schedule = self._action(
            "schedule", _("排入会议…"), "Ctrl+Shift+M", _("将已受理的案件排入本会议组筹备中的会议"), self.schedule
        )
        self.act_convene = self._action(
            "convene", _("召集讨论"), "Ctrl+Shift+C", _("主持人决定召集专业法官会议讨论本案"), self.convene
        )
        self.act_decline = self._action(
            "decline", _("不召集…"), "Ctrl+Shift+D", _("主持人决定不召集会议讨论，须写明理由"), self.decline
        )
        self.act_similar = self._action(
            "similar",
            _("类案检索…"),
            "Ctrl+Shift+L",
            _("在参考案例库中检索类案，勾选后生成类案检索报告，并可附到本报告"),
            self.similar_search,
        )
        self.act_similar.setToolTip(_("在参考案例库中检索类案，勾选后生成类案检索报告，并可附到本报告（Ctrl+Shift+L）"))
        self.similar_dialog: QDialog | None = None
        for act in (self.act_new, self.act_save, self.act_submit):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_similar)
        self.toolbar.addSeparator()
        for act in (self.act_accept, self.act_return, self.act_withdraw):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for act in (self.act_schedule, self.act_convene, self.act_decline):
            self.toolbar.addAction(act)

        self.form = ReportForm(ctx, ensure_saved=self._ensure_saved)
        self.form.setObjectName("reportForm")
        self.form.sig_dirty_changed.connect(lambda _d: self.update_view())
        self.form.sig_missing_changed.connect(self._show_missing)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("reportScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)

        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.state)
        heading.addWidget(self.open_meeting)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addLayout(heading)
        layout.addWidget(self.info)
        layout.addWidget(self.missing)
        layout.addWidget(self.scroll_area, 1)
        self.form.chain_tab_order()
        self.update_view()

    def _action(self, name: str, text: str, shortcut: str, tip: str, slot: Callable[[], object]) -> QAction:
        act = QAction(text, self)
        act.setObjectName(f"act_{name}")
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(_("{tip}（{key}）").format(tip=tip, key=shown))
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    # ---- public API

    @property
    def report(self) -> Report | None:
        return self.form.report

    def shortcut_actions(self) -> list[QAction]:
        return [
            self.act_new,
            self.act_save,
            self.act_submit,
            self.act_accept,
            self.act_return,
            self.act_withdraw,
            self.act_schedule,
            self.act_convene,
            self.act_decline,
            self.act_similar,
        ]

    def button_for(self, action: QAction) -> QToolButton:
        widget = self.toolbar.widgetForAction(action)
        assert isinstance(widget, QToolButton)
        return widget

    def open_report(self, report_id: int | None) -> None:
        """Show a report (or a blank new one) without asking about unsaved changes."""
        try:
            report = report_svc.read_report(self.ctx.desk, self.ctx.actor, report_id) if report_id is not None else None
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self._show(report)

    def request_open(self, report_id: int | None, on_cancel: Callable[[], None] | None = None) -> None:
        """Open another report; unsaved changes are saved, discarded or kept as the user chooses."""
        if report_id is not None and report_id == self.form.report_id:
            return
        if not self.form.dirty:
            self.open_report(report_id)
            return

        def opened() -> None:
            self.dialog = None
            self.open_report(report_id)

        def cancelled() -> None:
            self.dialog = None
            if on_cancel:
                on_cancel()

        self.dialog = ask_to_save(
            self,
            _("当前案件报告有未保存的修改。是否保存？"),
            save=self.save,
            discard=lambda: None,  # opening the other report drops the edits
            then=opened,
            on_cancel=cancelled,
        )

    def confirm_close(self, retry: Callable[[], object]) -> bool:
        """Before the window closes: True if nothing typed would be lost; otherwise ask (保存 / 放弃修改 /
        取消) and call ``retry`` once the edits are saved or discarded. A failed save keeps everything typed.
        """
        from ui.library.search_report_editor import SearchReportEditor

        def closing() -> None:
            self.dialog = None
            retry()

        def stay() -> None:
            self.dialog = None

        similar = self.similar_dialog
        search_report = getattr(similar, "editor", None) if similar is not None else None
        if isinstance(search_report, SearchReportEditor) and search_report.isVisible() and search_report.dirty:
            self.dialog = ask_to_save(
                search_report,
                _("类案检索报告有未保存的修改。是否保存？"),
                save=search_report.save_all,
                discard=lambda: QDialog.reject(search_report),  # the dialog's own reject would ask again
                then=closing,
                on_cancel=stay,
            )
            return False
        if not self.form.dirty:
            return True
        self.dialog = ask_to_save(
            self,
            _("当前案件报告有未保存的修改。是否保存？"),
            save=self.save,
            discard=lambda: self.open_report(self.form.report_id),  # back to what is saved
            then=closing,
            on_cancel=stay,
        )
        return False

    def reload_if_clean(self) -> None:
        """Pick up changes made elsewhere (another page, another user), unless the user is typing."""
        self.form.reload_choices()
        if not self.form.dirty and self.form.report_id is not None:
            self.open_report(self.form.report_id)

    # ---- actions

    def new_report(self) -> None:
        self.request_open(None)
        self.form.case_number.setFocus()

    def save(self) -> bool:
        """Create or update from the form; a bad input keeps everything typed and says what to fix."""
        data = self.form.collect()
        self.form.clear_errors()
        try:
            if self.form.report is None:
                report = report_svc.create_report(self.ctx.desk, self.ctx.actor, data)
            else:
                report = report_svc.update_report(self.ctx.desk, self.ctx.actor, self.form.report.id, data)
        except ValidationError as exc:
            if not self.form.show_field_error(exc):
                show_error(self, exc)
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        self._done(report, _("已保存案件报告 {case}。").format(case=report.case_number))
        return True

    def submit(self) -> None:
        if self._saved_first():
            self._run(lambda r: report_svc.submit_report(self.ctx.desk, self.ctx.actor, r.id), _("已提交。"))

    def accept(self) -> None:
        if self._saved_first():
            self._run(lambda r: report_svc.accept_report(self.ctx.desk, self.ctx.actor, r.id), _("已受理。"))

    def return_for_correction(self) -> None:
        if not self._saved_first():
            return
        self._ask_reason(
            _("退回补正"),
            _("请写明退回补正的理由，承办法官将据此补正："),
            lambda r, reason: report_svc.return_report(self.ctx.desk, self.ctx.actor, r.id, reason),
            _("已退回补正。"),
            ok_text=_("退回"),
        )

    def withdraw(self) -> None:
        if not self._saved_first():
            return
        self._ask_reason(
            _("撤回案件报告"),
            _("请写明撤回的理由（已排入会议的，将同时移出议程）："),
            lambda r, reason: report_svc.withdraw_report(self.ctx.desk, self.ctx.actor, r.id, reason),
            _("已撤回。"),
            ok_text=_("撤回"),
        )

    def convene(self) -> None:
        if self._saved_first():
            self._run(
                lambda r: report_svc.decide_convene(
                    self.ctx.desk, self.ctx.actor, r.id, True, "", on_behalf=self._on_behalf()
                ),
                _("已登记：召集会议讨论。"),
            )

    def decline(self) -> None:
        if not self._saved_first():
            return
        self._ask_reason(
            _("不召集会议讨论"),
            _("请写明主持人决定不召集会议讨论的理由：")
            + (_("\n（会议秘书代主持人登记，将如实记录）") if self._on_behalf() else ""),
            lambda r, reason: report_svc.decide_convene(
                self.ctx.desk, self.ctx.actor, r.id, False, reason, on_behalf=self._on_behalf()
            ),
            _("已登记：不召集会议讨论。"),
            ok_text=_("不召集"),
        )

    def schedule(self) -> None:
        if not self._saved_first():
            return
        report = self.form.report
        assert report is not None
        try:
            targets = schedule_targets(self.ctx.desk, self.ctx.actor, report.id)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return

        def submit(meeting_id: int, minutes: int) -> bool:
            try:
                item = agenda_svc.add_item(self.ctx.desk, self.ctx.actor, meeting_id, report.id, minutes)
            except MeetingDeskError as exc:
                show_error(self.dialog or self, exc)
                return False
            message = _("已排入会议。") + (_("材料逾期，已标为逾期议题。") if item.late else "")
            self._done(report_svc.read_report(self.ctx.desk, self.ctx.actor, report.id), message)
            self.ctx.changed("meetings")
            return True

        dialog = ScheduleDialog(self, report, targets, submit, self._go_to_meetings, self.ctx.settings)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def similar_search(self) -> QDialog | None:
        """类案检索 for the open report (saved first when it has unsaved edits: the search reads the saved text)."""
        from ui.library.similar_dialog import SimilarCasesDialog

        report = self.form.report
        if report is None:
            return None
        if self._can_edit(report) and self.form.dirty and not self.save():
            return None
        try:
            dialog = SimilarCasesDialog(self.ctx, report.id, self)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return None
        dialog.sig_attached.connect(self._search_report_attached)
        dialog.finished.connect(lambda _r: setattr(self, "similar_dialog", None))
        self.similar_dialog = dialog
        dialog.open()
        dialog.search()
        return dialog

    def _search_report_attached(self, report_id: int) -> None:
        """The 类案检索报告 became an attachment: show it (the form's “✓ 已附类案检索报告” follows)."""
        if report_id != self.form.report_id:
            return
        try:
            items = attachment_svc.read_attachments(self.ctx.desk, self.ctx.actor, report_id)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self.form.attachments.set_attachments(report_id, items)
        self.form.attachments.sig_changed.emit()
        self.sig_report_changed.emit(report_id)

    # ---- internals

    def _on_behalf(self) -> bool:
        return self.ctx.actor.role == "secretary"

    def _go_to_meetings(self) -> None:
        self.ctx.signals.sig_navigate_requested.emit("meetings")

    def _ensure_saved(self) -> int | None:
        """Attachments need a saved report: save a new (or changed) one first."""
        if (self.form.report is None or self.form.dirty) and not self.save():
            return None
        return self.form.report_id

    def _saved_first(self) -> bool:
        if self.form.report is None or self.form.dirty:
            return self.save()
        return True

    def _run(self, action: Callable[[Report], Report], message: str) -> bool:
        report = self.form.report
        assert report is not None
        try:
            updated = action(report)
        except MeetingDeskError as exc:
            show_error(self.dialog or self, exc)
            return False
        self._done(updated, message)
        return True

    def _ask_reason(
        self, title: str, prompt: str, action: Callable[[Report, str], Report], message: str, *, ok_text: str
    ) -> None:
        dialog = ReasonDialog(
            self,
            title,
            prompt,
            lambda reason: self._run(lambda r: action(r, reason), message),
            settings=self.ctx.settings,
        )
        dialog.ok_button.setText(ok_text)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _done(self, report: Report, message: str) -> None:
        self._show(report)
        self.ctx.signals.sig_status_message.emit(message)
        self.ctx.changed("reports")
        self.sig_report_changed.emit(report.id)

    # ---- drafts kept when the app quits from the lock screen (no one may be asked there)

    def _draft_key(self, report_id: int | None) -> str:
        return f"drafts/report/{self.ctx.actor.username}/{report_id if report_id is not None else 'new'}"

    def keep_unsaved(self) -> None:
        """The app quits without asking: keep what was typed, to be offered back when the report is next opened."""
        if self.form.dirty:
            save_json(self.ctx.settings, self._draft_key(self.form.report_id), self.form.draft())
            self.ctx.settings.sync()

    def _restore_kept(self, report_id: int | None) -> None:
        key = self._draft_key(report_id)
        kept = load_json(self.ctx.settings, key)
        if not kept or not self._can_edit(self.form.report):
            return
        self.form.restore_draft(kept)
        save_json(self.ctx.settings, key, {})  # the form holds it now; leaving it asks as usual
        self.ctx.signals.sig_status_message.emit(_("已恢复上次锁屏退出时未保存的修改，请核对后保存。"))
        self.update_view()

    def _show(self, report: Report | None) -> None:
        self.form.load(report)
        self._meeting_id = None
        if report is not None:
            row = report_rows(self.ctx.desk, self.ctx.actor, [report.id]).get(report.id)
            if row is not None and row.meeting_id is not None and report.state == "scheduled":
                self._meeting_id = row.meeting_id
        self.update_view()
        self._restore_kept(report.id if report is not None else None)

    def _on_open_meeting(self) -> None:
        if self._meeting_id is not None:
            self.ctx.signals.sig_open_meeting_requested.emit(self._meeting_id)

    def _can_edit(self, report: Report | None) -> bool:
        actor = self.ctx.actor
        if report is None:
            return allowed(actor, "report.create")
        own = actor.judge_id is not None and actor.judge_id == report.reporting_judge_id
        editor = allowed(actor, "report.edit_any") or (allowed(actor, "report.create") and own)
        return editor and report.state in EDITABLE_STATES

    def _show_missing(self, missing: list[str]) -> None:
        report = self.form.report
        if missing and (report is None or report.state in ("draft", "returned")):
            self.missing.setText(_("提交前还需补充：{items}。").format(items=_("；").join(missing)))
            self.missing.show()
        else:
            self.missing.hide()

    def update_view(self) -> None:
        """Heading, state line and which actions are visible and enabled."""
        report = self.form.report
        actor = self.ctx.actor
        dirty = self.form.dirty
        editable = self._can_edit(report)
        self.form.set_read_only(not editable)
        if report is None and not editable:
            self.title.setText(_("案件报告"))
            self.state.setText(_("只读"))
            self.info.setText(_("在左侧列表中选择一份案件报告查看。"))
            self.info.setStyleSheet(HINT_STYLE)
        elif report is None:
            self.title.setText(_("新案件报告") + (" *" if dirty else ""))
            self.state.setText(_("未保存"))
            self.info.setText(_("填写后按 Ctrl+S 保存为草稿；材料齐全后按 Ctrl+Enter 提交。"))
            self.info.setStyleSheet(HINT_STYLE)
        else:
            self.title.setText(report.case_number + (" *" if dirty else ""))
            self.state.setText(report.state_label)
            self.info.setText(self._info_text(report))
            self.info.setStyleSheet(ERROR_STYLE if report.state == "returned" else "")
        self.open_meeting.setVisible(self._meeting_id is not None)
        actions = report.actions if report is not None else []
        intake = allowed(actor, "report.intake")
        can_create = allowed(actor, "report.create")
        self.act_new.setVisible(can_create)
        self.act_save.setVisible(can_create or allowed(actor, "report.edit_any"))
        self.act_save.setEnabled(editable and (dirty or report is None))
        self.act_submit.setVisible(can_create)
        self.act_submit.setEnabled(editable and (report is None or "submit" in actions))
        self.act_accept.setVisible(intake)
        self.act_accept.setEnabled(report is not None and "accept" in actions)
        self.act_return.setVisible(intake)
        self.act_return.setEnabled(report is not None and "return" in actions)
        self.act_withdraw.setVisible(can_create)
        self.act_withdraw.setEnabled(editable and report is not None and "withdraw" in actions)
        self.act_schedule.setVisible(allowed(actor, "meeting.edit"))
        self.act_schedule.setEnabled(
            report is not None and report.state in ("accepted", "discussed") and report.convene_decision != "decline"
        )
        deciding = report is not None and report.state == "accepted" and report.convene_decision is None
        self.act_convene.setVisible(allowed(actor, "report.convene"))
        self.act_convene.setEnabled(deciding)
        self.act_decline.setVisible(allowed(actor, "report.convene"))
        self.act_decline.setEnabled(deciding)
        self.act_similar.setEnabled(report is not None)
        if self._on_behalf():
            self.act_convene.setText(_("代登记召集"))
            self.act_decline.setText(_("代登记不召集…"))

    def _info_text(self, report: Report) -> str:
        parts = [
            _("承办法官：{judge}").format(judge=report.reporting_judge_name),
            _("会议组：{body}").format(body=report.body_name),
        ]
        if report.submitted_at:
            parts.append(_("提交：{when}").format(when=_when(report.submitted_at)))
        if report.accepted_at:
            parts.append(_("受理：{when}").format(when=_when(report.accepted_at)))
        lines = [_("　").join(parts)]
        if report.state_reason and report.state in ("returned", "withdrawn", "closed"):
            label = {"returned": _("退回理由"), "withdrawn": _("撤回理由"), "closed": _("办结说明")}[report.state]
            lines.append(_("{label}：{reason}").format(label=label, reason=report.state_reason))
        if report.convene_decision == "convene":
            lines.append(_("主持人决定：召集会议讨论（{when}）").format(when=_when(report.convene_at)))
        elif report.convene_decision == "decline":
            lines.append(_("主持人决定：不召集会议讨论。{reason}").format(reason=report.convene_reason))
        if report.state == "accepted" and report.convene_decision is None:
            lines.append(_("待主持人决定是否召集会议讨论。"))
        return "\n".join(lines)
