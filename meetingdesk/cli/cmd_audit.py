"""``meetingdesk audit verify`` (the hash chain and every audited row) and ``audit show ENTITY ID``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from meetingdesk.cli.context import CliContext, print_json
from meetingdesk.i18n import _
from meetingdesk.services.audit_verify import history, verify_audit
from meetingdesk.services.permissions import require


def register(sub: Any) -> None:
    a = sub.add_parser("audit", help=_("审计记录：校验防篡改哈希链，查看记录的修改历史"))
    asub = a.add_subparsers(dest="audit_command", required=True, metavar="ACTION")

    v = asub.add_parser("verify", help=_("校验审计链和数据；发现被改动之处时报告第一处并以非零状态退出"))
    v.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    v.set_defaults(func=verify, login="if-accounts")

    s = asub.add_parser("show", help=_("列出一条记录的全部修改历史（谁、何时、改了什么）"))
    s.add_argument("entity", metavar="ENTITY", help=_("数据类别（表名），如 reports、meetings、opinions、users"))
    s.add_argument("id", metavar="ID", help=_("记录编号（多列主键用“/”连接，如 3/12）"))
    s.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    s.set_defaults(func=show)


def verify(args: argparse.Namespace, ctx: CliContext) -> int:
    require(ctx.actor(), "data.check")
    report = verify_audit(ctx.desk())
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.chain.entries,
                "rows_checked": report.rows_checked,
                "chain_broken_at": report.chain.broken_at,
                "first_problem": report.first_problem,
                "row_problems": [
                    {"entity": p.entity, "id": p.entity_id, "kind": p.kind, "entry": p.entry_id, "message": p.message}
                    for p in report.row_problems
                ],
            }
        )
        return 0 if report.ok else 1
    if report.ok:
        print(
            _("审计链完整：共{entries}条审计记录，{rows_checked}行数据均与审计记录一致。").format(
                entries=report.chain.entries, rows_checked=report.rows_checked
            )
        )
        return 0
    print(_("审计校验未通过。第一处问题：") + report.first_problem)
    others = len(report.row_problems) - (1 if report.chain.ok else 0)
    if not report.chain.ok:
        print(_("（审计链第{broken_at}条起不可信。）").format(broken_at=report.chain.broken_at))
    if others > 0:
        print(_("另有{others}处数据与审计记录不符：").format(others=others))
        start = 1 if report.chain.ok else 0
        for p in report.row_problems[start : start + 10]:
            print("  " + p.message)
    return 1


def _value(v: Any) -> str:
    if v is None:
        return _("（空）")
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def show(args: argparse.Namespace, ctx: CliContext) -> int:
    entries = history(ctx.desk(), ctx.actor(), args.entity, args.id)
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "at": e.at,
                    "user": e.username,
                    "action": e.action,
                    "kind": e.kind,
                    "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in e.changes],
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        print(_("{entity} {id} 没有审计记录。").format(entity=args.entity, id=args.id))
        return 0
    for e in entries:
        print(f"#{e.id}  {e.at.replace('T', ' ')}  {e.username}  {e.kind_label}  {e.action}")
        for c in e.changes:
            if e.kind == "update":
                print(f"      {c.field}: {_value(c.before)} → {_value(c.after)}")
            else:
                print(f"      {c.field}: {_value(c.after if e.kind == 'insert' else c.before)}")
    return 0
