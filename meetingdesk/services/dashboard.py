"""The secretary's 工作台: what needs attention today, gathered from the other services.

Five lists: upcoming meetings (with their quorum outlook and missing materials), reports waiting
for acceptance, late materials on open agendas, meetings whose minutes are not final, and 复议
results that are overdue. Each entry carries the id the screen opens (a report or a meeting).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from meetingdesk.domain.choices import MEETING_STATES, MINUTES_STATES
from meetingdesk.domain.workdays import format_date
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import agenda
from meetingdesk.services.attendance import meeting_quorum
from meetingdesk.services.desk import Desk
from meetingdesk.services.followups import overdue_followups
from meetingdesk.services.meetings import list_meetings, meeting_deadline, quorum_possible_for
from meetingdesk.services.permissions import require
from meetingdesk.services.reports import ReportFilter, completeness, get_report, list_reports

UPCOMING_DAYS = 30
"""How far ahead the dashboard looks for meetings."""


@dataclass(frozen=True)
class UpcomingMeeting:
    meeting_id: int
    title: str
    body_name: str
    starts_at: datetime
    room_name: str
    state: str
    item_count: int
    member_count: int  # 应到
    expected: int  # members not on leave or absent so far
    required: int  # 法定人数
    quorum_problem: str | None  # the body can never reach quorum, in words
    deadline: date  # materials due by
    agenda_approved: bool
    missing: tuple[str, ...] = ()  # missing or late materials, one line per item

    @property
    def state_label(self) -> str:
        return MEETING_STATES.label(self.state)

    @property
    def quorum_ok(self) -> bool:
        return self.quorum_problem is None and self.expected >= self.required

    @property
    def quorum_text(self) -> str:
        """E.g. "应到8人，预计出席7人，法定5人：可以达到"."""
        if self.quorum_problem:
            return _("组成人员{n}人，法定{req}人：无法达到法定人数").format(n=self.member_count, req=self.required)
        base = _("应到{n}人，预计出席{e}人，法定{req}人").format(
            n=self.member_count, e=self.expected, req=self.required
        )
        if self.expected >= self.required:
            return base + _("：可以达到")
        return base + _("：还差{k}人").format(k=self.required - self.expected)

    @property
    def materials_text(self) -> str:
        return _("；").join(self.missing) if self.missing else _("材料齐全")


@dataclass(frozen=True)
class PendingReport:
    report_id: int
    case_number: str
    cause: str
    body_name: str
    reporting_judge: str
    submitted_at: datetime | None
    waiting_days: int


@dataclass(frozen=True)
class LateItem:
    report_id: int
    meeting_id: int
    case_number: str
    cause: str
    meeting_title: str
    meeting_starts_at: datetime
    deadline: date
    submitted_at: datetime | None
    admitted: bool

    @property
    def status_text(self) -> str:
        return _("主持人已准予上会") if self.admitted else _("待主持人决定是否准予上会")


@dataclass(frozen=True)
class OpenMinutes:
    meeting_id: int
    title: str
    starts_at: datetime
    minutes_state: str
    days_since: int

    @property
    def minutes_state_label(self) -> str:
        return MINUTES_STATES.label(self.minutes_state)


@dataclass(frozen=True)
class OverdueFollowup:
    report_id: int
    agenda_item_id: int
    meeting_id: int
    case_number: str
    cause: str
    meeting_starts_at: datetime
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class Dashboard:
    today: date
    upcoming: list[UpcomingMeeting] = field(default_factory=list)
    pending: list[PendingReport] = field(default_factory=list)
    late: list[LateItem] = field(default_factory=list)
    open_minutes: list[OpenMinutes] = field(default_factory=list)
    overdue: list[OverdueFollowup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.pending) + len(self.late) + len(self.open_minutes) + len(self.overdue)


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def upcoming_meetings(desk: Desk, actor: Actor, *, days: int = UPCOMING_DAYS) -> list[UpcomingMeeting]:
    """Meetings being prepared or in progress from today to ``days`` ahead, earliest first."""
    today = desk.now().date()
    meetings = list_meetings(
        desk, actor, start=today, end=today + timedelta(days=days), states=("planned", "notified", "in_progress")
    )
    out = []
    for m in meetings:
        q = meeting_quorum(desk, m.id)
        deadline = meeting_deadline(desk, m).due
        missing: list[str] = []
        for item in agenda(desk, m.id):
            report = get_report(desk, item.report_id)
            lacks = completeness(report).missing
            if lacks:
                missing.append(_("{case}缺{what}").format(case=item.case_number, what=_("、").join(lacks)))
            if item.late and not item.late_admitted:
                missing.append(
                    _("{case}材料逾期（应于{due}前送达）").format(case=item.case_number, due=format_date(deadline))
                )
        out.append(
            UpcomingMeeting(
                meeting_id=m.id,
                title=m.display_title,
                body_name=m.body_name,
                starts_at=m.starts_at,
                room_name=m.room_name,
                state=m.state,
                item_count=m.item_count,
                member_count=q.member_count,
                expected=q.present,
                required=q.required,
                quorum_problem=quorum_possible_for(desk, m.body_id),
                deadline=deadline,
                agenda_approved=m.agenda_approved_at is not None,
                missing=tuple(missing),
            )
        )
    return out


def pending_reports(desk: Desk, actor: Actor) -> list[PendingReport]:
    """Submitted reports waiting for the secretary to accept or return them, oldest first."""
    today = desk.now().date()
    rows = list_reports(desk, actor, ReportFilter(states=("submitted",)))
    out = []
    for r in rows:
        submitted = _dt(r.submitted_at)
        out.append(
            PendingReport(
                report_id=r.id,
                case_number=r.case_number,
                cause=r.cause,
                body_name=r.body_name,
                reporting_judge=r.reporting_judge,
                submitted_at=submitted,
                waiting_days=(today - submitted.date()).days if submitted else 0,
            )
        )
    return sorted(out, key=lambda p: (p.submitted_at or datetime.max, p.report_id))


def late_items(desk: Desk, actor: Actor) -> list[LateItem]:
    """Items whose materials came after the deadline, on agendas not yet held."""
    meetings = list_meetings(desk, actor, states=("planned", "notified", "in_progress"))
    out = []
    for m in meetings:
        deadline = meeting_deadline(desk, m).due
        for item in agenda(desk, m.id):
            if not item.late:
                continue
            report = get_report(desk, item.report_id)
            out.append(
                LateItem(
                    report_id=item.report_id,
                    meeting_id=m.id,
                    case_number=item.case_number,
                    cause=item.cause,
                    meeting_title=m.display_title,
                    meeting_starts_at=m.starts_at,
                    deadline=deadline,
                    submitted_at=report.submitted_at,
                    admitted=item.late_admitted,
                )
            )
    return out


def open_minutes(desk: Desk, actor: Actor) -> list[OpenMinutes]:
    """Meetings held whose minutes are still a draft or circulating, oldest first."""
    today = desk.now().date()
    return [
        OpenMinutes(
            meeting_id=m.id,
            title=m.display_title,
            starts_at=m.starts_at,
            minutes_state=m.minutes_state,
            days_since=(today - m.starts_at.date()).days,
        )
        for m in list_meetings(desk, actor, states=("held",))
        if m.minutes_state != "final"
    ]


def overdue(desk: Desk, actor: Actor) -> list[OverdueFollowup]:
    """复议 results expected and not yet recorded, most overdue first."""
    today = desk.now().date()
    out = []
    for f in overdue_followups(desk, actor):
        assert f.due_on is not None  # overdue implies a due date
        out.append(
            OverdueFollowup(
                report_id=f.report_id,
                agenda_item_id=f.agenda_item_id,
                meeting_id=f.meeting_id,
                case_number=f.case_number,
                cause=f.cause,
                meeting_starts_at=datetime.fromisoformat(f.meeting_starts_at),
                due_on=f.due_on,
                days_overdue=(today - f.due_on).days,
            )
        )
    return sorted(out, key=lambda f: (-f.days_overdue, f.agenda_item_id))


def build_dashboard(desk: Desk, actor: Actor, *, days: int = UPCOMING_DAYS) -> Dashboard:
    """Everything the 工作台 shows, in one call."""
    require(actor, "read")
    return Dashboard(
        today=desk.now().date(),
        upcoming=upcoming_meetings(desk, actor, days=days),
        pending=pending_reports(desk, actor),
        late=late_items(desk, actor),
        open_minutes=open_minutes(desk, actor),
        overdue=overdue(desk, actor),
    )
