"""Similar-case search for a case report, grouped by authority tier, and the 类案检索报告 draft."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from meetingdesk.errors import StateError, ValidationError
from meetingdesk.library.search_report import conclude, create_search_report, get_search_report, update_row
from meetingdesk.search.query import SearchFilters
from meetingdesk.search.similar import (
    PendingCase,
    describe_terms,
    facts_band,
    keyword_terms,
    result_keywords,
    similar_cases,
    similar_for_report,
)
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.core.library_support import add_report, library

__all__ = ["library"]


def test_a_burglary_report_finds_the_burglary_cases_first_grouped_by_tier(library: Desk) -> None:
    report_id = add_report(library)
    results = similar_for_report(library, SYSTEM, report_id, limit=5)
    assert results.charges == ("盗窃罪",)
    top = [h.hit.title for h in results.hits[:3]]
    assert set(top) == {"张某盗窃一案", "王某盗窃一案", "被告人钱某入户盗窃案"}
    assert results.hits[0].hit.title == "张某盗窃一案"  # same facts: 翻墙入户、现金和手机、主动投案
    assert results.hits[0].shared_charges == ("盗窃罪",)
    groups = results.by_tier()
    assert list(groups) == sorted(groups) and groups[1][0].hit.title == "被告人钱某入户盗窃案"
    assert "入户" in results.terms


def test_the_charge_is_a_strong_signal_but_the_facts_still_count(library: Desk) -> None:
    facts = "被告人持木棍殴打被害人头部，致其轻伤一级。"
    as_theft = similar_cases(library, SYSTEM, PendingCase(facts=facts, cause="盗窃罪"), limit=3)
    as_injury = similar_cases(library, SYSTEM, PendingCase(facts=facts, cause="故意伤害罪"), limit=3)
    assert as_injury.hits[0].hit.title == "刘某故意伤害一案"
    assert as_injury.hits[0].score > as_theft.hits[0].score or as_theft.hits[0].hit.title != "刘某故意伤害一案"
    assert all(h.shared_charges == () for h in as_theft.hits if h.hit.title == "刘某故意伤害一案")


def test_recent_decisions_are_preferred_except_for_guiding_cases(library: Desk) -> None:
    case = PendingCase(facts="被告人多次扒窃、入户盗窃他人财物。", cause="盗窃罪")
    plain = {h.hit.title: h for h in similar_cases(library, SYSTEM, case, as_of=None).hits}
    recent = {h.hit.title: h for h in similar_cases(library, SYSTEM, case, as_of=date(2022, 12, 1)).hits}
    assert recent["张某盗窃一案"].recent and recent["张某盗窃一案"].score > plain["张某盗窃一案"].score
    assert not recent["王某盗窃一案"].recent  # 2019: more than three years before
    assert recent["被告人钱某入户盗窃案"].score == plain["被告人钱某入户盗窃案"].score  # guiding: no age bonus


def test_a_pool_restricts_the_ranking(library: Desk) -> None:
    ids = tuple(int(r["id"]) for r in library.query("SELECT id FROM library_cases WHERE title LIKE '%盗窃%'"))
    results = similar_cases(
        library, SYSTEM, PendingCase(facts="醉酒驾驶机动车", cause="危险驾驶罪"), filters=SearchFilters(case_ids=ids)
    )
    assert {h.hit.id for h in results.hits} <= set(ids)


def test_empty_facts_are_refused(library: Desk) -> None:
    with pytest.raises(ValidationError, match="基本案情"):
        similar_cases(library, SYSTEM, PendingCase(facts="  "))


def test_ticked_hits_make_a_search_report_draft(library: Desk) -> None:
    report_id = add_report(library)
    results = similar_for_report(library, SYSTEM, report_id)
    ticked = [h.hit.id for h in results.hits[:3]]
    sr_id = create_search_report(library, SYSTEM, report_id, ticked, results=results, articles=["刑法第二百六十四条"])
    sr = get_search_report(library, sr_id)
    assert sr.case_number == "（2026）京0108刑初1号" and sr.cause == "盗窃罪" and sr.judge == "承办法官甲"
    assert sr.issues == "入户盗窃数额较小时是否构成盗窃罪。"
    assert sr.methods == ("keyword", "case", "article") and sr.keywords[0] == "盗窃罪"
    assert [r.tier for r in sr.rows] == sorted(r.tier for r in sr.rows)
    guiding = sr.rows[0]
    assert guiding.tier == 1 and guiding.use == "follow" and guiding.key_points.startswith("入户盗窃")
    assert "盗窃罪" in sr.rows[1].similarity and sr.rows[1].court
    with pytest.raises(ValidationError, match="指导性案例应当参照"):
        update_row(library, SYSTEM, sr_id, 1, similarity="案情不同", use="not_follow")
    update_row(library, SYSTEM, sr_id, 2, similarity="均为入户盗窃", use="consult")
    conclude(library, SYSTEM, sr_id, "类案裁判尺度一致，未发现冲突。", has_conflict=False, final=True)
    final = get_search_report(library, sr_id)
    assert final.status == "final" and final.rows[1].similarity == "均为入户盗窃"
    with pytest.raises(StateError):
        conclude(library, SYSTEM, sr_id, "改", has_conflict=True)


def test_the_demo_library_answers_the_demo_reports(tmp_path: Path) -> None:
    from meetingdesk.demo import create_demo

    db = tmp_path / "demo.db"
    create_demo(db, today=date(2026, 11, 23))
    with Desk(db) as desk:
        report_id = int(desk.scalar("SELECT id FROM reports WHERE cause = '盗窃罪' ORDER BY id LIMIT 1"))
        results = similar_for_report(desk, SYSTEM, report_id, limit=6)
        groups = results.by_tier()
        assert groups[1][0].hit.title == "被告人甲某入户盗窃案"
        assert "被告人丙某盗窃案" in [h.hit.title for h in groups[3]]
        drafts = desk.query("SELECT title, status, tier FROM library_cases WHERE source = 'meeting'")
        assert drafts and drafts[0]["status"] == "draft" and drafts[0]["tier"] == 4
        assert desk.scalar("SELECT count(*) FROM library_rules") == 1


def test_keywords_leave_out_single_characters_stop_words_and_numbers(library: Desk) -> None:
    terms = ("周", "快递", "的", "分拣", "员", "托运", "2000", "万元", "职务侵占罪")
    assert keyword_terms(terms) == ["快递", "分拣", "托运", "职务侵占罪"]
    assert keyword_terms(terms, 2) == ["快递", "分拣"]
    assert describe_terms(terms) == "快递、分拣、托运、职务侵占罪"
    report_id = add_report(
        library, facts="被告人周某系物流公司分拣员，利用分拣托运物品之机窃取手机两部。", parties="周某"
    )
    results = similar_for_report(library, SYSTEM, report_id)
    assert any(len(t) == 1 for t in results.terms[:10])  # ranking uses them...
    sr_id = create_search_report(library, SYSTEM, report_id, [results.hits[0].hit.id], results=results)
    sr = get_search_report(library, sr_id)
    assert sr.keywords[0] == "盗窃罪" and len(sr.keywords) > 1
    assert all(len(k) >= 2 for k in sr.keywords), sr.keywords


BOILERPLATE = ("被告人", "被害人", "人民币", "行为", "构成", "利用", "物品", "便利", "事实", "证据", "经审理", "供述")


def test_keywords_leave_out_judgment_boilerplate_but_ranking_keeps_it(library: Desk) -> None:
    assert keyword_terms(("被告人", "分拣", "人民币", "行为", "托运", "构成", "利用", "物品")) == ["分拣", "托运"]
    assert keyword_terms(("一万元", "三年", "两千余", "上诉", "多次")) == ["多次"]  # numbers written in words too
    facts = (
        "经审理查明，被告人周某系物流公司分拣员，利用分拣托运物品的便利，窃取被害人托运的手机两部，"
        "价值人民币8000元。被告人供述与证据能相互印证，事实清楚。其行为构成盗窃罪。"
    )
    report_id = add_report(library, facts=facts, parties="周某")
    results = similar_for_report(library, SYSTEM, report_id)
    used = set(BOILERPLATE) & set(results.terms)
    assert {"被告人", "被害人", "人民币"} <= used  # ranking still weighs them (benchmarked that way)...
    shown = result_keywords(results, 12)
    assert not used & set(shown), shown  # ...but they are not shown or reported as keywords
    assert shown[0] == "盗窃罪" and shown.count("盗窃罪") == 1 and len(shown) > 1, shown
    sr = get_search_report(
        library, create_search_report(library, SYSTEM, report_id, [results.hits[0].hit.id], results=results)
    )
    assert not set(BOILERPLATE) & set(sr.keywords) and sr.keywords.count("盗窃罪") == 1, sr.keywords


def test_facts_scores_are_shown_as_bands_relative_to_the_best_hit(library: Desk) -> None:
    assert [facts_band(x) for x in (1.0, 0.6, 0.59, 0.3, 0.29, 0.02, 0.0)] == [
        "较高",
        "较高",
        "中等",
        "中等",
        "较低",
        "较低",
        "较低",
    ]
    report_id = add_report(library)
    results = similar_for_report(library, SYSTEM, report_id)
    low = next(h for h in results.hits if h.facts_score < 0.3)
    sr = get_search_report(library, create_search_report(library, SYSTEM, report_id, [low.hit.id], results=results))
    text = sr.rows[0].similarity  # written into the 类案检索报告: the band, and what the figure is relative to
    assert f"案情相似度较低（检索评分为本次检索最相似类案的{low.facts_score:.0%}）" in text, text


def test_the_pending_case_does_not_find_itself(library: Desk) -> None:
    """A reference case drafted from the report's own meeting item, or bearing its 案号, is the pending
    case itself: listing it as a 100% hit would also shrink every other hit's relative score."""
    from meetingdesk.library.cases import CaseInput, create_case
    from meetingdesk.library.from_meeting import draft_from_item

    from tests.core.library_support import add_discussed_item

    report_id = add_report(library)
    before = similar_for_report(library, SYSTEM, report_id)
    draft = draft_from_item(library, SYSTEM, add_discussed_item(library, report_id))
    same_number = create_case(
        library,
        SYSTEM,
        CaseInput(
            title="李某盗窃案（二审）",
            facts="被告人翻墙入户，盗窃被害人家中现金和手机，案发后主动投案。",
            case_numbers=("(2026)京0108刑初1号", "（2026）京01刑终9号"),  # half-width brackets: same 案号
            cause="盗窃罪",
        ),
    )
    pending = PendingCase(facts="被告人翻墙入户，盗窃被害人家中现金和手机，案发后主动投案。", cause="盗窃罪")
    unfiltered = similar_cases(library, SYSTEM, pending)
    assert {draft, same_number} <= {h.hit.id for h in unfiltered.hits[:2]}  # the same facts: top hits

    results = similar_for_report(library, SYSTEM, report_id)
    assert not {draft, same_number} & {h.hit.id for h in results.hits}
    assert [h.hit.id for h in results.hits] == [h.hit.id for h in before.hits]
    assert results.hits[0].facts_score == 1.0  # relative to the best *other* case


