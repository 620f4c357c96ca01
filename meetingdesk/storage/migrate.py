"""Numbered schema migrations, each applied atomically and recorded in ``PRAGMA user_version``.

Files are ``db/migrations/NNNN_description.sql``. A step runs as one ``BEGIN EXCLUSIVE … COMMIT``
script: Python's sqlite3 does not wrap DDL in its implicit transactions, so a failing step must carry
its own transaction to leave the database exactly as it was.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from meetingdesk.errors import DatabaseError, DatabaseTooNewError
from meetingdesk.i18n import _
from meetingdesk.paths import migrations_dir

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(folder: Path | None = None) -> list[Migration]:
    """All migrations in order; gaps or duplicates in the numbering are a packaging bug."""
    if folder is None:
        return list(_shipped_migrations())
    return _load(folder)


@cache
def _shipped_migrations() -> tuple[Migration, ...]:
    return tuple(_load(migrations_dir()))


def _load(base: Path) -> list[Migration]:
    found: list[Migration] = []
    for path in sorted(base.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise RuntimeError(f"unexpected migration file name: {path.name}")
        found.append(Migration(int(m.group(1)), path.stem, path.read_text(encoding="utf-8")))
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise RuntimeError(f"migrations must be numbered 1, 2, 3 …; found {mig.name} at {expected}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def latest_version(migrations: list[Migration] | None = None) -> int:
    migs = load_migrations() if migrations is None else migrations
    return migs[-1].version if migs else 0


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date; return the new version.

    Raises:
        DatabaseTooNewError: the file was written by a newer MeetingDesk; it is left untouched.
        DatabaseError: a step failed; the database stays at the last good version.
    """
    migs = load_migrations() if migrations is None else migrations
    newest = latest_version(migs)
    current = schema_version(conn)
    if current > newest:
        raise DatabaseTooNewError(current, newest)
    for step in migs:
        if step.version <= current:
            continue
        try:
            conn.executescript(f"BEGIN EXCLUSIVE;\n{step.sql}\n;PRAGMA user_version = {step.version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.rollback()
            raise DatabaseError(
                _(
                    "数据库升级到第{version}版（{name}）失败，"
                    "数据库已保持在第{schema_version}版，未作任何更改。"
                    "原因：{exc}"
                ).format(version=step.version, name=step.name, schema_version=schema_version(conn), exc=exc)
            ) from exc
    return newest
