"""The translation catalogue tools, standard library only: extract messages from the code, read and write
gettext .po files, compile .mo files.

Used by ``scripts/i18n_extract.py`` and ``scripts/i18n_compile.py`` and by the tests in
``tests/core/test_i18n_catalogue.py`` (which import this file by path, as ``scripts/`` is not a package).

Why not Babel: the catalogue needs three small, exactly specified things (an AST scan for ``_()``,
``N_()`` and ``ngettext()``; a .po reader/writer for the subset we write; the .mo format), and writing them
here keeps the build free of one more dependency and keeps the output byte-for-byte deterministic, which
the test that compares the committed .mo with its .po relies on.
"""

from __future__ import annotations

import ast
import re
import string
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("meetingdesk", "ui")
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "meetingdesk"
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
"""Marker functions and how many leading arguments are literal (pgettext: the context, then the text)."""
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);"}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


# ---- Extraction


@dataclass
class Message:
    """One translatable text: ``msgid`` (Chinese), an optional plural, where it occurs."""

    msgid: str
    plural: str | None = None
    files: list[str] = field(default_factory=list)
    context: str | None = None

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.context, self.msgid, self.plural)


def iter_source_files(root: Path = ROOT) -> Iterator[Path]:
    for folder in SOURCE_DIRS:
        yield from sorted((root / folder).rglob("*.py"))


