"""Reads behind the 案件报告 screen: ids filtered and sorted in SQL, batched rows, intake helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.errors import ValidationError
from meetingdesk.services import agenda, reports
from meetingdesk.services.actor import Actor
from meetingdesk.services.attachment_view import viewable_copy
from meetingdesk.services.attachments import add_attachment
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.report_intake import case_number_taken, input_completeness, schedule_targets
from meetingdesk.services.report_table import BATCH_LIMIT, SORT_KEYS, ReportQuery, report_ids, report_rows
from meetingdesk.services.roster import Body

from tests.conftest import FakeClock
from tests.core.factories import accepted_report, attach, make_body, make_meeting, make_users, report_input


@dataclass
class Setup:
    sec: Actor
    member: Actor
    a: reports.Report
    b: reports.Report
    c: reports.Report
    body: Body
    other: Body
    m: Meeting


def _setup(desk: Desk, clock: FakeClock) -> Setup:
    body, judges = make_body(desk)
    other, other_judges = make_body(desk, 5, name="刑事专业法官会议")
    users = make_users(desk, member_judge=judges[0].id)
    sec = users["secretary"]
    clock.set(datetime(2026, 10, 1, 9, 0))
    a = reports.create_report(
        desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民终1号", cause="借款合同纠纷")
    )
    clock.set(datetime(2026, 10, 20, 9, 0))
    b = accepted_report(desk, sec, body.id, judges[1].id, "（2026）吉01民终2号", cause="买卖合同纠纷")
    clock.set(datetime(2026, 10, 28, 9, 0))
    c = accepted_report(
        desk, sec, other.id, other_judges[0].id, "（2026）吉01刑终3号", cause="诈骗罪", parties="被告人张某"
    )
    m = make_meeting(desk, sec, other.id, datetime(2026, 10, 30, 9, 0))  # deadline 10-27: c is late
    agenda.add_item(desk, sec, m.id, c.id)
    clock.set(datetime(2026, 11, 2, 9, 0))
    return Setup(sec, users["member"], a, b, c, body, other, m)


def test_ids_are_filtered_sorted_and_limited_to_what_the_actor_may_see(desk: Desk, clock: FakeClock) -> None:
    s = _setup(desk, clock)
    sec = s.sec
    a, b, c = s.a, s.b, s.c
    ids = report_ids(desk, sec, ReportQuery(sort="case_number", descending=False))
    assert ids == [c.id, a.id, b.id]  # code point order: 刑 before 民
    # submitted date: drafts (no date) always last, whatever the direction
    assert report_ids(desk, sec, ReportQuery(sort="submitted", descending=True)) == [c.id, b.id, a.id]
    assert report_ids(desk, sec, ReportQuery(sort="submitted", descending=False)) == [b.id, c.id, a.id]
    assert report_ids(desk, sec, ReportQuery(sort="late", descending=True))[0] == c.id
    assert report_ids(desk, sec, ReportQuery(sort="state", descending=False)) == [a.id, b.id, c.id]
    assert report_ids(desk, sec, ReportQuery(late_only=True)) == [c.id]
    assert report_ids(desk, sec, ReportQuery(text="张某")) == [c.id]
    assert report_ids(desk, sec, ReportQuery(text="合同", sort="cause", descending=False)) == [b.id, a.id]
    assert report_ids(desk, sec, ReportQuery(states=("draft",))) == [a.id]
    assert report_ids(desk, sec, ReportQuery(body_id=s.other.id)) == [c.id]
    assert report_ids(desk, sec, ReportQuery(reporting_judge_id=b.reporting_judge_id)) == [b.id]
    assert report_ids(desk, sec, ReportQuery(submitted_from=date(2026, 10, 25))) == [c.id]
    assert report_ids(desk, sec, ReportQuery(submitted_to=date(2026, 10, 20))) == [b.id]
    # LIKE wildcards typed by the user are taken literally
    assert report_ids(desk, sec, ReportQuery(text="%")) == []
    # a member sees their own reports and the materials of their meetings (b is on no meeting yet) …
    assert set(report_ids(desk, s.member, ReportQuery())) == {a.id}
    assert set(report_rows(desk, s.member, [a.id, b.id, c.id])) == {a.id}
    # … or, when the court lets members see their bodies' reports, those too
    from meetingdesk.services.actor import SYSTEM
    from meetingdesk.services.settings import set_setting

    set_setting(desk, SYSTEM, "privacy.members_see_own_meetings_only", False)
    assert set(report_ids(desk, s.member, ReportQuery())) == {a.id, b.id}
    set_setting(desk, SYSTEM, "privacy.members_see_own_meetings_only", True)
    for key in SORT_KEYS:
        assert sorted(report_ids(desk, sec, ReportQuery(sort=key))) == sorted(ids)
    with pytest.raises(ValidationError):
        report_ids(desk, sec, ReportQuery(sort="nonsense"))


def test_rows_come_in_batches_and_match_list_reports(desk: Desk, clock: FakeClock) -> None:
    s = _setup(desk, clock)
    sec = s.sec
    ids = report_ids(desk, sec, ReportQuery())
    rows = report_rows(desk, sec, [*ids, 999_999])
    assert set(rows) == set(ids)
    listed = {r.id: r for r in reports.list_reports(desk, sec)}
    assert rows == listed
    late_row = rows[s.c.id]
    assert late_row.late and late_row.meeting_id == s.m.id
    assert report_rows(desk, sec, []) == {}
    with pytest.raises(ValueError):
        report_rows(desk, sec, list(range(BATCH_LIMIT + 1)))


def test_input_completeness_agrees_with_submission(desk: Desk, tmp_path: Path) -> None:
    body, judges = make_body(desk)
    sec = make_users(desk)["secretary"]
    data = report_input(body.id, judges[0].id, search_report_waiver="", facts="", reasons=())
    missing = input_completeness(data).missing
    assert any("基本案情" in m for m in missing)
    assert any("类案检索报告" in m for m in missing)
    assert any("理由" in m for m in missing)
    r = reports.create_report(desk, sec, data)
    assert input_completeness(data).missing == reports.completeness(reports.get_report(desk, r.id)).missing
    att = attach(desk, sec, r.id, tmp_path)
    assert not any("类案检索报告" in m for m in input_completeness(data, [att]).missing)
    complete = report_input(body.id, judges[0].id)
    assert input_completeness(complete).complete


@given(
    cause=st.text(max_size=3),
    facts=st.text(max_size=3),
    waiver=st.text(max_size=3),
    reasons=st.lists(st.sampled_from(["sole_judge", "four_group", "other"]), unique=True),
    initiator=st.sampled_from(["panel", "sole_judge"]),
)
def test_input_completeness_is_the_service_rule(
    cause: str, facts: str, waiver: str, reasons: list[str], initiator: str
) -> None:
    data = reports.ReportInput(
        case_number="（2026）吉01民终1号",
        body_id=1,
        reporting_judge_id=1,
        cause=cause,
        facts=facts,
        search_report_waiver=waiver,
        reasons=tuple(reasons),
        initiator=initiator,
    )
    missing = input_completeness(data).missing
    assert ("案由" in missing) == (not cause.strip())
    assert ("基本案情" in missing) == (not facts.strip())
    assert any("类案检索" in m for m in missing) == (not waiver.strip())
    assert any("提请讨论的理由" in m for m in missing) == (not reasons)
    assert any("多数意见" in m for m in missing) == (initiator == "panel")


def test_schedule_targets_and_case_number_taken(desk: Desk, clock: FakeClock) -> None:
    s = _setup(desk, clock)
    sec = s.sec
    b = s.b
    body = s.body
    soon = make_meeting(desk, sec, body.id, datetime(2026, 11, 4, 9, 0))  # deadline 10-30: b was on time
    later = make_meeting(desk, sec, body.id, datetime(2026, 11, 20, 9, 0))
    make_meeting(desk, sec, s.other.id, datetime(2026, 11, 5, 9, 0))  # another body: not offered
    targets = schedule_targets(desk, sec, b.id)
    assert [t.meeting.id for t in targets] == [soon.id, later.id]
    assert [t.late for t in targets] == [False, False]
    assert targets[0].deadline == date(2026, 10, 30)
    assert targets[0].quorum_problem is None
    late_one = accepted_report(desk, sec, body.id, s.a.reporting_judge_id, "（2026）吉01民终9号")
    assert [t.late for t in schedule_targets(desk, sec, late_one.id)] == [True, False]

    assert case_number_taken(desk, "（2026）吉01民终2号") == b.id
    assert case_number_taken(desk, "（2026）吉01民终2号", b.id) is None
    assert case_number_taken(desk, "（2026）吉01民终99号") is None


def test_viewable_copy_has_the_original_name_and_is_refreshed(desk: Desk, tmp_path: Path) -> None:
    body, judges = make_body(desk)
    sec = make_users(desk)["secretary"]
    r = reports.create_report(desk, sec, report_input(body.id, judges[0].id))
    source = tmp_path / "类案检索报告.pdf"
    source.write_bytes(b"%PDF-1.4\nhello\n%%EOF\n")
    att = add_attachment(desk, sec, r.id, source, "search_report")
    copy = viewable_copy(desk, sec, att.id)
    assert copy.name == "类案检索报告.pdf" and copy.read_bytes() == source.read_bytes()
    assert desk.data_dir in copy.parents
    copy.write_bytes(b"%PDF-1.4\nedited by someone\n%%EOF\n")
    again = viewable_copy(desk, sec, att.id)
    assert again == copy and again.read_bytes() == source.read_bytes()


def test_search_text_is_literal_in_list_reports_too(desk: Desk, clock: FakeClock) -> None:
    """Regression: list_reports passed the search text straight into LIKE, so "%" or "_" matched everything."""
    s = _setup(desk, clock)
    assert reports.list_reports(desk, s.sec, reports.ReportFilter(text="%")) == []
    assert reports.list_reports(desk, s.sec, reports.ReportFilter(text="_")) == []
    assert [r.id for r in reports.list_reports(desk, s.sec, reports.ReportFilter(text="张某"))] == [s.c.id]
    assert report_ids(desk, s.sec, ReportQuery(text="_")) == []
