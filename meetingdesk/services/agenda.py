"""The agenda: accepted reports put on a meeting, in order, with durations and expected times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from meetingdesk.errors import PermissionDeniedError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Tx
from meetingdesk.services.meetings import Meeting, get_meeting, meeting_deadline, require_presides
from meetingdesk.services.permissions import allowed, require
from meetingdesk.services.records import from_row


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int
    report_id: int
    position: int
    duration_minutes: int
    late: bool
    late_admitted: bool
    status: str  # pending | discussing | discussed | deferred
    presentation: str
    questions_answers: str
    presider_summary: str
    conclusion: str
    speaking_order_reason: str
    case_number: str = ""
    cause: str = ""
    reporting_judge: str = ""
    reporting_judge_id: int = 0
    starts_at: datetime | None = None  # expected, from the meeting start and the durations before it
    ends_at: datetime | None = None

    @property
    def title(self) -> str:
        return f"{self.case_number} {self.cause}".strip()


def is_late(desk: Desk, meeting: Meeting, submitted_at: str | None) -> bool:
    """Materials arrived after the deadline (N working days before the meeting)."""
    if not submitted_at:
        return False
    due = meeting_deadline(desk, meeting).due
    return date.fromisoformat(submitted_at[:10]) > due


def agenda(desk: Desk, meeting_id: int) -> list[AgendaItem]:
    """Items in order, with expected start and end times."""
    meeting = get_meeting(desk, meeting_id)
    rows = desk.query(
        "SELECT a.*, r.case_number, r.cause, j.name AS reporting_judge, r.reporting_judge_id,"
        " (a.late_admitted_by IS NOT NULL) AS late_admitted"
        " FROM agenda_items a JOIN reports r ON r.id = a.report_id JOIN judges j ON j.id = r.reporting_judge_id"
        " WHERE a.meeting_id = ? ORDER BY a.position, a.id",
        (meeting_id,),
    )
    items = []
    clock = meeting.starts_at
    for r in rows:
        end = clock + timedelta(minutes=r["duration_minutes"])
        items.append(from_row(AgendaItem, r, late_admitted=bool(r["late_admitted"]), starts_at=clock, ends_at=end))
        clock = end
    return items


def expected_end(desk: Desk, meeting_id: int) -> datetime:
    items = agenda(desk, meeting_id)
    return items[-1].ends_at if items and items[-1].ends_at else get_meeting(desk, meeting_id).starts_at


def get_item(desk: Desk, item_id: int) -> AgendaItem:
    row = desk.get("agenda_items", item_id, what=_("议题"))
    for item in agenda(desk, row["meeting_id"]):
        if item.id == item_id:
            return item
    raise AssertionError("item vanished")  # pragma: no cover


def _editable_meeting(desk: Desk, meeting_id: int) -> Meeting:
    m = get_meeting(desk, meeting_id)
    if m.state not in ("planned", "notified"):
        raise StateError(_("会议已{state_label}，议程不能再调整。").format(state_label=m.state_label))
    return m


def _withdraw_approval(tx: Tx, meeting: Meeting) -> None:
    """An approved agenda that changes (items added, removed or reordered) needs approving again."""
    if meeting.agenda_approved_at is not None:
        tx.update("meetings", {"id": meeting.id}, {"agenda_approved_at": None, "agenda_approved_by": None})


def _renumber(tx: Tx, order: list[int]) -> None:
    for pos, item_id in enumerate(order, start=1):
        tx.update("agenda_items", {"id": item_id}, {"position": pos})


def add_item(desk: Desk, actor: Actor, meeting_id: int, report_id: int, duration_minutes: int = 30) -> AgendaItem:
    """排入会议: put an accepted report on the agenda (late materials are flagged)."""
    require(actor, "meeting.edit")
    meeting = _editable_meeting(desk, meeting_id)
    report = desk.get("reports", report_id, what=_("案件报告"))
    if report["state"] not in ("accepted", "discussed"):
        raise StateError(_("只有“已受理”（或已讨论需再次讨论）的案件报告才能排入会议。"))
    if report["convene_decision"] == "decline":
        raise StateError(_("主持人已决定不召集讨论该案件。"))
    if report["body_id"] != meeting.body_id:
        raise ValidationError(_("该案件报告提交的是其他专业法官会议，不能排入本次会议。"))
    if not 5 <= duration_minutes <= 480:
        raise ValidationError(_("议题时长应在5到480分钟之间。"), "duration_minutes")
    if desk.one("SELECT 1 FROM agenda_items WHERE meeting_id = ? AND report_id = ?", (meeting_id, report_id)):
        raise StateError(_("该案件已在本次会议议程中。"))
    position = int(
        desk.scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?", (meeting_id,))
    )
    with desk.write(actor, "agenda.add") as tx:
        item_id = tx.insert(
            "agenda_items",
            {
                "meeting_id": meeting_id,
                "report_id": report_id,
                "position": position,
                "duration_minutes": duration_minutes,
                "late": int(is_late(desk, meeting, report["submitted_at"])),
            },
        )
        tx.update("reports", {"id": report_id}, {"state": "scheduled", "updated_at": tx.now})
        _withdraw_approval(tx, meeting)
    return get_item(desk, item_id)


def remove_item(desk: Desk, actor: Actor, item_id: int) -> None:
    require(actor, "meeting.edit")
    row = desk.get("agenda_items", item_id, what=_("议题"))
    meeting = _editable_meeting(desk, row["meeting_id"])
    with desk.write(actor, "agenda.remove") as tx:
        tx.delete("agenda_items", {"id": item_id})
        _withdraw_approval(tx, meeting)
        tx.update(
            "reports",
            {"id": row["report_id"], "state": "scheduled"},
            {"state": "accepted", "updated_at": tx.now},
        )
        rest = [
            r["id"]
            for r in desk.query(
                "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (row["meeting_id"],)
            )
        ]
        _renumber(tx, rest)


def remove_report_from_meetings(desk: Desk, actor: Actor, report_id: int) -> None:
    """Used when a scheduled report is withdrawn."""
    for row in desk.query(
        "SELECT a.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE a.report_id = ? AND m.state IN ('planned', 'notified')",
        (report_id,),
    ):
        remove_item(desk, actor, row["id"])


def reorder(desk: Desk, actor: Actor, meeting_id: int, item_ids: list[int]) -> list[AgendaItem]:
    """Set the order of the whole agenda (drag and drop): the secretary, or the presider reviewing it."""
    if not allowed(actor, "agenda.approve"):
        require(actor, "meeting.edit")
    meeting = _editable_meeting(desk, meeting_id)
    current = [
        r["id"]
        for r in desk.query("SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))
    ]
    if set(item_ids) != set(current) or len(item_ids) != len(current):
        raise ValidationError(_("议程已被他人修改，请刷新后重试。"))
    with desk.write(actor, "agenda.reorder") as tx:
        _renumber(tx, item_ids)
        if item_ids != current:
            _withdraw_approval(tx, meeting)
    return agenda(desk, meeting_id)


def set_duration(desk: Desk, actor: Actor, item_id: int, minutes: int) -> AgendaItem:
    require(actor, "meeting.edit")
    row = desk.get("agenda_items", item_id, what=_("议题"))
    _editable_meeting(desk, row["meeting_id"])
    if not 5 <= minutes <= 480:
        raise ValidationError(_("议题时长应在5到480分钟之间。"), "duration_minutes")
    with desk.write(actor, "agenda.duration") as tx:
        tx.update("agenda_items", {"id": item_id}, {"duration_minutes": minutes})
    return get_item(desk, item_id)


def admit_late_item(desk: Desk, actor: Actor, item_id: int, *, on_behalf: bool = False) -> AgendaItem:
    """The presider admits an item whose materials came late (recorded)."""
    require(actor, "agenda.approve")
    if actor.role == "secretary" and not on_behalf:
        raise PermissionDeniedError(_("逾期议题是否上会由主持人决定；会议秘书代为登记时请选择“代主持人登记”。"))
    row = desk.get("agenda_items", item_id, what=_("议题"))
    require_presides(desk, actor, row["meeting_id"])
    _editable_meeting(desk, row["meeting_id"])
    on_behalf = on_behalf and actor.role == "secretary"
    if not row["late"]:
        raise StateError(_("该议题的材料没有逾期。"))
    with desk.write(actor, "agenda.admit_late" + (".on_behalf" if on_behalf else "")) as tx:
        tx.update("agenda_items", {"id": item_id}, {"late_admitted_by": actor.user_id})
    return get_item(desk, item_id)


def approve_agenda(desk: Desk, actor: Actor, meeting_id: int, *, on_behalf: bool = False) -> Meeting:
    """The presider approves the agenda; late items must have been admitted first."""
    require(actor, "agenda.approve")
    if actor.role == "secretary" and not on_behalf:
        raise PermissionDeniedError(_("议程由主持人审定；会议秘书代为登记时请选择“代主持人登记”。"))
    require_presides(desk, actor, meeting_id)
    on_behalf = on_behalf and actor.role == "secretary"
    m = _editable_meeting(desk, meeting_id)
    items = agenda(desk, m.id)
    if not items:
        raise StateError(_("议程为空，无需审定。"))
    pending = [i.case_number for i in items if i.late and not i.late_admitted]
    if pending:
        raise StateError(_("以下议题材料逾期，需主持人先决定是否准予上会：") + _("、").join(pending))
    with desk.write(actor, "agenda.approve" + (".on_behalf" if on_behalf else "")) as tx:
        tx.update(
            "meetings",
            {"id": meeting_id},
            {"agenda_approved_by": actor.user_id, "agenda_approved_at": tx.now, "updated_at": tx.now},
        )
    return get_meeting(desk, meeting_id)
