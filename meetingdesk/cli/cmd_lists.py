"""``meetingdesk meetings list`` and ``meetingdesk reports list``."""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, print_json
from meetingdesk.i18n import _
from meetingdesk.services import meetings, reports


def register(sub: Any) -> None:
    m = sub.add_parser("meetings", help=_("会议"))
    msub = m.add_subparsers(dest="meetings_command", required=True, metavar="ACTION")
    ml = msub.add_parser("list", help=_("列出会议"))
    ml.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    ml.set_defaults(func=list_meetings)

    r = sub.add_parser("reports", help=_("案件报告"))
    rsub = r.add_subparsers(dest="reports_command", required=True, metavar="ACTION")
    rl = rsub.add_parser("list", help=_("列出案件报告"))
    rl.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    rl.add_argument("--state", action="append", default=[], help=_("只列出该状态（代码，如 submitted），可重复"))
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
            _(
                "{id:>4}  {starts_at:%Y-%m-%d %H:%M}  {body_name}  {room_name}  "
                "主持人：{presider_name}  {state_label}  议题{item_count}件  记录{minutes_state_label}"
            ).format(
                id=m.id,
                starts_at=m.starts_at,
                body_name=m.body_name,
                room_name=m.room_name,
                presider_name=m.presider_name,
                state_label=m.state_label,
                item_count=m.item_count,
                minutes_state_label=m.minutes_state_label,
            )
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
        late = _("  逾期") if r.late else ""
        print(
            _("{id:>4}  {case_number}  {cause}  {body_name}  承办：{reporting_judge}  {state}{late}").format(
                id=r.id,
                case_number=r.case_number,
                cause=r.cause,
                body_name=r.body_name,
                reporting_judge=r.reporting_judge,
                state=REPORT_STATES.label(r.state),
                late=late,
            )
        )
    return 0
