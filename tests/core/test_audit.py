import sqlite3

from meetingdesk.services import roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit import verify_chain
from meetingdesk.services.desk import Desk


def test_chain_detects_an_altered_entry(desk: Desk) -> None:
    for name in ("甲室", "乙室", "丙室"):
        roster.create_room(desk, SYSTEM, name)
    assert verify_chain(desk.conn).ok
    rows = desk.query("SELECT * FROM audit_log ORDER BY id")
    assert rows[0]["after"] and '"甲室"' in rows[0]["after"]
    # tamper outside the app: drop the guard, edit the second entry
    raw = sqlite3.connect(desk.path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET after = replace(after, '乙室', '丁室') WHERE id = ?", (rows[1]["id"],))
    raw.commit()
    raw.close()
    report = verify_chain(desk.conn)
    assert not report.ok and report.broken_at == rows[1]["id"] and "改动" in report.problem


def test_update_records_before_and_after(desk: Desk) -> None:
    room = roster.create_room(desk, SYSTEM, "甲室")
    roster.update_room(desk, SYSTEM, room.id, "甲室（大）")
    entry = desk.query("SELECT * FROM audit_log WHERE action = 'room.update'")[0]
    assert '"甲室"' in entry["before"] and '"甲室（大）"' in entry["after"] and entry["username"] == "system"
