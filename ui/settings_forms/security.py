"""备份与安全: the automatic backup policy, the idle lock and the sign-in lockout (keys the trust work reads)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from meetingdesk.i18n import _

from ui.settings_forms.fields import SettingsForm


class SecurityForm(SettingsForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityForm")
        self.add_heading(_("自动备份"))
        self.add_bool(
            "backup.auto_enabled",
            _("每天自动备份一次（程序启动或退出时）"),
            _("把数据库和全部附件备份为一个 .zip 文件"),
        )
        self.add_int("backup.auto_keep", _("保留最近"), _("超过此数的旧自动备份会被删除"), 1, 365, suffix=_(" 份"))
        self.folder = QLineEdit()
        self.folder.setObjectName("backup.auto_folder")
        self.folder.setPlaceholderText(_("默认：数据库旁的 .backups 文件夹"))
        browse = QPushButton(_("选择…"))
        browse.setObjectName("chooseBackupFolder")
        browse.setToolTip(_("选择保存自动备份的文件夹（建议另一块磁盘或网络共享文件夹）"))
        browse.setProperty("editOnly", True)
        browse.clicked.connect(self._choose_folder)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.folder, 1)
        h.addWidget(browse)
        self.add_row(
            _("备份文件夹"), row, "backup.auto_folder", _("留空时保存在数据库旁的 .backups 文件夹"), focus=self.folder
        )
        self.bind("backup.auto_folder", self.folder.text, lambda v: self.folder.setText(str(v or "")), self.folder)
        self.add_note(_("备份含有保密的会议材料，请保存在安全的位置。立即备份和从备份恢复见“备份与恢复”。"))

        self.add_heading(_("登录与锁定"))
        self.add_int(
            "security.idle_lock_minutes",
            _("无操作自动锁定"),
            _("离开电脑超过该时间未操作，程序锁定屏幕，需重新输入密码；0为不锁定"),
            0,
            240,
            suffix=_(" 分钟"),
            special=_("不锁定"),
        )
        self.add_int(
            "security.max_failed_logins",
            _("连续输错密码"),
            _("连续输错密码达到该次数，账户暂时锁定"),
            1,
            20,
            suffix=_(" 次后锁定账户"),
        )
        self.add_int(
            "security.lockout_minutes",
            _("账户锁定时长"),
            _("锁定期满自动解除，管理员也可重设密码解除"),
            1,
            1440,
            suffix=_(" 分钟"),
        )
        self.add_note(_("保存后立即生效。"))
        self.layout_.addStretch(1)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("选择自动备份文件夹"), self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)
