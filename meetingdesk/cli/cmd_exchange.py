"""Data exchange commands: ``export-all``, ``export-xlsx``, ``restore-export`` and ``roster import/export/template``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meetingdesk.cli.context import CliContext, print_json, progress_printer
from meetingdesk.i18n import _, ngettext


def register(sub: Any) -> None:
    p = sub.add_parser("export-all", help=_("导出全部数据（JSON 和附件，格式见 docs/data-format.md）"))
    p.add_argument("--out", required=True, metavar="DIR", help=_("目标文件夹（须为新的或空的文件夹）"))
    p.set_defaults(func=export_all_cmd)

    p = sub.add_parser("export-xlsx", help=_("把数据库中的每个表导出为一个 Excel 工作簿"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("目标 .xlsx 文件"))
    p.set_defaults(func=export_xlsx_cmd)

    p = sub.add_parser("restore-export", help=_("由 export-all 的导出重建数据库（--db 指定新的数据库文件）"))
    p.add_argument("folder", metavar="DIR", help=_("export-all 导出的文件夹"))
    p.set_defaults(func=restore_cmd, login="none")  # builds a new database; its accounts come from the export

    r = sub.add_parser("roster", help=_("成员与会议组名册：从 Excel/CSV 导入、导出、空白模板"))
    rsub = r.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    ri = rsub.add_parser("import", help=_("导入名册（默认只预览；加 --apply 才写入）"))
    ri.add_argument("file", metavar="FILE", help=_(".xlsx 或 .csv 文件（表头见 docs/roster-import.md）"))
    ri.add_argument("--apply", action="store_true", help=_("检查无误后全部写入（有任何错误则不写入）"))
    ri.add_argument("--json", action="store_true", help=_("以 JSON 输出预览"))
    ri.set_defaults(func=roster_import_cmd)
    re_ = rsub.add_parser("export", help=_("按导入格式导出名册（.xlsx）"))
    re_.add_argument("file", metavar="FILE")
    re_.set_defaults(func=roster_export_cmd)
    rt = rsub.add_parser("template", help=_("生成空白名册模板（.xlsx，含填写说明）"))
    rt.add_argument("file", metavar="FILE")
    rt.set_defaults(func=roster_template_cmd, login="none")  # a blank form: no database involved


def export_all_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    from meetingdesk.exchange.open_export import export_all

    s = export_all(ctx.desk(), ctx.actor(), Path(args.out), progress=progress_printer(_("导出")))
    print(_("已导出到：{folder}").format(folder=s.folder))
    print(
        _("表{tables}个，记录{rows}条；附件{attachments}个（{attachment_bytes}字节）。").format(
            tables=s.tables, rows=s.rows, attachments=s.attachments, attachment_bytes=s.attachment_bytes
        )
    )
    if s.missing_attachments:
        print(
            ngettext(
                "注意：{count}个附件文件缺失或校验值不符，未能导出（见 manifest.json）。",
                "注意：{count}个附件文件缺失或校验值不符，未能导出（见 manifest.json）。",
                len(s.missing_attachments),
            ).format(count=len(s.missing_attachments))
        )
        return 1
    return 0


def export_xlsx_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    from meetingdesk.exchange.tables_xlsx import export_tables_xlsx

    path = export_tables_xlsx(ctx.desk(), ctx.actor(), Path(args.out), progress=progress_printer(_("导出")))
    print(_("已保存：{path}").format(path=path))
    return 0


def restore_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    from meetingdesk.exchange.open_export import restore_open_export

    path = restore_open_export(Path(args.folder), ctx.db_path)
    print(_("已由导出重建数据库：{path}").format(path=path))
    return 0


def roster_import_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    from meetingdesk.exchange.roster_import import apply_roster_import, preview_roster_import

    desk = ctx.desk()
    preview = preview_roster_import(desk, ctx.actor(), Path(args.file))
    if args.json:
        print_json(
            {
                "ok": preview.ok,
                "bodies": [
                    {"sheet": b.sheet, "row": b.row, "name": b.name, "action": b.action, "errors": b.errors}
                    for b in preview.bodies
                ],
                "members": [
                    {
                        "sheet": m.sheet,
                        "row": m.row,
                        "name": m.name,
                        "action": m.action,
                        "bodies": m.bodies,
                        "presider": m.presider,
                        "errors": m.errors,
                    }
                    for m in preview.members
                ],
                "errors": [str(p) for p in preview.errors],
                "warnings": [str(w) for w in preview.warnings],
            }
        )
    else:
        labels = {"create": _("新建"), "update": _("更新"), "unchanged": _("无变化"), "error": _("有错误")}
        for b in preview.bodies:
            print(
                _("会议组  {sheet} 第{row}行  {name}  {action}").format(
                    sheet=b.sheet, row=b.row, name=b.name or _("（无名称）"), action=labels[b.action]
                )
            )
        for m in preview.members:
            bodies = _("  会议组：{bodies}").format(bodies=_("、").join(m.bodies)) if m.bodies else ""
            print(
                _("成员    {sheet} 第{row}行  {name}  {action}{bodies}").format(
                    sheet=m.sheet, row=m.row, name=m.name or _("（无姓名）"), action=labels[m.action], bodies=bodies
                )
            )
        for w in preview.warnings:
            print(_("提示：{w}").format(w=w))
        for e in preview.errors:
            print(_("错误：{e}").format(e=e))
        counts = _("，").join(
            _("{action}{count}行").format(action=labels[a], count=preview.count(a)) for a in labels if preview.count(a)
        )
        print(_("预览：{counts}。").format(counts=counts or _("没有数据")))
    if not preview.ok:
        return 1
    if args.apply:
        result = apply_roster_import(desk, ctx.actor(), Path(args.file))
        print(
            _(
                "已导入：新建会议组{bodies_created}个、更新{bodies_updated}个；新建人员{judges_created}名、更新{judges_updated}名；成员关系{memberships}项。"
            ).format(
                bodies_created=result.bodies_created,
                bodies_updated=result.bodies_updated,
                judges_created=result.judges_created,
                judges_updated=result.judges_updated,
                memberships=result.memberships,
            )
        )
    elif not args.json:
        print(_("以上为预览，未写入数据。确认无误后加 --apply 导入。"))
    return 0


def roster_export_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    from meetingdesk.exchange.roster_export import export_roster_xlsx

    print(_("已保存：{path}").format(path=export_roster_xlsx(ctx.desk(), ctx.actor(), Path(args.file))))
    return 0


def roster_template_cmd(args: argparse.Namespace, _ctx: CliContext) -> int:
    from meetingdesk.exchange.roster_export import write_roster_template

    print(_("已保存：{path}").format(path=write_roster_template(Path(args.file))))
    return 0
