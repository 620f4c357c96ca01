"""Keyword search over the library: query syntax, filters, sorting and highlighted snippets.

Query syntax (whoosh): words are ANDed; ``OR``, ``NOT``, ``AND``, parentheses, "quoted phrases",
and field prefixes in Chinese or English (``案由:盗窃``, ``标题:"入户盗窃"``, ``法条:第二百六十四条``).
Every hit carries its source, court, date and SPC authority tier, as the 类案检索 rules require.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.charges import parse_charges
from meetingdesk.library.choices import CASE_STATUSES, CATEGORIES, TIERS, tier_label
from meetingdesk.progress import CancelFn, ProgressFn, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import allowed, require

if TYPE_CHECKING:
    from whoosh.qparser import MultifieldParser
    from whoosh.query import Query

# whoosh, jieba and the index are imported where a search runs, not with this module: the GUI
# imports the result types at start-up, which must stay fast.

SORTS = ("relevance", "date")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_FULLWIDTH = str.maketrans({"“": '"', "”": '"', "（": "(", "）": ")", "：": ":"})
SNIPPET_FIELDS = ("key_points", "facts", "reasoning", "result", "title", "rest")


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search; empty means "any"."""

    tiers: tuple[int, ...] = ()
    courts: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()  # 案由 / 罪名, normalised on use
    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()  # "case", "rule"
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # editors only; others always see 发布 only
    case_ids: tuple[int, ...] = ()  # restrict to these library cases (e.g. a candidate pool)


@dataclass(frozen=True)
class SearchHit:
    """One result, ready to show: what it is, where it is from, and why it matched."""

    kind: str  # "case" or "rule"
    id: int
    title: str
    snippet: str  # matched words in 【】
    snippet_html: str  # matched words in <b>…</b>, escaped
    source: str  # 案例类别 and issuer, or the import file
    court: str
    date: str
    tier: int
    tier_label: str
    category: str
    category_label: str
    status: str
    status_label: str
    case_number: str
    charges: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # matches before the limit
    terms: tuple[str, ...] = field(default=())  # the words searched for, for highlighting in the UI


def _parser(schema: Any) -> MultifieldParser:
    from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser

    from meetingdesk.search.documents import FIELD_ALIASES, TEXT_FIELDS

    parser = MultifieldParser(list(TEXT_FIELDS), schema, group=AndGroup)
    parser.add_plugin(FieldAliasPlugin({k: list(v) for k, v in FIELD_ALIASES.items()}))
    return parser


MAX_QUERY_CHARS = 2000
"""Longer than a page of facts: a query this long is a paste gone wrong, and whoosh would crawl on it."""


def parse_query(text: str, schema: Any) -> Query:
    """Parse the user's query; an unparsable one raises ValidationError with a hint."""
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            _("检索式过长（{n} 字，上限 {limit} 字）。请只输入关键的词语，或用“类案检索”按案情检索。").format(
                n=len(text), limit=MAX_QUERY_CHARS
            ),
            "query",
        )
    from whoosh.query import Every

    cleaned = text.translate(_FULLWIDTH).strip()
    if not cleaned:
        return Every()
    problem = syntax_problem(cleaned)
    if problem:
        raise ValidationError(_("无法理解检索式“{q}”：{e}。请检查引号和括号是否成对。").format(q=text, e=problem))
    try:
        q = _parser(schema).parse(cleaned)
    except Exception as exc:  # whoosh raises assorted errors on malformed input
        raise ValidationError(_("无法理解检索式“{q}”：{e}。请检查引号和括号是否成对。").format(q=text, e=exc)) from exc
    return q


_OPERATORS = ("AND", "OR", "NOT")
_QUOTED = re.compile(r'"[^"]*"?')


def syntax_problem(text: str) -> str:
    """What is wrong with a query whoosh would silently misread (brackets, a dangling operator or
    field prefix), or ''. An unbalanced quote is forgiven: the rest of the line is the phrase."""
    depth = 0
    unquoted = _QUOTED.sub(" _ ", text)
    for ch in unquoted:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return _("多了一个右括号")
            depth -= 1
    if depth:
        return _("缺少右括号")
    from meetingdesk.search.documents import FIELD_ALIASES

    words = unquoted.replace("(", " ").replace(")", " ").split()
    if words and words[-1] in _OPERATORS:
        return _("“{op}”后面缺少检索词").format(op=words[-1])
    if words and words[0] in ("AND", "OR"):
        return _("“{op}”前面缺少检索词").format(op=words[0])
    prefixes = {name for name in FIELD_ALIASES} | {a for names in FIELD_ALIASES.values() for a in names}
    for word in words:
        if word.endswith(":") and word[:-1] in prefixes:
            return _("字段前缀“{f}”后面缺少检索词").format(f=word)
    return ""


