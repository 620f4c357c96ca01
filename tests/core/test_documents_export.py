"""Collectors on a real database, the export service (permission, atomic write, audit) and the CLI."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from docx import Document

from meetingdesk.cli import main
from meetingdesk.documents.collect import collect_minutes, collect_signin, load_settings
from meetingdesk.domain.opinions import Opinion, compute_result
from meetingdesk.errors import Cancelled, MeetingDeskError, NotFoundError, PermissionDeniedError, ValidationError
from meetingdesk.services.actor import SYSTEM, Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.exports import (
    MEETING_KINDS,
    build_paper,
    export_document,
    save_document_settings,
    suggested_filename,
)

from tests.core.documents_fixture import SPEAKING_ORDER_ITEM1, MeetingIds, make_meeting

SECRETARY = Actor(user_id=None, username="sec", role="secretary", display_name="秘书")
MEMBER = Actor(user_id=None, username="m", role="member", display_name="成员")


@pytest.fixture
def meeting(desk: Desk) -> MeetingIds:
    return make_meeting(desk)


def test_minutes_follow_the_speaking_order_rule_not_the_recording_order(desk: Desk, meeting: MeetingIds) -> None:
    record = collect_minutes(desk, SECRETARY, meeting.meeting, load_settings(desk))
    first, second = record.items
    assert [o.name for o in first.opinions] == SPEAKING_ORDER_ITEM1
    assert first.opinions[0].role.startswith("列席") and first.opinions[0].is_invitee
    assert first.opinions[-1].role == "主持人"
    assert [o.name for o in second.opinions] == [n for n in SPEAKING_ORDER_ITEM1 if n != "李高级"]
    assert second.recused[0].name == "李高级" and "回避" in second.recused[0].note


def test_minutes_result_and_quorum_are_computed_by_the_domain_rules(desk: Desk, meeting: MeetingIds) -> None:
    record = collect_minutes(desk, SECRETARY, meeting.meeting, load_settings(desk))
    first, second = record.items
    ops = [
        Opinion(f"k{i}", o.name, stance, round=1)
        for i, (o, stance) in enumerate(
            zip(first.opinions[1:], ["majority", "other", "majority", "minority", "majority", "majority"], strict=True)
        )
    ]
    assert first.result_text == compute_result(ops, 6).summary()
    assert first.result_text.startswith("多数意见（4人）")
    assert record.quorum_text == "应到7人，实到6人，法定最低人数5人，已达到"
    assert second.quorum_text.startswith("应到7人，实到6人，回避1人")
    assert record.on_leave[0].name == "钱请假" and record.on_leave[0].note == "外出培训"
    assert record.invitees[0].name == "陈助理"
    assert record.present[0] == "王主持"  # presider first in name lists
    assert record.signatories[-1] == "陈助理"


def test_signin_sheet_order_follows_the_setting(desk: Desk, meeting: MeetingIds) -> None:
    sheet = collect_signin(desk, SECRETARY, meeting.meeting, load_settings(desk))
    assert [r.name for r in sheet.members][-1] == "王主持"  # speaking order: presider last
    assert sheet.members[0].name == "丁三级"
    assert "请假" in next(r.detail for r in sheet.members if r.name == "钱请假")
    save_document_settings(desk, SYSTEM, {"documents.signin_order": "strokes"})
    sheet = collect_signin(desk, SECRETARY, meeting.meeting, load_settings(desk))
    names = [r.name for r in sheet.members]
    assert names[0] == "丁三级" and names[1] == "王主持"  # 丁 2 strokes, 王 4
    assert sheet.order_label == "按姓氏笔画排列"


def test_summary_number_uses_the_courts_format(desk: Desk, meeting: MeetingIds) -> None:
    assert "〔2026〕第3期" in build_paper(desk, SECRETARY, "summary", meeting.meeting).text()
    save_document_settings(desk, SYSTEM, {"documents.summary_number_format": "{year}年第{seq}期"})
    assert "2026年第3期" in build_paper(desk, SECRETARY, "summary", meeting.meeting).text()


def test_unnumbered_summary_leaves_a_blank_for_the_number(desk: Desk) -> None:
    ids = make_meeting(desk, summary_seq=None)
    assert "〔2026〕第　期" in build_paper(desk, SECRETARY, "summary", ids.meeting).text()


def test_court_name_comes_from_the_court_setting(desk: Desk, meeting: MeetingIds) -> None:
    from meetingdesk.services.settings import set_setting

    set_setting(desk, SYSTEM, "court.name", "测试市中级人民法院")
    paper = build_paper(desk, SECRETARY, "notice", meeting.meeting)
    assert paper.author == "测试市中级人民法院"
    assert "测试市中级人民法院刑事专业法官会议" in paper.text()


@pytest.mark.parametrize("kind", MEETING_KINDS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_writes_the_file_and_audits_it(
    desk: Desk, meeting: MeetingIds, tmp_path: Path, kind: str, fmt: str
) -> None:
    seen: list[float] = []
    out = export_document(
        desk, SECRETARY, kind, meeting.meeting, fmt, tmp_path / f"{kind}", progress=lambda f, _s: seen.append(f)
    )
    assert out == tmp_path / f"{kind}.{fmt}"
    data = out.read_bytes()
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        assert "2026年第3次刑事专业法官会议" in text
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    note = desk.one("SELECT * FROM audit_log WHERE action LIKE 'document.export:%' ORDER BY id DESC")
    assert note is not None
    assert note["entity"] == "meeting" and note["entity_id"] == str(meeting.meeting)
    assert f'"kind":"{kind}"' in note["action"] and f'"format":"{fmt}"' in note["action"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_members_may_not_export_internal_papers(desk: Desk, meeting: MeetingIds, tmp_path: Path) -> None:
    from meetingdesk.services.settings import set_setting

    set_setting(desk, SYSTEM, "privacy.members_see_own_meetings_only", False)
    with pytest.raises(PermissionDeniedError, match="内部资料"):
        export_document(desk, MEMBER, "minutes", meeting.meeting, "pdf", tmp_path / "m.pdf")
    assert export_document(desk, MEMBER, "notice", meeting.meeting, "pdf", tmp_path / "n.pdf").exists()
    assert not (tmp_path / "m.pdf").exists()


def test_members_see_only_their_own_meetings(desk: Desk, meeting: MeetingIds, tmp_path: Path) -> None:
    outsider = Actor(user_id=None, username="x", role="member", judge_id=9999)
    with pytest.raises(PermissionDeniedError, match="参会人员"):
        export_document(desk, outsider, "notice", meeting.meeting, "docx", tmp_path / "n.docx")
    insider = Actor(user_id=None, username="d", role="member", judge_id=meeting.judges["丁三级"])
    assert export_document(desk, insider, "notice", meeting.meeting, "docx", tmp_path / "n.docx").exists()


def test_bad_requests_get_clear_messages(desk: Desk, meeting: MeetingIds, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="文书类型"):
        export_document(desk, SECRETARY, "letter", meeting.meeting, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="docx（Word）或 pdf"):
        export_document(desk, SECRETARY, "notice", meeting.meeting, "odt", tmp_path / "x.odt")
    with pytest.raises(ValidationError, match="扩展名"):
        export_document(desk, SECRETARY, "notice", meeting.meeting, "pdf", tmp_path / "x.docx")
    with pytest.raises(NotFoundError, match="会议"):
        export_document(desk, SECRETARY, "notice", 999, "pdf", tmp_path / "x.pdf")
    with pytest.raises(MeetingDeskError, match="案例库"):
        export_document(desk, SECRETARY, "report-search", 1, "pdf", tmp_path / "x.pdf")


def test_locked_target_keeps_the_old_file_and_leaves_no_temp_file(
    desk: Desk, meeting: MeetingIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "minutes.docx"
    target.write_bytes(b"old")

    def locked(_src: object, _dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(MeetingDeskError, match="正在 Word/WPS 中打开"):
        export_document(desk, SECRETARY, "minutes", meeting.meeting, "docx", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["minutes.docx"]
    assert desk.one("SELECT 1 FROM audit_log WHERE action LIKE 'document.export:%'") is None


def test_cancel_writes_nothing(desk: Desk, meeting: MeetingIds, tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        export_document(
            desk, SECRETARY, "minutes", meeting.meeting, "pdf", tmp_path / "out" / "m.pdf", should_cancel=lambda: True
        )
    assert not (tmp_path / "out").exists()


def test_suggested_filename_is_safe(desk: Desk, meeting: MeetingIds) -> None:
    assert (
        suggested_filename(desk, SECRETARY, "minutes", meeting.meeting, "docx")
        == "2026年第3次刑事专业法官会议记录.docx"
    )


def test_document_settings_need_permission_and_valid_values(desk: Desk) -> None:
    with pytest.raises(PermissionDeniedError):
        save_document_settings(desk, SECRETARY, {"documents.court_name": "x"})
    with pytest.raises(ValidationError, match="未知的文书设置"):
        save_document_settings(desk, SYSTEM, {"documents.colour": "red"})
    with pytest.raises(ValidationError):
        save_document_settings(desk, SYSTEM, {"documents.margins_mm": {"top": 1}})
    s = save_document_settings(desk, SYSTEM, {"documents.court_name": "甲法院", "documents.margins_mm": {"top": 35}})
    assert s.court_name == "甲法院" and s.margins.top == 35
    assert load_settings(desk).margins.top == 35
    save_document_settings(desk, SYSTEM, {"documents.court_name": "乙法院"})
    assert load_settings(desk).court_name == "乙法院" and load_settings(desk).margins.top == 35


def test_cli_exports_and_reports_errors_in_one_line(
    desk: Desk,
    meeting: MeetingIds,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from meetingdesk.services.users import create_user

    create_user(desk, SYSTEM, "secretary", "secretary-pass", "secretary")  # the CLI acts as a named user
    monkeypatch.setenv("MEETINGDESK_USER", "secretary")
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "secretary-pass")
    db = str(desk.path)
    out = tmp_path / "记录.pdf"
    assert (
        main(["--db", db, "export", "minutes", "--meeting", str(meeting.meeting), "--format", "pdf", "--out", str(out)])
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert "已导出会议记录" in capsys.readouterr().out
    code = main(
        ["--db", db, "export", "minutes", "--meeting", "999", "--format", "docx", "--out", str(tmp_path / "x.docx")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "错误：找不到会议（编号999）" in err and "Traceback" not in err
    code = main(
        ["--db", db, "export", "reference-case", "--id", "1", "--format", "docx", "--out", str(tmp_path / "c.docx")]
    )
    assert code == 2 and "案例库" in capsys.readouterr().err
