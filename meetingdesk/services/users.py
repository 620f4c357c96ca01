"""User accounts and sign-in. Passwords are stored as scrypt hashes (memory-hard, in the stdlib)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from meetingdesk.domain.choices import ROLES
from meetingdesk.errors import ConflictError, MeetingDeskError, ValidationError
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk, Row
from meetingdesk.services.permissions import require
from meetingdesk.services.records import clean, from_row

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(got, base64.b64decode(digest))


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: str
    judge_id: int | None
    active: bool
    must_change_password: bool

    def as_actor(self) -> Actor:
        return Actor(self.id, self.username, self.role, self.judge_id, self.display_name)


def _user(row: Row) -> User:
    return from_row(User, row)


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
    username = clean(username)
    if not username or any(ch.isspace() for ch in username):
        raise ValidationError("用户名不能为空，也不能含空格。", "username")
    if role not in ROLES:
        raise ValidationError(f"角色“{role}”无效。", "role")
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少{MIN_PASSWORD}位。", "password")
    if desk.one("SELECT 1 FROM users WHERE username = ?", (username,)):
        raise ConflictError(f"用户名“{username}”已被使用。")
    with desk.write(actor, "user.create") as tx:
        uid = tx.insert(
            "users",
            {
                "username": username,
                "display_name": clean(display_name) or username,
                "role": role,
                "judge_id": judge_id,
                "password_hash": hash_password(password),
                "must_change_password": int(must_change_password),
                "created_at": tx.now,
            },
        )
    return get_user(desk, uid)


def get_user(desk: Desk, user_id: int) -> User:
    return _user(desk.get("users", user_id, what="用户"))


def list_users(desk: Desk, actor: Actor) -> list[User]:
    require(actor, "users.manage")
    return [_user(r) for r in desk.query("SELECT * FROM users ORDER BY username")]


def has_users(desk: Desk) -> bool:
    return bool(desk.one("SELECT 1 FROM users LIMIT 1"))


def authenticate(desk: Desk, username: str, password: str) -> Actor:
    """Check a password; the same message for unknown users and wrong passwords."""
    row = desk.one("SELECT * FROM users WHERE username = ?", (clean(username),))
    if row is None or not row["active"] or not verify_password(password, str(row["password_hash"])):
        raise MeetingDeskError("用户名或密码不正确。")
    return _user(row).as_actor()
