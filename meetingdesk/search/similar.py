"""Similar-case search: rank the library against a pending case's facts, 争议焦点 and 案由/罪名.

How it ranks (tuned on the LeCaRD development split, figures in docs/benchmarks.md):

1. The pending case's facts and issues are segmented; each distinct term is weighted by tf·idf in
   the library's 基本案情 and the :data:`MAX_TERMS` most discriminative are kept. In a large library,
   terms found in more than :data:`MAX_DF_SHARE` of it ("被告人", "公安机关"…) are left out: they
   carry little signal and most of the cost (whoosh scores every posting of every term).
2. whoosh scores 基本案情 with BM25F on those terms, one term query per term, in one pass over all
   matching cases (:mod:`meetingdesk.search.scoring` keeps it fast).
3. The final score is that score divided by the best one (0..1) plus :data:`CHARGE_WEIGHT` × the
   share of the pending case's charges the candidate was convicted of — the structured field is the
   strongest single signal of what lawyers call a similar case; the candidates' charges come from
   the short postings of the ``charges`` field, not from stored documents.
4. When ``as_of`` is given (the app passes today), decisions of the last three years get a small
   bonus; guiding cases do not need it, they stay authoritative whatever their age.

Hits are grouped by the SPC authority tiers for the 类案检索报告.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from whoosh.query import And, Not, Or, Query, Term

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.library.charges import parse_charges
from meetingdesk.progress import CancelFn, ProgressFn, never, no_progress
from meetingdesk.search import index
from meetingdesk.search.analysis import analyse, keyword_boilerplate, stop_words
from meetingdesk.search.query import SearchFilters, SearchHit, build_filter, make_hits
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require

MAX_TERMS = 160
CHARGE_WEIGHT = 0.5
RECENT_YEARS = 3
RECENT_BONUS = 0.05
RECENT_MARGIN = 50  # how far below the limit a recent decision may climb from
MAX_DF_SHARE = 0.2  # terms in more than this share of the library are left out (cost, little signal)
DF_CAP_FLOOR = 1000  # ...but only in a large library: in a small one every term is cheap

FACTS_BANDS: tuple[tuple[float, str], ...] = ((0.6, N_("较高")), (0.3, N_("中等")), (0.0, N_("较低")))
"""案情相似度 bands of :attr:`SimilarHit.facts_score`. That score is BM25 relative to the best hit of
the same search (which is 100% by construction), not a share of facts in common: shown bare, "4%"
reads as "unrelated" for a guiding case on the same charge. A coarse band, with the figure and what
it is relative to in a tooltip, is what a reader can honestly take from it."""


@dataclass(frozen=True)
class SimilarHit:
    hit: SearchHit
    score: float  # final score, higher is more similar
    facts_score: float  # 0..1, BM25 on 基本案情 relative to the best hit
    shared_charges: tuple[str, ...]
    recent: bool  # decided within the last three years


@dataclass(frozen=True)
class SimilarResults:
    hits: list[SimilarHit]  # best first
    terms: tuple[str, ...]  # the terms searched for (检索方法: 关键词)
    charges: tuple[str, ...]  # the pending case's normalised charges / 案由

    def by_tier(self) -> dict[int, list[SimilarHit]]:
        """Hits grouped by SPC authority tier (1 指导性案例 first), best first within each tier."""
        groups: dict[int, list[SimilarHit]] = {}
        for h in self.hits:
            groups.setdefault(h.hit.tier, []).append(h)
        return dict(sorted(groups.items()))


@dataclass(frozen=True)
class PendingCase:
    """What the search needs to know of the pending case."""

    facts: str
    issues: str = ""
    cause: str = ""  # 案由 / 罪名 as written; several allowed ("盗窃罪、诈骗罪")
    charges: tuple[str, ...] = field(default=())  # already normalised charges (instead of cause)


def select_terms(text: str, searcher: object, *, limit: int | None = None) -> list[tuple[str, float]]:
    """The most discriminative distinct terms of ``text`` with their tf·idf weight in 基本案情."""
    counts = Counter(t.text for t in analyse(text))
    reader = searcher.reader()  # type: ignore[attr-defined]
    max_df = max(MAX_DF_SHARE * reader.doc_count(), DF_CAP_FLOOR)
    weighted: list[tuple[str, float]] = []
    for term, tf in counts.items():
        df = reader.doc_frequency("facts", term)
        if df == 0 or df > max_df:
            continue
        idf = searcher.idf("facts", term)  # type: ignore[attr-defined]
        weighted.append((term, idf * (1.0 + math.log(tf))))
    weighted.sort(key=lambda tw: (-tw[1], tw[0]))
    return weighted[: limit or MAX_TERMS]


def similar_cases(
    desk: Desk,
    actor: Actor,
    case: PendingCase,
    *,
    limit: int = 20,
    filters: SearchFilters | None = None,
    as_of: date | None = None,
    exclude: Collection[int] = (),
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> SimilarResults:
    """Rank library cases by similarity to ``case``.

    Args:
        filters: e.g. ``SearchFilters(case_ids=...)`` to rank a given pool only.
        as_of: prefer decisions of the three years before this day (None: no preference by age).
        exclude: library cases never to list — the pending case itself, when the library already
            holds it; left out before the scores are normalised, so they do not shrink the others.
    """
    require(actor, "read")
    if not case.facts.strip() and not case.issues.strip():
        raise ValidationError(_("请先填写基本案情或争议焦点，才能检索类案。"), "facts")
    s = index.searcher(desk, progress=progress, should_cancel=should_cancel)
    charges = tuple(case.charges) if case.charges else tuple(parse_charges(case.cause))
    terms = select_terms(case.facts + "\n" + case.issues, s)
    base = build_filter(filters or SearchFilters(), actor)
    only_cases: Query = Term("kind", "case")
    flt = And([only_cases, base]) if base is not None else only_cases
    if exclude:
        flt = And([flt, Not(Or([Term("key", f"case:{i}") for i in sorted(exclude)]))])
    scores: dict[int, float] = {}
    if terms:
        # One pass scores every document sharing a term (whoosh's array union matcher scores them all
        # anyway); the charge bonus then comes from the charges' own short postings lists.
        results = s.search(Or([Term("facts", t) for t, _w in terms]), limit=None, filter=flt)
        scores = {docnum: float(score) for score, docnum in results.top_n}
    elif charges:
        scores = {d: 0.0 for d in s.docs_for_query(Or([Term("charges", c) for c in charges]), for_deletion=False)}
        allowed = set(s.docs_for_query(flt))
        scores = {d: v for d, v in scores.items() if d in allowed}
    with_charge = [set(s.docs_for_query(Term("charges", c))) for c in charges]

    best = max(scores.values(), default=0.0) or 1.0
    ranked: list[tuple[float, float, tuple[str, ...], int]] = []
    for docnum, raw in scores.items():
        shared = tuple(c for c, docs in zip(charges, with_charge, strict=True) if docnum in docs)
        facts_score = raw / best
        score = facts_score + (CHARGE_WEIGHT * len(shared) / len(charges) if charges else 0.0)
        ranked.append((score, facts_score, shared, docnum))
    ranked.sort(key=lambda r: (-r[0], r[3]))
    cutoff = ((as_of.year - RECENT_YEARS) * 10000 + as_of.month * 100 + as_of.day) if as_of else None
    top: list[tuple[float, float, tuple[str, ...], bool, dict[str, Any]]] = []
    # Read stored fields only for the head of the list (the recency bonus may reorder within it).
    for base_score, facts_score, shared, docnum in ranked[: limit + RECENT_MARGIN if cutoff else limit]:
        f: dict[str, Any] = dict(s.stored_fields(docnum))
        recent = bool(cutoff and int(f.get("date") or 0) >= cutoff)
        score = base_score + (RECENT_BONUS if recent and int(f.get("tier") or 5) != 1 else 0.0)
        f["score"] = score
        top.append((score, facts_score, shared, recent, f))
    top.sort(key=lambda r: (-r[0], int(r[4]["rid"])))
    top = top[:limit]
    hits = make_hits(desk, [r[4] for r in top], [t for t, _w in terms[:30]])
    by_id = {h.id: h for h in hits}
    out = [
        SimilarHit(by_id[int(r[4]["rid"])], round(r[0], 4), round(r[1], 4), r[2], r[3])
        for r in top
        if int(r[4]["rid"]) in by_id
    ]
    return SimilarResults(hits=out, terms=tuple(t for t, _w in terms), charges=charges)


def similar_for_report(
    desk: Desk,
    actor: Actor,
    report_id: int,
    *,
    limit: int = 20,
    filters: SearchFilters | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> SimilarResults:
    """Similar cases for a case report (table ``reports``): its facts, 争议焦点, questions and 案由.

    Only for those who may see the report: its facts feed the terms the results show. The report's
    own case is never its own similar case: library cases made from its meeting items, or bearing its
    案号, are left out (see :func:`own_library_cases`).
    """
    from meetingdesk.services.reports import require_can_see_report

    report = desk.get("reports", report_id, what=_("案件报告"))
    require_can_see_report(desk, actor, report_id)
    pending = PendingCase(
        facts=report["facts"],
        issues="\n".join(p for p in (report["issues"], report["questions"]) if p),
        cause=report["cause"],
    )
    return similar_cases(
        desk,
        actor,
        pending,
        limit=limit,
        filters=filters,
        as_of=desk.now().date(),
        exclude=own_library_cases(desk, report_id),
        progress=progress,
        should_cancel=should_cancel,
    )


def facts_band(facts_score: float) -> str:
    """The :data:`FACTS_BANDS` label (a Chinese msgid: ``_()`` it for display) of a relative facts score."""
    return next(label for floor, label in FACTS_BANDS if facts_score >= floor or floor == 0.0)


def own_library_cases(desk: Desk, report_id: int) -> set[int]:
    """Library cases that are the pending case itself: drafted from one of the report's agenda items
    (生成参考性案例 after the meeting), or listing the report's 案号 among theirs (both normalised)."""
    from meetingdesk.domain.case_number import normalise_text

    report = desk.get("reports", report_id, what=_("案件报告"))
    rows = desk.query(
        "SELECT c.id FROM library_cases c JOIN agenda_items a ON a.id = c.agenda_item_id WHERE a.report_id = ?"
        " UNION SELECT c.id FROM library_cases c WHERE EXISTS"
        " (SELECT 1 FROM json_each(c.case_numbers) j WHERE j.value = ?)",
        (report_id, normalise_text(report["case_number"] or "")),
    )
    return {int(r["id"]) for r in rows}


