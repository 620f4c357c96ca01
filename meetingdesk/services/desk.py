"""The Desk: one open database and its data folder, the handle every service takes.

Connections are per thread (sqlite3 objects must stay on their thread). Every write goes through
:meth:`Desk.write`, which opens ``BEGIN IMMEDIATE`` (so two writers queue instead of dead-locking),
records an audit entry for each row it changes, and commits or rolls back as one unit.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from meetingdesk.errors import NotFoundError
from meetingdesk.paths import data_dir_for
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit import append_entry
from meetingdesk.storage.database import connect, open_database

Row = dict[str, Any]
Clock = Callable[[], datetime]


def _system_now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Desk:
    """An open MeetingDesk database.

    Args:
        path: the SQLite file (created and migrated if needed).
        data_dir: attachments, index and backups (default: ``<db stem>.files`` beside the database).
        clock: returns "now" in local court time; tests and the demo inject their own.
    """

    def __init__(
        self,
        path: Path,
        *,
        data_dir: Path | None = None,
        clock: Clock | None = None,
        journal_mode: str = "wal",
    ) -> None:
        self.path = Path(path)
        self.data_dir = data_dir or data_dir_for(self.path)
        self.clock: Clock = clock or _system_now
        self.journal_mode = journal_mode
        self._local = threading.local()
        self._all: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        first = open_database(self.path, journal_mode=journal_mode)
        self._register(first)

    # ---- connections

    def _register(self, db: sqlite_utils.Database) -> None:
        self._local.db = db
        with self._lock:
            self._all.append(db)

    @property
    def db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(connect(self.path, journal_mode=self.journal_mode))
            self._register(db)
        return db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.close()
                except sqlite3.ProgrammingError:
                    pass  # belongs to a finished thread
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- time

    def now(self) -> datetime:
        return self.clock()

    def now_text(self) -> str:
        return self.now().isoformat(timespec="seconds")

    # ---- reading

    def query(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[Row]:
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def one(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def get(self, table: str, pk: int, *, what: str = "记录") -> Row:
        row = self.one(f"SELECT * FROM {table} WHERE id = ?", (pk,))
        if row is None:
            raise NotFoundError(f"找不到{what}（编号{pk}），它可能已被删除。")
        return row

    def scalar(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # ---- writing

    @contextmanager
    def write(self, actor: Actor, action: str) -> Iterator[Tx]:
        """One atomic, audited unit of work."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        tx = Tx(self, actor, action)
        try:
            yield tx
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise


class Tx:
    """Writes inside one transaction; each changed row gets an audit entry with before/after images."""

    def __init__(self, desk: Desk, actor: Actor, action: str) -> None:
        self.desk = desk
        self.actor = actor
        self.action = action
        self.now = desk.now_text()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.desk.conn

    def _rows(self, table: str, where: Mapping[str, Any]) -> list[Row]:
        clause = " AND ".join(f"{k} IS ?" for k in where) or "1"
        return self.desk.query(f"SELECT * FROM {table} WHERE {clause}", tuple(where.values()))

    def _key(self, table: str, row: Row) -> str:
        cols = primary_key(self.conn, table)
        return "/".join(str(row[c]) for c in cols)

    def insert(self, table: str, values: Mapping[str, Any], *, action: str | None = None) -> int:
        cols = list(values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(values.values()),
        )
        rowid = int(cur.lastrowid or 0)
        after = self.desk.one(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
        assert after is not None
        self.audit(table, self._key(table, after), None, after, action=action)
        return rowid

    def update(
        self, table: str, where: Mapping[str, Any], changes: Mapping[str, Any], *, action: str | None = None
    ) -> list[tuple[Row, Row]]:
        """Update matching rows; returns (before, after) pairs of the rows that really changed."""
        befores = self._rows(table, where)
        if not befores or not changes:
            return []
        sets = ", ".join(f"{k} = ?" for k in changes)
        clause = " AND ".join(f"{k} IS ?" for k in where)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE {clause}", (*changes.values(), *where.values()))
        pairs = []
        cols = primary_key(self.conn, table)
        for before in befores:
            after = self._rows(table, {c: before[c] for c in cols})[0]
            if after != before:
                self.audit(table, self._key(table, after), before, after, action=action)
                pairs.append((before, after))
        return pairs

    def delete(self, table: str, where: Mapping[str, Any], *, action: str | None = None) -> int:
        befores = self._rows(table, where)
        if not befores:
            return 0
        clause = " AND ".join(f"{k} IS ?" for k in where)
        self.conn.execute(f"DELETE FROM {table} WHERE {clause}", tuple(where.values()))
        for before in befores:
            self.audit(table, self._key(table, before), before, None, action=action)
        return len(befores)

    def audit(
        self, entity: str, entity_id: str, before: Row | None, after: Row | None, *, action: str | None = None
    ) -> None:
        append_entry(
            self.conn,
            at=self.now,
            user_id=self.actor.user_id,
            username=self.actor.username,
            action=action or self.action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )

    def note(self, entity: str, entity_id: str, detail: Mapping[str, Any], *, action: str | None = None) -> None:
        """Audit an event that changes no row (e.g. an export, a failed login)."""
        self.audit(entity, entity_id, None, None, action=(action or self.action) + ":" + _compact(detail))


_PK_CACHE: dict[str, tuple[str, ...]] = {}


def primary_key(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    cached = _PK_CACHE.get(table)
    if cached is None:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        cols = sorted((r for r in info if r[5]), key=lambda r: r[5])
        cached = tuple(r[1] for r in cols) or ("rowid",)
        _PK_CACHE[table] = cached
    return cached


def _compact(detail: Mapping[str, Any]) -> str:
    return json.dumps(dict(detail), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
