"""法官等级 (judge grades), low to high; the speaking order follows this ladder."""

from __future__ import annotations

GRADES: tuple[str, ...] = (
    "五级法官",
    "四级法官",
    "三级法官",
    "二级法官",
    "一级法官",
    "四级高级法官",
    "三级高级法官",
    "二级高级法官",
    "一级高级法官",
    "二级大法官",
    "一级大法官",
    "首席大法官",
)
_RANK = {g: i for i, g in enumerate(GRADES)}


def grade_rank(grade: str) -> int:
    """0 for 五级法官 … 11 for 首席大法官; unknown grades raise ValueError with a Chinese message."""
    try:
        return _RANK[grade]
    except KeyError:
        raise ValueError(f"法官等级“{grade}”无法识别，应为：{'、'.join(GRADES)}") from None


def is_grade(grade: str) -> bool:
    return grade in _RANK
