"""Hostile and broken input: a clear Chinese error, existing data untouched, no hang, no crash.

Covers what is on main: 案号 parsing, attachment intake (huge, empty, wrong type, corrupt, zip bombs,
hostile names) and the CLI's own arguments. Importers, templates and search syntax are listed as
pending in docs/reliability.md until their modules land.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.domain.case_number import PROVINCES, InvalidCaseNumber, parse_case_number
from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.services import attachments, reports
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

from tests.core.factories import make_body, report_input

FUZZ = settings(max_examples=300, deadline=None)

# ---- 案号

_case_alphabet = st.sampled_from(
    list("（）()〔〕[]【】0123456789０１２３４５６７８９号字第之一 民刑行执终初申再知" + PROVINCES[:8])
)


@FUZZ
@given(st.one_of(st.text(max_size=60), st.text(alphabet=_case_alphabet, max_size=30)))
def test_case_numbers_parse_or_say_why(text: str) -> None:
    try:
        cn = parse_case_number(text)
    except InvalidCaseNumber as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    again = parse_case_number(str(cn))  # the normalised form is itself valid and stable
    assert str(again) == str(cn) and again == cn


@FUZZ
@given(st.text(max_size=80))
def test_legacy_case_numbers_never_crash(text: str) -> None:
    try:
        cn = parse_case_number(text, legacy=True)
    except InvalidCaseNumber:
        return
    assert str(parse_case_number(str(cn), legacy=True)) == str(cn)


@pytest.mark.parametrize("junk", ["（" * 100_000, "(2019)" + "吉" * 100_000 + "民终1号", "1" * 200_000, "号" * 100_000])
def test_huge_case_numbers_are_refused_quickly(junk: str) -> None:
    started = time.monotonic()
    with pytest.raises(InvalidCaseNumber):
        parse_case_number(junk)
    assert time.monotonic() - started < 1.0


# ---- attachment intake


@pytest.fixture
def report_id(desk: Desk) -> int:
    body, judges = make_body(desk, 5)
    return reports.create_report(desk, SYSTEM, report_input(body.id, judges[0].id)).id


def _snapshot(desk: Desk) -> tuple[int, int, list[str]]:
    root = attachments.attachment_root(desk)
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return (
        int(desk.scalar("SELECT COUNT(*) FROM attachments")),
        int(desk.scalar("SELECT COUNT(*) FROM audit_log")),
        files,
    )


def _docx(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


GOOD_DOCX = _docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.pdf", b"", "空文件"),
        ("renamed.pdf", b"MZ\x90\x00 an exe", "不符"),
        ("cut-off.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n" * 50, "不完整"),
        ("corrupt.docx", b"PK\x03\x04" + b"\x00" * 200, "损坏"),
        ("not-word.docx", _docx({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "损坏"),
        ("cut.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "不完整"),
        ("virus.exe", b"MZ", "不支持"),
        ("noext", b"%PDF-1.4\n%%EOF", "不支持"),
        ("scan.jpg", b"GIF89a", "不符"),
    ],
)
def test_broken_attachments_are_refused_and_nothing_is_kept(
    desk: Desk, report_id: int, tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    before = _snapshot(desk)
    with pytest.raises(ValidationError, match=needle) as err:
        attachments.add_attachment(desk, SYSTEM, report_id, src)
    assert name in str(err.value) or "不支持" in str(err.value)
    assert _snapshot(desk) == before


def test_huge_attachments_are_refused_without_reading_them(desk: Desk, report_id: int, tmp_path: Path) -> None:
    src = tmp_path / "huge.pdf"
    with src.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(attachments.MAX_BYTES + 1)  # sparse: instant, no disk used
    before = _snapshot(desk)
    started = time.monotonic()
    with pytest.raises(ValidationError, match="超过50 MB"):
        attachments.add_attachment(desk, SYSTEM, report_id, src)
    assert time.monotonic() - started < 1.0 and _snapshot(desk) == before


def test_zip_bombs_are_refused_without_unpacking(
    desk: Desk, report_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "MAX_UNPACKED_BYTES", 8 * 1024 * 1024)  # scaled down from 1 GB to stay fast
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"<w:document/>")
        for i in range(3):
            zf.writestr(f"word/media/bomb{i}.bin", b"\x00" * (4 * 1024 * 1024))
    src = tmp_path / "bomb.docx"
    src.write_bytes(buf.getvalue())
    assert src.stat().st_size < attachments.MAX_BYTES
    started = time.monotonic()
    with pytest.raises(ValidationError, match="解压后过大"):
        attachments.add_attachment(desk, SYSTEM, report_id, src)
    assert time.monotonic() - started < 2.0


def test_special_files_are_not_read(desk: Desk, report_id: int, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)  # reading it would block for ever
    with pytest.raises(ValidationError, match="找不到文件"):
        attachments.add_attachment(desk, SYSTEM, report_id, fifo)
    with pytest.raises(ValidationError, match="找不到文件"):
        attachments.add_attachment(desk, SYSTEM, report_id, tmp_path)


HOSTILE_NAMES = st.one_of(
    st.text(min_size=1, max_size=120),
    st.sampled_from(
        [
            "../../../etc/passwd.pdf",
            "..\\..\\Windows\\system32.pdf",
            "/abs/path.pdf",
            "CON.pdf",
            "a" * 300 + ".pdf",
            "报告\x00.pdf",
            "nul.docx",
            ".pdf",
            "  .pdf",
        ]
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=HOSTILE_NAMES, body=st.binary(max_size=300), ext=st.sampled_from([".pdf", ".docx", ".txt", ".png", ".x"]))
def test_fuzzed_intake_stays_inside_the_data_folder(
    desk: Desk, report_id: int, tmp_path: Path, name: str, body: bytes, ext: str
) -> None:
    from meetingdesk.services.files import sanitise_filename

    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    safe_local = sanitise_filename(name, default="f")[:60] + ext  # what the OS would let the user pick
    src = folder / safe_local
    content = (b"%PDF-1.4\n" + body + b"\n%%EOF" if ext == ".pdf" else body) or b"x"
    src.write_bytes(content)
    before = _snapshot(desk)
    try:
        att = attachments.add_attachment(desk, SYSTEM, report_id, src)
    except MeetingDeskError as exc:
        assert str(exc)
        assert _snapshot(desk) == before
        return
    stored = attachments.attachment_path(desk, SYSTEM, att.id)
    root = desk.data_dir.resolve()
    assert root in stored.resolve().parents and stored.read_bytes() == content
    assert "/" not in att.filename and "\\" not in att.filename and att.filename not in (".", "..")


@FUZZ
@given(st.text(max_size=200))
def test_stored_names_from_the_database_cannot_escape(stored: str) -> None:
    from meetingdesk.services.desk import Desk as _D  # noqa: F401  (type only)

    class _Fake:
        data_dir = Path("/srv/md/court.files")

    try:
        path = attachments.attachment_file(_Fake(), stored)  # type: ignore[arg-type]
    except ValidationError:
        return
    assert Path("/srv/md/court.files/attachments").resolve() in path.parents


def test_an_attachment_changing_while_it_is_taken_in_is_stored_as_checked(
    desk: Desk, report_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored bytes are the hashed and checked bytes, even if the user's file changes meanwhile."""
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF-1.4\noriginal\n%%EOF\n")
    real_check = attachments.check_file

    def check_then_change(path: Path) -> tuple[str, str]:
        result = real_check(path)
        src.write_bytes(b"%PDF-1.4\nswapped after the check\n%%EOF\n")
        return result

    monkeypatch.setattr(attachments, "check_file", check_then_change)
    att = attachments.add_attachment(desk, SYSTEM, report_id, src)
    stored = attachments.attachment_path(desk, SYSTEM, att.id).read_bytes()
    import hashlib

    assert hashlib.sha256(stored).hexdigest() == att.sha256 and att.size == len(stored)


