"""Build document models from the database through the meeting services' read models.

Quorum, speaking order and the result come from the services (which apply ``domain.quorum``,
``domain.speaking_order`` and ``domain.opinions``), so a paper always says what the screens say. Each
collector checks that the actor may see the meeting (members may be limited to their own meetings).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

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
from meetingdesk.domain.grades import grade_rank, is_grade
from meetingdesk.domain.opinions import stance_label
from meetingdesk.domain.speaking_order import Speaker, speaking_order
from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import AgendaItem, agenda
from meetingdesk.services.attendance import Attendee, Invitee, attendees, invitees
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import Meeting, get_meeting, meeting_deadline, require_can_see
from meetingdesk.services.minutes import ItemRecord, MeetingRecord, meeting_record
from meetingdesk.services.permissions import require
from meetingdesk.services.roster import Judge, get_judge, get_room
from meetingdesk.services.settings import get_setting


def load_settings(desk: Desk) -> DocumentSettings:
    """The court's document settings (``documents.*`` keys); the court name defaults to ``court.name``."""
    rows = desk.query("SELECT key, value FROM settings WHERE key LIKE 'documents.%'")
    settings = settings_from_values(decode_rows(rows))
    if not settings.court_name:
        court = get_setting(desk, "court.name")
        if court:
            settings = settings_from_values({"documents.court_name": str(court)}, settings)
    return settings


