"""What every subcommand shares: the database path, the open Desk, the signed-in user, output helpers.

The CLI acts as a named user: ``--user NAME`` (or ``MEETINGDESK_USER``), with the password from
``MEETINGDESK_PASSWORD`` or typed at a prompt. Without them it refuses. Each subcommand says how it
signs in through ``set_defaults(login=...)``:

- ``"required"`` (the default): always as a named user;
- ``"if-accounts"``: as a named user, except on a database that has no account yet (integrity checks
  must work on any database, e.g. before the first administrator exists or after a crash);
- ``"none"``: the command handles it itself (``demo`` creates the accounts; ``users create-admin`` is
  the first run; ``restore`` must work when the current database cannot be opened at all).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.paths import default_database_path
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk

USER_ENV = "MEETINGDESK_USER"
PASSWORD_ENV = "MEETINGDESK_PASSWORD"
NEW_PASSWORD_ENV = "MEETINGDESK_NEW_PASSWORD"


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.db_path = Path(args.db) if args.db else default_database_path()
        self._desk: Desk | None = None
        self._actor: Actor | None = None

    def desk(self, *, must_exist: bool = True) -> Desk:
        if self._desk is None:
            if must_exist and not self.db_path.exists():
                raise MeetingDeskError(
                    _("数据库“{db_path}”不存在。可先运行“meetingdesk demo”创建演示数据库，或用 --db 指定文件。").format(
                        db_path=self.db_path
                    )
                )
            self._desk = Desk(self.db_path)
            if self._desk.storage_notice:
                print(_("提示：") + self._desk.storage_notice, file=sys.stderr)
        return self._desk

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk = None

    # ---- signing in

    def username(self) -> str:
        return (getattr(self.args, "user", None) or os.environ.get(USER_ENV, "")).strip()

    def login(self, *, allow_without_accounts: bool = False) -> Actor:
        """Sign in as the named user (once per run) and return the Actor.

        Raises:
            MeetingDeskError: no user named, no password available, or the sign-in failed.
        """
        if self._actor is not None:
            return self._actor
        from meetingdesk.services.users import authenticate, has_users

        desk = self.desk()
        if not has_users(desk):
            if allow_without_accounts:
                self._actor = SYSTEM
                return SYSTEM
            raise MeetingDeskError(_("该数据库尚无用户账户。请先运行“meetingdesk users create-admin”创建管理员账户。"))
        name = self.username()
        if not name:
            raise MeetingDeskError(
                _("请指明以哪个账户操作：meetingdesk --user 用户名 …（或设置环境变量 {env}）。").format(env=USER_ENV)
            )
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = prompt_secret(_("用户“{name}”的密码：").format(name=name), what=_("密码"), env=PASSWORD_ENV)
        actor = authenticate(desk, name, password, via="cli")
        user = desk.one("SELECT must_change_password FROM users WHERE id = ?", (actor.user_id,))
        if user and user["must_change_password"] and getattr(self.args, "allow_password_change", False) is not True:
            raise MeetingDeskError(
                _("账户“{name}”须先修改密码（管理员重置过密码）：meetingdesk --user {name} users passwd").format(
                    name=name
                )
            )
        self._actor = actor
        return actor

    def actor(self) -> Actor:
        """The signed-in user (main() signs in before running a command that needs it)."""
        return self._actor if self._actor is not None else self.login()


def prompt_secret(prompt: str, *, what: str, env: str) -> str:
    """Read a password from the terminal without echo; refuse when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        raise MeetingDeskError(
            _("无法输入{what}：请在终端中运行，或通过环境变量 {env} 提供。").format(what=what, env=env)
        )
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise MeetingDeskError(_("未输入{what}。").format(what=what)) from None


def new_password(prompt: str | None = None) -> str:
    """A new password from MEETINGDESK_NEW_PASSWORD, or typed twice at the terminal."""
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given
    first = prompt_secret(prompt if prompt is not None else _("新密码："), what=_("新密码"), env=NEW_PASSWORD_ENV)
    second = prompt_secret(_("再次输入新密码："), what=_("新密码"), env=NEW_PASSWORD_ENV)
    if first != second:
        raise MeetingDeskError(_("两次输入的新密码不一致。"))
    return first


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def progress_printer(label: str) -> Any:
    """A progress callback that redraws one line on stderr (only when it is a terminal)."""
    last = [-1]

    def report(fraction: float, status: str = "") -> None:
        pct = int(fraction * 100)
        if pct == last[0]:
            return
        last[0] = pct
        if sys.stderr.isatty():
            bar = "#" * (pct // 4)
            sys.stderr.write(f"\r{label} [{bar:<25}] {pct:3d}% {status[:40]:<40}")
            if pct >= 100:
                sys.stderr.write("\n")
        elif pct % 10 == 0:
            sys.stderr.write(f"{label} {pct}% {status}\n")
        sys.stderr.flush()

    return report
