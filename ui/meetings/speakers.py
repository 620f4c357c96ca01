"""The speaking order as a table: who speaks where, why, and what they said in the round shown."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from meetingdesk.i18n import _
from meetingdesk.services.discussion import RecordedOpinion, SpeakerSlot

from ui.meetings.labels import short_stance, stance_text
from ui.meetings.table_model import Column


@dataclass(frozen=True)
class SpeakerRow:
    slot: SpeakerSlot
    opinion: RecordedOpinion | None  # in the round shown
    earlier: str  # what they said in earlier rounds
    pending: bool = False  # shown in a proposed (unconfirmed) order


def order_basis(slot: SpeakerSlot) -> str:
    """Why the speaker stands there, short enough for a table cell (the full words are the tooltip)."""
    s = slot.speaker
    if s.is_invitee:
        return _("列席，先发言")
    if s.is_presider:
        return _("主持人，最后发言")
    if s.promoted_on is None:
        return _(s.grade) if s.grade else _("未定等级")
    return _("{grade}·{y}.{m}晋升").format(
        grade=_(s.grade) if s.grade else "", y=s.promoted_on.year, m=s.promoted_on.month
    )


def speaker_columns() -> list[Column[SpeakerRow]]:
    return [
        Column(_("序"), lambda r: r.slot.position if not r.pending else "·", align=Qt.AlignmentFlag.AlignCenter),
        Column(
            _("发言人"),
            lambda r: r.slot.name + (_("（列席）") if r.slot.speaker.is_invitee else ""),
            tooltip=lambda r: r.earlier,
        ),
        Column(_("顺序依据"), lambda r: order_basis(r.slot), tooltip=lambda r: r.slot.why),
        Column(
            _("本轮意见"),
            lambda r: short_stance(r.opinion.stance) if r.opinion else "",
            foreground=lambda r: "#1f5fa8" if r.opinion else None,
            tooltip=lambda r: stance_text(r.opinion.stance) if r.opinion else "",
        ),
        Column(
            _("理由"),
            lambda r: (r.opinion.reasons if r.opinion else "").replace("\n", " "),
            tooltip=lambda r: r.opinion.reasons if r.opinion else "",
        ),
    ]
