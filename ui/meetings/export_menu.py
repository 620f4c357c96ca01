"""“导出文书”: the meeting's papers (通知, 议程, 签到表, 记录, 纪要) as Word or PDF, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from meetingdesk.errors import Cancelled
from meetingdesk.i18n import N_, _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.files import sanitise_filename
from meetingdesk.services.meetings import get_meeting
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.settings import LAST_EXPORT_DIR

FORMAT_LABELS = {"docx": N_("Word 文档"), "pdf": N_("PDF 文档")}

# The meeting's papers as meetingdesk.services.exports knows them (kind, label, permission). Kept here so
# the window comes up without loading python-docx and reportlab; tests check the two lists agree.
MEETING_PAPERS: tuple[tuple[str, str, str], ...] = (
    ("notice", N_("会议通知"), "documents.export"),
    ("agenda", N_("议程"), "documents.export"),
    ("signin", N_("签到表"), "documents.export"),
    ("minutes", N_("会议记录"), "documents.export_internal"),
    ("summary", N_("会议纪要"), "documents.export_internal"),
)
PAPER_LABELS = {kind: label for kind, label, _perm in MEETING_PAPERS}


class ExportButton(QToolButton):
    """A drop-down of the current meeting's documents; each opens a save dialog, then renders in the background."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.last_written: Path | None = None
        self.setObjectName("exportDocuments")
        self.setText(_("导出文书 ▾"))
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.setToolTip(_("将当前会议的通知、议程、签到表、会议记录或会议纪要导出为 Word 或 PDF 文档"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for kind, label, permission in MEETING_PAPERS:
            sub = menu.addMenu(_(label))
            sub.setEnabled(allowed(ctx.actor, permission))
            for fmt, format_label in FORMAT_LABELS.items():
                action = sub.addAction(_(format_label))
                action.setObjectName(f"export_{kind}_{fmt}")
                action.triggered.connect(lambda _c=False, k=kind, f=fmt: self.export(k, f))
        self.setMenu(menu)
        self.set_meeting(None)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.setEnabled(meeting_id is not None)

    def export(self, kind: str, fmt: str, path: Path | None = None) -> None:
        """Ask where to save (unless ``path`` is given), then write the document in the background."""
        if self.meeting_id is None:
            return
        label = _(PAPER_LABELS[kind])
        meeting = get_meeting(self.ctx.desk, self.meeting_id)
        if path is None:
            folder = self.ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home())
            name = sanitise_filename(f"{meeting.display_title}{label}.{fmt}")
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("导出{label}").format(label=label),
                str(Path(folder) / name),
                _("{label} (*.{fmt})").format(label=_(FORMAT_LABELS[fmt]), fmt=fmt),
            )
            if not chosen:
                return
            path = Path(chosen)
        self.ctx.settings.set(LAST_EXPORT_DIR, str(path.parent))
        desk, actor, meeting_id = self.ctx.desk, self.ctx.actor, self.meeting_id

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Path:
            from meetingdesk.services.exports import export_document  # heavy: loaded off the GUI thread

            return export_document(
                desk, actor, kind, meeting_id, fmt, path, progress=progress, should_cancel=should_cancel
            )

        self.ctx.tasks.run(
            work,
            on_done=self._written,
            on_error=self._failed,
            parent=self.window(),
            label=_("正在生成{label}……").format(label=label),
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
