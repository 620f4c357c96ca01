"""Collectors for the library's papers: 类案检索报告 and 参考性案例 (domain.md §7).

They read the library's own data (:mod:`meetingdesk.library.search_report` and
:mod:`meetingdesk.library.cases`, migration 0002) and turn it into the documents' plain models.
"""

# ruff: noqa: ARG001 - every collector has the same signature

from __future__ import annotations

import re
from datetime import date

from meetingdesk.documents.models import CaseRef, ReferenceCase, SearchHit, SearchReport
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.library.cases import get_case
from meetingdesk.library.search_report import get_search_report
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk

_POINT_NUMBER = re.compile(r"^\s*(\d+|[一二三四五六七八九十]+)[.、．]\s*")


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def collect_search_report(
    desk: Desk,
    actor: Actor,
    report_id: int,
    settings: DocumentSettings,
) -> SearchReport:
    """The 类案检索报告 with the given id."""
    sr = get_search_report(desk, report_id)
    return SearchReport(
        report_id=sr.report_id,
        court=settings.court_name,
        pending=CaseRef(case_number=sr.case_number, cause=sr.cause, reporting_judge=sr.judge),
        searcher=sr.searcher,
        searched_on=_day(sr.searched_at),
        platforms=(sr.platform,) if sr.platform else (),
        methods=tuple(sr.method_labels),
        keywords=sr.keywords,
        articles=sr.articles,
        related_cases=tuple(r.case_number for r in sr.rows if r.case_number),
        issues=sr.issues,
        hits=tuple(
            SearchHit(
                tier=r.tier,
                case_number=r.case_number,
                court=r.court,
                decided_on=_day(r.decided_on),
                gist=r.key_points,
                similarity=r.similarity,
                use=r.use_label,
                use_reason=r.use_reason,
                source=sr.platform,
                title=r.title,
            )
            for r in sr.rows
        ),
        conclusion=sr.conclusion,
        conflicts=sr.has_conflict if sr.status == "final" or sr.conclusion else None,
    )


def collect_reference_case(
    desk: Desk,
    actor: Actor,
    case_id: int,
    settings: DocumentSettings,
) -> ReferenceCase:
    """The 参考性案例 with the given id; several 裁判要点 (one per line) are numbered by the renderer."""
    case = get_case(desk, case_id)
    points = tuple(_POINT_NUMBER.sub("", p).strip() for p in case.key_points.splitlines() if p.strip())
    articles = tuple(a.strip() for a in re.split(r"[\n；;]+", case.articles) if a.strip())
    source = ""
    if case.agenda_item_id is not None:
        row = desk.one(
            "SELECT b.name AS body, m.starts_at, a.position FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
            " JOIN bodies b ON b.id = m.body_id WHERE a.id = ?",
            (case.agenda_item_id,),
        )
        if row:
            source = f"{row['starts_at'][:10]} {row['body']}第{row['position']}项"
    return ReferenceCase(
        case_id=case.id,
        title=case.title,
        keywords=case.keywords,
        points=points,
        articles=articles,
        facts=case.facts,
        result=case.result,
        reasoning=case.reasoning,
        case_numbers=case.case_numbers,
        court=case.court,
        decided_on=_day(case.decided_on),
        category=case.category_label,
        publisher=case.issuer,
        published_on=_day(case.issued_on),
        number=case.issue_no,
        status=case.status_label,
        source=source,
        issuing_court=settings.court_name,
    )