def marker_calls(tree: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    """Every call of a marker function (``_``, ``N_``, ``ngettext``) by plain name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
            yield node, node.func.id


def extract(root: Path = ROOT, files: Iterable[Path] | None = None) -> list[Message]:
    """All literal messages in source order, grouped by the first file that uses them.

    A marker called with something other than a string literal (``_(label)``) translates a constant
    marked elsewhere and is skipped here.
    """
    found: dict[tuple[str | None, str, str | None], Message] = {}
    for path in files if files is not None else iter_source_files(root):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        calls = sorted(marker_calls(tree), key=lambda c: (c[0].lineno, c[0].col_offset))
        for call, name in calls:
            texts = call.args[: MARKERS[name]]
            if len(texts) < MARKERS[name] or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts
            ):
                continue
            values = [str(a.value) for a in texts]  # type: ignore[attr-defined]
            context = values.pop(0) if name == "pgettext" else None
            msgid = values[0]
            plural = values[1] if name == "ngettext" else None
            if not msgid:
                continue
            message = found.setdefault((context, msgid, plural), Message(msgid, plural, context=context))
            if rel not in message.files:
                message.files.append(rel)
    return list(found.values())


# ---- .po files


@dataclass
class Entry:
    """A catalogue entry; ``msgstr`` holds one text, or one per plural form."""

    msgid: str
    msgstr: list[str]
    plural: str | None = None
    files: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # translator comments ("# ..."), kept as written
    fuzzy: bool = False
    obsolete: bool = False
    context: str | None = None

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.context, self.msgid, self.plural)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


@dataclass
class Catalogue:
    header: dict[str, str]
    entries: list[Entry]

    def by_key(self) -> dict[tuple[str | None, str, str | None], Entry]:
        return {e.key: e for e in self.entries}


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted .po string: {text!r}")
    body = text[1:-1]
    out: list[str] = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _quote(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
        + '"'
    )


def read_po(text: str) -> Catalogue:
    """Parse the .po subset that gettext tools and this module write (contexts, plurals, obsolete entries)."""
    header: dict[str, str] = {}
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    files: list[str] = []
    comments: list[str] = []
    fuzzy = obsolete = False
    current: str | None = None

    def flush() -> None:
        nonlocal files, comments, fuzzy, obsolete, fields, current
        if "msgid" in fields:
            msgid = fields["msgid"]
            plural = fields.get("msgid_plural")
            if plural is None:
                msgstr = [fields.get("msgstr", "")]
            else:
                n = 0
                msgstr = []
                while f"msgstr[{n}]" in fields:
                    msgstr.append(fields[f"msgstr[{n}]"])
                    n += 1
            context = fields.get("msgctxt")
            if msgid == "" and plural is None and context is None and not obsolete:
                for line in msgstr[0].split("\n"):
                    name, _sep, value = line.partition(":")
                    if name.strip():
                        header[name.strip()] = value.strip()
            else:
                entries.append(Entry(msgid, msgstr, plural, files, comments, fuzzy, obsolete, context))
        fields, files, comments, fuzzy, obsolete, current = {}, [], [], False, False, None

    for raw in text.split("\n"):  # not splitlines(): it also splits on \x1c-\x1e, \x85, \u2028 inside texts
        line = raw.strip()
        is_obsolete = line.startswith("#~")
        if is_obsolete:
            line = line[2:].strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if "msgid" in fields and current is not None and not line.startswith("#~"):
                flush()
            if line.startswith("#:"):
                files.extend(ref.rsplit(":", 1)[0] if ref[-1:].isdigit() else ref for ref in line[2:].split())
            elif line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in {f.strip() for f in line[2:].split(",")}
            elif line.startswith("# ") or line == "#":
                comments.append(line[2:])
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"continuation line without a keyword: {raw!r}")
            fields[current] += _unquote(line)
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword in ("msgid", "msgctxt") and "msgid" in fields:
            flush()
        obsolete = obsolete or is_obsolete
        current = keyword
        fields[keyword] = _unquote(rest)
    flush()
    return Catalogue(header, entries)


def _lines(text: str) -> list[str]:
    """``text`` cut after each newline (only ``\\n``: other line breaks are ordinary characters here)."""
    parts = [p + "\n" for p in text.split("\n")]
    parts[-1] = parts[-1][:-1]
    return [p for p in parts if p]


def _po_string(keyword: str, text: str, prefix: str = "") -> list[str]:
    if "\n" not in text.rstrip("\n") or text == "":
        return [f"{prefix}{keyword} {_quote(text)}"]
    parts = _lines(text)
    return [f'{prefix}{keyword} ""', *(f"{prefix}{_quote(p)}" for p in parts)]


def write_po(catalogue: Catalogue) -> str:
    """The .po text: header, entries in order, obsolete entries last; no line wrapping (clean diffs)."""
    header_text = "".join(f"{k}: {v}\n" for k, v in catalogue.header.items())
    lines = ['msgid ""', 'msgstr ""', *(_quote(line) for line in _lines(header_text)), ""]
    live = [e for e in catalogue.entries if not e.obsolete]
    dead = [e for e in catalogue.entries if e.obsolete]
    for entry in live + dead:
        prefix = "#~ " if entry.obsolete else ""
        lines.extend(f"# {c}".rstrip() for c in entry.comments)
        if entry.files and not entry.obsolete:
            lines.append("#: " + " ".join(entry.files))
        if entry.fuzzy:
            lines.append("#, fuzzy")
        if entry.context is not None:
            lines.extend(_po_string("msgctxt", entry.context, prefix))
        lines.extend(_po_string("msgid", entry.msgid, prefix))
        if entry.plural is None:
            lines.extend(_po_string("msgstr", entry.msgstr[0] if entry.msgstr else "", prefix))
        else:
            lines.extend(_po_string("msgid_plural", entry.plural, prefix))
            forms = entry.msgstr or ["", ""]
            for n, form in enumerate(forms):
                lines.extend(_po_string(f"msgstr[{n}]", form, prefix))
        lines.append("")
    return "\n".join(lines)


def default_header(language: str) -> dict[str, str]:
    return {
        "Project-Id-Version": "MeetingDesk",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }


def merge(catalogue: Catalogue | None, messages: list[Message], language: str) -> Catalogue:
    """The catalogue for ``messages``: known translations kept, new messages empty, vanished ones obsolete
    (kept at the end, so a message that comes back, or is restored after a typo, keeps its translation)."""
    old = catalogue.by_key() if catalogue else {}
    nplurals = 2
    entries: list[Entry] = []
    for m in messages:
        before = old.pop(m.key, None)
        if before is not None:
            entries.append(
                Entry(m.msgid, before.msgstr, m.plural, list(m.files), before.comments, before.fuzzy, False, m.context)
            )
        else:
            blank = [""] if m.plural is None else [""] * nplurals
            entries.append(Entry(m.msgid, blank, m.plural, list(m.files), context=m.context))
    for entry in old.values():
        if any(entry.msgstr):
            entries.append(
                Entry(entry.msgid, entry.msgstr, entry.plural, [], entry.comments, entry.fuzzy, True, entry.context)
            )
    header = dict(catalogue.header) if catalogue and catalogue.header else default_header(language)
    return Catalogue(header, entries)


# ---- .mo files


def compile_mo(catalogue: Catalogue) -> bytes:
    """The GNU .mo file for the translated, non-obsolete entries (plus the header), keys sorted as gettext
    expects; no hash table (optional in the format, and Python's gettext does not use it)."""
    header_text = "".join(f"{k}: {v}\n" for k, v in catalogue.header.items())
    pairs: dict[bytes, bytes] = {b"": header_text.encode("utf-8")}
    for e in catalogue.entries:
        if e.obsolete or not e.translated:
            continue
        key = e.msgid if e.plural is None else f"{e.msgid}\0{e.plural}"
        if e.context is not None:
            key = f"{e.context}\x04{key}"  # gettext's separator between context and text
        pairs[key.encode("utf-8")] = "\0".join(e.msgstr).encode("utf-8")
    keys = sorted(pairs)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    n = len(keys)
    start = 7 * 4 + 16 * n  # header, then the two tables of (length, offset)
    offsets_ids: list[int] = []
    offsets_strs: list[int] = []
    pos = 0
    for k in keys:
        offsets_ids += [len(k), start + pos]
        pos += len(k) + 1
    pos2 = 0
    for k in keys:
        offsets_strs += [len(pairs[k]), start + len(ids) + pos2]
        pos2 += len(pairs[k]) + 1
    head = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return head + struct.pack(f"<{2 * n}I", *offsets_ids) + struct.pack(f"<{2 * n}I", *offsets_strs) + ids + strs


# ---- Checks shared by the tests


_FORMATTER = string.Formatter()
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
"""Chinese characters and full-width punctuation: none may remain in an English text."""


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a ``str.format`` text (raises ValueError on a malformed one)."""
    return {name for _lit, name, _spec, _conv in _FORMATTER.parse(text) if name is not None}
