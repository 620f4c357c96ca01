"""When a case goes on to the 审判委员会 after the meeting (SPC rule; configurable per court).

For 四类案件 the case is referred to the 院长 for the 审判委员会 when the meeting formed no majority,
or the panel's view differs from the meeting's majority, or the panel cannot decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.i18n import _


@dataclass(frozen=True)
class ReferralRule:
    only_four_categories: bool = True
    on_no_majority: bool = True
    on_panel_disagrees: bool = True  # adoption 未采纳 (and 部分采纳 if ``partial_counts``)
    partial_counts: bool = True
    on_panel_undecided: bool = True


@dataclass(frozen=True)
class ReferralAdvice:
    required: bool
    reasons: tuple[str, ...]

    def explain(self) -> str:
        if not self.required:
            return _("按规则无需提交审判委员会（如院庭长认为必要，仍可提交）")
        return _("应报请院长提交审判委员会讨论：") + _("；").join(self.reasons)


def referral_advice(
    *,
    four_category: bool,
    meeting_had_majority: bool | None,
    adoption: str | None,
    panel_undecided: bool = False,
    rule: ReferralRule | None = None,
) -> ReferralAdvice:
    """Whether the rule calls for a 审委会 referral, with the reasons in words.

    ``meeting_had_majority`` is None before the item is discussed; ``adoption`` is a code of
    :data:`meetingdesk.domain.choices.ADOPTION` or None before the panel reconsidered.
    """
    r = rule or ReferralRule()
    if r.only_four_categories and not four_category:
        return ReferralAdvice(False, ())
    reasons: list[str] = []
    if r.on_no_majority and meeting_had_majority is False:
        reasons.append(_("专业法官会议未形成多数意见"))
    if r.on_panel_disagrees and (adoption == "not_adopted" or (r.partial_counts and adoption == "partly")):
        reasons.append(_("合议庭复议意见与会议多数意见不一致"))
    if r.on_panel_undecided and panel_undecided:
        reasons.append(_("合议庭复议后仍无法作出决定"))
    if reasons and four_category:
        reasons.insert(0, _("属于“四类案件”"))
    return ReferralAdvice(bool(reasons), tuple(reasons))
