"""The login dialog, first-run administrator, password dialogs and the idle lock, on real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from meetingdesk.errors import PermissionDeniedError
from meetingdesk.services import users
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from ui.login import ChangePasswordDialog, IdleLock, LoginDialog, ResetPasswordDialog, login


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Desk]:
    desk = Desk(tmp_path / "court.db")
    yield desk
    desk.close()


@pytest.fixture
def court(fresh: Desk) -> Desk:
    users.create_first_admin(fresh, "admin", "admin-pass-1")
    users.create_user(fresh, SYSTEM, "clerk", "clerk-pass-1", "secretary", display_name="书记员甲")
    return fresh


def test_first_run_creates_the_administrator(qtbot: QtBot, fresh: Desk) -> None:
    dialog = LoginDialog(fresh)
    qtbot.addWidget(dialog)
    assert dialog.first_run
    dialog.admin_password.setText("admin-pass-1")
    dialog.admin_confirm.setText("admin-pass-2")
    dialog.create_admin()
    assert dialog.first_run_error.isVisibleTo(dialog) and "不一致" in dialog.first_run_error.text()
    dialog.admin_confirm.setText("admin-pass-1")
    dialog.admin_display.setText("审管办 张三")
    dialog.create_admin()
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == "admin" and dialog.actor.display_name == "审管办 张三"
    assert not users.needs_first_admin(fresh)


def test_wrong_password_stays_then_right_one_signs_in(qtbot: QtBot, court: Desk) -> None:
    dialog = LoginDialog(court)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.first_run
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.login_error.text() == users.WRONG_CREDENTIALS and dialog.password.text() == ""
    assert dialog.actor is None
    qtbot.keyClicks(dialog.password, "clerk-pass-1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk"


def test_login_makes_a_reset_user_choose_a_new_password(qtbot: QtBot, court: Desk) -> None:
    admin = users.authenticate(court, "admin", "admin-pass-1")
    clerk = users.find_user(court, "clerk")
    assert clerk is not None
    users.reset_password(court, admin, clerk.id, "temp-pass-1")
    steps: list[str] = []

    def fill_login() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.username.setText("clerk")
        dialog.password.setText("temp-pass-1")
        steps.append("login")
        QTimer.singleShot(0, fill_change)
        dialog.try_login()

    def fill_change() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChangePasswordDialog)
        dialog.old.setText("temp-pass-1")
        dialog.new.setText("mine-only-1")
        dialog.confirm.setText("mine-only-1")
        steps.append("change")
        dialog.submit()

    QTimer.singleShot(0, fill_login)
    actor = login(court)
    assert steps == ["login", "change"] and actor is not None and actor.username == "clerk"
    assert not users.get_user(court, clerk.id).must_change_password
    assert users.authenticate(court, "clerk", "mine-only-1")


def test_change_and_reset_dialogs(qtbot: QtBot, court: Desk) -> None:
    clerk = users.authenticate(court, "clerk", "clerk-pass-1")
    change = ChangePasswordDialog(court, clerk)
    qtbot.addWidget(change)
    change.old.setText("not-it-at-all")
    change.new.setText("newer-pass-2")
    change.confirm.setText("newer-pass-2")
    change.submit()
    assert "原密码不正确" in change.error.text()
    with pytest.raises(PermissionDeniedError):
        ResetPasswordDialog(court, clerk)
    admin = users.authenticate(court, "admin", "admin-pass-1")
    reset = ResetPasswordDialog(court, admin)
    qtbot.addWidget(reset)
    assert reset.account.count() == 2
    reset.account.setCurrentIndex(reset.account.findData(clerk.user_id))
    reset.new.setText("short")
    reset.confirm.setText("short")
    reset.submit()
    assert "至少8位" in reset.error.text()
    reset.new.setText("given-by-admin")
    reset.confirm.setText("given-by-admin")
    reset.submit()
    assert reset.result() == ResetPasswordDialog.DialogCode.Accepted
    assert users.find_user(court, "clerk").must_change_password  # type: ignore[union-attr]


def test_idle_lock_hides_the_windows_until_the_password_is_given(qtbot: QtBot, court: Desk) -> None:
    clerk = users.authenticate(court, "clerk", "clerk-pass-1")
    window = QLabel("会议记录（保密）")
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(court, clerk, minutes=10, check_ms=20)
    try:
        # activity keeps it open
        QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier))
        assert lock.idle_seconds() < 1
        lock.set_minutes(0.5 / 60)  # half a second
        with qtbot.waitSignal(lock.locked, timeout=3000):
            pass
        assert lock.is_locked and not window.isVisible() and lock.dialog is not None
        dialog = lock.dialog
        assert dialog.isVisible()
        dialog.password.setText("wrong-password")
        dialog.try_unlock()
        assert "不正确" in dialog.error.text() and lock.is_locked
        dialog.reject()  # Esc does nothing
        assert lock.is_locked
        dialog.password.setText("clerk-pass-1")
        with qtbot.waitSignal(lock.unlocked, timeout=3000):
            dialog.try_unlock()
        assert window.isVisible() and not lock.is_locked
    finally:
        lock.stop()


def test_quitting_from_the_lock_screen_signs_out(qtbot: QtBot, court: Desk) -> None:
    clerk = users.authenticate(court, "clerk", "clerk-pass-1")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(court, clerk, minutes=0, check_ms=20)  # 0: never by itself
    try:
        qtbot.wait(60)
        assert not lock.is_locked
        lock.lock()
        assert lock.dialog is not None
        with qtbot.waitSignal(lock.signed_out, timeout=3000):
            lock.dialog.quit()
        assert not window.isVisible() and not lock.is_locked
    finally:
        lock.stop()


def test_idle_minutes_come_from_the_setting(qtbot: QtBot, court: Desk) -> None:
    from meetingdesk.services.settings import set_setting

    set_setting(court, SYSTEM, "security.idle_lock_minutes", 3)
    lock = IdleLock(court, users.authenticate(court, "admin", "admin-pass-1"))
    try:
        assert lock.minutes == 3
    finally:
        lock.stop()
