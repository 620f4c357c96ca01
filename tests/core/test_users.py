"""Accounts: first-run administrator, sign-in, lockout, password change and reset."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.errors import AuthenticationError, ConflictError, PermissionDeniedError, StateError, ValidationError
from meetingdesk.services import users
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.services.settings import set_setting

from tests.conftest import FakeClock


@pytest.fixture
def admin_desk(desk: Desk) -> Desk:
    users.create_first_admin(desk, "admin", "s3cret-pass")
    return desk


def test_first_run_creates_the_administrator_once(desk: Desk) -> None:
    assert users.needs_first_admin(desk)
    with pytest.raises(ValidationError, match="至少8位"):
        users.create_first_admin(desk, "admin", "short")
    admin = users.create_first_admin(desk, "admin", "s3cret-pass", display_name="张管理")
    assert admin.role == "admin" and admin.display_name == "张管理" and not users.needs_first_admin(desk)
    with pytest.raises((StateError, ConflictError)):
        users.create_first_admin(desk, "other", "another-pass")
    with pytest.raises(StateError, match="已有用户账户"):
        users.create_first_admin(desk, "second", "another-pass")
    stored = desk.scalar("SELECT password_hash FROM users WHERE id = ?", (admin.id,))
    assert stored.startswith("scrypt$16384$8$1$") and "s3cret" not in stored
    assert desk.one("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == {"action": "user.first_admin"}


def test_sign_in_and_the_same_message_for_unknown_users(admin_desk: Desk) -> None:
    actor = users.authenticate(admin_desk, "admin", "s3cret-pass", via="gui")
    assert actor.role == "admin" and actor.username == "admin"
    assert admin_desk.one("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == {
        "action": 'user.login:{"via":"gui"}'
    }
    with pytest.raises(AuthenticationError) as wrong_pw:
        users.authenticate(admin_desk, "admin", "wrong-pass")
    with pytest.raises(AuthenticationError) as unknown:
        users.authenticate(admin_desk, "nobody", "wrong-pass")
    assert str(wrong_pw.value) == str(unknown.value) == users.WRONG_CREDENTIALS


def test_wrong_passwords_lock_the_account_until_reset_or_timeout(admin_desk: Desk, clock: FakeClock) -> None:
    desk = admin_desk
    admin = users.authenticate(desk, "admin", "s3cret-pass")
    set_setting(desk, admin, "security.max_failed_logins", 3)
    set_setting(desk, admin, "security.lockout_minutes", 10)
    clerk = users.create_user(desk, admin, "clerk", "clerk-pass1", "secretary")
    for _ in range(2):
        with pytest.raises(AuthenticationError, match="不正确"):
            users.authenticate(desk, "clerk", "nope-nope")
    with pytest.raises(AuthenticationError, match="已锁定10分钟"):
        users.authenticate(desk, "clerk", "nope-nope")
    # even the right password is refused while locked
    with pytest.raises(AuthenticationError, match="锁定"):
        users.authenticate(desk, "clerk", "clerk-pass1")
    assert users.get_user(desk, clerk.id).locked_at(clock())
    clock.set(clock() + timedelta(minutes=11))
    assert users.authenticate(desk, "clerk", "clerk-pass1").user_id == clerk.id
    assert users.get_user(desk, clerk.id).failed_logins == 0
    # lock again; the administrator's reset unlocks at once and forces a change
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            users.authenticate(desk, "clerk", "nope-nope")
    users.reset_password(desk, admin, clerk.id, "fresh-pass1")
    reset = users.get_user(desk, clerk.id)
    assert reset.must_change_password and not reset.locked_at(clock())
    actor = users.authenticate(desk, "clerk", "fresh-pass1")
    with pytest.raises(AuthenticationError, match="原密码"):
        users.change_password(desk, actor, "not-it-at-all", "newer-pass2")
    with pytest.raises(ValidationError, match="相同"):
        users.change_password(desk, actor, "fresh-pass1", "fresh-pass1")
    assert not users.change_password(desk, actor, "fresh-pass1", "newer-pass2").must_change_password
    assert users.authenticate(desk, "clerk", "newer-pass2")
    actions = [r["action"] for r in desk.query("SELECT action FROM audit_log WHERE entity = 'users'")]
    assert "user.login_failed" in actions and "user.password_reset" in actions and "user.password_change" in actions


def test_disabled_accounts_and_the_last_administrator(admin_desk: Desk) -> None:
    desk = admin_desk
    admin = users.authenticate(desk, "admin", "s3cret-pass")
    viewer = users.create_user(desk, admin, "viewer1", "viewer-pass", "viewer")
    users.update_user(desk, admin, viewer.id, active=False)
    with pytest.raises(AuthenticationError, match="停用"):
        users.authenticate(desk, "viewer1", "viewer-pass")
    with pytest.raises(StateError, match="唯一"):
        users.update_user(desk, admin, admin.user_id or 0, role="secretary")
    with pytest.raises(StateError, match="唯一"):
        users.update_user(desk, admin, admin.user_id or 0, active=False)
    users.update_user(desk, admin, viewer.id, role="admin", active=True)
    assert users.update_user(desk, admin, admin.user_id or 0, role="secretary").role == "secretary"
    with pytest.raises(PermissionDeniedError):
        users.list_users(desk, users.authenticate(desk, "admin", "s3cret-pass"))


@pytest.mark.parametrize(
    ("password", "needle"),
    [("short1", "至少8位"), ("aaaaaaaa", "过于简单"), ("clerkname", "用户名相同"), ("x" * 300, "不能超过")],
)
def test_weak_passwords_are_refused(admin_desk: Desk, password: str, needle: str) -> None:
    admin = users.authenticate(admin_desk, "admin", "s3cret-pass")
    with pytest.raises(ValidationError, match=needle):
        users.create_user(admin_desk, admin, "clerkname", password, "viewer")


@pytest.mark.parametrize("name", ["", "  ", "has space", "a/b", "tab\tname", "x" * 65, "nul\x00"])
def test_bad_user_names_are_refused(admin_desk: Desk, name: str) -> None:
    with pytest.raises(ValidationError, match="用户名"):
        users.create_user(admin_desk, SYSTEM, name, "good-pass-1", "viewer")


@settings(max_examples=60)
@given(stored=st.text(max_size=200), password=st.text(max_size=50))
def test_damaged_hashes_never_match_and_never_crash(stored: str, password: str) -> None:
    assert users.verify_password(password, stored) is False or stored.startswith("scrypt$")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=100), password=st.text(max_size=300))
def test_hostile_sign_in_input_gets_a_clear_refusal(admin_desk: Desk, name: str, password: str) -> None:
    if name.strip() == "admin" and password == "s3cret-pass":
        return
    with pytest.raises(AuthenticationError):
        users.authenticate(admin_desk, name, password)


def test_lone_surrogates_from_a_broken_terminal_do_not_crash(admin_desk: Desk) -> None:
    with pytest.raises(AuthenticationError):
        users.authenticate(admin_desk, "admin", "\udcff\udc80abc")
    assert users.verify_password("\ud800x", users.hash_password("\ud800x"))


def test_idle_lock_minutes_setting(admin_desk: Desk) -> None:
    assert users.idle_lock_minutes(admin_desk) == 10
    set_setting(admin_desk, SYSTEM, "security.idle_lock_minutes", 0)
    assert users.idle_lock_minutes(admin_desk) == 0


def test_locked_until_is_kept_as_local_time(admin_desk: Desk, clock: FakeClock) -> None:
    admin = users.authenticate(admin_desk, "admin", "s3cret-pass")
    set_setting(admin_desk, admin, "security.max_failed_logins", 1)
    with pytest.raises(AuthenticationError, match="锁定"):
        users.authenticate(admin_desk, "admin", "bad-bad-bad")
    assert users.get_user(admin_desk, admin.user_id or 0).locked_until == clock() + timedelta(minutes=15)
    assert isinstance(users.get_user(admin_desk, admin.user_id or 0).locked_until, datetime)
