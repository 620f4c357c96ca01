"""The open export (JSON + attachments) and the every-table workbook, with round trips back into a database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from meetingdesk.cli import main
from meetingdesk.errors import Cancelled, PermissionDeniedError, ValidationError
from meetingdesk.exchange.database_tables import data_tables, rows_of
from meetingdesk.exchange.open_export import export_all, restore_open_export
from meetingdesk.exchange.tables_xlsx import export_tables_xlsx
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.audit import verify_chain
from meetingdesk.services.checks import run_checks
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import authenticate

from tests.conftest import copy_demo


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    return copy_demo(demo_template, tmp_path / "src")


def everything(desk: Desk) -> dict[str, list[tuple[Any, ...]]]:
    return {t.name: list(rows_of(desk.conn, t)) for t in data_tables(desk.conn)}


def test_export_all_restores_to_an_identical_database(demo_path: Path, tmp_path: Path) -> None:
    with Desk(demo_path) as desk:
        before = everything(desk)
        summary = export_all(desk, SYSTEM, tmp_path / "export")
        assert summary.tables == len(before) and summary.rows == sum(len(r) for r in before.values())
        assert summary.attachments == 19 and not summary.missing_attachments
        # the export itself is recorded in the audit trail
        last = desk.one("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
        assert last is not None and last["action"].startswith("data.export_all:")

    folder = tmp_path / "export"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "meetingdesk-open-export" and manifest["schema_version"] >= 1
    judges = json.loads((folder / "tables" / "judges.json").read_text(encoding="utf-8"))
    assert {"id", "name", "grade", "grade_since"} <= set(judges[0]) and len(judges) == len(before["judges"])
    stored = {a["stored_name"] for a in json.loads((folder / "tables/attachments.json").read_text(encoding="utf-8"))}
    assert all((folder / "attachments" / s).is_file() for s in stored)

    restored = restore_open_export(folder, tmp_path / "new" / "court.db")
    with Desk(restored) as desk:
        assert everything(desk) == before
        assert verify_chain(desk.conn).ok
        assert all(f.ok for f in run_checks(desk)), [f.message for f in run_checks(desk) if not f.ok]
        assert authenticate(desk, "secretary", "demo1234").role == "secretary"


def test_export_refuses_to_overwrite_and_leaves_nothing_on_cancel(demo_path: Path, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x", encoding="utf-8")
    calls: list[int] = []

    def cancel_later() -> bool:
        calls.append(1)
        return len(calls) > 5

    with Desk(demo_path) as desk:
        with pytest.raises(ValidationError, match="不是空文件夹"):
            export_all(desk, SYSTEM, busy)
        with pytest.raises(Cancelled):
            export_all(desk, SYSTEM, tmp_path / "out", should_cancel=cancel_later)
        with pytest.raises(PermissionDeniedError):
            export_all(desk, authenticate(desk, "secretary", "demo1234"), tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "src"]
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


def test_restore_refuses_a_tampered_export_or_an_existing_database(demo_path: Path, tmp_path: Path) -> None:
    with Desk(demo_path) as desk:
        export_all(desk, SYSTEM, tmp_path / "export")
    with pytest.raises(ValidationError, match="已存在"):
        restore_open_export(tmp_path / "export", demo_path)
    path = tmp_path / "export" / "tables" / "opinions.json"
    path.write_text(path.read_text(encoding="utf-8").replace("同意", "反对", 1), encoding="utf-8")
    with pytest.raises(ValidationError, match="校验值不符"):
        restore_open_export(tmp_path / "export", tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()
    with pytest.raises(ValidationError, match="不是 MeetingDesk 数据导出"):
        restore_open_export(tmp_path, tmp_path / "y.db")


def test_every_table_to_one_workbook(demo_path: Path, tmp_path: Path) -> None:
    with Desk(demo_path) as desk:
        before = everything(desk)
        path = export_tables_xlsx(desk, SYSTEM, tmp_path / "全部数据.xlsx")
        judge_cols = next(t for t in data_tables(desk.conn) if t.name == "judges").column_names
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["目录", *before]
    index = {r[0]: r[1] for r in wb["目录"].iter_rows(min_row=2, values_only=True) if r[1] is not None}
    assert index == {name: len(rows) for name, rows in before.items()}
    sheet = list(wb["judges"].iter_rows(values_only=True))
    assert sheet[0] == judge_cols
    # an empty text cell reads back as empty (None): Excel has no empty strings
    assert [tuple(r) for r in sheet[1:]] == [tuple(None if v == "" else v for v in r) for r in before["judges"]]


def test_cli_export_restore_and_roster(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_as_demo_admin: None
) -> None:
    assert main(["--db", str(demo_path), "export-all", "--out", str(tmp_path / "e")]) == 0
    assert "附件19个" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "r.db"), "restore-export", str(tmp_path / "e")]) == 0
    assert main(["--db", str(tmp_path / "r.db"), "check"]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_path), "export-all", "--out", str(tmp_path / "e")]) == 2
    assert "不是空文件夹" in capsys.readouterr().err

    roster = tmp_path / "名册.xlsx"
    assert main(["--db", str(demo_path), "roster", "export", str(roster)]) == 0
    fresh = tmp_path / "fresh.db"
    with Desk(fresh) as new:
        from meetingdesk.services.users import create_first_admin

        create_first_admin(new, "admin", "demo1234")  # the CLI acts as a named user
    assert main(["--db", str(fresh), "roster", "import", str(roster)]) == 0
    out = capsys.readouterr().out
    assert "以上为预览，未写入数据" in out and "新建" in out
    with Desk(fresh) as desk:
        assert desk.scalar("SELECT COUNT(*) FROM judges") == 0
    assert main(["--db", str(fresh), "roster", "import", str(roster), "--apply"]) == 0
    assert "新建会议组4个" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,法官等级\n甲,九级法官\n", encoding="utf-8")
    assert main(["--db", str(fresh), "roster", "import", str(bad), "--apply"]) == 1
    assert "错误：“bad”第2行：法官等级“九级法官”无效" in capsys.readouterr().out
    assert main(["roster", "template", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").is_file()


def test_every_table_is_documented(demo_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "data-format.md").read_text(encoding="utf-8")
    with Desk(demo_path) as desk:
        tables = data_tables(desk.conn)
    missing = [f"{t.name}.{c}" for t in tables for c in ("", *t.column_names) if f"`{c or t.name}`" not in doc]
    assert not missing, f"docs/data-format.md does not describe: {missing}"
