"""The statistics as plain, frozen data: what the 统计 page, the CLI and the exports all show.

Definitions (also in README's 统计 section; keep them in step):

- A meeting belongs to the period of the day it was scheduled to start.
- 召开 (held) counts meetings that took place; 流会 counts meetings recorded as adjourned.
- 讨论议题 counts agenda items marked 已讨论 at meetings held; 暂缓 those deferred there.
- 逾期议题 counts items whose materials arrived after the deadline, on any meeting of the period that
  was not cancelled (so a late item already on next week's agenda is counted).
- 平均用时 is the mean number of calendar days from the report's submission to the meeting that
  discussed it.
- 多数意见 / 未形成多数意见 is the computed result of each discussed item.
- 采纳情况 is the panel's 复议 of each discussed item (by the meeting's period, not the 复议 date);
  the rates divide by the items already reconsidered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from meetingdesk.stats.period import Period


@dataclass(frozen=True)
class AdoptionCounts:
    adopted: int = 0  # 采纳
    partly: int = 0  # 部分采纳
    not_adopted: int = 0  # 未采纳
    pending: int = 0  # discussed, 复议 not yet recorded

    @property
    def reconsidered(self) -> int:
        return self.adopted + self.partly + self.not_adopted

    @property
    def rate(self) -> float | None:
        """Share fully adopted among the items reconsidered (None when none is)."""
        return self.adopted / self.reconsidered if self.reconsidered else None

    @property
    def rate_with_partial(self) -> float | None:
        """Share adopted in whole or in part: the figure courts usually publish as 采纳率."""
        return (self.adopted + self.partly) / self.reconsidered if self.reconsidered else None

    def __add__(self, other: AdoptionCounts) -> AdoptionCounts:
        return AdoptionCounts(
            self.adopted + other.adopted,
            self.partly + other.partly,
            self.not_adopted + other.not_adopted,
            self.pending + other.pending,
        )


@dataclass(frozen=True)
class Referral:
    """One case sent on to the 审判委员会 after the meeting, and what the committee did."""

    agenda_item_id: int
    body_name: str
    case_number: str
    cause: str
    meeting_day: date
    referred_on: date | None
    committee_result: str
    committee_on: date | None

    @property
    def decided(self) -> bool:
        return self.committee_on is not None or bool(self.committee_result)


@dataclass(frozen=True)
class ReferralCounts:
    rows: tuple[Referral, ...] = ()

    @property
    def referred(self) -> int:
        return len(self.rows)

    @property
    def decided(self) -> int:
        return sum(1 for r in self.rows if r.decided)

    @property
    def pending(self) -> int:
        return self.referred - self.decided


@dataclass(frozen=True)
class BodyStats:
    """One body's figures for the period (``body_id`` None: all bodies together)."""

    body_id: int | None
    body_name: str
    meetings_held: int = 0
    meetings_adjourned: int = 0  # 流会
    meetings_cancelled: int = 0
    meetings_upcoming: int = 0  # scheduled in the period, not yet held
    items_discussed: int = 0
    items_deferred: int = 0
    late_items: int = 0
    avg_days_to_discussion: float | None = None
    with_majority: int = 0  # 形成多数意见
    without_majority: int = 0  # 未形成多数意见
    adoption: AdoptionCounts = field(default_factory=AdoptionCounts)
    referrals: ReferralCounts = field(default_factory=ReferralCounts)
    reference_cases: int = 0  # 参考性案例 produced from the period's meetings


@dataclass(frozen=True)
class MemberStats:
    """A member's participation: counted over the meetings held in the period (应到 = on the list)."""

    judge_id: int
    name: str
    bodies: tuple[str, ...]
    expected: int  # 应到
    present: int  # 出席
    on_leave: int  # 请假
    absent: int  # 缺席
    recused_items: int  # 回避的议题
    opinions_given: int  # items on which the member stated an opinion

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


@dataclass(frozen=True)
class Statistics:
    period: Period
    generated_at: datetime
    bodies: tuple[BodyStats, ...]
    total: BodyStats
    members: tuple[MemberStats, ...]
    library_available: bool  # the reference-case library exists in this database
    body_id: int | None = None  # the filter, if one body was asked for
    notes: tuple[str, ...] = ()  # caveats shown under the tables
