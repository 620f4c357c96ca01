"""Build document models from the database (read-only).

Quorum, speaking order and the result are computed by the domain rules (``domain.quorum``,
``domain.speaking_order``, ``domain.opinions``), never re-implemented here, so a paper always agrees
with what the screens show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from meetingdesk.documents.models import (
    Agenda,
    AgendaRow,
    CaseRef,
    MeetingInfo,
    MeetingSummary,
    MinutesItem,
    MinutesRecord,
    Notice,
    NoticeItem,
    OpinionLine,
    PersonNote,
    SignInRow,
    SignInSheet,
    SummaryItem,
)
from meetingdesk.documents.settings import DocumentSettings, decode_rows, settings_from_values
from meetingdesk.documents.strokes import stroke_key
from meetingdesk.documents.text import cn_date
from meetingdesk.domain.choices import INVITEE_KINDS, MINUTES_STATES
from meetingdesk.domain.grades import grade_rank, is_grade
from meetingdesk.domain.opinions import Opinion, compute_result, stance_label
from meetingdesk.domain.quorum import QuorumCheck, check_quorum
from meetingdesk.domain.speaking_order import Speaker, speaking_order
from meetingdesk.domain.workdays import WorkCalendar, materials_deadline
from meetingdesk.errors import NotFoundError
from meetingdesk.services.desk import Desk

Row = dict[str, Any]


def load_settings(desk: Desk) -> DocumentSettings:
    """The court's document settings (``documents.*`` keys of the settings table)."""
    rows = desk.query("SELECT key, value FROM settings WHERE key LIKE 'documents.%'")
    return settings_from_values(decode_rows(rows))


@dataclass(frozen=True)
class _Person:
    judge_id: int
    name: str
    post: str
    grade: str | None
    grade_since: date | None
    court: str

    @property
    def key(self) -> str:
        return f"judge:{self.judge_id}"

    def detail(self) -> str:
        return "，".join(x for x in (self.post, self.grade or "") if x)


@dataclass(frozen=True)
class _Meeting:
    """One meeting's rows, read once and shared by every collector."""

    info: MeetingInfo
    row: Row
    body: Row
    members: dict[int, _Person]  # the body's members (and the presider, who may come from outside)
    body_ids: frozenset[int]  # the body's members: the base of quorum
    presider_id: int | None
    attendance: dict[int, Row]  # judge id → attendance row
    invitees: list[Row]

    def quorum(self, present: set[int], recused: frozenset[int] | set[int] = frozenset()) -> QuorumCheck:
        fraction = Fraction(int(self.body["quorum_numerator"]), int(self.body["quorum_denominator"]))
        return check_quorum(self.body_ids, present, recused, fraction, int(self.body["quorum_minimum"]))

    def present_ids(self) -> set[int]:
        return {j for j, a in self.attendance.items() if a["status"] == "present"}

    def by_rank(self, ids: set[int] | None = None) -> list[_Person]:
        """Presider first, then by grade from high to low (how papers list names)."""
        people = [p for j, p in self.members.items() if ids is None or j in ids]
        return sorted(people, key=lambda p: (p.judge_id != self.presider_id, *_rank_desc(p)))

    def speaker(self, person: _Person) -> Speaker:
        return Speaker(
            key=person.key,
            name=person.name,
            grade=person.grade if person.grade and is_grade(person.grade) else None,
            promoted_on=person.grade_since,
            is_presider=person.judge_id == self.presider_id,
        )

    def invitee_speaker(self, inv: Row) -> Speaker:
        return Speaker(key=f"invitee:{inv['id']}", name=str(inv["name"]), is_invitee=True)


def _rank_desc(p: _Person) -> tuple[int, int, str]:
    rank = grade_rank(p.grade) if p.grade and is_grade(p.grade) else -1
    since = p.grade_since.toordinal() if p.grade_since else 0
    return (-rank, since, p.name)


def _date(value: Any) -> date | None:
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


def _dt(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value))


def _person(row: Row) -> _Person:
    return _Person(
        judge_id=int(row["id"]),
        name=str(row["name"]),
        post=str(row.get("post") or ""),
        grade=row.get("grade"),
        grade_since=_date(row.get("grade_since")),
        court=str(row.get("court") or ""),
    )


