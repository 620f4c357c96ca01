"""Screenshot scene of the 成员与会议组 page: a body too small ever to reach quorum, flagged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services import roster

if TYPE_CHECKING:
    from ui.pages.roster import RosterPage


def small_body_flagged(page: RosterPage) -> QWidget:
    """Set up a four-member team meeting (fewer than the minimum of five) and show its flag."""
    desk, actor = page.ctx.desk, page.ctx.actor
    name = _("知识产权审判团队专业法官会议")
    body = next((b for b in roster.list_bodies(desk) if b.name == name), None)
    try:
        if body is None:
            body = roster.create_body(
                desk, actor, roster.BodyInput(name=name, kind="team", specialty=_("知识产权"), division=_("民事审判庭"))
            )
            for judge in roster.list_judges(desk, active_only=True, judges_only=True)[:4]:
                roster.set_membership(desk, actor, body.id, judge.id, member=True)
    except MeetingDeskError:
        pass
    page.ctx.changed("roster")
    page.tabs.setCurrentWidget(page.bodies)
    page.bodies.reload(body.id if body is not None else None)
    return page.window()
