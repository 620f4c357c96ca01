"""The statistics as titled tables: the same three tables go to the screen, .xlsx, .docx and .pdf."""

from __future__ import annotations

from meetingdesk.i18n import _
from meetingdesk.stats.model import BodyStats, Statistics
from meetingdesk.tabular import Cell, Column, Table


def statistics_title(stats: Statistics) -> str:
    """E.g. 2026年专业法官会议工作统计 (or the one body's name)."""
    who = stats.bodies[0].body_name if stats.body_id is not None and stats.bodies else _("专业法官会议")
    return _("{period}{who}工作统计").format(period=stats.period.label, who=who)


def overview_table(stats: Statistics) -> Table:
    columns = (
        Column(_("会议组")),
        Column(_("召开会议"), "int"),
        Column(_("流会"), "int"),
        Column(_("讨论议题"), "int"),
        Column(_("暂缓议题"), "int"),
        Column(_("逾期提交"), "int"),
        Column(_("提交至讨论平均天数"), "number"),
        Column(_("形成多数意见"), "int"),
        Column(_("未形成多数意见"), "int"),
        Column(_("采纳"), "int"),
        Column(_("部分采纳"), "int"),
        Column(_("未采纳"), "int"),
        Column(_("待复议"), "int"),
        Column(_("采纳率"), "percent"),
        Column(_("采纳率（含部分采纳）"), "percent"),
        Column(_("提交审委会"), "int"),
        Column(_("审委会已讨论"), "int"),
        Column(_("形成参考性案例"), "int"),
        Column(_("取消会议"), "int"),
        Column(_("尚未召开会议"), "int"),
    )
    rows = [_overview_row(b) for b in stats.bodies]
    if stats.body_id is None:
        rows.append(_overview_row(stats.total))
    notes = (
        _("统计期间：{start}至{end}；会议按召开日期归入期间。").format(
            start=stats.period.start.isoformat(), end=stats.period.end.isoformat()
        ),
        _("采纳率 = 采纳 ÷ 已复议议题；专业法官会议讨论意见为参考意见，供合议庭、独任庭参考。"),
        *stats.notes,
    )
    return Table(_("{title}：概况").format(title=statistics_title(stats)), columns, tuple(rows), notes, _("概况"))


def _overview_row(b: BodyStats) -> tuple[Cell, ...]:
    a = b.adoption
    return (
        b.body_name,
        b.meetings_held,
        b.meetings_adjourned,
        b.items_discussed,
        b.items_deferred,
        b.late_items,
        round(b.avg_days_to_discussion, 1) if b.avg_days_to_discussion is not None else None,
        b.with_majority,
        b.without_majority,
        a.adopted,
        a.partly,
        a.not_adopted,
        a.pending,
        a.rate,
        a.rate_with_partial,
        b.referrals.referred,
        b.referrals.decided,
        b.reference_cases,
        b.meetings_cancelled,
        b.meetings_upcoming,
    )


def referrals_table(stats: Statistics) -> Table:
    columns = (
        Column(_("会议组")),
        Column(_("案号")),
        Column(_("案由")),
        Column(_("会议日期"), "date"),
        Column(_("提交审委会日期"), "date"),
        Column(_("审委会讨论日期"), "date"),
        Column(_("审委会讨论结果")),
    )
    rows = tuple(
        (r.body_name, r.case_number, r.cause, r.meeting_day, r.referred_on, r.committee_on, r.committee_result)
        for r in stats.total.referrals.rows
    )
    notes = (_("本期没有提交审判委员会的案件。"),) if not rows else ()
    return Table(_("提交审判委员会的案件"), columns, rows, notes, _("审委会"))


def members_table(stats: Statistics) -> Table:
    columns = (
        Column(_("姓名")),
        Column(_("会议组")),
        Column(_("应到"), "int"),
        Column(_("出席"), "int"),
        Column(_("请假"), "int"),
        Column(_("缺席"), "int"),
        Column(_("出席率"), "percent"),
        Column(_("回避议题"), "int"),
        Column(_("发表意见议题"), "int"),
    )
    rows = tuple(
        (
            m.name,
            _("、").join(m.bodies),
            m.expected,
            m.present,
            m.on_leave,
            m.absent,
            m.attendance_rate,
            m.recused_items,
            m.opinions_given,
        )
        for m in stats.members
    )
    notes = (_("按期间内已召开的会议统计；列席人员不计入。"),)
    return Table(_("成员参会情况"), columns, rows, notes, _("成员"))


def statistics_tables(stats: Statistics) -> list[Table]:
    return [overview_table(stats), referrals_table(stats), members_table(stats)]
