"""Start the GUI (entry point ``meetingdesk.gui``): application set-up, database, sign-in, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from meetingdesk import __version__
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.paths import default_database_path
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import authenticate, has_users, idle_lock_minutes

from ui.context import AppContext
from ui.errors import install_excepthook, show_error
from ui.language import apply_language
from ui.settings import LANGUAGE, UiSettings
from ui.signals import AppSignals
from ui.tasks import TaskRunner

CJK_FONTS = ("Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimSun")


def make_application(argv: list[str], settings: UiSettings | None = None, language: str | None = None) -> QApplication:
    """The QApplication, in ``language`` if given (``meetingdesk --lang``), else the saved choice."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    app.setOrganizationName("MeetingDesk")
    app.setApplicationName("MeetingDesk")
    app.setApplicationVersion(__version__)
    choice = language or (settings.get(LANGUAGE) if settings else "")
    apply_language(app, choice)  # ours and Qt's own dialogs
    app.setApplicationDisplayName(_("专业法官会议秘书工作台"))
    _choose_font(app)
    return app


def _choose_font(app: QApplication) -> None:
    families = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(10)
            app.setFont(font)
            return


def build_context(desk: Desk, actor: Actor, settings: UiSettings | None = None) -> AppContext:
    return AppContext(
        desk=desk, actor=actor, signals=AppSignals(), settings=settings or UiSettings(), tasks=TaskRunner()
    )


def sign_in(desk: Desk, parent: QWidget | None = None) -> Actor | None:
    """The sign-in step: MEETINGDESK_USER/MEETINGDESK_PASSWORD (like the CLI), else the login dialog."""
    user, password = os.environ.get("MEETINGDESK_USER"), os.environ.get("MEETINGDESK_PASSWORD")
    if user and password:
        return authenticate(desk, user, password)
    try:
        from ui.login import login  # type: ignore[import-not-found,unused-ignore]  # arrives with the trust work
    except ImportError:
        return _simple_login(desk, parent)
    result: Actor | None = login(desk, parent)
    return result


def _simple_login(desk: Desk, parent: QWidget | None) -> Actor | None:
    if not has_users(desk):
        raise MeetingDeskError(_("该数据库还没有任何用户账户，请由管理员先创建账户。"))
    while True:
        name, ok = QInputDialog.getText(parent, _("登录"), _("用户名："))
        if not ok:
            return None
        pw, ok = QInputDialog.getText(parent, _("登录"), _("密码："), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            return authenticate(desk, name, pw)
        except MeetingDeskError as exc:
            show_error(parent, exc)


def _ensure_database(path: Path) -> bool:
    """First run without a database: offer the demo database (the quick start does this for you)."""
    if path.exists():
        return True
    answer = QMessageBox.question(
        None,
        _("首次使用"),
        _("尚未找到数据库：\n{path}\n\n是否创建演示数据库（虚构法院的完整示例）？").format(path=path),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    from meetingdesk.demo import create_demo

    create_demo(path)
    return True


def _report_when_ready(app: QApplication, window: QWidget) -> None:
    """For bench/startup.py: once the event loop has shown the window, print the time and quit."""
    import time

    from PySide6.QtCore import QTimer

    def ready() -> None:
        app.processEvents()
        state = "visible" if window.isVisible() else "hidden"
        print(f"MEETINGDESK_READY {time.time():.6f} {state}", flush=True)
        if os.environ.get("MEETINGDESK_STARTUP_PROBE") == "quit":
            window.close()
            app.quit()

    QTimer.singleShot(0, ready)


def run_gui(db: str | None = None, qt_args: list[str] | None = None, language: str | None = None) -> int:
    settings = UiSettings()
    app = make_application([sys.argv[0], *(qt_args or [])], settings, language)
    install_excepthook()
    path = Path(db) if db else default_database_path()
    try:
        if not _ensure_database(path):
            return 0
        desk = Desk(path)
    except MeetingDeskError as exc:
        show_error(None, exc)
        return 2
    try:
        actor = sign_in(desk)
    except MeetingDeskError as exc:
        show_error(None, exc)
        desk.close()
        return 2
    if actor is None:
        desk.close()
        return 0
    from ui.backup_restore import start_auto_backup
    from ui.login import IdleLock
    from ui.main_window import MainWindow

    ctx = build_context(desk, actor, settings)
    window = MainWindow(ctx)
    window.show()
    idle_lock = IdleLock(desk, actor, parent=app)
    idle_lock.signed_out.connect(window.quit_keeping_drafts)
    idle_lock.signed_out.connect(app.quit)
    ctx.signals.sig_data_changed.connect(  # the 设置 page changed the minutes: in force at once
        lambda area: idle_lock.set_minutes(idle_lock_minutes(desk)) if area in ("settings", "all") else None
    )
    start_auto_backup(desk, ctx.tasks)
    if os.environ.get("MEETINGDESK_STARTUP_PROBE"):
        _report_when_ready(app, window)
    try:
        return app.exec()
    finally:
        ctx.tasks.cancel_all()
        ctx.tasks.wait(5000)
        desk.close()