def build_filter(filters: SearchFilters, actor: Actor) -> Query | None:
    from whoosh.query import And, NumericRange, Or, Term

    parts: list[Query] = []

    def any_of(fieldname: str, values: Iterable[Any]) -> None:
        terms = [Term(fieldname, v) for v in values]
        if terms:
            parts.append(Or(terms) if len(terms) > 1 else terms[0])

    any_of("tier", filters.tiers)
    any_of("court", filters.courts)
    causes = [c for text in filters.causes for c in parse_charges(text)]
    any_of("charges", causes)
    any_of("kind", filters.kinds)
    any_of("category", filters.categories)
    any_of("key", [f"case:{i}" for i in filters.case_ids])
    if filters.year_from is not None or filters.year_to is not None:
        parts.append(NumericRange("year", filters.year_from, filters.year_to))
    if allowed(actor, "library.edit"):
        any_of("status", filters.statuses)
    else:
        parts.append(Term("status", "published"))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def search(
    desk: Desk,
    actor: Actor,
    query: str,
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    limit: int = 20,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> SearchResults:
    """Search cases and rules. ``sort`` is ``relevance`` or ``date`` (newest first).

    ``progress`` reports a rebuild of the index, which happens only when it is missing or old.
    """
    from whoosh.query import Every

    from meetingdesk.search import index
    from meetingdesk.search.documents import TEXT_FIELDS

    require(actor, "read")
    if sort not in SORTS:
        raise ValidationError(_("排序方式应为 relevance（相关度）或 date（日期）。"), "sort")
    if limit < 1:
        raise ValidationError(_("结果条数应至少为 1。"), "limit")
    s = index.searcher(desk, progress=progress, should_cancel=should_cancel)
    q = parse_query(query, s.schema)
    flt = build_filter(filters or SearchFilters(), actor)
    kwargs: dict[str, Any] = {"limit": limit, "filter": flt, "terms": True}
    if sort == "date" or isinstance(q, Every):
        kwargs.update(sortedby="date", reverse=True)
    results = s.search(q, **kwargs)
    terms = tuple(sorted({_text(t) for _f, t in q.iter_all_terms() if _f in TEXT_FIELDS}))
    stored = [dict(hit.fields()) | {"score": float(hit.score or 0.0)} for hit in results]
    hits = make_hits(desk, stored, terms)
    return SearchResults(hits=hits, total=len(results), terms=terms)


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def make_hits(desk: Desk, stored: Sequence[dict[str, Any]], terms: Sequence[str]) -> list[SearchHit]:
    """Turn index hits into :class:`SearchHit` with their rows' text (the database is the truth)."""
    case_ids = [f["rid"] for f in stored if f["kind"] == "case"]
    rule_ids = [f["rid"] for f in stored if f["kind"] == "rule"]
    cases = _rows(desk, "library_cases", case_ids)
    rules = _rows(desk, "library_rules", rule_ids)
    out: list[SearchHit] = []
    for f in stored:
        row = (cases if f["kind"] == "case" else rules).get(f["rid"])
        if row is None:  # deleted since the index was read
            continue
        out.append(_hit(f, row, terms))
    return out


def _rows(desk: Desk, table: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = desk.query(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))
    return {r["id"]: r for r in rows}


def _hit(f: dict[str, Any], row: dict[str, Any], terms: Sequence[str]) -> SearchHit:
    import json

    if f["kind"] == "case":
        texts = {k: row.get(k) or "" for k in SNIPPET_FIELDS if k != "rest"}
        texts["rest"] = row.get("full_text") or ""
        numbers = json.loads(row["case_numbers"] or "[]")
        category, source = row["category"], CATEGORIES.label(row["category"])
        if row["issuer"]:
            source += "·" + (
                _("{name}（{note}）").format(name=row["issuer"], note=row["issue_no"])
                if row["issue_no"]
                else row["issuer"]
            )
        elif row["source"] and row["source"] != "meeting":
            source += "·" + _("导入自") + row["source"]
        elif row["source"] == "meeting":
            source += "·" + _("本院专业法官会议")
        charges = tuple(json.loads(row["charges"] or "[]"))
        court, day, tier = row["court"], row["decided_on"] or "", int(row["tier"])
        category_label = CATEGORIES.label(category)
    else:
        texts = {"key_points": row["statement"], "reasoning": row["explanation"], "title": row["title"]}
        numbers, charges = [], ()
        category, category_label, source = "rule", _("裁判规则"), _("裁判规则·本院专业法官会议")
        court, day, tier = "", (row["updated_at"] or "")[:10], 4  # distilled from the court's own discussions
    marked = snippet(texts, terms)
    return SearchHit(
        kind=f["kind"],
        id=int(f["rid"]),
        title=row["title"],
        snippet=marked.replace(_MARK_OPEN, "【").replace(_MARK_CLOSE, "】"),
        snippet_html=html.escape(marked).replace(_MARK_OPEN, "<b>").replace(_MARK_CLOSE, "</b>"),
        source=source,
        court=court,
        date=day,
        tier=tier,
        tier_label=tier_label(tier),
        category=category,
        category_label=category_label,
        status=row["status"],
        status_label=CASE_STATUSES.label(row["status"]),
        case_number=numbers[-1] if numbers else "",
        charges=charges,
        score=round(float(f.get("score") or 0.0), 4),
    )


_SPACES = re.compile(r"\s+")


def snippet(texts: dict[str, str], terms: Sequence[str], *, width: int = 160) -> str:
    """A passage around the matched words of the first field that has any; else the field's opening.

    Matching is by substring, which suits Chinese (a term is found inside longer words too) and
    needs no second segmentation: snippets cost microseconds, not the search's time budget.
    """
    wanted = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    for name in SNIPPET_FIELDS:
        text = _SPACES.sub(" ", texts.get(name) or "").strip()
        if not text or not wanted:
            continue
        marked = _window(text, wanted, width)
        if marked:
            return marked
    for name in ("key_points", "facts", "reasoning", "rest"):
        text = _SPACES.sub(" ", texts.get(name) or "").strip()
        if text:
            return text[:width] + ("…" if len(text) > width else "")
    return ""


def _window(text: str, terms: Sequence[str], width: int) -> str:
    lower = text.lower()
    spans: list[tuple[int, int, str]] = []
    for term in terms:
        start = lower.find(term)
        while start >= 0 and len(spans) < 300:
            spans.append((start, start + len(term), term))
            start = lower.find(term, start + len(term))
    if not spans:
        return ""
    spans.sort()
    # Slide a window of ``width`` characters over the matches; keep the one with most distinct terms.
    best, best_count = 0, -1
    inside: Counter[str] = Counter()
    j = 0
    for i, (start, _end, _t) in enumerate(spans):
        while j < len(spans) and spans[j][0] < start + width - 20:
            inside[spans[j][2]] += 1
            j += 1
        if len(inside) > best_count:
            best, best_count = i, len(inside)
        inside[spans[i][2]] -= 1
        if not inside[spans[i][2]]:
            del inside[spans[i][2]]
    begin = max(0, spans[best][0] - 20)
    end = min(len(text), begin + width)
    out: list[str] = ["…" if begin else ""]
    pos = begin
    for start, stop, _t in spans:
        if start < pos or stop > end:
            continue
        out.append(text[pos:start] + _MARK_OPEN + text[start:stop] + _MARK_CLOSE)
        pos = stop
    out.append(text[pos:end] + ("…" if end < len(text) else ""))
    return "".join(out)


@dataclass(frozen=True)
class FilterChoices:
    """What the search page's filter lists offer: values that occur in the library."""

    tiers: tuple[tuple[int, str], ...]
    courts: tuple[str, ...]
    causes: tuple[str, ...]
    years: tuple[int, ...]


def filter_choices(desk: Desk) -> FilterChoices:
    courts = [
        r["court"]
        for r in desk.query(
            "SELECT court, count(*) AS n FROM library_cases WHERE court <> '' GROUP BY court ORDER BY n DESC, court"
        )
    ]
    causes = [
        r["value"]
        for r in desk.query(
            "SELECT j.value, count(*) AS n FROM library_cases, json_each(library_cases.charges) AS j"
            " GROUP BY j.value ORDER BY n DESC, j.value"
        )
    ]
    years = [
        int(r["y"])
        for r in desk.query(
            "SELECT DISTINCT CAST(substr(decided_on, 1, 4) AS INTEGER) AS y FROM library_cases"
            " WHERE decided_on IS NOT NULL ORDER BY y DESC"
        )
    ]
    return FilterChoices(tuple((t, tier_label(t)) for t in TIERS), tuple(courts), tuple(causes), tuple(years))
