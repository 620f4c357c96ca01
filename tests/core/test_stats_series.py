"""The statistics over time (the 统计 page's charts) add up to the period's own figures."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.stats import Period, compute_statistics
from meetingdesk.stats.series import buckets_of, statistics_series

from tests.conftest import copy_demo


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    with Desk(copy_demo(demo_template, tmp_path / "demo")) as desk:
        yield desk


@pytest.mark.parametrize(
    ("period", "body_id"),
    [
        (Period.year(2026), None),
        (Period.quarter(2026, 4), 3),
        (Period.month(2026, 9), None),
        (Period.custom(date(2025, 12, 15), date(2026, 10, 20)), 2),
    ],
)
def test_buckets_add_up_to_the_period(demo: Desk, period: Period, body_id: int | None) -> None:
    whole = compute_statistics(demo, SYSTEM, period, body_id=body_id)
    figures = whole.bodies[0] if body_id is not None else whole.total
    series = statistics_series(demo, SYSTEM, period, body_id=body_id)
    for name in ("meetings_held", "meetings_adjourned", "items_discussed", "with_majority", "without_majority"):
        assert sum(getattr(b.figures, name) for b in series) == getattr(figures, name), name
    assert sum(b.figures.adoption.adopted for b in series) == figures.adoption.adopted


def test_bucket_sizes_and_labels() -> None:
    months = buckets_of(Period.year(2026))
    assert [label for _p, label in months][:3] == ["1月", "2月", "3月"] and len(months) == 12
    assert all(p.kind == "month" for p, _l in months)
    weeks = buckets_of(Period.month(2026, 11))
    assert weeks[0][0] == Period(date(2026, 11, 1), date(2026, 11, 1)) and weeks[0][1] == "11/1—11/1"
    assert weeks[1][1] == "11/2—11/8" and len(weeks) == 6
    across = buckets_of(Period.custom(date(2025, 12, 15), date(2026, 2, 3)))
    assert [label for _p, label in across] == ["2025年12月", "2026年1月", "2026年2月"]
    assert across[0][0].start == date(2025, 12, 15) and across[-1][0].end == date(2026, 2, 3)
    years = buckets_of(Period.custom(date(2020, 3, 1), date(2026, 2, 3)))
    assert years[0][1] == "2020年" and len(years) == 7


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(0, 4000))
def test_buckets_cover_the_period_exactly_once(start: date, length: int) -> None:
    end = min(date.fromordinal(start.toordinal() + length), date(2100, 12, 31))
    parts = [p for p, _label in buckets_of(Period.custom(start, end))]
    assert parts[0].start == start and parts[-1].end == end
    for a, b in itertools.pairwise(parts):
        assert b.start.toordinal() == a.end.toordinal() + 1
