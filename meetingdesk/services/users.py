"""User accounts and sign-in. Passwords are stored as scrypt hashes (memory-hard, in the stdlib).

The first account is the administrator, created once when the database has no account at all. Wrong
passwords are counted per account: after ``security.max_failed_logins`` in a row it locks for
``security.lockout_minutes`` (or until an administrator resets the password). Every sign-in, failed
attempt, password change and reset is in the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from meetingdesk.domain.choices import ROLES
from meetingdesk.errors import AuthenticationError, ConflictError, StateError, ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk, Row
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean, from_row
from meetingdesk.services.settings import get_setting

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8
MAX_PASSWORD = 256  # scrypt work grows with the input; nobody types more
MAX_USERNAME = 64
WRONG_CREDENTIALS = N_("用户名或密码不正确。")


def _secret_bytes(password: str) -> bytes:
    # surrogatepass: a terminal in a non-UTF-8 locale may hand us lone surrogates; never crash on them
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(_secret_bytes(password), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or len(password) > MAX_PASSWORD:
            return False
        got = hashlib.scrypt(
            _secret_bytes(password), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
        return hmac.compare_digest(got, base64.b64decode(digest))
    except (ValueError, TypeError):  # a damaged hash never matches, and never crashes the login
        return False


_DUMMY_HASH = hash_password(secrets.token_hex(8))
"""Checked against for unknown users, so a wrong user name takes as long as a wrong password."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: str
    judge_id: int | None
    active: bool
    must_change_password: bool
    failed_logins: int = 0
    locked_until: datetime | None = None

    @property
    def role_label(self) -> str:
        return ROLES.label(self.role)

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def as_actor(self) -> Actor:
        return Actor(self.id, self.username, self.role, self.judge_id, self.display_name)


def _user(row: Row) -> User:
    return from_row(User, row)


# ---- validation


