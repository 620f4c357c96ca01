"""Reading the statistics from the database. Definitions are in :mod:`meetingdesk.stats.model`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from meetingdesk.i18n import N_, _, chinese, ngettext
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Row
from meetingdesk.services.discussion import item_result
from meetingdesk.services.permissions import require
from meetingdesk.services.roster import get_body, list_bodies
from meetingdesk.stats.model import (
    AdoptionCounts,
    BodyStats,
    MemberStats,
    Referral,
    ReferralCounts,
    Statistics,
)
from meetingdesk.stats.period import Period

LIBRARY_TABLE = "library_cases"
"""The reference-case library's table (from the library work); counted only when present."""

_UPCOMING = ("planned", "notified", "in_progress")
TOTAL = N_("合计")


@dataclass(frozen=True)
class _Item:
    id: int
    body_id: int
    meeting_state: str
    status: str
    late: bool
    meeting_day: date
    submitted_on: date | None
    has_majority: bool | None  # None: not a discussed item of a held meeting
    adoption: str | None
    has_followup: bool
    referral: Referral | None


def _period_clause(alias: str = "m") -> str:
    return f"substr({alias}.starts_at, 1, 10) BETWEEN :start AND :end"


def _params(period: Period, body_id: int | None) -> dict[str, Any]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "body": body_id}


_BODY_CLAUSE = "(:body IS NULL OR m.body_id = :body)"


