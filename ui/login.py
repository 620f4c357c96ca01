"""Signing in: the login dialog (with the first-run administrator), password dialogs, and the idle lock.

For the main window:

- ``login(desk, parent) -> Actor | None``: the whole sign-in step (first run, login, forced password
  change); None when the user gives up.
- ``IdleLock(desk, actor)``: installed on the QApplication; after ``security.idle_lock_minutes`` without
  keyboard or mouse input it hides every window and asks for the password again. ``signed_out`` is
  emitted when the user chooses to quit instead.
- ``ChangePasswordDialog(desk, actor, parent)`` and ``ResetPasswordDialog(desk, admin, parent)``.

Every check happens in the core (``meetingdesk.services.users``); these widgets only collect input.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services import users
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.settings import get_setting

_ERROR_STYLE = "color: #b3261e;"


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    field.setMaxLength(users.MAX_PASSWORD)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class LoginDialog(QDialog):
    """Sign in, or (when the database has no account yet) create the administrator first.

    After ``exec()`` returns Accepted, :attr:`actor` is the signed-in user. Use :func:`login` for the
    complete step including a password change the administrator required.
    """

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, username: str = "") -> None:
        super().__init__(parent)
        self.desk = desk
        self.actor: Actor | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(_("登录 — 专业法官会议秘书工作台"))
        self.setMinimumWidth(380)
        court = str(get_setting(desk, "court.name") or "")

        self.pages = QStackedWidget()
        self.pages.addWidget(self._login_page(court, username))
        self.pages.addWidget(self._first_run_page(court))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.setCurrentIndex(1 if users.needs_first_admin(desk) else 0)
        (self.admin_name if self.first_run else (self.password if username else self.username)).setFocus()

    @property
    def first_run(self) -> bool:
        return self.pages.currentIndex() == 1

    # ---- pages

    def _login_page(self, court: str, username: str) -> QWidget:
        page = QWidget()
        title = QLabel(court or _("专业法官会议秘书工作台"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.username.setMaxLength(users.MAX_USERNAME)
        self.password = _password_field("password")
        self.login_error = _error_label()
        form = QFormLayout()
        form.addRow(_("用户名："), self.username)
        form.addRow(_("密码："), self.password)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(_("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)  # Enter in the password field signs in
        buttons.addButton(_("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(page)
        box.addWidget(title)
        box.addLayout(form)
        box.addWidget(self.login_error)
        box.addWidget(buttons)
        return page

    def _first_run_page(self, court: str) -> QWidget:
        page = QWidget()
        intro = QLabel(
            _(
                "这是{where}首次使用 MeetingDesk。请先创建管理员账户：管理员负责添加其他用户、重置密码和修改系统设置。"
                "密码至少{n}位，请妥善保管。"
            ).format(where=court or _("本数据库"), n=users.MIN_PASSWORD)
        )
        intro.setWordWrap(True)
        self.admin_name = QLineEdit("admin")
        self.admin_name.setObjectName("adminName")
        self.admin_display = QLineEdit()
        self.admin_display.setPlaceholderText(_("如：审判管理办公室 张三"))
        self.admin_password = _password_field("adminPassword")
        self.admin_confirm = _password_field("adminConfirm")
        self.first_run_error = _error_label()
        form = QFormLayout()
        form.addRow(_("管理员用户名："), self.admin_name)
        form.addRow(_("显示名称："), self.admin_display)
        form.addRow(_("密码："), self.admin_password)
        form.addRow(_("再次输入密码："), self.admin_confirm)
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(_("创建并登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createAdminButton")
        self.create_button.setDefault(True)
        buttons.addButton(_("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create_admin)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(page)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.first_run_error)
        box.addWidget(buttons)
        return page

    # ---- actions

    def try_login(self) -> None:
        try:
            self.actor = users.authenticate(self.desk, self.username.text(), self.password.text(), via="gui")
        except MeetingDeskError as exc:
            _show(self.login_error, exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def create_admin(self) -> None:
        if self.admin_password.text() != self.admin_confirm.text():
            _show(self.first_run_error, _("两次输入的密码不一致。"))
            return
        try:
            user = users.create_first_admin(
                self.desk,
                self.admin_name.text(),
                self.admin_password.text(),
                display_name=self.admin_display.text(),
            )
            self.actor = users.authenticate(self.desk, user.username, self.admin_password.text(), via="gui")
        except MeetingDeskError as exc:
            _show(self.first_run_error, exc.message)
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """The signed-in user changes their own password (``forced`` when the administrator reset it)."""

    def __init__(self, desk: Desk, actor: Actor, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.desk, self.actor = desk, actor
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(_("修改密码"))
        self.old = _password_field("oldPassword")
        self.new = _password_field("newPassword")
        self.confirm = _password_field("confirmPassword")
        self.error = _error_label()
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(_("管理员已重置您的密码。继续使用前，请设置一个只有您知道的新密码。"))
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        form.addRow(_("原密码："), self.old)
        form.addRow(_("新密码："), self.new)
        form.addRow(_("再次输入新密码："), self.confirm)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            _show(self.error, _("两次输入的新密码不一致。"))
            return
        try:
            users.change_password(self.desk, self.actor, self.old.text(), self.new.text())
        except MeetingDeskError as exc:
            _show(self.error, exc.message)
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    """The administrator sets a new password for an account (and unlocks it)."""

    def __init__(self, desk: Desk, admin: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.admin = desk, admin
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(_("重置用户密码"))
        self.account = QComboBox()
        self.account.setObjectName("account")
        for user in users.list_users(desk, admin):  # refused in the core for anyone but an administrator
            self.account.addItem(
                _("{username}（{name}，{role}）").format(
                    username=user.username, name=user.display_name, role=user.role_label
                ),
                user.id,
            )
        self.new = _password_field("newPassword")
        self.confirm = _password_field("confirmPassword")
        self.must_change = QCheckBox(_("下次登录时须修改密码"))
        self.must_change.setChecked(True)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(_("账户："), self.account)
        form.addRow(_("新密码："), self.new)
        form.addRow(_("再次输入："), self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.must_change)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            _show(self.error, _("两次输入的新密码不一致。"))
            return
        try:
            users.reset_password(
                self.desk,
                self.admin,
                int(self.account.currentData()),
                self.new.text(),
                must_change=self.must_change.isChecked(),
            )
        except MeetingDeskError as exc:
            _show(self.error, exc.message)
            return
        self.accept()


def login(desk: Desk, parent: QWidget | None = None, *, username: str = "") -> Actor | None:
    """The complete sign-in step; None when the user quits.

    Creates the administrator on first run, and makes a user whose password was reset choose a new one.
    """
    dialog = LoginDialog(desk, parent, username=username)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    actor = dialog.actor
    if actor.user_id is not None and users.get_user(desk, actor.user_id).must_change_password:
        change = ChangePasswordDialog(desk, actor, parent, forced=True)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
    return actor


# ---- the idle lock


class UnlockDialog(QDialog):
    """Shown while the screen is locked; only the same user's password (or quitting) ends it."""

    def __init__(self, desk: Desk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.actor = desk, actor
        self.quit_requested = False
        self.setObjectName("unlockDialog")
        self.setWindowTitle(_("已锁定"))
        self.setMinimumWidth(340)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        info = QLabel(_("为保护会议材料，长时间未操作后已自动锁定。\n当前用户：{name}").format(name=actor.shown_name))
        info.setWordWrap(True)
        self.password = _password_field("password")
        self.error = _error_label()
        unlock = QPushButton(_("解锁"))
        unlock.setObjectName("unlockButton")
        unlock.setDefault(True)
        unlock.clicked.connect(self.try_unlock)
        leave = QPushButton(_("退出程序"))
        leave.setObjectName("quitButton")
        leave.clicked.connect(self.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        form = QFormLayout()
        form.addRow(_("密码："), self.password)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(unlock)
        layout.addWidget(leave)

    def try_unlock(self) -> None:
        try:
            users.authenticate(self.desk, self.actor.username, self.password.text(), via="unlock")
        except MeetingDeskError as exc:
            _show(self.error, exc.message)
            self.password.clear()
            return
        self.accept()

    def quit(self) -> None:
        self.quit_requested = True
        super().reject()

    def reject(self) -> None:
        """Esc does not unlock."""


_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Locks every window after a time without keyboard or mouse input.

    Args:
        minutes: idle time before locking; by default the ``security.idle_lock_minutes`` setting
            (0 never locks). :meth:`set_minutes` changes it while running.
        check_ms: how often to look at the clock.

    Signals:
        locked: the windows were hidden and the unlock dialog shown.
        unlocked: the user typed their password; the windows are back.
        signed_out: the user chose to quit from the lock screen (the windows stay hidden).
    """

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()

    def __init__(
        self,
        desk: Desk,
        actor: Actor,
        *,
        minutes: float | None = None,
        check_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.actor = desk, actor
        self.minutes = float(users.idle_lock_minutes(desk) if minutes is None else minutes)
        self.last_activity = time.monotonic()
        self.dialog: UnlockDialog | None = None
        self._hidden: list[QWidget] = []
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"
        app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(check_ms)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: float) -> None:
        self.minutes = max(float(minutes), 0.0)
        self.last_activity = time.monotonic()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in _ACTIVITY and not self.is_locked:
            self.last_activity = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_activity

    def check(self) -> None:
        if self.minutes > 0 and not self.is_locked and self.idle_seconds() >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Hide every window and ask for the password (non-blocking)."""
        if self.is_locked:
            return
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for w in self._hidden:
            w.hide()
        self.dialog = UnlockDialog(self.desk, self.actor)
        self.dialog.finished.connect(self._finished)
        self.dialog.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.dialog.show()
        self.dialog.activateWindow()
        self.locked.emit()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if dialog.quit_requested:
            self._hidden = []
            self.signed_out.emit()
            return
        if result == QDialog.DialogCode.Accepted:
            for w in self._hidden:
                w.show()
            self._hidden = []
            self.last_activity = time.monotonic()
            self.unlocked.emit()
