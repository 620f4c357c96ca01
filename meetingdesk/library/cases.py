"""Reference cases (参考性案例) and imported judgments: create, edit, move through 草稿 → 审核 → 发布.

Every write goes through ``desk.write`` and then updates the search index (:func:`search.index.sync`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from meetingdesk.domain.case_number import normalise_text
from meetingdesk.errors import ConflictError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.charges import case_charges
from meetingdesk.library.choices import (
    CASE_STATUSES,
    CATEGORIES,
    DEFAULT_TIER,
    MAX_KEYWORDS,
    NEXT_STATUS,
    TIERS,
    tier_label,
)
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Tx
from meetingdesk.services.permissions import require

_KEYWORD_SPLIT = re.compile(r"[，,；;、\s]+")


@dataclass(frozen=True)
class CaseInput:
    """The editable fields of a reference case (SPC guiding-case layout plus provenance)."""

    title: str
    keywords: tuple[str, ...] = ()
    key_points: str = ""
    articles: str = ""
    facts: str = ""
    result: str = ""
    reasoning: str = ""
    full_text: str = ""
    case_numbers: tuple[str, ...] = ()
    court: str = ""
    decided_on: str | None = None
    cause: str = ""
    category: str = "reference"
    tier: int | None = None  # None: the category's usual tier
    issuer: str = ""
    issued_on: str | None = None
    issue_no: str = ""
    source: str = ""
    source_ref: str = ""
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    notes: str = ""
    charges: tuple[str, ...] | None = None  # None: recognised from the result, cause and title


@dataclass(frozen=True)
class ReferenceCase(CaseInput):
    id: int = 0
    status: str = "draft"
    revision: int = 1
    created_at: str = ""
    updated_at: str = ""
    charges: tuple[str, ...] | None = field(default=())

    @property
    def category_label(self) -> str:
        return CATEGORIES.label(self.category)

    @property
    def tier_label(self) -> str:
        return tier_label(self.tier or 5)

    @property
    def status_label(self) -> str:
        return CASE_STATUSES.label(self.status)

    @property
    def case_number(self) -> str:
        """The last instance's 案号 (the one usually cited), or ''."""
        return self.case_numbers[-1] if self.case_numbers else ""


def sync_index(desk: Desk) -> None:
    """Bring the search index in line after a write (imported here: whoosh loads only when needed)."""
    from meetingdesk.search import index

    index.sync(desk)


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords typed as one line ("盗窃；入户；数额") → a tuple, keeping order, without repeats."""
    out: list[str] = []
    for k in _KEYWORD_SPLIT.split(text):
        if k and k not in out:
            out.append(k)
    return tuple(out)


def _check_date(value: str | None, what: str, field_name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ValidationError(
            _("{what}“{value}”不是有效日期，请写作 2026-03-05。").format(what=what, value=value), field_name
        ) from None


def content_hash(data: CaseInput) -> str:
    """Two records with the same text (ignoring white space) are the same case."""
    body = data.full_text or "\n".join((data.title, data.facts, data.reasoning, data.result, data.key_points))
    return hashlib.sha256("".join(body.split()).encode("utf-8")).hexdigest()


def validate(data: CaseInput) -> CaseInput:
    """Check and normalise; raise ValidationError naming the field to fix."""
    title = data.title.strip()
    if not title:
        raise ValidationError(_("请填写案例标题（如“某某诉某某买卖合同纠纷案”或“被告人某某盗窃案”）。"), "title")
    if data.category not in CATEGORIES:
        raise ValidationError(_("案例类别“{c}”无效。").format(c=data.category), "category")
    tier = data.tier if data.tier is not None else DEFAULT_TIER[data.category]
    if tier not in TIERS:
        raise ValidationError(_("效力层级应为 1 至 5。"), "tier")
    keywords = tuple(k.strip() for k in data.keywords if k.strip())
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            _("关键词最多 {n} 个（由宽到窄排列），现有 {m} 个。").format(n=MAX_KEYWORDS, m=len(keywords)),
            "keywords",
        )
    numbers = tuple(normalise_text(n) for n in data.case_numbers if n.strip())
    charges = data.charges
    if charges is None:
        charges = tuple(case_charges(cause=data.cause, result=data.result, title=title))
    return replace(
        data,
        title=title,
        keywords=keywords,
        case_numbers=numbers,
        tier=tier,
        decided_on=_check_date(data.decided_on, _("裁判日期"), "decided_on"),
        issued_on=_check_date(data.issued_on, _("发布日期"), "issued_on"),
        charges=tuple(charges),
        court=data.court.strip(),
        cause=data.cause.strip(),
    )


def _row_values(data: CaseInput) -> dict[str, Any]:
    values = asdict(data)
    for key in ("keywords", "case_numbers", "charges"):
        values[key] = json.dumps(list(values[key] or ()), ensure_ascii=False)
    values["content_hash"] = content_hash(data)
    return values


def insert_case(tx: Tx, data: CaseInput, *, status: str = "draft", digest_audit: bool = False) -> int:
    """Insert a validated case inside the caller's transaction (used by import and the services)."""
    values = _row_values(data)
    dup = tx.desk.one("SELECT id, title FROM library_cases WHERE content_hash = ?", (values["content_hash"],))
    if dup is not None:
        raise ConflictError(_("案例库中已有相同内容的案例：“{t}”（编号{i}）。").format(t=dup["title"], i=dup["id"]))
    values.update(status=status, revision=1, created_by=tx.actor.user_id, created_at=tx.now, updated_at=tx.now)
    return tx.insert("library_cases", values, digest_only=digest_audit)


