"""Hostile and broken input to the library: imports, search syntax and the court's Word template.

Each gets a clear Chinese message, leaves existing data untouched and never hangs or crashes.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.documents.docx_render import _open_base
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.errors import MeetingDeskError
from meetingdesk.library import records
from meetingdesk.library.importer import import_files
from meetingdesk.search.query import search
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.checks import run_checks
from meetingdesk.services.desk import Desk

from tests.core.library_support import import_corpus, library

__all__ = ["library"]

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _count(desk: Desk) -> int:
    return int(desk.scalar("SELECT count(*) FROM library_cases"))


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=12,
)
field_names = st.sampled_from(sorted({a for aliases in records.ALIASES.values() for a in aliases}))
case_like = st.dictionaries(field_names, st.one_of(st.text(max_size=60), json_values), min_size=1, max_size=8)


@FUZZ
@given(lines=st.lists(st.one_of(case_like.map(json.dumps), json_values.map(json.dumps), st.text(max_size=80))))
def test_fuzzed_jsonl_imports_or_reports_each_line(desk: Desk, tmp_path: Path, lines: list[str]) -> None:
    before = _count(desk)
    path = _write(tmp_path, "fuzz.jsonl", "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8"))
    report = import_files(desk, SYSTEM, [path])
    assert _count(desk) == before + len(report.imported)
    for location, message in report.problems:
        assert location.startswith("fuzz.jsonl") and message.strip()


@FUZZ
@given(blob=st.binary(max_size=400), suffix=st.sampled_from([".json", ".jsonl", ".docx"]))
def test_random_bytes_are_reported_not_raised(desk: Desk, tmp_path: Path, blob: bytes, suffix: str) -> None:
    before = _count(desk)
    report = import_files(desk, SYSTEM, [_write(tmp_path, "junk" + suffix, blob)])
    assert _count(desk) == before + len(report.imported)
    if suffix == ".docx":
        assert not report.imported and report.problems


def _zip(parts: dict[str, bytes], *, declared: int | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    raw = buf.getvalue()
    if declared is None:
        return raw
    # Claim a huge unpacked size in the central directory without writing it.
    out = bytearray(raw)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + 24 : at + 28] = declared.to_bytes(4, "little")
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


BOMB = 4_000_000_000  # bytes a part claims unpacked


def _good_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("王某盗窃案")
    document.add_paragraph("基本案情：被告人王某窃取邻居电动车一辆。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.docx", b"", "损坏"),
        ("text.docx", "不是 Word 文件".encode(), "不符"),
        ("truncated.docx", _good_docx()[:700], "损坏"),
        ("no-document.docx", _zip({"[Content_Types].xml": b"<x/>"}), "损坏"),
        ("bomb.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}, declared=BOMB), "过大"),
        ("latin1.json", '{"title": "张某盗窃案"}'.encode("gb18030"), "读取"),
        ("array.json", b"[1, 2, 3]", "不是 JSON 对象"),
        ("scalar.json", b"42", "JSON"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "JSON"),
        ("half.jsonl", b'{"title": "\xe5\xbc\xa0\xe6\x9f\x90", "facts": "', "JSON"),
        ("wrong.txt", b"title", "不支持"),
    ],
)
def test_broken_files_are_reported_with_their_name(
    desk: Desk, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    import_corpus(desk)
    before = _count(desk)
    report = import_files(desk, SYSTEM, [_write(tmp_path, name, data)])
    assert not report.imported and _count(desk) == before
    assert report.problems, report
    location, message = report.problems[0]
    assert location.startswith(Path(name).name) and words in message, report.problems


def test_a_good_docx_next_to_broken_files_is_imported(desk: Desk, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.docx", _good_docx())
    bad = _write(tmp_path, "bad.docx", b"PK\x03\x04junk")
    report = import_files(desk, SYSTEM, [bad, good])
    assert len(report.imported) == 1 and [loc for loc, _m in report.problems] == ["bad.docx"]


def test_an_overlong_jsonl_line_is_skipped_and_the_next_lines_imported(desk: Desk, tmp_path: Path) -> None:
    huge = json.dumps({"title": "超长", "facts": "案" * (records.MAX_LINE_BYTES // 3 + 10)}, ensure_ascii=False)
    lines = [json.dumps({"title": "张某盗窃案", "facts": "窃取手机一部。"}, ensure_ascii=False), huge]
    lines.append(json.dumps({"title": "李某诈骗案", "facts": "冒充客服骗取钱款。"}, ensure_ascii=False))
    report = import_files(desk, SYSTEM, [_write(tmp_path, "long.jsonl", "\n".join(lines).encode())])
    assert len(report.imported) == 2
    assert [loc for loc, _m in report.problems] == ["long.jsonl:2"]
    assert "过长" in report.problems[0][1]


def test_a_line_in_another_encoding_is_reported_and_the_rest_imported(desk: Desk, tmp_path: Path) -> None:
    good = json.dumps({"title": "张某盗窃案", "facts": "窃取手机一部。"}, ensure_ascii=False).encode()
    bad = json.dumps({"title": "李某诈骗案", "facts": "骗取钱款。"}, ensure_ascii=False).encode("gb18030")
    report = import_files(desk, SYSTEM, [_write(tmp_path, "mixed.jsonl", good + b"\n" + bad + b"\n")])
    assert len(report.imported) == 1
    assert report.problems[0][0] == "mixed.jsonl:2" and "UTF-8" in report.problems[0][1]


def test_a_json_file_over_the_limit_is_refused_without_reading_it(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "MAX_FILE_BYTES", 1000)
    path = _write(tmp_path, "big.json", json.dumps([{"title": "张某盗窃案"}] * 100, ensure_ascii=False).encode())
    monkeypatch.setattr(Path, "read_text", lambda *_a, **_k: pytest.fail("read a file over the limit"))
    report = import_files(desk, SYSTEM, [path])
    assert not report.imported and "过大" in report.problems[0][1]


def test_after_hostile_imports_the_database_still_checks_out(desk: Desk, tmp_path: Path) -> None:
    import_corpus(desk)
    junk = [
        _write(tmp_path, "a.jsonl", b'{"title": 1}\n\xff\xfe\n[]\n{"ajName": "' + "张".encode() * 5 + b'"}\n'),
        _write(tmp_path, "b.docx", b"PK\x05\x06" + b"\0" * 18),
        _write(tmp_path, "c.json", b'{"cases": {"title": "x"}}'),
    ]
    import_files(desk, SYSTEM, junk)
    assert [f for f in run_checks(desk) if not f.ok] == []


# ---- search syntax


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.one_of(
        st.text(max_size=60),
        st.text(alphabet=list('盗窃罪案由:标题法条 ()"*?~^AND OR NOT [TO]{}-+\\/'), max_size=40),
    )
)
def test_any_query_returns_hits_or_says_what_is_wrong(library: Desk, query: str) -> None:
    try:
        results = search(library, SYSTEM, query, limit=5)
    except MeetingDeskError as exc:
        assert str(exc).strip()
    else:
        assert results.total >= len(results.hits)


def test_an_absurdly_long_query_is_refused_quickly(library: Desk) -> None:
    with pytest.raises(MeetingDeskError, match="过长"):
        search(library, SYSTEM, "盗窃 " * 50_000)


# ---- the court's own Word template


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.docx", b""),
        ("text.docx", b"plain text"),
        ("truncated.docx", _good_docx()[:900]),
        ("bomb.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}, declared=BOMB)),
        ("letterhead.pdf", b"%PDF-1.4\n%%EOF"),
    ],
)
def test_a_broken_template_gets_a_clear_message(tmp_path: Path, name: str, data: bytes) -> None:
    path = _write(tmp_path, name, data)
    settings_ = DocumentSettings(template=str(path))
    with pytest.raises(MeetingDeskError) as caught:
        _open_base(settings_)
    assert name in str(caught.value) and "模板" in str(caught.value)


@pytest.mark.parametrize(
    "line, words",
    [
        ('{"title": "张某盗窃案", }', "第20个字符：字段名须用英文双引号括起"),
        ("{'title': '张某盗窃案'}", "第2个字符：字段名须用英文双引号括起"),
        ('{"title": "张某盗窃案" "facts": "窃取"}', "缺少英文逗号"),
        ('{"title": "张某盗窃案}', "引号没有闭合"),
        ('{"title": "张某"} {"title": "李某"}', ".jsonl 文件应每行一个案例"),
    ],
)
def test_json_errors_say_where_and_what_in_chinese(desk: Desk, tmp_path: Path, line: str, words: str) -> None:
    report = import_files(desk, SYSTEM, [_write(tmp_path, "bad.jsonl", line.encode())])
    [(location, message)] = report.problems
    assert location == "bad.jsonl:1" and message.startswith("JSON 格式错误：") and words in message, message
    assert "Expecting" not in message
