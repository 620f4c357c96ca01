"""The case report's life: 草稿 → 已提交 → 已受理 / 退回补正 → 已排期 → 已讨论 → 已复议 → 已办结 (and 已撤回)."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.domain.choices import REPORT_STATES
from meetingdesk.i18n import N_, _


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", N_("提交"), frozenset({"draft", "returned"}), "submitted"),
        Transition("accept", N_("受理"), frozenset({"submitted"}), "accepted"),
        Transition("return", N_("退回补正"), frozenset({"submitted", "accepted"}), "returned"),
        Transition("schedule", N_("排入会议"), frozenset({"accepted", "discussed"}), "scheduled"),
        Transition("unschedule", N_("移出议程"), frozenset({"scheduled"}), "accepted"),
        Transition("discuss", N_("讨论完毕"), frozenset({"scheduled"}), "discussed"),
        Transition("reconsider", N_("复议"), frozenset({"discussed"}), "reconsidered"),
        Transition("close", N_("办结"), frozenset({"accepted", "discussed", "reconsidered"}), "closed"),
        Transition(
            "withdraw",
            N_("撤回"),
            frozenset({"draft", "submitted", "returned", "accepted", "scheduled"}),
            "withdrawn",
        ),
    )
}

EDITABLE_STATES = frozenset({"draft", "returned", "submitted", "accepted", "scheduled"})
"""States in which the report's content may still change (by its owner or the secretary)."""


class TransitionError(ValueError):
    """The action is not possible from the current state; the message says why in Chinese."""


def next_state(current: str, action: str) -> str:
    try:
        t = TRANSITIONS[action]
    except KeyError:
        raise TransitionError(_("未知操作：{action}").format(action=action)) from None
    if current not in t.sources:
        allowed = _("、").join(REPORT_STATES.label(s) for s in sorted(t.sources, key=REPORT_STATES.codes().index))
        raise TransitionError(
            _("案件报告当前为“{state}”，不能{action}（仅限{allowed}状态）。").format(
                state=REPORT_STATES.label(current), action=_(t.label), allowed=allowed
            )
        )
    return t.target


def available_actions(current: str) -> list[str]:
    return [a for a, t in TRANSITIONS.items() if current in t.sources]
