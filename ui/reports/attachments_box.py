"""A report's attachments: add (type and size checked by the service), open, remove."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.choices import ATTACHMENT_KINDS
from meetingdesk.i18n import _, pgettext
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services import attachments as attachment_svc
from meetingdesk.services.attachment_view import viewable_copy
from meetingdesk.services.attachments import Attachment

from ui.context import AppContext
from ui.errors import show_error
from ui.prompts import ask
from ui.row_model import Column, RowTableModel
from ui.settings import LAST_ATTACH_DIR


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(n / 1024, 0.1):.1f} KB"


def attachment_columns() -> list[Column[Attachment]]:
    return [
        Column(_("类别"), lambda a: a.kind_label),
        Column(_("文件名"), lambda a: a.filename, tooltip=lambda a: a.filename),
        Column(_("大小"), lambda a: _size(a.size), sort_value=lambda a: a.size, align_right=True),
        Column(_("添加时间"), lambda a: a.added_at[:16].replace("T", " ")),
    ]


class AttachmentsBox(QWidget):
    """Lists the attachments; ``ensure_report`` saves a new report first and returns its id (or None)."""

    sig_changed = Signal()
    """Attachments were added or removed."""

    def __init__(self, ctx: AppContext, ensure_report: Callable[[], int | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._ensure_report = ensure_report
        self.report_id: int | None = None
        self._busy = False
        self.model: RowTableModel[Attachment] = RowTableModel(attachment_columns(), key=lambda a: a.id, parent=self)
        self.table = QTableView()
        self.table.setObjectName("attachmentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        self.table.setToolTip(_("双击打开附件"))
        self.table.doubleClicked.connect(lambda _i: self.open_selected())

        self.kind = QComboBox()
        self.kind.setObjectName("attachmentKind")
        self.kind.setToolTip(_("新添加附件的类别；类案检索报告请选“类案检索报告”"))
        for code, label in ATTACHMENT_KINDS:
            self.kind.addItem(label, code)
        self.add_button = QPushButton(_("添加附件…"))
        self.add_button.setObjectName("addAttachment")
        self.add_button.setToolTip(
            _("选择文件作为附件（PDF、Word、WPS、OFD、Excel、图片或文本，单个不超过{mb} MB）（Ctrl+Shift+F）").format(
                mb=attachment_svc.MAX_BYTES // 1024 // 1024
            )
        )
        self.add_button.setShortcut("Ctrl+Shift+F")
        self.add_button.clicked.connect(self.choose_file)
        self.open_button = QPushButton(_("打开"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.setToolTip(_("用本机程序打开所选附件"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(pgettext("action", "删除"))
        self.remove_button.setObjectName("removeAttachment")
        self.remove_button.setToolTip(_("从案件报告中删除所选附件"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.kind)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._read_only = False
        self._update_buttons()

    # ---- public API

    def set_attachments(self, report_id: int | None, items: Sequence[Attachment]) -> None:
        self.report_id = report_id
        self.model.set_rows(items)
        has_search = any(a.kind == "search_report" for a in items)
        self.kind.setCurrentIndex(self.kind.findData("other" if has_search else "search_report"))
        self._update_buttons()

    def attachments(self) -> list[Attachment]:
        return self.model.rows()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_buttons()

    def focus_widgets(self) -> list[QWidget]:
        return [self.table, self.kind, self.add_button, self.open_button, self.remove_button]

    def choose_file(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(attachment_svc.ALLOWED))
        start = self.ctx.settings.get(LAST_ATTACH_DIR)
        path, _filter = QFileDialog.getOpenFileName(
            self, _("选择附件"), start, _("可上传的文件 ({patterns})").format(patterns=patterns)
        )
        if path:
            self.ctx.settings.set(LAST_ATTACH_DIR, str(Path(path).parent))
            self.add_file(Path(path), str(self.kind.currentData()))

    def add_file(self, path: Path, kind: str) -> None:
        """Attach ``path`` (copied and checked off the GUI thread); a new report is saved first."""
        report_id = self._ensure_report()
        if report_id is None:
            return
        desk, actor = self.ctx.desk, self.ctx.actor

        def work(_progress: ProgressFn, _cancel: CancelFn) -> Attachment:
            return attachment_svc.add_attachment(desk, actor, report_id, path, kind)

        self._busy = True
        self._update_buttons()
        self.ctx.tasks.run(
            work,
            on_done=lambda att: self._after_change(report_id, _("已添加附件“{name}”。").format(name=att.filename)),
            on_error=self._failed,
            parent=self,
            label=_("正在添加附件……"),
        )

    def selected(self) -> Attachment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        att = self.selected()
        if att is None:
            return
        desk, actor = self.ctx.desk, self.ctx.actor

        def work(_progress: ProgressFn, _cancel: CancelFn) -> Path:
            return viewable_copy(desk, actor, att.id)

        def opened(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.ctx.signals.sig_status_message.emit(_("没有可以打开该类文件的程序：{path}").format(path=path))

        self.ctx.tasks.run(work, on_done=opened, on_error=self._failed, parent=self, label=_("正在打开附件……"))

    def remove_selected(self) -> None:
        att = self.selected()
        if att is None or self.report_id is None:
            return
        report_id = self.report_id

        def answered(button: QMessageBox.StandardButton) -> None:
            if button != QMessageBox.StandardButton.Yes:
                return
            try:
                attachment_svc.remove_attachment(self.ctx.desk, self.ctx.actor, att.id)
            except Exception as exc:
                show_error(self, exc)
                return
            self._after_change(report_id, _("已删除附件“{name}”。").format(name=att.filename))

        self.confirm_box = ask(
            self,
            _("删除附件"),
            _("确定从案件报告中删除附件“{name}”吗？").format(name=att.filename),
            answered,
        )

    # ---- internals

    def _after_change(self, report_id: int, message: str) -> None:
        self._busy = False
        if report_id == self.report_id:
            self.set_attachments(report_id, attachment_svc.list_attachments(self.ctx.desk, report_id))
        self.ctx.signals.sig_status_message.emit(message)
        self.sig_changed.emit()
        self.ctx.changed("reports")

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        show_error(self, exc)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(not self._read_only and not self._busy)
        self.kind.setEnabled(not self._read_only)
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self._read_only and not self._busy)
