"""Bulk import: formats, duplicates, bad records with their line, all-or-nothing, progress and cancel."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from meetingdesk.errors import Cancelled, PermissionDeniedError
from meetingdesk.library.cases import get_case
from meetingdesk.library.importer import import_files
from meetingdesk.search.query import search
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.core.library_support import CASES, JUDGMENTS, MEMBER, import_corpus


def _count(desk: Desk) -> int:
    return int(desk.scalar("SELECT count(*) FROM library_cases"))


def test_lecard_records_become_published_judgments_with_court_number_date_and_charges(desk: Desk) -> None:
    report = import_files(desk, SYSTEM, [JUDGMENTS])
    assert len(report.imported) == 6 and not report.problems and not report.duplicates
    case = get_case(desk, report.location_ids["judgments.jsonl:1"])
    assert case.title == "张某盗窃一案"
    assert case.court == "北京市海淀区人民法院"
    assert case.case_numbers == ("（2021）京0108刑初123号",)
    assert case.decided_on == "2021-06-18"
    assert case.charges == ("盗窃罪",)
    assert case.category == "judgment" and case.tier == 5 and case.status == "published"
    assert case.source == "judgments.jsonl" and case.source_ref == "J1"
    drugs = get_case(desk, report.location_ids["judgments.jsonl:5"])
    assert drugs.charges == ("走私、贩卖、运输、制造毒品罪",)  # normalised to the official charge name


def test_our_json_format_keeps_the_spc_fields_and_tier(desk: Desk) -> None:
    report = import_files(desk, SYSTEM, [CASES])
    assert len(report.imported) == 2
    guiding = get_case(desk, report.location_ids["cases.json#1"])
    assert guiding.category == "guiding" and guiding.tier == 1 and guiding.issue_no == "指导性案例第900号"
    assert guiding.keywords == ("刑事", "盗窃", "入户盗窃", "从轻处罚")
    assert guiding.key_points.startswith("入户盗窃")


def test_duplicates_and_bad_records_are_reported_with_their_line_and_the_rest_imported(
    desk: Desk, tmp_path: Path
) -> None:
    import_corpus(desk)
    lines = JUDGMENTS.read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    new = json.loads(lines[0]) | {
        "id": "N1",
        "qw": "",
        "ajjbqk": "被告人甲某在超市盗窃白酒两瓶。",
        "ajName": "甲某盗窃案",
    }
    mixed.write_text(
        "\n".join(
            [
                lines[0],
                "{not json",
                json.dumps({"ajName": "只有标题"}, ensure_ascii=False),
                json.dumps(new, ensure_ascii=False),
                "[1, 2]",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    before = _count(desk)
    report = import_files(desk, SYSTEM, [mixed, tmp_path / "missing.jsonl"])
    assert [loc for loc, _ in report.duplicates] == ["mixed.jsonl:1"]
    problems = dict(report.problems)
    assert set(problems) == {"mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:5", "missing.jsonl"}
    assert "JSON" in problems["mixed.jsonl:2"] and "案情" in problems["mixed.jsonl:3"]
    assert len(report.imported) == 1 and _count(desk) == before + 1
    assert "导入 1 件" in report.summary()


def test_the_same_record_twice_in_one_batch_is_imported_once(desk: Desk, tmp_path: Path) -> None:
    line = JUDGMENTS.read_text(encoding="utf-8").splitlines()[0]
    twice = tmp_path / "twice.jsonl"
    twice.write_text(line + "\n" + line + "\n", encoding="utf-8")
    report = import_files(desk, SYSTEM, [twice])
    assert len(report.imported) == 1 and report.duplicates == [("twice.jsonl:2", "张某盗窃一案")]


def test_cancel_leaves_nothing_half_imported(desk: Desk) -> None:
    calls = []

    def cancel_midway() -> bool:
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(Cancelled):
        import_files(desk, SYSTEM, [JUDGMENTS], should_cancel=cancel_midway)
    assert _count(desk) == 0
    assert desk.scalar("SELECT count(*) FROM audit_log WHERE action = 'library.import'") == 0


def test_progress_runs_from_zero_to_one(desk: Desk) -> None:
    seen: list[float] = []
    import_files(desk, SYSTEM, [JUDGMENTS], progress=lambda f, _s="": seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_docx_with_spc_headings_is_split_into_fields(desk: Desk, tmp_path: Path) -> None:
    d = docx.Document()
    for text in (
        "被告人吴某非法拘禁案",
        "关键词：刑事 非法拘禁 索债",
        "裁判要点",
        "为索取合法债务非法扣押、拘禁他人的，以非法拘禁罪定罪处罚。",
        "基本案情",
        "吴某为索要欠款，将债务人关押于仓库两天。",
        "裁判结果",
        "被告人吴某犯非法拘禁罪，判处有期徒刑一年。",
    ):
        d.add_paragraph(text)
    path = tmp_path / "案例.docx"
    d.save(str(path))
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    report = import_files(desk, SYSTEM, [path, bad], category="reference")
    assert [loc for loc, _ in report.problems] == ["坏文件.docx"]
    case = get_case(desk, report.imported[0])
    assert case.title == "被告人吴某非法拘禁案"
    assert case.keywords == ("刑事", "非法拘禁", "索债")
    assert case.key_points.startswith("为索取合法债务")
    assert case.facts.startswith("吴某为索要欠款") and case.result.startswith("被告人吴某犯非法拘禁罪")
    assert case.charges == ("非法拘禁罪",)
    assert case.status == "draft"  # the court's own reference cases still go through 审核 → 发布


def test_imported_cases_are_searchable_at_once(desk: Desk) -> None:
    import_corpus(desk)
    hits = search(desk, SYSTEM, "醉酒").hits
    assert [h.title for h in hits] == ["赵某危险驾驶一案"]


def test_only_admin_and_secretary_may_import(desk: Desk) -> None:
    with pytest.raises(PermissionDeniedError, match="批量导入"):
        import_files(desk, MEMBER, [JUDGMENTS])


def test_bulk_import_logs_digests_that_still_prove_rows_unchanged(desk: Desk) -> None:
    """The log keeps an imported judgment's SHA-256, not a second copy of its text, and still catches tampering."""
    import sqlite3

    from meetingdesk.services.audit import DIGEST_KEY
    from meetingdesk.services.audit_verify import verify_audit

    report = import_files(desk, SYSTEM, [JUDGMENTS])
    case_id = report.location_ids["judgments.jsonl:1"]
    after = desk.scalar(
        "SELECT after FROM audit_log WHERE entity = 'library_cases' AND entity_id = ? ORDER BY id DESC LIMIT 1",
        (str(case_id),),
    )
    assert json.loads(after).keys() == {DIGEST_KEY}
    assert verify_audit(desk).ok
    raw = sqlite3.connect(desk.path)
    raw.execute("UPDATE library_cases SET court = '某法院' WHERE id = ?", (case_id,))
    raw.commit()
    raw.close()
    problems = verify_audit(desk).row_problems
    assert [(p.entity, p.entity_id, p.kind) for p in problems] == [("library_cases", str(case_id), "changed")]
