"""Where things live: bundled resources, migrations, and the user's data folder.

Works from a source checkout, an installed package and a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "MeetingDesk"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` (the repository root, or the frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return install_root() / "db" / "migrations"


def user_data_dir() -> Path:
    """Per-user data folder (overridable with MEETINGDESK_HOME, e.g. for tests and portable use)."""
    override = os.environ.get("MEETINGDESK_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_database_path() -> Path:
    return user_data_dir() / "meetingdesk.db"


def data_dir_for(database: Path) -> Path:
    """Attachments, index and backups live beside the database they belong to."""
    return database.parent / (database.stem + ".files")
