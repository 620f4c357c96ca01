"""Automatic, rotating backups: at most one a day, the newest N kept, in a folder of the court's choosing.

The policy is plain values (:class:`BackupPolicy`, read from the settings by :func:`policy_from_settings`);
the GUI calls :func:`run_auto_backup` at start-up and at exit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from meetingdesk.progress import CancelFn, ProgressFn, never, no_progress
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.backup import backups_folder, create_backup
from meetingdesk.services.desk import Desk

AUTO_NAME = re.compile(r"^MeetingDesk-auto-(\d{8})-(\d{6})\.zip$")


@dataclass(frozen=True)
class BackupPolicy:
    """Automatic backups as plain values (the settings screen edits them; see :func:`policy_from_settings`)."""

    enabled: bool = True
    keep: int = 7
    folder: Path | None = None  # None: backups_folder(db)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime
    size: int
    automatic: bool


def policy_from_settings(desk: Desk) -> BackupPolicy:
    from meetingdesk.services.settings import get_setting

    folder = str(get_setting(desk, "backup.auto_folder") or "").strip()
    try:
        keep = max(int(get_setting(desk, "backup.auto_keep") or 7), 1)
    except (TypeError, ValueError):
        keep = 7
    return BackupPolicy(
        enabled=bool(get_setting(desk, "backup.auto_enabled")),
        keep=keep,
        folder=Path(folder) if folder else None,
    )


def auto_backup_folder(desk: Desk, policy: BackupPolicy) -> Path:
    return policy.folder or backups_folder(desk.path)


def list_backups(folder: Path) -> list[BackupFile]:
    """Backup files in a folder, newest first (automatic ones by their name, others by modification time)."""
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        if not p.is_file() or p.suffix.lower() != ".zip":
            continue
        m = AUTO_NAME.match(p.name)
        stat = p.stat()
        when = (
            datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S") if m else datetime.fromtimestamp(stat.st_mtime)
        )
        found.append(BackupFile(p, when, stat.st_size, m is not None))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def run_auto_backup(
    desk: Desk,
    policy: BackupPolicy | None = None,
    *,
    force: bool = False,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> Path | None:
    """Make today's automatic backup if there is none yet, then keep only the newest ``policy.keep``.

    Called by the GUI at start-up and exit (and by ``meetingdesk backup --auto``). Runs as the
    system, whoever is signed in: it copies data to the configured folder, never to the user.

    Returns:
        the new backup, or None when disabled or already done today.
    """
    policy = policy or policy_from_settings(desk)
    if not policy.enabled:
        return None
    folder = auto_backup_folder(desk, policy)
    now = desk.now()
    autos = [b for b in list_backups(folder) if b.automatic]
    made: Path | None = None
    if force or not any(b.created_at.date() == now.date() for b in autos):
        made = folder / f"MeetingDesk-auto-{now:%Y%m%d-%H%M%S}.zip"
        if made.exists():
            return None
        create_backup(desk, SYSTEM, made, action="backup.auto", progress=progress, should_cancel=should_cancel)
        autos = [b for b in list_backups(folder) if b.automatic]
    for old in autos[policy.keep :]:
        old.path.unlink(missing_ok=True)
    return made


def last_auto_backup_day(desk: Desk, policy: BackupPolicy | None = None) -> date | None:
    policy = policy or policy_from_settings(desk)
    autos = [b for b in list_backups(auto_backup_folder(desk, policy)) if b.automatic]
    return autos[0].created_at.date() if autos else None
