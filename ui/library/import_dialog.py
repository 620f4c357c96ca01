"""导入案例和裁判文书: choose files, run the import off the GUI thread, then list what was skipped and why.

The core imports all good records in one transaction: a cancel imports nothing, and each skipped
record is named by file and line (or item) so it can be fixed and imported again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled
from meetingdesk.i18n import _
from meetingdesk.library.choices import CATEGORIES
from meetingdesk.library.importer import ImportReport, import_files
from meetingdesk.library.records import SUPPORTED_SUFFIXES
from meetingdesk.progress import CancelFn, ProgressFn

from ui.context import AppContext
from ui.errors import show_error
from ui.state import remember_geometry
from ui.tasks import TaskHandle

SUMMARY_STYLE = "font-weight: bold; color: #027a48;"
WARN_STYLE = "color: #b42318;"


class ImportDialog(QDialog):
    sig_imported = Signal(object)
    """The import finished (its ImportReport)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("libraryImport")
        self.setWindowTitle(_("导入案例和裁判文书"))
        self.report: ImportReport | None = None
        self.handle: TaskHandle | None = None
        intro = QLabel(
            _(
                "支持 .json（一个或多个案例）、.jsonl（每行一个，含 LeCaRD 格式：ajName、ajjbqk、cpfxgc、pjjg、qw）"
                "和 .docx（首段为标题，可含“裁判要点”“基本案情”等小标题）。重复的案例和有问题的记录会跳过并在报告中列出"
                "（文件名和行号），其余全部导入；中途取消则不导入任何记录。"
            )
        )
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("importFiles")
        self.files.setToolTip(_("将要导入的文件"))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMaximumHeight(110)
        self.add_button = QPushButton(_("添加文件…"))
        self.add_button.setObjectName("addImportFiles")
        self.add_button.setToolTip(_("选择要导入的文件（可多选）（Ctrl+O）"))
        self.add_button.setShortcut(QKeySequence("Ctrl+O"))
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(_("移除"))
        self.remove_button.setObjectName("removeImportFiles")
        self.remove_button.setToolTip(_("从列表中移除所选文件"))
        self.remove_button.clicked.connect(self._remove_selected)
        self.category = QComboBox()
        self.category.setObjectName("importCategory")
        self.category.setToolTip(_("文件中未注明案例类别的记录按此类别导入（决定其效力层级）"))
        for code, label in CATEGORIES:
            self.category.addItem(label, code)
        self.category.setCurrentIndex(max(self.category.findData("judgment"), 0))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.skipped = QTableWidget(0, 3)
        self.skipped.setObjectName("importSkipped")
        self.skipped.setToolTip(_("跳过的记录：文件与位置、原因"))
        self.skipped.setHorizontalHeaderLabels([_("文件与位置"), _("结果"), _("原因")])
        header_item = self.skipped.horizontalHeaderItem(0)
        if header_item is not None:
            header_item.setToolTip(_("文件名:行号 或 文件名#第几项"))
        self.skipped.verticalHeader().setVisible(False)
        self.skipped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.skipped.setWordWrap(False)
        header = self.skipped.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.start_button = QPushButton(_("开始导入"))
        self.start_button.setObjectName("startImport")
        self.start_button.setToolTip(_("开始导入（Ctrl+Enter）"))
        self.start_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(_("关闭"))
        self.close_button.setObjectName("closeImport")
        self.close_button.clicked.connect(self.reject)

        file_buttons = QVBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)
        form = QFormLayout()
        files_label = QLabel(_("文件(&F)："))
        files_label.setBuddy(self.files)
        form.addRow(files_label, file_row)
        category_label = QLabel(_("未注明类别的记录作为(&C)："))
        category_label.setBuddy(self.category)
        form.addRow(category_label, self.category)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.skipped, 1)
        layout.addLayout(buttons)
        self.resize(720, 520)
        remember_geometry(ctx.settings, "LibraryImportDialog", self)
        self._update_buttons()

    # ---- files

    def choose_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, _("选择要导入的文件"), str(Path.home()), _("案例文件 ({patterns})").format(patterns=patterns)
        )
        self.add_files([Path(p) for p in chosen])

    def add_files(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                item_text = str(path)
                self.files.addItem(item_text)
                known.add(path)
        self._update_buttons()

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.handle is not None
        self.start_button.setEnabled(bool(self.paths()) and not running)
        self.add_button.setEnabled(not running)
        self.remove_button.setEnabled(not running)

    # ---- the import

    def start(self) -> None:
        paths = self.paths()
        if not paths or self.handle is not None:
            return
        desk, actor, category = self.ctx.desk, self.ctx.actor, self.category.currentData()

        def work(progress: ProgressFn, should_cancel: CancelFn) -> ImportReport:
            return import_files(desk, actor, paths, category=category, progress=progress, should_cancel=should_cancel)

        self.summary.clear()
        self.skipped.setRowCount(0)
        self.handle = self.ctx.tasks.run(
            work,
            on_done=self._done,
            on_error=self._failed,
            parent=self,
            label=_("正在导入 {n} 个文件……").format(n=len(paths)),
        )
        self._update_buttons()

    def cancel_import(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    @property
    def running(self) -> bool:
        return self.handle is not None

    def _done(self, report: ImportReport) -> None:
        if not Shiboken.isValid(self):
            return
        self.handle = None
        self.report = report
        self.show_report(report)
        self._update_buttons()
        if report.imported:
            self.ctx.changed("library")
        self.ctx.signals.sig_status_message.emit(report.summary())
        self.sig_imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self.handle = None
        self._update_buttons()
        if isinstance(exc, Cancelled):
            self.summary.setText(_("已取消导入，案例库未作任何改动。"))
            self.summary.setStyleSheet(WARN_STYLE)
            return
        show_error(self, exc)

    def show_report(self, report: ImportReport) -> None:
        self.summary.setText(report.summary())
        self.summary.setStyleSheet(SUMMARY_STYLE)
        rows = [(loc, _("有问题，已跳过"), message) for loc, message in report.problems]
        rows += [(loc, _("重复，已跳过"), _("与已有案例“{t}”相同").format(t=title)) for loc, title in report.duplicates]
        self.skipped.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if col == 1:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.skipped.setItem(row, col, item)

    def skipped_rows(self) -> list[tuple[str, ...]]:
        rows = []
        for r in range(self.skipped.rowCount()):
            items = [self.skipped.item(r, c) for c in range(3)]
            rows.append(tuple(item.text() if item is not None else "" for item in items))
        return rows

    def reject(self) -> None:
        if self.handle is not None:
            self.handle.cancel()  # the dialog closes; the import is rolled back
        super().reject()