def create_case(desk: Desk, actor: Actor, data: CaseInput) -> int:
    """Add a case as a draft (草稿); returns its id."""
    require(actor, "library.edit")
    clean = validate(data)
    with desk.write(actor, "library.case.create") as tx:
        case_id = insert_case(tx, clean)
    sync_index(desk)
    return case_id


def update_case(desk: Desk, actor: Actor, case_id: int, data: CaseInput) -> None:
    """Edit a draft or a case under review; a published case must be withdrawn to 审核 first."""
    require(actor, "library.edit")
    clean = validate(data)
    current = get_case(desk, case_id)
    if current.status == "published":
        raise StateError(_("已发布的案例不能直接修改，请先撤回至“审核”状态。"))
    values = _row_values(clean)
    dup = desk.one(
        "SELECT id, title FROM library_cases WHERE content_hash = ? AND id <> ?",
        (values["content_hash"], case_id),
    )
    if dup is not None:
        raise ConflictError(_("案例库中已有相同内容的案例：“{t}”（编号{i}）。").format(t=dup["title"], i=dup["id"]))
    with desk.write(actor, "library.case.update") as tx:
        values.update(revision=current.revision + 1, updated_at=tx.now)
        tx.update("library_cases", {"id": case_id}, values)
    sync_index(desk)


def set_case_status(desk: Desk, actor: Actor, case_id: int, status: str) -> None:
    """Move a case along 草稿 → 审核 → 发布 (or back); publishing needs ``library.publish``."""
    current = get_case(desk, case_id)
    if status not in NEXT_STATUS.get(current.status, ()):
        raise StateError(
            _("案例当前为“{a}”，不能改为“{b}”。").format(
                a=CASE_STATUSES.label(current.status),
                b=CASE_STATUSES.label(status) if status in CASE_STATUSES else status,
            )
        )
    require(actor, "library.publish" if "published" in (status, current.status) else "library.edit")
    with desk.write(actor, f"library.case.{status}") as tx:
        tx.update(
            "library_cases",
            {"id": case_id},
            {"status": status, "revision": current.revision + 1, "updated_at": tx.now},
        )
    sync_index(desk)


def delete_case(desk: Desk, actor: Actor, case_id: int) -> None:
    """Remove a case that is not published (a published one is withdrawn first)."""
    require(actor, "library.edit")
    if get_case(desk, case_id).status == "published":
        raise StateError(_("已发布的案例不能删除，请先撤回至“审核”状态。"))
    with desk.write(actor, "library.case.delete") as tx:
        tx.delete("library_cases", {"id": case_id})
    sync_index(desk)


def to_case(row: dict[str, Any]) -> ReferenceCase:
    values = dict(row)
    for key in ("keywords", "case_numbers", "charges"):
        try:
            values[key] = tuple(json.loads(values[key] or "[]"))
        except json.JSONDecodeError:
            values[key] = ()
    values.pop("content_hash", None)
    values.pop("created_by", None)
    return ReferenceCase(**values)


def get_case(desk: Desk, case_id: int) -> ReferenceCase:
    return to_case(desk.get("library_cases", case_id, what=_("案例")))


def list_cases(
    desk: Desk, *, status: str | None = None, category: str | None = None, limit: int = 200, offset: int = 0
) -> list[ReferenceCase]:
    """Cases newest first (for the library page's browse list)."""
    where, params = [], []
    if status:
        where.append("status = ?")
        params.append(status)
    if category:
        where.append("category = ?")
        params.append(category)
    sql = "SELECT * FROM library_cases" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY coalesce(decided_on, created_at) DESC, id DESC LIMIT ? OFFSET ?"
    return [to_case(r) for r in desk.query(sql, (*params, limit, offset))]
