"""Reads the intake form needs: live completeness of unsaved input, and where a report can be scheduled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import is_late
from meetingdesk.services.attachments import Attachment
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import Meeting, list_meetings, meeting_deadline, quorum_possible_for
from meetingdesk.services.permissions import require
from meetingdesk.services.reports import Completeness, Report, ReportInput, completeness, get_report


def input_completeness(data: ReportInput, attachments: Sequence[Attachment] = ()) -> Completeness:
    """What :func:`~meetingdesk.services.reports.submit_report` would still ask for, for unsaved input.

    Uses the very rule the service applies on submission, so the form's hint and the service agree.
    """
    epoch = datetime(2000, 1, 1)
    probe = Report(
        id=0,
        case_number=data.case_number,
        case_number_legacy=data.legacy_case_number,
        case_year=None,
        cause=data.cause.strip(),
        parties=data.parties.strip(),
        procedure=data.procedure,
        body_id=data.body_id,
        reporting_judge_id=data.reporting_judge_id,
        initiator=data.initiator,
        question_type=data.question_type,
        facts=data.facts.strip(),
        issues=data.issues.strip(),
        questions=data.questions.strip(),
        panel_majority_view=data.panel_majority_view.strip(),
        panel_minority_view=data.panel_minority_view.strip(),
        search_report_waiver=data.search_report_waiver.strip(),
        state="draft",
        state_reason="",
        convene_decision=None,
        convene_reason="",
        convene_at=None,
        submitted_at=None,
        accepted_at=None,
        created_at=epoch,
        updated_at=epoch,
        reasons=data.reasons,
        panel=data.panel,
        options=data.options,
        attachments=tuple(attachments),
    )
    return completeness(probe)


@dataclass(frozen=True)
class ScheduleTarget:
    """A meeting an accepted report could be put on, and what that would mean."""

    meeting: Meeting
    deadline: date  # materials due by this day
    late: bool  # the report's materials arrived after it: the item will be flagged
    quorum_problem: str | None  # the body can never reach quorum


def schedule_targets(desk: Desk, actor: Actor, report_id: int) -> list[ScheduleTarget]:
    """Meetings of the report's body still being prepared (筹备中/已通知), from today on, earliest first."""
    require(actor, "read")
    report = get_report(desk, report_id)
    today = desk.now().date()
    problem = quorum_possible_for(desk, report.body_id)
    submitted = report.submitted_at.isoformat(timespec="seconds") if report.submitted_at else None
    out = []
    for m in list_meetings(desk, actor, start=today, body_id=report.body_id, states=("planned", "notified")):
        out.append(
            ScheduleTarget(
                meeting=m,
                deadline=meeting_deadline(desk, m).due,
                late=is_late(desk, m, submitted),
                quorum_problem=problem,
            )
        )
    return out


def case_number_taken(desk: Desk, case_number: str, exclude_report_id: int | None = None) -> int | None:
    """The id of another report already registered under this (normalised) 案号, if any."""
    row = desk.one("SELECT id FROM reports WHERE case_number = ? AND id IS NOT ?", (case_number, exclude_report_id))
    return int(row["id"]) if row else None
