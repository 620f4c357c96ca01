"""法官等级 (judge grades), low to high; the speaking order follows this ladder."""

from __future__ import annotations

from meetingdesk.i18n import N_, _

GRADES: tuple[str, ...] = (
    N_("五级法官"),
    N_("四级法官"),
    N_("三级法官"),
    N_("二级法官"),
    N_("一级法官"),
    N_("四级高级法官"),
    N_("三级高级法官"),
    N_("二级高级法官"),
    N_("一级高级法官"),
    N_("二级大法官"),
    N_("一级大法官"),
    N_("首席大法官"),
)
_RANK = {g: i for i, g in enumerate(GRADES)}


def grade_rank(grade: str) -> int:
    """0 for 五级法官 … 11 for 首席大法官; unknown grades raise ValueError with a Chinese message."""
    try:
        return _RANK[grade]
    except KeyError:
        raise ValueError(
            _("法官等级“{grade}”无法识别，应为：{grades}").format(
                grade=grade, grades=_("、").join(_(g) for g in GRADES)
            )
        ) from None


def is_grade(grade: str) -> bool:
    return grade in _RANK
