import itertools
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.domain.grades import GRADES, grade_rank
from meetingdesk.domain.speaking_order import Speaker, explain_order, speaking_order


def judge(key: str, grade: str, since: date, presider: bool = False) -> Speaker:
    return Speaker(key=key, name=key, grade=grade, promoted_on=since, is_presider=presider)


def test_rule_order() -> None:
    people = [
        judge("庭长", "三级高级法官", date(2015, 1, 1), presider=True),
        judge("老四级", "四级法官", date(2018, 1, 1)),
        judge("新四级", "四级法官", date(2022, 6, 1)),
        judge("一级", "一级法官", date(2020, 1, 1)),
        Speaker(key="invitee:1", name="助理", is_invitee=True),
        judge("高级", "四级高级法官", date(2019, 1, 1)),
    ]
    names = [s.name for s in speaking_order(people)]
    assert names == ["助理", "新四级", "老四级", "一级", "高级", "庭长"]
    lines = explain_order(speaking_order(people))
    assert lines[0].startswith("1. 助理（列席") and "主持人，最后发言" in lines[-1]


speakers = st.lists(
    st.builds(
        Speaker,
        key=st.uuids().map(str),
        name=st.text(min_size=1, max_size=3),
        grade=st.sampled_from(GRADES),
        promoted_on=st.dates(date(1995, 1, 1), date(2026, 12, 31)),
        is_presider=st.just(False),
        is_invitee=st.booleans(),
    ),
    max_size=25,
)


@given(speakers, st.booleans())
def test_order_properties(people: list[Speaker], with_presider: bool) -> None:
    if with_presider:
        people = [*people, Speaker("presider", "主持", "一级高级法官", date(2010, 1, 1), is_presider=True)]
    ordered = speaking_order(people)
    assert sorted(s.key for s in ordered) == sorted(s.key for s in people)
    kinds = [0 if s.is_invitee else 2 if s.is_presider else 1 for s in ordered]
    assert kinds == sorted(kinds)  # 列席 → members → presider
    members = [s for s in ordered if not s.is_invitee and not s.is_presider]
    for a, b in itertools.pairwise(members):
        ra, rb = grade_rank(a.grade or ""), grade_rank(b.grade or "")
        assert ra <= rb
        if ra == rb:
            assert a.promoted_on and b.promoted_on and a.promoted_on >= b.promoted_on
    assert speaking_order(reversed(people)) == ordered  # independent of input order
