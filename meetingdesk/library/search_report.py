"""类案检索报告 drafts (SPC 类案检索指导意见 arts. 四–八), stored as plain data for the documents work.

Data model (tables ``search_reports`` and ``search_report_rows``, migration 0002), as returned by
:func:`get_search_report`:

``SearchReport``
    ``report_id`` — the pending case's report (表 reports: 案号 ``case_number``, 案由 ``cause`` and
    承办法官 ``judge`` are read from it and copied here for rendering);
    ``searcher`` 检索主体; ``searched_at`` 检索时间 (ISO); ``platform`` 检索平台;
    ``methods`` 检索方法 — codes of :data:`SEARCH_METHODS` (keyword / article / case) with
    ``keywords`` and ``articles`` used; ``issues`` 待决案件争议焦点;
    ``rows`` — one :class:`SearchReportRow` per similar case; ``conclusion`` and ``has_conflict``
    (do the similar cases conflict with each other?); ``status`` draft / final.

``SearchReportRow``
    ``tier`` (1 指导性案例 … 4 上一级法院及本院生效裁判, 5 other), ``case_number``, ``court``,
    ``decided_on``, ``key_points`` 裁判要点, ``similarity`` 相似性分析, ``use`` 参照 / 参考 / 不参照
    (``follow`` / ``consult`` / ``not_follow``; 指导性案例 must be 参照 unless a reason is given) with
    ``use_reason``; ``case_id`` links to the library case (None if it was deleted since).

Rows are ordered by tier, then as the judge ticked them. A renderer needs nothing but this data.

Who may write one: whoever may edit the library (``library.edit``), and the pending case's own
承办法官 for their own report — the search is part of preparing the report (:func:`can_edit_search_reports`).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.errors import PermissionDeniedError, StateError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.cases import get_case
from meetingdesk.library.choices import REPORT_USES, SEARCH_METHODS, tier_label
from meetingdesk.progress import CancelFn, ProgressFn, never, no_progress, sub_progress
from meetingdesk.search.similar import SimilarResults, facts_band, result_keywords
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import sanitise_filename
from meetingdesk.services.permissions import allowed, require

if TYPE_CHECKING:
    from meetingdesk.services.attachments import Attachment
    from meetingdesk.services.desk import Tx

DEFAULT_PLATFORM = "MeetingDesk 参考案例库"


@dataclass(frozen=True)
class SearchReportRow:
    tier: int
    case_number: str
    court: str
    decided_on: str | None
    key_points: str
    similarity: str = ""
    use: str = "consult"
    use_reason: str = ""
    case_id: int | None = None
    title: str = ""

    @property
    def tier_label(self) -> str:
        return tier_label(self.tier)

    @property
    def use_label(self) -> str:
        return REPORT_USES.label(self.use)


@dataclass(frozen=True)
class SearchReport:
    id: int
    report_id: int
    case_number: str
    cause: str
    judge: str
    searcher: str
    searched_at: str
    platform: str
    methods: tuple[str, ...]
    keywords: tuple[str, ...]
    articles: tuple[str, ...]
    issues: str
    conclusion: str
    has_conflict: bool
    status: str
    rows: tuple[SearchReportRow, ...] = field(default=())
    attachment_id: int | None = None  # the case report's attachment made from it (附到案件报告), if still there

    @property
    def method_labels(self) -> list[str]:
        return [SEARCH_METHODS.label(m) for m in self.methods]


def can_edit_search_reports(desk: Desk, actor: Actor, report_id: int) -> bool:
    """May ``actor`` draft and edit 类案检索报告 for this case report?

    Library editors may for any report; a judge who may register reports (``report.create``) may for a
    report they are the 承办法官 of — the search is theirs to do — and for no other.
    """
    if allowed(actor, "library.edit"):
        return True
    if not allowed(actor, "report.create") or actor.judge_id is None:
        return False
    row = desk.one("SELECT reporting_judge_id FROM reports WHERE id = ?", (report_id,))
    return row is not None and row["reporting_judge_id"] == actor.judge_id


def require_search_report_edit(desk: Desk, actor: Actor, report_id: int) -> None:
    """Raise PermissionDeniedError unless :func:`can_edit_search_reports`."""
    desk.get("reports", report_id, what=_("案件报告"))
    if can_edit_search_reports(desk, actor, report_id):
        return
    if allowed(actor, "report.create"):
        raise PermissionDeniedError(
            _("当前账户“{name}”只能为本人承办的案件报告生成和修改类案检索报告。").format(name=actor.shown_name)
        )
    require(actor, "library.edit")


def _row_from_case(desk: Desk, case_id: int, similarity: str = "") -> SearchReportRow:
    case = get_case(desk, case_id)
    key_points = case.key_points or case.reasoning[:300]
    use = "follow" if case.tier == 1 else "consult"
    return SearchReportRow(
        tier=case.tier or 5,
        case_number=case.case_number,
        court=case.court,
        decided_on=case.decided_on,
        key_points=key_points,
        similarity=similarity,
        use=use,
        case_id=case.id,
        title=case.title,
    )


def create_search_report(
    desk: Desk,
    actor: Actor,
    report_id: int,
    case_ids: Sequence[int],
    *,
    results: SimilarResults | None = None,
    searcher: str = "",
    platform: str = DEFAULT_PLATFORM,
    articles: Sequence[str] = (),
) -> int:
    """Draft a 类案检索报告 for a case report from the hits the judge ticked; returns its id.

    Args:
        case_ids: the ticked library cases, in the judge's order (rows are grouped by tier).
        results: the similar-case search they came from: its terms and charges fill 检索方法.
    """
    require_search_report_edit(desk, actor, report_id)
    report = desk.get("reports", report_id, what=_("案件报告"))
    if not case_ids:
        raise ValidationError(_("请至少勾选一件类案。"), "case_ids")
    shared = {h.hit.id: h for h in results.hits} if results else {}
    rows = []
    for cid in dict.fromkeys(case_ids):
        h = shared.get(cid)
        similarity = ""
        if h is not None:
            parts = []
            if h.shared_charges:
                parts.append("罪名/案由相同：" + "、".join(h.shared_charges))  # stored text: Chinese
            # stored text: Chinese; the score is relative to the best hit, so say so (see FACTS_BANDS)
            parts.append(f"案情相似度{facts_band(h.facts_score)}（检索评分为本次检索最相似类案的{h.facts_score:.0%}）")
            similarity = "；".join(parts)
        rows.append(_row_from_case(desk, cid, similarity))
    rows.sort(key=lambda r: r.tier)
    methods = ["keyword", "case"] + (["article"] if articles else [])
    keywords = result_keywords(results, 10) if results else []
    with desk.write(actor, "search_report.create") as tx:
        sr_id = tx.insert(
            "search_reports",
            {
                "report_id": report_id,
                "searcher": searcher or actor.shown_name,
                "searched_at": tx.now,
                "platform": platform,
                "methods": json.dumps(methods),
                "keywords": json.dumps(keywords, ensure_ascii=False),
                "articles": json.dumps(list(articles), ensure_ascii=False),
                "issues": report["issues"],
                "conclusion": "",
                "has_conflict": 0,
                "status": "draft",
                "created_by": actor.user_id,
                "created_at": tx.now,
                "updated_at": tx.now,
            },
        )
        for pos, row in enumerate(rows, start=1):
            tx.insert(
                "search_report_rows",
                {
                    "search_report_id": sr_id,
                    "position": pos,
                    "case_id": row.case_id,
                    "tier": row.tier,
                    "case_number": row.case_number,
                    "court": row.court,
                    "decided_on": row.decided_on,
                    "key_points": row.key_points,
                    "similarity": row.similarity,
                    "use": row.use,
                    "use_reason": row.use_reason,
                },
            )
    return sr_id


def update_row(
    desk: Desk,
    actor: Actor,
    search_report_id: int,
    position: int,
    *,
    similarity: str,
    use: str,
    use_reason: str = "",
) -> None:
    """Edit one row's 相似性分析 and 参照/参考/不参照 (a guiding case not followed needs a reason)."""
    sr = get_search_report(desk, search_report_id)
    require_search_report_edit(desk, actor, sr.report_id)
    if sr.status == "final":
        raise StateError(_("类案检索报告已定稿，不能修改。"))
    if use not in REPORT_USES:
        raise ValidationError(_("适用方式应为参照、参考或不参照。"), "use")
    row = next((r for i, r in enumerate(sr.rows, start=1) if i == position), None)
    if row is None:
        raise ValidationError(_("该报告没有第{n}行。").format(n=position), "position")
    if row.tier == 1 and use != "follow" and not use_reason.strip():
        raise ValidationError(_("指导性案例应当参照；不参照时请写明理由（如案情不具有相似性）。"), "use_reason")
    with desk.write(actor, "search_report.update_row") as tx:
        tx.update(
            "search_report_rows",
            {"search_report_id": search_report_id, "position": position},
            {"similarity": similarity, "use": use, "use_reason": use_reason},
        )
        tx.update("search_reports", {"id": search_report_id}, {"updated_at": tx.now})


