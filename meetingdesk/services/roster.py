"""Meeting bodies, the judges on them, presiders and rooms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from meetingdesk.domain import quorum
from meetingdesk.domain.choices import BODY_KINDS
from meetingdesk.domain.grades import GRADES, is_grade
from meetingdesk.errors import ConflictError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Tx
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean, from_row, iso

# ---- data


@dataclass(frozen=True)
class Judge:
    id: int
    name: str
    court: str = ""
    division: str = ""
    post: str = ""
    grade: str | None = None
    grade_since: date | None = None
    is_judge: bool = True
    active: bool = True
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class JudgeInput:
    name: str
    court: str = ""
    division: str = ""
    post: str = ""
    grade: str | None = None
    grade_since: date | None = None
    is_judge: bool = True
    active: bool = True
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Body:
    id: int
    name: str
    kind: str = "specialty"
    specialty: str = ""
    division: str = ""
    quorum_numerator: int = 1
    quorum_denominator: int = 3
    quorum_minimum: int = 5
    deadline_working_days: int = 3
    default_room_id: int | None = None
    secretary_name: str = ""
    contact_phone: str = ""
    active: bool = True
    notes: str = ""

    @property
    def quorum_fraction(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    @property
    def kind_label(self) -> str:
        return BODY_KINDS.label(self.kind)


@dataclass(frozen=True)
class BodyInput:
    name: str
    kind: str = "specialty"
    specialty: str = ""
    division: str = ""
    quorum_numerator: int = 1
    quorum_denominator: int = 3
    quorum_minimum: int = 5
    deadline_working_days: int = 3
    default_room_id: int | None = None
    secretary_name: str = ""
    contact_phone: str = ""
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class Member:
    """A judge on a body."""

    judge: Judge
    is_presider: bool
    joined_on: date | None = None


@dataclass(frozen=True)
class BodyOverview:
    body: Body
    members: list[Member] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return len(self.members)

    @property
    def required(self) -> int:
        b = self.body
        return quorum.required_attendance(self.member_count, b.quorum_fraction, b.quorum_minimum)

    @property
    def quorum_problem(self) -> str | None:
        """Plain words when this body can never reach quorum (e.g. fewer than five members)."""
        b = self.body
        return quorum.impossible_reason(self.member_count, b.quorum_fraction, b.quorum_minimum)


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    location: str = ""
    capacity: int | None = None
    active: bool = True


# ---- judges


def _validate_judge(data: JudgeInput, today: date) -> dict[str, Any]:
    name = clean(data.name)
    if not name:
        raise ValidationError(_("请填写姓名。"), "name")
    grade = clean(data.grade) or None
    if data.is_judge:
        if grade is None:
            raise ValidationError(_("员额法官须填写法官等级（发言顺序依等级确定）。"), "grade")
        if not is_grade(grade):
            raise ValidationError(
                _("法官等级“{grade}”无效，应为：{grades}。").format(
                    grade=grade, grades=_("、").join(_(g) for g in GRADES)
                ),
                "grade",
            )
        if data.grade_since is None:
            raise ValidationError(_("请填写晋升至现等级的日期（同等级时晋升在后者先发言）。"), "grade_since")
    elif grade is not None and not is_grade(grade):
        raise ValidationError(_("法官等级“{grade}”无效。").format(grade=grade), "grade")
    if data.grade_since and data.grade_since > today:
        raise ValidationError(_("晋升日期不能晚于今天。"), "grade_since")
    return {
        "name": name,
        "court": clean(data.court),
        "division": clean(data.division),
        "post": clean(data.post),
        "grade": grade,
        "grade_since": iso(data.grade_since) if grade else None,
        "is_judge": int(data.is_judge),
        "active": int(data.active),
        "phone": clean(data.phone),
        "notes": clean(data.notes),
    }


def create_judge(desk: Desk, actor: Actor, data: JudgeInput) -> Judge:
    require(actor, "roster.edit")
    values = _validate_judge(data, desk.now().date())
    with desk.write(actor, "judge.create") as tx:
        jid = tx.insert("judges", values)
    return get_judge(desk, jid)


def update_judge(desk: Desk, actor: Actor, judge_id: int, data: JudgeInput) -> Judge:
    require(actor, "roster.edit")
    get_judge(desk, judge_id)
    values = _validate_judge(data, desk.now().date())
    with desk.write(actor, "judge.update") as tx:
        tx.update("judges", {"id": judge_id}, values)
    return get_judge(desk, judge_id)


def get_judge(desk: Desk, judge_id: int) -> Judge:
    return from_row(Judge, desk.get("judges", judge_id, what=_("人员")))


def list_judges(desk: Desk, *, active_only: bool = False, judges_only: bool = False) -> list[Judge]:
    where = []
    if active_only:
        where.append("active = 1")
    if judges_only:
        where.append("is_judge = 1")
    sql = "SELECT * FROM judges" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY name, id"
    return [from_row(Judge, r) for r in desk.query(sql)]


# ---- rooms


def create_room(desk: Desk, actor: Actor, name: str, location: str = "", capacity: int | None = None) -> Room:
    require(actor, "roster.edit")
    name = clean(name)
    if not name:
        raise ValidationError(_("请填写会议室名称。"), "name")
    if capacity is not None and capacity <= 0:
        raise ValidationError(_("容纳人数应为正整数。"), "capacity")
    if desk.one("SELECT 1 FROM rooms WHERE name = ?", (name,)):
        raise ConflictError(_("已有名为“{name}”的会议室。").format(name=name))
    with desk.write(actor, "room.create") as tx:
        rid = tx.insert("rooms", {"name": name, "location": clean(location), "capacity": capacity})
    return get_room(desk, rid)


def update_room(
    desk: Desk,
    actor: Actor,
    room_id: int,
    name: str,
    location: str = "",
    capacity: int | None = None,
    active: bool = True,
) -> Room:
    require(actor, "roster.edit")
    get_room(desk, room_id)
    name = clean(name)
    if not name:
        raise ValidationError(_("请填写会议室名称。"), "name")
    if desk.one("SELECT 1 FROM rooms WHERE name = ? AND id <> ?", (name, room_id)):
        raise ConflictError(_("已有名为“{name}”的会议室。").format(name=name))
    with desk.write(actor, "room.update") as tx:
        tx.update(
            "rooms",
            {"id": room_id},
            {"name": name, "location": clean(location), "capacity": capacity, "active": int(active)},
        )
    return get_room(desk, room_id)


def get_room(desk: Desk, room_id: int) -> Room:
    return from_row(Room, desk.get("rooms", room_id, what=_("会议室")))


def list_rooms(desk: Desk, *, active_only: bool = False) -> list[Room]:
    sql = "SELECT * FROM rooms" + (" WHERE active = 1" if active_only else "") + " ORDER BY name"
    return [from_row(Room, r) for r in desk.query(sql)]


# ---- bodies


def _validate_body(desk: Desk, data: BodyInput, body_id: int | None) -> dict[str, Any]:
    name = clean(data.name)
    if not name:
        raise ValidationError(_("请填写会议组名称，如“刑事专业法官会议”。"), "name")
    if data.kind not in BODY_KINDS:
        raise ValidationError(_("会议组类型“{kind}”无效。").format(kind=data.kind), "kind")
    if data.quorum_denominator <= 0 or data.quorum_numerator < 0 or data.quorum_numerator > data.quorum_denominator:
        raise ValidationError(_("法定人数比例应在0到1之间，例如1/3。"), "quorum")
    if data.quorum_minimum < 0:
        raise ValidationError(_("法定最低人数不能为负数。"), "quorum_minimum")
    if not 0 <= data.deadline_working_days <= 30:
        raise ValidationError(_("材料提交期限应为0至30个工作日。"), "deadline_working_days")
    dup = desk.one("SELECT id FROM bodies WHERE name = ? AND id IS NOT ?", (name, body_id))
    if dup:
        raise ConflictError(_("已有名为“{name}”的会议组。").format(name=name))
    if data.default_room_id is not None:
        get_room(desk, data.default_room_id)
    return {
        "name": name,
        "kind": data.kind,
        "specialty": clean(data.specialty),
        "division": clean(data.division),
        "quorum_numerator": data.quorum_numerator,
        "quorum_denominator": data.quorum_denominator,
        "quorum_minimum": data.quorum_minimum,
        "deadline_working_days": data.deadline_working_days,
        "default_room_id": data.default_room_id,
        "secretary_name": clean(data.secretary_name),
        "contact_phone": clean(data.contact_phone),
        "active": int(data.active),
        "notes": clean(data.notes),
    }


def create_body(desk: Desk, actor: Actor, data: BodyInput) -> Body:
    require(actor, "roster.edit")
    values = _validate_body(desk, data, None)
    with desk.write(actor, "body.create") as tx:
        bid = tx.insert("bodies", values)
    return get_body(desk, bid)


def update_body(desk: Desk, actor: Actor, body_id: int, data: BodyInput) -> Body:
    require(actor, "roster.edit")
    get_body(desk, body_id)
    values = _validate_body(desk, data, body_id)
    with desk.write(actor, "body.update") as tx:
        tx.update("bodies", {"id": body_id}, values)
    return get_body(desk, body_id)


def get_body(desk: Desk, body_id: int) -> Body:
    return from_row(Body, desk.get("bodies", body_id, what=_("会议组")))


def list_bodies(desk: Desk, *, active_only: bool = False) -> list[Body]:
    sql = "SELECT * FROM bodies" + (" WHERE active = 1" if active_only else "") + " ORDER BY id"
    return [from_row(Body, r) for r in desk.query(sql)]


def body_members(desk: Desk, body_id: int, *, active_only: bool = True) -> list[Member]:
    rows = desk.query(
        "SELECT j.*, m.is_presider AS m_presider, m.joined_on AS m_joined FROM body_members m"
        " JOIN judges j ON j.id = m.judge_id WHERE m.body_id = ?"
        + (" AND j.active = 1" if active_only else "")
        + " ORDER BY m.is_presider DESC, j.name",
        (body_id,),
    )
    return [
        Member(
            judge=from_row(Judge, r),
            is_presider=bool(r["m_presider"]),
            joined_on=date.fromisoformat(r["m_joined"]) if r["m_joined"] else None,
        )
        for r in rows
    ]


def body_overview(desk: Desk, body_id: int) -> BodyOverview:
    return BodyOverview(get_body(desk, body_id), body_members(desk, body_id))


def set_membership(
    desk: Desk, actor: Actor, body_id: int, judge_id: int, *, member: bool, presider: bool = False
) -> None:
    """Add, update or remove one judge's membership (presiders are members too)."""
    require(actor, "roster.edit")
    get_body(desk, body_id)
    judge = get_judge(desk, judge_id)
    if member and not judge.is_judge:
        raise ValidationError(
            _("“{name}”不是员额法官，不能成为会议组成员；可作为列席人员邀请。").format(name=judge.name)
        )
    with desk.write(actor, "body.membership") as tx:
        write_membership(tx, body_id, judge_id, member=member, presider=presider)


