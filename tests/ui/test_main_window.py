from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from meetingdesk.errors import Cancelled, ValidationError
from meetingdesk.progress import CancelFn, ProgressFn

from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages import PAGES


def test_navigation_shows_every_page_and_persists_geometry(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [p.title for p in PAGES]
    for spec in PAGES:
        page = window.show_page(spec.key)
        assert window.stack.currentWidget() is page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 0
    window.resize(640, 480)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.size().width() == 640
    assert "东江市中级人民法院" in again.windowTitle()


def test_background_task_delivers_result_on_gui_thread(qtbot: QtBot, ctx: AppContext) -> None:
    seen: list[object] = []
    main_thread = threading.current_thread()

    def work(progress: ProgressFn, should_cancel: CancelFn) -> int:
        progress(0.5, "半程")
        # the worker gets its own SQLite connection
        return int(ctx.desk.scalar("SELECT COUNT(*) FROM reports"))

    def done(result: object) -> None:
        seen.append((result, threading.current_thread() is main_thread))

    ctx.tasks.run(work, on_done=done, on_error=seen.append, label="统计")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(22, True)]


def test_background_task_cancel_and_errors(qtbot: QtBot, ctx: AppContext) -> None:
    errors: list[BaseException] = []
    started = threading.Event()

    def slow(progress: ProgressFn, should_cancel: CancelFn) -> None:
        started.set()
        while not should_cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    handle = ctx.tasks.run(slow, on_done=lambda _r: None, on_error=errors.append)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)

    def bad(progress: ProgressFn, should_cancel: CancelFn) -> None:
        raise ValidationError("输入有误")

    ctx.tasks.run(bad, on_done=lambda _r: None, on_error=errors.append, show_progress=False)
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert str(errors[1]) == "输入有误"


def test_known_errors_are_shown_as_messages(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.errors import show_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    show_error(None, ValidationError("请填写案号"))
    show_error(None, RuntimeError("bug"))
    assert shown[0] == "请填写案号"
    assert "意外错误" in shown[1]
    assert QApplication.instance() is not None


def test_system_menu_opens_backup_and_password_dialogs(qtbot: QtBot, ctx: AppContext) -> None:
    from ui.backup_restore import BackupRestoreDialog
    from ui.login import ChangePasswordDialog

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = {a.objectName() for a in window.findChildren(QAction)}
    assert {"actionBackup", "actionChangePassword"} <= names
    assert "actionResetPassword" not in names  # the secretary does not manage users
    backup = window.open_backup_restore()
    assert isinstance(backup, BackupRestoreDialog)
    backup.close()
    password = window.open_change_password()
    assert isinstance(password, ChangePasswordDialog)
    password.close()
