"""The audit trail: append-only, each entry carrying a SHA-256 hash chained to the previous one.

Altering, removing or inserting an entry anywhere breaks the chain from that point, which
:func:`verify_chain` reports.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from meetingdesk.i18n import _

GENESIS = "0" * 64

DIGEST_KEY = "__sha256__"
"""An ``after`` image that holds only the row's SHA-256: used for bulk imports of long texts, where a
full copy in the log would double the database. It still proves the row unchanged (see audit_verify)."""


def digest_image(row: Mapping[str, Any]) -> dict[str, str]:
    return {DIGEST_KEY: hashlib.sha256(canonical(dict(row)).encode("utf-8")).hexdigest()}


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    *,
    prev_hash: str,
    at: str,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None,
    after: str | None,
) -> str:
    payload = canonical([prev_hash, at, user_id, username, action, entity, entity_id, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append_entry(
    conn: sqlite3.Connection,
    *,
    at: str,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    """Append one entry; must run inside the caller's write transaction."""
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    before_json = canonical(dict(before)) if before is not None else None
    after_json = canonical(dict(after)) if after is not None else None
    digest = entry_hash(
        prev_hash=prev,
        at=at,
        user_id=user_id,
        username=username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before_json,
        after=after_json,
    )
    conn.execute(
        "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before, after, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, user_id, username, action, entity, entity_id, before_json, after_json, prev, digest),
    )


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None  # id of the first entry whose link does not hold
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(conn: sqlite3.Connection) -> ChainReport:
    """Recompute every link; report the first one that does not hold."""
    prev = GENESIS
    count = 0
    cur = conn.execute(
        "SELECT id, at, user_id, username, action, entity, entity_id, before, after, prev_hash, hash"
        " FROM audit_log ORDER BY id"
    )
    for rid, at, user_id, username, action, entity, entity_id, before, after, prev_hash, digest in cur:
        count += 1
        if prev_hash != prev:
            return ChainReport(
                count, rid, _("第{rid}条审计记录的前序哈希与上一条不符（记录被删除或插入）").format(rid=rid)
            )
        expect = entry_hash(
            prev_hash=prev_hash,
            at=at,
            user_id=user_id,
            username=username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
        if expect != digest:
            return ChainReport(count, rid, _("第{rid}条审计记录的内容与其哈希不符（记录被改动）").format(rid=rid))
        prev = digest
    return ChainReport(count, None)