def test_a_good_docx_is_taken_in(desk: Desk, report_id: int, tmp_path: Path) -> None:
    src = tmp_path / "审理报告.docx"
    src.write_bytes(GOOD_DOCX)
    att = attachments.add_attachment(desk, SYSTEM, report_id, src, "trial_report")
    assert att.media_type.endswith("wordprocessingml.document")


# ---- the CLI's own arguments


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "show", "reports; DROP TABLE reports", "1"],
        ["audit", "show", "reports", "1' OR '1'='1"],
        ["restore", "/nonexistent/backup.zip", "--yes"],
        ["backup", "--out", "/"],
        ["backup", "--verify", "/etc/hostname"],
    ],
)
def test_hostile_cli_arguments_get_one_line(
    desk: Desk, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from meetingdesk.cli import main
    from meetingdesk.services.users import create_first_admin

    create_first_admin(desk, "admin", "admin-pass-1")
    desk.close()
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "admin-pass-1")
    code = main(["--db", str(desk.path), "--user", "admin", *args])
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err and "内部错误" not in err
    with Desk(desk.path) as again:
        assert again.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'reports'") == 1


# ---- roster import (.xlsx / .csv)


def _roster_state(desk: Desk) -> tuple[int, int, int, int]:
    return (
        int(desk.scalar("SELECT COUNT(*) FROM judges")),
        int(desk.scalar("SELECT COUNT(*) FROM bodies")),
        int(desk.scalar("SELECT COUNT(*) FROM body_members")),
        int(desk.scalar("SELECT COUNT(*) FROM audit_log")),
    )


