"""The period's figures over time (for the 统计 page's charts): the same statistics, bucket by bucket.

Each bucket is itself a :class:`Period`, and its figures come from :func:`compute_statistics`, so a
chart never counts differently from the tables: the buckets' meetings and items add up to the period's.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress, sub_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.stats.compute import compute_statistics
from meetingdesk.stats.model import BodyStats
from meetingdesk.stats.period import Period

WEEKLY_UP_TO_DAYS = 31  # a month or less: one bar per week
MONTHLY_UP_TO_MONTHS = 36  # up to three years: one bar per month; longer: one per year


@dataclass(frozen=True)
class Bucket:
    period: Period
    label: str  # short, for a chart's axis: 11月 / 2026年1月 / 11/2—11/8 / 2025年
    figures: BodyStats  # all bodies together (or the one body asked for)
    unit: str  # week | month | year (the same for every bucket of a period)


def bucket_unit(period: Period) -> str:
    """``week`` for a month or less, ``month`` for up to three years, else ``year``."""
    if (period.end - period.start).days + 1 <= WEEKLY_UP_TO_DAYS:
        return "week"
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    return "month" if months <= MONTHLY_UP_TO_MONTHS else "year"


def buckets_of(period: Period) -> list[tuple[Period, str]]:
    """Split ``period`` into weeks, months or years (clipped to the period), each with a short label."""
    unit = bucket_unit(period)
    if unit == "week":
        return _weeks(period)
    if unit == "month":
        return _months(period, with_year=period.start.year != period.end.year)
    return _years(period)


def _clip(start: date, end: date, period: Period, kind: str) -> Period:
    lo, hi = max(start, period.start), min(end, period.end)
    return Period(lo, hi, kind if (lo, hi) == (start, end) else "custom")


def _weeks(period: Period) -> list[tuple[Period, str]]:
    out = []
    monday = period.start - timedelta(days=period.start.weekday())
    while monday <= period.end:
        p = _clip(monday, monday + timedelta(days=6), period, "custom")
        out.append((p, f"{p.start.month}/{p.start.day}—{p.end.month}/{p.end.day}"))
        monday += timedelta(days=7)
    return out


def _months(period: Period, *, with_year: bool) -> list[tuple[Period, str]]:
    out = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        label = _("{y}年{m}月").format(y=year, m=month) if with_year else _("{m}月").format(m=month)
        out.append((_clip(first, last, period, "month"), label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _years(period: Period) -> list[tuple[Period, str]]:
    return [
        (_clip(date(y, 1, 1), date(y, 12, 31), period, "year"), _("{y}年").format(y=y))
        for y in range(period.start.year, period.end.year + 1)
    ]


def statistics_series(
    desk: Desk,
    actor: Actor,
    period: Period,
    *,
    body_id: int | None = None,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> list[Bucket]:
    """The figures of each week, month or year of ``period`` (see :func:`buckets_of`).

    Raises:
        PermissionDeniedError, NotFoundError: as :func:`compute_statistics`.
    """
    parts = buckets_of(period)
    unit = bucket_unit(period)
    out = []
    for n, (part, label) in enumerate(parts):
        check_cancel(should_cancel)
        step = sub_progress(progress, n / len(parts), (n + 1) / len(parts))
        stats = compute_statistics(desk, actor, part, body_id=body_id, progress=step, should_cancel=should_cancel)
        out.append(Bucket(part, label, stats.bodies[0] if body_id is not None else stats.total, unit))
    return out
