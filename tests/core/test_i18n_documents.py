"""Official papers and stored data are Chinese whatever the interface language.

Each document is produced once in Chinese and once with the English interface; the two must read the
same. Data the program derives and stores (the demo's prose, adjournment reasons) must be Chinese too,
and an error raised while collecting a document speaks the interface language.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from meetingdesk.errors import NotFoundError
from meetingdesk.i18n import _, chinese, current_language, set_language
from meetingdesk.services.desk import Desk
from meetingdesk.services.exports import MEETING_KINDS, export_document
from meetingdesk.services.users import authenticate
from meetingdesk.stats import Period, compute_statistics
from meetingdesk.stats.export import write_statistics_xlsx
from meetingdesk.stats.report import export_compilation, export_statistics_document

from tests.conftest import copy_demo


@pytest.fixture
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    assert _("会议") == "Meetings"  # the shipped catalogue is in force
    yield
    set_language(before)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    desk = Desk(copy_demo(demo_template, tmp_path / "demo"))
    yield desk
    desk.close()


def docx_text(path: Path) -> list[str]:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _final_meeting(desk: Desk) -> int:
    row = desk.one("SELECT id FROM meetings WHERE minutes_state = 'final' ORDER BY id LIMIT 1")
    assert row is not None
    return int(row["id"])


def test_meeting_documents_read_the_same_in_both_interface_languages(demo: Desk, tmp_path: Path, english: None) -> None:
    secretary = authenticate(demo, "secretary", "demo1234")
    meeting = _final_meeting(demo)
    for kind in MEETING_KINDS:
        set_language("en")
        in_english = docx_text(export_document(demo, secretary, kind, meeting, "docx", tmp_path / f"{kind}-en"))
        set_language("zh_CN")
        in_chinese = docx_text(export_document(demo, secretary, kind, meeting, "docx", tmp_path / f"{kind}-zh"))
        assert in_english == in_chinese, kind
        if kind == "minutes":  # the explanations the domain words (quorum, result) are in Chinese too
            assert any("法定人数" in t for t in in_chinese) and any("多数意见" in t for t in in_chinese)


def test_statistics_files_read_the_same_in_both_interface_languages(demo: Desk, tmp_path: Path, english: None) -> None:
    secretary = authenticate(demo, "secretary", "demo1234")
    period = Period.year(2026)
    outputs: dict[str, tuple[list[str], list[list[object]], list[str]]] = {}
    for language in ("en", "zh_CN"):
        set_language(language)
        stats = compute_statistics(demo, secretary, period)  # the page computes in the interface language
        book = load_workbook(write_statistics_xlsx(stats, tmp_path / f"stats-{language}.xlsx"))
        cells = [[c.value for c in row] for ws in book.worksheets for row in ws.iter_rows()]
        report = docx_text(export_statistics_document(demo, secretary, period, tmp_path / f"report-{language}.docx"))
        compilation = docx_text(export_compilation(demo, secretary, period, tmp_path / f"comp-{language}.docx"))
        outputs[language] = (book.sheetnames, cells, report + compilation)
    assert outputs["en"] == outputs["zh_CN"]
    assert "合计" in str(outputs["zh_CN"][1]) and "Total" not in str(outputs["en"][1])


def test_an_error_while_collecting_a_document_speaks_the_interface_language(demo: Desk, english: None) -> None:
    secretary = authenticate(demo, "secretary", "demo1234")
    with pytest.raises(NotFoundError) as raised:
        export_document(demo, secretary, "minutes", 9999, "docx", Path("unused.docx"))
    assert "not found" in str(raised.value)
    with chinese():
        assert _("会议") == "会议"  # the Chinese block is per thread, and ends with the block
    assert _("会议") == "Meetings"


def test_the_demo_built_under_the_english_interface_stores_chinese(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    from meetingdesk.demo import create_demo

    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    built = tmp_path / "en" / "demo.db"
    create_demo(built, today=date(2026, 11, 23))

    def stored_texts(path: Path) -> set[str]:
        conn = sqlite3.connect(str(path))
        try:
            found: set[str] = set()
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'audit_log'"):
                for row in conn.execute(f'SELECT * FROM "{table}"'):
                    found.update(v for v in row if isinstance(v, str) and any("\u4e00" <= c <= "\u9fff" for c in v))
            return found
        finally:
            conn.close()

    assert stored_texts(built) == stored_texts(demo_template)
