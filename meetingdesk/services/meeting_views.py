"""Read functions for the meeting screens (会议, 主持人, 会中, 会后) that no other service offers.

Each answers one question a screen asks, so the GUI never needs SQL: which accepted reports still
wait for the presider's decision, which reports may go on a meeting's agenda, the materials
deadline for a date being edited, the materials to read before a meeting, a meeting's follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from meetingdesk.domain.choices import FOUR_CATEGORY_REASONS
from meetingdesk.domain.workdays import Deadline, materials_deadline
from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import AgendaItem, agenda, is_late
from meetingdesk.services.desk import Desk
from meetingdesk.services.followups import Followup, get_followup
from meetingdesk.services.meetings import get_meeting, require_can_see, work_calendar
from meetingdesk.services.permissions import allowed, require
from meetingdesk.services.reports import Report, get_report
from meetingdesk.services.roster import get_body


@dataclass(frozen=True)
class ReportBrief:
    """One accepted report as the presider's queue and the agenda builder list it."""

    id: int
    case_number: str
    cause: str
    body_id: int
    body_name: str
    reporting_judge: str
    submitted_at: datetime | None
    accepted_at: datetime | None
    convene_decision: str | None
    four_category: bool
    late: bool = False  # for a given meeting: materials after its deadline


_BRIEF_SQL = """
SELECT r.id, r.case_number, r.cause, r.body_id, b.name AS body_name, j.name AS reporting_judge,
       r.submitted_at, r.accepted_at, r.convene_decision,
       EXISTS (SELECT 1 FROM report_reasons x WHERE x.report_id = r.id AND x.reason IN ({four})) AS four
FROM reports r JOIN bodies b ON b.id = r.body_id JOIN judges j ON j.id = r.reporting_judge_id
"""


def _brief_sql() -> str:
    return _BRIEF_SQL.format(four=", ".join(f"'{r}'" for r in sorted(FOUR_CATEGORY_REASONS)))


def _brief(row: dict[str, Any], late: bool = False) -> ReportBrief:
    return ReportBrief(
        id=row["id"],
        case_number=row["case_number"],
        cause=row["cause"],
        body_id=row["body_id"],
        body_name=row["body_name"],
        reporting_judge=row["reporting_judge"],
        submitted_at=datetime.fromisoformat(row["submitted_at"]) if row["submitted_at"] else None,
        accepted_at=datetime.fromisoformat(row["accepted_at"]) if row["accepted_at"] else None,
        convene_decision=row["convene_decision"],
        four_category=bool(row["four"]),
        late=late,
    )


def convene_queue(desk: Desk, actor: Actor, body_id: int | None = None) -> list[ReportBrief]:
    """Accepted reports still waiting for the presider's decision whether to convene (召集).

    A presider with a judge record sees the bodies they preside; secretaries see every body.
    """
    require(actor, "report.convene")
    where = ["r.state = 'accepted'", "r.convene_decision IS NULL"]
    params: list[Any] = []
    if body_id is not None:
        where.append("r.body_id = ?")
        params.append(body_id)
    if actor.role == "presider" and actor.judge_id is not None:
        where.append("r.body_id IN (SELECT body_id FROM body_members WHERE judge_id = ? AND is_presider = 1)")
        params.append(actor.judge_id)
    sql = _brief_sql() + " WHERE " + " AND ".join(where) + " ORDER BY r.accepted_at, r.id"
    return [_brief(r) for r in desk.query(sql, tuple(params))]


def schedulable_reports(desk: Desk, actor: Actor, meeting_id: int) -> list[ReportBrief]:
    """Accepted reports of the meeting's body that may be put on its agenda, flagged when late for it."""
    require(actor, "read")
    meeting = get_meeting(desk, meeting_id)
    rows = desk.query(
        _brief_sql() + " WHERE r.state = 'accepted' AND r.body_id = ? AND r.convene_decision IS NOT 'decline'"
        " AND r.id NOT IN (SELECT report_id FROM agenda_items WHERE meeting_id = ?)"
        " ORDER BY r.accepted_at, r.id",
        (meeting.body_id, meeting_id),
    )
    return [_brief(r, is_late(desk, meeting, r["submitted_at"])) for r in rows]


def deadline_for(desk: Desk, body_id: int, day: date) -> Deadline:
    """The materials deadline for a meeting of ``body_id`` on ``day`` (while the date is being edited)."""
    body = get_body(desk, body_id)
    return materials_deadline(day, body.deadline_working_days, work_calendar(desk))


@dataclass(frozen=True)
class Material:
    """An agenda item's report, with its attachments, for reading before the meeting."""

    item: AgendaItem
    report: Report


def meeting_materials(desk: Desk, actor: Actor, meeting_id: int) -> list[Material]:
    """The reports on the agenda, in order, for participants to read (read-only)."""
    require(actor, "read")
    require_can_see(desk, actor, meeting_id)
    return [Material(i, get_report(desk, i.report_id)) for i in agenda(desk, meeting_id)]


def meeting_followups(desk: Desk, actor: Actor, meeting_id: int) -> list[Followup]:
    """The follow-ups (复议, 采纳, 审委会) of a meeting's discussed items, in agenda order."""
    require(actor, "read")
    if not allowed(actor, "read.all"):
        require_can_see(desk, actor, meeting_id)
    ids = [
        r["agenda_item_id"]
        for r in desk.query(
            "SELECT f.agenda_item_id FROM followups f JOIN agenda_items a ON a.id = f.agenda_item_id"
            " WHERE a.meeting_id = ? ORDER BY a.position, a.id",
            (meeting_id,),
        )
    ]
    return [get_followup(desk, i) for i in ids]
