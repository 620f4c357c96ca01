import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.domain.case_number import PROVINCES, InvalidCaseNumber, parse_case_number
from meetingdesk.domain.case_types import builtin_type_codes


def test_parses_the_canonical_example() -> None:
    cn = parse_case_number("（2019）吉01民终123号")
    assert (cn.year, cn.court, cn.special, cn.type_code, cn.seq) == (2019, "吉01", None, "民终", 123)
    assert str(cn) == "（2019）吉01民终123号"


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("(2019)吉01民终123号", "（2019）吉01民终123号"),
        (" （ 2020 ） 京0105 民初 45 号 ", "（2020）京0105民初45号"),
        ("〔2021〕沪74民终００７号", "（2021）沪74民终7号"),
        ("(2022)最高法知民终1号", "（2022）最高法知民终1号"),
        ("（2023）粤03执恢12", "（2023）粤03执恢12号"),
        ("（2024）新执9号", "（2024）新执9号"),
    ],
)
def test_normalises(text: str, normal: str) -> None:
    assert str(parse_case_number(text)) == normal


def test_special_tribunal_code() -> None:
    cn = parse_case_number("（2022）最高法知民终1号")
    assert cn.court == "最高法" and cn.special == "知" and cn.type_code == "民终"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "不能为空"),
        ("2019吉01民终123号", "括号"),
        ("（19）吉01民终123号", "四位"),
        ("（2019）X01民终123号", "法院代字"),
        ("（2019）吉012民终123号", "位数"),
        ("（2019）吉01民终号", "缺少案件编号"),
        ("（2019）吉01民终123号之一", "多出"),
        ("（2019）吉01民乙123号", "类型代字“民乙”"),
        ("（2014）长民二初字第123号", "旧式案号"),
        ("（2015）吉01民终1号", "早于2016"),
        ("（2019）吉01民终0号", "正整数"),
    ],
)
def test_errors_say_what_is_wrong(text: str, needle: str) -> None:
    with pytest.raises(InvalidCaseNumber) as err:
        parse_case_number(text)
    assert needle in str(err.value)
    assert isinstance(err.value, ValueError)


def test_max_year() -> None:
    with pytest.raises(InvalidCaseNumber, match="晚于"):
        parse_case_number("（2099）吉01民终1号", max_year=2027)


def test_legacy_mode_keeps_free_text() -> None:
    cn = parse_case_number("(2014) 长民二初字第123号", legacy=True)
    assert cn.legacy and cn.year == 2014 and cn.seq == 123
    assert str(cn) == "（2014）长民二初字第123号"


def test_type_codes_are_data_and_extendable() -> None:
    with pytest.raises(InvalidCaseNumber):
        parse_case_number("（2020）京01新型1号")
    cn = parse_case_number("（2020）京01新型1号", type_codes=builtin_type_codes() | {"新型"})
    assert cn.type_code == "新型"


courts = st.one_of(
    st.just("最高法"),
    st.builds(
        lambda p, d: p + d,
        st.sampled_from(PROVINCES),
        st.one_of(
            st.just(""),
            st.from_regex(r"[0-9]{2}", fullmatch=True),
            st.from_regex(r"[0-9]{4}", fullmatch=True),
        ),
    ),
)
valid_numbers = st.builds(
    lambda y, c, t, s: f"（{y}）{c}{t}{s}号",
    st.integers(2016, 2030),
    courts,
    st.sampled_from(sorted(builtin_type_codes())),
    st.integers(1, 999_999),
)


@given(valid_numbers)
def test_valid_numbers_round_trip(text: str) -> None:
    cn = parse_case_number(text)
    assert str(cn) == text
    assert parse_case_number(str(cn)) == cn
    half = text.replace("（", "(").replace("）", ")")
    assert parse_case_number(half) == cn


@given(st.text(max_size=40))
def test_any_text_either_parses_or_raises_invalid_case_number(text: str) -> None:
    for legacy in (False, True):
        try:
            cn = parse_case_number(text, legacy=legacy)
        except InvalidCaseNumber as exc:
            assert str(exc)
        else:
            assert str(parse_case_number(str(cn), legacy=legacy)) == str(cn)
