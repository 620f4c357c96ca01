"""Segmentation, charge recognition and judgment parsing (with Hypothesis for the parsers)."""

from __future__ import annotations

import jieba
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.library.charges import case_charges, charges_in, convicted_charges, normalise_charge, parse_charges
from meetingdesk.library.records import chinese_date, header_facts
from meetingdesk.search.analysis import _segmenter, analyse, cut, index_terms

_HAN_TEXT = st.text(
    alphabet=st.sampled_from(list("被告人入户盗窃故意伤害罪醉酒驾驶机动车贩卖毒品甲基苯丙胺，。、 12abAB-.%")),
    max_size=60,
)


@given(_HAN_TEXT)
def test_fast_cut_gives_exactly_jiebas_words(text: str) -> None:
    ours = [w for w, _start in cut(text)]
    theirs = [w for w in _segmenter().cut(text, HMM=False) if jieba.re_han_default.fullmatch(w)]
    assert ours == theirs
    assert all(text[start : start + len(w)] == w for w, start in cut(text))


@given(_HAN_TEXT)
def test_index_terms_match_analyse_in_index_mode(text: str) -> None:
    assert [w for w, _sub in index_terms(text)] == [t.text for t in analyse(text, index_mode=True)]


def test_legal_dictionary_and_stop_words() -> None:
    words = [t.text for t in analyse("被告人酒后驾驶机动车，血液酒精含量达到醉酒标准，构成危险驾驶罪。")]
    assert "酒后驾驶" in words and "危险驾驶罪" in words and "血液酒精含量" in words
    assert "，" not in words and "的" not in words
    sub = [t.text for t in analyse("故意伤害罪", index_mode=True)]
    assert sub[0] == "故意伤害罪" and {"故意伤害", "伤害"} <= set(sub)


def test_charges_are_normalised_to_the_official_names() -> None:
    assert normalise_charge("贩卖毒品罪") == "走私、贩卖、运输、制造毒品罪"
    assert normalise_charge("非法持有枪支罪") == "非法持有、私藏枪支、弹药罪"
    assert normalise_charge("盗窃") == "盗窃罪"
    assert normalise_charge("受贿罪") == "受贿罪"  # an official name is never widened
    assert convicted_charges("一、被告人甲犯贩卖毒品罪，判处…；二、被告人乙犯容留他人吸毒罪，判处…") == [
        "走私、贩卖、运输、制造毒品罪",
        "容留他人吸毒罪",
    ]
    assert convicted_charges("驳回上诉，维持原判。犯罪事实清楚。") == []
    assert charges_in("刘某故意伤害、寻衅滋事一案") == ["故意伤害罪", "寻衅滋事罪"]
    assert parse_charges("盗窃罪、诈骗罪") == ["盗窃罪", "诈骗罪"]
    assert parse_charges("民间借贷纠纷") == ["民间借贷纠纷"]
    assert case_charges(cause="", result="", title="张某盗窃一案") == ["盗窃罪"]


@given(st.text(max_size=80))
def test_charge_parsers_never_fail(text: str) -> None:
    for name in parse_charges(text) + convicted_charges(text) + charges_in(text):
        assert name.strip() == name and name


def test_judgment_header_and_date() -> None:
    text = "江西省宜春市中级人民法院 刑事判决书 （2014）宜中刑一初字第11号 公诉机关…… 二〇一四年十二月十日 书记员"
    assert header_facts(text) == {
        "court": "江西省宜春市中级人民法院",
        "case_number": "（2014）宜中刑一初字第11号",
        "decided_on": "2014-12-10",
    }
    assert chinese_date("二〇一三年九月三十一日") is None  # no such day: dropped, not an error
    assert chinese_date("2019年3月5日") == "2019-03-05"


@given(st.text(max_size=200))
def test_header_parsing_never_fails(text: str) -> None:
    assert set(header_facts(text)) <= {"court", "case_number", "decided_on"}


def test_party_names_and_titles_follow_the_spc_layout() -> None:
    from meetingdesk.library.from_meeting import case_title, party_names

    assert party_names("上诉人（原审被告人）周某某；原公诉机关东江市江北区人民检察院") == ["周某某"]
    assert case_title("上诉人（原审被告人）周某某；原公诉机关某检察院", "盗窃罪", ["盗窃罪"]) == "被告人周某某盗窃案"
    assert (
        case_title("上诉人（原审原告）张三；被上诉人（原审被告）某银行", "民间借贷纠纷", ["民间借贷纠纷"])
        == "张三诉某银行民间借贷纠纷案"
    )


@given(st.text(max_size=60))
def test_party_parsing_never_fails(text: str) -> None:
    from meetingdesk.library.from_meeting import case_title, party_names

    assert all(n.strip() for n in party_names(text))
    assert case_title(text, "盗窃罪", ["盗窃罪"]).endswith("案")
