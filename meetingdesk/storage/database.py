"""Opening a MeetingDesk database: pragmas that keep data safe, and the schema check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from meetingdesk.errors import DatabaseError, DatabaseTooNewError
from meetingdesk.i18n import _
from meetingdesk.storage.migrate import latest_version, migrate, schema_version

BUSY_TIMEOUT_MS = 15_000


def connect(path: Path, *, journal_mode: str = "wal") -> sqlite3.Connection:
    """A raw connection in autocommit mode with our pragmas; transactions are always explicit."""
    try:
        # check_same_thread=False only so Desk.close() can close every thread's connection (before a restore);
        # each connection is still used by the one thread that opened it.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseError(_("无法打开数据库文件“{path}”：{exc}").format(path=path, exc=exc)) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Refuse a newer schema before anything (even the journal mode) touches the file.
        found = schema_version(conn)
        newest = latest_version()
        if found > newest:
            conn.close()
            raise DatabaseTooNewError(found, newest)
        mode = conn.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()[0]
        if str(mode).lower() != journal_mode:
            conn.close()
            raise DatabaseError(
                _(
                    "无法为数据库启用 {journal_mode} 日志模式（当前为 {mode}）"
                    "：很可能另一台电脑或另一个 MeetingDesk 正以其他模式使用该数据库。"
                    "请先关闭其他正在使用它的程序，再重新打开。"
                ).format(journal_mode=journal_mode, mode=mode)
            )
        # FULL: a transaction reported as committed survives a crash or power cut.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            raise DatabaseError(
                _(
                    "数据库“{path}”正被另一台电脑或另一个 MeetingDesk 以不兼容的方式占用（如网络共"
                    "享上的 WAL 模式），暂时无法打开。请先关闭其他正在使用它的程序，"
                    "再重新打开。"
                ).format(path=path)
            ) from exc
        raise DatabaseError(
            _("“{path}”不是有效的 MeetingDesk 数据库，或文件已损坏：{exc}").format(path=path, exc=exc)
        ) from exc
    return conn


def open_database(path: Path, *, journal_mode: str = "wal", upgrade: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate a database.

    Raises:
        DatabaseError: unreadable, corrupt, too new, or a migration failed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, journal_mode=journal_mode)
    try:
        if upgrade:
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)
