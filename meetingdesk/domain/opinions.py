"""Members' stances on an item and the computed result (多数意见 / 少数意见 / 未形成多数意见).

The result is always computed, never typed: each member's last stated stance counts once; 列席
opinions are recorded but never counted. A stance is the majority when more than half of the members
counted for the item (present and not recused) hold it. Every "其他意见" stands on its own: two
different "other" opinions are not one group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from meetingdesk.i18n import N_, _

STANCE_MAJORITY = "majority"  # 同意合议庭多数意见
STANCE_MINORITY = "minority"  # 同意合议庭少数意见
STANCE_OTHER = "other"  # 其他意见
OPTION_PREFIX = "option:"  # option:甲 — the report put options 甲/乙/丙

OPTION_LABELS = ("甲", "乙", "丙", "丁", "戊")

_LABELS = {
    STANCE_MAJORITY: N_("同意合议庭多数意见"),
    STANCE_MINORITY: N_("同意合议庭少数意见"),
    STANCE_OTHER: N_("其他意见"),
}


def option_stance(label: str) -> str:
    return OPTION_PREFIX + label


def is_valid_stance(stance: str) -> bool:
    if stance in _LABELS:
        return True
    return stance.startswith(OPTION_PREFIX) and stance[len(OPTION_PREFIX) :] in OPTION_LABELS


def stance_label(stance: str) -> str:
    """The words shown for a stance code."""
    if stance.startswith(OPTION_PREFIX):
        return _("同意{stance}意见").format(stance=stance[len(OPTION_PREFIX) :])
    try:
        return _(_LABELS[stance])
    except KeyError:
        raise ValueError(_("无法识别的意见类型：{stance}").format(stance=stance)) from None


def standard_stances(options: Iterable[str] = ()) -> list[str]:
    """Stances offered for an item: per option when the report lists options, else the standard three."""
    opts = [option_stance(o) for o in options]
    return [*opts, STANCE_OTHER] if opts else [STANCE_MAJORITY, STANCE_MINORITY, STANCE_OTHER]


@dataclass(frozen=True)
class Opinion:
    speaker_key: str
    name: str
    stance: str
    reasons: str = ""
    round: int = 1
    is_invitee: bool = False


@dataclass(frozen=True)
class StanceGroup:
    stance: str
    names: tuple[str, ...]
    reasons: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def label(self) -> str:
        return stance_label(self.stance)


@dataclass(frozen=True)
class ItemResult:
    """The computed outcome of one item's discussion (an advisory 参考意见, not a decision)."""

    counted_members: int  # members present and not recused: the base of "more than half"
    voters: int  # members whose stance is recorded
    majority: StanceGroup | None
    minorities: tuple[StanceGroup, ...] = field(default_factory=tuple)

    @property
    def has_majority(self) -> bool:
        return self.majority is not None

    @property
    def kind(self) -> str:
        return _("多数意见") if self.majority else _("未形成多数意见")

    def summary(self) -> str:
        """One line for screens and documents."""
        if self.voters == 0:
            return _("尚无成员发表意见")
        parts = []
        if self.majority:
            parts.append(
                _("多数意见（{count}人）：{label}").format(count=self.majority.count, label=self.majority.label)
            )
        else:
            parts.append(
                _("未形成多数意见（参加评议成员{counted_members}人，无一意见过半数）").format(
                    counted_members=self.counted_members
                )
            )
        groups = self.minorities
        if groups:
            words = _("；").join(
                _("{label}（{count}人：{names}）").format(label=g.label, count=g.count, names=_("、").join(g.names))
                for g in groups
            )
            parts.append((_("少数意见：") if self.majority else _("各方意见：")) + words)
        return _("；").join(parts)


def compute_result(opinions: Iterable[Opinion], counted_members: int) -> ItemResult:
    """Group members' latest stances and find a majority (more than half of ``counted_members``)."""
    latest: dict[str, Opinion] = {}
    order: list[str] = []
    for op in opinions:
        if op.is_invitee:
            continue
        if op.speaker_key not in latest:
            order.append(op.speaker_key)
        prev = latest.get(op.speaker_key)
        if prev is None or op.round >= prev.round:
            latest[op.speaker_key] = op

    groups: dict[str, list[Opinion]] = {}
    for key in order:
        op = latest[key]
        group_key = f"{op.stance}#{key}" if op.stance == STANCE_OTHER else op.stance
        groups.setdefault(group_key, []).append(op)

    built = [
        StanceGroup(ops[0].stance, tuple(o.name for o in ops), tuple(o.reasons for o in ops if o.reasons))
        for ops in groups.values()
    ]
    base = max(counted_members, len(latest))
    majority = next((g for g in built if g.count * 2 > base), None)
    others = tuple(sorted((g for g in built if g is not majority), key=lambda g: -g.count))
    return ItemResult(counted_members=base, voters=len(latest), majority=majority, minorities=others)
