"""The statistics report (.docx/.pdf) and the 汇编 (.docx), through the documents module, read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from meetingdesk.cli import main
from meetingdesk.errors import PermissionDeniedError, ValidationError
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import authenticate
from meetingdesk.stats import Period
from meetingdesk.stats.report import compiled_items, export_compilation, export_statistics_document

from tests.conftest import copy_demo


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return copy_demo(demo_template, tmp_path / "demo")


def docx_text(path: Path) -> tuple[str, list[list[list[str]]]]:
    doc = Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), tables


def test_statistics_report_docx(demo_db: Path, tmp_path: Path) -> None:
    with Desk(demo_db) as desk:
        path = export_statistics_document(desk, SYSTEM, Period.year(2026), tmp_path / "统计.docx")
    text, tables = docx_text(path)
    assert "2026年专业法官会议工作统计" in text and "内部资料" in text
    assert "共召开会议8次（另流会1次），讨论案件12件，其中形成多数意见10件、未形成多数意见2件" in text
    assert "采纳率（含部分采纳）62.5%；提交审判委员会2件。" in text
    assert "参考意见" in text  # never worded as a decision
    meetings, followup, referrals, members = tables
    assert meetings[0][:3] == ["会议组", "召开会议", "流会"]
    assert meetings[-1][:4] == ["合计", "8", "1", "12"]
    assert followup[-1][followup[0].index("采纳率（含部分采纳）")] == "62.5%"
    assert {r[1] for r in referrals[1:]} == {"（2026）吉09刑终128号", "（2026）吉09民终271号"}
    assert len(members) == 1 + 31


def test_statistics_report_pdf(demo_db: Path, tmp_path: Path) -> None:
    with Desk(demo_db) as desk:
        path = export_statistics_document(desk, SYSTEM, Period.quarter(2026, 3), tmp_path / "统计.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:  # poppler-utils: installed by scripts/bootstrap.sh test
        pytest.skip("pdftotext not installed")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # pdftotext breaks lines where the PDF does
    assert "2026年第三季度专业法官会议工作统计" in flat and "讨论案件8件" in flat


def test_compilation_lists_every_discussed_item(demo_db: Path, tmp_path: Path) -> None:
    with Desk(demo_db) as desk:
        items = compiled_items(desk, Period.year(2026))
        path = export_compilation(desk, SYSTEM, Period.year(2026), tmp_path / "汇编.docx")
        with pytest.raises(PermissionDeniedError):
            export_compilation(desk, authenticate(desk, "member", "demo1234"), Period.year(2026), tmp_path / "x.docx")
        with pytest.raises(ValidationError, match=r"\.docx"):
            export_compilation(desk, SYSTEM, Period.year(2026), tmp_path / "x.pdf")
    assert len(items) == 12 and sum(1 for i in items if i.referral) == 2
    text, _tables = docx_text(path)
    assert "2026年专业法官会议讨论意见汇编" in text and "收录2026年各专业法官会议讨论的案件12件" in text
    for item in items:
        assert item.case_number in text
    assert text.count("\n讨论结果：") == 12 and text.count("讨论结果：未形成多数意见") == 2
    assert "已提交审判委员会，审判委员会讨论结果：审判委员会讨论后决定按合议庭复议意见处理" in text
    assert "复议情况：尚未复议" in text
    # bodies are headings in their order
    assert text.index("刑事专业法官会议") < text.index("民事专业法官会议") < text.index("执行专业法官会议")


def test_empty_period_and_cli(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_as_demo_admin: None
) -> None:
    with Desk(demo_db) as desk:
        path = export_compilation(desk, SYSTEM, Period.month(2026, 1), tmp_path / "空.docx")
    assert "2026年1月没有已讨论的案件" in docx_text(path)[0]
    report, comp = tmp_path / "r.pdf", tmp_path / "c.docx"
    args = ["--db", str(demo_db), "stats", "--month", "9", "--year", "2026", "--report", str(report)]
    assert main([*args, "--compilation", str(comp)]) == 0
    out = capsys.readouterr().out
    assert f"已保存：{report}" in out and report.is_file() and comp.is_file()
    assert main(["--db", str(demo_db), "stats", "--report", str(tmp_path / "r.txt")]) == 2
    assert "可选：docx 或 pdf" in capsys.readouterr().err