def compute_statistics(
    desk: Desk,
    actor: Actor,
    period: Period,
    *,
    body_id: int | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> Statistics:
    """All figures for ``period`` (one body, or every body with a total row).

    Raises:
        PermissionDeniedError: the figures include every member's attendance, so readers of all
            meetings only (members see their own meetings elsewhere).
        NotFoundError: ``body_id`` names no body.
    """
    require(actor, "read.all")
    if body_id is not None:
        bodies = [get_body(desk, body_id)]
    else:
        bodies = list_bodies(desk)
    params = _params(period, body_id)
    where = f"{_period_clause()} AND {_BODY_CLAUSE}"
    meetings = desk.query(f"SELECT m.id, m.body_id, m.state FROM meetings m WHERE {where}", params)
    items = _items(desk, where, params, progress, should_cancel)
    library_available, library_counts = _reference_cases(desk, where, params)

    names = {b.id: b.name for b in bodies}
    per_body = tuple(
        _body_stats(
            b.id,
            b.name,
            [m for m in meetings if m["body_id"] == b.id],
            [i for i in items if i.body_id == b.id],
            library_counts.get(b.id, 0),
        )
        for b in bodies
    )
    total = _body_stats(None, _(TOTAL), meetings, items, sum(library_counts.values()))
    progress(1.0, _("完成"))
    return Statistics(
        period=period,
        generated_at=desk.now(),
        bodies=per_body,
        total=total,
        members=_members(desk, where, params, names),
        library_available=library_available,
        body_id=body_id,
        notes=_notes(library_available, total.adoption.pending),
    )


def _notes(library_available: bool, pending: int) -> tuple[str, ...]:
    notes: list[str] = []
    if not library_available:
        notes.append(_("本数据库尚未启用参考案例库，“形成参考性案例”一项计为0。"))
    if pending:
        notes.append(
            ngettext(
                "已讨论议题中有{n}件尚未登记合议庭复议结果，采纳率只按已复议的议题计算。",
                "已讨论议题中有{n}件尚未登记合议庭复议结果，采纳率只按已复议的议题计算。",
                pending,
            ).format(n=pending)
        )
    return tuple(notes)


def for_documents(stats: Statistics) -> Statistics:
    """The same figures with the words computed with them (合计, the notes) in Chinese, for the files
    (Excel, Word, PDF), which are Chinese whatever the interface language."""
    with chinese():
        return replace(
            stats,
            total=replace(stats.total, body_name=_(TOTAL)),
            notes=_notes(stats.library_available, stats.total.adoption.pending),
        )


def _items(
    desk: Desk, where: str, params: dict[str, Any], progress: ProgressFn, should_cancel: CancelFn
) -> list[_Item]:
    rows = desk.query(
        "SELECT a.id, a.status, a.late, m.body_id, m.state AS meeting_state, m.starts_at, r.submitted_at,"
        " r.case_number, r.cause, b.name AS body_name,"
        " f.agenda_item_id AS followup_id, f.adoption, f.referred, f.referred_on, f.committee_result,"
        " f.committee_on"
        " FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN reports r ON r.id = a.report_id"
        " JOIN bodies b ON b.id = m.body_id LEFT JOIN followups f ON f.agenda_item_id = a.id"
        f" WHERE {where} ORDER BY m.starts_at, a.position, a.id",
        params,
    )
    out: list[_Item] = []
    for n, r in enumerate(rows):
        check_cancel(should_cancel)
        progress(0.9 * n / max(len(rows), 1), _("统计议题"))
        discussed = r["meeting_state"] == "held" and r["status"] == "discussed"
        day = date.fromisoformat(r["starts_at"][:10])
        referral = None
        if r["referred"]:
            referral = Referral(
                agenda_item_id=r["id"],
                body_name=r["body_name"],
                case_number=r["case_number"],
                cause=r["cause"],
                meeting_day=day,
                referred_on=_day(r["referred_on"]),
                committee_result=r["committee_result"] or "",
                committee_on=_day(r["committee_on"]),
            )
        out.append(
            _Item(
                id=r["id"],
                body_id=r["body_id"],
                meeting_state=r["meeting_state"],
                status=r["status"],
                late=bool(r["late"]),
                meeting_day=day,
                submitted_on=_day(r["submitted_at"]),
                has_majority=item_result(desk, r["id"]).has_majority if discussed else None,
                adoption=r["adoption"],
                has_followup=r["followup_id"] is not None,
                referral=referral,
            )
        )
    return out


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _body_stats(
    body_id: int | None, name: str, meetings: list[Row], items: list[_Item], reference_cases: int
) -> BodyStats:
    states = [m["state"] for m in meetings]
    held = [i for i in items if i.meeting_state == "held"]
    discussed = [i for i in held if i.status == "discussed"]
    waits = [(i.meeting_day - i.submitted_on).days for i in discussed if i.submitted_on is not None]
    adoption = AdoptionCounts(
        adopted=sum(1 for i in discussed if i.adoption == "adopted"),
        partly=sum(1 for i in discussed if i.adoption == "partly"),
        not_adopted=sum(1 for i in discussed if i.adoption == "not_adopted"),
        pending=sum(1 for i in discussed if i.adoption is None),
    )
    return BodyStats(
        body_id=body_id,
        body_name=name,
        meetings_held=states.count("held"),
        meetings_adjourned=states.count("adjourned"),
        meetings_cancelled=states.count("cancelled"),
        meetings_upcoming=sum(1 for s in states if s in _UPCOMING),
        items_discussed=len(discussed),
        items_deferred=sum(1 for i in held if i.status == "deferred"),
        late_items=sum(1 for i in items if i.late and i.meeting_state != "cancelled"),
        avg_days_to_discussion=sum(waits) / len(waits) if waits else None,
        with_majority=sum(1 for i in discussed if i.has_majority),
        without_majority=sum(1 for i in discussed if i.has_majority is False),
        adoption=adoption,
        referrals=ReferralCounts(tuple(i.referral for i in items if i.referral is not None)),
        reference_cases=reference_cases,
    )


def _columns(desk: Desk, table: str) -> set[str]:
    return {r["name"] for r in desk.query(f"PRAGMA table_info({table})")}


def _reference_cases(desk: Desk, where: str, params: dict[str, Any]) -> tuple[bool, dict[int, int]]:
    """Library cases that came from the period's meetings, per body; (False, {}) without a library."""
    cols = _columns(desk, LIBRARY_TABLE)
    if not cols:
        return False, {}
    links = []
    if "meeting_id" in cols:
        links.append("c.meeting_id")
    if "agenda_item_id" in cols:
        links.append("(SELECT meeting_id FROM agenda_items WHERE id = c.agenda_item_id)")
    if not links:
        return True, {}
    link = f"COALESCE({', '.join(links)})" if len(links) > 1 else links[0]
    rows = desk.query(
        f"SELECT m.body_id, COUNT(*) AS n FROM {LIBRARY_TABLE} c JOIN meetings m ON m.id = {link}"
        f" WHERE {where} GROUP BY m.body_id",
        params,
    )
    return True, {r["body_id"]: r["n"] for r in rows}


def _members(desk: Desk, where: str, params: dict[str, Any], body_names: dict[int, str]) -> tuple[MemberStats, ...]:
    held = f"{where} AND m.state = 'held'"
    attendance = desk.query(
        "SELECT at.judge_id, j.name, m.body_id, at.status FROM attendance at"
        f" JOIN meetings m ON m.id = at.meeting_id JOIN judges j ON j.id = at.judge_id WHERE {held}",
        params,
    )
    spoke = _counts(
        desk.query(
            "SELECT o.judge_id AS k, COUNT(DISTINCT o.agenda_item_id) AS n FROM opinions o"
            " JOIN agenda_items a ON a.id = o.agenda_item_id JOIN meetings m ON m.id = a.meeting_id"
            f" WHERE {held} AND o.judge_id IS NOT NULL GROUP BY o.judge_id",
            params,
        )
    )
    recused = _counts(
        desk.query(
            "SELECT x.judge_id AS k, COUNT(*) AS n FROM item_absences x"
            " JOIN agenda_items a ON a.id = x.agenda_item_id JOIN meetings m ON m.id = a.meeting_id"
            f" WHERE {held} AND x.kind = 'recused' GROUP BY x.judge_id",
            params,
        )
    )
    names: dict[int, str] = {}
    bodies: dict[int, list[str]] = defaultdict(list)
    status: dict[int, list[str]] = defaultdict(list)
    for r in attendance:
        names[r["judge_id"]] = r["name"]
        status[r["judge_id"]].append(r["status"])
        body = body_names.get(r["body_id"], "")
        if body and body not in bodies[r["judge_id"]]:
            bodies[r["judge_id"]].append(body)
    for jid in set(spoke) - set(names):  # e.g. a presider from outside the body
        row = desk.one("SELECT name FROM judges WHERE id = ?", (jid,))
        names[jid] = row["name"] if row else f"#{jid}"
    out = [
        MemberStats(
            judge_id=jid,
            name=names[jid],
            bodies=tuple(bodies.get(jid, ())),
            expected=len(status.get(jid, ())),
            present=status.get(jid, []).count("present"),
            on_leave=status.get(jid, []).count("leave"),
            absent=status.get(jid, []).count("absent"),
            recused_items=recused.get(jid, 0),
            opinions_given=spoke.get(jid, 0),
        )
        for jid in names
    ]
    rank = {name: n for n, name in enumerate(body_names.values())}
    return tuple(sorted(out, key=lambda m: (rank.get(m.bodies[0], 99) if m.bodies else 99, m.name, m.judge_id)))


def _counts(rows: Iterable[Row]) -> dict[int, int]:
    return {int(r["k"]): int(r["n"]) for r in rows}