def test_the_search_report_header_can_be_corrected_until_final(library: Desk) -> None:
    from dataclasses import replace

    from meetingdesk.library.search_report import (
        SearchReportHeader,
        header_of,
        split_articles,
        split_keywords,
        update_header,
    )

    report_id = add_report(library)
    results = similar_for_report(library, SYSTEM, report_id)
    sr_id = create_search_report(library, SYSTEM, report_id, [results.hits[0].hit.id], results=results)
    assert split_keywords(" 盗窃罪、入户，现金, 盗窃罪；手机 ") == ["盗窃罪", "入户", "现金", "手机"]
    assert split_articles("《刑法》第二百六十四条；\n《刑法》第六十七条第一款、第三款") == [
        "《刑法》第二百六十四条",
        "《刑法》第六十七条第一款、第三款",
    ]
    day = (library.now() - timedelta(days=3)).date().isoformat()
    header = SearchReportHeader(
        searcher=" 刑一庭 张法官 ",
        searched_at=f"{day} 09:30",
        platform="中国裁判文书网、人民法院案例库",
        methods=("article", "keyword", "keyword"),
        keywords=("入户盗窃", " 现金 ", ""),
        articles=("《刑法》第二百六十四条",),
        issues="入户盗窃数额较小时是否构成盗窃罪。\n是否应当从轻处罚。",
    )
    assert update_header(library, SYSTEM, sr_id, header)
    sr = get_search_report(library, sr_id)
    assert header_of(sr) == SearchReportHeader(
        searcher="刑一庭 张法官",
        searched_at=f"{day}T09:30:00",
        platform="中国裁判文书网、人民法院案例库",
        methods=("keyword", "article"),  # in the paper's order, once each
        keywords=("入户盗窃", "现金"),
        articles=("《刑法》第二百六十四条",),
        issues="入户盗窃数额较小时是否构成盗窃罪。\n是否应当从轻处罚。",
    )
    [entry] = library.query("SELECT * FROM audit_log WHERE action = 'search_report.update_header'")
    assert entry["entity"] == "search_reports" and "刑一庭" in entry["after"]
    assert not update_header(library, SYSTEM, sr_id, header_of(sr))  # unchanged: nothing written
    assert library.scalar("SELECT count(*) FROM audit_log WHERE action = 'search_report.update_header'") == 1

    good = header_of(sr)
    for wrong, field in (
        (replace(good, searcher="  "), "searcher"),
        (replace(good, platform=""), "platform"),
        (replace(good, searched_at="上周"), "searched_at"),
        (replace(good, searched_at=(library.now() + timedelta(days=1)).date().isoformat()), "searched_at"),
        (replace(good, methods=()), "methods"),
        (replace(good, methods=("guess",)), "methods"),
        (replace(good, keywords=()), "keywords"),  # 关键词检索 without keywords
        (replace(good, methods=("article",), articles=()), "articles"),
        (replace(good, keywords=("字" * 201,)), "keywords"),
    ):
        with pytest.raises(ValidationError) as why:
            update_header(library, SYSTEM, sr_id, wrong)
        assert why.value.field == field
    assert header_of(get_search_report(library, sr_id)) == good

    conclude(library, SYSTEM, sr_id, "未发现冲突。", has_conflict=False, final=True)
    with pytest.raises(StateError, match="已定稿"):
        update_header(library, SYSTEM, sr_id, replace(good, searcher="别人"))


