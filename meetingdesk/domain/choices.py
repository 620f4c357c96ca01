"""The closed vocabularies of the domain: stored as stable codes, shown as Chinese labels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from meetingdesk.i18n import N_, _


@dataclass(frozen=True)
class Choices:
    """An ordered code → label table; labels are translatable."""

    name: str
    items: tuple[tuple[str, str], ...]

    def label(self, code: str) -> str:
        for c, text in self.items:
            if c == code:
                return _(text)
        raise KeyError(code)

    def codes(self) -> list[str]:
        return [c for c, _text in self.items]

    def __contains__(self, code: object) -> bool:
        return any(c == code for c, _text in self.items)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((c, _(text)) for c, text in self.items)

    def require(self, code: str, what: str) -> str:
        """Return ``code`` or raise ValueError with a message listing the valid choices."""
        if code not in self:
            valid = _("、").join(_(t) for _c, t in self.items)
            raise ValueError(_("{what}“{code}”无效，可选：{valid}").format(what=what, code=code, valid=valid))
        return code


BODY_KINDS = Choices(
    "body_kind",
    (
        ("specialty", N_("专业法官会议")),
        ("division", N_("审判庭专业法官会议")),
        ("team", N_("审判团队专业法官会议")),
        ("cross", N_("跨部门专业法官会议")),
    ),
)

SUBMISSION_REASONS = Choices(
    "submission_reason",
    (
        ("sole_judge", N_("独任庭认为需要提交讨论")),
        ("panel_no_majority", N_("合议庭内部无法形成多数意见，或持少数意见的法官认为需要提交讨论")),
        ("unify_law", N_("有必要统一法律适用（审判团队、审判庭、专业领域之间或辖区法院内）")),
        ("four_group", N_("四类案件：涉及群体性纠纷，可能影响社会稳定")),
        ("four_complex", N_("四类案件：疑难复杂且在社会上有重大影响")),
        ("four_conflict", N_("四类案件：与本院或上级法院的类案判决可能发生冲突")),
        ("four_misconduct", N_("四类案件：有关单位或个人反映法官有违法审判行为")),
        ("committee_bound", N_("拟提交审判委员会讨论")),
        ("request", N_("请示案件")),
        ("other", N_("其他需要提交讨论的")),
    ),
)
FOUR_CATEGORY_REASONS = frozenset({"four_group", "four_complex", "four_conflict", "four_misconduct"})

INITIATORS = Choices(
    "initiator",
    (
        ("sole_judge", N_("独任庭")),
        ("panel", N_("合议庭")),
        ("president", N_("院庭长")),
        ("general_dept", N_("综合业务部门")),
    ),
)

QUESTION_TYPES = Choices(
    "question_type",
    (
        ("law", N_("法律适用")),
        ("evidence", N_("与事实认定高度关联的证据规则适用")),
        ("other", N_("其他事项")),
    ),
)

PROCEDURES = Choices(
    "procedure",
    (
        ("first", N_("一审")),
        ("second", N_("二审")),
        ("retrial", N_("再审")),
        ("retrial_review", N_("申请再审审查")),
        ("enforcement", N_("执行")),
        ("compensation", N_("国家赔偿")),
        ("other", N_("其他")),
    ),
)

REPORT_STATES = Choices(
    "report_state",
    (
        ("draft", N_("草稿")),
        ("submitted", N_("已提交")),
        ("returned", N_("退回补正")),
        ("accepted", N_("已受理")),
        ("scheduled", N_("已排期")),
        ("discussed", N_("已讨论")),
        ("reconsidered", N_("已复议")),
        ("closed", N_("已办结")),
        ("withdrawn", N_("已撤回")),
    ),
)

MEETING_STATES = Choices(
    "meeting_state",
    (
        ("planned", N_("筹备中")),
        ("notified", N_("已通知")),
        ("in_progress", N_("进行中")),
        ("held", N_("已召开")),
        ("adjourned", N_("流会")),
        ("cancelled", N_("已取消")),
    ),
)

MINUTES_STATES = Choices(
    "minutes_state",
    (("draft", N_("草稿")), ("circulating", N_("传阅")), ("final", N_("定稿"))),
)

ATTENDANCE = Choices(
    "attendance",
    (("present", N_("出席")), ("leave", N_("请假")), ("absent", N_("缺席"))),
)

ITEM_ABSENCE = Choices(
    "item_absence",
    (("recused", N_("回避")), ("left", N_("中途离席"))),
)

INVITEE_KINDS = Choices(
    "invitee_kind",
    (
        ("assistant", N_("法官助理")),
        ("general_dept", N_("综合业务部门人员")),
        ("other_judge", N_("其他专业领域法官")),
        ("scholar", N_("专家学者")),
        ("deputy", N_("人大代表")),
        ("cppcc", N_("政协委员")),
        ("other", N_("其他人员")),
    ),
)

ADOPTION = Choices(
    "adoption",
    (("adopted", N_("采纳")), ("partly", N_("部分采纳")), ("not_adopted", N_("未采纳"))),
)

ATTACHMENT_KINDS = Choices(
    "attachment_kind",
    (
        ("trial_report", N_("审理报告")),
        ("search_report", N_("类案检索报告")),
        ("evidence", N_("证据材料")),
        ("other", N_("其他材料")),
    ),
)

ROLES = Choices(
    "role",
    (
        ("admin", N_("管理员")),
        ("secretary", N_("会议秘书")),
        ("presider", N_("主持人")),
        ("member", N_("成员")),
        ("viewer", N_("只读")),
    ),
)

POSTS = (
    N_("院长"),
    N_("副院长"),
    N_("审判委员会专职委员"),
    N_("庭长"),
    N_("副庭长"),
    N_("审判团队负责人"),
    N_("审判员"),
)
PRESIDER_POSTS = frozenset({"院长", "副院长", "审判委员会专职委员", "庭长", "副庭长"})
