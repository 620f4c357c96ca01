"""Importing members and bodies from a court's roster (.xlsx/.csv): preview every row, then all or nothing.

The dialog reads and checks the file on a worker thread (meetingdesk.exchange.roster_import) and lists
what each row would do — 新增, 更新, 无变化, or its errors in red. Nothing is written until the user
presses 导入, which is possible only when no row has an error; the core then checks the file again and
writes everything in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import Cancelled
from meetingdesk.exchange.roster_import import ImportResult, RosterPreview
from meetingdesk.i18n import N_, _
from meetingdesk.progress import CancelFn, ProgressFn

from ui.context import AppContext
from ui.errors import show_error
from ui.row_model import MUTED_COLOUR, OK_COLOUR, WARNING_COLOUR, Column, RowTableModel
from ui.state import remember_geometry

ACTIONS = {"create": N_("新增"), "update": N_("更新"), "unchanged": N_("无变化"), "error": N_("有错误")}
KINDS = {"body": N_("会议组"), "member": N_("成员")}


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as the preview shows it."""

    n: int
    sheet: str
    row: int
    kind: str  # body | member
    name: str
    action: str
    detail: str
    errors: tuple[str, ...]


def preview_rows(preview: RosterPreview) -> list[PreviewRow]:
    rows: list[PreviewRow] = []
    for b in preview.bodies:
        rows.append(PreviewRow(len(rows), b.sheet, b.row, "body", b.name, b.action, "", b.errors))
    for m in preview.members:
        detail = _("、").join(m.bodies) + (_("（主持人）") if m.presider and m.bodies else "")
        rows.append(PreviewRow(len(rows), m.sheet, m.row, "member", m.name, m.action, detail, m.errors))
    return rows


def _colour(r: PreviewRow) -> object:
    if r.action == "error":
        return WARNING_COLOUR
    if r.action == "unchanged":
        return MUTED_COLOUR
    return OK_COLOUR


def preview_columns() -> list[Column[PreviewRow]]:
    return [
        Column(_("工作表"), lambda r: r.sheet),
        Column(_("行"), lambda r: r.row, align_right=True, header_tip=_("在 Excel 中的行号")),
        Column(_("类别"), lambda r: _(KINDS[r.kind])),
        Column(_("名称"), lambda r: r.name or _("（空）")),
        Column(_("导入后"), lambda r: _(ACTIONS[r.action]), foreground=_colour),  # type: ignore[arg-type]
        Column(_("所属会议组"), lambda r: r.detail),
        Column(
            _("问题"),
            lambda r: _("；").join(e.rstrip(_("。")) for e in r.errors),
            tooltip=lambda r: "\n".join(r.errors),
            foreground=lambda _r: WARNING_COLOUR,
        ),
    ]


