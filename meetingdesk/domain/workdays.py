"""Working days on the official Chinese calendar (statutory holidays and 调休 make-up days).

The calendar data comes from the ``chinese-calendar`` package, which covers the years the State
Council has announced. Beyond them we fall back to Monday–Friday and say so plainly; a court may
record its own overrides (e.g. once next year's schedule is published).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from meetingdesk.i18n import N_, _


@dataclass(frozen=True)
class WorkCalendar:
    overrides: Mapping[date, bool] = field(default_factory=dict)  # date → is a working day

    def covered(self, day: date) -> bool:
        """True when the official data (or a court override) decides this date."""
        if day in self.overrides:
            return True
        try:
            chinese_calendar.is_workday(day)
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        return _HOLIDAY_NAMES.get(str(name), str(name)) if on_holiday and name else None


_HOLIDAY_NAMES = {
    "New Year's Day": N_("元旦"),
    "Spring Festival": N_("春节"),
    "Tomb-sweeping Day": N_("清明节"),
    "Labour Day": N_("劳动节"),
    "Dragon Boat Festival": N_("端午节"),
    "National Day": N_("国庆节"),
    "Mid-autumn Festival": N_("中秋节"),
    "Anti-Fascist 70th Day": N_("抗战胜利纪念日"),
}


@dataclass(frozen=True)
class Deadline:
    """The materials deadline for a meeting, and whether it rests on estimated calendar data."""

    due: date
    working_days: int
    estimated: bool  # some day in the span was beyond the official calendar data

    def explain(self) -> str:
        text = _("材料应于{due}（会前{working_days}个工作日）前送达").format(
            due=format_date(self.due), working_days=self.working_days
        )
        if self.estimated:
            text += _(
                "。注意：该期间的法定节假日安排尚未收录，已按周一至周五估算，请在国务院公布安排后核对（可在设置中补录调休日期）"
            )
        return text


def format_date(day: date) -> str:
    """2026年3月5日 — no zero padding, as official documents write dates."""
    return _("{year}年{month}月{day}日").format(year=day.year, month=day.month, day=day.day)


def materials_deadline(meeting_day: date, working_days: int, calendar: WorkCalendar | None = None) -> Deadline:
    """The last day materials may arrive: ``working_days`` working days before the meeting day."""
    if working_days < 0:
        raise ValueError(_("材料提交期限的工作日数不能为负数"))
    cal = calendar or WorkCalendar()
    day = meeting_day
    estimated = not cal.covered(meeting_day)
    counted = 0
    while counted < working_days:
        day -= timedelta(days=1)
        estimated = estimated or not cal.covered(day)
        if cal.is_workday(day):
            counted += 1
    return Deadline(due=day, working_days=working_days, estimated=estimated)


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Working days in (start, end]; negative when end is before start."""
    cal = calendar or WorkCalendar()
    if end < start:
        return -working_days_between(end, start, cal)
    n = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if cal.is_workday(day):
            n += 1
    return n


def add_working_days(start: date, days: int, calendar: WorkCalendar | None = None) -> date:
    """The date ``days`` working days after ``start`` (for follow-up due dates)."""
    cal = calendar or WorkCalendar()
    day = start
    added = 0
    while added < days:
        day += timedelta(days=1)
        if cal.is_workday(day):
            added += 1
    return day