def _load_meeting(desk: Desk, meeting_id: int, settings: DocumentSettings) -> _Meeting:
    row = desk.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
    if row is None:
        raise NotFoundError(
            f"找不到会议（编号{meeting_id}），它可能已被删除。请用 meetingdesk 查看现有会议的编号。"
        )
    body = desk.get("bodies", int(row["body_id"]), what="会议组")
    members = {
        int(r["id"]): _person(r)
        for r in desk.query(
            "SELECT j.* FROM body_members m JOIN judges j ON j.id = m.judge_id"
            " WHERE m.body_id = ? ORDER BY j.id",
            (body["id"],),
        )
    }
    body_ids = frozenset(members)
    presider_id = row["presider_id"]
    presider = desk.one("SELECT * FROM judges WHERE id = ?", (presider_id,)) if presider_id else None
    if presider is not None and int(presider["id"]) not in members:
        members[int(presider["id"])] = _person(presider)  # a presider from outside the body still chairs
    room = desk.one("SELECT * FROM rooms WHERE id = ?", (row["room_id"],)) if row["room_id"] else None
    place = str(room["name"]) if room else ""
    if room and room.get("location"):
        place = f"{room['location']}{room['name']}"
    court = settings.court_name or (str(presider["court"]) if presider and presider["court"] else "")
    starts = _dt(row["starts_at"])
    assert starts is not None
    info = MeetingInfo(
        meeting_id=int(row["id"]),
        court=court,
        body_name=str(body["name"]),
        title=str(row["title"] or f"{cn_date(starts.date())}{body['name']}"),
        starts_at=starts,
        planned_end=starts + timedelta(minutes=int(row["planned_minutes"])),
        place=place,
        presider=str(presider["name"]) if presider else "",
        recorder=str(row["recorder"] or ""),
        contact=str(row["contact"] or body.get("contact_phone") or ""),
        actual_start=_dt(row["actual_start"]),
        actual_end=_dt(row["actual_end"]),
    )
    attendance = {
        int(a["judge_id"]): a
        for a in desk.query("SELECT * FROM attendance WHERE meeting_id = ?", (meeting_id,))
    }
    invitees = desk.query("SELECT * FROM meeting_invitees WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    return _Meeting(info, row, body, members, body_ids, presider_id, attendance, invitees)


def _items(desk: Desk, meeting_id: int) -> list[Row]:
    return desk.query(
        "SELECT a.*, r.case_number, r.cause, r.questions, j.name AS reporting_judge"
        " FROM agenda_items a JOIN reports r ON r.id = a.report_id"
        " JOIN judges j ON j.id = r.reporting_judge_id"
        " WHERE a.meeting_id = ? ORDER BY a.position, a.id",
        (meeting_id,),
    )


def _case(item: Row) -> CaseRef:
    return CaseRef(str(item["case_number"]), str(item["cause"] or ""), str(item["reporting_judge"] or ""))


def _invitee_note(inv: Row) -> PersonNote:
    kind = INVITEE_KINDS.label(inv["kind"]) if inv["kind"] in INVITEE_KINDS else ""
    return PersonNote(str(inv["name"]), "，".join(x for x in (str(inv["unit"] or ""), kind) if x))


def _deadline(desk: Desk, m: _Meeting) -> date:
    overrides = {
        date.fromisoformat(r["day"]): bool(r["is_workday"])
        for r in desk.query("SELECT day, is_workday FROM calendar_overrides")
    }
    days = int(m.body["deadline_working_days"])
    return materials_deadline(m.info.starts_at.date(), days, WorkCalendar(overrides)).due


# ---- meeting papers


def collect_notice(desk: Desk, meeting_id: int, settings: DocumentSettings) -> Notice:
    m = _load_meeting(desk, meeting_id, settings)
    items = tuple(
        NoticeItem(i, _case(it), str(it["questions"] or ""), bool(it["late"]))
        for i, it in enumerate(_items(desk, meeting_id), 1)
        if it["status"] != "deferred"
    )
    return Notice(
        meeting=m.info,
        items=items,
        attendees=tuple(p.name for p in m.by_rank()),
        invitees=tuple(_invitee_note(inv) for inv in m.invitees),
        materials_deadline=_deadline(desk, m),
        issued_on=desk.now().date(),
        issuer=settings.summary_issuer,
    )


def collect_agenda(desk: Desk, meeting_id: int, settings: DocumentSettings) -> Agenda:
    m = _load_meeting(desk, meeting_id, settings)
    rows = []
    t = m.info.starts_at
    for i, it in enumerate((it for it in _items(desk, meeting_id) if it["status"] != "deferred"), 1):
        end = t + timedelta(minutes=int(it["duration_minutes"]))
        rows.append(AgendaRow(i, _case(it), t, end, str(it["questions"] or ""), bool(it["late"])))
        t = end
    approved = ""
    if m.row["agenda_approved_at"]:
        day = _date(m.row["agenda_approved_at"])
        approved = f"本议程已于{cn_date(day)}审定。" if day else ""
    return Agenda(m.info, tuple(rows), t, approved)


def collect_signin(desk: Desk, meeting_id: int, settings: DocumentSettings) -> SignInSheet:
    m = _load_meeting(desk, meeting_id, settings)
    people = list(m.members.values())
    if settings.signin_order == "strokes":
        ordered = sorted(people, key=lambda p: (*stroke_key(p.name), p.judge_id))
        label = "按姓氏笔画排列"
    else:
        by_key = {p.key: p for p in people}
        ordered = [by_key[s.key] for s in speaking_order(m.speaker(p) for p in people)]
        label = "按发言顺序排列"
    rows = []
    for p in ordered:
        att = m.attendance.get(p.judge_id)
        note = p.detail()
        if att is not None and att["status"] == "leave":
            note += f"（请假{'：' + att['reason'] if att['reason'] else ''}）"
        rows.append(SignInRow(p.name, note))
    invitees = tuple(SignInRow(n.name, n.note) for n in map(_invitee_note, m.invitees))
    return SignInSheet(m.info, tuple(rows), invitees, label)


def collect_minutes(desk: Desk, meeting_id: int, settings: DocumentSettings) -> MinutesRecord:
    m = _load_meeting(desk, meeting_id, settings)
    present = m.present_ids()
    meeting_quorum = m.quorum(present)
    items = tuple(_minutes_item(desk, m, it, present) for it in _items(desk, meeting_id))

    def noted(status: str) -> tuple[PersonNote, ...]:
        ids = {j for j, a in m.attendance.items() if a["status"] == status}
        return tuple(
            PersonNote(p.name, str(m.attendance[p.judge_id]["reason"] or "")) for p in m.by_rank(ids)
        )

    attended = [inv for inv in m.invitees if inv["attended"]]
    amendments = tuple(
        f"{str(a['made_at'])[:10]}更正“{a['target']}”：由“{a['before']}”改为“{a['after']}”，理由：{a['reason']}"
        for a in desk.query("SELECT * FROM amendments WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    )
    present_people = [p.name for p in m.by_rank(present)]
    return MinutesRecord(
        meeting=m.info,
        present=tuple(present_people),
        on_leave=noted("leave"),
        absent=noted("absent"),
        invitees=tuple(_invitee_note(inv) for inv in attended),
        quorum_text=meeting_quorum.explain(),
        quorum_met=meeting_quorum.met,
        items=items,
        signatories=(*present_people, *(str(inv["name"]) for inv in attended)),
        state_label=MINUTES_STATES.label(str(m.row["minutes_state"])),
        amendments=amendments,
    )


def _minutes_item(desk: Desk, m: _Meeting, it: Row, present: set[int]) -> MinutesItem:
    absences = desk.query(
        "SELECT x.*, j.name FROM item_absences x JOIN judges j ON j.id = x.judge_id WHERE agenda_item_id = ?",
        (it["id"],),
    )
    recused = {int(a["judge_id"]) for a in absences if a["kind"] == "recused"}
    left = {int(a["judge_id"]) for a in absences if a["kind"] == "left"}
    item_present = present - left
    quorum = m.quorum(item_present, recused)
    counted = item_present - recused

    order = _item_order(m, it, counted)
    position = {key: i for i, key in enumerate(order)}
    names = {f"judge:{j}": p.name for j, p in m.members.items()}
    names.update({f"invitee:{inv['id']}": str(inv["name"]) for inv in m.invitees})
    rows = desk.query("SELECT * FROM opinions WHERE agenda_item_id = ? ORDER BY round, id", (it["id"],))
    rows.sort(
        key=lambda r: (int(r["round"]), position.get(str(r["speaker_key"]), len(position)), int(r["id"]))
    )
    lines: list[OpinionLine] = []
    domain_ops: list[Opinion] = []
    invitee_rows = {f"invitee:{inv['id']}": inv for inv in m.invitees}
    for n, r in enumerate(rows, 1):
        key = str(r["speaker_key"])
        is_inv = r["invitee_id"] is not None
        name = names.get(key, key)
        if is_inv:
            inv = invitee_rows.get(key)
            role = "列席" + (f"，{_invitee_note(inv).note}" if inv and _invitee_note(inv).note else "")
        elif r["judge_id"] == m.presider_id:
            role = "主持人"
        else:
            person = m.members.get(int(r["judge_id"]))
            role = (person.grade or person.post or "成员") if person else "成员"
        lines.append(
            OpinionLine(
                n,
                name,
                role,
                stance_label(str(r["stance"])),
                str(r["reasons"] or ""),
                int(r["round"]),
                is_inv,
            )
        )
        domain_ops.append(
            Opinion(key, name, str(r["stance"]), str(r["reasons"] or ""), int(r["round"]), is_inv)
        )
    result = compute_result(domain_ops, len(counted))
    status = {"deferred": "暂缓讨论", "pending": "尚未讨论"}.get(str(it["status"]), "")
    return MinutesItem(
        position=int(it["position"]),
        case=_case(it),
        question=str(it["questions"] or ""),
        presentation=str(it["presentation"] or ""),
        questions_answers=str(it["questions_answers"] or ""),
        recused=tuple(
            PersonNote(
                str(a["name"]),
                ("回避" if a["kind"] == "recused" else "中途离席")
                + (f"：{a['reason']}" if a["reason"] else ""),
            )
            for a in absences
        ),
        quorum_text=quorum.explain(),
        quorum_met=quorum.met,
        opinions=tuple(lines),
        result_text=result.summary(),
        conclusion=str(it["conclusion"] or ""),
        presider_summary=str(it["presider_summary"] or ""),
        status=status,
    )


def _item_order(m: _Meeting, it: Row, counted: set[int]) -> list[str]:
    """Speaker keys in speaking order: the recorded reorder if any, else the rule."""
    if it.get("speaking_order"):
        try:
            keys = json.loads(str(it["speaking_order"]))
            if isinstance(keys, list):
                return [str(k) for k in keys]
        except json.JSONDecodeError:
            pass  # fall back to the rule; the stored order is unreadable
    speakers = [m.speaker(p) for j, p in m.members.items() if j in counted]
    speakers += [m.invitee_speaker(inv) for inv in m.invitees if inv["attended"]]
    return [s.key for s in speaking_order(speakers)]


def collect_summary(desk: Desk, meeting_id: int, settings: DocumentSettings) -> MeetingSummary:
    record = collect_minutes(desk, meeting_id, settings)
    m = record.meeting
    row = desk.get("meetings", meeting_id, what="会议")
    year = int(row["summary_year"] or m.starts_at.year)
    seq: int | str = int(row["summary_seq"]) if row["summary_seq"] else "　"
    number = settings.summary_number(year, seq)
    finalised = _date(row["minutes_finalised_at"])
    items = tuple(
        SummaryItem(i.position, i.case, i.question, i.conclusion.strip() or i.result_text)
        for i in record.items
        if not i.status
    )
    return MeetingSummary(
        meeting=m,
        number=number,
        issuer=settings.summary_issuer or f"{m.court}{m.body_name}",
        issued_on=finalised or desk.now().date(),
        items=items,
        present=record.present,
        on_leave=tuple(p.name for p in record.on_leave),
        invitees=tuple(p.name for p in record.invitees),
    )
