"""Entry script of the frozen (PyInstaller) build: the ``meetingdesk`` command with the GUI wired in."""

import sys

from meetingdesk.cli import main, set_gui_launcher, set_smoke_registrar

from ui.app import run_gui
from ui.smoke import register as register_gui_smoke

set_gui_launcher(run_gui)
set_smoke_registrar(register_gui_smoke)
sys.exit(main())
