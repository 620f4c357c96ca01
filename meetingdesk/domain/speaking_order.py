"""The prescribed speaking order of a meeting item.

列席 (invited, non-member) attendees speak first; then members from the lowest judge grade to the
highest, and within one grade the one promoted to it most recently speaks first; the presider speaks
last. Ties that the rule leaves open are broken by name and id so the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from meetingdesk.domain.grades import grade_rank
from meetingdesk.i18n import _


@dataclass(frozen=True)
class Speaker:
    """Someone who may speak on an item."""

    key: str  # stable identity, e.g. "judge:12" or "invitee:3"
    name: str
    grade: str | None = None  # None for 列席 without a judge grade
    promoted_on: date | None = None
    is_presider: bool = False
    is_invitee: bool = False  # 列席: speaks, never counts, never among the members' opinions


def speaking_order(speakers: Iterable[Speaker]) -> list[Speaker]:
    """Order speakers by the rule: 列席 → members by grade (low→high, latest promotion first) → presider."""
    people = list(speakers)
    invitees = [s for s in people if s.is_invitee]
    presiders = [s for s in people if s.is_presider and not s.is_invitee]
    members = [s for s in people if not s.is_invitee and not s.is_presider]

    def member_key(s: Speaker) -> tuple[int, int, str, str]:
        rank = grade_rank(s.grade) if s.grade else -1
        # Most recent promotion first: a later date sorts earlier.
        promoted = -(s.promoted_on.toordinal()) if s.promoted_on else 0
        return (rank, promoted, s.name, s.key)

    invitees.sort(key=lambda s: (s.name, s.key))
    members.sort(key=member_key)
    presiders.sort(key=member_key)
    return invitees + members + presiders


def explain_order(ordered: Sequence[Speaker]) -> list[str]:
    """One line per speaker saying why they are in that place (for the UI and the record)."""
    return [
        _("{n}. {name}（{why}）").format(n=i, name=s.name, why=why)
        for i, (s, why) in enumerate(zip(ordered, order_reasons(ordered), strict=True), start=1)
    ]


def order_reasons(ordered: Sequence[Speaker]) -> list[str]:
    """Why each speaker stands where they do: 列席 first, grade and promotion date, presider last."""
    reasons = []
    for s in ordered:
        if s.is_invitee:
            why = _("列席人员，先于成员发言")
        elif s.is_presider:
            why = _("主持人，最后发言")
        else:
            since = (
                _("，{year}年{month}月{day}日晋升").format(
                    year=s.promoted_on.year, month=s.promoted_on.month, day=s.promoted_on.day
                )
                if s.promoted_on
                else ""
            )
            why = (_(s.grade) if s.grade else _("未定等级")) + since
        reasons.append(why)
    return reasons