def _import_or_refuse(desk: Desk, path: Path) -> None:
    """Preview and apply; either imports cleanly or refuses with a clear message and writes nothing."""
    from meetingdesk.exchange.roster_import import apply_roster_import, preview_roster_import

    before = _roster_state(desk)
    try:
        preview = preview_roster_import(desk, SYSTEM, path)
    except MeetingDeskError as exc:
        assert str(exc) and _roster_state(desk) == before
        return
    assert _roster_state(desk) == before  # a preview never writes
    if preview.ok:
        apply_roster_import(desk, SYSTEM, path)
        return
    with pytest.raises(MeetingDeskError):
        apply_roster_import(desk, SYSTEM, path)
    assert _roster_state(desk) == before  # nothing half-imported


_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["一级法官", "九级法官", "2020-01-01", "2020年13月1日", "是", "否", "", "民事专业法官会议"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    headers=st.lists(
        st.sampled_from(["姓名", "法官等级", "晋升日期", "所属会议组", "主持人", "职务", "乱列", ""]), max_size=6
    ),
    rows=st.lists(st.lists(_CELL, max_size=6), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_fuzzed_roster_csv_imports_or_is_refused_cleanly(
    desk: Desk, tmp_path: Path, headers: list[str], rows: list[list[str]], encoding: str
) -> None:
    import csv as _csv

    buf = io.StringIO()
    writer = _csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    path = tmp_path / "名册.csv"
    try:
        path.write_bytes(buf.getvalue().encode(encoding))
    except UnicodeEncodeError:
        return
    _import_or_refuse(desk, path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_as_a_roster_are_refused_cleanly(desk: Desk, tmp_path: Path, blob: bytes, suffix: str) -> None:
    path = tmp_path / f"roster{suffix}"
    path.write_bytes(blob)
    _import_or_refuse(desk, path)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        (
            "one-huge-field.csv",
            lambda p: p.write_text("姓名,法官等级\n" + "甲" * 200_000 + ",一级法官\n", encoding="utf-8"),
        ),
        ("nul.csv", lambda p: p.write_bytes("姓名,法官等级\n甲\x00乙,一级法官\n".encode())),
        ("fake.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 500)),
        ("not-a-workbook.xlsx", lambda p: p.write_bytes(_docx({"hello.txt": b"hi"}))),
        ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)),
        ("huge.csv", lambda p: (p.touch(), os.truncate(p, 60 * 1024 * 1024))),  # sparse: no disk used
    ],
)
def test_broken_roster_files_are_refused_cleanly(desk: Desk, tmp_path: Path, name: str, make: object) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    started = time.monotonic()
    _import_or_refuse(desk, path)
    assert time.monotonic() - started < 2.0