def check_password_rules(password: str, username: str = "") -> None:
    """Raise ValidationError (field ``password``) when a new password is too weak."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(_("密码至少{limit}位。").format(limit=MIN_PASSWORD), "password")
    if len(password) > MAX_PASSWORD:
        raise ValidationError(_("密码不能超过{limit}位。").format(limit=MAX_PASSWORD), "password")
    if username and password.strip().casefold() == username.strip().casefold():
        raise ValidationError(_("密码不能与用户名相同。"), "password")
    if len(set(password)) < 3:
        raise ValidationError(_("密码过于简单，请混合使用字母、数字或符号。"), "password")


def _clean_username(desk: Desk, username: str) -> str:
    name = clean(username)
    if not name or any(ch.isspace() for ch in name):
        raise ValidationError(_("用户名不能为空，也不能含空格。"), "username")
    if len(name) > MAX_USERNAME or any(ord(ch) < 32 or ch in "\x7f/\\" for ch in name):
        raise ValidationError(
            _("用户名不能超过{limit}个字符，也不能含控制字符或斜杠。").format(limit=MAX_USERNAME),
            "username",
        )
    if desk.one("SELECT 1 FROM users WHERE username = ?", (name,)):
        raise ConflictError(_("用户名“{name}”已被使用。").format(name=name))
    return name


def _new_user_values(
    desk: Desk,
    username: str,
    password: str,
    role: str,
    display_name: str,
    judge_id: int | None,
    must_change_password: bool,
    now: str,
) -> dict[str, object]:
    if role not in ROLES:
        raise ValidationError(_("角色“{role}”无效。").format(role=role), "role")
    check_password_rules(password, username)
    if judge_id is not None and not desk.one("SELECT 1 FROM judges WHERE id = ?", (judge_id,)):
        raise ValidationError(_("所关联的人员不存在。"), "judge_id")
    return {
        "username": username,
        "display_name": clean(display_name) or username,
        "role": role,
        "judge_id": judge_id,
        "password_hash": hash_password(password),
        "must_change_password": int(must_change_password),
        "created_at": now,
    }


# ---- accounts


def has_users(desk: Desk) -> bool:
    return bool(desk.one("SELECT 1 FROM users LIMIT 1"))


def needs_first_admin(desk: Desk) -> bool:
    """True on first run: the database has no account yet, so the administrator must be created."""
    return not has_users(desk)


def create_first_admin(desk: Desk, username: str, password: str, *, display_name: str = "") -> User:
    """Create the administrator on first run; refused once any account exists.

    Raises:
        StateError: the database already has accounts.
        ValidationError: bad user name or weak password.
    """
    name = _clean_username(desk, username)
    values = _new_user_values(desk, name, password, "admin", display_name or "系统管理员", None, False, "")
    with desk.write(SYSTEM, "user.first_admin") as tx:
        if has_users(desk):  # checked again inside the transaction: two first runs cannot both win
            raise StateError(_("数据库已有用户账户，不能再次创建初始管理员；请用管理员账户登录后添加用户。"))
        uid = tx.insert("users", {**values, "created_at": tx.now})
    return get_user(desk, uid)


def create_user(
    desk: Desk,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    judge_id: int | None = None,
    must_change_password: bool = False,
) -> User:
    require(actor, "users.manage")
    name = _clean_username(desk, username)
    values = _new_user_values(desk, name, password, role, display_name, judge_id, must_change_password, "")
    with desk.write(actor, "user.create") as tx:
        uid = tx.insert("users", {**values, "created_at": tx.now})
    return get_user(desk, uid)


def get_user(desk: Desk, user_id: int) -> User:
    return _user(desk.get("users", user_id, what=_("用户")))


def find_user(desk: Desk, username: str) -> User | None:
    row = desk.one("SELECT * FROM users WHERE username = ?", (clean(username),))
    return _user(row) if row else None


def list_users(desk: Desk, actor: Actor) -> list[User]:
    require(actor, "users.manage")
    return [_user(r) for r in desk.query("SELECT * FROM users ORDER BY username")]


def _active_admins(desk: Desk) -> set[int]:
    return {r["id"] for r in desk.query("SELECT id FROM users WHERE role = 'admin' AND active = 1")}


def update_user(
    desk: Desk,
    actor: Actor,
    user_id: int,
    *,
    role: str | None = None,
    display_name: str | None = None,
    judge_id: int | None = -1,
    active: bool | None = None,
) -> User:
    """Change an account's role, name, linked judge (``None`` unlinks) or active flag.

    The last active administrator can be neither demoted nor disabled, so the database never ends up
    without anyone able to manage it.
    """
    require(actor, "users.manage")
    user = get_user(desk, user_id)
    changes: dict[str, object] = {}
    if role is not None:
        if role not in ROLES:
            raise ValidationError(_("角色“{role}”无效。").format(role=role), "role")
        changes["role"] = role
    if display_name is not None:
        changes["display_name"] = clean(display_name) or user.username
    if judge_id != -1:
        if judge_id is not None and not desk.one("SELECT 1 FROM judges WHERE id = ?", (judge_id,)):
            raise ValidationError(_("所关联的人员不存在。"), "judge_id")
        changes["judge_id"] = judge_id
    if active is not None:
        changes["active"] = int(active)
    stays_admin = changes.get("role", user.role) == "admin" and bool(changes.get("active", user.active))
    if user.role == "admin" and user.active and not stays_admin and _active_admins(desk) == {user_id}:
        raise StateError(_("这是唯一的在用管理员账户，不能停用或改为其他角色；请先为另一账户设置管理员角色。"))
    if changes:
        with desk.write(actor, "user.update") as tx:
            tx.update("users", {"id": user_id}, changes)
    return get_user(desk, user_id)


def change_password(desk: Desk, actor: Actor, old_password: str, new_password: str) -> User:
    """The signed-in user changes their own password (the old one must be right)."""
    if actor.user_id is None:
        raise StateError(_("系统账户没有密码。"))
    row = desk.get("users", actor.user_id, what=_("用户"))
    if not verify_password(old_password, str(row["password_hash"])):
        raise AuthenticationError(_("原密码不正确。"))
    check_password_rules(new_password, str(row["username"]))
    if verify_password(new_password, str(row["password_hash"])):
        raise ValidationError(_("新密码不能与原密码相同。"), "password")
    with desk.write(actor, "user.password_change") as tx:
        tx.update(
            "users",
            {"id": actor.user_id},
            {"password_hash": hash_password(new_password), "must_change_password": 0, "failed_logins": 0},
        )
    return get_user(desk, actor.user_id)


def reset_password(desk: Desk, actor: Actor, user_id: int, new_password: str, *, must_change: bool = True) -> User:
    """The administrator sets a new password (and unlocks the account); by default the user must change it."""
    require(actor, "users.manage")
    user = get_user(desk, user_id)
    check_password_rules(new_password, user.username)
    with desk.write(actor, "user.password_reset") as tx:
        tx.update(
            "users",
            {"id": user_id},
            {
                "password_hash": hash_password(new_password),
                "must_change_password": int(must_change),
                "failed_logins": 0,
                "locked_until": None,
            },
        )
    return get_user(desk, user_id)


# ---- signing in


def _lock_policy(desk: Desk) -> tuple[int, int]:
    tries = int(get_setting(desk, "security.max_failed_logins") or 0)
    minutes = int(get_setting(desk, "security.lockout_minutes") or 0)
    return max(tries, 0), max(minutes, 0)


def idle_lock_minutes(desk: Desk) -> int:
    """Minutes without input after which the GUI locks the screen (0: never)."""
    try:
        return max(int(get_setting(desk, "security.idle_lock_minutes") or 0), 0)
    except (TypeError, ValueError):
        return 10


def authenticate(desk: Desk, username: str, password: str, *, via: str = "") -> Actor:
    """Check a password and return the signed-in user; the same message for unknown users and wrong passwords.

    Args:
        via: where the sign-in happens (``gui``, ``cli``, ``unlock``), kept in the audit trail.

    Raises:
        AuthenticationError: wrong user name or password, account locked or disabled.
    """
    row = desk.one("SELECT * FROM users WHERE username = ?", (clean(username)[:MAX_USERNAME],))
    if row is None:
        verify_password(password, _DUMMY_HASH)
        raise AuthenticationError(_(WRONG_CREDENTIALS))
    user = _user(row)
    now = desk.now()
    if user.locked_at(now):
        until = user.locked_until or now
        raise AuthenticationError(
            _("账户“{username}”因连续输错密码已被锁定，请于{until:%H:%M}后重试，或请管理员重置密码。").format(
                username=user.username, until=until
            )
        )
    if not verify_password(password, str(row["password_hash"])):
        _record_failure(desk, user, now, via)
        raise AuthenticationError(_(WRONG_CREDENTIALS))
    if not user.active:
        raise AuthenticationError(_("账户“{username}”已停用，请联系管理员。").format(username=user.username))
    actor = user.as_actor()
    with desk.write(actor, "user.login") as tx:
        if user.failed_logins or user.locked_until is not None:
            tx.update("users", {"id": user.id}, {"failed_logins": 0, "locked_until": None})
        tx.note("users", str(user.id), {"via": via} if via else {})
    return actor


def _record_failure(desk: Desk, user: User, now: datetime, via: str) -> None:
    tries, minutes = _lock_policy(desk)
    failures = user.failed_logins + 1
    changes: dict[str, object] = {"failed_logins": failures}
    if tries and failures >= tries and minutes:
        changes = {"failed_logins": 0, "locked_until": (now + timedelta(minutes=minutes)).isoformat(timespec="seconds")}
    with desk.write(SYSTEM, "user.login_failed") as tx:
        tx.update("users", {"id": user.id}, changes)
        if via:
            tx.note("users", str(user.id), {"via": via})
    if "locked_until" in changes:
        raise AuthenticationError(
            _("密码连续错误{tries}次，账户“{username}”已锁定{minutes}分钟；如忘记密码，请管理员重置。").format(
                tries=tries, username=user.username, minutes=minutes
            )
        )
