"""Keyword search: syntax, weighted fields, filters, sorting, snippets, who sees drafts."""

from __future__ import annotations

import pytest

from meetingdesk.errors import ValidationError
from meetingdesk.library.cases import CaseInput, create_case
from meetingdesk.search.query import SearchFilters, search
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.core.library_support import MEMBER, library

__all__ = ["library"]


def titles(desk: Desk, query: str, **kw: object) -> list[str]:
    return [h.title for h in search(desk, SYSTEM, query, **kw).hits]  # type: ignore[arg-type]


def test_words_are_anded_and_or_not_work(library: Desk) -> None:
    assert set(titles(library, "盗窃")) == {"张某盗窃一案", "王某盗窃一案", "被告人钱某入户盗窃案"}
    assert set(titles(library, "盗窃 扒窃")) == {"王某盗窃一案"}
    assert set(titles(library, "扒窃 OR 醉酒")) == {"王某盗窃一案", "赵某危险驾驶一案"}
    assert set(titles(library, "盗窃 NOT 扒窃")) == {"张某盗窃一案", "被告人钱某入户盗窃案"}


def test_a_word_is_found_inside_longer_words(library: Desk) -> None:
    # "伤害" is indexed inside "故意伤害罪" as well.
    assert titles(library, "伤害") == ["刘某故意伤害一案"]


def test_phrases_and_field_prefixes_in_chinese(library: Desk) -> None:
    assert titles(library, '"入户盗窃"')[0] == "被告人钱某入户盗窃案"  # title and key points weigh more
    assert set(titles(library, "案由:诈骗")) == {"周某诈骗一案"}
    assert set(titles(library, "标题：危险驾驶")) == {"赵某危险驾驶一案"}  # full-width colon accepted
    assert titles(library, "法条:第二百六十四条") == ["被告人钱某入户盗窃案"]


def test_filters_by_tier_court_year_and_cause(library: Desk) -> None:
    assert titles(library, "盗窃", filters=SearchFilters(tiers=(1,))) == ["被告人钱某入户盗窃案"]
    assert titles(library, "", filters=SearchFilters(courts=("上海市黄浦区人民法院",))) == ["王某盗窃一案"]
    assert set(titles(library, "", filters=SearchFilters(year_from=2021, year_to=2022))) == {
        "张某盗窃一案",
        "赵某危险驾驶一案",
        "周某诈骗一案",
    }
    assert titles(library, "", filters=SearchFilters(causes=("贩卖毒品",))) == ["孙某贩卖毒品一案"]


def test_sort_by_date_newest_first(library: Desk) -> None:
    hits = search(library, SYSTEM, "盗窃", sort="date").hits
    assert [h.date for h in hits] == ["2021-06-18", "2019-10-09", "2015-08-01"]


def test_every_hit_shows_source_court_date_tier_and_a_highlighted_snippet(library: Desk) -> None:
    hit = search(library, SYSTEM, "扒窃").hits[0]
    assert hit.court == "上海市黄浦区人民法院" and hit.date == "2019-10-09"
    assert hit.tier == 5 and hit.tier_label == "其他裁判"
    assert hit.source == "裁判文书·导入自judgments.jsonl"
    assert hit.case_number == "（2019）沪0101刑初456号"
    assert "【扒窃】" in hit.snippet and "<b>扒窃</b>" in hit.snippet_html
    guiding = search(library, SYSTEM, "入户盗窃", filters=SearchFilters(tiers=(1,))).hits[0]
    assert guiding.source == "指导性案例·最高人民法院（指导性案例第900号）"
    assert guiding.tier_label == "指导性案例"


def test_drafts_are_visible_to_editors_only(library: Desk) -> None:
    create_case(library, SYSTEM, CaseInput(title="被告人某某抢夺案", facts="被告人骑摩托车抢夺路人挎包。"))
    assert titles(library, "抢夺") == ["被告人某某抢夺案"]
    assert search(library, MEMBER, "抢夺").hits == []
    assert titles(library, "抢夺", filters=SearchFilters(statuses=("published",))) == []


def test_bad_queries_and_arguments_give_clear_errors(library: Desk) -> None:
    with pytest.raises(ValidationError, match="排序"):
        search(library, SYSTEM, "盗窃", sort="size")
    with pytest.raises(ValidationError, match="至少"):
        search(library, SYSTEM, "盗窃", limit=0)
    assert search(library, SYSTEM, '"盗窃').total >= 0  # an unbalanced quote is forgiven, not a crash


def test_filter_lists_offer_what_the_library_holds(library: Desk) -> None:
    from meetingdesk.search.query import filter_choices

    choices = filter_choices(library)
    assert choices.causes[0] == "盗窃罪" and "走私、贩卖、运输、制造毒品罪" in choices.causes
    assert "上海市黄浦区人民法院" in choices.courts and choices.years[:2] == (2024, 2022)
    assert [t for t, _label in choices.tiers] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("(盗窃 OR 扒窃", "缺少右括号"),
        ("盗窃)", "多了一个右括号"),
        ("盗窃 AND", "“AND”后面缺少检索词"),
        ("OR 盗窃", "“OR”前面缺少检索词"),
        ("案由: 盗窃", "字段前缀“案由:”后面缺少检索词"),
        ("盗窃 案由：", "字段前缀“案由:”后面缺少检索词"),
    ],
)
def test_malformed_queries_say_what_is_wrong(library: Desk, query: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        search(library, SYSTEM, query)


def test_well_formed_queries_pass_the_syntax_check(library: Desk) -> None:
    for query in ["(盗窃 OR 扒窃) NOT 醉酒", '"盗窃 )"', "案由:盗窃", '"盗窃', "NOT 扒窃 盗窃", ""]:
        search(library, SYSTEM, query)
