"""数据交换: roster in and out of spreadsheets, every table to .xlsx, and the open export (JSON + attachments).

Each action asks for a file or folder (tests pass one instead), then runs the core function on a worker
thread with a progress dialog. Buttons a role may not use are disabled and say who may.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from meetingdesk.domain.choices import ROLES
from meetingdesk.errors import Cancelled
from meetingdesk.i18n import _, ngettext
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.permissions import PERMISSIONS, allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.settings import LAST_EXPORT_DIR
from ui.settings_forms.fields import NOTE_STYLE


def who_may(permission: str) -> str:
    roles = PERMISSIONS[permission][1]
    return _("仅限：{who}").format(who=_("、").join(ROLES.label(r) for r in ROLES.codes() if r in roles))


class DataExchangePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dataExchange")
        self.last_result: Any = None

        roster_box = QGroupBox(_("成员与会议组名册"))
        text = QLabel(
            _(
                "从本院现有的名册表格（Excel .xlsx 或 .csv）导入成员和会议组：先预览每一行，确认无误后一次性导入；"
                "有任何一行出错都不会导入。导出的名册可修改后原样导回。"
            )
        )
        text.setWordWrap(True)
        self.import_button = self._button(
            "importRoster",
            _("导入名册…"),
            self.import_roster,
            "roster.edit",
            _("从 .xlsx 或 .csv 文件导入成员和会议组（先预览）"),
        )
        self.template_button = self._button(
            "rosterTemplate", _("空白模板…"), self.save_template, "", _("保存带填写说明的空白名册模板（.xlsx）")
        )
        self.roster_button = self._button(
            "exportRoster", _("导出名册…"), self.export_roster, "read.all", _("按导入格式导出全部成员和会议组（.xlsx）")
        )
        row = QHBoxLayout()
        for b in (self.import_button, self.template_button, self.roster_button):
            row.addWidget(b)
        row.addStretch(1)
        v = QVBoxLayout(roster_box)
        v.addWidget(text)
        v.addLayout(row)

        all_box = QGroupBox(_("导出全部数据"))
        text2 = QLabel(
            _(
                "把数据库中的全部表导出为一个 Excel 工作簿（每表一页），或导出为开放格式（每表一个 JSON 文件，"
                "连同全部附件和校验清单），可随时迁移到其他系统；导出文件夹中的 README.txt 说明了格式。"
                "导出内容包含保密的会议记录和审计日志，请妥善保管。"
            )
        )
        text2.setWordWrap(True)
        self.tables_button = self._button(
            "exportTables",
            _("全部表导出为 Excel…"),
            self.export_tables,
            "data.export_all",
            _("每个表一个工作表的 .xlsx 工作簿"),
        )
        self.open_button = self._button(
            "exportAll",
            _("开放格式导出…"),
            self.export_all,
            "data.export_all",
            _("全部数据导出为 JSON 文件和附件（选择一个空文件夹）"),
        )
        row2 = QHBoxLayout()
        row2.addWidget(self.tables_button)
        row2.addWidget(self.open_button)
        row2.addStretch(1)
        v2 = QVBoxLayout(all_box)
        v2.addWidget(text2)
        v2.addLayout(row2)

        self.status = QLabel()
        self.status.setObjectName("exchangeStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(roster_box)
        layout.addWidget(all_box)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _button(self, name: str, text: str, slot: Callable[[], object], permission: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        may = not permission or allowed(self.ctx.actor, permission)
        button.setEnabled(may)
        button.setToolTip(tip if may else f"{tip}\n{who_may(permission)}")
        button.clicked.connect(lambda _c=False: slot())
        return button

    # ---- asking

    def _folder(self) -> str:
        return self.ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home())

    def _save_path(self, title: str, name: str, pattern: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(Path(self._folder()) / name), pattern)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.ctx.settings.set(LAST_EXPORT_DIR, str(path.parent))
        return path

    # ---- actions

    def import_roster(self, path: Path | None = None) -> QWidget | None:
        """Open the preview dialog for a roster file (asked for unless given); returns the dialog."""
        from ui.exchange.import_dialog import open_roster_import

        return open_roster_import(self.ctx, self, path)

    def save_template(self, path: Path | None = None) -> None:
        path = path or self._save_path(_("保存空白名册模板"), _("名册模板.xlsx"), _("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return

        def work(_progress: ProgressFn, _should_cancel: CancelFn) -> Path:
            from meetingdesk.exchange.roster_export import write_roster_template

            return write_roster_template(path)

        self._run(work, _("正在保存模板……"), lambda p: _("已保存空白模板：{path}").format(path=p))

    def export_roster(self, path: Path | None = None) -> None:
        path = path or self._save_path(_("导出名册"), _("成员与会议组名册.xlsx"), _("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return
        desk, actor = self.ctx.desk, self.ctx.actor

        def work(_progress: ProgressFn, _should_cancel: CancelFn) -> Path:
            from meetingdesk.exchange.roster_export import export_roster_xlsx

            return export_roster_xlsx(desk, actor, path)

        self._run(work, _("正在导出名册……"), lambda p: _("已导出名册：{path}").format(path=p))

    def export_tables(self, path: Path | None = None) -> None:
        stamp = self.ctx.desk.now().strftime("%Y%m%d")
        path = path or self._save_path(
            _("全部表导出为 Excel"), _("MeetingDesk全部数据-{d}.xlsx").format(d=stamp), _("Excel 工作簿 (*.xlsx)")
        )
        if path is None:
            return
        desk, actor = self.ctx.desk, self.ctx.actor

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Path:
            from meetingdesk.exchange.tables_xlsx import export_tables_xlsx

            return export_tables_xlsx(desk, actor, path, progress=progress, should_cancel=should_cancel)

        self._run(work, _("正在导出全部表……"), lambda p: _("已导出：{path}").format(path=p))

    def export_all(self, folder: Path | None = None) -> None:
        """The open export into a new folder inside the one chosen (the core refuses a folder with files)."""
        if folder is None:
            parent = QFileDialog.getExistingDirectory(self, _("选择导出位置（将在其中新建文件夹）"), self._folder())
            if not parent:
                return
            self.ctx.settings.set(LAST_EXPORT_DIR, parent)
            folder = Path(parent) / _("MeetingDesk开放格式导出-{t}").format(
                t=self.ctx.desk.now().strftime("%Y%m%d-%H%M")
            )
        desk, actor, target = self.ctx.desk, self.ctx.actor, folder

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Any:
            from meetingdesk.exchange.open_export import export_all

            return export_all(desk, actor, target, progress=progress, should_cancel=should_cancel)

        def said(summary: Any) -> str:
            text = _("已导出到：{folder}\n表{t}个，记录{r}条；附件{a}个。").format(
                folder=summary.folder, t=summary.tables, r=summary.rows, a=summary.attachments
            )
            if summary.missing_attachments:
                text += ngettext(
                    "\n注意：{n}个附件文件缺失或校验值不符，未能导出（见 manifest.json）。",
                    "\n注意：{n}个附件文件缺失或校验值不符，未能导出（见 manifest.json）。",
                    len(summary.missing_attachments),
                ).format(n=len(summary.missing_attachments))
            return text

        self._run(work, _("正在导出全部数据……"), said)

    def _run(self, work: Callable[[ProgressFn, CancelFn], Any], label: str, say: Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.last_result = result
            text = say(result)
            self.status.setText(text)
            self.ctx.signals.sig_status_message.emit(text.splitlines()[0])

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                self.status.setText(_("已取消，未留下不完整的文件。"))
                return
            show_error(self, exc)

        self.ctx.tasks.run(work, on_done=done, on_error=failed, parent=self.window(), label=label)
