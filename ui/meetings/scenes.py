"""Screenshot scenes of the meeting page (scripts/screenshots.py), staged on the demo database.

Some scenes write, as a user would (the screenshot script works on a throw-away demo copy): an item
is added to an upcoming meeting, and that meeting is started and partly discussed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication, QWidget

from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import attendance, discussion, meeting_views, minutes, roster
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services.followups import Followup
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

if TYPE_CHECKING:
    from ui.pages.meetings import MeetingsPage


def _settle() -> None:
    for _round in range(4):
        QApplication.processEvents()


def _upcoming(page: MeetingsPage) -> list[Meeting]:
    ms = meetings_svc.list_meetings(page.ctx.desk, page.ctx.actor, states=("planned", "notified"))
    return sorted(ms, key=lambda m: m.starts_at)


def _window(page: MeetingsPage) -> QWidget:
    return page.window()


def editor_with_conflict(page: MeetingsPage) -> QWidget:
    """A new meeting put in a room and hour already taken: the conflict shows, saving is blocked."""
    taken = next((m for m in _upcoming(page) if m.room_id is not None), None)
    page.new_meeting(None)
    editor = page.arrange.editor
    if taken is not None:
        others = [b for b in roster.list_bodies(page.ctx.desk, active_only=True) if b.id != taken.body_id]
        if others:
            editor.body.setCurrentIndex(max(editor.body.findData(others[0].id), 0))
        when = taken.starts_at + timedelta(minutes=30)
        editor.day.setDate(QDate(when.year, when.month, when.day))
        editor.start.setTime(QTime(when.hour, when.minute))
        editor.room.setCurrentIndex(max(editor.room.findData(taken.room_id), 0))
        editor.check_now()
    _settle()
    return _window(page)


def agenda_builder(page: MeetingsPage) -> QWidget:
    """An upcoming meeting with two items, one of them late, and its expected times."""
    desk, actor = page.ctx.desk, page.ctx.actor
    target = None
    for m in _upcoming(page):
        if meeting_views.schedulable_reports(desk, actor, m.id):
            target = m
            break
    upcoming = _upcoming(page)
    target = target or (upcoming[0] if upcoming else None)
    if target is None:
        return _window(page)
    if allowed(actor, "meeting.edit"):
        for brief in meeting_views.schedulable_reports(desk, actor, target.id)[:1]:
            agenda_svc.add_item(desk, actor, target.id, brief.id, 40)
    page.ctx.changed("meetings")
    page.open_meeting(target.id)
    page.show_tab("arrange")
    _settle()
    return _window(page)


def presider_view(page: MeetingsPage) -> QWidget:
    late = next(
        (m for m in _upcoming(page) if any(i.late for i in agenda_svc.agenda(page.ctx.desk, m.id))),
        None,
    )
    upcoming = _upcoming(page)
    target = late or (upcoming[0] if upcoming else None)
    if target is None:
        return _window(page)
    page.open_meeting(target.id)
    page.show_tab("presider")
    _settle()
    return _window(page)


def in_meeting(page: MeetingsPage) -> QWidget:
    """The meeting under way: one member on leave, opinions half typed, the result computed live."""
    desk, actor = page.ctx.desk, page.ctx.actor
    upcoming = _upcoming(page)
    target = next((m for m in upcoming if m.item_count >= 2), None) or next((m for m in upcoming if m.item_count), None)
    if target is None or not allowed(actor, "meeting.record"):
        return _window(page)
    people = [a for a in attendance.attendees(desk, target.id) if not a.is_presider]
    if people:
        attendance.set_attendance(desk, actor, target.id, people[-1].judge_id, "leave", _("参加上级法院业务培训"))
    meetings_svc.start_meeting(desk, actor, target.id)
    item = agenda_svc.agenda(desk, target.id)[0]
    last_member = [s for s in discussion.speaking_order_for(desk, item.id).slots if not s.speaker.is_presider][-1]
    if last_member.judge_id is not None:
        attendance.set_item_absence(
            desk, actor, item.id, last_member.judge_id, "recused", _("与一方当事人的代理人系近亲属")
        )
    discussion.set_item_texts(
        desk,
        actor,
        item.id,
        presentation=_("承办法官汇报了基本案情和合议庭的两种意见。"),
        questions_answers=_("成员就关键证据进行了询问，承办法官作了说明。"),
    )
    order = discussion.speaking_order_for(desk, item.id)
    stances = discussion.stances_for(desk, item.id)
    plan = [0, 0, 1, 0]
    for slot, choice in zip(order.slots, plan, strict=False):
        discussion.record_opinion(
            desk, actor, item.id, slot.key, stances[choice % len(stances)], _("结合类案检索情况，同意该意见。")
        )
    page.ctx.changed("meetings")
    page.open_meeting(target.id)
    page.show_tab("live")
    _settle()
    page.live.entry.picker.choose_number(1)
    page.live.entry.reasons.setPlainText(_("在案证据能够相互印证，"))
    _settle()
    return _window(page)


def minutes_review(page: MeetingsPage) -> QWidget:
    """Final (locked) minutes with a correction recorded as an amendment."""
    desk, actor = page.ctx.desk, page.ctx.actor
    held = meetings_svc.list_meetings(desk, actor, states=("held",))
    target = next((m for m in reversed(held) if m.locked), None) or (held[-1] if held else None)
    if target is None:
        return _window(page)
    items = agenda_svc.agenda(desk, target.id)
    if target.locked and items and allowed(actor, "minutes.amend"):
        minutes.amend(
            desk,
            actor,
            target.id,
            reason=_("传阅后参会人员指出笔误"),
            item_id=items[0].id,
            field_name="questions_answers",
            value=items[0].questions_answers + _("（经核对，补记成员提问的具体内容。）"),
        )
        page.ctx.changed("meetings")
    page.open_meeting(target.id)
    page.show_tab("after")
    page.after.side.setCurrentIndex(1)
    page.ctx.tasks.wait(5000)
    _settle()
    return _window(page)


def follow_up(page: MeetingsPage) -> QWidget:
    held = meetings_svc.list_meetings(page.ctx.desk, page.ctx.actor, states=("held",))
    target = next((m for m in reversed(held) if any(not f.reconsidered_on for f in _followups(page, m.id))), None) or (
        held[-1] if held else None
    )
    if target is None:
        return _window(page)
    page.open_meeting(target.id)
    page.show_tab("after")
    page.after.side.setCurrentIndex(0)
    page.ctx.tasks.wait(5000)
    _settle()
    return _window(page)


def _followups(page: MeetingsPage, meeting_id: int) -> list[Followup]:
    return meeting_views.meeting_followups(page.ctx.desk, page.ctx.actor, meeting_id)


def meeting_scenes(page: MeetingsPage) -> list[tuple[str, Callable[[], QWidget]]]:
    scenes: list[tuple[str, Callable[[], QWidget]]] = [
        ("calendar", lambda: _schedule(page)),
        ("editor-conflict", lambda: editor_with_conflict(page)),
    ]
    if "presider" in page.tab_keys:
        scenes.append(("presider", lambda: presider_view(page)))
    scenes += [
        ("agenda-builder", lambda: agenda_builder(page)),
        ("in-meeting", lambda: in_meeting(page)),
        ("minutes", lambda: minutes_review(page)),
        ("follow-up", lambda: follow_up(page)),
    ]
    return scenes


def _schedule(page: MeetingsPage) -> QWidget:
    upcoming = _upcoming(page)
    page.show_tab("schedule")
    if upcoming:
        page.schedule.select(upcoming[0].id)
    _settle()
    return _window(page)
