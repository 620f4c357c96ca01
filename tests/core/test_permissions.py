"""Roles × actions, called on the services directly: the core refuses, whatever the screens show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from meetingdesk.domain.opinions import STANCE_MINORITY
from meetingdesk.errors import PermissionDeniedError, StateError
from meetingdesk.services import (
    agenda,
    attachments,
    discussion,
    followups,
    meetings,
    minutes,
    reports,
    roster,
    settings,
    users,
)
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit_verify import history
from meetingdesk.services.backup import create_backup
from meetingdesk.services.desk import Desk

from tests.core.world import World, build_world, open_copy

ROLES = ("admin", "secretary", "presider", "presider_other", "member", "viewer")
READERS = set(ROLES)
Action = Callable[[Desk, Actor, World, Path], object]


def _behalf(actor: Actor) -> bool:
    return actor.role == "secretary"


# action name → (the call, roles that may do it). Everyone else must be refused.
ACTIONS: dict[str, tuple[Action, set[str]]] = {
    "create a user account": (
        lambda d, a, _w, _t: users.create_user(d, a, "newuser", "password9", "member"),
        {"admin"},
    ),
    "reset a password": (
        lambda d, a, w, t: users.reset_password(d, a, w.actors["viewer"].user_id or 0, "newpass99"),
        {"admin"},
    ),
    "change a setting": (
        lambda d, a, w, t: settings.set_setting(d, a, "security.idle_lock_minutes", 5),
        {"admin"},
    ),
    "add a room": (lambda d, a, w, t: roster.create_room(d, a, "第九会议室"), {"admin", "secretary"}),
    "accept a report": (lambda d, a, w, t: reports.accept_report(d, a, w.r_submitted), {"secretary"}),
    "decide to convene": (
        lambda d, a, w, t: reports.decide_convene(d, a, w.r_accepted, True, on_behalf=_behalf(a)),
        {"presider", "secretary"},
    ),
    "schedule a meeting": (
        lambda d, a, w, t: meetings.create_meeting(
            d, a, meetings.MeetingInput(body_id=w.body, starts_at=datetime(2026, 12, 10, 9))
        ),
        {"secretary"},
    ),
    "approve the agenda": (
        lambda d, a, w, t: agenda.approve_agenda(d, a, w.m_planned, on_behalf=_behalf(a)),
        {"presider", "secretary"},
    ),
    "edit minutes (item prose)": (
        lambda d, a, w, t: discussion.set_item_texts(d, a, w.held_item, conclusion="多数意见认为……"),
        {"secretary"},
    ),
    "record an opinion": (
        lambda d, a, w, t: discussion.record_opinion(d, a, w.held_item, w.held_speaker, STANCE_MINORITY, "改"),
        {"secretary"},
    ),
    "finalise minutes": (
        lambda d, a, w, t: minutes.finalise_minutes(d, a, w.m_held, on_behalf=_behalf(a)),
        {"presider", "secretary"},
    ),
    "edit final minutes directly": (
        lambda d, a, w, t: discussion.set_item_texts(d, a, w.final_item, conclusion="悄悄改"),
        set(),  # nobody: only an amendment may change them
    ),
    "change attendance of final minutes": (
        lambda d, a, w, t: __import__("meetingdesk.services.attendance", fromlist=["x"]).set_attendance(
            d, a, w.m_final, w.reporting_judge, "absent"
        ),
        set(),
    ),
    "amend final minutes": (
        lambda d, a, w, t: minutes.amend(
            d, a, w.m_final, reason="笔误", item_id=w.final_item, field_name="conclusion", value="更正后的意见"
        ),
        {"secretary", "presider"},
    ),
    "record the panel's reconsideration": (
        lambda d, a, w, t: followups.record_reconsideration(
            d, a, w.final_item, reconsidered_on=date(2026, 11, 20), adoption="adopted", panel_result="采纳"
        ),
        {"secretary"},
    ),
    "read minutes of an own meeting": (lambda d, a, w, t: minutes.meeting_record(d, a, w.m_held), READERS),
    "read minutes of another body's meeting": (
        lambda d, a, w, t: minutes.meeting_record(d, a, w.m_other),
        READERS - {"member"},
    ),
    "read another body's report": (
        lambda d, a, w, t: reports.read_report(d, a, w.r_other),
        READERS - {"member"},
    ),
    "open another body's attachment": (
        lambda d, a, w, t: attachments.attachment_path(d, a, w.other_attachment),
        READERS - {"member"},
    ),
    "read an own report": (lambda d, a, w, t: reports.read_report(d, a, w.r_member_own), READERS),
    "read the audit history": (lambda d, a, w, t: history(d, a, "reports", str(w.r_other)), {"admin"}),
    "make a backup": (lambda d, a, w, t: create_backup(d, a, t / "b.zip"), {"admin", "secretary"}),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "court.db")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_may_or_may_not(world: World, tmp_path: Path, action: str, role: str) -> None:
    call, allowed_roles = ACTIONS[action]
    with open_copy(world, tmp_path) as desk:
        actor = world.actors[role]
        before = desk.scalar("SELECT COUNT(*) FROM audit_log")
        if role in allowed_roles:
            call(desk, actor, world, tmp_path)
        else:
            with pytest.raises((PermissionDeniedError, StateError)) as refused:
                call(desk, actor, world, tmp_path)
            assert str(refused.value) and "Traceback" not in str(refused.value)
            assert desk.scalar("SELECT COUNT(*) FROM audit_log") == before  # refused: nothing written


def test_a_presider_decides_only_for_their_own_meetings(world: World, tmp_path: Path) -> None:
    with open_copy(world, tmp_path) as desk:
        with pytest.raises(PermissionDeniedError, match="不是本次会议的主持人"):
            minutes.finalise_minutes(desk, world.actors["presider_other"], world.m_held)
        final = minutes.finalise_minutes(desk, world.actors["presider"], world.m_held)
        assert final.locked
        entry = desk.one("SELECT action, username FROM audit_log WHERE entity = 'meetings' ORDER BY id DESC LIMIT 1")
        assert entry == {"action": "minutes.finalise", "username": "presider"}


def test_a_secretary_finalising_is_recorded_as_on_the_presiders_behalf(world: World, tmp_path: Path) -> None:
    with open_copy(world, tmp_path) as desk:
        with pytest.raises(PermissionDeniedError, match="代主持人"):
            minutes.finalise_minutes(desk, world.actors["secretary"], world.m_held)
        minutes.finalise_minutes(desk, world.actors["secretary"], world.m_held, on_behalf=True)
        entry = desk.one("SELECT action, username FROM audit_log WHERE entity = 'meetings' ORDER BY id DESC LIMIT 1")
        assert entry == {"action": "minutes.finalise.on_behalf", "username": "secretary"}


def test_members_see_only_what_is_theirs_in_lists(world: World, tmp_path: Path) -> None:
    with open_copy(world, tmp_path) as desk:
        member = world.actors["member"]
        seen = {r.id for r in reports.list_reports(desk, member)}
        # their own report, and the reports on the agendas of their body's meetings
        assert world.r_member_own in seen
        assert world.r_other not in seen and world.r_submitted not in seen
        everything = {r.id for r in reports.list_reports(desk, world.actors["viewer"])}
        assert seen < everything
        assert {m.id for m in meetings.list_meetings(desk, member)} == {world.m_planned, world.m_held, world.m_final}
        assert all(f.report_id in seen for f in followups.list_followups(desk, member))
        assert followups.list_followups(desk, member)  # their meetings' follow-ups are there


def test_an_account_without_a_judge_sees_no_member_materials(world: World, tmp_path: Path) -> None:
    with open_copy(world, tmp_path) as desk:
        # an external 列席 guest (no judge) on the other meeting must not open it to unlinked accounts
        from meetingdesk.services import attendance

        attendance.add_invitee(desk, world.actors["secretary"], world.m_other, "专家甲", "scholar")
        loose = users.create_user(desk, world.actors["admin"], "loose", "password7", "member").as_actor()
        assert meetings.list_meetings(desk, loose) == []
        assert reports.list_reports(desk, loose) == []
        assert not meetings.can_see_meeting(desk, loose, world.m_other)


def test_without_an_assigned_presider_the_bodys_presiders_decide(world: World, tmp_path: Path) -> None:
    with open_copy(world, tmp_path) as desk:
        sec = world.actors["secretary"]
        m = meetings.create_meeting(
            desk, sec, meetings.MeetingInput(body_id=world.body, starts_at=datetime(2026, 12, 11, 9))
        ).meeting
        assert m.presider_id is None
        agenda.add_item(desk, sec, m.id, world.r_accepted)
        with pytest.raises(PermissionDeniedError, match="不是本次会议的主持人"):
            agenda.approve_agenda(desk, world.actors["presider_other"], m.id)
        assert agenda.approve_agenda(desk, world.actors["presider"], m.id).agenda_approved_at is not None


def test_the_reporting_judge_writes_the_search_report_of_their_own_report_only(world: World, tmp_path: Path) -> None:
    """类案检索报告: library editors for any report; a member for the report they are 承办法官 of."""
    from meetingdesk.library.cases import CaseInput, create_case
    from meetingdesk.library.search_report import (
        SearchReportHeader,
        attach_search_report,
        can_edit_search_reports,
        conclude,
        create_search_report,
        update_header,
        update_row,
    )
    from meetingdesk.search.similar import similar_for_report
    from meetingdesk.services.actor import SYSTEM
    from meetingdesk.services.exports import export_document

    with open_copy(world, tmp_path) as desk:
        case = create_case(
            desk, SYSTEM, CaseInput(title="某甲诉某乙民间借贷纠纷案", facts="借款未还。", cause="民间借贷纠纷")
        )
        member, viewer = world.actors["member"], world.actors["viewer"]
        own, other = world.r_member_own, world.r_accepted  # another judge's report
        assert can_edit_search_reports(desk, member, own)
        assert not can_edit_search_reports(desk, member, other)
        assert not can_edit_search_reports(desk, viewer, own)
        for role in ("admin", "secretary", "presider", "presider_other"):
            assert can_edit_search_reports(desk, world.actors[role], other)

        similar_for_report(desk, member, own)  # the search itself: anyone who may see the report
        with pytest.raises(PermissionDeniedError):
            similar_for_report(desk, member, world.r_other)  # another body's report: not even its facts
        sr = create_search_report(desk, member, own, [case])
        update_row(desk, member, sr, 1, similarity="均为借款未还", use="consult")
        header = SearchReportHeader(
            searcher="承办法官", searched_at=desk.now_text(), platform="人民法院案例库", methods=("case",)
        )
        assert update_header(desk, member, sr, header)  # their own report's header
        conclude(desk, member, sr, "可供参考。", has_conflict=False)
        export_document(desk, member, "report-search", sr, "pdf", tmp_path / "own.pdf")  # their own paper
        attachment = attach_search_report(desk, member, sr).attachment
        assert attachment.kind == "search_report" and attachment.report_id == own
        assert attachment.filename.endswith(".docx")
        assert reports.get_report(desk, own).has_search_report

        other_sr = create_search_report(desk, world.actors["secretary"], other, [case])
        before = desk.scalar("SELECT COUNT(*) FROM audit_log")
        refusals: list[Callable[[], object]] = [
            lambda: create_search_report(desk, member, other, [case]),
            lambda: update_row(desk, member, other_sr, 1, similarity="改", use="consult"),
            lambda: update_header(desk, member, other_sr, header),
            lambda: conclude(desk, member, other_sr, "改", has_conflict=False),
            lambda: attach_search_report(desk, member, other_sr),
            lambda: export_document(desk, member, "report-search", other_sr, "pdf", tmp_path / "o.pdf"),
            lambda: create_search_report(desk, viewer, own, [case]),
            lambda: update_row(desk, viewer, sr, 1, similarity="改", use="consult"),
            lambda: update_header(desk, viewer, sr, header),
        ]
        for refused in refusals:
            with pytest.raises(PermissionDeniedError) as why:
                refused()
            assert "类案检索报告" in str(why.value) or "无权" in str(why.value)
        assert desk.scalar("SELECT COUNT(*) FROM audit_log") == before  # refused: nothing written
        assert not (tmp_path / "o.pdf").exists()
