"""Vocabularies of the library: case categories, SPC authority tiers, workflow states."""

from __future__ import annotations

from meetingdesk.domain.choices import Choices
from meetingdesk.i18n import N_, _

CATEGORIES = Choices(
    "case_category",
    (
        ("guiding", N_("指导性案例")),
        ("typical", N_("典型案例")),
        ("reference", N_("参考性案例")),
        ("own", N_("本院案例")),
        ("caselib", N_("案例库入库案例")),
        ("judgment", N_("裁判文书")),
    ),
)

TIERS: dict[int, str] = {
    1: N_("指导性案例"),
    2: N_("最高人民法院典型案例及裁判"),
    3: N_("本省高级人民法院参考性案例及裁判"),
    4: N_("上一级法院及本院生效裁判"),
    5: N_("其他裁判"),
}
"""The SPC 类案检索指导意见 art. 四 tiers (1 is the most authoritative); 5 is everything else."""

DEFAULT_TIER = {"guiding": 1, "typical": 2, "caselib": 2, "reference": 3, "own": 4, "judgment": 5}

CASE_STATUSES = Choices(
    "library_status",
    (("draft", N_("草稿")), ("review", N_("审核")), ("published", N_("发布"))),
)

NEXT_STATUS = {"draft": ("review",), "review": ("published", "draft"), "published": ("review",)}
"""草稿 → 审核 → 发布; a reviewer may send a case back, and a published case may be withdrawn to review."""

REPORT_USES = Choices(
    "search_report_use",
    (("follow", N_("参照")), ("consult", N_("参考")), ("not_follow", N_("不参照"))),
)

SEARCH_METHODS = Choices(
    "search_method",
    (("keyword", N_("关键词检索")), ("article", N_("法条关联检索")), ("case", N_("案例关联检索"))),
)

MAX_KEYWORDS = 7


def tier_label(tier: int) -> str:
    return _(TIERS.get(tier, TIERS[5]))
