"""Recognising 罪名 in text and normalising them to the official names of resources/legal/charges.txt.

Judgments write the charge actually committed ("贩卖毒品罪", "非法持有枪支罪") while the official
list names a selective charge ("走私、贩卖、运输、制造毒品罪"). Matching on the official name is
what makes the charge a reliable similarity signal, so every case stores its normalised charges.
"""

from __future__ import annotations

import re
from functools import cache


def charge_names() -> tuple[str, ...]:
    """The official charge list (imported on use: the analysis module loads jieba and whoosh)."""
    from meetingdesk.search.analysis import charge_names as names

    return names()


_CONVICTED = re.compile(r"犯(?!罪)([^，。；、,;：:（）()\s犯]{1,30}?罪)")
_SPLIT = re.compile(r"[，,；;\s/|]+|(?<=罪)、")


@cache
def _official() -> frozenset[str]:
    return frozenset(charge_names())


@cache
def _selective() -> tuple[tuple[str, frozenset[str]], ...]:
    """Selective charges (with 、) and their character sets, shortest first."""
    names = sorted((n for n in charge_names() if "、" in n), key=len)
    return tuple((n, frozenset(n.replace("、", "").removesuffix("罪"))) for n in names)


def normalise_charge(name: str) -> str:
    """The official name for a charge as written; unknown names come back unchanged (trimmed).

    A name that is not official is matched to the shortest selective charge containing all its
    characters ("贩卖毒品罪" → "走私、贩卖、运输、制造毒品罪").
    """
    name = name.strip().strip("“”\"'《》")
    if not name:
        return ""
    official = _official()
    if name in official:
        return name
    if not name.endswith("罪") and name + "罪" in official:
        return name + "罪"
    chars = set(name.removesuffix("罪"))
    if len(chars) >= 2:
        for full, full_chars in _selective():
            if chars <= full_chars:
                return full
    return name


def charges_in(text: str) -> list[str]:
    """Official charge names written out in ``text`` (e.g. a 案由 field or a title), in order."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(_official(), key=len, reverse=True):
        for variant in (name, name.removesuffix("罪")) if "、" not in name else (name,):
            if len(variant) < 2:
                continue
            start = text.find(variant)
            while start >= 0:
                end = start + len(variant)
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    found.append((start, name))
                start = text.find(variant, end)
    return _unique(name for _pos, name in sorted(found))


def convicted_charges(result: str) -> list[str]:
    """Charges a judgment's 裁判结果 convicts of ("犯盗窃罪，判处…"), normalised."""
    return _unique(normalise_charge(m) for m in _CONVICTED.findall(result))


def parse_charges(text: str) -> list[str]:
    """Charges from a user-typed list ("盗窃罪、诈骗罪" or "盗窃, 诈骗"), normalised."""
    found = charges_in(text)
    if found:
        return found
    return _unique(normalise_charge(p) for p in _SPLIT.split(text) if p.strip())


def case_charges(*, cause: str, result: str = "", title: str = "") -> list[str]:
    """The normalised charges (or 案由) of a case: what it was convicted of, else what its cause says."""
    return convicted_charges(result) or parse_charges(cause) or charges_in(title)


def _unique(names: object) -> list[str]:
    seen: list[str] = []
    for n in names:  # type: ignore[attr-defined]
        if n and n not in seen:
            seen.append(n)
    return seen
