"""``meetingdesk demo``: a realistic demo database (refuses to overwrite real data)."""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, progress_printer
from meetingdesk.demo import COURT, create_demo


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="创建演示数据库（不会覆盖非演示数据库）")
    p.add_argument("--if-missing", action="store_true", help="数据库已存在时不做任何事")
    p.set_defaults(func=run, login="none")  # it creates the accounts


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.if_missing and ctx.db_path.exists():
        return 0
    summary = create_demo(ctx.db_path, progress=progress_printer("创建演示数据"))
    print(f"已创建演示数据库：{summary.path}")
    print(
        f"虚构法院：{COURT}；会议组{summary.bodies}个，人员{summary.judges}名，"
        f"案件报告{summary.reports}份，会议{summary.meetings}次。"
    )
    print("演示账户（仅供演示，切勿用于真实数据）：")
    for username, password in summary.accounts:
        print(f"  {username:<10} 密码 {password}")
    return 0
