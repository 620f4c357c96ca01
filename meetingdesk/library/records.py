"""Reading case records out of import files: JSON, JSONL (incl. the LeCaRD format) and .docx.

A record is a mapping of field names (ours in English or Chinese, or LeCaRD's ``ajName``/``ajjbqk``/
``cpfxgc``/``pjjg``/``qw``) to text. :func:`to_case_input` turns one into a :class:`CaseInput`,
recovering court, 案号 and date from a judgment's full text when they are not given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.library.cases import CaseInput, parse_keywords
from meetingdesk.library.charges import charges_in

SUPPORTED_SUFFIXES = (".json", ".jsonl", ".docx")

MAX_FILE_BYTES = 200 * 1024 * 1024
"""A .json or .docx file is read whole: one larger than this is refused unread (.jsonl streams)."""

MAX_LINE_BYTES = 16 * 1024 * 1024
"""A JSONL line (one judgment) longer than this is skipped without being held in memory."""

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "ajName", "案件名称", "name"),
    "keywords": ("keywords", "关键词"),
    "key_points": ("key_points", "裁判要点"),
    "articles": ("articles", "相关法条"),
    "facts": ("facts", "基本案情", "ajjbqk", "案情"),
    "result": ("result", "裁判结果", "pjjg", "判决结果"),
    "reasoning": ("reasoning", "裁判理由", "cpfxgc", "裁判分析过程"),
    "full_text": ("full_text", "全文", "qw"),
    "case_numbers": ("case_numbers", "case_number", "案号"),
    "court": ("court", "审理法院", "法院"),
    "decided_on": ("decided_on", "date", "裁判日期"),
    "cause": ("cause", "案由", "罪名", "crime"),
    "category": ("category", "案例类别"),
    "tier": ("tier", "效力层级"),
    "issuer": ("issuer", "发布机关"),
    "issued_on": ("issued_on", "发布日期"),
    "issue_no": ("issue_no", "发布编号", "编号"),
    "source_ref": ("source_ref", "id", "ajId", "writId"),
    "notes": ("notes", "备注"),
}

CATEGORY_WORDS = {
    "指导性案例": "guiding",
    "典型案例": "typical",
    "参考性案例": "reference",
    "本院案例": "own",
    "案例库入库案例": "caselib",
    "裁判文书": "judgment",
}

_CASE_NO = re.compile(r"[（(]\s*\d{4}\s*[）)][^\s，。；（()）]{1,30}?号")
_DOC_KIND = re.compile(r"(刑事|民事|行政|执行|国家赔偿)?(附带民事)?(判决书|裁定书|调解书|决定书)")
_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九○Ｏ0-9]{4})年([一二三四五六七八九十0-9]{1,3})月([一二三四五六七八九十0-9]{1,3})日"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


@dataclass(frozen=True)
class RawRecord:
    location: str  # "file.jsonl:12" / "file.json#3" / "file.docx", for messages
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class BadRecord:
    location: str
    message: str


def read_file(path: Path) -> Iterator[RawRecord | BadRecord]:
    """The records of one import file; unreadable parts come out as :class:`BadRecord`."""
    suffix = path.suffix.lower()
    name = path.name
    if suffix not in SUPPORTED_SUFFIXES:
        yield BadRecord(name, _("不支持的文件类型（支持 .json、.jsonl、.docx）。"))
        return
    try:
        if suffix == ".jsonl":  # streamed: an import of thousands of judgments never holds the file
            yield from _jsonl_records(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield BadRecord(
                name,
                _("文件过大（{size:.0f} MB，上限 {limit} MB）。大批裁判文书请用 .jsonl 格式，每行一件。").format(
                    size=size / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024
                ),
            )
            return
        if suffix == ".docx":
            yield _docx_record(path)
            return
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        yield BadRecord(name, _("无法读取文件：{e}").format(e=_reason(exc)))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield BadRecord(f"{name}:{exc.lineno}", _("JSON 格式错误：{e}").format(e=json_problem(exc)))
        return
    except RecursionError:
        yield BadRecord(name, _("JSON 格式错误：{e}").format(e=_("嵌套层数过多")))
        return
    items = data.get("cases", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        yield BadRecord(name, _("JSON 文件应为一个案例对象、案例对象的列表，或含 cases 列表的对象。"))
        return
    for no, item in enumerate(items, start=1):
        loc = f"{name}#{no}" if len(items) > 1 else name
        yield RawRecord(loc, item) if isinstance(item, dict) else BadRecord(loc, _("该项不是 JSON 对象。"))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return _("文件不是 UTF-8 编码，请另存为 UTF-8 后重试")
    return str(exc)


def _jsonl_records(path: Path) -> Iterator[RawRecord | BadRecord]:
    with path.open("rb") as fh:
        no = 0
        while True:
            raw = fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            no += 1
            location = f"{path.name}:{no}"
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line unread
                    raw = fh.readline(1 << 20)
                yield BadRecord(
                    location, _("该行过长（超过 {limit} MB），已跳过。").format(limit=MAX_LINE_BYTES // 1024 // 1024)
                )
                continue
            try:
                line = raw.decode("utf-8-sig" if no == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield BadRecord(location, _("无法读取该行：{e}").format(e=_reason(exc)))
                continue
            if line.strip():
                yield _json_record(location, line)


def _docx_record(path: Path) -> RawRecord | BadRecord:
    from meetingdesk.services.attachments import check_content

    try:
        check_content(path, path.name, ".docx")  # type, completeness and zip bombs, before python-docx unpacks it
        return RawRecord(path.name, read_docx(path))
    except ValidationError as exc:
        return BadRecord(path.name, str(exc))
    except Exception as exc:  # python-docx raises its own error types for damaged files
        return BadRecord(path.name, _("不是有效的 Word（.docx）文件，或文件已损坏：{e}").format(e=exc))


_JSON_PROBLEMS = {  # the json module's messages (its only ones), in words a secretary can act on
    "Expecting value": N_("此处缺少值（或有多余的逗号）"),
    "Expecting property name enclosed in double quotes": N_("字段名须用英文双引号括起（或有多余的逗号）"),
    "Expecting ',' delimiter": N_("缺少英文逗号"),
    "Expecting ':' delimiter": N_("字段名后缺少英文冒号"),
    "Unterminated string starting at": N_("引号没有闭合"),
    "Invalid control character at": N_("文字中有换行符等控制字符"),
    "Invalid \\escape": N_("反斜杠“\\”用法不对"),
    "Invalid \\uXXXX escape": N_("反斜杠“\\u”后应为四位十六进制数"),
    "Extra data": N_("一个 JSON 值之后还有多余内容（.jsonl 文件应每行一个案例）"),
}


def json_problem(exc: json.JSONDecodeError, *, one_line: bool = False) -> str:
    """Where and what, in Chinese: “第3行第17个字符：缺少英文逗号” (a JSONL record's line is in its location)."""
    what = next((_(text) for msg, text in _JSON_PROBLEMS.items() if exc.msg.startswith(msg)), exc.msg)
    if one_line:
        return _("第{col}个字符：{what}").format(col=exc.colno, what=what)
    return _("第{line}行第{col}个字符：{what}").format(line=exc.lineno, col=exc.colno, what=what)


def _json_record(location: str, line: str) -> RawRecord | BadRecord:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(location, _("JSON 格式错误：{e}").format(e=json_problem(exc, one_line=True)))
    except RecursionError:
        return BadRecord(location, _("JSON 格式错误：{e}").format(e=_("嵌套层数过多")))
    if not isinstance(item, dict):
        return BadRecord(location, _("该行不是 JSON 对象。"))
    return RawRecord(location, item)


_DOCX_HEADINGS = {
    "关键词": "keywords",
    "裁判要点": "key_points",
    "相关法条": "articles",
    "基本案情": "facts",
    "裁判结果": "result",
    "裁判理由": "reasoning",
}


def read_docx(path: Path) -> dict[str, str]:
    """A .docx judgment or case: the first paragraph is the title; SPC section headings are split out."""
    import docx  # python-docx; imported here so the search path does not load it

    paragraphs = [p.text.strip() for p in docx.Document(str(path)).paragraphs]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ValueError(_("文档为空"))
    fields: dict[str, str] = {"title": paragraphs[0], "full_text": "\n".join(paragraphs)}
    current: str | None = None
    for para in paragraphs[1:]:
        head = para.strip("【】[] 　").rstrip("：:")
        key = _DOCX_HEADINGS.get(head)
        inline = next(
            (k for h, k in _DOCX_HEADINGS.items() if para.startswith(h + "：") or para.startswith(f"【{h}】")),
            None,
        )
        if key:
            current = key
            continue
        text = para
        if inline:
            current = inline
            text = para.split("：", 1)[1] if "：" in para[: len(head) + 2] else para.split("】", 1)[1]
        if current:
            fields[current] = (fields.get(current, "") + "\n" + text).strip()
    if len(fields) > 2:  # a structured case: its sections are its text
        fields.pop("full_text")
    return fields


def _pick(fields: Mapping[str, Any], name: str) -> Any:
    for alias in ALIASES[name]:
        if alias in fields and fields[alias] not in (None, ""):
            return fields[alias]
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value).strip()


