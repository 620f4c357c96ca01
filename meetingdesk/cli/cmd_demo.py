"""``meetingdesk demo``: a realistic demo database (refuses to overwrite real data)."""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, progress_printer
from meetingdesk.demo import COURT, create_demo
from meetingdesk.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=_("创建演示数据库（不会覆盖非演示数据库）"))
    p.add_argument("--if-missing", action="store_true", help=_("数据库已存在时不做任何事"))
    p.set_defaults(func=run, login="none")  # it creates the accounts


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.if_missing and ctx.db_path.exists():
        return 0
    summary = create_demo(ctx.db_path, progress=progress_printer(_("创建演示数据")))
    print(_("已创建演示数据库：{path}").format(path=summary.path))
    print(
        _("虚构法院：{court}；会议组{bodies}个，人员{judges}名，案件报告{reports}份，会议{meetings}次。").format(
            court=COURT,
            bodies=summary.bodies,
            judges=summary.judges,
            reports=summary.reports,
            meetings=summary.meetings,
        )
    )
    print(_("演示账户（仅供演示，切勿用于真实数据）："))
    for username, password in summary.accounts:
        print(_("  {username:<10} 密码 {password}").format(username=username, password=password))
    return 0
