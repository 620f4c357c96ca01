"""Minutes: 草稿 → 传阅 → 定稿, locked once final; later corrections only as recorded amendments.

Also the complete read model of a meeting's record, used by the minutes screen and the documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from meetingdesk.domain.opinions import ItemResult, is_valid_stance
from meetingdesk.domain.quorum import QuorumCheck
from meetingdesk.errors import PermissionDeniedError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import AgendaItem, agenda
from meetingdesk.services.attendance import (
    Attendee,
    Invitee,
    ItemAbsence,
    attendees,
    invitees,
    item_absences,
    item_quorum,
    meeting_quorum,
)
from meetingdesk.services.desk import Desk
from meetingdesk.services.discussion import (
    ITEM_TEXT_FIELDS,
    RecordedOpinion,
    SpeakingOrder,
    item_result,
    opinions,
    speaking_order_for,
)
from meetingdesk.services.meetings import Meeting, get_meeting, require_can_see, require_presides
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean
from meetingdesk.services.reports import Report, get_report


@dataclass(frozen=True)
class Amendment:
    id: int
    agenda_item_id: int | None
    target: str
    before: str
    after: str
    reason: str
    made_by: str
    made_at: datetime


@dataclass(frozen=True)
class ItemRecord:
    item: AgendaItem
    report: Report
    quorum: QuorumCheck
    absences: list[ItemAbsence]
    order: SpeakingOrder
    opinions: list[RecordedOpinion]
    result: ItemResult

    @property
    def rounds(self) -> list[int]:
        return sorted({o.round for o in self.opinions})


@dataclass(frozen=True)
class MeetingRecord:
    """Everything the 会议记录 holds, computed from the database (nothing typed twice)."""

    meeting: Meeting
    attendees: list[Attendee]
    invitees: list[Invitee]
    quorum: QuorumCheck
    items: list[ItemRecord]
    amendments: list[Amendment] = field(default_factory=list)


def meeting_record(desk: Desk, actor: Actor, meeting_id: int) -> MeetingRecord:
    require(actor, "read")
    require_can_see(desk, actor, meeting_id)
    meeting = get_meeting(desk, meeting_id)
    items = [
        ItemRecord(
            item=i,
            report=get_report(desk, i.report_id),
            quorum=item_quorum(desk, i.id),
            absences=item_absences(desk, i.id),
            order=speaking_order_for(desk, i.id),
            opinions=opinions(desk, i.id),
            result=item_result(desk, i.id),
        )
        for i in agenda(desk, meeting_id)
    ]
    return MeetingRecord(
        meeting=meeting,
        attendees=attendees(desk, meeting_id),
        invitees=invitees(desk, meeting_id),
        quorum=meeting_quorum(desk, meeting_id),
        items=items,
        amendments=list_amendments(desk, meeting_id),
    )


def circulate_minutes(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    """Send the draft round for participants to review (传阅)."""
    require(actor, "meeting.record")
    m = get_meeting(desk, meeting_id)
    if m.state != "held":
        raise StateError(_("会议结束后才能传阅会议记录。"))
    if m.minutes_state != "draft":
        raise StateError(_("会议记录当前为“{minutes_state_label}”。").format(minutes_state_label=m.minutes_state_label))
    with desk.write(actor, "minutes.circulate") as tx:
        tx.update("meetings", {"id": meeting_id}, {"minutes_state": "circulating", "updated_at": tx.now})
    return get_meeting(desk, meeting_id)


def reopen_minutes(desk: Desk, actor: Actor, meeting_id: int) -> Meeting:
    """Back from 传阅 to 草稿 when reviewers ask for changes."""
    require(actor, "meeting.record")
    m = get_meeting(desk, meeting_id)
    if m.minutes_state != "circulating":
        raise StateError(_("只有传阅中的会议记录可以退回草稿。"))
    with desk.write(actor, "minutes.reopen") as tx:
        tx.update("meetings", {"id": meeting_id}, {"minutes_state": "draft", "updated_at": tx.now})
    return get_meeting(desk, meeting_id)


def finalisation_problems(desk: Desk, meeting_id: int) -> list[str]:
    """Why the minutes cannot be final yet (empty when they can)."""
    m = get_meeting(desk, meeting_id)
    problems = []
    if m.state != "held":
        problems.append(_("会议尚未结束"))
    for i in agenda(desk, meeting_id):
        if i.status != "discussed":
            continue
        q = item_quorum(desk, i.id)
        if not q.met:
            problems.append(
                _("议题{position}（{case_number}）未达到法定人数：{explain}").format(
                    position=i.position, case_number=i.case_number, explain=q.explain()
                )
            )
        if not desk.one("SELECT 1 FROM opinions WHERE agenda_item_id = ?", (i.id,)):
            problems.append(
                _("议题{position}（{case_number}）没有发言记录").format(position=i.position, case_number=i.case_number)
            )
    return problems


def finalise_minutes(desk: Desk, actor: Actor, meeting_id: int, *, on_behalf: bool = False) -> Meeting:
    """定稿 by the presider (or the secretary on the presider's behalf, recorded); locks the record."""
    require(actor, "minutes.finalise")
    if actor.role == "secretary" and not on_behalf:
        raise PermissionDeniedError(_("会议记录由主持人定稿；会议秘书代为办理时请选择“代主持人定稿”。"))
    require_presides(desk, actor, meeting_id)
    on_behalf = on_behalf and actor.role == "secretary"
    m = get_meeting(desk, meeting_id)
    if m.minutes_state == "final":
        raise StateError(_("会议记录已定稿。"))
    problems = finalisation_problems(desk, meeting_id)
    if problems:
        raise StateError(
            _("会议记录暂不能定稿：")
            + _("；").join(problems)
            + _("。未达法定人数的议题可改为“暂缓”另行安排，或将会议记为流会。")
        )
    year = m.starts_at.year
    seq = int(desk.scalar("SELECT COALESCE(MAX(summary_seq), 0) + 1 FROM meetings WHERE summary_year = ?", (year,)))
    with desk.write(actor, "minutes.finalise" + (".on_behalf" if on_behalf else "")) as tx:
        tx.update(
            "meetings",
            {"id": meeting_id},
            {
                "minutes_state": "final",
                "minutes_finalised_by": actor.user_id,
                "minutes_finalised_at": tx.now,
                "summary_year": m.summary_year or year,
                "summary_seq": m.summary_seq or seq,
                "updated_at": tx.now,
            },
        )
    return get_meeting(desk, meeting_id)


def amend(
    desk: Desk,
    actor: Actor,
    meeting_id: int,
    *,
    reason: str,
    item_id: int | None = None,
    field_name: str | None = None,
    opinion_id: int | None = None,
    stance: str | None = None,
    reasons_text: str | None = None,
    value: str | None = None,
) -> Amendment:
    """Correct final minutes. The change is applied and the amendment (before, after, why, who) kept.

    Either ``item_id`` + ``field_name`` + ``value`` (item prose) or ``opinion_id`` with a new
    ``stance`` and/or ``reasons_text``.
    """
    require(actor, "minutes.amend")
    require_presides(desk, actor, meeting_id)
    m = get_meeting(desk, meeting_id)
    if m.minutes_state != "final":
        raise StateError(_("会议记录尚未定稿，可直接修改，无需更正记录。"))
    if not clean(reason):
        raise ValidationError(_("请写明更正理由。"), "reason")
    with desk.write(actor, "minutes.amend") as tx:
        if opinion_id is not None:
            op = desk.get("opinions", opinion_id, what=_("发言记录"))
            item = desk.get("agenda_items", op["agenda_item_id"], what=_("议题"))
            if item["meeting_id"] != meeting_id:
                raise ValidationError(_("该发言不属于本次会议。"))
            changes: dict[str, str] = {}
            if stance is not None:
                if not is_valid_stance(stance):
                    raise ValidationError(_("意见类型无效。"), "stance")
                changes["stance"] = stance
            if reasons_text is not None:
                changes["reasons"] = clean(reasons_text)
            if not changes:
                raise ValidationError(_("没有需要更正的内容。"))
            before = {k: op[k] for k in changes}
            tx.update("opinions", {"id": opinion_id}, {**changes, "updated_at": tx.now})
            aid = tx.insert(
                "amendments",
                {
                    "meeting_id": meeting_id,
                    "agenda_item_id": item["id"],
                    "target": f"opinion:{opinion_id}",
                    "before": _show(before),
                    "after": _show(changes),
                    "reason": clean(reason),
                    "made_by": actor.user_id,
                    "made_at": tx.now,
                },
            )
        else:
            if item_id is None or field_name not in ITEM_TEXT_FIELDS or value is None:
                raise ValidationError(_("请指明要更正的议题内容。"))
            item = desk.get("agenda_items", item_id, what=_("议题"))
            if item["meeting_id"] != meeting_id:
                raise ValidationError(_("该议题不属于本次会议。"))
            tx.update("agenda_items", {"id": item_id}, {field_name: clean(value)})
            aid = tx.insert(
                "amendments",
                {
                    "meeting_id": meeting_id,
                    "agenda_item_id": item_id,
                    "target": f"item.{field_name}",
                    "before": str(item[field_name]),
                    "after": clean(value),
                    "reason": clean(reason),
                    "made_by": actor.user_id,
                    "made_at": tx.now,
                },
            )
    return next(a for a in list_amendments(desk, meeting_id) if a.id == aid)


def _show(values: dict[str, str]) -> str:
    from meetingdesk.domain.opinions import stance_label

    parts = []
    for k, v in values.items():
        parts.append(f"意见：{stance_label(v)}" if k == "stance" else f"理由：{v}")
    return "；".join(parts)


def list_amendments(desk: Desk, meeting_id: int) -> list[Amendment]:
    rows = desk.query(
        "SELECT a.*, COALESCE(u.display_name, u.username, '') AS made_by_name FROM amendments a"
        " LEFT JOIN users u ON u.id = a.made_by WHERE a.meeting_id = ? ORDER BY a.id",
        (meeting_id,),
    )
    return [
        Amendment(
            r["id"],
            r["agenda_item_id"],
            r["target"],
            r["before"],
            r["after"],
            r["reason"],
            r["made_by_name"],
            datetime.fromisoformat(r["made_at"]),
        )
        for r in rows
    ]