def _see(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    require(actor, "read")
    meeting = get_meeting(desk, meeting_id)
    require_can_see(desk, actor, meeting_id)
    return meeting


def _info(desk: Desk, m: Meeting, settings: DocumentSettings) -> MeetingInfo:
    place = m.room_name
    if m.room_id is not None:
        room = get_room(desk, m.room_id)
        place = f"{room.location}{room.name}" if room.location else room.name
    return MeetingInfo(
        meeting_id=m.id,
        court=settings.court_name,
        body_name=m.body_name,
        title=m.display_title,
        starts_at=m.starts_at,
        planned_end=m.ends_at,
        place=place,
        presider=m.presider_name,
        recorder=m.recorder,
        contact=m.contact,
        actual_start=m.actual_start,
        actual_end=m.actual_end,
    )


def _case(item: AgendaItem) -> CaseRef:
    return CaseRef(item.case_number, item.cause, item.reporting_judge)


def _invitee_note(inv: Invitee) -> PersonNote:
    return PersonNote(inv.name, "，".join(x for x in (inv.unit, inv.kind_label) if x))


def _judges(desk: Desk, ids: Iterable[int]) -> dict[int, Judge]:
    return {j: get_judge(desk, j) for j in ids}


def _by_rank(people: list[Attendee], judges: dict[int, Judge]) -> list[Attendee]:
    """Presider first, then grade high to low, earlier promotion first (how papers list names)."""

    def key(a: Attendee) -> tuple[bool, int, int, str]:
        j = judges[a.judge_id]
        rank = grade_rank(j.grade) if j.grade and is_grade(j.grade) else -1
        since = j.grade_since.toordinal() if j.grade_since else 0
        return (not a.is_presider, -rank, since, a.name)

    return sorted(people, key=key)


def _speaker(a: Attendee, j: Judge) -> Speaker:
    grade = j.grade if j.grade and is_grade(j.grade) else None
    return Speaker(f"judge:{a.judge_id}", a.name, grade, j.grade_since, is_presider=a.is_presider)


# ---- meeting papers


def collect_notice(desk: Desk, actor: Actor, meeting_id: int, settings: DocumentSettings) -> Notice:
    m = _see(desk, actor, meeting_id)
    people = attendees(desk, meeting_id)
    judges = _judges(desk, (a.judge_id for a in people))
    items = [i for i in agenda(desk, meeting_id) if i.status != "deferred"]
    reports = {i.id: desk.get("reports", i.report_id, what="案件报告") for i in items}
    return Notice(
        meeting=_info(desk, m, settings),
        items=tuple(
            NoticeItem(n, _case(i), str(reports[i.id]["questions"] or ""), i.late) for n, i in enumerate(items, 1)
        ),
        attendees=tuple(a.name for a in _by_rank(people, judges)),
        invitees=tuple(_invitee_note(inv) for inv in invitees(desk, meeting_id)),
        materials_deadline=meeting_deadline(desk, m).due,
        issued_on=desk.now().date(),
        issuer=settings.summary_issuer,
    )


def collect_agenda(desk: Desk, actor: Actor, meeting_id: int, settings: DocumentSettings) -> Agenda:
    m = _see(desk, actor, meeting_id)
    rows = []
    clock = m.starts_at
    for n, i in enumerate((i for i in agenda(desk, meeting_id) if i.status != "deferred"), 1):
        start = i.starts_at or clock
        end = i.ends_at or start
        question = str(desk.get("reports", i.report_id, what="案件报告")["questions"] or "")
        rows.append(AgendaRow(n, _case(i), start, end, question, i.late))
        clock = end
    approved = f"本议程已于{cn_date(m.agenda_approved_at.date())}审定。" if m.agenda_approved_at else ""
    return Agenda(_info(desk, m, settings), tuple(rows), clock, approved)


def collect_signin(desk: Desk, actor: Actor, meeting_id: int, settings: DocumentSettings) -> SignInSheet:
    m = _see(desk, actor, meeting_id)
    people = attendees(desk, meeting_id)
    judges = _judges(desk, (a.judge_id for a in people))
    if settings.signin_order == "strokes":
        ordered = sorted(people, key=lambda a: (stroke_key(a.name), a.judge_id))
        label = "按姓氏笔画排列"
    else:
        by_key = {f"judge:{a.judge_id}": a for a in people}
        ordered = [by_key[s.key] for s in speaking_order(_speaker(a, judges[a.judge_id]) for a in people)]
        label = "按发言顺序排列"
    rows = []
    for a in ordered:
        j = judges[a.judge_id]
        note = "，".join(x for x in (j.post, j.grade or "") if x)
        if a.status == "leave":
            note += "（请假" + (f"：{a.reason}" if a.reason else "") + "）"
        rows.append(SignInRow(a.name, note))
    guests = tuple(SignInRow(n.name, n.note) for n in map(_invitee_note, invitees(desk, meeting_id)))
    return SignInSheet(_info(desk, m, settings), tuple(rows), guests, label)


def collect_minutes(desk: Desk, actor: Actor, meeting_id: int, settings: DocumentSettings) -> MinutesRecord:
    _see(desk, actor, meeting_id)
    record = meeting_record(desk, actor, meeting_id)
    return minutes_from_record(desk, record, settings)


def minutes_from_record(desk: Desk, record: MeetingRecord, settings: DocumentSettings) -> MinutesRecord:
    """The 会议记录 model from the services' read model of a meeting."""
    m = record.meeting
    judges = _judges(desk, (a.judge_id for a in record.attendees))
    ranked = _by_rank(record.attendees, judges)

    def noted(status: str) -> tuple[PersonNote, ...]:
        return tuple(PersonNote(a.name, a.reason) for a in ranked if a.status == status)

    present = tuple(a.name for a in ranked if a.status == "present")
    attended = [inv for inv in record.invitees if inv.attended]
    amendments = tuple(
        f"{cn_date(a.made_at.date())}更正“{a.target}”：由“{a.before}”改为“{a.after}”，理由：{a.reason}"
        + (f"（{a.made_by}）" if a.made_by else "")
        for a in record.amendments
    )
    return MinutesRecord(
        meeting=_info(desk, m, settings),
        present=present,
        on_leave=noted("leave"),
        absent=noted("absent"),
        invitees=tuple(_invitee_note(inv) for inv in attended),
        quorum_text=record.quorum.explain(),
        quorum_met=record.quorum.met,
        items=tuple(_minutes_item(desk, rec, {inv.id: inv for inv in record.invitees}) for rec in record.items),
        signatories=(*present, *(inv.name for inv in attended)),
        state_label=m.minutes_state_label,
        amendments=amendments,
    )


def _minutes_item(desk: Desk, rec: ItemRecord, guests: dict[int, Invitee]) -> MinutesItem:
    slots = {s.key: s for s in rec.order.slots}
    lines = []
    for n, op in enumerate(rec.opinions, 1):  # the service returns them by round, then in speaking order
        slot = slots.get(op.speaker_key)
        if op.is_invitee:
            inv = guests.get(int(op.speaker_key.split(":", 1)[1]))
            note = _invitee_note(inv).note if inv else ""
            role = "列席" + (f"，{note}" if note else "")
        elif slot is not None and slot.speaker.is_presider:
            role = "主持人"
        elif slot is not None and slot.speaker.grade:
            role = slot.speaker.grade
        else:
            judge = get_judge(desk, int(op.speaker_key.split(":", 1)[1]))
            role = judge.grade or judge.post or "成员"
        lines.append(OpinionLine(n, op.name, role, stance_label(op.stance), op.reasons, op.round, op.is_invitee))
    status = {"deferred": "暂缓讨论", "pending": "尚未讨论"}.get(rec.item.status, "")
    return MinutesItem(
        position=rec.item.position,
        case=_case(rec.item),
        question=rec.report.questions,
        presentation=rec.item.presentation,
        questions_answers=rec.item.questions_answers,
        recused=tuple(PersonNote(a.name, a.kind_label + (f"：{a.reason}" if a.reason else "")) for a in rec.absences),
        quorum_text=rec.quorum.explain(),
        quorum_met=rec.quorum.met,
        opinions=tuple(lines),
        result_text=rec.result.summary(),
        conclusion=rec.item.conclusion,
        presider_summary=rec.item.presider_summary,
        status=status,
    )


def collect_summary(desk: Desk, actor: Actor, meeting_id: int, settings: DocumentSettings) -> MeetingSummary:
    record = collect_minutes(desk, actor, meeting_id, settings)
    m = get_meeting(desk, meeting_id)
    year = m.summary_year or m.starts_at.year
    number = settings.summary_number(year, m.summary_seq if m.summary_seq is not None else "　")
    issued: date = m.minutes_finalised_at.date() if m.minutes_finalised_at else desk.now().date()
    items = tuple(
        SummaryItem(i.position, i.case, i.question, i.conclusion.strip() or i.result_text)
        for i in record.items
        if not i.status
    )
    info = record.meeting
    return MeetingSummary(
        meeting=info,
        number=number,
        issuer=settings.summary_issuer or f"{info.court}{info.body_name}",
        issued_on=issued,
        items=items,
        present=record.present,
        on_leave=tuple(p.name for p in record.on_leave),
        invitees=tuple(p.name for p in record.invitees),
    )
