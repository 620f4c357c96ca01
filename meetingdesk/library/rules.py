"""裁判规则: a short rule statement distilled from one or more discussed items, searchable like cases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from meetingdesk.errors import StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.cases import sync_index
from meetingdesk.library.choices import CASE_STATUSES, MAX_KEYWORDS, NEXT_STATUS
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Tx
from meetingdesk.services.permissions import require


@dataclass(frozen=True)
class RuleInput:
    title: str
    statement: str
    cause: str = ""  # scope: 案由 / 罪名
    articles: str = ""  # scope: 法条
    keywords: tuple[str, ...] = ()
    explanation: str = ""
    item_ids: tuple[int, ...] = ()  # sources: discussed agenda items
    case_ids: tuple[int, ...] = ()  # sources: library cases


@dataclass(frozen=True)
class Rule(RuleInput):
    id: int = 0
    status: str = "draft"
    revision: int = 1
    updated_at: str = ""

    @property
    def status_label(self) -> str:
        return CASE_STATUSES.label(self.status)


def _validate(data: RuleInput) -> None:
    if not data.title.strip():
        raise ValidationError(_("请填写裁判规则的标题。"), "title")
    if not data.statement.strip():
        raise ValidationError(_("请填写规则内容（一两句话概括裁判规则）。"), "statement")
    if len(data.keywords) > MAX_KEYWORDS:
        raise ValidationError(_("关键词最多 {n} 个。").format(n=MAX_KEYWORDS), "keywords")
    if not data.item_ids and not data.case_ids:
        raise ValidationError(_("请至少注明一个来源（讨论过的议程事项或参考案例）。"), "sources")


def _values(data: RuleInput) -> dict[str, object]:
    return {
        "title": data.title.strip(),
        "statement": data.statement.strip(),
        "cause": data.cause.strip(),
        "articles": data.articles.strip(),
        "keywords": json.dumps(list(data.keywords), ensure_ascii=False),
        "explanation": data.explanation,
    }


def _write_sources(tx: Tx, rule_id: int, data: RuleInput) -> None:
    tx.delete("library_rule_sources", {"rule_id": rule_id})
    for item_id in dict.fromkeys(data.item_ids):
        tx.desk.get("agenda_items", item_id, what=_("议程事项"))
        tx.insert("library_rule_sources", {"rule_id": rule_id, "agenda_item_id": item_id})
    for case_id in dict.fromkeys(data.case_ids):
        tx.desk.get("library_cases", case_id, what=_("案例"))
        tx.insert("library_rule_sources", {"rule_id": rule_id, "case_id": case_id})


def create_rule(desk: Desk, actor: Actor, data: RuleInput) -> int:
    require(actor, "library.edit")
    _validate(data)
    with desk.write(actor, "library.rule.create") as tx:
        rule_id = tx.insert(
            "library_rules",
            {
                **_values(data),
                "status": "draft",
                "revision": 1,
                "created_by": actor.user_id,
                "created_at": tx.now,
                "updated_at": tx.now,
            },
        )
        _write_sources(tx, rule_id, data)
    sync_index(desk)
    return rule_id


def update_rule(desk: Desk, actor: Actor, rule_id: int, data: RuleInput) -> None:
    require(actor, "library.edit")
    _validate(data)
    current = get_rule(desk, rule_id)
    if current.status == "published":
        raise StateError(_("已发布的裁判规则不能直接修改，请先撤回至“审核”状态。"))
    with desk.write(actor, "library.rule.update") as tx:
        tx.update(
            "library_rules",
            {"id": rule_id},
            {**_values(data), "revision": current.revision + 1, "updated_at": tx.now},
        )
        _write_sources(tx, rule_id, data)
    sync_index(desk)


def set_rule_status(desk: Desk, actor: Actor, rule_id: int, status: str) -> None:
    current = get_rule(desk, rule_id)
    if status not in NEXT_STATUS.get(current.status, ()):
        raise StateError(
            _("裁判规则当前为“{a}”，不能改为“{b}”。").format(a=CASE_STATUSES.label(current.status), b=status)
        )
    require(actor, "library.publish" if "published" in (status, current.status) else "library.edit")
    with desk.write(actor, f"library.rule.{status}") as tx:
        tx.update(
            "library_rules",
            {"id": rule_id},
            {"status": status, "revision": current.revision + 1, "updated_at": tx.now},
        )
    sync_index(desk)


def delete_rule(desk: Desk, actor: Actor, rule_id: int) -> None:
    require(actor, "library.edit")
    if get_rule(desk, rule_id).status == "published":
        raise StateError(_("已发布的裁判规则不能删除，请先撤回至“审核”状态。"))
    with desk.write(actor, "library.rule.delete") as tx:
        tx.delete("library_rule_sources", {"rule_id": rule_id})
        tx.delete("library_rules", {"id": rule_id})
    sync_index(desk)


def get_rule(desk: Desk, rule_id: int) -> Rule:
    row = desk.get("library_rules", rule_id, what=_("裁判规则"))
    sources = desk.query(
        "SELECT agenda_item_id, case_id FROM library_rule_sources WHERE rule_id = ? ORDER BY id", (rule_id,)
    )
    return Rule(
        title=row["title"],
        statement=row["statement"],
        cause=row["cause"],
        articles=row["articles"],
        keywords=tuple(json.loads(row["keywords"] or "[]")),
        explanation=row["explanation"],
        item_ids=tuple(s["agenda_item_id"] for s in sources if s["agenda_item_id"] is not None),
        case_ids=tuple(s["case_id"] for s in sources if s["case_id"] is not None),
        id=row["id"],
        status=row["status"],
        revision=row["revision"],
        updated_at=row["updated_at"],
    )


def list_rules(desk: Desk, *, status: str | None = None) -> list[Rule]:
    ids: Sequence[dict[str, object]] = desk.query(
        "SELECT id FROM library_rules" + (" WHERE status = ?" if status else "") + " ORDER BY id DESC",
        (status,) if status else (),
    )
    return [get_rule(desk, int(str(r["id"]))) for r in ids]
