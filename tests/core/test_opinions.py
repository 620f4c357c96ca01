from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.domain.opinions import (
    STANCE_MAJORITY,
    STANCE_MINORITY,
    STANCE_OTHER,
    Opinion,
    compute_result,
    option_stance,
    stance_label,
)


def op(key: str, stance: str, rnd: int = 1, invitee: bool = False) -> Opinion:
    return Opinion(speaker_key=key, name=key, stance=stance, round=rnd, is_invitee=invitee)


def test_majority_and_minority_with_names() -> None:
    ops = [
        op("甲", STANCE_MAJORITY),
        op("乙", STANCE_MAJORITY),
        op("丙", STANCE_MINORITY),
        op("丁", STANCE_MAJORITY),
        op("戊", STANCE_OTHER),
        op("助理", STANCE_MINORITY, invitee=True),
    ]
    result = compute_result(ops, counted_members=5)
    assert result.majority is not None and result.majority.count == 3
    assert result.kind == "多数意见"
    assert result.voters == 5  # the 列席 opinion is not counted
    assert "多数意见（3人）：同意合议庭多数意见" in result.summary()
    assert "同意合议庭少数意见（1人：丙）" in result.summary()


def test_no_majority_when_split() -> None:
    ops = [
        op("a", STANCE_MAJORITY),
        op("b", STANCE_MAJORITY),
        op("c", STANCE_MINORITY),
        op("d", STANCE_MINORITY),
    ]
    result = compute_result(ops, counted_members=4)
    assert not result.has_majority and result.kind == "未形成多数意见"
    assert "未形成多数意见" in result.summary()


def test_different_other_opinions_do_not_pool_into_a_majority() -> None:
    ops = [op(k, STANCE_OTHER) for k in "abc"] + [op("d", STANCE_MAJORITY)]
    assert not compute_result(ops, counted_members=4).has_majority


def test_later_round_replaces_earlier_stance() -> None:
    ops = [
        op("a", STANCE_MINORITY),
        op("b", STANCE_MAJORITY),
        op("c", STANCE_MAJORITY),
        op("a", STANCE_MAJORITY, rnd=2),
    ]
    result = compute_result(ops, counted_members=3)
    assert result.majority and result.majority.count == 3


def test_majority_is_of_members_counted_not_only_of_speakers() -> None:
    ops = [op("a", STANCE_MAJORITY), op("b", STANCE_MAJORITY), op("c", STANCE_MINORITY)]
    assert not compute_result(ops, counted_members=5).has_majority  # 2 of 5 is not more than half
    assert compute_result(ops, counted_members=3).has_majority


def test_option_stances() -> None:
    assert stance_label(option_stance("乙")) == "同意乙意见"
    ops = [op("a", option_stance("甲")), op("b", option_stance("乙")), op("c", option_stance("乙"))]
    result = compute_result(ops, counted_members=3)
    assert result.majority and result.majority.stance == option_stance("乙")


stances = st.sampled_from([STANCE_MAJORITY, STANCE_MINORITY, STANCE_OTHER, option_stance("甲")])


@given(
    st.lists(st.tuples(st.integers(0, 12), stances, st.integers(1, 3), st.booleans()), max_size=40),
    st.integers(0, 15),
)
def test_result_properties(raw: list[tuple[int, str, int, bool]], counted: int) -> None:
    ops = [op(f"{'i' if inv else 'j'}{k}", s, r, inv) for k, s, r, inv in raw]
    result = compute_result(ops, counted)
    members = {o.speaker_key for o in ops if not o.is_invitee}
    assert result.voters == len(members)
    groups = ([result.majority] if result.majority else []) + list(result.minorities)
    assert sum(g.count for g in groups) == len(members)  # every member once, guests never
    if result.majority:
        assert result.majority.count * 2 > max(counted, len(members))
    assert all(g.count * 2 <= max(counted, len(members)) for g in result.minorities)
