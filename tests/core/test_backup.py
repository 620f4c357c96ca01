"""Backups hold everything and verify; restore checks first, keeps the current data aside, then swaps."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.cli import main
from meetingdesk.errors import Cancelled, DatabaseError, PermissionDeniedError, ValidationError
from meetingdesk.paths import data_dir_for
from meetingdesk.services import auto_backup, restore
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit_verify import verify_audit
from meetingdesk.services.auto_backup import BackupPolicy, list_backups, run_auto_backup
from meetingdesk.services.backup import DB_ENTRY, MANIFEST, backups_folder, create_backup, verify_backup
from meetingdesk.services.desk import Desk
from meetingdesk.storage.migrate import latest_version

from tests.conftest import FakeClock
from tests.core.world import NOW, PASSWORD, World, build_world, copy_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "court.db")


@pytest.fixture(scope="module")
def backup_file(world: World, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("backups") / "备份.zip"
    with Desk(world.path, clock=FakeClock(NOW)) as desk:
        create_backup(desk, world.actors["secretary"], out)
    return out


def _content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (the audit log without the entries made after the backup)."""
    with Desk(path) as desk:
        tables = [
            r["name"] for r in desk.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log'")
        ]
        return {t: sorted(desk.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_backup_holds_database_attachments_and_a_manifest(world: World, backup_file: Path) -> None:
    with zipfile.ZipFile(backup_file) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read(MANIFEST))
    assert DB_ENTRY in names and any(n.startswith("files/attachments/") for n in names)
    assert manifest["integrity"] == ["ok"] and manifest["audit"]["chain_ok"]
    assert manifest["counts"]["reports"] == 7 and manifest["created_by"] == "secretary"
    for entry in manifest["files"]:
        with zipfile.ZipFile(backup_file) as zf:
            assert hashlib.sha256(zf.read(entry["path"])).hexdigest() == entry["sha256"]
    info = verify_backup(backup_file)
    assert info.files == 1 and info.counts["meetings"] == 4 and "案件报告7份" in info.summary


def test_restore_replaces_everything_and_keeps_the_old_data_aside(
    world: World, backup_file: Path, tmp_path: Path
) -> None:
    path = copy_world(world, tmp_path)
    expected, expected_files = _content(path), _tree(data_dir_for(path))
    # the data changes after the backup; an index folder exists
    with Desk(path) as desk:
        from meetingdesk.services import roster

        roster.create_room(desk, SYSTEM, "备份后新建的会议室")
    (data_dir_for(path) / "index").mkdir()
    (data_dir_for(path) / "index" / "seg_1").write_text("stale")
    hooked: list[Path] = []
    restore.register_restore_hook(lambda d: hooked.append(d.path))
    result = restore.restore_backup(path, backup_file, actor=world.actors["admin"])
    assert _content(path) == expected and _tree(data_dir_for(path)) == expected_files
    assert not (data_dir_for(path) / "index").exists() and hooked == [path]
    assert result.set_aside is not None and (result.set_aside / "court.db").exists()
    assert (result.set_aside / "court.files" / "index" / "seg_1").exists()
    assert result.set_aside.parent == backups_folder(path)
    with Desk(path) as desk:
        assert verify_audit(desk).ok
        note = desk.one("SELECT username, action FROM audit_log ORDER BY id DESC LIMIT 1")
        assert note is not None and note["username"] == "admin" and note["action"].startswith("backup.restore:")


@pytest.mark.parametrize(
    "damage",
    ["flip a byte", "extra file", "zip slip", "no manifest", "not a zip", "truncated", "newer schema", "bad db"],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(
    world: World, backup_file: Path, tmp_path: Path, damage: str
) -> None:
    path = copy_world(world, tmp_path)
    before = path.read_bytes()
    bad = tmp_path / "bad.zip"
    _damage(backup_file, bad, damage)
    with pytest.raises((ValidationError, DatabaseError)) as err:
        restore.restore_backup(path, bad, actor=world.actors["admin"])
    assert "未作任何更改" in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.zip", "court.db", "court.files"]


def _damage(good: Path, bad: Path, how: str) -> None:
    data = good.read_bytes()
    if how == "not a zip":
        bad.write_bytes(b"PK\x03\x04 this is not really a zip")
        return
    if how == "truncated":
        bad.write_bytes(data[: len(data) // 2])
        return
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        manifest = json.loads(src.read(MANIFEST))
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == MANIFEST:
                continue
            if how == "flip a byte" and item.filename.startswith("files/"):
                content = bytes([content[0] ^ 1]) + content[1:]
            if how in ("newer schema", "bad db") and item.filename == DB_ENTRY:
                content = _doctored_db(content, how)
                entry = next(e for e in manifest["files"] if e["path"] == DB_ENTRY)
                entry.update(size=len(content), sha256=hashlib.sha256(content).hexdigest())
            dst.writestr(item.filename, content)
        if how == "extra file":
            dst.writestr("files/../../evil.txt", b"x")
        if how == "zip slip":
            dst.writestr("../outside.txt", b"x")
            manifest["files"].append({"path": "../outside.txt", "size": 1, "sha256": hashlib.sha256(b"x").hexdigest()})
        if how != "no manifest":
            dst.writestr(MANIFEST, json.dumps(manifest))


def _doctored_db(content: bytes, how: str) -> bytes:
    if how == "bad db":
        return content[:100] + b"\x00" * 4096 + content[4196:]
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "x.db"
        p.write_bytes(content)
        conn = sqlite3.connect(p)
        conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
        conn.commit()
        conn.close()
        return p.read_bytes()


def test_restore_is_refused_while_the_database_is_in_use(world: World, backup_file: Path, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    with Desk(path):
        with pytest.raises(DatabaseError, match="正被另一个"):
            restore.restore_backup(path, backup_file, actor=world.actors["admin"])
    assert not backups_folder(path).exists()


def test_only_administrators_restore_and_a_no_cancels(world: World, backup_file: Path, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    with pytest.raises(PermissionDeniedError):
        restore.restore_backup(path, backup_file, actor=world.actors["secretary"])
    with pytest.raises(Cancelled):
        restore.restore_backup(path, backup_file, actor=world.actors["admin"], confirm=lambda info: False)
    assert not backups_folder(path).exists()


def test_backup_and_restore_from_the_command_line(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_world(world, tmp_path)
    monkeypatch.setenv("MEETINGDESK_PASSWORD", PASSWORD)
    out = tmp_path / "out" / "court-backup.zip"
    assert main(["--db", str(path), "--user", "secretary", "backup", "--out", str(out)]) == 0
    assert "已写入备份" in capsys.readouterr().out
    assert main(["--db", str(path), "--user", "member", "backup", "--out", str(tmp_path / "m.zip")]) == 2
    assert main(["--db", str(path), "--user", "secretary", "restore", str(out), "--yes"]) == 2
    assert "无权从备份恢复数据" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", "admin", "restore", str(out)]) == 2  # not a terminal: needs --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", "admin", "restore", str(out), "--yes"]) == 0
    assert "原有数据已移到" in capsys.readouterr().out
    # a destroyed database is restored without signing in (its accounts cannot be read)
    path.write_bytes(b"garbage" * 1000)
    monkeypatch.delenv("MEETINGDESK_PASSWORD")
    assert main(["--db", str(path), "restore", str(out), "--yes"]) == 0
    with Desk(path) as desk:
        assert verify_audit(desk).ok


def test_a_backup_taken_while_another_process_writes_is_consistent(world: World, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.core.child_writer", str(path), "live", "400"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "READY"
    backups = []
    try:
        with Desk(path) as desk:
            for i in range(3):
                child.stdout.readline()
                out = tmp_path / f"live-{i}.zip"
                create_backup(desk, SYSTEM, out)
                backups.append(out)
    finally:
        child.wait(timeout=60)
    assert child.returncode == 0
    rooms = []
    for i, out in enumerate(backups):
        target = tmp_path / f"restored-{i}" / "court.db"
        restore.restore_backup(target, out, actor=SYSTEM)
        with Desk(target) as desk:
            report = verify_audit(desk)
            assert report.ok, report.first_problem
            rooms.append(desk.scalar("SELECT COUNT(*) FROM rooms"))
    assert rooms == sorted(rooms)


def test_automatic_backups_once_a_day_keep_n(world: World, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    clock = FakeClock(datetime(2026, 12, 1, 8, 30))
    policy = BackupPolicy(enabled=True, keep=3, folder=tmp_path / "auto")
    with Desk(path, clock=clock) as desk:
        first = run_auto_backup(desk, policy)
        assert first is not None and first.name == "MeetingDesk-auto-20261201-083000.zip"
        clock.set(datetime(2026, 12, 1, 18, 0))
        assert run_auto_backup(desk, policy) is None  # already done today
        for day in range(2, 7):
            clock.set(datetime(2026, 12, day, 8, 30))
            assert run_auto_backup(desk, policy) is not None
        kept = list_backups(policy.folder or tmp_path)
        assert [b.created_at.day for b in kept] == [6, 5, 4] and all(b.automatic for b in kept)
        assert run_auto_backup(desk, BackupPolicy(enabled=False)) is None
        # the defaults: settings, and the folder beside the database
        default = auto_backup.policy_from_settings(desk)
        assert default.enabled and default.keep == 7 and default.folder is None
        clock.set(clock() + timedelta(days=1))
        made = run_auto_backup(desk)
        assert made is not None and made.parent == backups_folder(path)
        verify_backup(made)


def test_a_missing_attachment_file_is_reported_not_fatal(world: World, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    for f in (data_dir_for(path) / "attachments").rglob("*"):
        if f.is_file():
            f.unlink()
    with Desk(path) as desk:
        info = create_backup(desk, SYSTEM, tmp_path / "b.zip")
    assert info.missing_attachments and "检索报告" in info.missing_attachments[0]


def test_backups_never_go_inside_the_data_folder(world: World, tmp_path: Path) -> None:
    path = copy_world(world, tmp_path)
    with Desk(path) as desk, pytest.raises(ValidationError, match="数据文件夹内"):
        create_backup(desk, SYSTEM, data_dir_for(path) / "b.zip")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.text(min_size=1, max_size=30), max_size=4),
    blob=st.binary(max_size=200),
    manifest=st.one_of(st.none(), st.binary(max_size=100), st.just(b'{"format":"meetingdesk-backup"}')),
)
def test_fuzzed_backup_files_get_a_clear_refusal(
    tmp_path: Path, names: list[str], blob: bytes, manifest: bytes | None
) -> None:
    bad = tmp_path / "fuzz.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for name in dict.fromkeys(n for n in names if n != MANIFEST):
            try:
                zf.writestr(name, blob)
            except (ValueError, UnicodeEncodeError, IndexError):  # e.g. a name of only "\x00" (zipfile cuts at NUL)
                pass
        if manifest is not None:
            zf.writestr(MANIFEST, manifest)
    with pytest.raises(ValidationError):
        verify_backup(bad)
    bad.write_bytes(blob)
    with pytest.raises(ValidationError):
        verify_backup(bad)


def test_a_restore_hook_failure_does_not_lose_the_restore(world: World, backup_file: Path, tmp_path: Path) -> None:
    """Hooks run after the swap: the data is in place even if, say, the index rebuild fails."""
    path = copy_world(world, tmp_path)

    def broken(_desk: Desk) -> None:
        raise RuntimeError("index engine exploded")

    restore.register_restore_hook(broken)
    try:
        result = restore.restore_backup(path, backup_file, actor=world.actors["admin"])
    finally:
        restore._RESTORE_HOOKS.remove(broken)
    assert result.warnings and "index engine exploded" in result.warnings[0]
    with Desk(path) as desk:
        assert verify_audit(desk).ok
