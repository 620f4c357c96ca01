"""Statistics to files and to JSON-ready data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meetingdesk.i18n import chinese
from meetingdesk.stats.compute import for_documents
from meetingdesk.stats.model import BodyStats, Statistics
from meetingdesk.stats.tables import statistics_tables
from meetingdesk.xlsx_out import write_workbook


def write_statistics_xlsx(stats: Statistics, path: Path) -> Path:
    """The three statistics tables as one workbook (概况 / 审委会 / 成员), in Chinese like every file."""
    with chinese():
        return write_workbook(path, statistics_tables(for_documents(stats)))


def statistics_as_dict(stats: Statistics) -> dict[str, Any]:
    """Everything, derived figures included, in JSON-ready form (dates as ISO text)."""
    return {
        "period": {
            "kind": stats.period.kind,
            "start": stats.period.start.isoformat(),
            "end": stats.period.end.isoformat(),
            "label": stats.period.label,
        },
        "generated_at": stats.generated_at.isoformat(timespec="seconds"),
        "body_id": stats.body_id,
        "library_available": stats.library_available,
        "notes": list(stats.notes),
        "bodies": [_body(b) for b in stats.bodies],
        "total": _body(stats.total),
        "members": [
            {
                "judge_id": m.judge_id,
                "name": m.name,
                "bodies": list(m.bodies),
                "expected": m.expected,
                "present": m.present,
                "on_leave": m.on_leave,
                "absent": m.absent,
                "attendance_rate": m.attendance_rate,
                "recused_items": m.recused_items,
                "opinions_given": m.opinions_given,
            }
            for m in stats.members
        ],
    }


def _body(b: BodyStats) -> dict[str, Any]:
    a = b.adoption
    return {
        "body_id": b.body_id,
        "body_name": b.body_name,
        "meetings_held": b.meetings_held,
        "meetings_adjourned": b.meetings_adjourned,
        "meetings_cancelled": b.meetings_cancelled,
        "meetings_upcoming": b.meetings_upcoming,
        "items_discussed": b.items_discussed,
        "items_deferred": b.items_deferred,
        "late_items": b.late_items,
        "avg_days_to_discussion": b.avg_days_to_discussion,
        "with_majority": b.with_majority,
        "without_majority": b.without_majority,
        "adoption": {
            "adopted": a.adopted,
            "partly": a.partly,
            "not_adopted": a.not_adopted,
            "pending": a.pending,
            "reconsidered": a.reconsidered,
            "rate": a.rate,
            "rate_with_partial": a.rate_with_partial,
        },
        "referrals": {
            "referred": b.referrals.referred,
            "decided": b.referrals.decided,
            "pending": b.referrals.pending,
            "cases": [
                {
                    "agenda_item_id": r.agenda_item_id,
                    "body_name": r.body_name,
                    "case_number": r.case_number,
                    "cause": r.cause,
                    "meeting_day": r.meeting_day.isoformat(),
                    "referred_on": r.referred_on.isoformat() if r.referred_on else None,
                    "committee_on": r.committee_on.isoformat() if r.committee_on else None,
                    "committee_result": r.committee_result,
                }
                for r in b.referrals.rows
            ],
        },
        "reference_cases": b.reference_cases,
    }
