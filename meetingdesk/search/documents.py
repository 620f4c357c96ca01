"""What goes into the index for a library case or a 裁判规则: fields, weights, and their text.

The index is derived from SQLite only through :func:`case_document` and :func:`rule_document`, so
rebuilding it from the database always gives the same result as the incremental updates.
"""

from __future__ import annotations

import json
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from meetingdesk.search.analysis import legal_analyzer

SCHEMA_VERSION = 1
"""Bump when fields, weights or the analysis change: an index of another version is rebuilt."""

FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,  # 标题
    "keywords": 2.5,  # 关键词
    "key_points": 2.0,  # 裁判要点
    "cause": 2.0,  # 案由 / 罪名
    "articles": 1.5,  # 相关法条
    "facts": 1.0,  # 基本案情
    "reasoning": 1.0,  # 裁判理由
    "result": 0.8,  # 裁判结果
    "rest": 0.5,  # 全文 (the part not already in another field)
}
TEXT_FIELDS = tuple(FIELD_WEIGHTS)

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("标题",),
    "keywords": ("关键词",),
    "key_points": ("裁判要点", "要点", "规则"),
    "cause": ("案由", "罪名"),
    "articles": ("法条", "相关法条"),
    "facts": ("案情", "基本案情", "事实"),
    "reasoning": ("理由", "裁判理由"),
    "result": ("结果", "裁判结果"),
    "rest": ("全文",),
    "court": ("法院",),
}


def schema() -> Schema:
    analyzer = legal_analyzer()
    text_fields = {
        name: TEXT(analyzer=analyzer, field_boost=weight, phrase=True, multitoken_query="and")
        for name, weight in FIELD_WEIGHTS.items()
    }
    return Schema(
        key=ID(stored=True, unique=True),  # "case:12" / "rule:3"
        kind=ID(stored=True),
        rid=NUMERIC(int, stored=True),
        revision=NUMERIC(int, stored=True),
        charges=KEYWORD(commas=True, scorable=True, stored=True),
        court=ID(stored=True),
        date=NUMERIC(int, stored=True, sortable=True),  # yyyymmdd, 0 when unknown
        year=NUMERIC(int, stored=True),
        tier=NUMERIC(int, stored=True),
        category=ID(stored=True),
        status=ID(stored=True),
        **text_fields,
    )


def _loads(value: str | None) -> list[str]:
    try:
        data = json.loads(value or "[]")
    except json.JSONDecodeError:
        return []
    return [str(v) for v in data] if isinstance(data, list) else []


def remainder(full_text: str, parts: list[str]) -> str:
    """The full text without the passages indexed in their own fields (indexed once, not twice)."""
    rest = full_text
    for part in sorted((p.strip() for p in parts), key=len, reverse=True):
        if len(part) >= 20 and part in rest:
            rest = rest.replace(part, "\n", 1)
    return rest


def _day_number(day: str) -> int:
    digits = day[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def case_document(row: dict[str, Any]) -> dict[str, Any]:
    """Index fields of a ``library_cases`` row (raw text; see :func:`prepare`)."""
    decided = row.get("decided_on") or ""
    parts = [row["facts"], row["reasoning"], row["result"], row["key_points"]]
    return {
        "key": f"case:{row['id']}",
        "kind": "case",
        "rid": row["id"],
        "revision": row["revision"],
        "charges": ",".join(_loads(row["charges"])),
        "court": row["court"] or "",
        "date": _day_number(decided),
        "year": int(decided[:4]) if decided[:4].isdigit() else 0,
        "tier": row["tier"],
        "category": row["category"],
        "status": row["status"],
        "title": row["title"],
        "keywords": " ".join(_loads(row["keywords"])),
        "key_points": row["key_points"],
        "cause": row["cause"],
        "articles": row["articles"],
        "facts": row["facts"],
        "reasoning": row["reasoning"],
        "result": row["result"],
        "rest": remainder(row["full_text"], parts),
    }


def rule_document(row: dict[str, Any]) -> dict[str, Any]:
    """Index fields of a ``library_rules`` row: the statement is its 裁判要点."""
    return {
        "key": f"rule:{row['id']}",
        "kind": "rule",
        "rid": row["id"],
        "revision": row["revision"],
        "charges": "",
        "court": "",
        "date": _day_number((row.get("updated_at") or "")[:10]),
        "year": 0,
        "tier": 5,
        "category": "rule",
        "status": row["status"],
        "title": row["title"],
        "keywords": " ".join(_loads(row["keywords"])),
        "key_points": row["statement"],
        "cause": row["cause"],
        "articles": row["articles"],
        "facts": "",
        "reasoning": row["explanation"],
        "result": "",
        "rest": "",
    }