MAX_HEADER_TEXT = 200  # 检索主体, 检索平台, one keyword or article
MAX_HEADER_ITEMS = 30  # keywords, articles
MAX_ISSUES = 5000

_KEYWORD_SEPARATORS = re.compile(r"[、，,；;\s]+")
_ARTICLE_SEPARATORS = re.compile(r"[；;\n]+")


def split_keywords(text: str) -> list[str]:
    """检索关键词 as typed ("盗窃罪、分拣，托运") → distinct keywords, in order."""
    return list(dict.fromkeys(k for k in _KEYWORD_SEPARATORS.split(text) if k))


def split_articles(text: str) -> list[str]:
    """关联法条 as typed, one per line or separated by "；" (an article may itself contain "、")."""
    return list(dict.fromkeys(a.strip() for a in _ARTICLE_SEPARATORS.split(text) if a.strip()))


@dataclass(frozen=True)
class SearchReportHeader:
    """The editable header of a 类案检索报告 (SPC 类案检索指导意见 art. 八): who searched, when, where, how."""

    searcher: str
    searched_at: str  # ISO date or date and time
    platform: str
    methods: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    issues: str = ""


def header_of(sr: SearchReport) -> SearchReportHeader:
    return SearchReportHeader(
        searcher=sr.searcher,
        searched_at=sr.searched_at,
        platform=sr.platform,
        methods=sr.methods,
        keywords=sr.keywords,
        articles=sr.articles,
        issues=sr.issues,
    )


