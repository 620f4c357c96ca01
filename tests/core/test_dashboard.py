"""The 工作台 queries: each list holds exactly what needs attention, with the ids the screen opens."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from meetingdesk.services import agenda, attendance, dashboard, discussion, meetings, reports
from meetingdesk.services.attachments import remove_attachment
from meetingdesk.services.desk import Desk

from tests.conftest import FakeClock
from tests.core.factories import accepted_report, attach, make_body, make_meeting, make_users, report_input


def test_dashboard_lists_what_needs_attention(desk: Desk, clock: FakeClock, tmp_path: Path) -> None:
    body, judges = make_body(desk)
    small, _ = make_body(desk, 3, name="刑事专业法官会议")
    sec = make_users(desk)["secretary"]

    # A meeting held on 10-14: its minutes are still a draft, and the panel's 复议 is overdue by 11-02.
    clock.set(datetime(2026, 10, 5, 9, 0))
    held_report = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终1号")
    held = make_meeting(desk, sec, body.id, datetime(2026, 10, 14, 9, 0))
    held_item = agenda.add_item(desk, sec, held.id, held_report.id)
    clock.set(datetime(2026, 10, 14, 9, 5))
    meetings.start_meeting(desk, sec, held.id)
    discussion.set_item_status(desk, sec, held_item.id, "discussing")
    meetings.end_meeting(desk, sec, held.id)

    # An upcoming meeting on 11-10 (materials due 11-05): one item on time, one arriving late,
    # one complete-looking item whose search report was removed after acceptance; a member on leave.
    clock.set(datetime(2026, 11, 2, 9, 0))
    upcoming = make_meeting(desk, sec, body.id, datetime(2026, 11, 10, 9, 0))
    on_time = accepted_report(desk, sec, body.id, judges[1].id, "（2026）吉01民终2号")
    agenda.add_item(desk, sec, upcoming.id, on_time.id)
    lacking = reports.create_report(
        desk, sec, report_input(body.id, judges[2].id, "（2026）吉01民终3号", search_report_waiver="")
    )
    att = attach(desk, sec, lacking.id, tmp_path)
    reports.submit_report(desk, sec, lacking.id)
    reports.accept_report(desk, sec, lacking.id)
    remove_attachment(desk, sec, att.id)
    agenda.add_item(desk, sec, upcoming.id, lacking.id)
    clock.set(datetime(2026, 11, 6, 10, 0))  # after the deadline
    late = accepted_report(desk, sec, body.id, judges[3].id, "（2026）吉01民终4号")
    agenda.add_item(desk, sec, upcoming.id, late.id)
    attendance.set_attendance(desk, sec, upcoming.id, judges[4].id, "leave", "培训")

    # A meeting of a body too small to reach quorum, and one far beyond the horizon.
    tiny = make_meeting(desk, sec, small.id, datetime(2026, 11, 12, 14, 30))
    make_meeting(desk, sec, body.id, datetime(2027, 3, 1, 9, 0))

    # Reports waiting for acceptance (oldest first), and a draft that is not.
    clock.set(datetime(2026, 11, 6, 11, 0))
    waiting = reports.create_report(desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民终5号"))
    reports.submit_report(desk, sec, waiting.id)
    reports.create_report(desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民终6号"))
    clock.set(datetime(2026, 11, 9, 8, 30))

    board = dashboard.build_dashboard(desk, sec)

    assert board.today == date(2026, 11, 9)
    assert [m.meeting_id for m in board.upcoming] == [upcoming.id, tiny.id]
    main = board.upcoming[0]
    assert (main.member_count, main.expected, main.required) == (7, 6, 5)
    assert main.quorum_ok and main.quorum_text.endswith("可以达到")
    assert main.deadline == date(2026, 11, 5)
    assert main.item_count == 3 and not main.agenda_approved
    assert any("（2026）吉01民终3号缺类案检索报告" in line for line in main.missing)
    assert any("（2026）吉01民终4号材料逾期" in line for line in main.missing)
    assert not any("民终2号" in line for line in main.missing)
    small_meeting = board.upcoming[1]
    assert not small_meeting.quorum_ok
    assert small_meeting.quorum_problem and "无法" in small_meeting.quorum_text

    assert [p.report_id for p in board.pending] == [waiting.id]
    assert board.pending[0].waiting_days == 3

    assert [(x.report_id, x.meeting_id, x.admitted) for x in board.late] == [(late.id, upcoming.id, False)]
    assert board.late[0].deadline == date(2026, 11, 5)

    assert [m.meeting_id for m in board.open_minutes] == [held.id]
    assert board.open_minutes[0].minutes_state == "draft"

    assert [(f.report_id, f.meeting_id) for f in board.overdue] == [(held_report.id, held.id)]
    assert board.overdue[0].days_overdue == (date(2026, 11, 9) - board.overdue[0].due_on).days > 0
    assert board.total == 1 + 1 + 1 + 1


def test_admitted_late_items_and_final_minutes_drop_off(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk)
    users = make_users(desk, presider_judge=judges[-1].id)
    sec, presider = users["secretary"], users["presider"]
    clock.set(datetime(2026, 11, 6, 10, 0))
    m = make_meeting(desk, sec, body.id, datetime(2026, 11, 10, 9, 0))
    late = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终7号")
    item = agenda.add_item(desk, sec, m.id, late.id)
    agenda.admit_late_item(desk, presider, item.id)

    board = dashboard.build_dashboard(desk, sec)
    assert [x.admitted for x in board.late] == [True]
    assert board.upcoming[0].missing == ()
    assert board.upcoming[0].materials_text == "材料齐全"


def test_members_see_only_their_own_items(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk)
    other, other_judges = make_body(desk, 5, name="行政专业法官会议")
    users = make_users(desk, member_judge=judges[0].id)
    sec, member = users["secretary"], users["member"]
    mine = reports.create_report(desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民终8号"))
    theirs = reports.create_report(desk, sec, report_input(other.id, other_judges[0].id, "（2026）吉01行终9号"))
    for r in (mine, theirs):
        reports.submit_report(desk, sec, r.id)
    make_meeting(desk, sec, other.id, datetime(2026, 11, 12, 9, 0))

    board = dashboard.build_dashboard(desk, member)
    assert [p.report_id for p in board.pending] == [mine.id]
    assert board.upcoming == []
    assert {p.report_id for p in dashboard.build_dashboard(desk, sec).pending} == {mine.id, theirs.id}
