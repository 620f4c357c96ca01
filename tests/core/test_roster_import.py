"""Roster import (.xlsx/.csv): preview with per-row errors, all-or-nothing apply, round trip with the export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from meetingdesk.errors import PermissionDeniedError, ValidationError
from meetingdesk.exchange import roster_import
from meetingdesk.exchange.roster_export import export_roster_xlsx, write_roster_template
from meetingdesk.exchange.roster_import import apply_roster_import, preview_roster_import
from meetingdesk.exchange.sheets import normalise_heading, parse_date, yes_no
from meetingdesk.services import roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.conftest import copy_demo
from tests.core.factories import make_body, make_users


def roster_snapshot(desk: Desk) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]], set[tuple[str, str, int]]]:
    judges = {
        (j.name, j.court, j.division, j.post, j.grade, j.grade_since, j.is_judge, j.active, j.phone, j.notes)
        for j in roster.list_judges(desk)
    }
    bodies = {
        (
            b.name,
            b.kind,
            b.specialty,
            b.division,
            b.quorum_numerator,
            b.quorum_denominator,
            b.quorum_minimum,
            b.deadline_working_days,
            b.secretary_name,
            b.contact_phone,
            b.active,
        )
        for b in roster.list_bodies(desk)
    }
    members = {
        (r["b"], r["j"], r["p"])
        for r in desk.query(
            "SELECT b.name AS b, j.name AS j, m.is_presider AS p FROM body_members m"
            " JOIN bodies b ON b.id = m.body_id JOIN judges j ON j.id = m.judge_id"
        )
    }
    return judges, bodies, members


def audit_count(desk: Desk) -> int:
    return int(desk.scalar("SELECT COUNT(*) FROM audit_log"))


def test_demo_roster_round_trips_through_xlsx(demo_template: Path, tmp_path: Path) -> None:
    demo = copy_demo(demo_template, tmp_path / "demo")
    with Desk(demo) as source:
        path = export_roster_xlsx(source, SYSTEM, tmp_path / "名册.xlsx")
        expected = roster_snapshot(source)
        # importing the export into the same database changes nothing
        same = preview_roster_import(source, SYSTEM, path)
        assert same.ok and same.count("unchanged") == len(same.members) + len(same.bodies)
        assert apply_roster_import(source, SYSTEM, path).judges_updated == 0
        assert roster_snapshot(source) == expected
    with Desk(tmp_path / "fresh.db") as fresh:
        preview = preview_roster_import(fresh, SYSTEM, path)
        assert preview.ok, preview.errors
        assert preview.count("create") == len(expected[0]) + len(expected[1])
        result = apply_roster_import(fresh, SYSTEM, path)
        assert (result.bodies_created, result.judges_created) == (4, len(expected[0]))
        assert result.memberships == len(expected[2])
        assert roster_snapshot(fresh) == expected


def test_csv_in_gbk_with_title_line_and_heading_variants(desk: Desk, tmp_path: Path) -> None:
    make_body(desk, 5, name="刑事专业法官会议")
    text = (
        "东江中院员额法官名册（2026年11月）\n"
        "序号,姓名 ,部门（庭室）,职务,法官等级,晋升时间（年月日）,是否员额法官,所属专业法官会议,是否主持人,手机\n"
        "1,王建国,刑事审判庭,庭长,四级高级法官,2019年12月1日,是,刑事专业法官会议,是,13900000000\n"
        "2,李晓明,刑事审判庭,审判员,一级法官,2021.6,,刑事专业法官会议、新设专业法官会议,否,\n"
        ",,,,,,,,,\n"
        "3,赵静,综合办公室,法官助理,,,否,,,\n"
    )
    path = tmp_path / "名册.csv"
    path.write_bytes(text.encode("gb18030"))
    preview = preview_roster_import(desk, SYSTEM, path)
    rows = {m.name: m for m in preview.members}
    assert [m.row for m in preview.members] == [3, 4, 6]  # as Excel numbers them; the blank line is skipped
    wang = rows["王建国"]
    assert wang.action == "create" and wang.presider and wang.bodies == ("刑事专业法官会议",)
    assert wang.judge is not None and wang.judge.grade_since == date(2019, 12, 1) and wang.judge.phone == "13900000000"
    assert wang.judge.division == "刑事审判庭" and wang.judge.is_judge
    li = rows["李晓明"]
    assert li.action == "error" and li.errors == (
        "会议组“新设专业法官会议”不存在：请核对名称，或在“会议组”工作表中一并导入。",
    )
    zhao = rows["赵静"]
    assert zhao.action == "create" and zhao.judge is not None and not zhao.judge.is_judge
    assert [str(p) for p in preview.errors] == ["“名册”第4行：" + li.errors[0]]
    assert not preview.warnings  # 序号 is known to be ignorable


def test_errors_are_per_row_and_nothing_is_half_imported(desk: Desk, tmp_path: Path) -> None:
    make_body(desk, 5, name="民事专业法官会议")
    before = roster_snapshot(desk), audit_count(desk)
    wb = Workbook()
    ws = wb.active
    ws.title = "成员"
    ws.append(["姓名", "法官等级", "晋升日期", "会议组", "主持人", "员额法官", "职称"])
    ws.append(["甲", "三级法官", date(2020, 1, 1), "民事专业法官会议", "是", None, "x"])  # fine
    ws.append(["乙", "九级法官", "2020-01-01", None, None, None, None])  # bad grade
    ws.append([None, "三级法官", "2020-01-01", None, None, None, None])  # no name
    ws.append(["丙", "三级法官", "去年", None, None, None, None])  # bad date
    ws.append(["丁", None, None, "民事专业法官会议", None, "否", None])  # non-judge on a body
    ws.append(["戊", "三级法官", "2020-01-01", None, "是", None, None])  # presider of nothing
    ws.append(["甲", "二级法官", "2021-01-01", None, None, None, None])  # same name twice
    ws.append(["己", "三级法官", "2020-01-01", None, "也许", None, None])  # not a yes/no
    bodies = wb.create_sheet("会议组")
    bodies.append(["会议组名称", "法定人数比例", "最低人数", "类型"])
    bodies.append(["行政专业法官会议", "三分之一", 5, "专业法官会议"])
    bodies.append(["执行专业法官会议", "一半多", "五", "委员会"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)

    preview = preview_roster_import(desk, SYSTEM, path)
    problems = {(p.sheet, p.row): p.message for p in preview.errors}
    assert set(problems) == {("成员", n) for n in (3, 4, 5, 6, 7, 8, 9)} | {("会议组", 3)}
    assert "法官等级“九级法官”无效" in problems[("成员", 3)]
    assert problems[("成员", 4)] == "请填写姓名。"
    assert "晋升日期“去年”无法识别" in problems[("成员", 5)]
    assert "不是员额法官" in problems[("成员", 6)]
    assert "未填写所属会议组" in problems[("成员", 7)]
    assert "与第2行重名" in problems[("成员", 8)]
    assert "应填“是”或“否”" in problems[("成员", 9)]
    (bad_body,) = (b for b in preview.bodies if b.errors)
    assert len(bad_body.errors) == 3  # kind, fraction, minimum all reported at once
    assert [str(w) for w in preview.warnings] == ["“成员”第1行：以下列未识别，将被忽略：职称"]
    assert preview.members[0].action == "create" and preview.bodies[0].action == "create"

    with pytest.raises(ValidationError, match="导入未进行，数据未作任何更改") as err:
        apply_roster_import(desk, SYSTEM, path)
    assert "等共10处问题" in str(err.value) and "。；" not in str(err.value)
    assert (roster_snapshot(desk), audit_count(desk)) == before


def test_failure_while_writing_rolls_everything_back(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_body(desk, 5, name="民事专业法官会议")
    before = roster_snapshot(desk), audit_count(desk)
    path = tmp_path / "名册.csv"
    path.write_text(
        "姓名,法官等级,晋升日期,会议组\n"
        "甲,三级法官,2020-01-01,民事专业法官会议\n"
        "乙,二级法官,2020-01-01,民事专业法官会议\n",
        encoding="utf-8",
    )
    calls = []
    real = roster.write_membership

    def flaky(*args: object, **kw: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(roster, "write_membership", flaky)
    with pytest.raises(OSError):
        apply_roster_import(desk, SYSTEM, path)
    assert (roster_snapshot(desk), audit_count(desk)) == before
    monkeypatch.setattr(roster, "write_membership", real)
    result = apply_roster_import(desk, SYSTEM, path)
    assert result.judges_created == 2 and result.memberships == 2
    assert len(roster.body_members(desk, roster.list_bodies(desk)[0].id)) == 7


def test_update_keeps_values_the_file_leaves_blank(desk: Desk, tmp_path: Path) -> None:
    _body, judges = make_body(desk, 5)
    j = judges[0]
    path = tmp_path / "x.csv"
    path.write_text(f"姓名,职务,联系电话\n{j.name},副庭长,0433-1\n", encoding="utf-8")
    preview = preview_roster_import(desk, SYSTEM, path)
    assert preview.members[0].action == "update"
    apply_roster_import(desk, SYSTEM, path)
    after = roster.get_judge(desk, j.id)
    assert (after.post, after.phone, after.grade, after.grade_since) == ("副庭长", "0433-1", j.grade, j.grade_since)


def test_unreadable_files_and_permissions(desk: Desk, tmp_path: Path) -> None:
    users = make_users(desk)
    ok = tmp_path / "ok.csv"
    ok.write_text("姓名\n甲\n", encoding="utf-8")
    with pytest.raises(PermissionDeniedError):
        preview_roster_import(desk, users["member"], ok)
    with pytest.raises(ValidationError, match=r"\.xls"):
        preview_roster_import(desk, SYSTEM, tmp_path / "old.xls")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match="另存为"):
        preview_roster_import(desk, SYSTEM, tmp_path / "old.xls")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(ValidationError, match="无法读取"):
        preview_roster_import(desk, SYSTEM, fake)
    other = tmp_path / "other.csv"
    other.write_text("案号,案由\n1,2\n", encoding="utf-8")
    preview = preview_roster_import(desk, SYSTEM, other)
    assert not preview.ok and "未找到表头" in str(preview.errors[0])


def test_template_has_the_documented_headings_and_imports_as_empty(desk: Desk, tmp_path: Path) -> None:
    path = write_roster_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["成员", "会议组", "说明"]
    assert [c.value for c in wb["成员"][1]][:6] == ["姓名", "所在法院", "部门", "职务", "法官等级", "晋升日期"]
    assert wb["会议组"]["A1"].value == "会议组名称"
    preview = preview_roster_import(desk, SYSTEM, path)
    assert [p.message for p in preview.errors] == ["文件中没有数据行。"]
    doc = (Path(__file__).parents[2] / "docs" / "roster-import.md").read_text(encoding="utf-8")
    for key, (headings, _req, _what) in roster_import.MEMBER_COLUMNS.items():
        assert headings[0] in doc, key
    for key, (headings, _req, _what) in roster_import.BODY_COLUMNS.items():
        assert headings[0] in doc, key


@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)), st.sampled_from(["iso", "slash", "dot", "cn", "compact"]))
def test_dates_in_the_forms_courts_type(day: date, form: str) -> None:
    shown = {
        "iso": day.isoformat(),
        "slash": f"{day.year}/{day.month}/{day.day}",
        "dot": f"{day.year}.{day.month}.{day.day}",
        "cn": f"{day.year}年{day.month}月{day.day}日",
        "compact": f"{day:%Y%m%d}",
    }[form]
    assert parse_date(shown) == day
    assert parse_date(f" {shown} ") == day


def test_value_parsers() -> None:
    assert parse_date(None) is None and parse_date("") is None
    assert parse_date("2019年12月") == date(2019, 12, 1)
    assert parse_date(43800) == date(2019, 12, 1)  # an Excel day number
    with pytest.raises(ValueError):
        parse_date("2019-13-01")
    assert yes_no("是") is True and yes_no(" 否 ") is False and yes_no("√") is True and yes_no("") is None
    assert normalise_heading(" 晋升日期（年月日）*") == "晋升日期"
    assert normalise_heading("姓\u3000名") == "姓名"
