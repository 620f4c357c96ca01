"""Screenshot scenes of the 参考案例库 page (demo database): a search with a case open, a case being
edited, and the import dialog with its report.

The import file is written from the demo library's own records (one new combination, one duplicate,
one line that is not JSON, one record without text), so it brings no text of its own.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from meetingdesk.i18n import _
from meetingdesk.library.cases import list_cases
from meetingdesk.library.rules import list_rules

if TYPE_CHECKING:
    from ui.pages.library import LibraryPage


def settle(page: LibraryPage, rounds: int = 200) -> None:
    """Let background searches finish and their results be shown."""
    for _i in range(rounds):
        QApplication.processEvents()
        if not page.searching and not page.ctx.tasks._running:
            break
        page.ctx.tasks.wait(20)
    QApplication.processEvents()


def search_with_case_open(page: LibraryPage) -> QWidget:
    page.ctx.signals.sig_navigate_requested.emit("library")
    page.panel.show_nothing()
    page.search_bar.clear()
    page.search_bar.fill_example(_("物流 案由:盗窃"))
    settle(page)
    if page.model.rowCount():
        page.results.setCurrentIndex(page.model.index(0, 0))
    settle(page)
    return page.window()


def case_being_edited(page: LibraryPage) -> QWidget:
    """The draft made from a discussed meeting item, opened for editing with its 裁判要点 being written."""
    page.ctx.signals.sig_navigate_requested.emit("library")
    drafts = list_cases(page.ctx.desk, status="draft", limit=1)
    if drafts:
        page.open_case(drafts[0].id)
        page.panel.edit()
        editor = page.panel.case_editor
        rules = list_rules(page.ctx.desk)
        if rules:  # the point the discussion settled, as the secretary would write it
            editor.keywords.setText(_("；").join(rules[0].keywords))
            editor.key_points.setPlainText(rules[0].statement)
        editor.key_points.setFocus()
    settle(page)
    return page.window()


def import_with_report(page: LibraryPage) -> QWidget:
    from ui.library.import_dialog import ImportDialog

    cases = list_cases(page.ctx.desk, status="published", limit=3)
    folder = Path(tempfile.mkdtemp(prefix="md-library-scene-"))
    path = folder / "judgments.jsonl"
    lines = []
    if len(cases) >= 2:
        first, second = cases[0], cases[1]
        lines.append(
            json.dumps({"title": second.title, "facts": first.facts, "result": first.result}, ensure_ascii=False)
        )
        lines.append(
            json.dumps(
                {
                    "title": first.title,
                    "key_points": first.key_points,
                    "facts": first.facts,
                    "result": first.result,
                    "reasoning": first.reasoning,
                },
                ensure_ascii=False,
            )
        )
    lines.append("{not json")
    lines.append(json.dumps({"title": "x"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = page.open_import()
    assert isinstance(dialog, ImportDialog)
    dialog.add_files([path])
    dialog.start()
    for _i in range(300):
        if not dialog.running:
            break
        page.ctx.tasks.wait(20)
        QApplication.processEvents()
    QApplication.processEvents()
    return dialog