def keyword_terms(terms: Sequence[str], limit: int | None = None) -> list[str]:
    """The search terms worth showing a reader as 检索关键词, best first.

    Ranking may well use single characters jieba leaves over (a surname "周", "员" of 分拣员) and the
    like, but as keywords of a 类案检索报告 they mean nothing: keep words of two or more characters that
    are neither stop words, judgment boilerplate (被告人, 人民币, 行为… in
    ``resources/legal/keyword_boilerplate.txt``) nor bare numbers. Display only: never used for ranking.
    """
    skip = stop_words() | keyword_boilerplate()
    kept = [t for t in terms if len(t) >= 2 and t not in skip and not _NUMBERISH_TERM.match(t)]
    return kept[:limit] if limit is not None else kept


def result_keywords(results: SimilarResults, limit: int = 12) -> list[str]:
    """检索关键词 of a search as shown and reported: the pending case's charges, then up to ``limit``
    keyword terms not already among them."""
    charges = list(results.charges)
    terms = [t for t in keyword_terms(results.terms) if t not in charges]
    return charges + terms[:limit]


_NUMBERISH_TERM = re.compile(r"^[\d.\-%×xX〇零一二两三四五六七八九万千百十亿元年月日余多]+$")


def describe_terms(terms: Sequence[str], limit: int = 12) -> str:
    """The keywords used, for the 检索方法 line of the 类案检索报告."""
    return "、".join(keyword_terms(terms, limit))
