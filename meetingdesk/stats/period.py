"""The period a statistic covers: a month, a quarter, a year or any range of days (both ends included)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import N_, _

QUARTERS = (N_("第一季度"), N_("第二季度"), N_("第三季度"), N_("第四季度"))

PERIOD_KINDS = ("month", "quarter", "year", "custom")


def _cn_date(d: date) -> str:
    return _("{y}年{m}月{d}日").format(y=d.year, m=d.month, d=d.day)


@dataclass(frozen=True)
class Period:
    """Days ``start`` … ``end`` inclusive; a meeting belongs to the period of the day it (was to) start."""

    start: date
    end: date
    kind: str = "custom"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(_("统计期间的结束日期不能早于开始日期。"), "period")
        if self.kind not in PERIOD_KINDS:
            raise ValidationError(_("统计期间类型“{kind}”无效。").format(kind=self.kind), "period")

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise ValidationError(_("季度应为1至4。"), "quarter")
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return cls(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), "quarter")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise ValidationError(_("月份应为1至12。"), "month")
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        return cls(start, end, "custom")

    @property
    def label(self) -> str:
        """Words for titles: 2026年 / 2026年第四季度 / 2026年11月 / 2026年9月1日至2026年11月23日."""
        if self.kind == "year":
            return _("{y}年").format(y=self.start.year)
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return _("{y}年{quarter}").format(y=self.start.year, quarter=_(QUARTERS[q - 1]))
        if self.kind == "month":
            return _("{y}年{m}月").format(y=self.start.year, m=self.start.month)
        return _("{start}至{end}").format(start=_cn_date(self.start), end=_cn_date(self.end))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(_("年份“{year}”超出范围（2000—2100）。").format(year=year), "year")
