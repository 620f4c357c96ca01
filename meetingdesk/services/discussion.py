"""During the meeting: who speaks in which order, what each said, and the computed result."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from meetingdesk.domain.opinions import ItemResult, Opinion, compute_result, is_valid_stance, standard_stances
from meetingdesk.domain.speaking_order import Speaker, order_reasons, speaking_order
from meetingdesk.errors import StateError, ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.services.actor import Actor
from meetingdesk.services.attendance import item_quorum
from meetingdesk.services.desk import Desk, Row
from meetingdesk.services.meetings import Meeting, get_meeting
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean

ITEM_TEXT_FIELDS = {
    "presentation": N_("承办法官汇报"),
    "questions_answers": N_("提问与回答"),
    "presider_summary": N_("主持人总结"),
    "conclusion": N_("讨论意见"),
}


@dataclass(frozen=True)
class SpeakerSlot:
    """A speaker in the item's order, with why they stand there."""

    position: int
    speaker: Speaker
    judge_id: int | None
    invitee_id: int | None
    why: str

    @property
    def key(self) -> str:
        return self.speaker.key

    @property
    def name(self) -> str:
        return self.speaker.name


@dataclass(frozen=True)
class RecordedOpinion:
    id: int
    round: int
    speaker_key: str
    name: str
    is_invitee: bool
    stance: str
    reasons: str


@dataclass(frozen=True)
class SpeakingOrder:
    slots: list[SpeakerSlot]
    overridden: bool
    reason: str


def _item_and_meeting(desk: Desk, item_id: int) -> tuple[Row, Meeting]:
    item = desk.get("agenda_items", item_id, what=_("议题"))
    return item, get_meeting(desk, int(item["meeting_id"]))


def _eligible(desk: Desk, item_id: int) -> dict[str, tuple[Speaker, int | None, int | None]]:
    _item, meeting = _item_and_meeting(desk, item_id)
    away = {
        r["judge_id"] for r in desk.query("SELECT judge_id FROM item_absences WHERE agenda_item_id = ?", (item_id,))
    }
    people: dict[str, tuple[Speaker, int | None, int | None]] = {}
    for r in desk.query(
        "SELECT j.* FROM attendance a JOIN judges j ON j.id = a.judge_id"
        " WHERE a.meeting_id = ? AND a.status = 'present'",
        (meeting.id,),
    ):
        if r["id"] in away:
            continue
        key = f"judge:{r['id']}"
        people[key] = (
            Speaker(
                key=key,
                name=r["name"],
                grade=r["grade"],
                promoted_on=date.fromisoformat(r["grade_since"]) if r["grade_since"] else None,
                is_presider=r["id"] == meeting.presider_id,
            ),
            r["id"],
            None,
        )
    if (
        meeting.presider_id is not None
        and f"judge:{meeting.presider_id}" not in people
        and meeting.presider_id not in away
    ):
        r2 = desk.one("SELECT * FROM judges WHERE id = ?", (meeting.presider_id,))
        if r2 is not None:
            key = f"judge:{r2['id']}"
            people[key] = (Speaker(key, r2["name"], r2["grade"], None, is_presider=True), r2["id"], None)
    for r in desk.query("SELECT * FROM meeting_invitees WHERE meeting_id = ? AND attended = 1", (meeting.id,)):
        key = f"invitee:{r['id']}"
        people[key] = (Speaker(key=key, name=r["name"], is_invitee=True), None, r["id"])
    return people


def speaking_order_for(desk: Desk, item_id: int) -> SpeakingOrder:
    """The rule's order (列席 → members by grade → presider), or the recorded override."""
    item, _m = _item_and_meeting(desk, item_id)
    people = _eligible(desk, item_id)
    rule = speaking_order(p[0] for p in people.values())
    overridden = bool(item["speaking_order"])
    if overridden:
        wanted = [k for k in json.loads(str(item["speaking_order"])) if k in people]
        rest = [s for s in rule if s.key not in wanted]
        ordered = [people[k][0] for k in wanted] + rest
    else:
        ordered = rule
    whys = order_reasons(ordered)
    slots = [SpeakerSlot(i + 1, s, people[s.key][1], people[s.key][2], whys[i]) for i, s in enumerate(ordered)]
    return SpeakingOrder(slots, overridden, str(item["speaking_order_reason"] or ""))


def _recordable(desk: Desk, item_id: int) -> Meeting:
    _item, meeting = _item_and_meeting(desk, item_id)
    if meeting.state not in ("in_progress", "held"):
        raise StateError(
            _("会议尚未开始，不能记录发言。")
            if meeting.state in ("planned", "notified")
            else _("会议已{state_label}。").format(state_label=meeting.state_label)
        )
    if meeting.locked:
        raise StateError(_("会议记录已定稿，不能直接修改；如需更正，请以更正记录方式办理。"))
    return meeting


def reorder_speakers(desk: Desk, actor: Actor, item_id: int, keys: list[str] | None, reason: str = "") -> SpeakingOrder:
    """Depart from the rule's order, with a recorded reason; ``keys=None`` restores the rule."""
    require(actor, "meeting.record")
    _recordable(desk, item_id)
    if keys is not None:
        if not clean(reason):
            raise ValidationError(_("调整发言顺序须写明理由。"), "reason")
        eligible = set(_eligible(desk, item_id))
        if set(keys) != eligible or len(keys) != len(eligible):
            raise ValidationError(_("发言名单已变化，请刷新后再调整。"))
    with desk.write(actor, "speaking_order.set") as tx:
        tx.update(
            "agenda_items",
            {"id": item_id},
            {
                "speaking_order": json.dumps(keys) if keys is not None else None,
                "speaking_order_reason": clean(reason) if keys is not None else "",
            },
        )
    return speaking_order_for(desk, item_id)


