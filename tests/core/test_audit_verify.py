"""The audit trail proves itself: altered entries break the chain; rows edited outside the app are found."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.services import agenda, attendance, roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit_verify import audited_tables, history, rebaseline_after_migration, verify_audit
from meetingdesk.services.desk import Desk

from tests.core.world import PASSWORD, World, build_world, copy_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "court.db")


def _raw(path: Path, *sql: str) -> None:
    """Change the database as an attacker with an SQLite tool would (bypassing the app)."""
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _cli(path: Path, *args: str) -> int:
    return main(["--db", str(path), "--user", "admin", *args])


@pytest.fixture
def as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGDESK_PASSWORD", PASSWORD)


def test_a_genuine_database_verifies(
    world: World, tmp_path: Path, as_admin: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_world(world, tmp_path)
    assert _cli(path, "audit", "verify") == 0
    out = capsys.readouterr().out
    assert "审计链完整" in out and "均与审计记录一致" in out
    with Desk(path) as desk:
        report = verify_audit(desk)
        assert report.ok and report.rows_checked > 80
        assert set(audited_tables(desk.conn)) >= {"reports", "meetings", "opinions", "users", "attachments"}


@pytest.mark.parametrize(
    ("sql", "kind", "needle"),
    [
        ("UPDATE opinions SET stance = 'minority' WHERE id = 1", "changed", "stance"),
        ("UPDATE agenda_items SET conclusion = '篡改' WHERE id = 3", "changed", "conclusion"),
        ("UPDATE users SET role = 'admin' WHERE username = 'viewer'", "changed", "role"),
        ("DELETE FROM item_absences", None, None),  # nothing to delete: stays clean
        ("DELETE FROM opinions WHERE id = 2", "deleted", "被删除"),
        ("INSERT INTO rooms (name) VALUES ('暗室')", "unrecorded", "被添加"),
    ],
)
def test_rows_altered_outside_the_app_are_reported(
    world: World,
    tmp_path: Path,
    as_admin: None,
    capsys: pytest.CaptureFixture[str],
    sql: str,
    kind: str | None,
    needle: str | None,
) -> None:
    path = copy_world(world, tmp_path)
    _raw(path, sql)
    code = _cli(path, "audit", "verify")
    out = capsys.readouterr().out
    if kind is None:
        assert code == 0
        return
    assert code == 1, out
    assert "第一处问题" in out and needle in out and "在本程序之外" in out
    with Desk(path) as desk:
        report = verify_audit(desk)
        assert report.chain.ok and [p.kind for p in report.row_problems] == [kind]
    # `check` reports it too
    assert _cli(path, "check") == 1


def test_an_altered_entry_breaks_the_chain_at_that_entry(
    world: World, tmp_path: Path, as_admin: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_world(world, tmp_path)
    _raw(
        path,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET username = 'someone' WHERE id = 40",
    )
    assert _cli(path, "audit", "verify", "--json") == 1
    result = json.loads(capsys.readouterr().out)
    assert result["chain_broken_at"] == 40 and "第40条" in result["first_problem"]


def test_a_removed_entry_breaks_the_chain(
    world: World, tmp_path: Path, as_admin: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_world(world, tmp_path)
    _raw(path, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 25")
    assert _cli(path, "audit", "verify") == 1
    assert "第26条" in capsys.readouterr().out


def test_an_edit_covered_by_a_rewritten_log_tail_is_still_caught(world: World, tmp_path: Path, as_admin: None) -> None:
    """An attacker who edits a row and also deletes its later log entries breaks the chain."""
    path = copy_world(world, tmp_path)
    with Desk(path) as desk:
        last = desk.scalar("SELECT MAX(id) FROM audit_log")
    _raw(path, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE id = {last}")
    with Desk(path) as desk:
        report = verify_audit(desk)
    assert not report.ok  # the row the last entry described no longer matches


def test_cascading_deletes_are_audited_row_by_row(desk: Desk) -> None:
    from tests.core.factories import accepted_report, make_body, make_meeting, make_users

    body, judges = make_body(desk)
    sec = make_users(desk)["secretary"]
    from datetime import datetime

    r = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终50号")
    m = make_meeting(desk, sec, body.id, datetime(2026, 11, 12, 9))
    item = agenda.add_item(desk, sec, m.id, r.id)
    attendance.set_item_absence(desk, sec, item.id, judges[1].id, "recused", "近亲属")
    # removing the item would cascade to its recusal in SQLite; the app deletes it explicitly instead
    agenda.remove_item(desk, sec, item.id)
    assert desk.scalar("SELECT COUNT(*) FROM item_absences") == 0
    deleted = desk.query("SELECT entity FROM audit_log WHERE after IS NULL AND before IS NOT NULL ORDER BY id")
    assert [d["entity"] for d in deleted] == ["item_absences", "agenda_items"]
    assert verify_audit(desk).ok


def test_set_null_references_are_audited(desk: Desk) -> None:
    room = roster.create_room(desk, SYSTEM, "甲室")
    roster.create_body(desk, SYSTEM, roster.BodyInput(name="民事专业法官会议", default_room_id=room.id))
    with desk.write(SYSTEM, "room.delete") as tx:
        tx.delete("rooms", {"id": room.id})
    assert desk.scalar("SELECT default_room_id FROM bodies") is None
    assert verify_audit(desk).ok


def test_a_migration_that_adds_a_column_is_recorded_not_flagged(desk: Desk) -> None:
    roster.create_room(desk, SYSTEM, "甲室")
    desk.conn.execute("ALTER TABLE rooms ADD COLUMN floor INTEGER NOT NULL DEFAULT 3")
    assert not verify_audit(desk).ok  # the image changed without an entry…
    assert rebaseline_after_migration(desk, {"rooms"}) == 1
    assert verify_audit(desk).ok  # …until the upgrade records it
    # but an upgrade does not launder values changed outside the app
    desk.conn.execute("UPDATE rooms SET name = '乙室'")
    desk.conn.execute("ALTER TABLE rooms ADD COLUMN wing TEXT")
    assert rebaseline_after_migration(desk, {"rooms"}) == 0
    assert [p.kind for p in verify_audit(desk).row_problems] == ["changed"]


def test_history_of_a_record(world: World, tmp_path: Path, as_admin: None, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_world(world, tmp_path)
    assert _cli(path, "audit", "show", "meetings", str(world.m_final)) == 0
    out = capsys.readouterr().out
    assert "新增" in out and "minutes.finalise.on_behalf" in out and "minutes_state: circulating" not in out
    assert "minutes_state: draft → final" in out
    assert _cli(path, "audit", "show", "users", "1", "--json") == 0
    entries = json.loads(capsys.readouterr().out)
    assert all(
        c["after"] in (None, "（已隐藏）") for e in entries for c in e["changes"] if c["field"] == "password_hash"
    )
    assert _cli(path, "audit", "show", "nonsense", "1") == 2
    assert "没有“nonsense”" in capsys.readouterr().err
    with Desk(path) as desk:
        assert history(desk, world.actors["admin"], "reports", "9999") == []


def test_only_administrators_read_the_trail(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_world(world, tmp_path)
    monkeypatch.setenv("MEETINGDESK_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "--user", "secretary", "audit", "show", "reports", "1"]) == 2
    assert "无权查阅审计记录" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", "member", "audit", "verify"]) == 2