def update_header(desk: Desk, actor: Actor, search_report_id: int, header: SearchReportHeader) -> bool:
    """Correct the header: 检索主体, 检索时间, 检索平台, 检索方法 with the keywords and articles used, and
    the pending case's 争议焦点 as searched. Returns False when nothing changed (nothing is written).

    Same rule as the rows: library editors, or the 承办法官 for their own report; not once 定稿.
    """
    sr = get_search_report(desk, search_report_id)
    require_search_report_edit(desk, actor, sr.report_id)
    if sr.status == "final":
        raise StateError(_("类案检索报告已定稿，不能修改。"))
    clean = _valid_header(desk, header)
    if clean == header_of(sr):
        return False
    with desk.write(actor, "search_report.update_header") as tx:
        tx.update(
            "search_reports",
            {"id": search_report_id},
            {
                "searcher": clean.searcher,
                "searched_at": clean.searched_at,
                "platform": clean.platform,
                "methods": json.dumps(list(clean.methods)),
                "keywords": json.dumps(list(clean.keywords), ensure_ascii=False),
                "articles": json.dumps(list(clean.articles), ensure_ascii=False),
                "issues": clean.issues,
                "updated_at": tx.now,
            },
        )
    return True


def _valid_header(desk: Desk, h: SearchReportHeader) -> SearchReportHeader:
    """``h`` stripped and checked (ValidationError naming the field otherwise)."""
    searcher, platform = h.searcher.strip(), h.platform.strip()
    if not searcher:
        raise ValidationError(_("请填写检索主体（检索人）。"), "searcher")
    if not platform:
        raise ValidationError(_("请填写检索平台。"), "platform")
    for value, name in ((searcher, "searcher"), (platform, "platform")):
        if len(value) > MAX_HEADER_TEXT:
            raise ValidationError(_("内容过长（最多{n}个字）。").format(n=MAX_HEADER_TEXT), name)
    try:
        when = datetime.fromisoformat(h.searched_at.strip())
    except ValueError:
        message = _("检索时间“{value}”无法识别，请按“2026-11-23 09:30”的格式填写。").format(value=h.searched_at)
        raise ValidationError(message, "searched_at") from None
    when = when.replace(tzinfo=None)
    if when.date() > desk.now().date():
        raise ValidationError(_("检索时间不能晚于今天。"), "searched_at")
    methods = tuple(dict.fromkeys(h.methods))
    if not methods:
        raise ValidationError(_("请至少选择一种检索方法。"), "methods")
    for code in methods:
        if code not in SEARCH_METHODS:
            raise ValidationError(_("检索方法“{code}”无效。").format(code=code), "methods")
    methods = tuple(c for c in SEARCH_METHODS.codes() if c in methods)  # the paper's order
    keywords = tuple(dict.fromkeys(k.strip() for k in h.keywords if k.strip()))
    articles = tuple(dict.fromkeys(a.strip() for a in h.articles if a.strip()))
    if "keyword" in methods and not keywords:
        raise ValidationError(_("选择了关键词检索，请填写检索关键词。"), "keywords")
    if "article" in methods and not articles:
        raise ValidationError(_("选择了法条关联检索，请填写关联法条。"), "articles")
    for items, name in ((keywords, "keywords"), (articles, "articles")):
        if len(items) > MAX_HEADER_ITEMS:
            raise ValidationError(_("最多填写{n}项。").format(n=MAX_HEADER_ITEMS), name)
        if any(len(x) > MAX_HEADER_TEXT for x in items):
            raise ValidationError(_("内容过长（最多{n}个字）。").format(n=MAX_HEADER_TEXT), name)
    issues = h.issues.strip()
    if len(issues) > MAX_ISSUES:
        raise ValidationError(_("争议焦点过长（最多{n}个字）。").format(n=MAX_ISSUES), "issues")
    return SearchReportHeader(
        searcher=searcher,
        searched_at=when.isoformat(timespec="seconds"),
        platform=platform,
        methods=methods,
        keywords=keywords,
        articles=articles,
        issues=issues,
    )


