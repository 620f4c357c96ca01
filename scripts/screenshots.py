"""Take screenshots of every screen from a fresh demo database.

Run under a virtual screen with real CJK fonts:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR] [--lang en]
Each page is saved as NN-<key>.png, plus the extra scenes pages offer (dialogs, editors). The screenshots
show the Chinese interface unless ``--lang en`` asks for the English one (to check the translation).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def _settle(app: QApplication, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args()
    language = args.lang
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="md-shots-"))
    os.environ["MEETINGDESK_HOME"] = str(tmp / "home")

    from meetingdesk.demo import create_demo
    from meetingdesk.services.desk import Desk
    from meetingdesk.services.users import authenticate

    from ui.app import build_context, make_application
    from ui.main_window import MainWindow
    from ui.pages import PAGES
    from ui.settings import LANGUAGE, UiSettings

    settings = UiSettings(str(tmp / "ui.ini"))
    settings.set(LANGUAGE, language)  # Chinese unless asked otherwise, whatever the system says
    app = make_application([sys.argv[0]], settings)
    db = tmp / "demo.db"
    create_demo(db)
    desk = Desk(db)
    ctx = build_context(desk, authenticate(desk, "secretary", "demo1234"), settings)
    window = MainWindow(ctx)
    window.resize(1440, 900)
    window.show()
    _settle(app)
    for n, spec in enumerate(PAGES, start=1):
        window.statusBar().clearMessage()  # a message left by the scene before is not this page's
        page = window.show_page(spec.key)
        _settle(app)
        ctx.tasks.wait(15000)  # pages load in the background: shoot what they show when done
        _settle(app)
        _save(window, out / f"{n:02d}-{spec.key}.png")
        for m, (name, setup) in enumerate(page.screenshot_scenes(), start=1):
            window.statusBar().clearMessage()
            widget = setup()
            _settle(app)
            ctx.tasks.wait(15000)
            _settle(app)
            _save(widget, out / f"{n:02d}-{spec.key}-{m}-{name}.png")
            if widget is not window:
                widget.close()
            _settle(app)
    ctx.tasks.wait(5000)
    window.close()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
