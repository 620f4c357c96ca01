"""The right side of the library page: one case or rule, read or edited, and what may be done with it.

Buttons follow the role (services.permissions.allowed) and the item's state (草稿 → 审核 → 发布); the
core checks both again. Typed text is never lost: leaving the editor, or closing the window, keeps it
as a draft (ui.meetings.drafts) that 编辑 offers back; only 取消编辑, confirmed, discards it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled, MeetingDeskError, NotFoundError, ValidationError
from meetingdesk.i18n import _, pgettext
from meetingdesk.library import cases as case_svc
from meetingdesk.library import rules as rule_svc
from meetingdesk.library.cases import ReferenceCase
from meetingdesk.library.feedback import record_feedback
from meetingdesk.library.rules import Rule
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.files import sanitise_filename
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.library.case_editor import CaseEditor
from ui.library.case_picker import CasePickerDialog
from ui.library.detail_view import DetailView
from ui.library.rule_editor import RuleEditor
from ui.meetings.drafts import DraftStore
from ui.meetings.export_menu import FORMAT_LABELS
from ui.prompts import ask
from ui.settings import LAST_EXPORT_DIR

AUTOSAVE_MS = 1500
PILL_STYLE = "QLabel#itemState { background: #e8eef7; color: #1f5fa8; border-radius: 8px; padding: 2px 10px; }"
MARK_STYLE = "color: #027a48;"


class ItemPanel(QWidget):
    sig_saved = Signal(str, int)
    """A case or rule was created, changed, moved on in its workflow (kind, id)."""
    sig_deleted = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind: str | None = None
        self.item_id: int | None = None
        self.case: ReferenceCase | None = None
        self.rule: Rule | None = None
        self.editing = False
        self.query = ""
        self.dialog: QWidget | None = None
        self.last_exported: Path | None = None
        self._snapshot: dict[str, Any] = {}
        self._feedback: dict[tuple[str, int], bool] = {}
        self.drafts = DraftStore(ctx.settings, "library")

        self.title = QLabel()
        self.title.setObjectName("itemTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state = QLabel()
        self.state.setObjectName("itemState")
        self.state.setStyleSheet(PILL_STYLE)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("itemActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_edit = self._action("edit", _("编辑"), "F2", _("修改本条（F2）"), self.edit)
        self.act_save = self._action("save", _("保存修改"), "Ctrl+S", _("保存修改（Ctrl+S）"), self.save)
        self.act_cancel = self._action("cancel", _("取消编辑"), "Esc", _("放弃未保存的修改"), self.cancel_edit)
        self.act_submit = self._action(
            "submit", _("提交审核"), "", _("草稿完成后提交审核"), lambda: self.set_status("review")
        )
        self.act_publish = self._action(
            "publish",
            pgettext("action", "发布"),
            "",
            _("审核通过后发布，供全院检索参考"),
            lambda: self.set_status("published"),
        )
        self.act_send_back = self._action(
            "send_back", _("退回"), "", _("审核中发现问题，退回草稿修改"), lambda: self.set_status("draft")
        )
        self.act_withdraw = self._action(
            "withdraw", _("撤回至审核"), "", _("撤回已发布的内容以便修改"), lambda: self.set_status("review")
        )
        self.act_delete = self._action(
            "delete", pgettext("action", "删除"), "", _("删除未发布的草稿或审核中的内容"), self.delete
        )
        self.act_export = self._action("export", _("导出 ▾"), "Ctrl+E", "", self._show_export_menu)
        for act in (self.act_edit, self.act_save, self.act_cancel):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for act in (self.act_submit, self.act_publish, self.act_send_back, self.act_withdraw, self.act_delete):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.export_menu = QMenu(self)
        self.export_menu.setObjectName("caseExportMenu")
        for fmt, label in FORMAT_LABELS.items():
            action = self.export_menu.addAction(_(label))
            action.setObjectName(f"export_case_{fmt}")
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f))
        self.toolbar.addAction(self.act_export)
        export_button = self.toolbar.widgetForAction(self.act_export)
        if isinstance(export_button, QToolButton):
            export_button.setObjectName("exportCase")

        self.view = DetailView()
        self.view.sig_case_link.connect(lambda case_id: self.open("case", case_id))
        self.case_editor = CaseEditor()
        self.case_editor.setObjectName("caseEditor")
        self.rule_editor = RuleEditor(ctx.desk, ctx.actor, self.pick_case)
        self.rule_editor.setObjectName("ruleEditor")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.case_editor)
        self.stack.addWidget(self.rule_editor)

        self.open_meeting = QPushButton(_("来源会议"))
        self.open_meeting.setObjectName("openSourceMeeting")
        self.open_meeting.setToolTip(_("打开形成本案例的专业法官会议"))
        self.open_meeting.clicked.connect(self._on_open_meeting)
        self.relevant = QPushButton(_("相关"))
        self.relevant.setObjectName("markRelevant")
        self.relevant.setToolTip(_("标记本案与当前检索相关（用于改进检索）"))
        self.relevant.clicked.connect(lambda: self.feedback(True))
        self.irrelevant = QPushButton(_("不相关"))
        self.irrelevant.setObjectName("markIrrelevant")
        self.irrelevant.setToolTip(_("标记本案与当前检索不相关（用于改进检索）"))
        self.irrelevant.clicked.connect(lambda: self.feedback(False))
        self.feedback_label = QLabel()
        self.feedback_label.setObjectName("feedbackState")
        self.feedback_label.setStyleSheet(MARK_STYLE)
        self.footer = QWidget()
        footer = QHBoxLayout(self.footer)
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.open_meeting)
        footer.addStretch(1)
        footer.addWidget(self.feedback_label)
        footer.addWidget(self.relevant)
        footer.addWidget(self.irrelevant)

        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addLayout(heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.footer)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.keep_draft)
        self.case_editor.sig_changed.connect(self._edited)
        self.rule_editor.sig_changed.connect(self._edited)
        self.update_view()

    def _action(self, name: str, text: str, shortcut: str, tip: str, slot: Callable[[], object]) -> QAction:
        act = QAction(text, self)
        act.setObjectName(f"act_{name}")
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def shortcut_actions(self) -> list[QAction]:
        return [self.act_edit, self.act_save, self.act_cancel, self.act_export]

    def button_for(self, action: QAction) -> QToolButton:
        widget = self.toolbar.widgetForAction(action)
        assert isinstance(widget, QToolButton)
        return widget

    # ---- what is open

    def _draft_key(self, kind: str | None = None, item_id: int | str | None = "current") -> str:
        """``case:12`` / ``rule:3``, or ``case:new`` for an item not saved yet (default: what is open)."""
        if item_id == "current":
            item_id = self.item_id
        return f"{kind or self.kind}:{item_id if item_id is not None else 'new'}"

    def has_draft(self, kind: str, item_id: int | None) -> bool:
        return bool(self.drafts.load(self._draft_key(kind, item_id)))

    def open(self, kind: str, item_id: int) -> bool:
        """Show a case or rule; text being edited is kept as a draft first. False if it no longer exists."""
        if self.editing and self.kind == kind and self.item_id == item_id:
            return True
        self.leave_editor()
        try:
            if kind == "case":
                self.case, self.rule = case_svc.get_case(self.ctx.desk, item_id), None
            else:
                self.rule, self.case = rule_svc.get_rule(self.ctx.desk, item_id), None
        except NotFoundError:
            self.show_nothing(_("该记录已被删除。"))
            return False
        self.kind, self.item_id = kind, item_id
        self._show_current()
        return True

    def show_nothing(self, text: str = "") -> None:
        self.leave_editor()
        self.kind, self.item_id, self.case, self.rule = None, None, None, None
        self.view.show_empty(text)
        self.stack.setCurrentWidget(self.view)
        self.update_view()

    def reload(self) -> None:
        """Pick up changes made elsewhere, unless the user is editing."""
        if self.editing or self.kind is None or self.item_id is None:
            return
        kind, item_id = self.kind, self.item_id
        self.kind = None
        self.open(kind, item_id)

    def _show_current(self) -> None:
        has_draft = self.has_draft(self.kind or "", self.item_id)
        if self.case is not None:
            self.view.show_case(self.ctx.desk, self.case, has_draft=has_draft)
        elif self.rule is not None:
            self.view.show_rule(self.ctx.desk, self.rule, has_draft=has_draft)
        self.stack.setCurrentWidget(self.view)
        self._show_feedback()
        self.update_view()

    # ---- editing

    @property
    def editor(self) -> CaseEditor | RuleEditor:
        return self.case_editor if self.kind == "case" else self.rule_editor

    @property
    def dirty(self) -> bool:
        return self.editing and self.editor.values() != self._snapshot

    def new_case(self) -> None:
        self.leave_editor()
        self.kind, self.item_id, self.case, self.rule = "case", None, None, None
        self.case_editor.load(None)
        self._start_editing()

    def new_rule(self, case_ids: tuple[int, ...] = ()) -> None:
        self.leave_editor()
        self.kind, self.item_id, self.case, self.rule = "rule", None, None, None
        self.rule_editor.load(None, case_ids=case_ids)
        self._start_editing()

    def edit(self) -> None:
        if self.editing or self.kind is None or not self._can_edit():
            return
        if self.case is not None:
            self.case_editor.load(self.case)
        elif self.rule is not None:
            self.rule_editor.load(self.rule)
        self._start_editing()

    def _start_editing(self) -> None:
        editor = self.editor
        self._snapshot = editor.values()
        self.editing = True
        draft = self._load_draft()
        if draft:
            editor.set_values(draft)
            editor.show_message(_("已恢复上次未保存的修改；保存后生效，“取消编辑”则放弃。"))
            self.ctx.signals.sig_status_message.emit(_("已恢复上次未保存的修改；保存后生效，“取消编辑”则放弃。"))
        self.stack.setCurrentWidget(editor)
        self.update_view()
        editor.focus_first()

    def _load_draft(self) -> dict[str, Any]:
        text = self.drafts.load(self._draft_key())
        if not text:
            return {}
        try:
            value = json.loads(text)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _edited(self) -> None:
        if self.editing:
            self._autosave.start()
            self.update_view()

    def keep_draft(self) -> None:
        """Keep what is typed (when it differs from the saved item) so it survives leaving or closing."""
        self._autosave.stop()
        if not self.editing:
            return
        key = self._draft_key()
        if self.dirty:
            self.drafts.save(key, json.dumps(self.editor.values(), ensure_ascii=False))
        else:
            self.drafts.clear(key)

    def leave_editor(self) -> None:
        """Stop editing without asking: unsaved text stays as a draft, offered back by 编辑."""
        if not self.editing:
            return
        self.keep_draft()
        self.editing = False
        self.stack.setCurrentWidget(self.view)

    def save(self) -> bool:
        if not self.editing:
            return False
        editor = self.editor
        editor.clear_errors()
        desk, actor = self.ctx.desk, self.ctx.actor
        draft_key = self._draft_key()
        try:
            if self.kind == "case":
                data = self.case_editor.collect()
                if self.item_id is None:
                    self.item_id = case_svc.create_case(desk, actor, data)
                else:
                    case_svc.update_case(desk, actor, self.item_id, data)
                title = data.title
            else:
                rule_data = self.rule_editor.collect()
                if self.item_id is None:
                    self.item_id = rule_svc.create_rule(desk, actor, rule_data)
                else:
                    rule_svc.update_rule(desk, actor, self.item_id, rule_data)
                title = rule_data.title
        except ValidationError as exc:
            editor.show_field_error(exc)
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        kind, item_id = self.kind or "case", self.item_id
        self.drafts.clear(draft_key)
        self._autosave.stop()
        self.editing = False
        self._done(kind, item_id, _("已保存“{title}”。").format(title=title.strip()))
        return True

    def cancel_edit(self) -> None:
        if not self.editing:
            return
        if not self.dirty:
            self._discard()
            return

        def answered(button: QMessageBox.StandardButton) -> None:
            self.dialog = None
            if button == QMessageBox.StandardButton.Yes:
                self._discard()

        self.dialog = ask(self, _("取消编辑"), _("放弃未保存的修改吗？"), answered)

    def _discard(self) -> None:
        self._autosave.stop()
        self.drafts.clear(self._draft_key())
        self.editing = False
        if self.kind is not None and self.item_id is not None:
            self.open(self.kind, self.item_id)
        else:
            self.show_nothing()

    # ---- workflow

    def set_status(self, status: str) -> None:
        if self.kind is None or self.item_id is None or self.editing:
            return
        messages = {"review": _("已提交审核。"), "published": _("已发布。"), "draft": _("已退回草稿。")}
        item = self.case or self.rule
        message = _("已撤回至审核。") if item is not None and item.status == "published" else messages[status]
        try:
            if self.kind == "case":
                case_svc.set_case_status(self.ctx.desk, self.ctx.actor, self.item_id, status)
            else:
                rule_svc.set_rule_status(self.ctx.desk, self.ctx.actor, self.item_id, status)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self._done(self.kind, self.item_id, message)

    def delete(self) -> None:
        item = self.case or self.rule
        if item is None or self.item_id is None or self.kind is None:
            return
        kind, item_id = self.kind, self.item_id

        def answered(button: QMessageBox.StandardButton) -> None:
            self.dialog = None
            if button != QMessageBox.StandardButton.Yes:
                return
            try:
                if kind == "case":
                    case_svc.delete_case(self.ctx.desk, self.ctx.actor, item_id)
                else:
                    rule_svc.delete_rule(self.ctx.desk, self.ctx.actor, item_id)
            except MeetingDeskError as exc:
                show_error(self, exc)
                return
            self.drafts.clear(self._draft_key(kind, item_id))
            self.show_nothing(_("已删除。"))
            self.ctx.signals.sig_status_message.emit(_("已删除。"))
            self.ctx.changed("library")
            self.sig_deleted.emit(kind, item_id)

        question = _("确定删除“{title}”吗？删除后不能恢复。").format(title=item.title)
        self.dialog = ask(self, pgettext("action", "删除"), question, answered)

    def _done(self, kind: str, item_id: int, message: str) -> None:
        self.kind = None
        self.open(kind, item_id)
        self.ctx.signals.sig_status_message.emit(message)
        self.ctx.changed("library")
        self.sig_saved.emit(kind, item_id)

    # ---- feedback, source meeting, rules from cases, export

    def set_query(self, query: str) -> None:
        self.query = query
        self._show_feedback()

    def feedback(self, relevant: bool) -> None:
        if self.case is None:
            return
        try:
            record_feedback(self.ctx.desk, self.ctx.actor, self.case.id, relevant, query=self.query)
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self._feedback[(self.query, self.case.id)] = relevant
        self._show_feedback()
        self.ctx.signals.sig_status_message.emit(
            _("已记录：与本次检索相关。") if relevant else _("已记录：与本次检索不相关。")
        )

    def _show_feedback(self) -> None:
        mark = self._feedback.get((self.query, self.case.id)) if self.case is not None else None
        self.feedback_label.setText("" if mark is None else _("✔ 已标记相关") if mark else _("✘ 已标记不相关"))

    def feedback_text(self) -> str:
        return self.feedback_label.text()

    def _on_open_meeting(self) -> None:
        if self.case is not None and self.case.meeting_id is not None:
            self.ctx.signals.sig_open_meeting_requested.emit(self.case.meeting_id)

    def pick_case(self) -> QWidget:
        """“添加案例…” of the rule editor: search the library for a source case."""
        dialog = CasePickerDialog(self.ctx, lambda case_id, _title: self.rule_editor.add_source("case", case_id), self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _show_export_menu(self) -> None:
        if self.act_export.isEnabled():
            button = self.button_for(self.act_export)
            self.export_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Ask where to save (unless ``path`` is given), then write the case's document in the background."""
        case = self.case
        if case is None:
            return
        label = _("参考性案例")
        if path is None:
            folder = self.ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home())
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("导出{label}").format(label=label),
                str(Path(folder) / sanitise_filename(f"{case.title}.{fmt}")),
                _("{label} (*.{fmt})").format(label=_(FORMAT_LABELS[fmt]), fmt=fmt),
            )
            if not chosen:
                return
            path = Path(chosen)
        self.ctx.settings.set(LAST_EXPORT_DIR, str(path.parent))
        desk, actor, case_id, target = self.ctx.desk, self.ctx.actor, case.id, path

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Path:
            from meetingdesk.services.exports import export_document  # heavy: loaded off the GUI thread

            return export_document(
                desk, actor, "reference-case", case_id, fmt, target, progress=progress, should_cancel=should_cancel
            )

        def written(result: object) -> None:
            if isinstance(result, Path) and Shiboken.isValid(self):
                self.last_exported = result
                self.ctx.signals.sig_status_message.emit(_("已导出：{path}").format(path=result))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.ctx.signals.sig_status_message.emit(_("已取消导出。"))
            elif Shiboken.isValid(self):
                show_error(self, exc)

        self.ctx.tasks.run(
            work,
            on_done=written,
            on_error=failed,
            parent=self.window(),
            label=_("正在生成{label}……").format(label=label),
        )

    # ---- buttons

    def _can_edit(self) -> bool:
        item = self.case or self.rule
        return allowed(self.ctx.actor, "library.edit") and item is not None and item.status != "published"

    def update_view(self) -> None:
        actor = self.ctx.actor
        item = self.case or self.rule
        status = item.status if item is not None else ""
        editor_role = allowed(actor, "library.edit")
        publisher = allowed(actor, "library.publish")
        editing = self.editing
        if editing:
            new = self.item_id is None
            if new:
                name = _("新参考性案例") if self.kind == "case" else _("新裁判规则")
            else:
                name = item.title if item is not None else ""
            self.title.setText(name + (" *" if self.dirty else ""))
            self.state.setText(_("编辑中"))
        elif item is not None:
            self.title.setText(item.title)
            self.state.setText(item.status_label)
        else:
            self.title.setText(_("参考案例库"))
            self.state.setText("")
        # a case or rule shown carries its own heading and state; the editor needs one
        self.state.setVisible(editing)
        self.title.setVisible(editing)
        viewing = item is not None and not editing
        self.act_edit.setVisible(editor_role and not editing)
        self.act_edit.setEnabled(viewing and self._can_edit())
        self.act_edit.setToolTip(
            _("已发布的内容须先撤回至审核才能修改") if status == "published" else _("修改本条（F2）")
        )
        self.act_save.setVisible(editing)
        self.act_save.setEnabled(editing)
        self.act_cancel.setVisible(editing)
        self.act_cancel.setEnabled(editing)
        self.act_submit.setVisible(editor_role and not editing)
        self.act_submit.setEnabled(viewing and status == "draft")
        self.act_publish.setVisible(publisher and not editing)
        self.act_publish.setEnabled(viewing and status == "review")
        self.act_send_back.setVisible(editor_role and not editing)
        self.act_send_back.setEnabled(viewing and status == "review")
        self.act_withdraw.setVisible(publisher and not editing)
        self.act_withdraw.setEnabled(viewing and status == "published")
        self.act_delete.setVisible(editor_role and not editing)
        self.act_delete.setEnabled(viewing and status in ("draft", "review"))
        can_export = allowed(actor, "documents.export")
        label = _("参考性案例")
        self.act_export.setVisible(not editing)
        self.act_export.setEnabled(viewing and self.case is not None and can_export)
        self.act_export.setToolTip(
            _("将{label}导出为 Word 或 PDF 文档（Ctrl+E）").format(label=label)
            if can_export
            else _("当前账户无权导出{label}").format(label=label)
        )
        self.footer.setVisible(viewing)
        from_meeting = self.case is not None and self.case.meeting_id is not None
        self.open_meeting.setVisible(viewing and from_meeting)
        for button in (self.relevant, self.irrelevant):
            button.setVisible(viewing and self.case is not None)
