"""The library's papers export end to end: a 类案检索报告 draft and a 参考性案例, read back from .docx and .pdf."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from meetingdesk.library.cases import set_case_status
from meetingdesk.library.from_meeting import draft_from_item
from meetingdesk.library.search_report import conclude, create_search_report
from meetingdesk.search.similar import similar_for_report
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.services.exports import export_document

from tests.core.library_support import SECRETARY, add_discussed_item, add_report, library

__all__ = ["library"]


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_search_report_and_reference_case_export(library: Desk, tmp_path: Path) -> None:
    report_id = add_report(library)
    results = similar_for_report(library, SYSTEM, report_id, limit=3)
    sr_id = create_search_report(library, SYSTEM, report_id, [h.hit.id for h in results.hits], results=results)
    conclude(library, SYSTEM, sr_id, "检索到的类案裁判尺度一致。", has_conflict=False)

    out = export_document(library, SECRETARY, "report-search", sr_id, "docx", tmp_path / "类案.docx")
    text = docx_text(out)
    assert "（2026）京0108刑初1号" in text and "承办法官甲" in text
    assert "（2021）京0108刑初123号" in text and "指导性案例" in text
    assert "检索到的类案裁判尺度一致。" in text
    pdf = pdf_text(export_document(library, SECRETARY, "report-search", sr_id, "pdf", tmp_path / "类案.pdf"))
    assert "入户盗窃" in pdf

    case_id = draft_from_item(library, SECRETARY, add_discussed_item(library, report_id))
    set_case_status(library, SECRETARY, case_id, "review")
    out = export_document(library, SECRETARY, "reference-case", case_id, "docx", tmp_path / "案例.docx")
    text = docx_text(out)
    assert "被告人李某盗窃案" in text and "被告人翻墙入户" in text and "参考意见" in text
