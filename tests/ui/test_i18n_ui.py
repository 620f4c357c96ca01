"""The interface in English shows no Chinese except data, and no Chinese text bypasses the catalogue.

(b) no Chinese literal (characters or full-width punctuation) in ui/ outside ``_()``/``N_()``/``pgettext``,
    but for a short, justified allow-list; nothing is translated at import time (core or ui);
(d) the main window in English (our catalogue and Qt's own) shows no Chinese in any visible widget of any
    page or of the scenes the pages offer (editors, dialogs, the meeting in progress): window titles,
    labels, buttons, tabs, table headers and cells, combo items, tooltips, placeholders, menus, read-only
    text views. The demo database's data is Chinese and stays so; it is taken out before the check.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from meetingdesk.i18n import current_language
from meetingdesk.services.desk import Desk

from ui.context import AppContext
from ui.language import apply_language

from tests.i18n_tools import catalogue_tools

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
RUN = re.compile(r"[^\sA-Za-z0-9.,;:!?'\"()\[\]{}<>/=+*#%&@|—–\-_…·→←↑↓✔✘⚠▾◀▶└]+")
"""A run of text between spaces and Latin punctuation: a Chinese word, or Chinese punctuation."""

# ---- (b) the source


ALLOWED_LITERALS: dict[str, str] = {
    # file → why its Chinese literals are not interface text
    "ui/settings_forms/court.py": "COMMON_FONTS: names of Chinese fonts (仿宋_GB2312 ...), proper names that "
    "Word looks up on the reader's computer",
    "ui/settings_forms/scenes.py": "a screenshot scene writes a roster file in a court's own (Chinese) words",
}
ALLOWED_NAMES = {"ui/settings_forms/court.py": {"COMMON_FONTS"}}
"""Within an allowed file, only the literals assigned to these names are excused (None: the whole file)."""


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _assigned_name(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            return node.targets[0].id
    return None


def untranslated_literals(source: str, rel: str = "") -> list[tuple[int, str]]:
    """Chinese string literals not given to a marker as its text (f-string parts always count), docstrings
    aside."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CHINESE.search(node.value)):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):
            continue  # a docstring
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and node in parent.args[: MARKERS.get(parent.func.id, 0)]
        ):
            continue
        if rel in ALLOWED_LITERALS:
            names = ALLOWED_NAMES.get(rel)
            if names is None or _assigned_name(node, parents) in names:
                continue
        found.append((node.lineno, node.value))
    return found


def test_no_chinese_literal_outside_the_catalogue_in_ui() -> None:
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        offenders += [f"{rel}:{line}: {text!r}" for line, text in untranslated_literals(path.read_text("utf-8"), rel)]
    assert not offenders, "wrap these in _() (or N_() for constants):\n" + "\n".join(offenders)


def test_the_literal_check_can_fail() -> None:
    src = (
        'def f(n):\n    """说明。"""\n    a = _("议题")\n    b = f"共{n}件"\n'
        '    c = "（" + _("{x}（{y}）")\n    return a, b, c\n'
    )
    assert [text for _line, text in untranslated_literals(src)] == ["共", "件", "（"]


def import_time_translations(source: str) -> list[int]:
    """Lines where ``_()`` runs when the module is imported (module level, class bodies, default arguments,
    decorators): the language is chosen after the imports, so such text would stay Chinese."""
    lines: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]:
                visit(default, in_function)
            if isinstance(node, ast.Lambda):
                visit(node.body, True)
            else:
                for decorator in node.decorator_list:
                    visit(decorator, in_function)
                for statement in node.body:
                    visit(statement, True)
            return
        if (
            not in_function
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext", "pgettext")
        ):
            lines.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(ast.parse(source), False)
    return lines