def chinese_date(text: str) -> str | None:
    """The last date written out in a judgment ("二〇一四年十二月十日" → 2014-12-10), or None."""
    found = None
    for y, m, d in _CN_DATE.findall(text):
        try:
            year = int("".join(str(_CN_DIGITS.get(c, c)) for c in y))
            month, day = _cn_number(m), _cn_number(d)
        except ValueError:
            continue
        try:
            found = date(year, month, day).isoformat() if 1949 < year < 2200 else found
        except ValueError:
            continue
    return found


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        if "十" in text:
            tens, _sep, ones = text.partition("十")
            return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
        return int("".join(str(_CN_DIGITS[c]) for c in text))  # "二八" written digit by digit
    except KeyError:
        raise ValueError(text) from None


def header_facts(full_text: str) -> dict[str, str]:
    """Court, 案号 and date recovered from a judgment's text (its header and its signature)."""
    out: dict[str, str] = {}
    head = full_text[:300]
    kind = _DOC_KIND.search(head)
    if kind:
        court = head[: kind.start()].strip().split()[-1:] if head[: kind.start()].strip() else []
        if court and court[0].endswith("法院"):
            out["court"] = court[0]
    number = _CASE_NO.search(head)
    if number:
        out["case_number"] = number.group(0)
    day = chinese_date(full_text[-400:])
    if day:
        out["decided_on"] = day
    return out


