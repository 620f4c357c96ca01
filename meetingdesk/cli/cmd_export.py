"""``meetingdesk export``: write a meeting paper or a library document as .docx or .pdf."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meetingdesk.cli.context import CliContext, progress_printer
from meetingdesk.i18n import _
from meetingdesk.services.exports import KINDS, LIBRARY_KINDS, MEETING_KINDS, export_document


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help=_("导出会议通知、议程、签到表、会议记录、会议纪要、类案检索报告或参考性案例（.docx/.pdf）"),
        description=_("导出文书。会议文书用 --meeting 指定会议编号；类案检索报告、参考性案例用 --id 指定编号。"),
    )
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind in MEETING_KINDS:
        k = kinds.add_parser(kind, help=_(KINDS[kind].label))
        k.add_argument("--meeting", type=int, required=True, metavar="ID", help=_("会议编号"))
        _common(k)
    for kind in LIBRARY_KINDS:
        k = kinds.add_parser(kind, help=_(KINDS[kind].label))
        k.add_argument(
            "--id", type=int, required=True, metavar="ID", help=_("{label}编号").format(label=_(KINDS[kind].label))
        )
        _common(k)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("docx", "pdf"), required=True, help=_("文件格式"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("输出文件"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    target = args.meeting if args.kind in MEETING_KINDS else args.id
    path = export_document(
        ctx.desk(),
        ctx.actor(),  # the signed-in user: the export is audited under their name and limited to what they may see
        args.kind,
        target,
        args.format,
        args.out,
        progress=progress_printer(_("导出{label}").format(label=_(KINDS[args.kind].label))),
    )
    print(_("已导出{label}：{path}").format(label=_(KINDS[args.kind].label), path=path))
    return 0
