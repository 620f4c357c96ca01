"""Start-up stays fast: the heavy libraries load only when a document, workbook or search needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("whoosh", "jieba", "reportlab", "docx", "openpyxl")

PROBE = """
import json, sys, importlib
from pathlib import Path
from meetingdesk import cli


def gui(db, qt_args):
    # the real start path: the command line hands over to the GUI, which builds the main window
    from meetingdesk.services.desk import Desk
    from meetingdesk.services.users import authenticate
    from ui.app import build_context, make_application
    from ui.main_window import MainWindow
    from ui.pages import PAGES
    from ui.settings import UiSettings

    for spec in PAGES:
        importlib.import_module(spec.target.partition(":")[0])
    app = make_application([sys.argv[0]])
    desk = Desk(Path(db))
    ctx = build_context(desk, authenticate(desk, "secretary", "demo1234"), UiSettings(sys.argv[2]))
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[3])))
    print(json.dumps(loaded))
    window.close()
    desk.close()
    return 0


cli.set_gui_launcher(gui)
sys.exit(cli.main(["--db", sys.argv[1]]))
"""


def test_main_window_comes_up_without_heavy_imports(demo_template: Path, tmp_path: Path) -> None:
    """Equivalent to reading ``python -X importtime -c "import ui.app"``, plus building the window."""
    db = tmp_path / "demo.db"
    db.write_bytes(demo_template.read_bytes())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEETINGDESK_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), str(tmp_path / "ui.ini"), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_importtime_of_ui_app_shows_no_heavy_module() -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ui.app, meetingdesk.cli"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert "PySide6" in modules  # the probe really ran
    assert not modules & set(HEAVY)