def to_case_input(record: RawRecord, *, source: str, category: str | None = None) -> CaseInput:
    """Map one record's fields onto a case (validated later by the service).

    Raises:
        ValidationError: the record has neither a title nor any text.
    """
    f = record.fields
    full_text = _text(_pick(f, "full_text"))
    facts = _text(_pick(f, "facts"))
    title = _text(_pick(f, "title"))
    if not (full_text or facts or _text(_pick(f, "key_points"))):
        raise ValidationError(_("没有案情、裁判要点或全文，无法作为案例导入。"))
    header = header_facts(full_text) if full_text else {}
    if not title:
        title = _text(f.get("writName")) or (full_text or facts)[:30]
    picked = _pick(f, "case_numbers")
    numbers = [_text(n) for n in picked] if isinstance(picked, list) else [_text(picked)] if picked else []
    numbers = [n for n in numbers if n]
    if not numbers and header.get("case_number"):
        numbers = [header["case_number"]]
    cat = _text(_pick(f, "category")) or category or "judgment"
    cat = CATEGORY_WORDS.get(cat, cat)
    tier_value = _pick(f, "tier")
    try:
        tier = int(tier_value) if tier_value not in (None, "") else None
    except (TypeError, ValueError):
        raise ValidationError(_("效力层级“{v}”无效，应为 1 至 5。").format(v=tier_value)) from None
    keywords = _pick(f, "keywords")
    cause = _text(_pick(f, "cause")) or "、".join(charges_in(title))
    return CaseInput(
        title=title,
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else parse_keywords(_text(keywords)),
        key_points=_text(_pick(f, "key_points")),
        articles=_text(_pick(f, "articles")),
        facts=facts,
        result=_text(_pick(f, "result")),
        reasoning=_text(_pick(f, "reasoning")),
        full_text=full_text,
        case_numbers=tuple(numbers),
        court=_text(_pick(f, "court")) or header.get("court", ""),
        decided_on=_text(_pick(f, "decided_on"))[:10] or header.get("decided_on"),
        cause=cause,
        category=cat,
        tier=tier,
        issuer=_text(_pick(f, "issuer")),
        issued_on=_text(_pick(f, "issued_on"))[:10] or None,
        issue_no=_text(_pick(f, "issue_no")),
        source=source,
        source_ref=_text(_pick(f, "source_ref")),
        notes=_text(_pick(f, "notes")),
    )
