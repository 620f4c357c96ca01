"""Entry script of the frozen (PyInstaller) build: the ``meetingdesk`` command with the GUI wired in."""

import sys

from meetingdesk.cli import main, set_gui_launcher

from ui.app import run_gui

set_gui_launcher(run_gui)
sys.exit(main())
