"""The read functions behind the meeting screens, and the presider's right to reorder the agenda."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meetingdesk.errors import PermissionDeniedError
from meetingdesk.services import agenda, meeting_views, meetings, reports
from meetingdesk.services.desk import Desk

from tests.conftest import FakeClock
from tests.core.factories import accepted_report, make_body, make_meeting, make_users

MEETING_AT = datetime(2026, 11, 12, 9, 0)  # Thursday; materials due Monday 11-09


def test_convene_queue_and_schedulable_reports(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk)
    other, other_judges = make_body(desk, 5, name="刑事专业法官会议")
    users = make_users(desk, presider_judge=judges[-1].id)
    sec, presider, member = users["secretary"], users["presider"], users["member"]
    on_time = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终1号", reasons=("four_complex",))
    elsewhere = accepted_report(desk, sec, other.id, other_judges[0].id, "（2026）吉01刑终2号")
    clock.set(datetime(2026, 11, 10, 15, 0))
    late = accepted_report(desk, sec, body.id, judges[1].id, "（2026）吉01民终3号")

    queue = meeting_views.convene_queue(desk, sec)
    assert [r.id for r in queue] == [on_time.id, elsewhere.id, late.id]
    assert queue[0].four_category and not queue[1].four_category
    # the presider sees only the bodies they preside
    assert [r.id for r in meeting_views.convene_queue(desk, presider)] == [on_time.id, late.id]
    with pytest.raises(PermissionDeniedError):
        meeting_views.convene_queue(desk, member)
    reports.decide_convene(desk, presider, on_time.id, True)
    assert [r.id for r in meeting_views.convene_queue(desk, presider)] == [late.id]

    m = make_meeting(desk, sec, body.id, MEETING_AT)
    candidates = meeting_views.schedulable_reports(desk, sec, m.id)
    assert [(r.id, r.late) for r in candidates] == [(on_time.id, False), (late.id, True)]
    agenda.add_item(desk, sec, m.id, on_time.id)
    assert [r.id for r in meeting_views.schedulable_reports(desk, sec, m.id)] == [late.id]


def test_deadline_materials_and_followups(desk: Desk) -> None:
    body, judges = make_body(desk)
    sec = make_users(desk)["secretary"]
    deadline = meeting_views.deadline_for(desk, body.id, MEETING_AT.date())
    assert deadline.due == date(2026, 11, 9) and "3个工作日" in deadline.explain()
    # National Day week: the working days skip the holiday
    assert meeting_views.deadline_for(desk, body.id, date(2026, 10, 9)).due == date(2026, 9, 29)

    r = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终5号")
    m = make_meeting(desk, sec, body.id, MEETING_AT)
    agenda.add_item(desk, sec, m.id, r.id)
    materials = meeting_views.meeting_materials(desk, sec, m.id)
    assert [x.report.case_number for x in materials] == ["（2026）吉01民终5号"]
    assert meeting_views.meeting_followups(desk, sec, m.id) == []
    assert meetings.get_meeting(desk, m.id).item_count == 1


def test_presider_may_reorder_the_agenda_but_members_may_not(desk: Desk) -> None:
    body, judges = make_body(desk)
    users = make_users(desk, presider_judge=judges[-1].id, member_judge=judges[0].id)
    sec = users["secretary"]
    m = make_meeting(desk, sec, body.id, MEETING_AT)
    items = [
        agenda.add_item(desk, sec, m.id, accepted_report(desk, sec, body.id, judges[0].id, f"（2026）吉01民终{n}号").id)
        for n in (7, 8)
    ]
    order = [items[1].id, items[0].id]
    assert [i.id for i in agenda.reorder(desk, users["presider"], m.id, order)] == order
    with pytest.raises(PermissionDeniedError):
        agenda.reorder(desk, users["member"], m.id, list(reversed(order)))


def test_changing_an_approved_agenda_withdraws_the_approval(desk: Desk) -> None:
    body, judges = make_body(desk)
    users = make_users(desk, presider_judge=judges[-1].id)
    sec, presider = users["secretary"], users["presider"]
    m = make_meeting(desk, sec, body.id, MEETING_AT)
    items = [
        agenda.add_item(desk, sec, m.id, accepted_report(desk, sec, body.id, judges[0].id, f"（2026）吉01民终{n}号").id)
        for n in (11, 12, 13)
    ]
    ids = [i.id for i in items]

    def approved() -> bool:
        return meetings.get_meeting(desk, m.id).agenda_approved_at is not None

    agenda.approve_agenda(desk, presider, m.id)
    agenda.reorder(desk, sec, m.id, ids)  # the same order: nothing changed
    assert approved()
    agenda.set_duration(desk, sec, ids[0], 45)  # timing only
    assert approved()
    agenda.reorder(desk, sec, m.id, [ids[1], ids[0], ids[2]])
    assert not approved()
    agenda.approve_agenda(desk, presider, m.id)
    agenda.remove_item(desk, sec, ids[2])
    assert not approved()
