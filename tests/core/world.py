"""A small but complete court, built once through the services and copied for each test that needs it.

Two bodies; accounts for every role (and a presider of the *other* body); reports in several states;
a planned meeting, a held one with draft minutes, one with final minutes, and a meeting of the other
body with an attachment that the member of the first body must not see.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from meetingdesk.domain.opinions import STANCE_MAJORITY
from meetingdesk.paths import data_dir_for
from meetingdesk.services import agenda, attachments, discussion, meetings, minutes, reports
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import create_user

from tests.conftest import FakeClock
from tests.core.factories import accepted_report, make_body, make_meeting, make_users, report_input

PASSWORD = "password1"
NOW = datetime(2026, 11, 30, 10, 0)


@dataclass(frozen=True)
class World:
    path: Path
    actors: dict[str, Actor]
    body: int
    other_body: int
    reporting_judge: int  # the member account's judge
    r_submitted: int
    r_accepted: int
    m_planned: int
    m_held: int
    held_item: int
    held_speaker: str
    m_final: int
    final_item: int
    m_other: int
    r_other: int
    other_attachment: int
    r_member_own: int


def _hold(desk: Desk, clock: FakeClock, sec: Actor, meeting_id: int, when: datetime) -> int:
    clock.set(when)
    meetings.start_meeting(desk, sec, meeting_id)
    item = agenda.agenda(desk, meeting_id)[0]
    for slot in discussion.speaking_order_for(desk, item.id).slots:
        discussion.record_opinion(desk, sec, item.id, slot.key, STANCE_MAJORITY, "同意")
    discussion.set_item_status(desk, sec, item.id, "discussed")
    meetings.end_meeting(desk, sec, meeting_id)
    return item.id


def build_world(path: Path) -> World:
    clock = FakeClock(datetime(2026, 11, 2, 9, 0))
    with Desk(path, clock=clock) as desk:
        body, judges = make_body(desk, 7)
        other, other_judges = make_body(desk, 5, name="刑事专业法官会议")
        presider_judge = judges[-1]
        actors = make_users(desk, presider_judge=presider_judge.id, member_judge=judges[0].id)
        actors["presider_other"] = create_user(
            desk, SYSTEM, "presider_other", PASSWORD, "presider", judge_id=other_judges[-1].id
        ).as_actor()
        sec = actors["secretary"]

        r_sub = reports.create_report(desk, sec, report_input(body.id, judges[1].id, "（2026）吉01民终1号"))
        reports.submit_report(desk, sec, r_sub.id)
        r_acc = accepted_report(desk, sec, body.id, judges[2].id, "（2026）吉01民终2号")
        r_plan = accepted_report(desk, sec, body.id, judges[3].id, "（2026）吉01民终3号")
        r_held = accepted_report(desk, sec, body.id, judges[4].id, "（2026）吉01民终4号")
        r_final = accepted_report(desk, sec, body.id, judges[0].id, "（2026）吉01民终5号")

        m_planned = make_meeting(desk, sec, body.id, datetime(2026, 12, 3, 9), presider_id=presider_judge.id)
        agenda.add_item(desk, sec, m_planned.id, r_plan.id)
        m_held = make_meeting(desk, sec, body.id, datetime(2026, 11, 12, 9), presider_id=presider_judge.id)
        agenda.add_item(desk, sec, m_held.id, r_held.id)
        m_final = make_meeting(desk, sec, body.id, datetime(2026, 11, 13, 9), presider_id=presider_judge.id)
        agenda.add_item(desk, sec, m_final.id, r_final.id)

        r_other = reports.create_report(
            desk, sec, report_input(other.id, other_judges[0].id, "（2026）吉01刑终7号", cause="盗窃罪")
        )
        src = path.parent / "检索报告.pdf"
        src.write_bytes(b"%PDF-1.4\n%confidential\n%%EOF\n")
        att = attachments.add_attachment(desk, sec, r_other.id, src, "search_report")
        reports.submit_report(desk, sec, r_other.id)
        reports.accept_report(desk, sec, r_other.id)
        m_other = make_meeting(desk, sec, other.id, datetime(2026, 12, 4, 9), presider_id=other_judges[-1].id)
        agenda.add_item(desk, sec, m_other.id, r_other.id)

        held_item = _hold(desk, clock, sec, m_held.id, datetime(2026, 11, 12, 9, 5))
        final_item = _hold(desk, clock, sec, m_final.id, datetime(2026, 11, 13, 9, 5))
        minutes.finalise_minutes(desk, sec, m_final.id, on_behalf=True)
        r_own = reports.create_report(desk, sec, report_input(body.id, judges[0].id, "（2026）吉01民终9号"))
        speaker = discussion.speaking_order_for(desk, held_item).slots[0].key
    return World(
        path=path,
        actors=actors,
        body=body.id,
        other_body=other.id,
        reporting_judge=judges[0].id,
        r_submitted=r_sub.id,
        r_accepted=r_acc.id,
        m_planned=m_planned.id,
        m_held=m_held.id,
        held_item=held_item,
        held_speaker=speaker,
        m_final=m_final.id,
        final_item=final_item,
        m_other=m_other.id,
        r_other=r_other.id,
        other_attachment=att.id,
        r_member_own=r_own.id,
    )


def copy_world(world: World, target_dir: Path) -> Path:
    """A private copy of the world's database and data folder (a few milliseconds)."""
    target = target_dir / "court.db"
    shutil.copyfile(world.path, target)
    src_files = data_dir_for(world.path)
    if src_files.exists():
        shutil.copytree(src_files, data_dir_for(target))
    return target


def open_copy(world: World, target_dir: Path) -> Desk:
    return Desk(copy_world(world, target_dir), clock=FakeClock(NOW))


__all__ = ["NOW", "PASSWORD", "World", "build_world", "copy_world", "date", "open_copy"]
