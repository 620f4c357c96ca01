"""Restoring a backup: verify it completely, keep the current data aside, then swap folders by renaming.

Nothing is replaced until the whole backup has been extracted to a staging folder beside the
database and checked (every hash, SQLite integrity, schema version, audit chain). The replaced data
is moved to ``<db stem>.backups/before-restore-<time>/``, never deleted. The search index is derived
data: it is removed so the search module rebuilds it, and modules can register a hook to run then.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from meetingdesk.errors import Cancelled, DatabaseError
from meetingdesk.i18n import _
from meetingdesk.paths import data_dir_for
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress, sub_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.backup import BackupInfo, backups_folder, verify_backup
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require

RestoreHook = Callable[[Desk], None]
_RESTORE_HOOKS: list[RestoreHook] = []


def register_restore_hook(hook: RestoreHook) -> None:
    """Run ``hook(desk)`` after every restore (e.g. the search module rebuilding its index)."""
    if hook not in _RESTORE_HOOKS:
        _RESTORE_HOOKS.append(hook)


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    set_aside: Path | None  # where the data that was replaced now lives
    warnings: tuple[str, ...] = ()  # restore hooks that failed (the data itself is restored)


def _ensure_not_in_use(db_path: Path) -> None:
    """Refuse while another window or process has the database open (WAL cannot be left then)."""
    try:
        conn = sqlite3.connect(str(db_path), timeout=2, isolation_level=None)
    except sqlite3.Error:
        return  # unreadable: there is nothing to protect
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseError(
                _("数据库正被另一个 MeetingDesk 窗口或程序使用，不能恢复。请关闭其他正在使用它的程序后重试。")
            ) from exc
    except sqlite3.DatabaseError:
        pass  # a damaged file: restoring is exactly what is needed
    finally:
        conn.close()


def _new_folder(parent: Path, name: str) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        folder = parent / (name if n == 1 else f"{name}-{n}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
    raise DatabaseError(_("无法在“{parent}”中建立存放原有数据的文件夹。").format(parent=parent))


def _companions(db_path: Path) -> list[Path]:
    return [Path(str(db_path) + s) for s in ("-wal", "-shm", "-journal")]


def restore_backup(
    db_path: Path,
    source: Path,
    *,
    actor: Actor,
    data_dir: Path | None = None,
    confirm: Callable[[BackupInfo], bool] | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> RestoreResult:
    """Replace the database and its data folder with a verified backup; the current data is kept aside.

    The caller closes its own :class:`Desk` on ``db_path`` first. The actor needs ``backup.restore``;
    a caller that cannot open the current database (or it has no accounts) passes ``SYSTEM``.

    Args:
        confirm: shown what the verified backup holds; returning False cancels with nothing changed.

    Raises:
        ValidationError / DatabaseError: the backup is not sound, or the database is in use; nothing changed.
        Cancelled: ``confirm`` said no, or ``should_cancel`` did; nothing changed.
    """
    require(actor, "backup.restore")
    db_path = Path(db_path).absolute()
    data_dir = Path(data_dir) if data_dir else data_dir_for(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staging = db_path.parent / f".restore-{stamp}-{secrets.token_hex(3)}"
    staging.mkdir(parents=True)
    aside: Path | None = None
    try:
        info = verify_backup(source, staging, progress=sub_progress(progress, 0.0, 0.8), should_cancel=should_cancel)
        check_cancel(should_cancel)
        if confirm is not None and not confirm(info):
            raise Cancelled(_("已取消恢复，数据未作更改。"))
        if db_path.exists():
            _ensure_not_in_use(db_path)
        progress(0.85, _("替换数据"))
        olds = [p for p in (db_path, *_companions(db_path), data_dir) if p.exists()]
        if olds:
            aside = _new_folder(backups_folder(db_path), f"before-restore-{stamp}")
        _swap_in(staging, db_path, data_dir, olds, aside)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(data_dir / "index", ignore_errors=True)  # derived: the search module rebuilds it
    progress(0.9, _("重新打开数据库"))
    recorded_as = Actor(None, actor.username, actor.role, None, actor.display_name)  # ids differ between databases
    with Desk(db_path, data_dir=data_dir) as desk:
        with desk.write(recorded_as, "backup.restore") as tx:
            tx.note(
                "backup",
                info.path.name,
                {"from": str(info.path), "created_at": info.created_at, "set_aside": str(aside or "")},
            )
        warnings = []
        for hook in list(_RESTORE_HOOKS):
            try:
                hook(desk)
            except Exception as exc:  # the data is restored; a derived index can be rebuilt later
                warnings.append(
                    _("数据已恢复，但恢复后的后续处理失败：{exc}。可稍后重新打开程序或重建索引。").format(exc=exc)
                )
    progress(1.0, _("完成"))
    return RestoreResult(info, aside, tuple(warnings))


def _swap_in(staging: Path, db_path: Path, data_dir: Path, olds: list[Path], aside: Path | None) -> None:
    """Move the current data aside and the verified data in; on any failure, put everything back."""
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for p in olds:
            assert aside is not None
            dest = aside / p.name
            shutil.move(str(p), str(dest))
            moved.append((dest, p))
        os.replace(staging / "database" / "meetingdesk.db", db_path)
        placed.append(db_path)
        new_files = staging / "files"
        if new_files.is_dir():
            shutil.move(str(new_files), str(data_dir))
        else:
            data_dir.mkdir(parents=True, exist_ok=True)
        placed.append(data_dir)
    except BaseException:
        for p in placed:
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
        for dest, orig in reversed(moved):
            shutil.move(str(dest), str(orig))
        raise