def write_membership(tx: Tx, body_id: int, judge_id: int, *, member: bool = True, presider: bool = False) -> None:
    """The write behind :func:`set_membership`, inside the caller's transaction (bulk imports use it)."""
    desk = tx.desk
    existing = desk.one("SELECT * FROM body_members WHERE body_id = ? AND judge_id = ?", (body_id, judge_id))
    if not member:
        if existing:
            tx.delete("body_members", {"body_id": body_id, "judge_id": judge_id})
    elif existing:
        tx.update("body_members", {"body_id": body_id, "judge_id": judge_id}, {"is_presider": int(presider)})
    else:
        tx.insert(
            "body_members",
            {
                "body_id": body_id,
                "judge_id": judge_id,
                "is_presider": int(presider),
                "joined_on": desk.now().date().isoformat(),
            },
        )
    _refresh_open_meetings(tx, body_id)


def judge_values(desk: Desk, data: JudgeInput) -> dict[str, Any]:
    """A judge's validated column values, checked exactly as :func:`create_judge` checks them."""
    return _validate_judge(data, desk.now().date())


def body_values(desk: Desk, data: BodyInput, body_id: int | None = None) -> dict[str, Any]:
    """A body's validated column values, checked exactly as :func:`create_body` / :func:`update_body`."""
    return _validate_body(desk, data, body_id)


