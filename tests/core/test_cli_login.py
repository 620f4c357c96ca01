"""The CLI acts as a named user and refuses otherwise; accounts can be managed from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import find_user

from tests.core.world import PASSWORD, World, build_world, copy_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "court.db")


@pytest.fixture
def db(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("MEETINGDESK_USER", "MEETINGDESK_PASSWORD", "MEETINGDESK_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return copy_world(world, tmp_path)


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_refuses_without_a_named_user(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "reports", "list") == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "--user" in err and "MEETINGDESK_USER" in err


def test_refuses_without_a_password_when_there_is_no_terminal(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "--user", "admin", "reports", "list") == 2
    assert "MEETINGDESK_PASSWORD" in capsys.readouterr().err


def test_wrong_password_is_refused_and_counted(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "not-the-one")
    assert run(db, "--user", "viewer", "reports", "list") == 2
    assert "用户名或密码不正确" in capsys.readouterr().err
    with Desk(db) as desk:
        user = find_user(desk, "viewer")
        assert user is not None and user.failed_logins == 1


def test_user_from_the_environment_and_password_from_the_prompt(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEETINGDESK_USER", "member")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    assert run(db, "reports", "list", "--json") == 0
    assert asked == ["用户“member”的密码："]
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("刑终" not in r["case_number"] for r in rows)  # not the other body's case
    with Desk(db) as desk:
        note = desk.one("SELECT username, action FROM audit_log WHERE action LIKE 'user.login%' ORDER BY id DESC")
        assert note == {"username": "member", "action": 'user.login:{"via":"cli"}'}


def test_first_run_creates_the_administrator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "new" / "court.db"
    monkeypatch.delenv("MEETINGDESK_PASSWORD", raising=False)
    monkeypatch.setenv("MEETINGDESK_NEW_PASSWORD", "first-admin-1")
    assert run(fresh, "users", "create-admin", "--username", "root") == 0
    assert "已创建管理员账户“root”" in capsys.readouterr().out
    assert run(fresh, "users", "create-admin") == 1  # only once
    assert "已有用户账户" in capsys.readouterr().out
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "first-admin-1")
    assert run(fresh, "--user", "root", "users", "list", "--json") == 0
    assert [u["role"] for u in json.loads(capsys.readouterr().out)] == ["admin"]


def test_a_database_without_accounts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    Desk(empty).close()
    assert run(empty, "meetings", "list") == 2
    assert "users create-admin" in capsys.readouterr().err
    assert run(empty, "check") == 0  # integrity checks work before any account exists
    assert run(empty, "audit", "verify") == 0


def test_managing_accounts(db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEETINGDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("MEETINGDESK_NEW_PASSWORD", "welcome-2026")
    assert run(db, "--user", "admin", "users", "add", "clerk2", "--role", "secretary") == 0
    assert run(db, "--user", "secretary", "users", "add", "clerk3", "--role", "secretary") == 2
    assert "无权管理用户账户" in capsys.readouterr().err
    # a new account must change its password first
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "welcome-2026")
    assert run(db, "--user", "clerk2", "reports", "list") == 2
    assert "users passwd" in capsys.readouterr().err
    monkeypatch.setenv("MEETINGDESK_NEW_PASSWORD", "my-own-pass-9")
    assert run(db, "--user", "clerk2", "users", "passwd") == 0
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "my-own-pass-9")
    assert run(db, "--user", "clerk2", "reports", "list") == 0
    # reset, disable
    monkeypatch.setenv("MEETINGDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("MEETINGDESK_NEW_PASSWORD", "reset-pass-77")
    assert run(db, "--user", "admin", "users", "reset-password", "clerk2") == 0
    assert run(db, "--user", "admin", "users", "update", "clerk2", "--disable") == 0
    assert run(db, "--user", "admin", "users", "update", "admin", "--role", "viewer") == 2
    assert "唯一" in capsys.readouterr().err
    assert run(db, "--user", "admin", "users", "list") == 0
    out = capsys.readouterr().out
    assert "clerk2" in out and "已停用" in out


def test_demo_prints_its_demo_only_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetingdesk.demo import DEMO_PASSWORD, DemoSummary

    accounts = [(u, DEMO_PASSWORD) for u in ("admin", "secretary", "presider", "member", "viewer")]
    monkeypatch.setattr(
        "meetingdesk.cli.cmd_demo.create_demo", lambda path, progress: DemoSummary(path, accounts=accounts)
    )
    assert run(tmp_path / "demo.db", "demo") == 0  # no account needed: the demo creates them
    out = capsys.readouterr().out
    assert "仅供演示" in out and all(f"{u:<10} 密码 demo1234" in out for u, _p in accounts)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "demo1234" in readme and "仅供演示" in readme