class RosterImportDialog(QDialog):
    """Preview a roster file; 导入 writes it all, or nothing if any row is wrong."""

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.preview: RosterPreview | None = None
        self.result_value: ImportResult | None = None
        self.setObjectName("rosterImportDialog")
        self.setWindowTitle(_("导入名册：{name}").format(name=self.path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.summary = QLabel(_("正在读取并检查文件……"))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.hide()
        self.warnings = QLabel()
        self.warnings.setObjectName("importWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b54708;")
        self.warnings.hide()
        self.model: RowTableModel[PreviewRow] = RowTableModel(preview_columns(), key=lambda r: r.n, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(4)
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.only_errors = QCheckBox(_("只显示有错误的行(&E)"))
        self.only_errors.setObjectName("onlyErrors")
        self.only_errors.setToolTip(_("隐藏没有问题的行，便于逐条修正"))
        self.only_errors.toggled.connect(self._filter)
        self.note = QLabel(
            _(
                "预览不写入任何数据。导入只新增或更新，从不删除；只要有一行有错误，就什么也不导入。格式说明见使用说明（F1）。"
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #667085;")

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(_("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("applyImport")
        self.import_button.setToolTip(_("确认后在一个事务中写入全部行（Ctrl+Enter）"))
        self.import_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(_("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelImport")
        self.import_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)

        help_action = QAction(_("使用说明"), self)
        help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_action.triggered.connect(self._help)
        self.addAction(help_action)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.warnings)
        layout.addWidget(self.only_errors)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        remember_geometry(ctx.settings, "RosterImportDialog", self)

    # ---- public API

    def start(self) -> None:
        """Read and check the file on a worker thread (nothing is written)."""
        desk, actor, path = self.ctx.desk, self.ctx.actor, self.path

        def work(progress: ProgressFn, _should_cancel: CancelFn) -> RosterPreview:
            from meetingdesk.exchange.roster_import import preview_roster_import

            progress(0.1, _("读取文件"))
            return preview_roster_import(desk, actor, path)

        self.ctx.tasks.run(
            work, on_done=self.show_preview, on_error=self._preview_failed, parent=self, label=_("正在检查名册……")
        )

    def show_preview(self, preview: RosterPreview) -> None:
        self.preview = preview
        self.model.set_rows(preview_rows(preview))
        self.table.resizeColumnsToContents()
        counts = {a: preview.count(a) for a in ACTIONS}
        self.summary.setText(
            _("共{n}行：新增{create}行，更新{update}行，无变化{unchanged}行，有错误{error}行。").format(
                n=len(preview.bodies) + len(preview.members), **counts
            )
        )
        errors = preview.errors
        if errors:
            shown = [str(p) for p in errors[:8]]
            more = _("……共{n}处问题。").format(n=len(errors)) if len(errors) > 8 else ""
            self.problems.setText(
                _("请在表格中修正以下问题后重新导入（数据未作任何更改）：") + "\n" + "\n".join(shown) + more
            )
            self.problems.show()
        else:
            self.problems.hide()
        if preview.warnings:
            self.warnings.setText("\n".join(str(w) for w in preview.warnings))
            self.warnings.show()
        changes = counts["create"] + counts["update"]
        self.import_button.setEnabled(preview.ok and changes > 0)
        if preview.ok and not changes:
            self.summary.setText(self.summary.text() + _("名册与系统中的一致，无需导入。"))

    def apply(self) -> None:
        """Write the file (the core checks it again; all or nothing)."""
        if self.preview is None or not self.preview.ok:
            return
        self.import_button.setEnabled(False)
        desk, actor, path = self.ctx.desk, self.ctx.actor, self.path

        def work(progress: ProgressFn, _should_cancel: CancelFn) -> ImportResult:
            from meetingdesk.exchange.roster_import import apply_roster_import

            progress(0.1, _("写入"))
            return apply_roster_import(desk, actor, path)

        self.ctx.tasks.run(work, on_done=self._applied, on_error=self._apply_failed, parent=self, label=_("正在导入……"))

    # ---- internals

    def _applied(self, result: ImportResult) -> None:
        self.result_value = result
        self.ctx.changed("roster")
        self.ctx.signals.sig_status_message.emit(
            _("名册已导入：新增会议组{bc}个、更新{bu}个，新增人员{jc}名、更新{ju}名。").format(
                bc=result.bodies_created, bu=result.bodies_updated, jc=result.judges_created, ju=result.judges_updated
            )
        )
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            show_error(self, exc)
        self.start()  # the file may have changed: show what it holds now

    def _preview_failed(self, exc: BaseException) -> None:
        self.summary.setText(_("无法读取该文件，数据未作任何更改。"))
        if not isinstance(exc, Cancelled):
            show_error(self, exc)

    def _filter(self, only_errors: bool) -> None:
        self.proxy.setFilterFixedString(_(ACTIONS["error"]) if only_errors else "")

    def _help(self) -> None:
        from ui.help import show_help

        show_help(self, "data")


def open_roster_import(ctx: AppContext, parent: QWidget, path: Path | None = None) -> RosterImportDialog | None:
    """Ask for a roster file (unless ``path`` is given) and open its preview (non-modal to the caller's window)."""
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        from ui.settings import LAST_EXPORT_DIR

        chosen, _filter = QFileDialog.getOpenFileName(
            parent,
            _("选择名册文件"),
            ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home()),
            _("名册 (*.xlsx *.xlsm *.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    dialog = RosterImportDialog(ctx, path, parent.window())
    dialog.open()
    dialog.start()
    return dialog
