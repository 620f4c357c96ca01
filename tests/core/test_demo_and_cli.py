"""The demo database and the CLI, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.services.audit import verify_chain
from meetingdesk.services.desk import Desk

from tests.conftest import copy_demo


@pytest.fixture(scope="module")
def demo_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(demo_template, tmp_path_factory.mktemp("demo"))


def test_demo_has_every_state_and_a_full_cycle(demo_db: Path) -> None:
    with Desk(demo_db) as desk:
        states = {r["state"] for r in desk.query("SELECT DISTINCT state FROM reports")}
        assert states == {
            "draft",
            "submitted",
            "returned",
            "accepted",
            "scheduled",
            "discussed",
            "reconsidered",
            "closed",
            "withdrawn",
        }
        assert desk.scalar("SELECT COUNT(*) FROM reports") >= 20
        assert desk.scalar("SELECT COUNT(*) FROM bodies") == 4
        assert 28 <= desk.scalar("SELECT COUNT(*) FROM judges WHERE is_judge = 1") <= 35
        assert desk.scalar("SELECT COUNT(*) FROM meetings WHERE minutes_state = 'final'") >= 4
        assert desk.scalar("SELECT COUNT(*) FROM meetings WHERE starts_at > '2026-11-23'") >= 4
        assert desk.scalar("SELECT COUNT(*) FROM meetings WHERE state = 'adjourned'") == 1
        assert desk.scalar("SELECT COUNT(*) FROM followups WHERE referred = 1") >= 1
        assert desk.scalar("SELECT COUNT(*) FROM agenda_items WHERE late = 1") >= 1
        assert {r["username"] for r in desk.query("SELECT username FROM users")} == {
            "admin",
            "secretary",
            "presider",
            "member",
            "viewer",
        }
        assert verify_chain(desk.conn).ok


def test_demo_refuses_to_overwrite_real_data(tmp_path: Path) -> None:
    real = tmp_path / "court.db"
    Desk(real).close()
    before = real.read_bytes()
    assert main(["--db", str(real), "demo"]) == 2
    assert real.read_bytes() == before


@pytest.fixture
def as_secretary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI acts as a named user: the demo secretary, password from the environment."""
    monkeypatch.setenv("MEETINGDESK_USER", "secretary")
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "demo1234")


def test_cli_lists_json(demo_db: Path, capsys: pytest.CaptureFixture[str], as_secretary: None) -> None:
    assert main(["--db", str(demo_db), "meetings", "list", "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)
    assert len(meetings) >= 12 and {"id", "body", "starts_at", "state"} <= set(meetings[0])
    assert main(["--db", str(demo_db), "reports", "list", "--json", "--state", "scheduled"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["state"] == "scheduled" for r in rows)
    assert any(r["late"] for r in rows)


def test_cli_check_passes_then_finds_a_tampered_attachment(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_secretary: None
) -> None:
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(demo_db, copy)
    shutil.copytree(demo_db.parent / "demo.files", tmp_path / "copy.files")
    assert main(["--db", str(copy), "check"]) == 0
    assert "全部通过" in capsys.readouterr().out
    victim = next((tmp_path / "copy.files" / "attachments").rglob("*"), None)
    while victim is not None and victim.is_dir():
        victim = next(victim.iterdir())
    assert victim is not None
    victim.write_bytes(b"changed")
    assert main(["--db", str(copy), "check"]) == 1
    assert "校验值不符" in capsys.readouterr().out


def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "missing.db"), "meetings", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "不存在" in err and "Traceback" not in err


def test_python_dash_m_is_the_same_command(demo_db: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "MEETINGDESK_PASSWORD": "demo1234"}
    out = subprocess.run(
        [sys.executable, "-m", "meetingdesk", "--db", str(demo_db), "--user", "viewer", "reports", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "吉09" in out.stdout


def test_check_runs_every_registered_check(tmp_path: Path) -> None:
    """`meetingdesk check` covers the database, references, attachments, the audit trail and the search index."""
    import subprocess

    db = str(tmp_path / "empty.db")
    code = (
        "import json, pathlib; from meetingdesk.services.checks import run_checks;"
        "from meetingdesk.services.desk import Desk;"
        f"print(json.dumps(sorted({{f.check for f in run_checks(Desk(pathlib.Path({db!r})))}})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert {"integrity", "foreign_keys", "attachments", "audit", "search_index"} <= set(json.loads(out))