def test_a_zip_bomb_workbook_is_refused_before_it_is_read(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetingdesk.exchange import sheets
    from meetingdesk.exchange.roster_import import preview_roster_import

    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", 4 * 1024 * 1024)  # scaled down from 200 MB to stay fast
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_docx({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b"\x00" * (8 * 1024 * 1024)}))
    with pytest.raises(ValidationError, match="解压后过大"):
        preview_roster_import(desk, SYSTEM, path)


# ---- rebuilding a database from an open export (restore-export)


def _export(desk: Desk, folder: Path) -> Path:
    import json as _json

    from meetingdesk.exchange.open_export import export_all
    from meetingdesk.services import roster

    roster.create_room(desk, SYSTEM, "第一会议室")
    export_all(desk, SYSTEM, folder)
    assert _json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sha256"]
    return folder


def _tamper(folder: Path, attack: str, outside: Path) -> None:
    import hashlib
    import json as _json

    manifest_path = folder / "manifest.json"
    manifest = _json.loads(manifest_path.read_text(encoding="utf-8"))
    schema = folder / "schema.sql"
    if attack == "ATTACH writes a file anywhere":
        schema.write_text(
            schema.read_text(encoding="utf-8")
            + f"\nATTACH DATABASE '{outside / 'evil.db'}' AS evil;\nCREATE TABLE evil.t (x);\n",
            encoding="utf-8",
        )
    elif attack == "VACUUM INTO copies the database out":
        schema.write_text(schema.read_text(encoding="utf-8") + f"\nVACUUM INTO '{outside / 'copy.db'}';\n", "utf-8")
    elif attack == "PRAGMA in schema.sql":
        schema.write_text("PRAGMA writable_schema = 1;\n" + schema.read_text(encoding="utf-8"), encoding="utf-8")
    elif attack == "checksum entry outside the folder":
        (outside / "outside.txt").write_text("x", encoding="utf-8")
        manifest["sha256"]["../outside/outside.txt"] = hashlib.sha256(b"x").hexdigest()
    elif attack == "table file outside the folder":
        (outside / "rooms.json").write_text("[]", encoding="utf-8")
        manifest["tables"][0]["file"] = "../outside/rooms.json"
    elif attack == "SQL in a table name":
        manifest["tables"][0]["name"] = 'rooms" (id) VALUES (1); DROP TABLE users; --'
    elif attack == "attachments folder outside":
        manifest["attachments"]["folder"] = "../outside"
    elif attack == "manifest without tables":
        manifest = {"format": manifest["format"], "schema_version": 1}
    if schema.exists() and "schema.sql" in manifest.get("sha256", {}):
        manifest["sha256"]["schema.sql"] = hashlib.sha256(schema.read_bytes()).hexdigest()  # a careful attacker
    manifest_path.write_text(_json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "attack",
    [
        "ATTACH writes a file anywhere",
        "VACUUM INTO copies the database out",
        "PRAGMA in schema.sql",
        "checksum entry outside the folder",
        "table file outside the folder",
        "SQL in a table name",
        "attachments folder outside",
        "manifest without tables",
    ],
)
def test_a_crafted_export_is_refused_and_writes_nothing(desk: Desk, tmp_path: Path, attack: str) -> None:
    from meetingdesk.exchange.open_export import restore_open_export

    folder = _export(desk, tmp_path / "export")
    outside = tmp_path / "outside"
    outside.mkdir()
    _tamper(folder, attack, outside)
    before = sorted(p.name for p in outside.iterdir())
    target = tmp_path / "new" / "court.db"
    with pytest.raises(ValidationError):
        restore_open_export(folder, target)
    assert not target.exists() and not (tmp_path / "new" / "court.files").exists()
    assert sorted(p.name for p in outside.iterdir()) == before  # nothing written outside
