import pytest

from meetingdesk.domain.referral import ReferralRule, referral_advice
from meetingdesk.domain.report_workflow import TransitionError, available_actions, next_state


def test_four_category_case_without_majority_is_referred() -> None:
    advice = referral_advice(four_category=True, meeting_had_majority=False, adoption=None)
    assert advice.required and "未形成多数意见" in advice.explain()


def test_panel_disagreeing_is_referred_only_for_four_categories_by_default() -> None:
    assert referral_advice(four_category=True, meeting_had_majority=True, adoption="not_adopted").required
    assert not referral_advice(four_category=False, meeting_had_majority=True, adoption="not_adopted").required
    rule = ReferralRule(only_four_categories=False)
    assert referral_advice(four_category=False, meeting_had_majority=False, adoption=None, rule=rule).required


def test_adopted_majority_needs_no_referral() -> None:
    assert not referral_advice(four_category=True, meeting_had_majority=True, adoption="adopted").required


def test_workflow() -> None:
    assert next_state("draft", "submit") == "submitted"
    assert next_state("submitted", "return") == "returned"
    assert next_state("returned", "submit") == "submitted"
    assert "withdraw" in available_actions("scheduled")
    with pytest.raises(TransitionError, match="已办结"):
        next_state("closed", "submit")
