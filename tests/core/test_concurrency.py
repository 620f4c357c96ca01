"""Two app instances on one database, busy retries, and network shares (where WAL is unsafe)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.errors import DatabaseError
from meetingdesk.services import desk as desk_module
from meetingdesk.services import roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit_verify import verify_audit
from meetingdesk.services.desk import Desk
from meetingdesk.storage.location import (
    choose_storage,
    fs_type_for,
    is_network_fs_type,
    network_share_kind,
    parse_mounts,
)

ROOT = Path(__file__).resolve().parents[2]
PER_PROCESS = 80


def _writers(db: Path, tags: list[str], journal: str | None) -> list[subprocess.Popen[str]]:
    extra = ["--journal", journal] if journal else []
    return [
        subprocess.Popen(
            [sys.executable, "-m", "tests.core.child_writer", str(db), tag, str(PER_PROCESS), *extra],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_two_processes_and_a_thread_write_the_same_database(tmp_path: Path, journal: str) -> None:
    db = tmp_path / "shared.db"
    Desk(db, journal_mode=journal).close()
    children = _writers(db, ["甲", "乙"], journal)
    with Desk(db, journal_mode=journal) as desk:
        for i in range(PER_PROCESS // 2):  # the parent writes at the same time
            roster.create_room(desk, SYSTEM, f"丙-{i}")
        outputs = [c.communicate(timeout=90) for c in children]
        for child, (out, err) in zip(children, outputs, strict=True):
            assert child.returncode == 0, err
            assert out.count("\nOK ") == PER_PROCESS
        names = {r["name"] for r in desk.query("SELECT name FROM rooms")}
        assert len(names) == 2 * PER_PROCESS + PER_PROCESS // 2
        assert desk.scalar("PRAGMA integrity_check") == "ok"
        assert desk.scalar("PRAGMA journal_mode") == journal
        report = verify_audit(desk)
        assert report.ok and report.chain.entries == len(names)


def test_a_write_waits_for_another_writer_then_succeeds(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with Desk(db) as desk:
        blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        blocker.execute("BEGIN IMMEDIATE")
        threading.Timer(0.4, lambda: blocker.execute("COMMIT")).start()
        started = time.monotonic()
        roster.create_room(desk, SYSTEM, "等候的会议室")
        assert time.monotonic() - started >= 0.3
        blocker.close()
        assert desk.scalar("SELECT COUNT(*) FROM rooms") == 1


def test_a_writer_held_too_long_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "stuck.db"
    monkeypatch.setattr(desk_module, "WRITE_WAIT_SECONDS", 0.3)
    with Desk(db) as desk:
        desk.conn.execute("PRAGMA busy_timeout = 50")
        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseError, match="长时间占用"):
                roster.create_room(desk, SYSTEM, "不会保存")
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert desk.scalar("SELECT COUNT(*) FROM rooms") == 0
        roster.create_room(desk, SYSTEM, "之后可以保存")


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/court /mnt/court cifs rw,vers=3.0 0 0
fileserver:/export /srv/nfs nfs4 rw 0 0
user@host:/data /home/clerk/remote\\040share fuse.sshfs rw 0 0
/dev/sdb1 /mnt/court/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
portal /run/user/1000/doc fuse.portal rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/clerk/meetingdesk.db", "ext4"),
        ("/mnt/court/md/meetingdesk.db", "cifs"),
        ("/mnt/court/local/meetingdesk.db", "ext4"),  # a local disk mounted inside the share
        ("/srv/nfs/meetingdesk.db", "nfs4"),
        ("/home/clerk/remote share/md.db", "fuse.sshfs"),
        ("/mnt/courtyard/md.db", "ext4"),  # a name that merely starts like the share
        ("/tmp/x.db", "tmpfs"),
    ],
)
def test_the_file_system_of_a_path(path: str, expected: str) -> None:
    assert fs_type_for(Path(path), parse_mounts(MOUNTS)) == expected


def test_which_file_systems_are_network_shares() -> None:
    assert all(is_network_fs_type(t) for t in ("nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"))
    assert not any(is_network_fs_type(t) for t in ("ext4", "xfs", "btrfs", "tmpfs", "fuse.portal", "overlay"))


def test_network_share_means_the_rollback_journal_with_a_notice(tmp_path: Path) -> None:
    shared = f"//srv/court {tmp_path} cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    choice = choose_storage(tmp_path / "md.db", mounts_text=shared)
    assert choice.journal_mode == "delete" and choice.network and "网络" in choice.notice
    local = choose_storage(tmp_path / "md.db", mounts_text="/dev/sda1 / ext4 rw 0 0\n")
    assert local.journal_mode == "wal" and not local.notice
    assert network_share_kind(Path("//server/share/md.db")) == "UNC 网络路径"
    assert network_share_kind(Path(r"\\server\share\md.db")) == "UNC 网络路径"


def test_the_desk_and_cli_use_the_safe_mode_on_a_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = f"//srv/court {tmp_path} cifs rw 0 0\n"
    real = choose_storage
    monkeypatch.setattr(desk_module, "choose_storage", lambda p: real(p, mounts_text=shared))
    db = tmp_path / "md.db"
    with Desk(db) as desk:
        assert desk.journal_mode == "delete" and "WAL" in desk.storage_notice
        assert desk.scalar("PRAGMA journal_mode") == "delete"
    assert main(["--db", str(db), "check"]) == 0
    assert "提示：数据库位于网络文件系统 cifs上" in capsys.readouterr().err


def test_a_wal_database_in_use_cannot_silently_switch_modes(tmp_path: Path) -> None:
    db = tmp_path / "md.db"
    with Desk(db, journal_mode="wal"), pytest.raises(DatabaseError, match="另一台电脑或另一个 MeetingDesk"):
        Desk(db, journal_mode="delete")
