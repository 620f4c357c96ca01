"""“生成参考性案例”: a draft reference case pre-filled from a discussed agenda item.

The draft takes the case report's fields and the meeting's computed result (多数意见/少数意见, never
typed by hand), worded as the advisory 参考意见 it is. The secretary then writes the 裁判要点 and
keywords, and the case goes through 审核 → 发布 like any other.
"""

from __future__ import annotations

import re

from meetingdesk.domain.opinions import Opinion, compute_result
from meetingdesk.errors import StateError
from meetingdesk.i18n import _, chinese
from meetingdesk.library.cases import CaseInput, create_case
from meetingdesk.library.charges import parse_charges
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk

_ROLE = re.compile(
    r"^(?:(?:再审申请人|被申请人|申请人|上诉人|被上诉人|原审被告人|原审原告|原审被告|被告人|原告|被告|第三人|罪犯)"
    r"(?:（[^）]*）)?[:：]?)+"
)
_SEGMENTS = re.compile(r"[；;\n]+")


def party_names(parties: str) -> list[str]:
    """Names in a 当事人 line ("上诉人（原审被告人）周某某；原公诉机关…" → ["周某某"]), prosecutors left out."""
    names = []
    for raw in _SEGMENTS.split(parties):
        seg = raw.strip()
        if not seg or "检察院" in seg or "公诉机关" in seg:
            continue
        name = _ROLE.sub("", seg).split("，")[0].split(",")[0].strip()
        if name:
            names.append(name)
    return names


def case_title(parties: str, cause: str, charges: list[str]) -> str:
    """An SPC-style title: "被告人某某盗窃案" for a criminal case, "某某诉某某买卖合同纠纷案" otherwise."""
    names = party_names(parties)
    if any(c.endswith("罪") for c in charges):
        crime = "、".join(c.removesuffix("罪") for c in charges)
        return f"被告人{'、'.join(names[:3])}{crime}案" if names else f"{crime}案"
    if len(names) >= 2:
        return f"{names[0]}诉{names[1]}{cause}案"
    return f"{names[0]}{cause}案" if names else f"{cause}案"


def item_result_summary(desk: Desk, agenda_item_id: int) -> str:
    """The computed result of an item's discussion, in one line (多数意见… / 未形成多数意见…)."""
    item = desk.get("agenda_items", agenda_item_id, what=_("议程事项"))
    present = {
        r["judge_id"]
        for r in desk.query(
            "SELECT judge_id FROM attendance WHERE meeting_id = ? AND status = 'present'",
            (item["meeting_id"],),
        )
    }
    away = {
        r["judge_id"]
        for r in desk.query("SELECT judge_id FROM item_absences WHERE agenda_item_id = ?", (agenda_item_id,))
    }
    rows = desk.query(
        "SELECT o.speaker_key, o.stance, o.reasons, o.round, o.invitee_id,"
        " coalesce(j.name, i.name, '') AS name FROM opinions o LEFT JOIN judges j ON j.id = o.judge_id"
        " LEFT JOIN meeting_invitees i ON i.id = o.invitee_id"
        " WHERE o.agenda_item_id = ? ORDER BY o.round, o.id",
        (agenda_item_id,),
    )
    opinions = [
        Opinion(r["speaker_key"], r["name"], r["stance"], r["reasons"], r["round"], r["invitee_id"] is not None)
        for r in rows
    ]
    return compute_result(opinions, len(present - away)).summary()


def cases_from_item(desk: Desk, agenda_item_id: int) -> list[int]:
    """Ids of the reference cases already drafted from this agenda item, oldest first."""
    rows = desk.query("SELECT id FROM library_cases WHERE agenda_item_id = ? ORDER BY id", (agenda_item_id,))
    return [int(r["id"]) for r in rows]


def draft_from_item(desk: Desk, actor: Actor, agenda_item_id: int) -> int:
    """Create a 草稿 reference case from a discussed item; returns the new case's id.

    Raises:
        StateError: the item has not been discussed yet.
    """
    item = desk.get("agenda_items", agenda_item_id, what=_("议程事项"))
    if item["status"] != "discussed":
        raise StateError(_("该议程事项尚未讨论完毕，讨论后才能生成参考性案例。"))
    report = desk.get("reports", item["report_id"], what=_("案件报告"))
    meeting = desk.get("meetings", item["meeting_id"], what=_("会议"))
    body = desk.one("SELECT name FROM bodies WHERE id = ?", (meeting["body_id"],)) or {"name": ""}
    court = desk.one("SELECT court FROM judges WHERE id = ?", (report["reporting_judge_id"],)) or {"court": ""}
    with chinese():  # the draft is data (and goes into documents): Chinese whatever the interface language
        result = item_result_summary(desk, agenda_item_id)
    cause = report["cause"]
    charges = parse_charges(cause) if cause else []
    title = case_title(report["parties"], cause, charges)
    held = (meeting["actual_start"] or meeting["starts_at"] or "")[:10]
    reasoning_parts = [
        "{body}于{day}讨论本案，形成参考意见如下：".format(body=body["name"], day=held),
        result,
    ]
    if item["conclusion"]:
        reasoning_parts.append(item["conclusion"])
    if item["presider_summary"]:
        reasoning_parts.append("主持人总结：" + item["presider_summary"])
    questions = report["questions"] or report["issues"]
    data = CaseInput(
        title=title,
        key_points="",
        facts=report["facts"],
        reasoning="\n".join(p for p in reasoning_parts if p),
        result="（待填写：合议庭复议及裁判结果）",
        case_numbers=(report["case_number"],),
        court=court["court"],
        cause=cause,
        category="reference",
        tier=4,  # the court's own case until a higher court adopts it
        source="meeting",
        source_ref=f"item:{agenda_item_id}",
        meeting_id=item["meeting_id"],
        agenda_item_id=agenda_item_id,
        notes="争议焦点：" + (report["issues"] or "") + ("\n" + "提请讨论的问题：" + questions if questions else ""),
        charges=tuple(charges),
    )
    return create_case(desk, actor, data)
