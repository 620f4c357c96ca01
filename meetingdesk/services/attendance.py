"""Attendance (出席/请假/缺席), per-item 回避, 列席 guests, and the live quorum checks.

The 应到 list of a meeting is its attendance rows: the body's members when it was scheduled (kept
in step with the body until the meeting starts). 列席 guests never count.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.domain import quorum
from meetingdesk.domain.choices import ATTENDANCE, INVITEE_KINDS, ITEM_ABSENCE
from meetingdesk.domain.quorum import QuorumCheck
from meetingdesk.errors import StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean, from_row
from meetingdesk.services.roster import get_body


@dataclass(frozen=True)
class Attendee:
    judge_id: int
    name: str
    grade: str | None
    post: str
    status: str  # present | leave | absent
    reason: str
    is_presider: bool  # presides this meeting

    @property
    def status_label(self) -> str:
        return ATTENDANCE.label(self.status)


@dataclass(frozen=True)
class Invitee:
    id: int
    meeting_id: int
    judge_id: int | None
    name: str
    kind: str
    unit: str
    attended: bool

    @property
    def kind_label(self) -> str:
        return INVITEE_KINDS.label(self.kind)


@dataclass(frozen=True)
class ItemAbsence:
    judge_id: int
    name: str
    kind: str  # recused | left
    reason: str

    @property
    def kind_label(self) -> str:
        return ITEM_ABSENCE.label(self.kind)


def _recordable(desk: Desk, meeting_id: int) -> Meeting:
    m = get_meeting(desk, meeting_id)
    if m.state in ("cancelled", "adjourned"):
        raise StateError(_("会议已{state_label}。").format(state_label=m.state_label))
    if m.locked:
        raise StateError(_("会议记录已定稿，签到和回避情况不能再修改；如需更正，请以更正记录方式办理。"))
    return m


def attendees(desk: Desk, meeting_id: int) -> list[Attendee]:
    m = get_meeting(desk, meeting_id)
    rows = desk.query(
        "SELECT a.*, j.name, j.grade, j.post FROM attendance a JOIN judges j ON j.id = a.judge_id"
        " WHERE a.meeting_id = ? ORDER BY j.name",
        (meeting_id,),
    )
    return [from_row(Attendee, r, is_presider=r["judge_id"] == m.presider_id) for r in rows]


def set_attendance(desk: Desk, actor: Actor, meeting_id: int, judge_id: int, status: str, reason: str = "") -> None:
    require(actor, "meeting.record")
    _recordable(desk, meeting_id)
    if status not in ATTENDANCE:
        raise ValidationError(_("出席情况“{status}”无效。").format(status=status), "status")
    if status == "leave" and not clean(reason):
        raise ValidationError(_("请假须写明原因。"), "reason")
    if not desk.one("SELECT 1 FROM attendance WHERE meeting_id = ? AND judge_id = ?", (meeting_id, judge_id)):
        raise ValidationError(_("该人员不是本次会议的应到成员；非成员请作为列席人员添加。"))
    with desk.write(actor, "attendance.set") as tx:
        tx.update(
            "attendance",
            {"meeting_id": meeting_id, "judge_id": judge_id},
            {"status": status, "reason": clean(reason), "signed_at": tx.now if status == "present" else None},
        )


def item_absences(desk: Desk, item_id: int) -> list[ItemAbsence]:
    rows = desk.query(
        "SELECT x.*, j.name FROM item_absences x JOIN judges j ON j.id = x.judge_id WHERE x.agenda_item_id = ?"
        " ORDER BY j.name",
        (item_id,),
    )
    return [from_row(ItemAbsence, r) for r in rows]


def set_item_absence(desk: Desk, actor: Actor, item_id: int, judge_id: int, kind: str | None, reason: str = "") -> None:
    """Record 回避 (or 中途离席) of a member for one item; ``kind=None`` clears it."""
    require(actor, "meeting.record")
    item = desk.get("agenda_items", item_id, what=_("议题"))
    _recordable(desk, item["meeting_id"])
    if kind is not None and kind not in ITEM_ABSENCE:
        raise ValidationError(_("“{kind}”无效。").format(kind=kind), "kind")
    if kind == "recused" and not clean(reason):
        raise ValidationError(_("回避须写明事由。"), "reason")
    if not desk.one("SELECT 1 FROM attendance WHERE meeting_id = ? AND judge_id = ?", (item["meeting_id"], judge_id)):
        raise ValidationError(_("该人员不是本次会议的成员。"))
    with desk.write(actor, "item_absence.set") as tx:
        tx.delete("item_absences", {"agenda_item_id": item_id, "judge_id": judge_id})
        if kind is not None:
            tx.insert(
                "item_absences",
                {"agenda_item_id": item_id, "judge_id": judge_id, "kind": kind, "reason": clean(reason)},
            )


def invitees(desk: Desk, meeting_id: int) -> list[Invitee]:
    rows = desk.query("SELECT * FROM meeting_invitees WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    return [from_row(Invitee, r) for r in rows]


def add_invitee(
    desk: Desk,
    actor: Actor,
    meeting_id: int,
    name: str,
    kind: str,
    unit: str = "",
    judge_id: int | None = None,
) -> Invitee:
    """Invite a 列席 attendee (speaks, never counts toward quorum)."""
    require(actor, "meeting.edit")
    _recordable(desk, meeting_id)
    if judge_id is not None:
        judge = desk.get("judges", judge_id, what=_("人员"))
        name = name or judge["name"]
        if desk.one("SELECT 1 FROM attendance WHERE meeting_id = ? AND judge_id = ?", (meeting_id, judge_id)):
            raise ValidationError(_("{name}是本会议组成员，不能同时作为列席人员。").format(name=judge["name"]))
    if not clean(name):
        raise ValidationError(_("请填写列席人员姓名。"), "name")
    if kind not in INVITEE_KINDS:
        raise ValidationError(_("列席人员类别“{kind}”无效。").format(kind=kind), "kind")
    with desk.write(actor, "invitee.add") as tx:
        iid = tx.insert(
            "meeting_invitees",
            {
                "meeting_id": meeting_id,
                "judge_id": judge_id,
                "name": clean(name),
                "kind": kind,
                "unit": clean(unit),
            },
        )
    return from_row(Invitee, desk.get("meeting_invitees", iid))


def remove_invitee(desk: Desk, actor: Actor, invitee_id: int) -> None:
    require(actor, "meeting.edit")
    row = desk.get("meeting_invitees", invitee_id, what=_("列席人员"))
    _recordable(desk, row["meeting_id"])
    if desk.one("SELECT 1 FROM opinions WHERE invitee_id = ?", (invitee_id,)):
        raise StateError(_("该列席人员已有发言记录，不能删除；可改为“未到会”。"))
    with desk.write(actor, "invitee.remove") as tx:
        tx.delete("meeting_invitees", {"id": invitee_id})


def set_invitee_attended(desk: Desk, actor: Actor, invitee_id: int, attended: bool) -> None:
    require(actor, "meeting.record")
    row = desk.get("meeting_invitees", invitee_id, what=_("列席人员"))
    _recordable(desk, row["meeting_id"])
    with desk.write(actor, "invitee.attended") as tx:
        tx.update("meeting_invitees", {"id": invitee_id}, {"attended": int(attended)})


# ---- quorum


def _rule(desk: Desk, meeting: Meeting) -> tuple[int, int, int]:
    body = get_body(desk, meeting.body_id)
    return body.quorum_numerator, body.quorum_denominator, body.quorum_minimum


def meeting_quorum(desk: Desk, meeting_id: int) -> QuorumCheck:
    """Quorum for the meeting as a whole: members present."""
    from fractions import Fraction

    m = get_meeting(desk, meeting_id)
    num, den, minimum = _rule(desk, m)
    rows = desk.query("SELECT judge_id, status FROM attendance WHERE meeting_id = ?", (meeting_id,))
    return quorum.check_quorum(
        [r["judge_id"] for r in rows],
        [r["judge_id"] for r in rows if r["status"] == "present"],
        (),
        Fraction(num, den),
        minimum,
    )


def item_quorum(desk: Desk, item_id: int) -> QuorumCheck:
    """Quorum for one item: members present, not counting those recused from (or gone during) it."""
    from fractions import Fraction

    item = desk.get("agenda_items", item_id, what=_("议题"))
    m = get_meeting(desk, item["meeting_id"])
    num, den, minimum = _rule(desk, m)
    rows = desk.query("SELECT judge_id, status FROM attendance WHERE meeting_id = ?", (m.id,))
    absences = desk.query("SELECT judge_id, kind FROM item_absences WHERE agenda_item_id = ?", (item_id,))
    left = {r["judge_id"] for r in absences if r["kind"] == "left"}
    recused = [r["judge_id"] for r in absences if r["kind"] == "recused"]
    return quorum.check_quorum(
        [r["judge_id"] for r in rows],
        [r["judge_id"] for r in rows if r["status"] == "present" and r["judge_id"] not in left],
        recused,
        Fraction(num, den),
        minimum,
    )
