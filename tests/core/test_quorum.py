from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.domain.quorum import check_quorum, impossible_reason, quorum_possible, required_attendance


@pytest.mark.parametrize(
    ("members", "required"),
    [(0, 5), (3, 5), (5, 5), (14, 5), (15, 5), (16, 6), (18, 6), (19, 7), (30, 10), (31, 11)],
)
def test_required_is_a_third_but_never_fewer_than_five(members: int, required: int) -> None:
    assert required_attendance(members) == required


@given(st.integers(0, 10_000), st.fractions(0, 1), st.integers(0, 50))
def test_required_attendance_properties(members: int, fraction: Fraction, minimum: int) -> None:
    required = required_attendance(members, fraction, minimum)
    assert required >= minimum
    assert required * fraction.denominator >= members * fraction.numerator or required == minimum
    assert required >= members * fraction  # at least the fraction
    # one fewer member present would not satisfy the fraction unless the minimum dominates
    if required > minimum:
        assert (required - 1) < members * fraction


@given(st.integers(0, 200))
def test_monotone_in_members(members: int) -> None:
    assert required_attendance(members + 1) >= required_attendance(members)


def test_small_body_can_never_meet_quorum_and_says_so() -> None:
    assert not quorum_possible(4)
    reason = impossible_reason(4)
    assert reason is not None and "4人" in reason and "5人" in reason
    assert quorum_possible(5) and impossible_reason(5) is None


def test_check_counts_only_members_present_and_not_recused() -> None:
    members = range(1, 15)  # 14 members
    present = [1, 2, 3, 4, 5, 99]  # 99 is a 列席 guest: ignored
    result = check_quorum(members, present, recused_ids=[5])
    assert (result.member_count, result.present, result.recused, result.counted) == (14, 5, 1, 4)
    assert not result.met
    assert result.explain().startswith("应到14人，实到5人，回避1人，法定最低人数5人，未达到")


def test_recusal_of_someone_absent_does_not_count_twice() -> None:
    result = check_quorum(range(1, 8), [1, 2, 3, 4, 5], recused_ids=[7])
    assert result.counted == 5 and result.met


def test_explanation_uses_the_fraction_when_it_exceeds_the_minimum() -> None:
    result = check_quorum(range(30), range(10))
    assert result.met
    assert "法定人数10人（组成人员的1/3）" in result.explain()
    assert result.explain().endswith("已达到")


@given(
    st.sets(st.integers(0, 60), max_size=60),
    st.sets(st.integers(0, 80)),
    st.sets(st.integers(0, 80)),
)
def test_check_quorum_never_counts_outsiders(members: set[int], present: set[int], recused: set[int]) -> None:
    result = check_quorum(members, present, recused)
    assert 0 <= result.counted <= result.present <= len(members)
    assert result.counted == len((present & members) - recused)
    assert result.met == (result.counted >= required_attendance(len(members)))
