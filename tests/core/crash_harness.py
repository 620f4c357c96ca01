"""The SIGKILL crash test: a child process writes without pause and is killed at random points.

After every kill the parent checks that the database opens, ``PRAGMA integrity_check`` is ok,
``meetingdesk check`` passes (integrity, references, attachment hashes, the audit chain and every
audited row) and that every write the child reported as committed is there.

The child's work mixes what a court's day holds: case reports with panel, options and an attachment
(file intake), whole meetings (attendance, opinions of every speaker, minutes prose, end, 传阅, 定稿),
amendments of final minutes, bulk imports (many rows in one transaction) and library imports (the
database commit, then the search index: after a kill ``check`` must find the index sound, with any
change the kill kept from it still pending and applied by the next search).

Run it longer than the suite does::

    .venv/bin/python -m tests.core.crash_harness --cycles 500 [--seed N] [--db PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "crash-pass-1"


# ---- the child


def _child(db: Path, tag: str, seed: int) -> int:
    from meetingdesk.domain.opinions import STANCE_MAJORITY, STANCE_MINORITY
    from meetingdesk.services import agenda, attachments, discussion, meetings, minutes, reports
    from meetingdesk.services.desk import Desk
    from meetingdesk.services.users import find_user

    rng = random.Random(seed)
    desk = Desk(db)
    user = find_user(desk, "secretary")  # signed in already, as far as this test cares (scrypt costs time)
    assert user is not None
    sec = user.as_actor()
    body_id = int(desk.scalar("SELECT id FROM bodies ORDER BY id LIMIT 1"))
    judges = [r["judge_id"] for r in desk.query("SELECT judge_id FROM body_members WHERE body_id = ?", (body_id,))]
    out = sys.stdout
    counter = [0]

    def mark() -> str:
        counter[0] += 1
        return f"{tag}-{counter[0]}"

    def say(*parts: object) -> None:
        out.write(" ".join(str(p) for p in parts) + "\n")
        out.flush()

    def new_report() -> None:
        m = mark()
        seq = int(desk.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM reports")) * 10 + rng.randint(0, 9)
        data = reports.ReportInput(
            case_number=f"（2026）吉01民终{seq}号",
            body_id=body_id,
            reporting_judge_id=rng.choice(judges),
            cause="民间借贷纠纷",
            parties=f"上诉人甲{m}；被上诉人乙",
            facts="甲主张向乙出借现金。" * rng.randint(1, 50),
            issues="借款是否实际交付。",
            questions="大额现金借贷如何认定交付？",
            panel_majority_view="证据不足以认定交付。",
            panel_minority_view="借条真实。",
            reasons=("panel_no_majority", "unify_law"),
            panel=(
                reports.PanelMember(judges[0], "presiding", "majority"),
                reports.PanelMember(judges[1], "reporting", "minority"),
            ),
            options=(("甲", "认定交付"), ("乙", "不认定交付")),
        )
        r = reports.create_report(desk, sec, data)
        say("REPORT", r.id, r.case_number)
        intake = db.parent / "intake"  # files the user picks; a kill may leave one behind, as in life
        intake.mkdir(exist_ok=True)
        src = intake / f"类案检索报告-{m}.pdf"
        src.write_bytes(b"%PDF-1.4\n" + os.urandom(rng.randint(1_000, 300_000)) + b"\n%%EOF\n")
        att = attachments.add_attachment(desk, sec, r.id, src, "search_report")
        src.unlink()
        say("ATTACH", att.id, att.sha256)
        reports.submit_report(desk, sec, r.id)
        reports.accept_report(desk, sec, r.id)
        say("ACCEPTED", r.id)

    def hold_meeting() -> None:
        ready = [r["id"] for r in desk.query("SELECT id FROM reports WHERE state = 'accepted' ORDER BY id LIMIT 2")]
        if not ready:
            new_report()
            return
        n = int(desk.scalar("SELECT COUNT(*) FROM meetings"))
        when = datetime(2027, 1, 4, 9) + timedelta(days=n)
        meeting = meetings.create_meeting(desk, sec, meetings.MeetingInput(body_id=body_id, starts_at=when)).meeting
        for rid in ready:
            agenda.add_item(desk, sec, meeting.id, rid)
        meetings.start_meeting(desk, sec, meeting.id)
        for item in agenda.agenda(desk, meeting.id):
            for slot in discussion.speaking_order_for(desk, item.id).slots:
                m = mark()
                stance = "option:甲" if rng.random() < 0.7 else "option:乙"
                op = discussion.record_opinion(desk, sec, item.id, slot.key, stance, f"理由{m}")
                say("OPINION", op.id, f"理由{m}")
            m = mark()
            discussion.set_item_texts(desk, sec, item.id, presider_summary=f"总结{m}", conclusion=f"讨论意见{m}")
            say("MINUTES", item.id, f"讨论意见{m}")
            discussion.set_item_status(desk, sec, item.id, "discussed")
        meetings.end_meeting(desk, sec, meeting.id)
        minutes.circulate_minutes(desk, sec, meeting.id)
        minutes.finalise_minutes(desk, sec, meeting.id, on_behalf=True)
        say("FINAL", meeting.id)
        _ = STANCE_MAJORITY, STANCE_MINORITY

    def amend() -> None:
        row = desk.one(
            "SELECT a.id AS item, a.meeting_id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.minutes_state = 'final' ORDER BY random() LIMIT 1"
        )
        if row is None:
            hold_meeting()
            return
        m = mark()
        a = minutes.amend(
            desk, sec, row["meeting_id"], reason="笔误", item_id=row["item"], field_name="conclusion", value=f"更正{m}"
        )
        say("AMEND", a.id, row["item"], f"更正{m}")

    def bulk_import() -> None:
        m = mark()
        with desk.write(sec, "crash.import") as tx:
            ids = [
                tx.insert(
                    "judges",
                    {"name": f"导入{m}-{i}", "grade": "四级法官", "grade_since": date(2020, 1, 1).isoformat()},
                )
                for i in range(rng.randint(20, 120))
            ]
        say("IMPORT", ids[0], ids[-1], f"导入{m}")

    def library_import() -> None:
        from meetingdesk.library.importer import import_files

        m = mark()
        src = db.parent / "intake" / f"judgments-{m}.jsonl"
        src.parent.mkdir(exist_ok=True)
        lines = [
            json.dumps(
                {"ajName": f"{m}号被告人{i}盗窃案", "ajjbqk": f"被告人{i}窃取财物，价值{rng.randint(1, 9999)}元。"},
                ensure_ascii=False,
            )
            for i in range(rng.randint(3, 30))
        ]
        src.write_text("\n".join(lines), encoding="utf-8")
        report = import_files(desk, sec, [src])  # the database commit, then the search index
        src.unlink()
        say("LIBRARY", report.imported[0], report.imported[-1], f"{m}号")

    say("READY")
    work = [new_report] * 4 + [hold_meeting] * 3 + [amend] + [bulk_import] * 2 + [library_import] * 2
    while True:
        rng.choice(work)()


# ---- the parent


@dataclass
class CrashStats:
    cycles: int = 0
    writes_verified: int = 0
    killed_before_ready: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def prepare(db: Path) -> None:
    """A court with one body of seven judges and the accounts the child and the checks sign in with."""
    from meetingdesk.services.actor import SYSTEM
    from meetingdesk.services.desk import Desk
    from meetingdesk.services.users import create_user

    from tests.core.factories import make_body

    with Desk(db) as desk:
        make_body(desk, 7)
        create_user(desk, SYSTEM, "admin", PASSWORD, "admin")
        create_user(desk, SYSTEM, "secretary", PASSWORD, "secretary")


def _verify(db: Path, lines: list[str], stats: CrashStats) -> None:
    from meetingdesk.cli import main
    from meetingdesk.paths import data_dir_for

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        def one(sql: str, *params: object) -> tuple[object, ...] | None:
            row: tuple[object, ...] | None = conn.execute(sql, params).fetchone()
            return row

        for line in lines:
            kind, *rest = line.split(" ")
            if kind == "READY":
                continue
            stats.kinds[kind] = stats.kinds.get(kind, 0) + 1
            stats.writes_verified += 1
            if kind == "REPORT":
                assert one("SELECT 1 FROM reports WHERE id = ? AND case_number = ?", int(rest[0]), rest[1]), line
            elif kind == "ATTACH":
                stored = one("SELECT stored_name FROM attachments WHERE id = ? AND sha256 = ?", int(rest[0]), rest[1])
                assert stored, line
                assert (data_dir_for(db) / "attachments" / str(stored[0])).is_file(), line
            elif kind == "ACCEPTED":
                assert one("SELECT 1 FROM reports WHERE id = ? AND state <> 'draft'", int(rest[0])), line
            elif kind == "OPINION":
                assert one("SELECT 1 FROM opinions WHERE id = ? AND reasons = ?", int(rest[0]), rest[1]), line
            elif kind == "MINUTES":
                found = one("SELECT conclusion FROM agenda_items WHERE id = ?", int(rest[0]))
                later = one("SELECT 1 FROM amendments WHERE agenda_item_id = ? AND before = ?", int(rest[0]), rest[1])
                assert found and (found[0] == rest[1] or later), line
            elif kind == "FINAL":
                assert one("SELECT 1 FROM meetings WHERE id = ? AND minutes_state = 'final'", int(rest[0])), line
            elif kind == "AMEND":
                assert one("SELECT 1 FROM amendments WHERE id = ? AND after = ?", int(rest[0]), rest[2]), line
            elif kind == "IMPORT":
                n = one(
                    "SELECT COUNT(*) FROM judges WHERE id BETWEEN ? AND ? AND name LIKE ?", *rest[:2], rest[2] + "-%"
                )
                assert n and n[0] == int(rest[1]) - int(rest[0]) + 1, line
            elif kind == "LIBRARY":
                n = one(
                    "SELECT COUNT(*) FROM library_cases WHERE id BETWEEN ? AND ? AND title LIKE ?",
                    *rest[:2],
                    rest[2] + "%",
                )
                assert n and n[0] == int(rest[1]) - int(rest[0]) + 1, line
            else:  # pragma: no cover
                raise AssertionError(f"unknown report line: {line}")
    finally:
        conn.close()
    report = io.StringIO()
    saved = os.environ.get("MEETINGDESK_PASSWORD")
    os.environ["MEETINGDESK_PASSWORD"] = PASSWORD
    try:
        with contextlib.redirect_stdout(report):
            code = main(["--db", str(db), "--user", "admin", "check"])
    finally:
        if saved is None:
            del os.environ["MEETINGDESK_PASSWORD"]
        else:
            os.environ["MEETINGDESK_PASSWORD"] = saved
    assert code == 0, "meetingdesk check failed after a kill:\n" + report.getvalue()
    _verify_index(db)


def _verify_index(db: Path) -> None:
    """The next search applies whatever the kill kept from the index: then index and database agree."""
    from meetingdesk.search import index
    from meetingdesk.services.desk import Desk

    with Desk(db) as desk:
        if desk.scalar("SELECT count(*) FROM library_cases") or desk.scalar("SELECT count(*) FROM search_pending"):
            assert index.indexed_revisions(desk) == index.database_revisions(desk), "index behind after a kill"
            assert desk.scalar("SELECT count(*) FROM search_pending") == 0
            index.forget(desk)


def run_cycles(
    db: Path,
    cycles: int,
    *,
    seed: int = 0,
    max_seconds: float | None = None,
    log: bool = False,
    late_kills: float = 0.08,
) -> CrashStats:
    """Kill the child ``cycles`` times (or until ``max_seconds``), verifying after each kill.

    ``late_kills``: the share of kills that wait 1.5–4 s, long enough for a library import to load its
    dictionary and reach the search index (the suite's short run skips them to get its kills in).
    """
    rng = random.Random(seed)
    if not db.exists():
        prepare(db)
    stats = CrashStats()
    started = time.monotonic()
    for cycle in range(cycles):
        if max_seconds is not None and time.monotonic() - started > max_seconds:
            break
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.core.crash_harness",
                "--child",
                str(db),
                f"c{seed}.{cycle}",
                str(rng.random()),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None
        ready = b""
        if rng.random() < 0.15:  # sometimes while it is still opening the database
            time.sleep(rng.uniform(0.05, 0.3))
        else:
            ready = child.stdout.readline()
            assert ready.strip() == b"READY", child.stderr.read().decode() if child.stderr else ready
            # Mostly soon; sometimes late enough for a library import to load its dictionary and reach the index.
            time.sleep(rng.uniform(1.5, 4.0) if rng.random() < late_kills else rng.uniform(0.0, 0.35))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        if child.returncode != -signal.SIGKILL:
            raise AssertionError(f"the child stopped by itself (exit {child.returncode}):\n{err.decode()}")
        text = (ready + out).decode("utf-8", "replace")
        lines = text.split("\n")[:-1]  # the last piece has no newline if the kill cut it
        if "READY" not in lines:
            stats.killed_before_ready += 1
        _verify(db, lines, stats)
        stats.cycles += 1
        if log:
            print(f"cycle {cycle + 1}: {len(lines)} writes reported, all present; check passed", flush=True)
    stats.seconds = time.monotonic() - started
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--child", nargs=3, metavar=("DB", "TAG", "SEED"), help=argparse.SUPPRESS)
    parser.add_argument("--cycles", type=int, default=100, help="how many times to kill the child")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--db", help="database to use (default: a new temporary one)")
    args = parser.parse_args(argv)
    if args.child:
        db, tag, seed = args.child
        return _child(Path(db), tag, int(float(seed) * 1e9))
    with tempfile.TemporaryDirectory(prefix="md-crash-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "crash.db"
        stats = run_cycles(db, args.cycles, seed=args.seed, log=True)
    print(
        f"seed {args.seed}: {stats.cycles} kills survived ({stats.killed_before_ready} while opening), "
        f"{stats.writes_verified} committed writes verified {dict(sorted(stats.kinds.items()))} "
        f"in {stats.seconds:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