def test_nothing_is_translated_at_import_time() -> None:
    offenders = []
    for folder in ("meetingdesk", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line in import_time_translations(path.read_text("utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, "use N_() for constants and _() where they are shown: " + ", ".join(offenders)


def test_the_import_time_check_can_fail() -> None:
    src = 'A = _("甲")\nclass C:\n    b = _("乙")\ndef f(x=_("丙")):\n    return _("丁")\nL = lambda: _("戊")\n'
    assert import_time_translations(src) == [1, 3, 4]


# ---- (d) the screens in English


def demo_texts(db: Path) -> list[str]:
    """Every text value stored in the demo database (names, case numbers, causes, prose ...), longest first."""
    conn = sqlite3.connect(str(db))
    try:
        texts: set[str] = set()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                texts.update(v.strip() for v in row if isinstance(v, str) and CHINESE.search(v))
    finally:
        conn.close()
    pieces = set(texts)
    for text in texts:  # stored lists and paragraphs also show one line or one item at a time
        pieces.update(p.strip() for p in re.split(r"[\n；;、，,]", text) if CHINESE.search(p))
    return sorted(pieces, key=len, reverse=True)


IDENTIFIERS = re.compile(
    r"[（(]\d{4}[）)][^\s，,;；)）]*?号"  # case numbers, the court's own identifiers
    r"|〔\d{4}〕第\s*\d+\s*期"  # 纪要 numbers
    r"|中文"  # the name of the language in the language choice (an endonym, as language pickers show them)
)


def scene_data() -> list[str]:
    """Data that the screenshot scenes bring from outside the database (a roster file), and font names."""
    from ui.settings_forms.court import COMMON_FONTS

    found = list(COMMON_FONTS)
    for rel in ALLOWED_LITERALS:
        tree = ast.parse((ROOT / rel).read_text("utf-8"))
        found += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [f for f in found if CHINESE.search(f)]


def english_examples() -> set[str]:
    """The Chinese the English catalogue and help quote on purpose, as examples of what to type (case
    numbers, column headings, 是/否...): each one reviewed (tests/core/test_i18n_catalogue.py, the help test)."""
    from ui.help import help_folder

    cat = catalogue_tools()
    english = cat.read_po(cat.po_path("en").read_text(encoding="utf-8"))
    texts = [text for e in english.entries for text in e.msgstr]
    texts += [page.read_text("utf-8") for page in help_folder("en").glob("*.md")]  # checked in the help test
    return {run for text in texts for run in RUN.findall(text) if CHINESE.search(run)}


def analysed_words(texts: list[str]) -> set[str]:
    """The words the library's analyser cuts from stored texts: a similar-case search shows the ones it used
    (检索关键词), each on its own, in data views."""
    from meetingdesk.search.analysis import analyse

    return {t.text for text in texts for t in analyse(text) if CHINESE.search(t.text)}


class Leftovers:
    """Chinese found in the English interface once data, identifiers and quoted examples are taken out."""

    def __init__(self, data: list[str], examples: set[str] | None = None) -> None:
        self.examples = examples or set()
        self.raw: set[str] = set()
        self.cut: set[str] = set()
        self.add_data(data)
        self.found: dict[str, str] = {}

    def add_data(self, data: list[str]) -> None:
        """Stored data; scenes add what they wrote to the database (a search report drafted from the demo)."""
        new = set(data) - self.raw
        if not new:
            return
        self.raw |= new
        self.data = sorted({d for d in self.raw if len(CHINESE.findall(d)) > 1}, key=len, reverse=True)
        # 甲/乙 option labels and other one-character values: only when they stand alone
        self.words = {d.strip() for d in self.raw if len(CHINESE.findall(d)) == 1}
        self.corpus = "\n".join(sorted(self.raw))
        self.cut |= analysed_words([d for d in new if len(CHINESE.findall(d)) > 1])  # only the new texts

    def check(self, where: str, text: str | None, *, data_view: bool = False) -> None:
        if not text or not CHINESE.search(text):
            return
        rest = IDENTIFIERS.sub(" ", text)
        for value in self.data:
            if value in rest:
                rest = rest.replace(value, " ")
        for run in RUN.findall(rest):
            if not CHINESE.search(run) or run in self.words or run in self.examples:
                continue
            if data_view and len(run) >= 4 and run in self.corpus:
                continue  # an elided or wrapped piece of a stored text in a table cell or text view
            if data_view and run in self.cut:
                continue  # a word of a stored text standing alone: the terms a similar-case search used
            self.found.setdefault(f"{where}: {run}", text[:120])

    def walk(self, root: QWidget, name: str) -> None:
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(root) and widget is not root:
                continue
            where = f"{name}/{type(widget).__name__}#{widget.objectName()}"
            self.check(where + ".windowTitle", widget.windowTitle() if widget.isWindow() else "")
            self.check(where + ".toolTip", widget.toolTip())
            self.check(where + ".statusTip", widget.statusTip())
            self._widget(widget, where)
        if isinstance(root, QMainWindow):
            for action in root.menuBar().actions():
                self._menu(action.menu(), f"{name}/menu")  # type: ignore[arg-type]
                self.check(f"{name}/menu", action.text())

    def _menu(self, menu: QMenu | None, where: str) -> None:
        if menu is None:
            return
        for action in menu.actions():
            self.check(where, action.text())
            self.check(where + ".toolTip", action.toolTip() if action.toolTip() != action.text() else "")
            self._menu(action.menu(), where)  # type: ignore[arg-type]

    def _widget(self, w: QWidget, where: str) -> None:
        if isinstance(w, QLabel):
            self.check(where, _plain(w.text()))
        elif isinstance(w, QAbstractButton):
            self.check(where, w.text())
        elif isinstance(w, QGroupBox):
            self.check(where, w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                self.check(f"{where}.tab", w.tabText(i))
                self.check(f"{where}.tabToolTip", w.tabToolTip(i))
        elif isinstance(w, QLineEdit):
            self.check(where + ".placeholder", w.placeholderText())
            self.check(where, w.text() if w.isReadOnly() else "", data_view=True)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                self.check(f"{where}.item", w.itemText(i), data_view=True)
        elif isinstance(w, QTextEdit | QPlainTextEdit):
            self.check(where + ".placeholder", w.placeholderText())
            if w.isReadOnly():
                self.check(where, w.toPlainText(), data_view=True)
        elif isinstance(w, QAbstractSpinBox):
            if isinstance(w, QSpinBox):
                self.check(where + ".affix", w.prefix() + " " + w.suffix())
            self.check(where + ".special", w.specialValueText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            self._model(w.model(), where)

    def _model(self, model: QAbstractItemModel, where: str) -> None:
        root = QModelIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        rows = min(model.rowCount(root), 60)
        for orientation, sections in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, rows)):
            for section in range(sections):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    self.check(f"{where}.header", _str(model.headerData(section, orientation, role)), data_view=True)
        for row in range(rows):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    self.check(f"{where}.cell", _str(model.data(index, role)), data_view=True)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ")


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


@pytest.fixture
def english() -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    apply_language(app, "en")
    assert current_language() == "en"
    yield
    apply_language(app, "zh_CN")


def _settle(rounds: int = 4) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


@pytest.mark.gui
@pytest.mark.slow
def test_every_page_and_scene_reads_english(
    qtbot: QtBot, ctx: AppContext, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from ui.pages import PAGES

    # modal questions would block; answer them and keep what they asked
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    leftovers = Leftovers(demo_texts(ctx.desk.path) + scene_data(), english_examples())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    _settle()
    leftovers.walk(window, "window")

    def settle() -> None:  # background work (statistics, search) done and its results shown
        _settle(2)
        ctx.tasks.wait(5000)
        _settle(2)

    for spec in PAGES:
        page = window.show_page(spec.key)
        settle()
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                settle()
                leftovers.walk(window, f"{spec.key}[{i}]")
        leftovers.walk(window, spec.key)
        for scene, setup in page.screenshot_scenes():
            widget = setup()
            settle()
            leftovers.add_data(demo_texts(ctx.desk.path))  # data the scene stored is data too
            leftovers.walk(widget, f"{spec.key}:{scene}")
            if widget is not window:
                widget.close()
            _settle(2)
    ctx.tasks.wait(5000)
    assert not leftovers.found, "Chinese in the English interface:\n" + "\n".join(
        f"{k}   ‹{v}›" for k, v in sorted(leftovers.found.items())
    )


@pytest.mark.gui
def test_the_dialogs_read_english(qtbot: QtBot, demo_desk: Desk, tmp_path: Path, english: None) -> None:
    """Sign-in (and the first administrator), the lock, passwords, backup and restore, help, the prompts."""
    from meetingdesk.services.settings import DEFAULTS

    from ui.app import build_context
    from ui.backup_restore import BackupRestoreDialog
    from ui.help import TOPIC_KEYS, HelpWindow
    from ui.login import ChangePasswordDialog, LoginDialog, ResetPasswordDialog, UnlockDialog
    from ui.prompts import ReasonDialog
    from ui.settings import UiSettings

    from tests.ui.conftest import actor_for

    defaults = [v for v in DEFAULTS.values() if isinstance(v, str) and CHINESE.search(v)]  # a new database's data
    leftovers = Leftovers(demo_texts(demo_desk.path) + defaults, english_examples())
    admin = actor_for(demo_desk, "admin")
    ctx = build_context(demo_desk, admin, UiSettings(str(tmp_path / "ui.ini")))
    empty = Desk(tmp_path / "empty.db")  # no account yet: the sign-in asks for the first administrator
    dialogs: list[tuple[str, QWidget]] = [
        ("login", LoginDialog(demo_desk)),
        ("first-administrator", LoginDialog(empty)),
        ("unlock", UnlockDialog(demo_desk, admin)),
        ("change-password", ChangePasswordDialog(demo_desk, admin, forced=True)),
        ("reset-password", ResetPasswordDialog(demo_desk, admin)),
        ("backup", BackupRestoreDialog(demo_desk, admin, tasks=ctx.tasks)),
    ]
    reason = ReasonDialog(None, "Reason", "Why?", lambda _text: True)  # deletes itself when closed
    try:
        for name, dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            _settle()
            leftovers.walk(dialog, name)
            dialog.hide()
        reason.show()
        _settle()
        leftovers.walk(reason, "reason")
        reason.close()
        help_window = HelpWindow()
        qtbot.addWidget(help_window)
        help_window.show()
        for key in TOPIC_KEYS:
            help_window.show_topic(key)
            leftovers.walk(help_window, f"help:{key}")
        ctx.tasks.wait(5000)
    finally:
        empty.close()
    assert not leftovers.found, "Chinese in the English dialogs:\n" + "\n".join(
        f"{k}   ‹{v}›" for k, v in sorted(leftovers.found.items())
    )


def test_the_screen_check_can_fail(qtbot: QtBot) -> None:
    """A label left in Chinese is found; data, case numbers and the language's own name are not."""
    box = QWidget()
    qtbot.addWidget(box)
    QLabel("Reporting judge: 郑敏", box)
    QLabel("（2026）吉09民终283号 · 中文", box)
    QLabel("会议组：民事专业法官会议", box)
    leftovers = Leftovers(["郑敏", "民事专业法官会议"])
    leftovers.walk(box, "box")
    assert list(leftovers.found) == ["box/QLabel#: 会议组："]


# ---- (4) the help in English


def test_the_english_help_mirrors_the_chinese_one() -> None:
    from ui.help import TOPIC_KEYS, help_folder

    zh, en = help_folder("zh_CN"), help_folder("en")
    assert en != zh and en.name == "en"
    assert sorted(p.name for p in en.glob("*.md")) == sorted(p.name for p in zh.glob("*.md"))
    for key in TOPIC_KEYS:
        zh_text, en_text = ((f / f"{key}.md").read_text("utf-8") for f in (zh, en))
        links = re.compile(r"\]\(([^)]+)\)")
        assert en_text.startswith("# ")
        assert set(links.findall(en_text)) == set(links.findall(zh_text)), key  # same cross-references
        assert len(re.findall(r"^#+ ", en_text, re.M)) == len(re.findall(r"^#+ ", zh_text, re.M)), key
        for token in en_text.split():  # Chinese only as quoted examples (column headings, 甲/乙, 是/否 ...)
            assert not CHINESE.search(token) or re.search(r"[\u4e00-\u9fff]|（\d{4}）", token), (key, token)


def test_f1_opens_the_english_help_in_english(qtbot: QtBot, english: None) -> None:
    from ui.help import HelpWindow

    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_topic("stats")
    assert "Adoption rate" in window.browser.toPlainText()
    assert window.windowTitle() == "Help" and window.contents.item(0).text() == "Help"


# ---- (5) start-up follows the setting, Qt's own dialogs included


@pytest.mark.parametrize(
    ("choice", "locale_name", "expected", "yes", "cancel"),
    [
        ("en", "zh_CN", "en", "&Yes", "Cancel"),
        ("", "en_US", "en", "&Yes", "Cancel"),
        ("", "zh_CN", "zh_CN", "是(&Y)", "取消"),
    ],
)
def test_start_up_shows_the_chosen_language_in_our_texts_and_qt_s_own(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
    locale_name: str,
    expected: str,
    yes: str,
    cancel: str,
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from ui.app import make_application
    from ui.settings import LANGUAGE, UiSettings

    monkeypatch.setenv("MEETINGDESK_LANG", locale_name)  # what "follow the system" reads first
    settings = UiSettings(str(tmp_path / "ui.ini"))
    settings.set(LANGUAGE, choice)
    before, font = QApplication.applicationDisplayName(), QApplication.font()
    app = make_application([], settings)
    try:
        assert current_language() == expected
        title = "专业法官会议秘书工作台" if expected == "zh_CN" else "Professional Judges' Meeting Secretariat"
        assert app.applicationDisplayName() == title
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
        qtbot.addWidget(box)
        yes_button = box.button(QMessageBox.StandardButton.Yes)
        assert yes_button is not None and yes_button.text() == yes
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel_button is not None and cancel_button.text().replace("&", "") == cancel.replace("&", "")
    finally:
        apply_language(app, "zh_CN")
        app.setApplicationDisplayName(before)
        app.setFont(font)
