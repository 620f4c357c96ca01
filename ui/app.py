"""Start the GUI (entry point ``meetingdesk.gui``)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db: str | None = None, qt_args: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from meetingdesk.paths import default_database_path

    app = QApplication([sys.argv[0], *(qt_args or [])])
    path = Path(db) if db else default_database_path()
    label = QLabel(f"专业法官会议秘书工作台\n{path}")
    label.resize(480, 200)
    label.show()
    return app.exec()