def _refresh_open_meetings(tx: Any, body_id: int) -> None:
    """Keep the 应到 list of meetings not yet started in step with the body's membership."""
    desk: Desk = tx.desk
    members = {
        r["judge_id"]
        for r in desk.query(
            "SELECT m.judge_id FROM body_members m JOIN judges j ON j.id = m.judge_id"
            " WHERE m.body_id = ? AND j.active = 1",
            (body_id,),
        )
    }
    for meeting in desk.query(
        "SELECT id FROM meetings WHERE body_id = ? AND state IN ('planned', 'notified')", (body_id,)
    ):
        mid = meeting["id"]
        have = {r["judge_id"] for r in desk.query("SELECT judge_id FROM attendance WHERE meeting_id = ?", (mid,))}
        for jid in sorted(members - have):
            tx.insert("attendance", {"meeting_id": mid, "judge_id": jid, "status": "present"})
        for jid in sorted(have - members):
            if desk.one(
                "SELECT 1 FROM opinions o JOIN agenda_items a ON a.id = o.agenda_item_id"
                " WHERE a.meeting_id = ? AND o.judge_id = ?",
                (mid, jid),
            ):
                raise StateError(_("该成员已在会议中发表意见，不能从会议组中移除。"))
            tx.delete("attendance", {"meeting_id": mid, "judge_id": jid})
