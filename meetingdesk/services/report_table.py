"""The reports table at scale: ids filtered and sorted in SQLite, rows fetched in small batches.

The 案件报告 screen may hold 100,000 reports. Building 100,000 row objects on every filter change
would freeze the window, so the table asks for ids only (one cheap query, run off the GUI thread)
and fetches the light :class:`~meetingdesk.services.reports.ReportRow` of the rows it paints, a
batch at a time. Filtering and sorting both happen here, in SQL, with the same visibility rule as
:func:`meetingdesk.services.reports.list_reports`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from meetingdesk.domain.choices import REPORT_STATES
from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import allowed, require
from meetingdesk.services.reports import _ROW_SQL, TEXT_MATCH, ReportRow, like_pattern, visible_reports_condition

_LATEST_ITEM = (
    "LEFT JOIN agenda_items a ON a.id = ("
    "SELECT a2.id FROM agenda_items a2 JOIN meetings m2 ON m2.id = a2.meeting_id"
    " WHERE a2.report_id = r.id AND m2.state <> 'cancelled' ORDER BY m2.starts_at DESC LIMIT 1)"
)
_STATE_ORDER = "CASE r.state " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(REPORT_STATES.codes())) + " END"

SORT_KEYS: dict[str, str] = {
    # key: SQL expression (the joins it needs are added by report_ids)
    "case_number": "r.case_number",
    "cause": "r.cause",
    "state": _STATE_ORDER,
    "body": "b.name",
    "judge": "j.name",
    "submitted": "r.submitted_at",
    "late": "COALESCE(a.late, 0)",
    "meeting": "m.starts_at",
    "updated": "r.updated_at",
}
"""The columns the table can be sorted by."""

BATCH_LIMIT = 900
"""Most ids :func:`report_rows` takes at once (well below SQLite's bound-parameter limit)."""


@dataclass(frozen=True)
class ReportQuery:
    """What the table shows: the filter bar's values and the sort column."""

    states: tuple[str, ...] = ()
    body_id: int | None = None
    reporting_judge_id: int | None = None
    text: str = ""  # matches 案号, 案由, 当事人
    late_only: bool = False
    submitted_from: date | None = None
    submitted_to: date | None = None
    sort: str = "updated"
    descending: bool = True


def report_ids(desk: Desk, actor: Actor, query: ReportQuery) -> list[int]:
    """Ids of the reports matching ``query`` that the actor may see, in the requested order.

    Raises:
        ValidationError: for an unknown sort key.
    """
    require(actor, "read")
    if query.sort not in SORT_KEYS:
        raise ValidationError(_("无法按“{key}”排序。").format(key=query.sort))
    key = SORT_KEYS[query.sort]
    needs_item = query.late_only or query.sort in ("late", "meeting")
    joins = []
    if query.sort == "body":
        joins.append("JOIN bodies b ON b.id = r.body_id")
    if query.sort == "judge":
        joins.append("JOIN judges j ON j.id = r.reporting_judge_id")
    if needs_item:
        joins.append(_LATEST_ITEM)
    if query.sort == "meeting":
        joins.append("LEFT JOIN meetings m ON m.id = a.meeting_id")
    where, params = _where(desk, actor, query)
    direction = "DESC" if query.descending else "ASC"
    sql = (
        "SELECT r.id FROM reports r "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY ({key}) IS NULL, {key} {direction}, r.id {direction}"
    )
    return [row[0] for row in desk.conn.execute(sql, params).fetchall()]


def _where(desk: Desk, actor: Actor, query: ReportQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.states:
        where.append(f"r.state IN ({', '.join('?' for _ in query.states)})")
        params.extend(query.states)
    if query.body_id is not None:
        where.append("r.body_id = ?")
        params.append(query.body_id)
    if query.reporting_judge_id is not None:
        where.append("r.reporting_judge_id = ?")
        params.append(query.reporting_judge_id)
    text = query.text.strip()
    if text:
        where.append(TEXT_MATCH)
        params.extend([like_pattern(text)] * 3)
    if query.late_only:
        where.append("COALESCE(a.late, 0) = 1")
    if query.submitted_from:
        where.append("r.submitted_at >= ?")
        params.append(query.submitted_from.isoformat())
    if query.submitted_to:
        where.append("r.submitted_at < date(?, '+1 day')")
        params.append(query.submitted_to.isoformat())
    if not allowed(actor, "read.all"):
        # the same rule as everywhere: a member sees what is theirs and their meetings' materials
        cond, cond_params = visible_reports_condition(desk, actor)
        where.append(cond)
        params.extend(cond_params)
    return where, params


def report_rows(desk: Desk, actor: Actor, ids: Sequence[int]) -> dict[int, ReportRow]:
    """The table rows of these reports (ids that no longer exist are simply absent)."""
    require(actor, "read")
    if len(ids) > BATCH_LIMIT:
        raise ValueError(f"report_rows takes at most {BATCH_LIMIT} ids at once")
    if not ids:
        return {}
    sql = _ROW_SQL + f" WHERE r.id IN ({', '.join('?' for _ in ids)})"
    params: list[Any] = list(ids)
    if not allowed(actor, "read.all"):  # ids from elsewhere never reveal reports the actor may not see
        cond, cond_params = visible_reports_condition(desk, actor)
        sql += " AND " + cond
        params.extend(cond_params)
    return {r["id"]: ReportRow(**{**r, "late": bool(r["late"])}) for r in desk.query(sql, tuple(params))}
