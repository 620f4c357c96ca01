"""Layouts (compose), settings, Chinese wording helpers and 姓氏笔画 ordering."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.documents.blocks import Heading, Mark, Masthead, Note, Para, Table
from meetingdesk.documents.compose import advisory_of, compose
from meetingdesk.documents.settings import KEYS, DocumentSettings, settings_from_values
from meetingdesk.documents.specimens import ALL_SPECIMENS, specimen_minutes
from meetingdesk.documents.strokes import stroke_key, strokes
from meetingdesk.documents.text import cn_date, cn_datetime, cn_number, cn_span
from meetingdesk.errors import ValidationError

SETTINGS = DocumentSettings(court_name="示例市中级人民法院")


@pytest.mark.parametrize("kind", sorted(ALL_SPECIMENS))
def test_every_paper_says_the_outcome_is_advisory(kind: str) -> None:
    paper = compose(ALL_SPECIMENS[kind](), SETTINGS)
    notes = advisory_of(paper)
    assert notes, f"{kind} has no advisory statement"
    assert any("参考" in n for n in notes)
    assert "决定" not in paper.title


def test_internal_papers_carry_the_confidentiality_line_and_minutes_the_archive_note() -> None:
    minutes = compose(specimen_minutes(), SETTINGS)
    first = minutes.blocks[0]
    assert isinstance(first, Mark)
    assert (first.left, first.right) == ("内部资料 注意保密", "归入副卷")
    custom = compose(specimen_minutes(), DocumentSettings(confidentiality_line="机密★1年", archive_note=""))
    assert isinstance(custom.blocks[0], Mark) and custom.blocks[0].left == "机密★1年"


def test_minutes_list_opinions_in_the_given_speaking_order_with_stance_and_reasons() -> None:
    record = specimen_minutes(items=1, members=5)
    paper = compose(record, SETTINGS)
    lines = [b.text for b in paper.blocks if isinstance(b, Para) and b.spans[0].role == "label" and ". " in b.text]
    expected = [f"{o.order}. {o.name}（{o.role}）：" for o in record.items[0].opinions]
    assert [line.split("：")[0] + "：" for line in lines] == expected
    assert lines[0].startswith("1. 陈助理（列席）：其他意见。理由：")
    assert "讨论意见（参考意见）：" in paper.text()


def test_summary_has_the_red_mark_number_and_attendance_lists() -> None:
    paper = compose(ALL_SPECIMENS["summary"](), SETTINGS)
    assert any(isinstance(b, Masthead) and b.text == "刑事专业法官会议纪要" for b in paper.blocks)
    text = paper.text()
    assert "〔2026〕第3期" in text
    for label in ("出席：", "请假：", "列席："):
        assert label in text


def test_search_report_has_the_fields_of_the_spc_guidance() -> None:
    text = compose(ALL_SPECIMENS["report-search"](), SETTINGS).text()
    for field in (
        "待决案件案号",
        "检索主体",
        "检索时间",
        "检索平台",
        "检索方法",
        "争议焦点",
        "检索结论",
        "参照",
        "相似性分析",
    ):
        assert field in text


def test_reference_case_follows_the_guiding_case_layout() -> None:
    paper = compose(ALL_SPECIMENS["reference-case"](), SETTINGS)
    headings = [b.text for b in paper.blocks if isinstance(b, Heading)]
    assert headings[:6] == ["裁判要点", "相关法条", "基本案情", "裁判结果", "裁判理由", "案例信息"]
    assert "关键词" in paper.text()


def test_statistics_report_renders_tables_with_numeric_columns_right_aligned() -> None:
    paper = compose(ALL_SPECIMENS["table-report"](), SETTINGS)
    table = next(b for b in paper.blocks if isinstance(b, Table))
    assert [c.align for c in table.columns] == ["left", "right", "right", "right", "right"]
    assert any(isinstance(b, Note) for b in paper.blocks)


def test_table_rows_must_match_columns() -> None:
    from meetingdesk.documents.blocks import Column

    with pytest.raises(ValueError, match="列"):
        Table((Column("a"), Column("b")), (("only one",),))


# ---- wording


def test_dates_are_written_without_zero_padding() -> None:
    assert cn_date(date(2026, 3, 5)) == "2026年3月5日"
    assert cn_datetime(datetime(2026, 3, 5, 14, 30)) == "2026年3月5日（星期四）下午2:30"
    assert cn_span(datetime(2026, 3, 5, 9, 0), datetime(2026, 3, 5, 11, 5)) == "2026年3月5日上午9:00至上午11:05"


@pytest.mark.parametrize(("n", "words"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (36, "三十六")])
def test_chinese_numerals_for_headings(n: int, words: str) -> None:
    assert cn_number(n) == words


# ---- settings


def test_default_geometry_is_gb_t_9704() -> None:
    s = DocumentSettings()
    assert (s.type_width_mm, s.type_height_mm) == (156.0, 225.0)
    assert s.line_pitch_pt == pytest.approx(28.95)  # 22 lines in 225 mm, in whole twips
    assert 15.7 < s.char_pitch_pt < 15.9  # 28 characters in 156 mm


def test_settings_from_values_applies_known_keys() -> None:
    s = settings_from_values(
        {
            "documents.court_name": " 示例法院 ",
            "documents.fonts": {"body": "仿宋"},
            "documents.margins_mm": {"top": 30},
            "documents.page_numbers": "center",
            "documents.summary_number_format": "第{seq}期（{year}）",
            "other.key": 1,
        }
    )
    assert s.court_name == "示例法院"
    assert s.fonts.body == "仿宋" and s.fonts.heading1 == "黑体"
    assert s.margins.top == 30 and s.margins.left == 28
    assert s.summary_number(2026, 4) == "第4期（2026）"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("documents.fonts", {"bogus": "宋体"}),
        ("documents.margins_mm", {"top": 200}),
        ("documents.page_numbers", "left"),
        ("documents.summary_number_format", "第{n}期"),
        ("documents.lines_per_page", "22"),
        ("documents.signin_order", "age"),
    ],
)
def test_bad_settings_name_the_key_to_fix(key: str, value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        settings_from_values({key: value})
    assert info.value.field == key


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


@given(st.sampled_from(sorted(KEYS)), _json)
def test_any_json_value_gives_settings_or_a_validation_error(key: str, value: Any) -> None:
    try:
        settings_from_values({key: value})
    except ValidationError as exc:
        assert exc.field == key


# ---- 姓氏笔画


def test_stroke_counts_come_from_the_unihan_table() -> None:
    assert [strokes(c) for c in "丁王李张欧阳"] == [2, 4, 7, 7, 8, 6]
    assert strokes("\U0002a700") == 99  # outside GBK: sorts last


def test_names_sort_by_surname_strokes_then_the_next_characters() -> None:
    names = ["张三", "王五", "丁一", "欧阳明", "李四", "王二"]
    assert sorted(names, key=stroke_key) == [
        "丁一",
        "王二",
        "王五",
        "张三",
        "李四",
        "欧阳明",
    ]  # 张 and 李 both 7: then 三 (3) before 四 (5)
