"""Statistics against hand counts: on the deterministic demo database and on a small hand-built one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.domain.opinions import STANCE_MAJORITY, STANCE_MINORITY, STANCE_OTHER
from meetingdesk.errors import PermissionDeniedError, ValidationError
from meetingdesk.services import agenda, attendance, discussion, followups, meetings, roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import authenticate
from meetingdesk.stats import BodyStats, Period, Statistics, compute_statistics
from meetingdesk.stats import compute as stats_compute

from tests.conftest import FakeClock, copy_demo
from tests.core.factories import accepted_report, make_body, make_meeting, make_users


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    with Desk(copy_demo(demo_template, tmp_path / "demo")) as desk:
        yield desk


def by_name(stats: Statistics) -> dict[str, BodyStats]:
    return {b.body_name: b for b in stats.bodies}


# ---- the demo database
#
# The demo story (meetingdesk/demo/__init__.py, today = 2026-11-23), per body:
#   meeting A (Sept.): two items, both discussed; 复议: the first 采纳, the second 未采纳 (执行: 部分采纳);
#       items submitted 14 days before; stance plans 'majority' and 'minority' (行政: 'split');
#       a 四类案件 not adopted is referred to the 审委会 (刑事, 民事), committee result recorded.
#   行政 only: a 流会 on 2026-10-09 whose item is carried over to meeting B.
#   meeting B (late Oct. / 2 Nov.): one item, discussed, 复议 pending; plan 'split' for 民事 (with one
#       recusal), else 'majority'; items submitted 8 days before (行政's carried item: 31 days).
#   next meeting (Nov./Dec., planned): one item; 执行's arrives after the deadline (the one late item).
#   In every held meeting one member is on leave (the same member each time).


def test_demo_year_matches_hand_counts(demo: Desk) -> None:
    stats = compute_statistics(demo, SYSTEM, Period.year(2026))
    total = stats.total
    assert (total.meetings_held, total.meetings_adjourned, total.meetings_cancelled, total.meetings_upcoming) == (
        8,
        1,
        0,
        4,
    )
    assert total.items_discussed == 12 and total.items_deferred == 0
    assert total.late_items == 1
    assert (total.with_majority, total.without_majority) == (10, 2)
    a = total.adoption
    assert (a.adopted, a.partly, a.not_adopted, a.pending) == (4, 1, 3, 4)
    assert a.rate == pytest.approx(4 / 8) and a.rate_with_partial == pytest.approx(5 / 8)
    assert total.referrals.referred == 2 and total.referrals.decided == 2 and total.referrals.pending == 0
    assert {r.body_name for r in total.referrals.rows} == {"刑事专业法官会议", "民事专业法官会议"}
    assert all(r.committee_result.startswith("审判委员会") for r in total.referrals.rows)
    # (14+14+8) × 3 bodies + (14+14+31) for 行政 = 167 days over 12 items
    assert total.avg_days_to_discussion == pytest.approx(167 / 12)
    assert total.reference_cases == 1  # the demo's draft 参考性案例 from its first discussed item

    bodies = by_name(stats)
    crim, civil, admin, enf = (
        bodies[k] for k in ("刑事专业法官会议", "民事专业法官会议", "行政专业法官会议", "执行专业法官会议")
    )
    assert [b.meetings_held for b in (crim, civil, admin, enf)] == [2, 2, 2, 2]
    assert admin.meetings_adjourned == 1 and crim.meetings_adjourned == 0
    assert admin.avg_days_to_discussion == pytest.approx(59 / 3)
    assert crim.avg_days_to_discussion == pytest.approx(12.0)
    assert [b.without_majority for b in (crim, civil, admin, enf)] == [0, 1, 1, 0]
    assert enf.adoption.partly == 1 and enf.late_items == 1 and crim.late_items == 0
    assert [b.referrals.referred for b in (crim, civil, admin, enf)] == [1, 1, 0, 0]
    assert not any("参考案例库" in n for n in stats.notes) and any("4件尚未登记" in n for n in stats.notes)


def test_demo_members_attendance_and_opinions(demo: Desk) -> None:
    stats = compute_statistics(demo, SYSTEM, Period.year(2026))
    members = {m.name: m for m in stats.members}
    # 刑事 9 members, the others 8: each on the list of their body's 2 held meetings
    assert sum(m.expected for m in stats.members) == 9 * 2 + 8 * 2 * 3
    # one member of each body is on leave at both held meetings and never speaks
    on_leave = [m for m in stats.members if m.on_leave]
    assert len(on_leave) == 4 and all(m.on_leave == 2 and m.present == 0 and m.opinions_given == 0 for m in on_leave)
    assert sum(m.absent for m in stats.members) == 0
    # the 副院长 sits on 民事, 行政 and 执行: 6 meetings, 9 items
    vp = next(m for m in stats.members if len(m.bodies) == 3)
    assert (vp.expected, vp.present, vp.opinions_given) == (6, 6, 9)
    assert vp.attendance_rate == 1.0
    # one recusal in the demo (民事, meeting B): that member spoke on 2 of 3 items
    recused = [m for m in stats.members if m.recused_items]
    assert len(recused) == 1 and recused[0].opinions_given == 2 and recused[0].bodies == ("民事专业法官会议",)
    assert members[recused[0].name].present == 2


def test_demo_quarter_month_custom_and_one_body(demo: Desk) -> None:
    q4 = compute_statistics(demo, SYSTEM, Period.quarter(2026, 4)).total
    assert (q4.meetings_held, q4.meetings_adjourned, q4.meetings_upcoming) == (4, 1, 4)
    assert q4.items_discussed == 4 and q4.adoption.pending == 4 and q4.referrals.referred == 0
    sept = compute_statistics(demo, SYSTEM, Period.month(2026, 9)).total
    assert sept.meetings_held == 4 and sept.items_discussed == 8
    assert (sept.adoption.adopted, sept.adoption.partly, sept.adoption.not_adopted) == (4, 1, 3)
    assert sept.referrals.referred == 2
    none = compute_statistics(demo, SYSTEM, Period.custom(date(2026, 1, 1), date(2026, 8, 31))).total
    assert none.meetings_held == 0 and none.avg_days_to_discussion is None and none.adoption.rate is None

    admin_id = next(b.id for b in roster.list_bodies(demo) if b.name == "行政专业法官会议")
    one = compute_statistics(demo, SYSTEM, Period.year(2026), body_id=admin_id)
    assert [b.body_name for b in one.bodies] == ["行政专业法官会议"]
    assert one.total.meetings_held == 2 and one.total.meetings_adjourned == 1
    assert all(m.bodies == ("行政专业法官会议",) for m in one.members) and len(one.members) == 8


def test_reading_statistics_needs_access_to_all_meetings(demo: Desk) -> None:
    with pytest.raises(PermissionDeniedError):
        compute_statistics(demo, authenticate(demo, "member", "demo1234"), Period.year(2026))
    viewer = authenticate(demo, "viewer", "demo1234")
    assert compute_statistics(demo, viewer, Period.year(2026)).total.meetings_held == 8


def test_reference_cases_counted_when_the_library_exists(demo: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in table with the library's link columns (the real one arrives with the library work).
    monkeypatch.setattr(stats_compute, "LIBRARY_TABLE", "test_library")
    demo.conn.execute("CREATE TABLE test_library (id INTEGER PRIMARY KEY, meeting_id INTEGER, agenda_item_id INTEGER)")
    demo.conn.execute("INSERT INTO test_library (meeting_id, agenda_item_id) VALUES (1, NULL), (NULL, 5), (8, NULL)")
    demo.conn.execute("INSERT INTO test_library (meeting_id, agenda_item_id) VALUES (NULL, NULL)")  # not from a meeting
    stats = compute_statistics(demo, SYSTEM, Period.year(2026))
    assert stats.library_available and not any("参考案例库" in n for n in stats.notes)
    counts = {b.body_name: b.reference_cases for b in stats.bodies}
    assert counts == {"刑事专业法官会议": 1, "民事专业法官会议": 1, "行政专业法官会议": 1, "执行专业法官会议": 0}
    assert stats.total.reference_cases == 3
    assert compute_statistics(demo, SYSTEM, Period.month(2026, 10)).total.reference_cases == 1  # the 流会's


# ---- a small hand-built database

MEETING_AT = datetime(2026, 11, 12, 9, 0)  # Thursday; materials due Monday 11-09


def build_small(desk: Desk, clock: FakeClock) -> dict[str, int]:
    """One held meeting (2 discussed + 1 deferred late item), a 流会, a cancelled and a December meeting."""
    body, judges = make_body(desk, 7)
    sec = make_users(desk, presider_judge=judges[-1].id)["secretary"]
    j = [x.id for x in judges]
    r1 = accepted_report(desk, sec, body.id, j[0], "（2026）吉01民终1号", reasons=("four_complex",))
    r2 = accepted_report(desk, sec, body.id, j[1], "（2026）吉01民终2号")
    r3 = accepted_report(desk, sec, body.id, j[2], "（2026）吉01民终3号")
    clock.set(datetime(2026, 11, 10, 15, 0))
    late = accepted_report(desk, sec, body.id, j[3], "（2026）吉01民终4号")
    m = make_meeting(desk, sec, body.id, MEETING_AT, presider_id=j[6])
    i1, i2, i3 = (agenda.add_item(desk, sec, m.id, r.id, 30) for r in (r1, r2, late))
    assert i3.late and not i1.late
    attendance.add_invitee(desk, sec, m.id, "助理甲", "assistant")

    m_adj = make_meeting(desk, sec, body.id, datetime(2026, 11, 19, 9, 0), presider_id=j[6])
    agenda.add_item(desk, sec, m_adj.id, r3.id)
    meetings.adjourn_meeting(desk, sec, m_adj.id, "未达到法定人数")
    m_cancel = make_meeting(desk, sec, body.id, datetime(2026, 11, 26, 9, 0))
    meetings.cancel_meeting(desk, sec, m_cancel.id, "主持人出差")
    make_meeting(desk, sec, body.id, datetime(2026, 12, 3, 9, 0))

    clock.set(MEETING_AT)
    meetings.start_meeting(desk, sec, m.id)
    attendance.set_attendance(desk, sec, m.id, j[1], "leave", "出差")
    attendance.set_attendance(desk, sec, m.id, j[2], "absent")
    attendance.set_item_absence(desk, sec, i2.id, j[3], "recused", "近亲属")
    plans = {
        i1.id: [STANCE_MAJORITY, STANCE_MAJORITY, STANCE_MAJORITY, STANCE_MINORITY, STANCE_MAJORITY],  # 4 of 5
        i2.id: [STANCE_MAJORITY, STANCE_MINORITY, STANCE_OTHER, STANCE_MAJORITY],  # 2 of 4: no majority
    }
    for item_id, stances in plans.items():
        slots = discussion.speaking_order_for(desk, item_id).slots
        for slot in slots:
            if slot.speaker.is_invitee:  # recorded, never counted
                discussion.record_opinion(desk, sec, item_id, slot.key, STANCE_MINORITY, "列席意见")
        members = [s for s in slots if not s.speaker.is_invitee]
        assert len(members) == len(stances)
        for slot, stance in zip(members, stances, strict=True):
            discussion.record_opinion(desk, sec, item_id, slot.key, stance, "理由")
        discussion.set_item_status(desk, sec, item_id, "discussed")
    assert discussion.item_result(desk, i1.id).has_majority
    assert not discussion.item_result(desk, i2.id).has_majority
    clock.set(datetime(2026, 11, 12, 11, 0))
    meetings.end_meeting(desk, sec, m.id)

    clock.set(datetime(2026, 11, 20, 10, 0))
    followups.record_reconsideration(
        desk, sec, i1.id, reconsidered_on=date(2026, 11, 19), adoption="not_adopted", panel_result="坚持原意见"
    )
    followups.record_reconsideration(
        desk, sec, i2.id, reconsidered_on=date(2026, 11, 19), adoption="partly", panel_result="部分采纳"
    )
    followups.record_referral(desk, sec, i1.id, date(2026, 11, 20))
    followups.record_committee_result(desk, sec, i1.id, "审委会决定按少数意见处理", date(2026, 11, 20))
    return {"body": body.id, **{f"j{n}": x for n, x in enumerate(j)}}


def test_hand_built_database(desk: Desk, clock: FakeClock) -> None:
    ids = build_small(desk, clock)
    stats = compute_statistics(desk, SYSTEM, Period.month(2026, 11))
    (b,) = stats.bodies
    assert b == dataclasses.replace(stats.total, body_id=ids["body"], body_name=b.body_name)  # one body: the total
    assert (b.meetings_held, b.meetings_adjourned, b.meetings_cancelled, b.meetings_upcoming) == (1, 1, 1, 0)
    assert (b.items_discussed, b.items_deferred, b.late_items) == (2, 1, 1)
    assert b.avg_days_to_discussion == pytest.approx(10.0)  # submitted 11-02, discussed 11-12
    assert (b.with_majority, b.without_majority) == (1, 1)
    assert (b.adoption.adopted, b.adoption.partly, b.adoption.not_adopted, b.adoption.pending) == (0, 1, 1, 0)
    assert b.adoption.rate == 0.0 and b.adoption.rate_with_partial == 0.5
    (ref,) = b.referrals.rows
    assert ref.case_number == "（2026）吉01民终1号" and ref.committee_result == "审委会决定按少数意见处理"
    assert ref.referred_on == date(2026, 11, 20) and ref.decided

    members = {m.judge_id: m for m in stats.members}
    assert len(members) == 7  # the invitee is not a member
    row = {n: members[ids[f"j{n}"]] for n in range(7)}
    assert [(row[n].present, row[n].on_leave, row[n].absent) for n in range(7)] == [
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
        (1, 0, 0),
        (1, 0, 0),
        (1, 0, 0),
        (1, 0, 0),
    ]
    assert [row[n].opinions_given for n in range(7)] == [2, 0, 0, 1, 2, 2, 2]
    assert row[3].recused_items == 1 and row[0].recused_items == 0

    year = compute_statistics(desk, SYSTEM, Period.year(2026)).total
    assert year.meetings_upcoming == 1 and year.meetings_held == 1
    october = compute_statistics(desk, SYSTEM, Period.month(2026, 10))
    assert october.total.meetings_held == 0 and october.members == ()


# ---- periods


def test_period_labels_and_validation() -> None:
    assert Period.year(2026).label == "2026年"
    assert Period.quarter(2026, 4).label == "2026年第四季度"
    assert Period.quarter(2026, 1).end == date(2026, 3, 31)
    assert Period.month(2028, 2).end == date(2028, 2, 29)
    assert Period.custom(date(2026, 9, 1), date(2026, 11, 23)).label == "2026年9月1日至2026年11月23日"
    with pytest.raises(ValidationError, match="季度"):
        Period.quarter(2026, 5)
    with pytest.raises(ValidationError, match="结束日期"):
        Period.custom(date(2026, 2, 1), date(2026, 1, 1))


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_months_tile_their_quarter_and_year(year: int, month: int) -> None:
    m = Period.month(year, month)
    q = Period.quarter(year, (month - 1) // 3 + 1)
    y = Period.year(year)
    assert q.start <= m.start <= m.end <= q.end and y.start <= q.start and q.end <= y.end
    assert m.contains(m.start) and m.contains(m.end) and not m.contains(date.fromordinal(m.end.toordinal() + 1))
