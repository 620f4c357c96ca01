"""Proving the audit trail: the hash chain, and that every audited row still matches its last entry.

The chain (:func:`meetingdesk.services.audit.verify_chain`) shows that no entry was altered, removed or
inserted. That alone would not notice a row edited with an SQLite tool, which leaves the log alone, so
:func:`verify_rows` compares each row's current image with the ``after`` image of the last entry for it:
a row changed, deleted or inserted outside the application no longer matches its history.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.audit import DIGEST_KEY, ChainReport, canonical, verify_chain
from meetingdesk.services.checks import Finding, register_check
from meetingdesk.services.desk import Desk, primary_key
from meetingdesk.services.permissions import require

UNAUDITED_TABLES: set[str] = {"audit_log", "search_pending"}
"""Tables whose rows are not written through ``desk.write`` (the log itself, derived caches, the search
index's outbox filled by triggers)."""

HIDDEN_FIELDS = frozenset({"password_hash"})
"""Shown as “（已隐藏）” in a record's history."""


def register_unaudited_table(name: str) -> None:
    """Exclude a table of derived data (rebuilt from audited tables) from the row check."""
    UNAUDITED_TABLES.add(name)


def audited_tables(conn: sqlite3.Connection) -> list[str]:
    """Every ordinary table whose rows the audit trail must account for."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return [
        name
        for name, _sql in rows
        if not name.startswith("sqlite_")
        and name not in UNAUDITED_TABLES
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]


# ---- the row check


@dataclass(frozen=True)
class RowProblem:
    """A row whose current state the audit trail does not account for."""

    entity: str
    entity_id: str
    kind: str  # changed | deleted | unrecorded
    entry_id: int | None
    fields: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        what = _("{entity}表中编号为 {entity_id} 的记录").format(entity=self.entity, entity_id=self.entity_id)
        if self.kind == "changed":
            cols = _("（字段：{fields}）").format(fields=_("、").join(self.fields)) if self.fields else ""
            return _("{what}与第{entry_id}条审计记录登记的内容不符{cols}：数据在本程序之外被改动").format(
                what=what, entry_id=self.entry_id, cols=cols
            )
        if self.kind == "deleted":
            return _(
                "{what}已不存在，但审计记录（最后一条为第{entry_id}条）中没有删除它的记录：在本程序之外被删除"
            ).format(what=what, entry_id=self.entry_id)
        return _("{what}没有对应的审计记录：在本程序之外被添加").format(what=what)


@dataclass(frozen=True)
class AuditReport:
    chain: ChainReport
    rows_checked: int
    row_problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.row_problems

    @property
    def first_problem(self) -> str:
        """The first broken link, in words (empty when all is well)."""
        if not self.chain.ok:
            return self.chain.problem
        return self.row_problems[0].message if self.row_problems else ""


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def _latest_images(conn: sqlite3.Connection, table: str) -> dict[str, tuple[int, bytes | None]]:
    """entity_id → (id of its last row-changing entry, digest of that entry's ``after`` or None if deleted)."""
    latest: dict[str, tuple[int, bytes | None]] = {}
    cur = conn.execute(
        "SELECT entity_id, id, after FROM audit_log WHERE entity = ? AND (before IS NOT NULL OR after IS NOT NULL)",
        (table,),
    )
    for entity_id, entry_id, after in cur:
        known = latest.get(entity_id)
        if known is None or entry_id > known[0]:
            latest[entity_id] = (entry_id, _image_digest(after) if after is not None else None)
    return latest


def _image_digest(after: str) -> bytes:
    """The digest of an ``after`` image: computed from a full image, or read from a digest-only one."""
    if after.startswith('{"' + DIGEST_KEY + '":'):
        try:
            return bytes.fromhex(json.loads(after)[DIGEST_KEY])
        except (ValueError, KeyError, TypeError):
            return b""
    return _digest(after)


def _current_rows(conn: sqlite3.Connection, table: str) -> Iterable[tuple[str, dict[str, Any]]]:
    pk = primary_key(conn, table)
    cur = conn.execute(f"SELECT * FROM {table}")
    cols = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(cols, values, strict=True))
        yield "/".join(str(row[c]) for c in pk), row


def _changed_fields(conn: sqlite3.Connection, entry_id: int, row: dict[str, Any]) -> tuple[str, ...]:
    after_text = conn.execute("SELECT after FROM audit_log WHERE id = ?", (entry_id,)).fetchone()[0]
    try:
        after = json.loads(after_text)
    except (TypeError, ValueError):
        return ()
    if DIGEST_KEY in after:
        return ()  # a digest-only image cannot say which fields differ
    keys = sorted(set(after) | set(row))
    return tuple(k for k in keys if after.get(k, object()) != row.get(k, object()))


def verify_rows(
    desk: Desk, *, progress: ProgressFn = no_progress, should_cancel: CancelFn = never
) -> tuple[int, list[RowProblem]]:
    """Compare every audited row with its last audit entry; returns (rows checked, problems by entry order)."""
    conn = desk.conn
    problems: list[RowProblem] = []
    checked = 0
    tables = audited_tables(conn)
    conn.execute("BEGIN")  # one consistent snapshot of data and log
    try:
        for n, table in enumerate(tables):
            check_cancel(should_cancel)
            progress(n / max(len(tables), 1), table)
            latest = _latest_images(conn, table)
            for key, row in _current_rows(conn, table):
                checked += 1
                known = latest.pop(key, None)
                if known is None or known[1] is None:
                    problems.append(RowProblem(table, key, "unrecorded", known[0] if known else None))
                elif known[1] != _digest(canonical(row)):
                    problems.append(RowProblem(table, key, "changed", known[0], _changed_fields(conn, known[0], row)))
            for key, (entry_id, image) in latest.items():
                if image is not None:
                    problems.append(RowProblem(table, key, "deleted", entry_id))
    finally:
        conn.execute("COMMIT")
    progress(1.0, "")
    problems.sort(key=lambda p: (p.entry_id is None, p.entry_id or 0, p.entity, p.entity_id))
    return checked, problems


def verify_audit(desk: Desk, *, progress: ProgressFn = no_progress, should_cancel: CancelFn = never) -> AuditReport:
    """The whole proof: the chain first (its first broken link), then the rows against the log."""
    chain = verify_chain(desk.conn)
    progress(0.3, _("审计链"))
    checked, problems = verify_rows(desk, progress=lambda f, s: progress(0.3 + 0.7 * f, s), should_cancel=should_cancel)
    return AuditReport(chain, checked, problems)


def _audit_check(desk: Desk) -> list[Finding]:
    report = verify_audit(desk)
    if report.ok:
        return [
            Finding(
                "audit",
                True,
                _("审计链完整（{entries}条记录），{rows_checked}行数据与审计记录一致").format(
                    entries=report.chain.entries, rows_checked=report.rows_checked
                ),
            )
        ]
    findings = [] if report.chain.ok else [Finding("audit", False, _("审计链断裂：") + report.chain.problem)]
    findings += [Finding("audit", False, p.message) for p in report.row_problems[:20]]
    if len(report.row_problems) > 20:
        findings.append(
            Finding("audit", False, _("另有{count}处数据与审计记录不符").format(count=len(report.row_problems) - 20))
        )
    return findings


register_check("audit", _audit_check)


# ---- after a schema upgrade


def rebaseline_after_migration(desk: Desk, tables_before: set[str] | None = None) -> int:
    """Record, as a system entry, what a migration legitimately changed in audited rows.

    A migration that adds or drops a column changes every row's image without a write through the
    application. Rows whose remaining values still equal their last entry get a ``schema.upgrade``
    entry with the new image; rows of tables the migration created get one too. Anything else
    (values that differ) is left for :func:`verify_rows` to report: an upgrade never launders tampering.

    Returns:
        the number of entries written.
    """
    conn = desk.conn
    written = 0
    with desk.write(SYSTEM, "schema.upgrade") as tx:
        for table in audited_tables(conn):
            new_table = tables_before is not None and table not in tables_before
            latest = _latest_images(conn, table)
            for key, row in _current_rows(conn, table):
                known = latest.get(key)
                if known is None:
                    if new_table:
                        tx.audit(table, key, None, row)
                        written += 1
                    continue
                if known[1] is None or known[1] == _digest(canonical(row)):
                    continue
                after_text = conn.execute("SELECT after FROM audit_log WHERE id = ?", (known[0],)).fetchone()[0]
                before = json.loads(after_text)
                common = set(before) & set(row)
                if set(before) != set(row) and all(before[k] == row[k] for k in common):
                    tx.audit(table, key, before, row)
                    written += 1
    return written


# ---- a record's history


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    username: str
    action: str
    kind: str  # insert | update | delete | note
    changes: list[FieldChange]

    @property
    def kind_label(self) -> str:
        return {"insert": _("新增"), "update": _("修改"), "delete": _("删除"), "note": _("事件")}[self.kind]


def _shown(name: str, value: Any) -> Any:
    return _("（已隐藏）") if name in HIDDEN_FIELDS and value is not None else value


def history(desk: Desk, actor: Actor, entity: str, entity_id: str) -> list[HistoryEntry]:
    """Every audit entry of one record, oldest first, with the fields each one changed.

    Raises:
        ValidationError: ``entity`` is not a table the audit trail knows.
    """
    require(actor, "audit.read")
    known = {r[0] for r in desk.conn.execute("SELECT DISTINCT entity FROM audit_log")}
    if entity not in known and entity not in audited_tables(desk.conn):
        raise ValidationError(
            _("审计记录中没有“{entity}”这类数据。可查询：{known}。").format(
                entity=entity, known=_("、").join(sorted(known)) or _("（暂无）")
            ),
            "entity",
        )
    rows = desk.query(
        "SELECT id, at, username, action, before, after FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
        (entity, str(entity_id)),
    )
    out = []
    for r in rows:
        before = json.loads(r["before"]) if r["before"] else None
        after = json.loads(r["after"]) if r["after"] else None
        if before is None and after is None:
            kind, changes = "note", []
        elif before is None:
            kind = "insert"
            changes = [FieldChange(k, None, _shown(k, v)) for k, v in sorted((after or {}).items())]
        elif after is None:
            kind = "delete"
            changes = [FieldChange(k, _shown(k, v), None) for k, v in sorted(before.items())]
        else:
            kind = "update"
            keys = sorted(set(before) | set(after))
            changes = [
                FieldChange(k, _shown(k, before.get(k)), _shown(k, after.get(k)))
                for k in keys
                if before.get(k) != after.get(k)
            ]
        out.append(HistoryEntry(r["id"], r["at"], r["username"], r["action"], kind, changes))
    return out
