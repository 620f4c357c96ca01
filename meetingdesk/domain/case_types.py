"""Case-type codes (类型代字) as data: the built-in table ships in resources, courts may extend it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from meetingdesk.paths import resource_path


@dataclass(frozen=True)
class CaseType:
    code: str
    name: str
    category: str


@cache
def _load() -> tuple[tuple[CaseType, ...], frozenset[str]]:
    raw = json.loads(resource_path("case_types.json").read_text(encoding="utf-8"))
    types = tuple(CaseType(t["code"], t["name"], t["category"]) for t in raw["types"])
    return types, frozenset(raw["special_codes"])


def builtin_case_types() -> tuple[CaseType, ...]:
    return _load()[0]


def builtin_type_codes() -> frozenset[str]:
    return frozenset(t.code for t in builtin_case_types())


def builtin_special_codes() -> frozenset[str]:
    """专门审判代字, e.g. 知 in （2019）最高法知民终1号."""
    return _load()[1]