def conclude(
    desk: Desk,
    actor: Actor,
    search_report_id: int,
    conclusion: str,
    *,
    has_conflict: bool,
    final: bool = False,
) -> None:
    """Write the conclusion (do the similar cases conflict?) and optionally finalise the draft."""
    sr = get_search_report(desk, search_report_id)
    require_search_report_edit(desk, actor, sr.report_id)
    if final and not conclusion.strip():
        raise ValidationError(_("定稿前请填写检索结论。"), "conclusion")
    if sr.status == "final":
        raise StateError(_("类案检索报告已定稿，不能修改。"))
    with desk.write(actor, "search_report.conclude") as tx:
        tx.update(
            "search_reports",
            {"id": search_report_id},
            {
                "conclusion": conclusion,
                "has_conflict": int(has_conflict),
                "status": "final" if final else "draft",
                "updated_at": tx.now,
            },
        )


def get_search_report(desk: Desk, search_report_id: int) -> SearchReport:
    sr = desk.get("search_reports", search_report_id, what=_("类案检索报告"))
    report = desk.get("reports", sr["report_id"], what=_("案件报告"))
    judge = desk.one("SELECT name FROM judges WHERE id = ?", (report["reporting_judge_id"],)) or {"name": ""}
    rows = desk.query(
        "SELECT r.*, coalesce(c.title, '') AS title FROM search_report_rows r"
        " LEFT JOIN library_cases c ON c.id = r.case_id WHERE r.search_report_id = ? ORDER BY r.position",
        (search_report_id,),
    )
    return SearchReport(
        id=sr["id"],
        report_id=sr["report_id"],
        case_number=report["case_number"],
        cause=report["cause"],
        judge=judge["name"],
        searcher=sr["searcher"],
        searched_at=sr["searched_at"],
        platform=sr["platform"],
        methods=tuple(json.loads(sr["methods"])),
        keywords=tuple(json.loads(sr["keywords"])),
        articles=tuple(json.loads(sr["articles"])),
        issues=sr["issues"],
        conclusion=sr["conclusion"],
        has_conflict=bool(sr["has_conflict"]),
        status=sr["status"],
        attachment_id=sr["attachment_id"],
        rows=tuple(
            SearchReportRow(
                tier=r["tier"],
                case_number=r["case_number"],
                court=r["court"],
                decided_on=r["decided_on"],
                key_points=r["key_points"],
                similarity=r["similarity"],
                use=r["use"],
                use_reason=r["use_reason"],
                case_id=r["case_id"],
                title=r["title"],
            )
            for r in rows
        ),
    )


