"""Reference cases and rules: fields, 草稿 → 审核 → 发布, permissions, and the draft from a discussed item."""

from __future__ import annotations

import pytest

from meetingdesk.errors import ConflictError, PermissionDeniedError, StateError, ValidationError
from meetingdesk.library.cases import CaseInput, create_case, get_case, list_cases, set_case_status, update_case
from meetingdesk.library.feedback import feedback_for, record_feedback
from meetingdesk.library.from_meeting import cases_from_item, draft_from_item, item_result_summary
from meetingdesk.library.rules import RuleInput, create_rule, get_rule, set_rule_status
from meetingdesk.search.query import SearchFilters, search
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.core.library_support import MEMBER, PRESIDER, SECRETARY, add_discussed_item, add_report

CASE = CaseInput(
    title="被告人某甲盗窃案",
    keywords=("刑事", "盗窃", "入户"),
    key_points="入户盗窃的，不论数额大小，均构成盗窃罪。",
    articles="刑法第二百六十四条",
    facts="某甲撬锁入户，窃得现金五百元。",
    result="某甲犯盗窃罪，判处拘役四个月。",
    reasoning="入户盗窃侵犯住宅安宁。",
    case_numbers=("(2025)京01刑终9号",),
    court="北京市第一中级人民法院",
    decided_on="2025-09-01",
    cause="盗窃罪",
)


def test_every_field_is_kept_and_the_case_number_normalised(desk: Desk) -> None:
    case = get_case(desk, create_case(desk, SECRETARY, CASE))
    assert case.keywords == ("刑事", "盗窃", "入户") and case.key_points.startswith("入户盗窃")
    assert case.case_numbers == ("（2025）京01刑终9号",) and case.case_number == "（2025）京01刑终9号"
    assert case.category_label == "参考性案例" and case.tier == 3 and case.status_label == "草稿"
    assert case.charges == ("盗窃罪",)


def test_validation_names_the_field(desk: Desk) -> None:
    with pytest.raises(ValidationError) as err:
        create_case(desk, SECRETARY, CaseInput(title=" "))
    assert err.value.field == "title"
    with pytest.raises(ValidationError, match="最多 7 个") as err:
        create_case(desk, SECRETARY, CaseInput(title="案", keywords=tuple("一二三四五六七八")))
    assert err.value.field == "keywords"
    with pytest.raises(ValidationError, match="不是有效日期"):
        create_case(desk, SECRETARY, CaseInput(title="案", decided_on="2025-02-30"))
    create_case(desk, SECRETARY, CASE)
    with pytest.raises(ConflictError, match="相同内容"):
        create_case(desk, SECRETARY, CASE)


def test_status_workflow_draft_review_publish(desk: Desk) -> None:
    case_id = create_case(desk, SECRETARY, CASE)
    with pytest.raises(StateError, match="不能改为"):
        set_case_status(desk, SECRETARY, case_id, "published")  # 草稿 cannot skip 审核
    set_case_status(desk, SECRETARY, case_id, "review")
    with pytest.raises(PermissionDeniedError, match="审核发布"):
        set_case_status(desk, SECRETARY, case_id, "published")
    set_case_status(desk, PRESIDER, case_id, "published")
    assert get_case(desk, case_id).status == "published"
    assert [h.title for h in search(desk, MEMBER, "入户").hits] == ["被告人某甲盗窃案"]  # now members see it
    with pytest.raises(StateError, match="撤回"):
        update_case(desk, SECRETARY, case_id, CASE)
    assert [c.id for c in list_cases(desk, status="published")] == [case_id]
    actions = [r["action"] for r in desk.query("SELECT action FROM audit_log WHERE entity = 'library_cases'")]
    assert actions == ["library.case.create", "library.case.review", "library.case.published"]


def test_members_and_viewers_cannot_edit_the_library(desk: Desk) -> None:
    with pytest.raises(PermissionDeniedError, match="参考案例库"):
        create_case(desk, MEMBER, CASE)


def test_draft_from_a_discussed_item_carries_the_report_and_the_computed_result(desk: Desk) -> None:
    report_id = add_report(desk)
    item_id = add_discussed_item(desk, report_id)
    assert item_result_summary(desk, item_id).startswith("多数意见（2人）：同意合议庭多数意见")
    assert cases_from_item(desk, item_id) == []
    case = get_case(desk, draft_from_item(desk, SECRETARY, item_id))
    assert cases_from_item(desk, item_id) == [case.id]  # the follow-up panel asks before a second draft
    assert case.title == "被告人李某盗窃案"
    assert case.facts.startswith("被告人翻墙入户") and case.case_numbers == ("（2026）京0108刑初1号",)
    assert case.agenda_item_id == item_id and case.meeting_id is not None and case.source == "meeting"
    assert "参考意见" in case.reasoning and "多数意见（2人）" in case.reasoning and "少数意见" in case.reasoning
    assert "争议焦点：入户盗窃数额较小时" in case.notes
    assert case.status == "draft" and case.charges == ("盗窃罪",) and case.court == "北京市海淀区人民法院"
    hit = search(desk, SYSTEM, "翻墙").hits[0]
    assert hit.source == "参考性案例·本院专业法官会议"


def test_no_draft_before_the_item_is_discussed(desk: Desk) -> None:
    item_id = add_discussed_item(desk, add_report(desk))
    with desk.write(SYSTEM, "test") as tx:
        tx.update("agenda_items", {"id": item_id}, {"status": "pending"})
    with pytest.raises(StateError, match="尚未讨论"):
        draft_from_item(desk, SECRETARY, item_id)


def test_rules_have_sources_scope_and_status_and_are_searchable(desk: Desk) -> None:
    item_id = add_discussed_item(desk, add_report(desk))
    with pytest.raises(ValidationError, match="来源"):
        create_rule(desk, SECRETARY, RuleInput(title="入户盗窃的认定", statement="入户盗窃不以数额较大为要件。"))
    rule_id = create_rule(
        desk,
        SECRETARY,
        RuleInput(
            title="入户盗窃的认定", statement="入户盗窃不以数额较大为要件。", cause="盗窃罪", item_ids=(item_id,)
        ),
    )
    rule = get_rule(desk, rule_id)
    assert rule.item_ids == (item_id,) and rule.status == "draft"
    hits = search(desk, SYSTEM, "数额较大", filters=SearchFilters(kinds=("rule",))).hits
    assert [(h.kind, h.title, h.category_label) for h in hits] == [("rule", "入户盗窃的认定", "裁判规则")]
    set_rule_status(desk, SECRETARY, rule_id, "review")
    set_rule_status(desk, PRESIDER, rule_id, "published")
    assert get_rule(desk, rule_id).status_label == "发布"


def test_feedback_is_stored_per_hit(desk: Desk) -> None:
    case_id = create_case(desk, SECRETARY, CASE)
    report_id = add_report(desk)
    record_feedback(desk, MEMBER, case_id, True, report_id=report_id)
    record_feedback(desk, MEMBER, case_id, False, query="入户")
    got = feedback_for(desk, case_id=case_id)
    assert [(f.relevant, f.query, f.report_id, f.username) for f in got] == [
        (True, "", report_id, "chengyuan"),
        (False, "入户", None, "chengyuan"),
    ]
