"""Chinese wording of dates, times and lists as official documents write them (2026年3月5日, no padding)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CN_DIGITS = "〇一二三四五六七八九"


def cn_date(day: date) -> str:
    """2026年3月5日 (GB/T 9704: Arabic numerals, no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_weekday(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def cn_time(moment: datetime) -> str:
    """上午9:00 / 下午2:30: how notices write a time of day."""
    half = "上午" if moment.hour < 12 else "下午"
    hour = moment.hour if moment.hour <= 12 else moment.hour - 12
    return f"{half}{hour}:{moment.minute:02d}"


def clock(moment: datetime) -> str:
    """9:00 / 14:30 for agenda columns."""
    return f"{moment.hour}:{moment.minute:02d}"


def cn_datetime(moment: datetime, *, weekday: bool = True) -> str:
    """2026年3月5日（星期四）上午9:00."""
    week = f"（{cn_weekday(moment.date())}）" if weekday else ""
    return f"{cn_date(moment.date())}{week}{cn_time(moment)}"


def cn_span(start: datetime, end: datetime | None) -> str:
    """2026年3月5日上午9:00至11:30 (the end's date is repeated only when it differs)."""
    if end is None:
        return f"{cn_date(start.date())}{cn_time(start)}起"
    tail = cn_time(end) if end.date() == start.date() else f"{cn_date(end.date())}{cn_time(end)}"
    return f"{cn_date(start.date())}{cn_time(start)}至{tail}"


def cn_number(n: int) -> str:
    """一、二 … 九十九: Chinese numerals for 一、 headings."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def join_names(names: Iterable[str], empty: str = "无") -> str:
    """张三、李四 — or ``empty`` when there is nobody."""
    listed = [n for n in names if n]
    return "、".join(listed) if listed else empty
