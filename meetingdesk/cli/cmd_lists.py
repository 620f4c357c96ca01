"""``meetingdesk meetings list`` and ``meetingdesk reports list``."""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, print_json
from meetingdesk.services import meetings, reports


def register(sub: Any) -> None:
    m = sub.add_parser("meetings", help="会议")
    msub = m.add_subparsers(dest="meetings_command", required=True, metavar="ACTION")
    ml = msub.add_parser("list", help="列出会议")
    ml.add_argument("--json", action="store_true", help="以 JSON 输出")
    ml.set_defaults(func=list_meetings)

    r = sub.add_parser("reports", help="案件报告")
    rsub = r.add_subparsers(dest="reports_command", required=True, metavar="ACTION")
    rl = rsub.add_parser("list", help="列出案件报告")
    rl.add_argument("--json", action="store_true", help="以 JSON 输出")
    rl.add_argument("--state", action="append", default=[], help="只列出该状态（代码，如 submitted），可重复")
    rl.set_defaults(func=list_reports)


def list_meetings(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk()
    rows = meetings.list_meetings(desk, ctx.actor())
    if args.json:
        print_json(
            [
                {
                    "id": m.id,
                    "body": m.body_name,
                    "starts_at": m.starts_at.isoformat(timespec="minutes"),
                    "room": m.room_name,
                    "presider": m.presider_name,
                    "state": m.state,
                    "state_label": m.state_label,
                    "minutes_state": m.minutes_state,
                    "items": m.item_count,
                    "summary_number": m.summary_number,
                }
                for m in rows
            ]
        )
        return 0
    for m in rows:
        print(
            f"{m.id:>4}  {m.starts_at:%Y-%m-%d %H:%M}  {m.body_name}  {m.room_name}  "
            f"主持人：{m.presider_name}  {m.state_label}  议题{m.item_count}件  记录{m.minutes_state_label}"
        )
    return 0


def list_reports(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk()
    rows = reports.list_reports(desk, ctx.actor(), reports.ReportFilter(states=tuple(args.state)))
    if args.json:
        print_json([r.__dict__ for r in rows])
        return 0
    from meetingdesk.domain.choices import REPORT_STATES

    for r in rows:
        late = "  逾期" if r.late else ""
        print(
            f"{r.id:>4}  {r.case_number}  {r.cause}  {r.body_name}  承办：{r.reporting_judge}  "
            f"{REPORT_STATES.label(r.state)}{late}"
        )
    return 0
