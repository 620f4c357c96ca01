"""``meetingdesk check``: database integrity, references, attachment hashes (and more as registered)."""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, print_json
from meetingdesk.i18n import _, ngettext
from meetingdesk.services.checks import run_checks
from meetingdesk.services.permissions import require


def register(sub: Any) -> None:
    p = sub.add_parser("check", help=_("检查数据库完整性、引用和附件校验值"))
    p.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    p.set_defaults(func=run, login="if-accounts")  # must work on any database, even one without accounts


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    require(ctx.actor(), "data.check")
    findings = run_checks(ctx.desk())
    if args.json:
        print_json([f.__dict__ for f in findings])
    else:
        for f in findings:
            print((_("通过  ") if f.ok else _("问题  ")) + f.message)
    failed = [f for f in findings if not f.ok]
    if not args.json:
        print(
            _("检查完成：")
            + (
                _("全部通过。")
                if not failed
                else ngettext("发现{count}个问题。", "发现{count}个问题。", len(failed)).format(count=len(failed))
            )
        )
    return 1 if failed else 0