def test_attaching_again_replaces_the_attachment_made_from_the_same_search_report(
    library: Desk, tmp_path: Path
) -> None:
    from meetingdesk.library.search_report import attach_search_report
    from meetingdesk.services.attachments import add_attachment, list_attachments, remove_attachment

    report_id = add_report(library)
    with library.write(SYSTEM, "test.setup") as tx:
        tx.update("reports", {"id": report_id}, {"state": "submitted"})  # still editable
    results = similar_for_report(library, SYSTEM, report_id)
    first_sr = create_search_report(library, SYSTEM, report_id, [results.hits[0].hit.id], results=results)
    second_sr = create_search_report(library, SYSTEM, report_id, [results.hits[1].hit.id], results=results)
    own_file = tmp_path / "法官自行检索的类案检索报告.pdf"
    own_file.write_bytes(b"%PDF-1.4\n% the judge's own search report\n%%EOF\n")
    judges = add_attachment(library, SYSTEM, report_id, own_file, "search_report")

    first = attach_search_report(library, SYSTEM, first_sr)
    assert first.replaced is None and get_search_report(library, first_sr).attachment_id == first.attachment.id
    other = attach_search_report(library, SYSTEM, second_sr).attachment  # another search report: its own file
    update_row(
        library,
        SYSTEM,
        first_sr,
        1,
        similarity="补充了相似性分析",
        use=get_search_report(library, first_sr).rows[0].use,
    )
    again = attach_search_report(library, SYSTEM, first_sr)
    assert again.replaced == first.attachment and again.attachment.id != first.attachment.id
    assert get_search_report(library, first_sr).attachment_id == again.attachment.id
    assert [a.id for a in list_attachments(library, report_id)] == [judges.id, other.id, again.attachment.id]
    # one transaction: the old one's removal and the new one's registration are audited together
    actions = [
        (r["action"], r["entity"], r["before"] is None, r["after"] is None)
        for r in library.query("SELECT * FROM audit_log WHERE action = 'attachment.replace' ORDER BY id")
    ]
    assert ("attachment.replace", "attachments", False, True) in actions  # the old one deleted
    assert ("attachment.replace", "attachments", True, False) in actions  # the new one inserted
    assert sum(1 for a in actions if a[1] == "search_reports") >= 1  # attachment_id: released, then set

    # removed by hand meanwhile: attaching just adds it again
    remove_attachment(library, SYSTEM, again.attachment.id)
    assert get_search_report(library, first_sr).attachment_id is None
    fresh = attach_search_report(library, SYSTEM, first_sr)
    assert fresh.replaced is None
    assert [a.id for a in list_attachments(library, report_id)] == [judges.id, other.id, fresh.attachment.id]


def test_migration_4_adds_the_attachment_of_existing_search_reports_as_unknown(tmp_path: Path) -> None:
    import sqlite3

    from meetingdesk.storage.migrate import load_migrations, migrate

    conn = sqlite3.connect(tmp_path / "v3.db", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migs = load_migrations()
    assert [m.version for m in migs][:4] == [1, 2, 3, 4]
    migrate(conn, migs[:3])
    conn.execute("INSERT INTO bodies (name) VALUES ('刑事专业法官会议')")
    conn.execute("INSERT INTO judges (name) VALUES ('甲')")
    conn.execute(
        "INSERT INTO reports (case_number, body_id, reporting_judge_id, state, created_at, updated_at)"
        " VALUES ('（2026）京0108刑初1号', 1, 1, 'draft', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO search_reports (report_id, searched_at, created_at, updated_at) VALUES (1, 'x', 'x', 'x')"
    )
    migrate(conn, migs[:4])
    assert conn.execute("SELECT attachment_id FROM search_reports").fetchall() == [(None,)]
    fks = [r for r in conn.execute("PRAGMA foreign_key_list(search_reports)") if r[3] == "attachment_id"]
    assert [(r[2], r[6]) for r in fks] == [("attachments", "SET NULL")]
