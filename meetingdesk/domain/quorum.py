"""Quorum: at least a fraction (default one third) of the body's members, and never fewer than five.

Source: "每次专业法官会议参加人数不能少于本专业法官会议组成人员总数的1/3，最低人数不能少于5人".
Only members count: 列席 guests never do, and a member recused from an item does not count for it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from meetingdesk.i18n import _

DEFAULT_FRACTION = Fraction(1, 3)
DEFAULT_MINIMUM = 5


def required_attendance(
    member_count: int, fraction: Fraction = DEFAULT_FRACTION, minimum: int = DEFAULT_MINIMUM
) -> int:
    """Members who must be present: ``max(ceil(member_count × fraction), minimum)``."""
    if member_count < 0:
        raise ValueError(_("组成人员人数不能为负数"))
    if not 0 <= fraction <= 1:
        raise ValueError(_("法定比例必须在 0 到 1 之间"))
    if minimum < 0:
        raise ValueError(_("法定最低人数不能为负数"))
    return max(math.ceil(Fraction(member_count) * Fraction(fraction)), minimum)


def quorum_possible(member_count: int, fraction: Fraction = DEFAULT_FRACTION, minimum: int = DEFAULT_MINIMUM) -> bool:
    """False when the body is too small ever to reach quorum (e.g. fewer than five members)."""
    return required_attendance(member_count, fraction, minimum) <= member_count


def impossible_reason(
    member_count: int, fraction: Fraction = DEFAULT_FRACTION, minimum: int = DEFAULT_MINIMUM
) -> str | None:
    """A plain Chinese sentence when quorum can never be met, else None."""
    required = required_attendance(member_count, fraction, minimum)
    if required <= member_count:
        return None
    return _(
        "该会议组仅有组成人员{member_count}人，而法定人数为{required}人，无论如何都无法达到法定人数。请增补成员或调整法定人数设置。"
    ).format(member_count=member_count, required=required)


@dataclass(frozen=True)
class QuorumCheck:
    """The outcome of a quorum check and its explanation in words."""

    member_count: int  # 应到: members of the body
    present: int  # 实到: members present in the room (including any recused from this item)
    recused: int  # 回避: members present but recused, who do not count
    required: int
    minimum: int
    fraction: Fraction

    @property
    def counted(self) -> int:
        """Members who count toward quorum: present and not recused."""
        return self.present - self.recused

    @property
    def met(self) -> bool:
        return self.counted >= self.required

    @property
    def shortfall(self) -> int:
        return max(self.required - self.counted, 0)

    def explain(self) -> str:
        """E.g. "应到14人，实到5人，回避1人，法定最低人数5人，未达到（计入4人，还差1人）"."""
        parts = [
            _("应到{member_count}人").format(member_count=self.member_count),
            _("实到{present}人").format(present=self.present),
        ]
        if self.recused:
            parts.append(_("回避{recused}人").format(recused=self.recused))
        if self.required > self.minimum:
            parts.append(
                _("法定人数{required}人（组成人员的{numerator}/{denominator}）").format(
                    required=self.required, numerator=self.fraction.numerator, denominator=self.fraction.denominator
                )
            )
        else:
            parts.append(_("法定最低人数{required}人").format(required=self.required))
        if self.met:
            parts.append(_("已达到"))
        elif self.recused:
            parts.append(
                _("未达到（计入{counted}人，还差{shortfall}人）").format(counted=self.counted, shortfall=self.shortfall)
            )
        else:
            parts.append(_("未达到（还差{shortfall}人）").format(shortfall=self.shortfall))
        return _("，").join(parts)


def check_quorum(
    member_ids: Iterable[int],
    present_ids: Iterable[int],
    recused_ids: Iterable[int] = (),
    fraction: Fraction = DEFAULT_FRACTION,
    minimum: int = DEFAULT_MINIMUM,
) -> QuorumCheck:
    """Check quorum counting only members who are present and not recused.

    ``present_ids`` may contain non-members (e.g. 列席 guests); they are ignored, as are
    recusals of people who are not present.
    """
    members = set(member_ids)
    present = set(present_ids) & members
    recused = set(recused_ids) & present
    return QuorumCheck(
        member_count=len(members),
        present=len(present),
        recused=len(recused),
        required=required_attendance(len(members), fraction, minimum),
        minimum=minimum,
        fraction=fraction,
    )
