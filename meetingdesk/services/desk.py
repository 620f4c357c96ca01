"""The Desk: one open database and its data folder, the handle every service takes.

Connections are per thread (sqlite3 objects must stay on their thread). Every write goes through
:meth:`Desk.write`, which opens ``BEGIN IMMEDIATE`` (so two writers queue instead of dead-locking),
records an audit entry for each row it changes, and commits or rolls back as one unit.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from meetingdesk.errors import ConflictError, DatabaseError, NotFoundError
from meetingdesk.i18n import N_, _
from meetingdesk.paths import data_dir_for
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit import append_entry, digest_image
from meetingdesk.storage.database import connect, open_database
from meetingdesk.storage.location import choose_storage
from meetingdesk.storage.migrate import latest_version, schema_version

Row = dict[str, Any]
Clock = Callable[[], datetime]

WRITE_WAIT_SECONDS = 30.0
"""How long a write waits in all for another process's transaction before giving up with a clear message.
Each ``BEGIN IMMEDIATE`` already waits up to the connection's busy timeout; this bounds the retries
for the cases where SQLite reports SQLITE_BUSY without waiting (e.g. while another process recovers the WAL)."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _system_now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Desk:
    """An open MeetingDesk database.

    Args:
        path: the SQLite file (created and migrated if needed).
        data_dir: attachments and the search index (default: ``<db stem>.files`` beside the database).
        clock: returns "now" in local court time; tests and the demo inject their own.
        journal_mode: ``wal`` or ``delete``; by default WAL on a local disk and DELETE on a network
            share, where WAL is unsafe (:attr:`storage_notice` then says so, for the user).
    """

    def __init__(
        self,
        path: Path,
        *,
        data_dir: Path | None = None,
        clock: Clock | None = None,
        journal_mode: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.data_dir = data_dir or data_dir_for(self.path)
        self.clock: Clock = clock or _system_now
        self.storage_notice = ""
        if journal_mode is None:
            choice = choose_storage(self.path)
            journal_mode, self.storage_notice = choice.journal_mode, choice.notice
        self.journal_mode = journal_mode
        self._local = threading.local()
        self._all: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        self._fk_children: dict[str, list[tuple[str, list[tuple[str, str]], str]]] | None = None
        migrated_from, tables_before = self._schema_before_opening()
        first = open_database(self.path, journal_mode=journal_mode)
        self._register(first)
        if 0 < migrated_from < latest_version():
            # A migration ran: record in the audit trail what it changed in audited rows.
            from meetingdesk.services.audit_verify import rebaseline_after_migration

            rebaseline_after_migration(self, tables_before)

    def _schema_before_opening(self) -> tuple[int, set[str]]:
        """The schema version and tables on disk before migrations run (0 for a new file)."""
        if not self.path.exists():
            return 0, set()
        try:
            conn = connect(self.path, journal_mode=self.journal_mode)
        except DatabaseError:
            return 0, set()  # open_database reports the problem properly
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return schema_version(conn), tables
        finally:
            conn.close()

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

    def get(self, table: str, pk: int, *, what: str | None = None) -> Row:
        row = self.one(f"SELECT * FROM {table} WHERE id = ?", (pk,))
        if row is None:
            raise NotFoundError(_("找不到{what}（编号{pk}），它可能已被删除。").format(what=what or _("记录"), pk=pk))
        return row

    def scalar(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # ---- writing

    @contextmanager
    def write(self, actor: Actor, action: str) -> Iterator[Tx]:
        """One atomic, audited unit of work.

        Raises:
            DatabaseError: another process kept the database busy for too long (nothing was written).
        """
        conn = self.conn
        _begin_immediate(conn)
        tx = Tx(self, actor, action)
        try:
            yield tx
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                # Validation passed but the data changed underneath (another window or user): a
                # known situation for the user, not a crash.
                raise ConflictError(
                    _("保存未成功：数据在此期间已被他人修改，与已有记录冲突。请刷新后重试。（{exc}）").format(exc=exc)
                ) from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
                    raise DatabaseError(_(_BUSY_MESSAGE)) from exc
                raise

    # ---- schema facts

    def fk_children(self, table: str) -> list[tuple[str, list[tuple[str, str]], str]]:
        """Tables whose foreign keys point at ``table``: (child, [(child column, parent column)], ON DELETE)."""
        if self._fk_children is None:
            found: dict[str, list[tuple[str, list[tuple[str, str]], str]]] = {}
            names = [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for child in names:
                keys: dict[int, tuple[str, list[tuple[str, str | None]], str]] = {}
                for fk_id, _seq, parent, col, parent_col, _upd, on_delete, _match in self.conn.execute(
                    f"PRAGMA foreign_key_list({child})"
                ):
                    keys.setdefault(fk_id, (parent, [], str(on_delete).upper()))[1].append((col, parent_col))
                for parent, pairs, on_delete in keys.values():
                    pk = primary_key(self.conn, parent)
                    resolved = [(c, p if p is not None else pk[i]) for i, (c, p) in enumerate(pairs)]
                    found.setdefault(parent, []).append((child, resolved, on_delete))
            self._fk_children = found
        return self._fk_children.get(table, [])


_BUSY_MESSAGE = N_("数据库正被另一个 MeetingDesk 窗口或程序长时间占用，本次操作未保存。请稍后重试。")


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, retried with jittered back-off while another writer holds the database."""
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    delay = 0.02
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                if _is_busy(exc):
                    raise DatabaseError(_(_BUSY_MESSAGE)) from exc
                raise
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.5)


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

    def insert(
        self, table: str, values: Mapping[str, Any], *, action: str | None = None, digest_only: bool = False
    ) -> int:
        """Insert one row; ``digest_only`` logs the row's SHA-256 instead of its full image (bulk imports)."""
        cols = list(values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(values.values()),
        )
        rowid = int(cur.lastrowid or 0)
        after = self.desk.one(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
        assert after is not None
        self.audit(table, self._key(table, after), None, digest_image(after) if digest_only else after, action=action)
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
        """Delete matching rows, and first what ``ON DELETE CASCADE / SET NULL`` would change, explicitly.

        SQLite's foreign-key actions change child rows silently; doing them here instead gives every
        affected row its own audit entry, so the trail stays complete (``audit verify`` relies on it).
        """
        befores = self._rows(table, where)
        if not befores:
            return 0
        for before in befores:
            self._release_children(table, before, action)
        clause = " AND ".join(f"{k} IS ?" for k in where)
        self.conn.execute(f"DELETE FROM {table} WHERE {clause}", tuple(where.values()))
        for before in befores:
            self.audit(table, self._key(table, before), before, None, action=action)
        return len(befores)

    def _release_children(self, table: str, row: Row, action: str | None) -> None:
        for child, pairs, on_delete in self.desk.fk_children(table):
            if any(row.get(parent_col) is None for _c, parent_col in pairs):
                continue
            child_where = {c: row[parent_col] for c, parent_col in pairs}
            if child == table and all(row.get(c) == v for c, v in child_where.items()):
                continue  # a row pointing at itself goes with the row
            if on_delete == "CASCADE":
                self.delete(child, child_where, action=action)
            elif on_delete == "SET NULL":
                self.update(child, child_where, {c: None for c, _p in pairs}, action=action)

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
