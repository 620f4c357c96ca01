"""The whole meeting cycle through the services, on a real SQLite file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from meetingdesk.domain.opinions import STANCE_MAJORITY, STANCE_MINORITY
from meetingdesk.errors import ConflictError, PermissionDeniedError, StateError, ValidationError
from meetingdesk.services import agenda, attendance, discussion, followups, meetings, minutes, reports, roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit import verify_chain
from meetingdesk.services.desk import Desk

from tests.conftest import FakeClock
from tests.core.factories import accepted_report, attach, make_body, make_meeting, make_users, report_input

MEETING_AT = datetime(2026, 11, 12, 9, 0)  # Thursday; materials due Monday 11-09


def test_report_intake_validation_and_workflow(desk: Desk, tmp_path: Path) -> None:
    body, judges = make_body(desk)
    users = make_users(desk, member_judge=judges[0].id)
    sec, member = users["secretary"], users["member"]

    with pytest.raises(ValidationError, match="类型代字") as err:
        reports.create_report(desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民乙1号"))
    assert err.value.field == "case_number"

    # a member may register only their own reports
    with pytest.raises(PermissionDeniedError):
        reports.create_report(desk, member, report_input(body.id, judges[1].id, "（2026）吉01民终2号"))
    r = reports.create_report(
        desk, member, report_input(body.id, judges[0].id, "(2026)吉01民终1号", search_report_waiver="")
    )
    assert r.case_number == "（2026）吉01民终1号" and r.state == "draft"

    with pytest.raises(ConflictError, match="已登记"):
        reports.create_report(desk, sec, report_input(body.id, judges[1].id, "（2026）吉01民终1号"))

    # incomplete: no 类案检索报告 and no reason why
    with pytest.raises(ValidationError, match="类案检索报告"):
        reports.submit_report(desk, member, r.id)
    attach(desk, member, r.id, tmp_path)
    r = reports.submit_report(desk, member, r.id)
    assert r.state == "submitted" and r.has_search_report

    with pytest.raises(PermissionDeniedError):
        reports.accept_report(desk, member, r.id)
    with pytest.raises(ValidationError, match="理由"):
        reports.return_report(desk, sec, r.id, "  ")
    r = reports.return_report(desk, sec, r.id, "请补充评议笔录")
    assert r.state == "returned" and r.state_reason == "请补充评议笔录"
    r = reports.submit_report(desk, member, r.id)
    r = reports.accept_report(desk, sec, r.id)
    assert r.state == "accepted"
    with pytest.raises(StateError, match="已受理"):
        reports.submit_report(desk, member, r.id)

    # the presider's decision; a secretary must say it is on the presider's behalf
    with pytest.raises(PermissionDeniedError, match="代主持人"):
        reports.decide_convene(desk, sec, r.id, False, "无需讨论")
    r = reports.decide_convene(desk, sec, r.id, False, "已有明确规定", on_behalf=True)
    assert r.state == "closed" and "代主持人" in r.convene_reason


def test_scheduling_conflicts_and_deadlines(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk)
    other, _ = make_body(desk, 5, name="刑事专业法官会议")
    room = roster.create_room(desk, SYSTEM, "第一会议室")
    sec = make_users(desk)["secretary"]
    roster.set_membership(desk, SYSTEM, other.id, judges[0].id, member=True)

    m1 = make_meeting(desk, sec, body.id, MEETING_AT, room_id=room.id, presider_id=judges[-1].id)
    # same room, overlapping: refused with a clear message
    with pytest.raises(ConflictError, match="第一会议室"):
        make_meeting(desk, sec, other.id, datetime(2026, 11, 12, 10, 0), room_id=room.id)
    # other room: allowed, but the shared member is flagged
    saved = meetings.create_meeting(
        desk, sec, meetings.MeetingInput(body_id=other.id, starts_at=datetime(2026, 11, 12, 10, 0))
    )
    assert any(w.kind == "member" and judges[0].name in w.message for w in saved.warnings)
    # a Saturday (and the National Day holiday) is flagged
    checks = meetings.check_schedule(desk, meetings.MeetingInput(body_id=body.id, starts_at=datetime(2026, 10, 3, 9)))
    assert any(c.kind == "holiday" and "国庆节" in c.message for c in checks)

    # late materials: submitted after the deadline
    on_time = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终10号")
    clock.set(datetime(2026, 11, 10, 15, 0))
    late = accepted_report(desk, sec, body.id, judges[1].id, "（2026）吉01民终11号")
    i1 = agenda.add_item(desk, sec, m1.id, on_time.id, 40)
    i2 = agenda.add_item(desk, sec, m1.id, late.id, 30)
    assert not i1.late and i2.late
    assert i2.starts_at == datetime(2026, 11, 12, 9, 40) and i2.ends_at == datetime(2026, 11, 12, 10, 10)
    assert reports.get_report(desk, on_time.id).state == "scheduled"

    # the presider must admit the late item before approving the agenda
    with pytest.raises(StateError, match="逾期"):
        agenda.approve_agenda(desk, sec, m1.id, on_behalf=True)
    agenda.admit_late_item(desk, sec, i2.id, on_behalf=True)
    agenda.reorder(desk, sec, m1.id, [i2.id, i1.id])
    items = agenda.agenda(desk, m1.id)
    assert [i.id for i in items] == [i2.id, i1.id] and items[0].starts_at == MEETING_AT
    approved = agenda.approve_agenda(desk, sec, m1.id, on_behalf=True)
    assert approved.agenda_approved_at is not None

    # moving the meeting earlier makes the on-time report late too
    meetings.update_meeting(
        desk, sec, m1.id, meetings.MeetingInput(body_id=body.id, starts_at=datetime(2026, 11, 4, 9), room_id=room.id)
    )
    assert all(i.late for i in agenda.agenda(desk, m1.id))

    # removing an item returns its report to 已受理
    agenda.remove_item(desk, sec, i1.id)
    assert reports.get_report(desk, on_time.id).state == "accepted"


def test_body_too_small_is_flagged(desk: Desk) -> None:
    body, _ = make_body(desk, 4, name="审判团队专业法官会议")
    overview = roster.body_overview(desk, body.id)
    assert overview.quorum_problem and "4人" in overview.quorum_problem
    checks = meetings.check_schedule(desk, meetings.MeetingInput(body_id=body.id, starts_at=MEETING_AT))
    assert any(c.kind == "quorum" for c in checks)


def test_attendance_quorum_opinions_minutes_followup(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk, 7)  # quorum: max(ceil(7/3), 5) = 5
    presider_judge = judges[-1]
    users = make_users(desk, presider_judge=presider_judge.id)
    sec, presider = users["secretary"], users["presider"]
    r = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终20号", reasons=("four_complex",))
    m = make_meeting(desk, sec, body.id, MEETING_AT, presider_id=presider_judge.id)
    item = agenda.add_item(desk, sec, m.id, r.id)
    invitee = attendance.add_invitee(desk, sec, m.id, "助理甲", "assistant")

    clock.set(MEETING_AT)
    with pytest.raises(StateError, match="尚未开始"):
        discussion.record_opinion(desk, sec, item.id, f"judge:{judges[0].id}", STANCE_MAJORITY)
    meetings.start_meeting(desk, sec, m.id)

    # two members on leave: 5 of 7 present — quorum met
    attendance.set_attendance(desk, sec, m.id, judges[1].id, "leave", "出差")
    attendance.set_attendance(desk, sec, m.id, judges[2].id, "absent")
    assert attendance.meeting_quorum(desk, m.id).met
    # a recusal on the item drops it below quorum for that item only
    attendance.set_item_absence(desk, sec, item.id, judges[3].id, "recused", "近亲属")
    q = attendance.item_quorum(desk, item.id)
    assert not q.met and q.explain().startswith("应到7人，实到5人，回避1人，法定最低人数5人，未达到")
    assert attendance.meeting_quorum(desk, m.id).met
    # the absent member arrives: quorum regained
    attendance.set_attendance(desk, sec, m.id, judges[2].id, "present")
    assert attendance.item_quorum(desk, item.id).met

    order = discussion.speaking_order_for(desk, item.id)
    keys = [s.key for s in order.slots]
    assert keys[0] == f"invitee:{invitee.id}"  # 列席 first
    assert keys[-1] == f"judge:{presider_judge.id}"  # presider last
    assert f"judge:{judges[3].id}" not in keys and f"judge:{judges[1].id}" not in keys
    member_grades = [s.speaker.grade for s in order.slots[1:-1]]
    from meetingdesk.domain.grades import grade_rank

    assert [grade_rank(g or "") for g in member_grades] == sorted(grade_rank(g or "") for g in member_grades)

    # reordering needs a reason
    with pytest.raises(ValidationError, match="理由"):
        discussion.reorder_speakers(desk, sec, item.id, list(reversed(keys)))
    discussion.reorder_speakers(desk, sec, item.id, [keys[0], *reversed(keys[1:])], "主持人要求资深法官先谈")
    assert discussion.speaking_order_for(desk, item.id).overridden
    discussion.reorder_speakers(desk, sec, item.id, None)

    with pytest.raises(ValidationError, match="发言名单"):
        discussion.record_opinion(desk, sec, item.id, f"judge:{judges[3].id}", STANCE_MAJORITY)
    discussion.record_opinion(desk, sec, item.id, keys[0], STANCE_MINORITY, "列席意见")
    stances = [STANCE_MAJORITY, STANCE_MAJORITY, STANCE_MINORITY, STANCE_MAJORITY, STANCE_MAJORITY]
    for key, stance in zip(keys[1:], stances, strict=True):
        discussion.record_opinion(desk, sec, item.id, key, stance, "理由")
    result = discussion.item_result(desk, item.id)
    assert result.majority and result.majority.count == 4 and result.voters == 5
    # a second round changes a mind; the later round counts
    discussion.record_opinion(desk, sec, item.id, keys[3], STANCE_MAJORITY, "改变意见", round_no=2)
    assert discussion.item_result(desk, item.id).majority.count == 5  # type: ignore[union-attr]

    discussion.set_item_texts(desk, sec, item.id, presider_summary="归纳多数意见", conclusion="多数意见认为……")
    discussion.set_item_status(desk, sec, item.id, "discussed")
    clock.set(datetime(2026, 11, 12, 11, 0))
    meetings.end_meeting(desk, sec, m.id)
    assert reports.get_report(desk, r.id).state == "discussed"

    record = minutes.meeting_record(desk, sec, m.id)
    assert next(o.name for o in record.items[0].opinions if o.round == 1) == "助理甲"
    minutes.circulate_minutes(desk, sec, m.id)
    with pytest.raises(PermissionDeniedError, match="代主持人"):
        minutes.finalise_minutes(desk, sec, m.id)
    final = minutes.finalise_minutes(desk, presider, m.id)
    assert final.locked and final.summary_number == "〔2026〕第1期"

    # locked: direct edits refused, amendments recorded
    with pytest.raises(StateError, match="定稿"):
        discussion.set_item_texts(desk, sec, item.id, conclusion="改")
    with pytest.raises(StateError, match="定稿"):
        attendance.set_attendance(desk, sec, m.id, judges[4].id, "absent")
    amendment = minutes.amend(
        desk, sec, m.id, reason="笔误", item_id=item.id, field_name="conclusion", value="多数意见认为（更正）"
    )
    assert amendment.before == "多数意见认为……" and amendment.after == "多数意见认为（更正）"
    assert minutes.meeting_record(desk, sec, m.id).amendments[0].reason == "笔误"

    # follow-up: 四类案件, panel does not adopt → referral advised
    clock.set(datetime(2026, 11, 20, 10))
    f = followups.record_reconsideration(
        desk, sec, item.id, reconsidered_on=date(2026, 11, 19), adoption="not_adopted", panel_result="坚持原意见"
    )
    assert f.adoption_label == "未采纳"
    assert reports.get_report(desk, r.id).state == "reconsidered"
    advice = followups.advice(desk, item.id)
    assert advice.required and "四类案件" in advice.explain()
    followups.record_referral(desk, sec, item.id, date(2026, 11, 20))
    f = followups.record_committee_result(desk, sec, item.id, "审委会决定按多数意见处理", date(2026, 11, 20))
    assert f.referred and f.committee_result

    chain = verify_chain(desk.conn)
    assert chain.ok and chain.entries > 50


def test_minutes_without_quorum_cannot_be_final(desk: Desk, clock: FakeClock) -> None:
    body, judges = make_body(desk, 6)
    users = make_users(desk, presider_judge=judges[-1].id)
    sec = users["secretary"]
    r = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终30号")
    m = make_meeting(desk, sec, body.id, MEETING_AT, presider_id=judges[-1].id)
    item = agenda.add_item(desk, sec, m.id, r.id)
    clock.set(MEETING_AT)
    meetings.start_meeting(desk, sec, m.id)
    attendance.set_attendance(desk, sec, m.id, judges[0].id, "leave", "病假")
    attendance.set_attendance(desk, sec, m.id, judges[1].id, "leave", "病假")
    key = discussion.speaking_order_for(desk, item.id).slots[0].key
    discussion.record_opinion(desk, sec, item.id, key, STANCE_MAJORITY)
    discussion.set_item_status(desk, sec, item.id, "discussed")
    meetings.end_meeting(desk, sec, m.id)
    with pytest.raises(StateError, match="未达到法定人数"):
        minutes.finalise_minutes(desk, sec, m.id, on_behalf=True)


def test_adjourned_meeting_returns_items(desk: Desk) -> None:
    body, judges = make_body(desk)
    sec = make_users(desk)["secretary"]
    r = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终40号")
    m = make_meeting(desk, sec, body.id, MEETING_AT)
    agenda.add_item(desk, sec, m.id, r.id)
    with pytest.raises(ValidationError):
        meetings.adjourn_meeting(desk, sec, m.id, "")
    meetings.adjourn_meeting(desk, sec, m.id, "未达到法定人数")
    assert reports.get_report(desk, r.id).state == "accepted"
    assert meetings.get_meeting(desk, m.id).state_label == "流会"


def test_roles_are_enforced_in_services(desk: Desk) -> None:
    body, judges = make_body(desk)
    users = make_users(desk, member_judge=judges[0].id)
    for role in ("member", "viewer", "presider"):
        with pytest.raises(PermissionDeniedError):
            make_meeting(desk, users[role], body.id, MEETING_AT)
        with pytest.raises(PermissionDeniedError):
            roster.create_room(desk, users[role], "会议室X")
    with pytest.raises(PermissionDeniedError):
        reports.create_report(desk, users["viewer"], report_input(body.id, judges[0].id))
    assert roster.create_room(desk, users["admin"], "会议室Y").name == "会议室Y"


def test_members_see_only_their_meetings(desk: Desk) -> None:
    body, _judges = make_body(desk)
    other, _ = make_body(desk, 5, name="刑事专业法官会议")
    outsider = roster.create_judge(
        desk, SYSTEM, roster.JudgeInput(name="外庭法官", grade="一级法官", grade_since=date(2020, 1, 1))
    )
    roster.set_membership(desk, SYSTEM, other.id, outsider.id, member=True)
    users = make_users(desk, member_judge=outsider.id)
    m = make_meeting(desk, users["secretary"], body.id, MEETING_AT)
    assert [x.id for x in meetings.list_meetings(desk, users["secretary"])] == [m.id]
    assert meetings.list_meetings(desk, users["member"]) == []
    with pytest.raises(PermissionDeniedError, match="参会人员"):
        minutes.meeting_record(desk, users["member"], m.id)


def test_a_failed_write_leaves_nothing_behind(desk: Desk) -> None:
    body, judges = make_body(desk)
    before_reports = desk.scalar("SELECT COUNT(*) FROM reports")
    before_audit = desk.scalar("SELECT COUNT(*) FROM audit_log")
    with pytest.raises(RuntimeError), desk.write(SYSTEM, "test") as tx:
        tx.insert(
            "reports",
            {
                "case_number": "（2026）吉01民终99号",
                "body_id": body.id,
                "reporting_judge_id": judges[0].id,
                "created_at": tx.now,
                "updated_at": tx.now,
            },
        )
        raise RuntimeError("boom")
    assert desk.scalar("SELECT COUNT(*) FROM reports") == before_reports
    assert desk.scalar("SELECT COUNT(*) FROM audit_log") == before_audit


def test_an_account_without_a_judge_sees_no_meetings(desk: Desk) -> None:
    """NULL judge ids must never match (a 列席 guest's NULL judge_id once did)."""
    body, _judges = make_body(desk)
    users = make_users(desk)  # the member account has no judge
    m = make_meeting(desk, users["secretary"], body.id, MEETING_AT)
    attendance.add_invitee(desk, users["secretary"], m.id, "专家甲", "scholar")
    assert meetings.list_meetings(desk, users["member"]) == []
    assert not meetings.can_see_meeting(desk, users["member"], m.id)
    assert reports.list_reports(desk, users["member"]) == []


def test_a_constraint_violation_is_a_conflict_not_a_crash(desk: Desk) -> None:
    """When validation passed but another writer got there first, the user gets a clear message."""
    roster.create_room(desk, SYSTEM, "甲室")
    with pytest.raises(ConflictError, match="他人修改"), desk.write(SYSTEM, "test") as tx:
        tx.insert("rooms", {"name": "甲室"})
    assert [r.name for r in roster.list_rooms(desk)] == ["甲室"]
