"""Statistics of the meetings' work (统计): per body and period, as plain dataclasses.

``period`` says which days count, ``compute`` reads the database (through the services' own rules:
the 多数意见 comes from :func:`meetingdesk.services.discussion.item_result`, never recomputed here),
``tables`` turns the result into titled tables for any output, and ``xlsx`` writes them to Excel.
"""

from meetingdesk.stats.compute import compute_statistics
from meetingdesk.stats.model import (
    AdoptionCounts,
    BodyStats,
    MemberStats,
    Referral,
    ReferralCounts,
    Statistics,
)
from meetingdesk.stats.period import Period

__all__ = [
    "AdoptionCounts",
    "BodyStats",
    "MemberStats",
    "Period",
    "Referral",
    "ReferralCounts",
    "Statistics",
    "compute_statistics",
]
