"""Meetings: scheduling with conflict and deadline checks, and the meeting's life.

筹备中 → 已通知 → 进行中 → 已召开, or 流会 (adjourned, no quorum) / 已取消. When a meeting ends, its
discussed items' reports become 已讨论 and a follow-up is opened for each; undiscussed items go back
to 已受理 so they can be scheduled again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from meetingdesk.domain import quorum
from meetingdesk.domain.choices import MEETING_STATES, MINUTES_STATES
from meetingdesk.domain.workdays import Deadline, WorkCalendar, add_working_days, materials_deadline
from meetingdesk.errors import ConflictError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Tx
from meetingdesk.services.permissions import allowed, require
from meetingdesk.services.records import clean, from_row
from meetingdesk.services.roster import body_overview, get_body
from meetingdesk.services.settings import get_setting

ACTIVE_STATES = ("planned", "notified", "in_progress", "held")
"""States that occupy rooms and people (cancelled and adjourned meetings do not)."""

# ---- data


@dataclass(frozen=True)
class MeetingInput:
    body_id: int
    starts_at: datetime
    planned_minutes: int = 120
    room_id: int | None = None
    presider_id: int | None = None
    recorder: str = ""
    contact: str = ""
    title: str = ""


@dataclass(frozen=True)
class Conflict:
    kind: str  # room | presider | member | holiday | past | deadline | quorum | presider_role
    severity: str  # error (blocks saving) | warning (shown, may proceed)
    message: str

    @property
    def blocking(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Meeting:
    id: int
    body_id: int
    title: str
    starts_at: datetime
    planned_minutes: int
    room_id: int | None
    presider_id: int | None
    recorder: str
    contact: str
    state: str
    state_reason: str
    minutes_state: str
    agenda_approved_at: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    minutes_finalised_at: datetime | None
    summary_year: int | None
    summary_seq: int | None
    created_at: datetime
    updated_at: datetime
    body_name: str = ""
    room_name: str = ""
    presider_name: str = ""
    item_count: int = 0

    @property
    def state_label(self) -> str:
        return MEETING_STATES.label(self.state)

    @property
    def minutes_state_label(self) -> str:
        return MINUTES_STATES.label(self.minutes_state)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.planned_minutes)

    @property
    def display_title(self) -> str:
        return self.title or _("{body_name}（{year}年{month}月{day}日）").format(
            body_name=self.body_name, year=self.starts_at.year, month=self.starts_at.month, day=self.starts_at.day
        )

    @property
    def summary_number(self) -> str | None:
        """纪要 number such as 〔2026〕第3期, once assigned."""
        if self.summary_year is None or self.summary_seq is None:
            return None
        return f"〔{self.summary_year}〕第{self.summary_seq}期"

    @property
    def locked(self) -> bool:
        return self.minutes_state == "final"


@dataclass(frozen=True)
class SavedMeeting:
    meeting: Meeting
    warnings: list[Conflict] = field(default_factory=list)


# ---- calendar


def work_calendar(desk: Desk) -> WorkCalendar:
    rows = desk.query("SELECT day, is_workday FROM calendar_overrides")
    return WorkCalendar({date.fromisoformat(r["day"]): bool(r["is_workday"]) for r in rows})


def set_calendar_override(desk: Desk, actor: Actor, day: date, is_workday: bool | None, note: str = "") -> None:
    """Record a date the official data does not cover (or a local change); None removes it."""
    require(actor, "settings.edit")
    with desk.write(actor, "calendar.override") as tx:
        tx.delete("calendar_overrides", {"day": day.isoformat()})
        if is_workday is not None:
            tx.insert(
                "calendar_overrides",
                {"day": day.isoformat(), "is_workday": int(is_workday), "note": clean(note)},
            )


def meeting_deadline(desk: Desk, meeting: Meeting) -> Deadline:
    body = get_body(desk, meeting.body_id)
    return materials_deadline(meeting.starts_at.date(), body.deadline_working_days, work_calendar(desk))


# ---- reads


_MEETING_SQL = """
SELECT m.*, b.name AS body_name, COALESCE(r.name, '') AS room_name, COALESCE(j.name, '') AS presider_name,
       (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS item_count
FROM meetings m JOIN bodies b ON b.id = m.body_id
LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN judges j ON j.id = m.presider_id
"""


def get_meeting(desk: Desk, meeting_id: int) -> Meeting:
    desk.get("meetings", meeting_id, what=_("会议"))
    row = desk.one(_MEETING_SQL + " WHERE m.id = ?", (meeting_id,))
    assert row is not None
    return from_row(Meeting, row)


def list_meetings(
    desk: Desk,
    actor: Actor,
    *,
    start: date | None = None,
    end: date | None = None,
    body_id: int | None = None,
    states: tuple[str, ...] = (),
) -> list[Meeting]:
    """Meetings in [start, end] the actor may see, earliest first."""
    require(actor, "read")
    where: list[str] = []
    params: list[Any] = []
    if start:
        where.append("m.starts_at >= ?")
        params.append(start.isoformat())
    if end:
        where.append("m.starts_at < date(?, '+1 day')")
        params.append(end.isoformat())
    if body_id is not None:
        where.append("m.body_id = ?")
        params.append(body_id)
    if states:
        where.append(f"m.state IN ({', '.join('?' for _ in states)})")
        params.extend(states)
    if not allowed(actor, "read.all") and get_setting(desk, "privacy.members_see_own_meetings_only"):
        # "= ?" and not "IS ?": an account without a linked judge must not match guests without one
        where.append(
            "(m.id IN (SELECT meeting_id FROM attendance WHERE judge_id = ?)"
            " OR m.id IN (SELECT meeting_id FROM meeting_invitees WHERE judge_id = ?))"
        )
        params.extend([actor.judge_id, actor.judge_id])
    sql = _MEETING_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.starts_at, m.id"
    return [from_row(Meeting, r) for r in desk.query(sql, tuple(params))]


def can_see_meeting(desk: Desk, actor: Actor, meeting_id: int) -> bool:
    if allowed(actor, "read.all") or not get_setting(desk, "privacy.members_see_own_meetings_only"):
        return allowed(actor, "read")
    if actor.judge_id is None or not allowed(actor, "read"):
        return False
    return bool(
        desk.one(
            "SELECT 1 FROM attendance WHERE meeting_id = ? AND judge_id = ?"
            " UNION SELECT 1 FROM meeting_invitees WHERE meeting_id = ? AND judge_id = ?",
            (meeting_id, actor.judge_id, meeting_id, actor.judge_id),
        )
    )


def require_can_see(desk: Desk, actor: Actor, meeting_id: int) -> None:
    from meetingdesk.errors import PermissionDeniedError

    if not can_see_meeting(desk, actor, meeting_id):
        raise PermissionDeniedError(_("您不是该次会议的参会人员，无权查阅其材料和记录。"))


def require_presides(desk: Desk, actor: Actor, meeting_id: int) -> None:
    """A presider's decisions on a meeting belong to *its* presider (a secretary records them on their behalf).

    While the meeting has no presider assigned yet, any presider of its body may decide.
    """
    from meetingdesk.errors import PermissionDeniedError

    if actor.role != "presider":
        return
    row = desk.get("meetings", meeting_id, what=_("会议"))
    if row["presider_id"] is None:
        presides = actor.judge_id is not None and desk.one(
            "SELECT 1 FROM body_members WHERE body_id = ? AND judge_id = ? AND is_presider = 1",
            (row["body_id"], actor.judge_id),
        )
    else:
        presides = actor.judge_id is not None and actor.judge_id == row["presider_id"]
    if not presides:
        raise PermissionDeniedError(
            _("您不是本次会议的主持人；此事项由本次会议的主持人决定，或由会议秘书代主持人登记。")
        )


# ---- scheduling checks


def _overlapping(desk: Desk, start: datetime, minutes: int, exclude: int | None) -> list[dict[str, Any]]:
    end = start + timedelta(minutes=minutes)
    return desk.query(
        _MEETING_SQL + " WHERE m.id IS NOT ? AND m.state IN ('planned','notified','in_progress','held')"
        " AND julianday(m.starts_at) < julianday(?)"
        " AND julianday(m.starts_at) + m.planned_minutes / 1440.0 > julianday(?)",
        (exclude, end.isoformat(timespec="minutes"), start.isoformat(timespec="minutes")),
    )


def check_schedule(desk: Desk, data: MeetingInput, meeting_id: int | None = None) -> list[Conflict]:
    """Everything wrong or worth knowing about a proposed time, place and presider."""
    found: list[Conflict] = []
    overview = body_overview(desk, data.body_id)
    body = overview.body
    cal = work_calendar(desk)
    day = data.starts_at.date()

    if data.starts_at < desk.now():
        found.append(Conflict("past", "warning", _("会议时间早于当前时间。")))
    if not cal.is_workday(day):
        name = cal.holiday_name(day)
        found.append(
            Conflict(
                "holiday",
                "warning",
                _("{month}月{day}日是{holiday}，不是工作日。").format(
                    month=day.month, day=day.day, holiday=_(name) if name else _("休息日")
                ),
            )
        )
    if not cal.covered(day):
        found.append(
            Conflict(
                "holiday",
                "warning",
                _("{year}年的法定节假日安排尚未收录，工作日按周一至周五估算，请核对。").format(year=day.year),
            )
        )
    problem = overview.quorum_problem
    if problem:
        found.append(Conflict("quorum", "warning", problem))

    deadline = materials_deadline(day, body.deadline_working_days, cal)
    if deadline.due < desk.now().date() and (meeting_id is None or _has_pending(desk, meeting_id)):
        found.append(
            Conflict(
                "deadline",
                "warning",
                _(
                    "材料送达截止日（{month}月{day}日，会前{working_days}个工作日）已过，此后提交的材料将标记为逾期。"
                ).format(month=deadline.due.month, day=deadline.due.day, working_days=deadline.working_days),
            )
        )

    member_ids = {m.judge.id for m in overview.members}
    if data.presider_id is not None:
        presiders = {m.judge.id for m in overview.members if m.is_presider}
        if data.presider_id not in member_ids:
            found.append(Conflict("presider_role", "warning", _("所选主持人不是本会议组成员。")))
        elif presiders and data.presider_id not in presiders:
            found.append(Conflict("presider_role", "warning", _("所选主持人未被设为本会议组的主持人。")))

    for other in _overlapping(desk, data.starts_at, data.planned_minutes, meeting_id):
        when = datetime.fromisoformat(other["starts_at"])
        label = _("“{body_name}”{month}月{day}日{when:%H:%M}的会议").format(
            body_name=other["body_name"], month=when.month, day=when.day, when=when
        )
        if data.room_id is not None and other["room_id"] == data.room_id:
            found.append(
                Conflict(
                    "room",
                    "error",
                    _("会议室“{room_name}”已被{label}占用。").format(room_name=other["room_name"], label=label),
                )
            )
        busy = {
            r["judge_id"] for r in desk.query("SELECT judge_id FROM attendance WHERE meeting_id = ?", (other["id"],))
        }
        if other["presider_id"] is not None:
            busy.add(other["presider_id"])
        if data.presider_id is not None and data.presider_id in busy:
            found.append(
                Conflict(
                    "presider",
                    "error",
                    _("主持人{name}同一时间要参加{label}。").format(name=_name(desk, data.presider_id), label=label),
                )
            )
        clash = sorted(_name(desk, j) for j in (member_ids & busy) - {data.presider_id})
        if clash:
            found.append(
                Conflict(
                    "member",
                    "warning",
                    _("成员{names}同一时间要参加{meeting}，可能无法出席。").format(
                        names=_("、").join(clash), meeting=label
                    ),
                )
            )
    return found


def _has_pending(desk: Desk, meeting_id: int) -> bool:
    return bool(desk.one("SELECT 1 FROM meetings WHERE id = ? AND state IN ('planned','notified')", (meeting_id,)))


def _name(desk: Desk, judge_id: int) -> str:
    row = desk.one("SELECT name FROM judges WHERE id = ?", (judge_id,))
    return row["name"] if row else f"#{judge_id}"


def _validate(desk: Desk, data: MeetingInput) -> dict[str, Any]:
    get_body(desk, data.body_id)
    if not 15 <= data.planned_minutes <= 720:
        raise ValidationError(_("会议预计时长应在15分钟到12小时之间。"), "planned_minutes")
    if data.room_id is not None and not desk.one("SELECT 1 FROM rooms WHERE id = ?", (data.room_id,)):
        raise ValidationError(_("所选会议室不存在。"), "room_id")
    if data.presider_id is not None and not desk.one("SELECT 1 FROM judges WHERE id = ?", (data.presider_id,)):
        raise ValidationError(_("所选主持人不存在。"), "presider_id")
    return {
        "body_id": data.body_id,
        "title": clean(data.title),
        "starts_at": data.starts_at.replace(second=0, microsecond=0).isoformat(timespec="minutes"),
        "planned_minutes": data.planned_minutes,
        "room_id": data.room_id,
        "presider_id": data.presider_id,
        "recorder": clean(data.recorder),
        "contact": clean(data.contact),
    }


def _raise_blocking(conflicts: list[Conflict]) -> list[Conflict]:
    blocking = [c.message for c in conflicts if c.blocking]
    if blocking:
        raise ConflictError(_("无法安排会议：") + _("；").join(blocking) + _("请更换时间或会议室。"))
    return [c for c in conflicts if not c.blocking]


def create_meeting(desk: Desk, actor: Actor, data: MeetingInput) -> SavedMeeting:
    """Schedule a meeting; its 应到 list is the body's active members."""
    require(actor, "meeting.edit")
    values = _validate(desk, data)
    warnings = _raise_blocking(check_schedule(desk, data))
    members = body_overview(desk, data.body_id).members
    with desk.write(actor, "meeting.create") as tx:
        mid = tx.insert("meetings", {**values, "state": "planned", "created_at": tx.now, "updated_at": tx.now})
        for m in members:
            tx.insert("attendance", {"meeting_id": mid, "judge_id": m.judge.id, "status": "present"})
    return SavedMeeting(get_meeting(desk, mid), warnings)


def update_meeting(desk: Desk, actor: Actor, meeting_id: int, data: MeetingInput) -> SavedMeeting:
    require(actor, "meeting.edit")
    current = get_meeting(desk, meeting_id)
    if current.state not in ("planned", "notified"):
        raise StateError(
            _("会议已{state_label}，不能再修改时间、地点和主持人。").format(state_label=current.state_label)
        )
    if data.body_id != current.body_id:
        raise ValidationError(_("会议所属的会议组不能更改；请取消后重新安排。"), "body_id")
    values = _validate(desk, data)
    warnings = _raise_blocking(check_schedule(desk, data, meeting_id))
    with desk.write(actor, "meeting.update") as tx:
        tx.update("meetings", {"id": meeting_id}, {**values, "updated_at": tx.now})
        _refresh_late_flags(tx, meeting_id)
    return SavedMeeting(get_meeting(desk, meeting_id), warnings)


def _refresh_late_flags(tx: Tx, meeting_id: int) -> None:
    from meetingdesk.services.agenda import is_late

    desk = tx.desk
    meeting = get_meeting(desk, meeting_id)
    for item in desk.query(
        "SELECT a.id, a.late, r.submitted_at FROM agenda_items a JOIN reports r ON r.id = a.report_id"
        " WHERE a.meeting_id = ?",
        (meeting_id,),
    ):
        late = int(is_late(desk, meeting, item["submitted_at"]))
        if late != item["late"]:
            tx.update("agenda_items", {"id": item["id"]}, {"late": late})


def notify_meeting(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    """Mark the notice as sent (the notice document itself comes from the documents module)."""
    require(actor, "meeting.edit")
    m = get_meeting(desk, meeting_id)
    if m.state != "planned":
        raise StateError(_("会议当前为“{state_label}”，无需再发通知。").format(state_label=m.state_label))
    with desk.write(actor, "meeting.notify") as tx:
        tx.update("meetings", {"id": meeting_id}, {"state": "notified", "updated_at": tx.now})
    return get_meeting(desk, meeting_id)


def start_meeting(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    require(actor, "meeting.record")
    m = get_meeting(desk, meeting_id)
    if m.state not in ("planned", "notified"):
        raise StateError(_("会议当前为“{state_label}”，不能开始。").format(state_label=m.state_label))
    if m.item_count == 0:
        raise StateError(_("议程为空，请先排入案件。"))
    with desk.write(actor, "meeting.start") as tx:
        tx.update(
            "meetings",
            {"id": meeting_id},
            {"state": "in_progress", "actual_start": tx.now, "updated_at": tx.now},
        )
    return get_meeting(desk, meeting_id)


def end_meeting(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    """Close the meeting: discussed items' reports become 已讨论 with a follow-up; the rest return to 已受理."""
    require(actor, "meeting.record")
    m = get_meeting(desk, meeting_id)
    if m.state != "in_progress":
        raise StateError(_("会议当前为“{state_label}”，不能结束。").format(state_label=m.state_label))
    due_days = int(get_setting(desk, "followup.due_working_days") or 10)
    with desk.write(actor, "meeting.end") as tx:
        for item in desk.query("SELECT * FROM agenda_items WHERE meeting_id = ?", (meeting_id,)):
            if item["status"] in ("discussed", "discussing"):
                tx.update("agenda_items", {"id": item["id"]}, {"status": "discussed"})
                tx.update("reports", {"id": item["report_id"]}, {"state": "discussed", "updated_at": tx.now})
                due = add_working_days(m.starts_at.date(), due_days, work_calendar(desk))
                tx.insert(
                    "followups",
                    {
                        "report_id": item["report_id"],
                        "agenda_item_id": item["id"],
                        "due_on": due.isoformat(),
                        "updated_at": tx.now,
                    },
                )
            else:
                tx.update("agenda_items", {"id": item["id"]}, {"status": "deferred"})
                tx.update("reports", {"id": item["report_id"]}, {"state": "accepted", "updated_at": tx.now})
        tx.update("meetings", {"id": meeting_id}, {"state": "held", "actual_end": tx.now, "updated_at": tx.now})
    return get_meeting(desk, meeting_id)


def adjourn_meeting(desk: Desk, actor: Actor, meeting_id: int, reason: str) -> Meeting:
    """流会: recorded when quorum is not reached; every item goes back to 已受理."""
    require(actor, "meeting.record")
    m = get_meeting(desk, meeting_id)
    if m.state not in ("planned", "notified", "in_progress"):
        raise StateError(_("会议当前为“{state_label}”，不能记为流会。").format(state_label=m.state_label))
    if not clean(reason):
        raise ValidationError(_("请写明流会原因（如未达到法定人数）。"), "reason")
    with desk.write(actor, "meeting.adjourn") as tx:
        _release_items(tx, meeting_id)
        tx.update(
            "meetings",
            {"id": meeting_id},
            {"state": "adjourned", "state_reason": clean(reason), "updated_at": tx.now},
        )
    return get_meeting(desk, meeting_id)


def cancel_meeting(desk: Desk, actor: Actor, meeting_id: int, reason: str) -> Meeting:
    require(actor, "meeting.edit")
    m = get_meeting(desk, meeting_id)
    if m.state not in ("planned", "notified"):
        raise StateError(_("会议当前为“{state_label}”，不能取消。").format(state_label=m.state_label))
    if not clean(reason):
        raise ValidationError(_("请写明取消会议的原因。"), "reason")
    with desk.write(actor, "meeting.cancel") as tx:
        _release_items(tx, meeting_id)
        tx.update(
            "meetings",
            {"id": meeting_id},
            {"state": "cancelled", "state_reason": clean(reason), "updated_at": tx.now},
        )
    return get_meeting(desk, meeting_id)


def _release_items(tx: Tx, meeting_id: int) -> None:
    for item in tx.desk.query("SELECT * FROM agenda_items WHERE meeting_id = ?", (meeting_id,)):
        tx.update("agenda_items", {"id": item["id"]}, {"status": "deferred"})
        tx.update(
            "reports",
            {"id": item["report_id"], "state": "scheduled"},
            {"state": "accepted", "updated_at": tx.now},
        )


def quorum_possible_for(desk: Desk, body_id: int) -> str | None:
    ov = body_overview(desk, body_id)
    return quorum.impossible_reason(ov.member_count, ov.body.quorum_fraction, ov.body.quorum_minimum)
