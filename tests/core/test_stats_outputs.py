"""Statistics leave the program intact: the CLI (text and JSON) and the .xlsx workbook read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from meetingdesk.cli import main
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.stats import Period, compute_statistics
from meetingdesk.stats.export import write_statistics_xlsx
from meetingdesk.tabular import Column, Table
from meetingdesk.xlsx_out import sheet_name, write_workbook

from tests.conftest import copy_demo


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return copy_demo(demo_template, tmp_path / "demo")


def test_cli_json_and_text(demo_db: Path, capsys: pytest.CaptureFixture[str], cli_as_demo_admin: None) -> None:
    assert main(["--db", str(demo_db), "stats", "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == {"kind": "year", "start": "2026-01-01", "end": "2026-12-31", "label": "2026年"}
    assert data["total"]["meetings_held"] == 8 and data["total"]["adoption"]["rate_with_partial"] == 0.625
    assert len(data["total"]["referrals"]["cases"]) == 2 and len(data["bodies"]) == 4
    assert sum(m["expected"] for m in data["members"]) == 66

    assert main(["--db", str(demo_db), "stats", "--year", "2026", "--body", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026年行政专业法官会议工作统计") and "流会：1" in out and "合计" not in out

    assert main(["--db", str(demo_db), "stats", "--from", "2026-09-01", "--to", "2026-09-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["items_discussed"] == 8


def test_cli_refuses_bad_periods_in_one_line(
    demo_db: Path, capsys: pytest.CaptureFixture[str], cli_as_demo_admin: None
) -> None:
    assert main(["--db", str(demo_db), "stats", "--from", "2026-09-01"]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "stats", "--quarter", "5"]) == 2
    assert "季度" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "stats", "--body", "99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "会议组" in err and "Traceback" not in err


def test_statistics_workbook_reads_back(demo_db: Path, tmp_path: Path) -> None:
    with Desk(demo_db) as desk:
        stats = compute_statistics(desk, SYSTEM, Period.year(2026))
    path = write_statistics_xlsx(stats, tmp_path / "统计.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["概况", "审委会", "成员"]
    ws = wb["概况"]
    assert ws["A1"].value == "2026年专业法官会议工作统计：概况"
    header = [c.value for c in ws[3]]
    assert header[:4] == ["会议组", "召开会议", "流会", "讨论议题"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, max_row=8, values_only=True)}
    total = rows["合计"]
    assert total[header.index("召开会议")] == 8 and total[header.index("未形成多数意见")] == 2
    assert total[header.index("采纳率（含部分采纳）")] == pytest.approx(0.625)
    assert ws.cell(row=8, column=header.index("采纳率") + 1).number_format == "0.0%"
    assert rows["行政专业法官会议"][header.index("流会")] == 1
    notes = [r[0] for r in ws.iter_rows(min_row=9, values_only=True) if r[0]]
    assert any("参考案例库" in n for n in notes)
    members = [r for r in wb["成员"].iter_rows(min_row=4, values_only=True) if isinstance(r[2], int)]
    assert len(members) == 31 and sum(m[2] for m in members) == 66
    referrals = list(wb["审委会"].iter_rows(min_row=4, max_row=5, values_only=True))
    assert {r[1] for r in referrals} == {"（2026）吉09刑终128号", "（2026）吉09民终271号"}


def test_workbook_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    table = Table("t", (Column("名称"), Column("数"), Column("日期", "date")), (("=1+1", 3, date(2026, 3, 5)),))
    path = write_workbook(tmp_path / "x.xlsx", [table], title_rows=False)
    ws = load_workbook(path).active
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].value == 3 and ws["C2"].value.date() == date(2026, 3, 5)


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c", taken) == "a_b_c"
    long = "很" * 40
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second
