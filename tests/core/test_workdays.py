from datetime import date

from meetingdesk.domain.workdays import (
    WorkCalendar,
    add_working_days,
    format_date,
    materials_deadline,
    working_days_between,
)


def test_plain_week() -> None:
    # Thursday 2026-11-26: three working days before is Monday 2026-11-23.
    d = materials_deadline(date(2026, 11, 26), 3)
    assert d.due == date(2026, 11, 23) and not d.estimated
    assert d.explain() == "材料应于2026年11月23日（会前3个工作日）前送达"


def test_national_day_holiday_and_make_up_day() -> None:
    # 2026: 10月1–7日 holiday; Saturday 10月10日 is a 调休 working day.
    d = materials_deadline(date(2026, 10, 12), 2)  # Monday
    assert d.due == date(2026, 10, 9)  # Sat 10th counts (make-up), Fri 9th is the second
    d = materials_deadline(date(2026, 10, 8), 1)  # Thursday after the holiday
    assert d.due == date(2026, 9, 30)
    cal = WorkCalendar()
    assert cal.holiday_name(date(2026, 10, 1)) == "国庆节"
    assert cal.is_workday(date(2026, 10, 10))


def test_beyond_the_data_is_estimated_and_says_so() -> None:
    d = materials_deadline(date(2027, 3, 4), 3)
    assert d.estimated
    assert "尚未收录" in d.explain()


def test_court_overrides_decide_uncovered_dates() -> None:
    cal = WorkCalendar({date(2027, 1, 1): False, date(2026, 12, 31): True})
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.covered(date(2027, 1, 1))


def test_counting_helpers() -> None:
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == -5
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert format_date(date(2026, 3, 5)) == "2026年3月5日"
