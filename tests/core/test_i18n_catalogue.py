"""The English catalogue is complete and well-formed, and no user-visible core message bypasses it.

(a) every message of the code has a non-empty English translation; the committed .po is what extraction
    gives and the committed .mo is exactly the .po compiled;
(c) no Chinese literal in a raise of a MeetingDeskError subclass (or ValueError) outside ``_()``;
(e) ``{placeholders}`` match between each source text and its translation.
The .po reader/writer and the .mo compiler are checked against the standard library's gettext.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk import errors

from tests.i18n_tools import catalogue_tools

ROOT = Path(__file__).resolve().parents[2]


cat = catalogue_tools()
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def english() -> cat.Catalogue:
    return cat.read_po(cat.po_path("en").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages() -> list[cat.Message]:
    return cat.extract()


# ---- (a) complete, and the committed files are current


def test_every_message_has_an_english_translation(english: cat.Catalogue, messages: list[cat.Message]) -> None:
    translated = {e.key for e in english.entries if not e.obsolete and e.translated}
    missing = [m.msgid for m in messages if m.key not in translated]
    assert not missing, (
        f"{len(missing)} message(s) without an English translation (run scripts/i18n_extract.py, translate "
        f"them in resources/locale/en/LC_MESSAGES/meetingdesk.po, then scripts/i18n_compile.py): {missing[:10]}"
    )


def test_the_po_file_is_what_extraction_gives(english: cat.Catalogue, messages: list[cat.Message]) -> None:
    current = cat.po_path("en").read_text(encoding="utf-8")
    assert cat.write_po(cat.merge(english, messages, "en")) == current, "run scripts/i18n_extract.py"


def test_the_committed_mo_is_the_po_compiled(english: cat.Catalogue) -> None:
    assert cat.mo_path("en").read_bytes() == cat.compile_mo(english), "run scripts/i18n_compile.py"


def test_translations_are_english_except_quoted_chinese_examples(english: cat.Catalogue) -> None:
    """An English text may quote Chinese only as an example of what to type (a case number, a column
    heading, 是/否); Chinese punctuation as the English text's own punctuation is a slip."""
    example = re.compile(r"[\u4e00-\u9fff]|（\d{4}）")
    offenders = []
    for e in english.entries:
        if e.obsolete:
            continue
        for text in e.msgstr:
            for token in text.split():
                if cat.CJK.search(token) and not example.search(token):
                    offenders.append((e.msgid, text))
    assert not offenders, offenders[:10]


# ---- (e) placeholders


def test_placeholders_match_between_source_and_translation(english: cat.Catalogue) -> None:
    wrong = []
    for e in english.entries:
        if e.obsolete or not e.translated:
            continue
        sources = [e.msgid] if e.plural is None else [e.msgid, e.plural]
        expected = set().union(*(cat.placeholders(s) for s in sources))
        for text in e.msgstr:
            try:
                found = cat.placeholders(text)
            except ValueError as exc:
                wrong.append((e.msgid, text, str(exc)))
                continue
            if found != expected:
                wrong.append((e.msgid, text, f"{sorted(found)} != {sorted(expected)}"))
    assert not wrong, wrong[:10]


def test_translations_format_with_the_same_values(english: cat.Catalogue) -> None:
    """Each translation formats with the values its source takes (conversions and format specs work)."""
    for e in english.entries:
        names = cat.placeholders(e.msgid)
        if e.obsolete or not e.translated or not names or not all(n.isidentifier() for n in names):
            continue  # no fields, or braces that are not fields (a JSON example): never formatted
        values = {name: _probe_value(e.msgid, name) for name in cat.placeholders(e.msgid)}
        e.msgid.format(**values)
        for text in e.msgstr:
            text.format(**values)


def _probe_value(text: str, name: str) -> object:
    """A value of the kind the source's format spec asks for (a time for %H:%M, a number for .2f ...)."""
    for _lit, field, spec, _conv in cat._FORMATTER.parse(text):
        if field == name and spec:
            if "%" in spec and any(c in spec for c in "HMYd"):
                return datetime(2026, 3, 5, 9, 30)
            if spec[-1] in "fgde%":
                return 3
    return 3 if name in ("year", "month", "day", "y", "m", "d") else "x"


# ---- (c) the core's errors go through the catalogue


def _raised_error_names() -> set[str]:
    names = {n for n, obj in vars(errors).items() if isinstance(obj, type) and issubclass(obj, Exception)}
    return names | {"ValueError", "InvalidCaseNumber", "TransitionError"}


def _chinese_outside_markers(node: ast.AST, skip: frozenset[int] = frozenset()) -> list[str]:
    """Chinese literals under ``node`` that are not the text of a ``_()``/``N_()``/``ngettext()`` call
    (the parts of an f-string count: an f-string is never a translatable text)."""
    parents = {child: parent for parent in ast.walk(node) for child in ast.iter_child_nodes(parent)}
    found = []
    for n in ast.walk(node):
        if id(n) in skip or not (isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)):
            continue
        p = parents.get(n)
        if isinstance(p, ast.Call) and isinstance(p.func, ast.Name) and n in p.args[: cat.MARKERS.get(p.func.id, 0)]:
            continue
        found.append(n.value)
    return found


DOCUMENT_INTERNALS = ("meetingdesk/documents/blocks.py", "meetingdesk/documents/compose.py")
"""Programming errors about document layout (a bug, never a user's input): not user-visible."""


