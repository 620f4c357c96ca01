"""``meetingdesk stats``: the period's figures per body, as text, JSON or an .xlsx workbook."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from meetingdesk.cli.context import CliContext, print_json
from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.stats import Period, Statistics, compute_statistics
from meetingdesk.stats.tables import statistics_tables, statistics_title
from meetingdesk.tabular import format_cell


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help=_("统计：会议、议题、采纳率、提交审委会、成员参会情况"))
    p.add_argument("--year", type=int, metavar="Y", help=_("统计年度（默认：今年）"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--quarter", type=int, metavar="Q", help=_("只统计该季度（1—4）"))
    which.add_argument("--month", type=int, metavar="M", help=_("只统计该月（1—12）"))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help=_("自定义期间的开始日期（与 --to 同用）"))
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help=_("自定义期间的结束日期"))
    p.add_argument("--body", type=int, metavar="ID", help=_("只统计该会议组（编号见 meetings list）"))
    p.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    p.add_argument("--xlsx", metavar="FILE", help=_("另存为 Excel 工作簿"))
    p.add_argument("--report", metavar="FILE", help=_("另存为统计报告（.docx 或 .pdf，按扩展名）"))
    p.add_argument("--compilation", metavar="FILE", help=_("另存该期间的讨论意见汇编（.docx）"))
    p.set_defaults(func=run)


def period_from_args(args: argparse.Namespace, today: date) -> Period:
    if args.start or args.end:
        if not (args.start and args.end):
            raise ValidationError(_("自定义期间须同时给出 --from 和 --to。"))
        if args.year or args.quarter or args.month:
            raise ValidationError(_("--from/--to 不能与 --year、--quarter、--month 同时使用。"))
        return Period.custom(_date(args.start, "--from"), _date(args.end, "--to"))
    year = args.year or today.year
    if args.quarter:
        return Period.quarter(year, args.quarter)
    if args.month:
        return Period.month(year, args.month)
    return Period.year(year)


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("{flag} 的日期“{text}”无效，应写作 2026-03-05。").format(flag=flag, text=text)
        ) from None


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk()
    period = period_from_args(args, desk.now().date())
    stats = compute_statistics(desk, ctx.actor(), period, body_id=args.body)
    if args.xlsx:
        from meetingdesk.stats.export import write_statistics_xlsx

        path = write_statistics_xlsx(stats, Path(args.xlsx))
        if not args.json:
            print(_("已保存：{path}").format(path=path))
    if args.report:
        from meetingdesk.stats.report import export_statistics_document

        path = export_statistics_document(desk, ctx.actor(), period, Path(args.report), body_id=args.body)
        if not args.json:
            print(_("已保存：{path}").format(path=path))
    if args.compilation:
        from meetingdesk.stats.report import export_compilation

        path = export_compilation(desk, ctx.actor(), period, Path(args.compilation), body_id=args.body)
        if not args.json:
            print(_("已保存：{path}").format(path=path))
    if args.json:
        from meetingdesk.stats.export import statistics_as_dict

        print_json(statistics_as_dict(stats))
        return 0
    print_text(stats)
    return 0


def print_text(stats: Statistics) -> None:
    print(statistics_title(stats))
    for table in statistics_tables(stats):
        print()
        print(_("【{title}】").format(title=table.title))
        if not table.rows:
            for note in table.notes:
                print(note)
            continue
        for row in table.rows:
            values = [format_cell(value, col.kind) or "—" for col, value in zip(table.columns, row, strict=True)]
            cells = [
                _("{label}：{value}").format(label=col.title, value=value)
                for col, value in zip(table.columns[1:], values[1:], strict=True)
            ]
            print("  " + values[0] + "  " + "  ".join(cells))
        for note in table.notes:
            print(_("注：") + note)
