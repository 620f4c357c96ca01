"""``meetingdesk backup --out FILE`` / ``backup --auto`` and ``meetingdesk restore FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from meetingdesk.cli.context import CliContext, print_json, progress_printer
from meetingdesk.errors import DatabaseError, MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.auto_backup import auto_backup_folder, policy_from_settings, run_auto_backup
from meetingdesk.services.backup import BackupInfo, create_backup, verify_backup
from meetingdesk.services.permissions import require
from meetingdesk.services.restore import restore_backup


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help=_("备份数据库和全部附件到一个文件（程序运行时也可进行）"))
    what = b.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", metavar="FILE", help=_("备份文件（.zip）"))
    what.add_argument("--auto", action="store_true", help=_("按自动备份设置执行（每天至多一次，只保留最近若干份）"))
    what.add_argument("--verify", metavar="FILE", help=_("只校验一个备份文件，不作任何更改"))
    b.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    b.set_defaults(func=backup)

    r = sub.add_parser("restore", help=_("从备份恢复：先完整校验，当前数据移到一旁保存，再替换"))
    r.add_argument("file", metavar="FILE", help=_("备份文件（.zip）"))
    r.add_argument("--yes", action="store_true", help=_("不再询问，直接恢复"))
    r.set_defaults(func=restore, login="none")  # must work when the current database cannot be opened


def _info_json(info: BackupInfo) -> dict[str, Any]:
    return {
        "file": str(info.path),
        "created_at": info.created_at,
        "schema_version": info.schema_version,
        "files": info.files,
        "bytes": info.total_bytes,
        "counts": info.counts,
        "audit_entries": info.audit_entries,
        "missing_attachments": list(info.missing_attachments),
    }


def backup(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.verify:
        require(ctx.actor(), "backup.create")
        info = verify_backup(Path(args.verify), progress=progress_printer(_("校验")))
        print_json(_info_json(info)) if args.json else print(_("备份完好。") + info.summary)
        return 0
    desk = ctx.desk()
    actor = ctx.actor()
    if args.auto:
        require(actor, "backup.create")
        policy = policy_from_settings(desk)
        made = run_auto_backup(desk, policy, progress=progress_printer(_("自动备份")))
        folder = auto_backup_folder(desk, policy)
        if args.json:
            print_json({"file": str(made) if made else None, "folder": str(folder)})
        elif made:
            print(_("已写入自动备份：{made}（保留最近{keep}份）").format(made=made, keep=policy.keep))
        else:
            print(_("今天已有自动备份，或自动备份已关闭。备份文件夹：{folder}").format(folder=folder))
        return 0
    info = create_backup(desk, actor, Path(args.out), progress=progress_printer(_("备份")))
    if args.json:
        print_json(_info_json(info))
        return 0
    print(_("已写入备份：{path}").format(path=info.path))
    print(info.summary)
    if info.missing_attachments:
        print(
            _("注意：有{count}个附件的文件在备份前已缺失：{names}").format(
                count=len(info.missing_attachments), names=_("、").join(info.missing_attachments[:5])
            )
        )
    return 0


def _restoring_actor(ctx: CliContext) -> Actor:
    """An administrator of the current database, or the system when it has no accounts or cannot be opened."""
    from meetingdesk.services.users import has_users

    if not ctx.db_path.exists():
        return SYSTEM
    try:
        accounts = has_users(ctx.desk())
    except DatabaseError:
        print(_("提示：当前数据库无法打开，将直接用备份替换（原文件会移到一旁保存）。"), file=sys.stderr)
        return SYSTEM
    if not accounts:
        return SYSTEM
    actor = ctx.login()
    require(actor, "backup.restore")
    return actor


def restore(args: argparse.Namespace, ctx: CliContext) -> int:
    actor = _restoring_actor(ctx)
    ctx.close()  # our own connection must not keep the database in use

    def confirm(info: BackupInfo) -> bool:
        print(_("备份校验通过。") + info.summary)
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise MeetingDeskError(_("恢复会替换当前全部数据。请加 --yes 确认（当前数据会移到一旁保存）。"))
        answer = input(
            _("将用该备份替换“{db_path}”中的全部数据（当前数据移到一旁保存）。输入 yes 确认：").format(
                db_path=ctx.db_path
            )
        )
        return answer.strip().lower() == "yes"

    result = restore_backup(
        ctx.db_path, Path(args.file), actor=actor, confirm=confirm, progress=progress_printer(_("恢复"))
    )
    print(_("已从备份恢复：{db_path}").format(db_path=ctx.db_path))
    if result.set_aside:
        print(_("原有数据已移到：{set_aside}").format(set_aside=result.set_aside))
    for warning in result.warnings:
        print(_("注意：") + warning)
    print(_("搜索索引将在下次使用时自动重建。"))
    return 0
