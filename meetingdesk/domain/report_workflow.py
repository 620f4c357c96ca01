"""The case report's life: 草稿 → 已提交 → 已受理 / 退回补正 → 已排期 → 已讨论 → 已复议 → 已办结 (and 已撤回)."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.domain.choices import REPORT_STATES


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", "提交", frozenset({"draft", "returned"}), "submitted"),
        Transition("accept", "受理", frozenset({"submitted"}), "accepted"),
        Transition("return", "退回补正", frozenset({"submitted", "accepted"}), "returned"),
        Transition("schedule", "排入会议", frozenset({"accepted", "discussed"}), "scheduled"),
        Transition("unschedule", "移出议程", frozenset({"scheduled"}), "accepted"),
        Transition("discuss", "讨论完毕", frozenset({"scheduled"}), "discussed"),
        Transition("reconsider", "复议", frozenset({"discussed"}), "reconsidered"),
        Transition("close", "办结", frozenset({"accepted", "discussed", "reconsidered"}), "closed"),
        Transition(
            "withdraw",
            "撤回",
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
        raise TransitionError(f"未知操作：{action}") from None
    if current not in t.sources:
        allowed = "、".join(REPORT_STATES.label(s) for s in sorted(t.sources, key=REPORT_STATES.codes().index))
        raise TransitionError(f"案件报告当前为“{REPORT_STATES.label(current)}”，不能{t.label}（仅限{allowed}状态）。")
    return t.target


def available_actions(current: str) -> list[str]:
    return [a for a, t in TRANSITIONS.items() if current in t.sources]
