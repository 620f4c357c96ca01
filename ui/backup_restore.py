"""The backup and restore screen, and the automatic backup the main window runs at start-up and exit.

For the main window:

- ``BackupRestoreDialog(desk, actor, parent, tasks=ctx.tasks)``: make a backup now, see the automatic
  backups and their policy (administrators edit it), and restore (administrators). After a restore it
  emits ``restored``: the Desk reconnects by itself to the restored database, but every screen must
  reload what it shows (e.g. ``ctx.changed("*")``) — or simply restart the application.
- ``start_auto_backup(desk, tasks, on_done=None)``: today's rotating backup in the background.

All the work is in ``meetingdesk.services.backup/restore/auto_backup``; this module asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.actor import Actor
from meetingdesk.services.auto_backup import (
    BackupFile,
    auto_backup_folder,
    list_backups,
    policy_from_settings,
    run_auto_backup,
)
from meetingdesk.services.backup import BackupInfo, create_backup, verify_backup
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import allowed
from meetingdesk.services.restore import RestoreResult, restore_backup
from meetingdesk.services.settings import set_setting

from ui.errors import show_error
from ui.tasks import TaskRunner

Done = Callable[[Any], None]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


class BackupRestoreDialog(QDialog):
    """Backups for administrators and secretaries; restore for administrators.

    ``ask_save_path``, ``ask_open_path`` and ``confirm`` are the only places the dialog asks the user;
    tests replace them.
    """

    restored = Signal(object)  # RestoreResult

    def __init__(
        self, desk: Desk, actor: Actor, parent: QWidget | None = None, *, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.desk, self.actor = desk, actor
        self.tasks = tasks or TaskRunner()
        self.setObjectName("backupRestoreDialog")
        self.setWindowTitle(_("备份与恢复"))
        self.resize(720, 560)
        self.ask_save_path: Callable[[], Path | None] = self._ask_save_path
        self.ask_open_path: Callable[[], Path | None] = self._ask_open_path
        self.confirm: Callable[[str], bool] = self._confirm
        self.last_result: object = None

        layout = QVBoxLayout(self)
        layout.addWidget(self._backup_box())
        layout.addWidget(self._auto_box())
        layout.addWidget(self._restore_box())
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()

    # ---- layout

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(_("立即备份"))
        text = QLabel(
            _(
                "把数据库和全部附件写入一个备份文件（.zip，含校验清单）。程序运行中也可备份。"
                "请把备份保存到另一块磁盘、U 盘或网络共享文件夹，并妥善保管：备份含有保密的会议材料。"
            )
        )
        text.setWordWrap(True)
        self.backup_button = QPushButton(_("备份到文件…"))
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_button.setEnabled(allowed(self.actor, "backup.create"))
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        v = QVBoxLayout(box)
        v.addWidget(text)
        v.addLayout(row)
        return box

    def _auto_box(self) -> QGroupBox:
        box = QGroupBox(_("自动备份"))
        self.auto_enabled = QCheckBox(_("每天自动备份一次（程序启动或退出时）"))
        self.auto_keep = QSpinBox()
        self.auto_keep.setRange(1, 365)
        self.auto_keep.setSuffix(_(" 份"))
        self.auto_keep.setMaximumWidth(120)
        self.auto_folder = QLineEdit()
        self.auto_folder.setPlaceholderText(_("默认：数据库旁的 .backups 文件夹"))
        browse = QPushButton(_("选择…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.auto_folder, 1)
        folder_row.addWidget(browse)
        self.save_policy_button = QPushButton(_("保存设置"))
        self.save_policy_button.setObjectName("savePolicy")
        self.save_policy_button.clicked.connect(self.save_policy)
        admin = allowed(self.actor, "settings.edit")
        for w in (self.auto_enabled, self.auto_keep, self.auto_folder, browse, self.save_policy_button):
            w.setEnabled(admin)
        form = QFormLayout()
        form.addRow(self.auto_enabled)
        form.addRow(_("保留最近："), self.auto_keep)
        form.addRow(_("备份文件夹："), folder_row)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([_("备份时间"), _("大小"), _("类型")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.auto_now_button = QPushButton(_("立即执行自动备份"))
        self.auto_now_button.clicked.connect(self.auto_backup_now)
        self.auto_now_button.setEnabled(allowed(self.actor, "backup.create"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_policy_button)
        buttons.addWidget(self.auto_now_button)
        buttons.addStretch(1)
        v = QVBoxLayout(box)
        v.addLayout(form)
        v.addLayout(buttons)
        v.addWidget(self.table, 1)
        return box

    def _restore_box(self) -> QGroupBox:
        box = QGroupBox(_("从备份恢复"))
        may = allowed(self.actor, "backup.restore")
        text = QLabel(
            _(
                "恢复前会完整校验备份文件（每个文件的校验值、数据库完整性和审计链）；当前数据不会删除，"
                "而是移到备份文件夹中的“before-restore-时间”文件夹保存。"
            )
            if may
            else _("只有管理员可以从备份恢复数据。")
        )
        text.setWordWrap(True)
        self.restore_selected_button = QPushButton(_("恢复所选的自动备份…"))
        self.restore_selected_button.setObjectName("restoreSelected")
        self.restore_selected_button.clicked.connect(self._restore_selected)
        self.restore_file_button = QPushButton(_("选择备份文件并恢复…"))
        self.restore_file_button.setObjectName("restoreFile")
        self.restore_file_button.clicked.connect(self._restore_file)
        for w in (self.restore_selected_button, self.restore_file_button):
            w.setEnabled(may)
        row = QHBoxLayout()
        row.addWidget(self.restore_file_button)
        row.addWidget(self.restore_selected_button)
        row.addStretch(1)
        v = QVBoxLayout(box)
        v.addWidget(text)
        v.addLayout(row)
        return box

    # ---- state

    def refresh(self) -> None:
        policy = policy_from_settings(self.desk)
        self.auto_enabled.setChecked(policy.enabled)
        self.auto_keep.setValue(policy.keep)
        self.auto_folder.setText(str(policy.folder) if policy.folder else "")
        self.backups: list[BackupFile] = list_backups(auto_backup_folder(self.desk, policy))
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            cells = (
                f"{b.created_at:%Y-%m-%d %H:%M}",
                _size(b.size),
                _("自动") if b.automatic else _("手动"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                self.table.setItem(row, col, item)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _run(self, work: Callable[[ProgressFn, CancelFn], Any], label: str, on_done: Done) -> None:
        def failed(exc: BaseException) -> None:
            self.last_result = exc
            self._say(str(exc) if isinstance(exc, MeetingDeskError) else _("操作失败。"))
            show_error(self, exc)

        def done(result: Any) -> None:
            self.last_result = result
            on_done(result)

        self.tasks.run(work, on_done=done, on_error=failed, parent=self, label=label)

    # ---- backup

    def _ask_save_path(self) -> Path | None:
        suggested = Path.home() / _("MeetingDesk-备份-{stamp}.zip").format(stamp=f"{datetime.now():%Y%m%d-%H%M}")
        name, _filter = QFileDialog.getSaveFileName(self, _("备份到"), str(suggested), _("备份文件 (*.zip)"))
        return Path(name) if name else None

    def backup_now(self) -> None:
        target = self.ask_save_path()
        if target is None:
            return
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")

        def work(progress: ProgressFn, cancel: CancelFn) -> BackupInfo:
            return create_backup(self.desk, self.actor, target, progress=progress, should_cancel=cancel)

        def done(info: BackupInfo) -> None:
            self._say(_("已写入备份：{path}\n{summary}").format(path=info.path, summary=info.summary))
            self.refresh()

        self._run(work, _("正在备份……"), done)

    def auto_backup_now(self) -> None:
        def work(progress: ProgressFn, cancel: CancelFn) -> Path | None:
            return run_auto_backup(self.desk, force=True, progress=progress, should_cancel=cancel)

        def done(made: Path | None) -> None:
            self._say(_("已写入自动备份：{path}").format(path=made) if made else _("自动备份已关闭。"))
            self.refresh()

        self._run(work, _("正在备份……"), done)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("自动备份文件夹"), self.auto_folder.text() or str(Path.home())
        )
        if folder:
            self.auto_folder.setText(folder)

    def save_policy(self) -> None:
        try:
            set_setting(self.desk, self.actor, "backup.auto_enabled", self.auto_enabled.isChecked())
            set_setting(self.desk, self.actor, "backup.auto_keep", self.auto_keep.value())
            set_setting(self.desk, self.actor, "backup.auto_folder", self.auto_folder.text().strip())
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        self._say(_("自动备份设置已保存。"))
        self.refresh()

    # ---- restore

    def _ask_open_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, _("选择备份文件"), str(Path.home()), _("备份文件 (*.zip)"))
        return Path(name) if name else None

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("确认恢复"))
        box.setText(text)
        go = box.addButton(_("恢复"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is go

    def _restore_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.backups):
            self.restore_from(self.backups[row].path)
        else:
            self._say(_("请先在列表中选择一个备份。"))

    def _restore_file(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.restore_from(path)

    def restore_from(self, path: Path) -> None:
        """Verify the backup, ask, then replace the data (the current data is kept aside)."""

        def check(progress: ProgressFn, cancel: CancelFn) -> BackupInfo:
            return verify_backup(path, progress=progress, should_cancel=cancel)

        self._run(check, _("正在校验备份……"), lambda info: self._confirmed_restore(path, info))

    def _confirmed_restore(self, path: Path, info: BackupInfo) -> None:
        question = _(
            "备份校验通过。{summary}\n\n恢复后，当前全部数据将被替换为该备份中的数据；"
            "当前数据会移到一旁保存。恢复期间请勿使用其他 MeetingDesk 窗口。确定恢复吗？"
        ).format(summary=info.summary)
        if not self.confirm(question):
            self._say(_("已取消恢复，数据未作更改。"))
            return
        db_path = self.desk.path
        data_dir = self.desk.data_dir

        def work(progress: ProgressFn, cancel: CancelFn) -> RestoreResult:
            self.desk.close()  # every thread reconnects by itself afterwards, to the restored file
            return restore_backup(
                db_path, path, actor=self.actor, data_dir=data_dir, progress=progress, should_cancel=cancel
            )

        def done(result: RestoreResult) -> None:
            text = _("已从备份恢复。原有数据已移到：{aside}").format(aside=result.set_aside or "—")
            for warning in result.warnings:
                text += "\n" + warning
            self._say(text)
            self.refresh()
            self.restored.emit(result)

        self._run(work, _("正在恢复……"), done)


def start_auto_backup(desk: Desk, tasks: TaskRunner, on_done: Callable[[Path | None], None] | None = None) -> None:
    """Today's automatic backup (if due) in the background, without a progress dialog.

    A failure never stops the application: it is passed to ``on_done`` as None and logged.
    """
    import logging

    def work(progress: ProgressFn, cancel: CancelFn) -> Path | None:
        return run_auto_backup(desk, progress=progress, should_cancel=cancel)

    def failed(exc: BaseException) -> None:
        logging.getLogger("meetingdesk.ui").warning("automatic backup failed: %s", exc)
        if on_done is not None:
            on_done(None)

    tasks.run(work, on_done=on_done or (lambda _made: None), on_error=failed, show_progress=False)
