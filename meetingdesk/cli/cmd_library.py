"""``meetingdesk library import FILE...`` and ``meetingdesk library reindex``: filling the case library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meetingdesk.cli.context import CliContext, print_json, progress_printer
from meetingdesk.i18n import _, ngettext
from meetingdesk.library.choices import CATEGORIES
from meetingdesk.library.importer import import_files
from meetingdesk.search import index
from meetingdesk.services.permissions import require


def register(sub: Any) -> None:
    p = sub.add_parser("library", help=_("参考案例库：批量导入、重建检索索引"))
    lib = p.add_subparsers(dest="library_command", metavar="ACTION", required=True)

    imp = lib.add_parser("import", help=_("导入案例或裁判文书（.json / .jsonl / .docx，含 LeCaRD 格式）"))
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imp.add_argument("--category", choices=CATEGORIES.codes(), help=_("未注明类别的记录按此类别导入（默认：裁判文书）"))
    imp.add_argument("--json", action="store_true", help=_("以 JSON 输出导入结果"))
    imp.set_defaults(func=run_import, login="if-accounts")  # a fresh database may have no account yet

    rx = lib.add_parser("reindex", help=_("由数据库重建检索索引"))
    rx.set_defaults(func=run_reindex, login="if-accounts")  # maintenance, like check


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk()
    report = import_files(desk, ctx.actor(), args.files, category=args.category, progress=progress_printer(_("导入")))
    if args.json:
        print_json(
            {
                "imported": report.imported,
                "duplicates": [{"location": loc, "duplicate_of": what} for loc, what in report.duplicates],
                "problems": [{"location": loc, "message": msg} for loc, msg in report.problems],
            }
        )
    else:
        for loc, what in report.duplicates:
            print(_("重复  {loc}：与已有案例“{what}”内容相同，已跳过").format(loc=loc, what=what))
        for loc, msg in report.problems:
            print(_("问题  {loc}：{msg}（已跳过）").format(loc=loc, msg=msg))
        print(report.summary())
    return 1 if report.problems and not report.imported else 0


def run_reindex(_args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk()
    require(ctx.actor(), "library.import")
    count = index.rebuild(desk, progress=progress_printer(_("重建索引")))
    print(ngettext("检索索引已重建：{count}篇。", "检索索引已重建：{count}篇。", count).format(count=count))
    return 0
