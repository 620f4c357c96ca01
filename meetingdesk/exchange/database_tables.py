"""Which tables hold the court's data, read as one consistent snapshot (shared by both full exports)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from meetingdesk.services.desk import Desk

_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config", "_segments", "_segdir", "_stat")


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[dict[str, Any], ...]  # name, type, notnull, pk (PRAGMA table_info)
    sql: str

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c["name"] for c in self.columns)


def data_tables(conn: sqlite3.Connection) -> list[TableInfo]:
    """Ordinary tables in creation order; SQLite's own, virtual (search index) and their shadow tables left out."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    out: list[TableInfo] = []
    for name, sql in rows:
        if name in virtual or any(name.startswith(v) and name[len(v) :] in _SHADOW_SUFFIXES for v in virtual):
            continue
        cols = tuple(
            {"name": r[1], "type": r[2], "notnull": bool(r[3]), "pk": int(r[5])}
            for r in conn.execute(f'PRAGMA table_info("{name}")')
        )
        out.append(TableInfo(name, cols, sql or ""))
    return out


def rows_of(conn: sqlite3.Connection, table: TableInfo) -> Iterator[tuple[Any, ...]]:
    """Rows in a stable order (rowid, else the primary key)."""
    names = ", ".join(f'"{c}"' for c in table.column_names)
    without_rowid = "WITHOUT ROWID" in table.sql.upper()
    pk = [c["name"] for c in sorted(table.columns, key=lambda c: c["pk"]) if c["pk"]]
    order = ", ".join(f'"{c}"' for c in pk) if without_rowid and pk else "rowid"
    yield from conn.execute(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')


@contextmanager
def snapshot(desk: Desk) -> Iterator[sqlite3.Connection]:
    """A read transaction: every table is read as of the same moment even while others write."""
    conn = desk.conn
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