def test_no_untranslated_chinese_in_a_raised_error() -> None:
    names = _raised_error_names()
    offenders = []
    for path in sorted((ROOT / "meetingdesk").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in DOCUMENT_INTERNALS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in names or name.endswith("Error"):
                offenders += [f"{rel}:{node.lineno}: {text}" for text in _chinese_outside_markers(node.exc)]
    assert not offenders, offenders


def test_the_raise_check_catches_a_plain_chinese_message() -> None:
    """The check itself can fail: a bare literal and an f-string are caught, a marked text is not."""
    bare = ast.parse('raise ValidationError("请填写姓名。")').body[0]
    fstring = ast.parse('raise ValidationError(f"找不到{x}。")').body[0]
    marked = ast.parse('raise ValidationError(_("找不到{x}。").format(x=_("人员")), "name")').body[0]
    assert isinstance(bare, ast.Raise) and isinstance(fstring, ast.Raise) and isinstance(marked, ast.Raise)
    assert _chinese_outside_markers(bare.exc) == ["请填写姓名。"]
    assert _chinese_outside_markers(fstring.exc)
    assert _chinese_outside_markers(marked.exc) == []


# ---- the tools themselves


def test_extraction_finds_markers_and_skips_translations_of_variables(tmp_path: Path) -> None:
    src = tmp_path / "meetingdesk" / "m.py"
    src.parent.mkdir()
    src.write_text(
        'X = N_("常量")\n'
        "def f(label):\n"
        '    return _("你好，{name}").format(name=label) + _(label) + ngettext("件", "件", 2) + _("常量")\n'
        'TAB = pgettext("tab", "会议组") + _("会议组")\n',
        encoding="utf-8",
    )
    found = cat.extract(tmp_path, [src])
    assert [m.key for m in found] == [
        (None, "常量", None),
        (None, "你好，{name}", None),
        (None, "件", "件"),
        ("tab", "会议组", None),
        (None, "会议组", None),
    ]
    assert found[0].files == ["meetingdesk/m.py"]


def test_merge_keeps_translations_and_keeps_vanished_ones_as_obsolete() -> None:
    old = cat.Catalogue(
        cat.default_header("en"),
        [cat.Entry("旧", ["old"]), cat.Entry("留", ["kept"]), cat.Entry("空", [""])],
    )
    merged = cat.merge(old, [cat.Message("留", None, ["a.py"]), cat.Message("新", None, ["b.py"])], "en")
    by_id = {e.msgid: e for e in merged.entries}
    assert by_id["留"].msgstr == ["kept"] and by_id["留"].files == ["a.py"]
    assert by_id["新"].msgstr == [""] and not by_id["新"].translated
    assert by_id["旧"].obsolete and by_id["旧"].msgstr == ["old"]
    assert "空" not in by_id  # an untranslated message that vanished is simply dropped
    text = cat.write_po(merged)
    assert '#~ msgid "旧"' in text
    again = cat.read_po(text)
    assert {e.msgid: (e.msgstr, e.obsolete) for e in again.entries} == {
        e.msgid: (e.msgstr, e.obsolete) for e in merged.entries
    }


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@given(st.lists(st.tuples(texts.filter(bool), texts.filter(bool)), max_size=12, unique_by=lambda p: p[0]))
def test_po_round_trips_and_the_mo_reads_back_with_gettext(pairs: list[tuple[str, str]]) -> None:
    catalogue = cat.Catalogue(cat.default_header("en"), [cat.Entry(k, [v], files=["x.py"]) for k, v in pairs])
    back = cat.read_po(cat.write_po(catalogue))
    assert [(e.msgid, e.msgstr) for e in back.entries] == [(k, [v]) for k, v in pairs]
    assert back.header == catalogue.header
    translations = gettext.GNUTranslations(io.BytesIO(cat.compile_mo(back)))
    for key, value in pairs:
        assert translations.gettext(key) == value


def test_plural_entries_compile_for_ngettext() -> None:
    catalogue = cat.Catalogue(cat.default_header("en"), [cat.Entry("{n}件", ["{n} case", "{n} cases"], plural="{n}件")])
    back = cat.read_po(cat.write_po(catalogue))
    translations = gettext.GNUTranslations(io.BytesIO(cat.compile_mo(back)))
    assert translations.ngettext("{n}件", "{n}件", 1) == "{n} case"
    assert translations.ngettext("{n}件", "{n}件", 3) == "{n} cases"


def test_contexts_keep_two_translations_of_one_word_apart() -> None:
    catalogue = cat.Catalogue(
        cat.default_header("en"),
        [cat.Entry("会议组", ["Meeting body"]), cat.Entry("会议组", ["Meeting bodies"], context="tab")],
    )
    back = cat.read_po(cat.write_po(catalogue))
    assert {(e.context, e.msgstr[0]) for e in back.entries} == {(None, "Meeting body"), ("tab", "Meeting bodies")}
    translations = gettext.GNUTranslations(io.BytesIO(cat.compile_mo(back)))
    assert translations.gettext("会议组") == "Meeting body"
    assert translations.pgettext("tab", "会议组") == "Meeting bodies"


def test_the_cli_prints_nothing_untranslated() -> None:
    """Every text of the command line (help, output, prompts) is a catalogue message; docstrings aside."""
    offenders = []
    for path in sorted((ROOT / "meetingdesk" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = frozenset(
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        )
        offenders += [f"{path.name}: {text}" for text in _chinese_outside_markers(tree, docstrings)]
    assert not offenders, offenders
