"""Words and formats the meeting screens share (dates, item states, late marks, stance keys)."""

from __future__ import annotations

from datetime import date, datetime

from meetingdesk.domain.opinions import OPTION_PREFIX, stance_label
from meetingdesk.i18n import N_, _
from meetingdesk.services.agenda import AgendaItem

ITEM_STATUS = {
    "pending": N_("待讨论"),
    "discussing": N_("讨论中"),
    "discussed": N_("已讨论"),
    "deferred": N_("暂缓"),
}

WEEKDAYS = (N_("周一"), N_("周二"), N_("周三"), N_("周四"), N_("周五"), N_("周六"), N_("周日"))

ADVISORY_NOTE = N_("专业法官会议的讨论意见是供合议庭、独任法官参考的咨询意见（参考意见），不是裁判决定。")


def item_status(code: str) -> str:
    return _(ITEM_STATUS.get(code, code))


def day_text(day: date) -> str:
    return _("{y}年{m}月{d}日").format(y=day.year, m=day.month, d=day.day)


def when_text(moment: datetime) -> str:
    """2026年11月25日（周三）09:30 — how the screens write a meeting time."""
    return _("{day}（{weekday}）{hm}").format(
        day=day_text(moment.date()), weekday=_(WEEKDAYS[moment.weekday()]), hm=moment.strftime("%H:%M")
    )


def short_when(moment: datetime | None) -> str:
    return moment.strftime("%m-%d %H:%M") if moment else ""


def late_text(item: AgendaItem) -> str:
    if not item.late:
        return _("按时")
    return _("逾期·已准予") if item.late_admitted else _("逾期·待决定")


def late_tip(item: AgendaItem) -> str:
    if not item.late:
        return _("材料按时送达。")
    if item.late_admitted:
        return _("材料晚于送达截止日提交，主持人已准予上会。")
    return _("材料晚于送达截止日提交，须由主持人决定是否准予上会。")


def late_colour(item: AgendaItem) -> str | None:
    if not item.late:
        return None
    return "#b26a00" if item.late_admitted else "#c62828"


def stance_text(stance: str) -> str:
    return stance_label(stance)


SHORT_STANCES = {"majority": N_("同意多数"), "minority": N_("同意少数"), "other": N_("其他意见")}


def short_stance(stance: str) -> str:
    """A stance in a table cell: 同意多数 / 同意少数 / 其他意见 / 同意甲."""
    if stance in SHORT_STANCES:
        return _(SHORT_STANCES[stance])
    if stance.startswith(OPTION_PREFIX):
        return _("同意{label}").format(label=stance[len(OPTION_PREFIX) :])
    return stance_text(stance)


def minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{h}小时{m}分钟").format(h=hours, m=rest)
    if hours:
        return _("{h}小时").format(h=hours)
    return _("{m}分钟").format(m=rest)
