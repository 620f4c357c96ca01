from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.services import attachments, reports
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import atomic_write, atomic_write_bytes, sanitise_filename

from tests.core.factories import make_body, report_input


@given(st.text(max_size=300))
def test_sanitised_names_are_plain_file_names(name: str) -> None:
    clean = sanitise_filename(name)
    assert clean and "/" not in clean and "\\" not in clean and clean not in (".", "..")
    assert len(clean.encode("utf-8")) <= 200
    assert not any(ch in clean for ch in '<>:"|?*\x00')


def test_reserved_and_traversal_names() -> None:
    assert sanitise_filename("../../etc/passwd") == "passwd"
    assert sanitise_filename("CON.txt").startswith("未命名")
    assert sanitise_filename("类案检索报告.docx") == "类案检索报告.docx"


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    atomic_write_bytes(target, b"old")

    def boom(fh: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temp file left


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(MeetingDeskError, match="无法在"):
        atomic_write_bytes(blocker / "sub" / "a.pdf", b"x")


def test_attachment_checks(desk: Desk, tmp_path: Path) -> None:
    body, judges = make_body(desk)
    r = reports.create_report(desk, SYSTEM, report_input(body.id, judges[0].id))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    for path, needle in ((empty, "空文件"), (fake, "不符"), (exe, "不支持")):
        with pytest.raises(ValidationError, match=needle):
            attachments.add_attachment(desk, SYSTEM, r.id, path)
    good = tmp_path / "../" / "报告.pdf"
    good.write_bytes(b"%PDF-1.7\n...\n%%EOF\n")
    att = attachments.add_attachment(desk, SYSTEM, r.id, good, "trial_report")
    stored = attachments.attachment_path(desk, SYSTEM, att.id)
    assert stored.read_bytes() == b"%PDF-1.7\n...\n%%EOF\n" and desk.data_dir in stored.parents
    assert att.filename == "报告.pdf" and len(att.sha256) == 64
    with pytest.raises(ValidationError):
        attachments.attachment_file(desk, "../../escape")
