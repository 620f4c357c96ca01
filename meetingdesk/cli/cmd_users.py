"""``meetingdesk users``: the first administrator, accounts, password changes and resets.

New passwords come from ``MEETINGDESK_NEW_PASSWORD`` or are typed twice at the terminal.
"""

from __future__ import annotations

import argparse
from typing import Any

from meetingdesk.cli.context import CliContext, new_password, print_json
from meetingdesk.domain.choices import ROLES
from meetingdesk.errors import NotFoundError
from meetingdesk.i18n import _
from meetingdesk.services import users


def register(sub: Any) -> None:
    u = sub.add_parser("users", help=_("用户账户：初始管理员、添加、修改密码、重置密码"))
    usub = u.add_subparsers(dest="users_command", required=True, metavar="ACTION")

    first = usub.add_parser("create-admin", help=_("首次使用：创建管理员账户（数据库尚无任何账户时）"))
    first.add_argument("--username", default="admin", help=_("管理员用户名（默认 admin）"))
    first.add_argument("--display-name", default="", help=_("显示名称"))
    first.set_defaults(func=create_admin, login="none")

    ls = usub.add_parser("list", help=_("列出账户"))
    ls.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    ls.set_defaults(func=list_accounts)

    add = usub.add_parser("add", help=_("添加账户"))
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES.codes(), help=_("角色"))
    add.add_argument("--display-name", default="", help=_("显示名称"))
    add.add_argument("--judge-id", type=int, default=None, help=_("关联的人员编号（主持人、成员须关联本人）"))
    add.set_defaults(func=add_account)

    upd = usub.add_parser("update", help=_("修改账户的角色、名称或启用状态"))
    upd.add_argument("username")
    upd.add_argument("--role", choices=ROLES.codes(), help=_("新角色"))
    upd.add_argument("--display-name", help=_("新显示名称"))
    state = upd.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help=_("停用账户"))
    state.add_argument("--enable", action="store_true", help=_("启用账户"))
    upd.set_defaults(func=update_account)

    reset = usub.add_parser("reset-password", help=_("管理员重置他人密码（并解除锁定）"))
    reset.add_argument("username")
    reset.add_argument("--no-force-change", action="store_true", help=_("不要求对方下次登录时修改密码"))
    reset.set_defaults(func=reset_account)

    passwd = usub.add_parser("passwd", help=_("修改本人密码"))
    passwd.set_defaults(func=change_own, allow_password_change=True)


def create_admin(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = ctx.desk(must_exist=False)
    if not users.needs_first_admin(desk):
        print(_("数据库已有用户账户，无需创建初始管理员。请以管理员身份登录后用“users add”添加账户。"))
        return 1
    password = new_password(_("管理员密码："))
    user = users.create_first_admin(desk, args.username, password, display_name=args.display_name)
    print(
        _("已创建管理员账户“{username}”。请妥善保管密码；忘记时只能由其他管理员重置。").format(username=user.username)
    )
    return 0


def _find(ctx: CliContext, username: str) -> users.User:
    user = users.find_user(ctx.desk(), username)
    if user is None:
        raise NotFoundError(_("没有名为“{username}”的账户。").format(username=username))
    return user


def list_accounts(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = users.list_users(ctx.desk(), ctx.actor())
    now = ctx.desk().now()
    if args.json:
        print_json(
            [
                {
                    "id": u.id,
                    "username": u.username,
                    "display_name": u.display_name,
                    "role": u.role,
                    "judge_id": u.judge_id,
                    "active": u.active,
                    "locked": u.locked_at(now),
                    "must_change_password": u.must_change_password,
                }
                for u in rows
            ]
        )
        return 0
    for u in rows:
        flags = [f for f, on in ((_("已停用"), not u.active), (_("已锁定"), u.locked_at(now))) if on]
        print(f"{u.id:>4}  {u.username:<12} {u.role_label:<6} {u.display_name}  {_('、').join(flags)}".rstrip())
    return 0


def add_account(args: argparse.Namespace, ctx: CliContext) -> int:
    actor = ctx.actor()
    password = new_password(_("账户“{username}”的初始密码：").format(username=args.username))
    user = users.create_user(
        ctx.desk(),
        actor,
        args.username,
        password,
        args.role,
        display_name=args.display_name,
        judge_id=args.judge_id,
        must_change_password=True,
    )
    print(
        _("已添加账户“{username}”（{role}）；首次登录时须修改密码。").format(
            username=user.username, role=user.role_label
        )
    )
    return 0


def update_account(args: argparse.Namespace, ctx: CliContext) -> int:
    actor = ctx.actor()
    user = _find(ctx, args.username)
    active = False if args.disable else (True if args.enable else None)
    user = users.update_user(ctx.desk(), actor, user.id, role=args.role, display_name=args.display_name, active=active)
    print(
        _("已更新账户“{username}”：{role}，{state}。").format(
            username=user.username, role=user.role_label, state=_("启用") if user.active else _("停用")
        )
    )
    return 0


def reset_account(args: argparse.Namespace, ctx: CliContext) -> int:
    actor = ctx.actor()
    user = _find(ctx, args.username)
    password = new_password(_("账户“{username}”的新密码：").format(username=user.username))
    users.reset_password(ctx.desk(), actor, user.id, password, must_change=not args.no_force_change)
    print(_("已重置账户“{username}”的密码并解除锁定。").format(username=user.username))
    return 0


def change_own(_args: argparse.Namespace, ctx: CliContext) -> int:
    import os

    from meetingdesk.cli.context import PASSWORD_ENV, prompt_secret

    actor = ctx.actor()
    old = os.environ.get(PASSWORD_ENV)
    if old is None:
        old = prompt_secret(_("原密码："), what=_("原密码"), env=PASSWORD_ENV)
    users.change_password(ctx.desk(), actor, old, new_password())
    print(_("密码已修改。"))
    return 0
