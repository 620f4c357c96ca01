import sqlite3
from pathlib import Path

import pytest

from meetingdesk.errors import DatabaseError, DatabaseTooNewError
from meetingdesk.services.desk import Desk
from meetingdesk.storage.database import open_database
from meetingdesk.storage.migrate import Migration, latest_version, load_migrations, migrate, schema_version


def test_every_migration_applies_from_empty(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    migs = load_migrations()
    for n in range(1, len(migs) + 1):
        assert migrate(conn, migs[:n]) == n
        assert schema_version(conn) == n
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"reports", "meetings", "agenda_items", "opinions", "audit_log", "followups"} <= tables
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_failed_migration_leaves_database_unchanged(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "b.db", isolation_level=None)
    good = Migration(1, "0001_a", "CREATE TABLE a (x INTEGER);")
    bad = Migration(2, "0002_b", "CREATE TABLE c (x INTEGER); INSERT INTO nope VALUES (1);")
    migrate(conn, [good])
    with pytest.raises(DatabaseError, match="第2版"):
        migrate(conn, [good, bad])
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}  # the half-created table is gone


def test_database_newer_than_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="升级"):
        open_database(path)
    assert path.read_bytes() == before


def test_not_a_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="不是有效的"):
        Desk(path)


def test_pragmas(desk: Desk) -> None:
    conn = desk.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_audit_log_is_append_only(desk: Desk) -> None:
    from meetingdesk.services import roster
    from meetingdesk.services.actor import SYSTEM

    roster.create_room(desk, SYSTEM, "会议室")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        desk.conn.execute("UPDATE audit_log SET username = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        desk.conn.execute("DELETE FROM audit_log")