def list_search_reports(desk: Desk, report_id: int) -> list[int]:
    """Ids of a case report's 类案检索报告 drafts, newest first."""
    rows = desk.query("SELECT id FROM search_reports WHERE report_id = ? ORDER BY id DESC", (report_id,))
    return [r["id"] for r in rows]


@dataclass(frozen=True)
class AttachResult:
    attachment: Attachment  # the new “类案检索报告” attachment
    replaced: Attachment | None = None  # the one this search report had produced before, now removed


def attach_search_report(
    desk: Desk,
    actor: Actor,
    search_report_id: int,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> AttachResult:
    """Render the 类案检索报告 as .docx and attach it to its case report as the “类案检索报告” attachment.

    That attachment is what the report's submission check asks for. A draft may be attached too (the
    secretary decides when it is good enough); the case report must still be editable. Attaching again
    replaces, in the same transaction, the attachment this search report produced before (remembered
    in ``search_reports.attachment_id``) — never another attachment the judge added.
    """
    from meetingdesk.services.attachments import add_attachment, get_attachment
    from meetingdesk.services.exports import export_document  # heavy: python-docx, reportlab
    from meetingdesk.services.reports import require_report_editable

    sr = get_search_report(desk, search_report_id)
    require_search_report_edit(desk, actor, sr.report_id)
    require_report_editable(desk, actor, sr.report_id)
    earlier = get_attachment(desk, sr.attachment_id) if sr.attachment_id is not None else None
    if earlier is not None and earlier.report_id != sr.report_id:
        earlier = None  # cannot happen through the app; never remove another report's file
    name = sanitise_filename(f"类案检索报告（{sr.case_number}）.docx")  # a file name: Chinese, like the paper
    with tempfile.TemporaryDirectory(prefix="meetingdesk-sr-") as tmp:
        path = export_document(
            desk,
            actor,
            "report-search",
            search_report_id,
            "docx",
            Path(tmp) / name,
            progress=sub_progress(progress, 0.0, 0.8),
            should_cancel=should_cancel,
        )

        def remember(tx: Tx, attachment_id: int) -> None:
            tx.update("search_reports", {"id": search_report_id}, {"attachment_id": attachment_id})

        attachment = add_attachment(
            desk,
            actor,
            sr.report_id,
            path,
            "search_report",
            replaces=earlier.id if earlier is not None else None,
            also=remember,
        )
    progress(1.0, "")
    return AttachResult(attachment, earlier)
