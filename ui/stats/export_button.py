"""“导出”: the statistics shown as an Excel workbook, a Word or PDF report, and the period's 汇编 (Word).

The files are written by the core (meetingdesk.stats.export / .report) on a worker thread; the heavy
libraries (openpyxl, python-docx, reportlab) load there, never while the window starts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from meetingdesk.errors import Cancelled
from meetingdesk.i18n import N_, _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.files import sanitise_filename
from meetingdesk.services.permissions import allowed
from meetingdesk.stats import Statistics
from meetingdesk.stats.tables import statistics_title

from ui.context import AppContext
from ui.errors import show_error
from ui.settings import LAST_EXPORT_DIR

# kind: (menu text, file suffix, file-type label, permission beyond read.all or "")
EXPORTS: dict[str, tuple[str, str, str, str]] = {
    "xlsx": (N_("统计表（Excel 工作簿）"), "xlsx", N_("Excel 工作簿"), ""),
    "docx": (N_("统计报告（Word 文档）"), "docx", N_("Word 文档"), ""),
    "pdf": (N_("统计报告（PDF 文档）"), "pdf", N_("PDF 文档"), ""),
    "compilation": (N_("讨论意见汇编（Word 文档）"), "docx", N_("Word 文档"), "documents.export_internal"),
}


def suggested_name(stats: Statistics, kind: str) -> str:
    if kind == "compilation":
        title = _("{period}专业法官会议讨论意见汇编").format(period=stats.period.label)
    else:
        title = statistics_title(stats)
    return sanitise_filename(f"{title}.{EXPORTS[kind][1]}")


class StatsExportButton(QToolButton):
    """A drop-down of the four outputs; each asks where to save, then writes in the background."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: Statistics | None = None
        self.last_written: Path | None = None
        self.setObjectName("statsExport")
        self.setText(_("导出 ▾"))
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.setToolTip(_("把当前显示的统计导出为 Excel、Word 或 PDF，或导出本期讨论意见汇编（Ctrl+E）"))
        self.setShortcut("Ctrl+E")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for kind, (text, _suffix, _label, permission) in EXPORTS.items():
            if kind == "compilation":
                menu.addSeparator()
            action = menu.addAction(_(text))
            action.setObjectName(f"statsExport_{kind}")
            action.setEnabled(not permission or allowed(ctx.actor, permission))
            action.triggered.connect(lambda _c=False, k=kind: self.export(k))
        self.setMenu(menu)
        self.set_statistics(None)

    def set_statistics(self, stats: Statistics | None) -> None:
        """What the page shows now (exports write exactly this period and body)."""
        self.stats = stats
        self.setEnabled(stats is not None)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Ask where to save (unless ``path`` is given), then write the file on a worker thread."""
        stats = self.stats
        if stats is None:
            return
        text, suffix, label, _permission = EXPORTS[kind]
        if path is None:
            folder = self.ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home())
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("导出{what}").format(what=_(text)),
                str(Path(folder) / suggested_name(stats, kind)),
                _("{label} (*.{suffix})").format(label=_(label), suffix=suffix),
            )
            if not chosen:
                return
            path = Path(chosen)
            if not path.suffix:
                path = path.with_name(f"{path.name}.{suffix}")
        self.ctx.settings.set(LAST_EXPORT_DIR, str(path.parent))
        desk, actor, target = self.ctx.desk, self.ctx.actor, path

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Path:
            if kind == "xlsx":
                from meetingdesk.stats.export import write_statistics_xlsx

                progress(0.2, _("写入工作簿"))
                return write_statistics_xlsx(stats, target)
            from meetingdesk.stats.report import export_compilation, export_statistics_document

            if kind == "compilation":
                progress(0.2, _("汇编讨论意见"))
                return export_compilation(desk, actor, stats.period, target, body_id=stats.body_id)
            return export_statistics_document(
                desk, actor, stats.period, target, body_id=stats.body_id, progress=progress, should_cancel=should_cancel
            )

        self.ctx.tasks.run(
            work,
            on_done=self._written,
            on_error=self._failed,
            parent=self.window(),
            label=_("正在导出{what}……").format(what=_(text)),
        )

    def _written(self, path: object) -> None:
        if isinstance(path, Path):
            self.last_written = path
            self.ctx.signals.sig_status_message.emit(_("已导出：{path}").format(path=path))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.ctx.signals.sig_status_message.emit(_("已取消导出。"))
            return
        show_error(self, exc)
