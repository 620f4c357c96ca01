"""The GUI's part of ``meetingdesk --smoke-test``: Qt's plugins load and the main window comes up.

Registered by the frozen launcher and by the ``meetingdesk.smoke`` entry point, so the Qt-free core
runs it without importing Qt itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from meetingdesk.i18n import N_, _, current_language
from meetingdesk.smoke import register_smoke_step


def gui_step(tmp: Path) -> str:
    """Show the main window on the smoke test's demo database (offscreen when there is no display)."""
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from meetingdesk.demo import create_demo
    from meetingdesk.services.desk import Desk
    from meetingdesk.services.users import authenticate

    from ui.app import build_context, make_application
    from ui.main_window import MainWindow
    from ui.settings import LANGUAGE, UiSettings

    settings = UiSettings(str(tmp / "ui.ini"))
    settings.set(LANGUAGE, current_language())  # the language the smoke test speaks (its --lang), Qt's too
    app = make_application([sys.argv[0]], settings)
    db = tmp / "demo.db"
    if not db.exists():
        create_demo(db)
    desk = Desk(db)
    try:
        ctx = build_context(desk, authenticate(desk, "secretary", "demo1234"), settings)
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        pages = len(window.pages)
        window.close()
        app.processEvents()
        ctx.tasks.cancel_all()
        ctx.tasks.wait(5000)
    finally:
        desk.close()
    return _("主窗口已显示（{pages}个页面，Qt 平台 {platform}）").format(pages=pages, platform=app.platformName())


def register() -> None:
    register_smoke_step(N_("图形界面"), gui_step)