def stances_for(desk: Desk, item_id: int) -> list[str]:
    item = desk.get("agenda_items", item_id, what=_("议题"))
    labels = [
        r["label"] for r in desk.query("SELECT label FROM report_options WHERE report_id = ?", (item["report_id"],))
    ]
    return standard_stances(sorted(labels))


def record_opinion(
    desk: Desk,
    actor: Actor,
    item_id: int,
    speaker_key: str,
    stance: str,
    reasons: str = "",
    round_no: int = 1,
) -> RecordedOpinion:
    """Record (or replace) one speaker's opinion for a round."""
    require(actor, "meeting.record")
    _recordable(desk, item_id)
    people = _eligible(desk, item_id)
    if speaker_key not in people:
        raise ValidationError(_("该人员不在本议题的发言名单中（未出席、已回避或非参会人员）。"), "speaker")
    if not is_valid_stance(stance) or stance not in stances_for(desk, item_id):
        raise ValidationError(_("请选择有效的意见类型。"), "stance")
    if not 1 <= round_no <= 9:
        raise ValidationError(_("发言轮次应为1至9。"), "round")
    if round_no > 1 and not desk.one(
        "SELECT 1 FROM opinions WHERE agenda_item_id = ? AND round = ?", (item_id, round_no - 1)
    ):
        raise ValidationError(
            _("第{previous}轮尚无发言记录，不能直接记录第{round_no}轮。").format(
                previous=round_no - 1, round_no=round_no
            ),
            "round",
        )
    _speaker, judge_id, invitee_id = people[speaker_key]
    existing = desk.one(
        "SELECT id FROM opinions WHERE agenda_item_id = ? AND round = ? AND speaker_key = ?",
        (item_id, round_no, speaker_key),
    )
    with desk.write(actor, "opinion.record") as tx:
        values = {"stance": stance, "reasons": clean(reasons), "updated_at": tx.now}
        if existing:
            tx.update("opinions", {"id": existing["id"]}, values)
            oid = int(existing["id"])
        else:
            oid = tx.insert(
                "opinions",
                {
                    "agenda_item_id": item_id,
                    "round": round_no,
                    "speaker_key": speaker_key,
                    "judge_id": judge_id,
                    "invitee_id": invitee_id,
                    **values,
                },
            )
        tx.update("agenda_items", {"id": item_id, "status": "pending"}, {"status": "discussing"})
    return next(o for o in opinions(desk, item_id) if o.id == oid)


def delete_opinion(desk: Desk, actor: Actor, opinion_id: int) -> None:
    require(actor, "meeting.record")
    row = desk.get("opinions", opinion_id, what=_("发言记录"))
    _recordable(desk, int(row["agenda_item_id"]))
    with desk.write(actor, "opinion.delete") as tx:
        tx.delete("opinions", {"id": opinion_id})


def opinions(desk: Desk, item_id: int) -> list[RecordedOpinion]:
    """All opinions of an item: by round, then in speaking order."""
    order = {s.key: s.position for s in speaking_order_for(desk, item_id).slots}
    rows = desk.query(
        "SELECT o.*, COALESCE(j.name, i.name) AS name FROM opinions o"
        " LEFT JOIN judges j ON j.id = o.judge_id LEFT JOIN meeting_invitees i ON i.id = o.invitee_id"
        " WHERE o.agenda_item_id = ?",
        (item_id,),
    )
    result = [
        RecordedOpinion(
            r["id"],
            r["round"],
            r["speaker_key"],
            r["name"],
            r["invitee_id"] is not None,
            r["stance"],
            r["reasons"],
        )
        for r in rows
    ]
    return sorted(result, key=lambda o: (o.round, order.get(o.speaker_key, 999), o.id))


def item_result(desk: Desk, item_id: int) -> ItemResult:
    """多数意见 / 少数意见 / 未形成多数意见, computed from members' latest stances."""
    ops = [Opinion(o.speaker_key, o.name, o.stance, o.reasons, o.round, o.is_invitee) for o in opinions(desk, item_id)]
    return compute_result(ops, item_quorum(desk, item_id).counted)


def set_item_texts(desk: Desk, actor: Actor, item_id: int, **texts: str) -> None:
    """Edit the item's prose (汇报、问答、主持人总结、讨论意见) while the minutes are not final."""
    require(actor, "meeting.record")
    unknown = set(texts) - set(ITEM_TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("未知字段：{fields}").format(fields=_("、").join(sorted(unknown))))
    _item, meeting = _item_and_meeting(desk, item_id)
    if meeting.locked:
        raise StateError(_("会议记录已定稿，不能直接修改；如需更正，请以更正记录方式办理。"))
    if meeting.state in ("cancelled", "adjourned"):
        raise StateError(_("会议已{state_label}。").format(state_label=meeting.state_label))
    with desk.write(actor, "item.texts") as tx:
        tx.update("agenda_items", {"id": item_id}, {k: clean(v) for k, v in texts.items()})


def set_item_status(desk: Desk, actor: Actor, item_id: int, status: str) -> None:
    """Move the meeting on: 讨论中, 已讨论, or 暂缓 (deferred to a later meeting)."""
    require(actor, "meeting.record")
    if status not in ("pending", "discussing", "discussed", "deferred"):
        raise ValidationError(_("议题状态无效。"))
    _recordable(desk, item_id)
    if status == "discussed" and not desk.one("SELECT 1 FROM opinions WHERE agenda_item_id = ?", (item_id,)):
        raise StateError(_("尚未记录任何发言，不能标记为已讨论。"))
    with desk.write(actor, "item.status") as tx:
        tx.update("agenda_items", {"id": item_id}, {"status": status})
