"""The 参考案例库 page driven like a judge or a secretary would, against a copy of the demo database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk.errors import PermissionDeniedError
from meetingdesk.library.cases import CaseInput, get_case, list_cases, update_case
from meetingdesk.library.feedback import feedback_for
from meetingdesk.library.rules import get_rule, list_rules

from ui.context import AppContext
from ui.library.item_panel import ItemPanel
from ui.main_window import MainWindow
from ui.pages.library import LibraryPage
from ui.settings import UiSettings

from tests.ui.conftest import actor_for
from tests.ui.keyboard import type_text


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages show_error would have shown (its box is modal; here it is recorded instead)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


def idle(qtbot: QtBot, page: LibraryPage) -> None:
    qtbot.waitUntil(lambda: not page.searching, timeout=10_000)
    QApplication.processEvents()


def open_page(qtbot: QtBot, ctx: AppContext) -> LibraryPage:
    page = LibraryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activate()
    idle(qtbot, page)
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[LibraryPage]:
    yield open_page(qtbot, ctx)


def as_user(ctx: AppContext, username: str, tmp_path: Path) -> AppContext:
    return replace(ctx, actor=actor_for(ctx.desk, username), settings=UiSettings(str(tmp_path / f"{username}.ini")))


def search_for(qtbot: QtBot, page: LibraryPage, text: str) -> list[str]:
    box = page.search_bar.query_edit
    box.clear()
    type_text(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    idle(qtbot, page)
    return [h.title for h in page.model.hits]


def draft_case_id(ctx: AppContext) -> int:
    """The demo's draft reference case, made from a discussed meeting item."""
    return list_cases(ctx.desk, status="draft")[0].id


def case_id_titled(ctx: AppContext, title: str) -> int:
    return next(c.id for c in list_cases(ctx.desk) if c.title == title)


def answer(qtbot: QtBot, panel: ItemPanel, button: QMessageBox.StandardButton) -> None:
    box = panel.dialog
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


# ---- searching


def test_an_empty_query_lists_everything_newest_first(page: LibraryPage) -> None:
    hits = page.model.hits
    assert len(hits) == 12  # 10 published cases, the draft from a meeting, the rule (the secretary sees drafts)
    assert page.count.text() == "共 12 条"
    case_dates = [h.date for h in hits if h.kind == "case" and h.date]
    assert case_dates == sorted(case_dates, reverse=True)
    assert page.panel.item_id == hits[0].id  # the first hit is opened


def test_a_search_finds_the_demo_case_with_its_source_and_highlighted_terms(qtbot: QtBot, page: LibraryPage) -> None:
    titles = search_for(qtbot, page, "物流 案由:盗窃")
    assert titles[0] == "被告人丙某盗窃案"
    assert "被告人乙某职务侵占案" not in titles  # 案由 is 职务侵占罪
    hit = page.model.hits[0]
    shown = page.model.data(page.model.index(0, 0))
    assert "某省高级人民法院" in shown and "2023-09-12" in shown and "本省高级人民法院参考性案例及裁判" in shown
    assert "<b>物流</b>" in hit.snippet_html
    assert page.count.text() == f"共 {len(titles)} 条"
    assert "被告人丙某盗窃案" in page.panel.view.text()


def test_filters_narrow_the_results(qtbot: QtBot, page: LibraryPage) -> None:
    bar = page.search_bar
    search_for(qtbot, page, "盗窃")
    assert len(page.model.hits) == 4
    bar.tier.setCurrentIndex(bar.tier.findData(1))
    qtbot.waitUntil(lambda: [h.title for h in page.model.hits] == ["被告人甲某入户盗窃案"], timeout=5000)
    bar.clear()
    idle(qtbot, page)
    assert len(page.model.hits) == 12 and bar.query() == ""
    bar.court.setCurrentIndex(bar.court.findData("东江市中级人民法院"))
    qtbot.waitUntil(lambda: not page.searching and len(page.model.hits) == 5, timeout=5000)
    assert {h.court for h in page.model.hits} == {"东江市中级人民法院"}
    bar.year_from.setValue(2025)
    qtbot.waitUntil(lambda: not page.searching and len(page.model.hits) == 2, timeout=5000)
    bar.clear()
    bar.scope.setCurrentIndex(2)  # 仅裁判规则
    qtbot.waitUntil(lambda: not page.searching and [h.kind for h in page.model.hits] == ["rule"], timeout=5000)
    bar.clear()
    idle(qtbot, page)
    type_text(qtbot, bar.cause.lineEdit(), "危险驾驶罪")
    qtbot.keyClick(bar.cause.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [h.title for h in page.model.hits] == ["被告人戊某危险驾驶案"], timeout=5000)
    bar.clear()
    bar.status.setCurrentIndex(bar.status.findData("draft"))
    qtbot.waitUntil(lambda: not page.searching and {h.status for h in page.model.hits} == {"draft"}, timeout=5000)


def test_bad_query_syntax_is_explained_next_to_the_box(qtbot: QtBot, page: LibraryPage, errors: list[str]) -> None:
    before = len(page.model.hits)
    search_for(qtbot, page, "(盗窃 OR 扒窃")
    assert "缺少右括号" in page.search_bar.error_text()
    assert page.search_bar.error.isVisible() and not errors
    assert len(page.model.hits) == before  # the last good results stay
    search_for(qtbot, page, "盗窃")
    assert page.search_bar.error_text() == ""


def test_the_syntax_menu_fills_the_box_and_searches(qtbot: QtBot, page: LibraryPage) -> None:
    action = next(a for a in page.search_bar.syntax.menu().actions() if a.text().startswith("盗窃 OR 职务侵占"))
    action.trigger()
    idle(qtbot, page)
    assert page.search_bar.query() == "盗窃 OR 职务侵占"
    assert "被告人乙某职务侵占案" in [h.title for h in page.model.hits]


def test_drafts_are_found_by_editors_only(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    member_page = open_page(qtbot, as_user(ctx, "member", tmp_path))
    assert {h.status for h in member_page.model.hits} == {"published"} and len(member_page.model.hits) == 10
    assert not member_page.search_bar.status.isVisibleTo(member_page)


def test_many_results_come_a_page_at_a_time(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    from meetingdesk.library.importer import import_files

    path = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"title": f"被告人测试{i}号盗窃案", "facts": f"第{i}号案情：入户盗窃{i}元。"}, ensure_ascii=False)
        for i in range(70)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(import_files(ctx.desk, ctx.actor, [path]).imported) == 70
    page = open_page(qtbot, ctx)
    assert page.count.text() == "共 82 条，已显示 50 条" and page.load_more.isVisible()
    qtbot.mouseClick(page.load_more, Qt.MouseButton.LeftButton)
    idle(qtbot, page)
    assert len(page.model.hits) == 82 and page.count.text() == "共 82 条"
    assert not page.load_more.isVisible()
    assert len({(h.kind, h.id) for h in page.model.hits}) == 82


# ---- reading


def test_a_case_from_a_meeting_says_its_advice_is_advisory_and_links_to_the_meeting(
    qtbot: QtBot, page: LibraryPage
) -> None:
    case = get_case(page.ctx.desk, draft_case_id(page.ctx))
    assert page.open_case(case.id)
    panel = page.panel
    assert panel.view.advisory.isVisible()
    assert "会议讨论形成的是参考意见" in panel.view.advisory.text()
    text = panel.view.text()
    for heading in ("基本案情", "裁判结果", "裁判理由", "案件信息", "本院专业法官会议："):
        assert heading in text
    with qtbot.waitSignal(page.ctx.signals.sig_open_meeting_requested) as blocker:
        qtbot.mouseClick(panel.open_meeting, Qt.MouseButton.LeftButton)
    assert blocker.args == [case.meeting_id]


def test_a_rule_shows_its_content_scope_and_sources(page: LibraryPage) -> None:
    rule = list_rules(page.ctx.desk)[0]
    assert page.open_rule(rule.id)
    text = page.panel.view.text()
    assert "规则内容" in text and rule.statement[:10] in text
    assert "议题：" in text and "案例：被告人乙某职务侵占案" in text
    assert "不具有强制约束力" in page.panel.view.advisory.text()


def test_relevance_feedback_is_recorded_for_the_current_query(qtbot: QtBot, page: LibraryPage) -> None:
    search_for(qtbot, page, "盗窃")
    case_id = case_id_titled(page.ctx, "被告人丙某盗窃案")
    page.results.setCurrentIndex(page.model.index(page.model.row_of("case", case_id), 0))
    qtbot.mouseClick(page.panel.relevant, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.panel.irrelevant, Qt.MouseButton.LeftButton)
    stored = feedback_for(page.ctx.desk, case_id=case_id)
    assert [(f.relevant, f.query, f.username) for f in stored] == [
        (True, "盗窃", "secretary"),
        (False, "盗窃", "secretary"),
    ]
    assert page.panel.feedback_text() == "✘ 已标记不相关"
    search_for(qtbot, page, "物流")
    page.results.setCurrentIndex(page.model.index(page.model.row_of("case", case_id), 0))
    assert page.panel.feedback_text() == ""  # kept per query and hit


# ---- editing


def test_edit_a_case_save_and_read_it_back(qtbot: QtBot, page: LibraryPage) -> None:
    case_id = draft_case_id(page.ctx)
    before = get_case(page.ctx.desk, case_id)
    page.open_case(case_id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.results.setFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_F2)
    panel = page.panel
    assert panel.editing and panel.stack.currentWidget() is panel.case_editor
    editor = panel.case_editor
    editor.key_points.setFocus()
    type_text(qtbot, editor.key_points, "物流分拣员窃取经手快件的，以盗窃罪论处。")
    type_text(qtbot, editor.keywords, "刑事；盗窃；物流")
    assert panel.dirty and panel.title.text().endswith("*")
    qtbot.keyClick(editor.keywords, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not panel.editing
    after = get_case(page.ctx.desk, case_id)
    assert after.key_points == "物流分拣员窃取经手快件的，以盗窃罪论处。"
    assert after.keywords == ("刑事", "盗窃", "物流")
    assert after.revision == before.revision + 1 and after.meeting_id == before.meeting_id
    assert "物流分拣员窃取经手快件的" in panel.view.text()


def test_validation_errors_are_shown_beside_the_field_and_nothing_is_saved(qtbot: QtBot, page: LibraryPage) -> None:
    case_id = draft_case_id(page.ctx)
    before = get_case(page.ctx.desk, case_id)
    page.open_case(case_id)
    page.panel.edit()
    editor = page.panel.case_editor
    editor.title.clear()
    editor.decided_on.setText("2026-13-01")
    assert not page.panel.save()
    assert "请填写案例标题" in editor.field_error("title")
    editor.title.setText(before.title)
    assert not page.panel.save()
    assert "不是有效日期" in editor.field_error("decided_on")
    type_text(qtbot, editor.keywords, "一；二；三；四；五；六；七；八")
    assert "关键词超过 7 个" in editor.field_error("keywords")
    assert get_case(page.ctx.desk, case_id).revision == before.revision
    assert page.panel.editing


def test_new_case_is_saved_as_a_draft(qtbot: QtBot, page: LibraryPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.results, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.panel.case_editor
    assert page.panel.editing and page.panel.item_id is None
    type_text(qtbot, editor.title, "被告人庚某盗窃案")
    type_text(qtbot, editor.facts, "庚某在商场窃取手机一部。")
    type_text(qtbot, editor.cause, "盗窃罪")
    assert page.panel.save()
    new_id = page.panel.item_id
    assert new_id is not None
    case = get_case(page.ctx.desk, new_id)
    assert (case.title, case.status, case.category) == ("被告人庚某盗窃案", "draft", "reference")
    assert case.charges == ("盗窃罪",)
    qtbot.waitUntil(lambda: page.model.row_of("case", new_id) >= 0, timeout=5000)
    assert page.results.currentIndex().row() == page.model.row_of("case", new_id)


def test_status_transitions_as_secretary_and_as_presider(qtbot: QtBot, page: LibraryPage, tmp_path: Path) -> None:
    ctx = page.ctx
    case_id = draft_case_id(ctx)
    page.open_case(case_id)
    panel = page.panel
    assert panel.button_for(panel.act_submit).isEnabled()
    assert not panel.act_publish.isVisible() and not panel.act_withdraw.isVisible()  # secretary: no publishing
    qtbot.mouseClick(panel.button_for(panel.act_submit), Qt.MouseButton.LeftButton)
    assert get_case(ctx.desk, case_id).status == "review"
    assert not panel.act_submit.isEnabled() and panel.act_send_back.isEnabled()
    assert panel.act_edit.isEnabled()  # a case under review may still be edited
    qtbot.mouseClick(panel.button_for(panel.act_send_back), Qt.MouseButton.LeftButton)
    assert get_case(ctx.desk, case_id).status == "draft"
    panel.set_status("review")

    presider = open_page(qtbot, as_user(ctx, "presider", tmp_path))
    presider.open_case(case_id)
    p = presider.panel
    assert p.act_publish.isVisible() and p.act_publish.isEnabled()
    qtbot.mouseClick(p.button_for(p.act_publish), Qt.MouseButton.LeftButton)
    assert get_case(ctx.desk, case_id).status == "published"
    assert not p.act_edit.isEnabled() and "撤回至审核" in p.act_edit.toolTip()
    assert not p.act_delete.isEnabled()
    qtbot.mouseClick(p.button_for(p.act_withdraw), Qt.MouseButton.LeftButton)
    assert get_case(ctx.desk, case_id).status == "review"


def test_delete_asks_first(qtbot: QtBot, page: LibraryPage) -> None:
    case_id = draft_case_id(page.ctx)
    page.open_case(case_id)
    panel = page.panel
    qtbot.mouseClick(panel.button_for(panel.act_delete), Qt.MouseButton.LeftButton)
    answer(qtbot, panel, QMessageBox.StandardButton.No)
    assert get_case(page.ctx.desk, case_id)
    qtbot.mouseClick(panel.button_for(panel.act_delete), Qt.MouseButton.LeftButton)
    answer(qtbot, panel, QMessageBox.StandardButton.Yes)
    assert case_id not in [c.id for c in list_cases(page.ctx.desk)]
    assert "已删除" in panel.view.text()
    qtbot.waitUntil(lambda: page.model.row_of("case", case_id) < 0, timeout=5000)


@pytest.mark.parametrize("username", ["member", "viewer"])
def test_readers_get_no_editing_and_the_core_refuses_them(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, username: str
) -> None:
    reader_ctx = as_user(ctx, username, tmp_path)
    page = open_page(qtbot, reader_ctx)
    panel = page.panel
    assert panel.case is not None
    for act in (panel.act_edit, panel.act_submit, panel.act_publish, panel.act_delete, page.act_new_case):
        assert not act.isVisible() and not act.isEnabled()
    assert not page.act_import.isEnabled()
    panel.edit()
    assert not panel.editing
    assert panel.relevant.isVisible()  # every reader may say whether a hit was relevant
    with pytest.raises(PermissionDeniedError):
        update_case(ctx.desk, reader_ctx.actor, panel.case.id, CaseInput(title="改"))


# ---- unsaved text is never lost


def test_leaving_the_editor_keeps_the_text_as_a_draft_offered_back(qtbot: QtBot, page: LibraryPage) -> None:
    case_id = draft_case_id(page.ctx)
    page.open_case(case_id)
    page.panel.edit()
    type_text(qtbot, page.panel.case_editor.key_points, "尚未保存的裁判要点")
    other = next(r for r, h in enumerate(page.model.hits) if h.id != case_id)
    page.results.setCurrentIndex(page.model.index(other, 0))  # leave without saving
    assert not page.panel.editing
    assert get_case(page.ctx.desk, case_id).key_points == ""
    page.open_case(case_id)
    assert page.panel.view.draft_note.isVisible()
    page.panel.edit()
    assert page.panel.case_editor.key_points.toPlainText() == "尚未保存的裁判要点"
    assert "已恢复上次未保存的修改" in page.panel.case_editor.message.text()
    # 取消编辑 asks, and only then discards
    page.panel.cancel_edit()
    answer(qtbot, page.panel, QMessageBox.StandardButton.Yes)
    assert not page.panel.editing and not page.panel.view.draft_note.isVisible()
    page.panel.edit()
    assert page.panel.case_editor.key_points.toPlainText() == ""


def test_closing_the_window_mid_edit_keeps_the_text(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("library")
    assert isinstance(page, LibraryPage)
    idle(qtbot, page)
    page.panel.new_case()
    type_text(qtbot, page.panel.case_editor.title, "被告人辛某诈骗案")
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    fresh = again.show_page("library")
    assert isinstance(fresh, LibraryPage)
    fresh.panel.new_case()
    assert fresh.panel.case_editor.title.text() == "被告人辛某诈骗案"


# ---- rules and the case picker


def test_new_rule_with_a_discussed_item_and_a_picked_case(qtbot: QtBot, page: LibraryPage) -> None:
    page.panel.new_rule()
    editor = page.panel.rule_editor
    type_text(qtbot, editor.title, "醉驾挪车的定性")
    type_text(qtbot, editor.statement, "小区内部道路允许社会车辆通行的，属于道路。")
    assert not page.panel.save()
    assert "至少注明一个来源" in editor.field_error("sources")
    assert editor.items.count() >= 1
    qtbot.mouseClick(editor.add_item, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_case_button, Qt.MouseButton.LeftButton)
    picker = page.panel.dialog
    assert picker is not None and picker.windowTitle() == "选择案例"
    type_text(qtbot, picker.query, "醉酒")  # type: ignore[attr-defined]
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1 and not picker.runner.busy, timeout=5000)  # type: ignore[attr-defined]
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.panel.save()
    rule = get_rule(page.ctx.desk, page.panel.item_id or 0)
    assert rule.case_ids == (case_id_titled(page.ctx, "被告人戊某危险驾驶案"),) and len(rule.item_ids) == 1
    assert rule.status == "draft"


# ---- import and the index


def test_import_reports_the_bad_line_and_imports_the_rest(qtbot: QtBot, page: LibraryPage, tmp_path: Path) -> None:
    path = tmp_path / "judgments.jsonl"
    good = [{"title": f"被告人测试{i}盗窃案", "facts": f"测试案情{i}：窃取财物。"} for i in range(3)]
    lines = [json.dumps(good[0], ensure_ascii=False), "{坏行", *(json.dumps(g, ensure_ascii=False) for g in good[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = len(list_cases(page.ctx.desk, limit=1000))
    dialog = page.open_import()
    dialog.add_files([path])  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert len(list_cases(page.ctx.desk, limit=1000)) == before + 3
    rows = dialog.skipped_rows()  # type: ignore[attr-defined]
    assert [(r[0], r[1]) for r in rows] == [("judgments.jsonl:2", "有问题，已跳过")]
    assert "JSON 格式错误" in rows[0][2]
    assert dialog.summary.text() == "导入 3 件，重复跳过 0 件，有问题跳过 1 件。"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not page.searching and page.model.total == 15, timeout=5000)


def test_a_cancelled_import_imports_nothing(qtbot: QtBot, page: LibraryPage, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"title": f"第{i}号", "facts": f"第{i}号案情。" * 20}, ensure_ascii=False) for i in range(3000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = len(list_cases(page.ctx.desk, limit=10_000))
    dialog = page.open_import()
    dialog.add_files([path])  # type: ignore[attr-defined]
    dialog.start()  # type: ignore[attr-defined]
    dialog.cancel_import()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)  # type: ignore[attr-defined]
    assert dialog.summary.text() == "已取消导入，案例库未作任何改动。"  # type: ignore[attr-defined]
    assert len(list_cases(page.ctx.desk, limit=10_000)) == before


def test_rebuild_index_keeps_search_working(qtbot: QtBot, page: LibraryPage) -> None:
    messages: list[str] = []
    page.ctx.signals.sig_status_message.connect(messages.append)
    page.act_reindex.trigger()
    qtbot.waitUntil(lambda: any("检索索引已重建" in m for m in messages), timeout=20_000)
    idle(qtbot, page)
    assert "被告人丙某盗窃案" in search_for(qtbot, page, "物流")


def test_export_a_case_as_word(qtbot: QtBot, page: LibraryPage, tmp_path: Path) -> None:
    page.open_case(case_id_titled(page.ctx, "被告人丙某盗窃案"))
    assert page.panel.act_export.isEnabled()
    page.panel.export("docx", tmp_path / "case.docx")
    qtbot.waitUntil(lambda: page.panel.last_exported is not None, timeout=20_000)
    assert (tmp_path / "case.docx").stat().st_size > 1000


# ---- opening from elsewhere, keyboard


def test_the_open_case_signal_shows_the_page_and_the_case(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("dashboard")
    case_id = case_id_titled(ctx, "某丁诉某科技公司劳动争议案")
    page = window.pages["library"]
    assert isinstance(page, LibraryPage)
    idle(qtbot, page)
    ctx.signals.sig_open_library_case_requested.emit(case_id)
    assert window.current_page() is page
    assert page.panel.case is not None and page.panel.case.id == case_id
    assert "末位淘汰" in page.panel.view.text()


def test_keyboard_search_box_results_and_escape(qtbot: QtBot, page: LibraryPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.results.setFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = page.search_bar.query_edit
    assert box.hasFocus()
    page.results.setFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_Slash)
    assert box.hasFocus() and box.text() == ""
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert page.results.currentIndex().row() == 1 and box.hasFocus()
    assert page.panel.item_id == page.model.hits[1].id
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert page.results.currentIndex().row() == 0
    page.open_case(draft_case_id(page.ctx))
    page.results.setFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_F2)
    assert page.panel.editing
    editor = page.panel.case_editor
    editor.title.setFocus()
    qtbot.keyClick(editor.title, Qt.Key.Key_Slash)
    assert editor.title.text().endswith("/")  # typing "/" in a field is text, not the search shortcut
    editor.title.backspace()
    qtbot.keyClick(editor.title, Qt.Key.Key_Escape)
    assert not page.panel.editing  # nothing changed: no question


def test_the_screenshot_scenes_show_what_they_promise(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.show_page("library")
    assert isinstance(page, LibraryPage)
    scenes = dict(page.screenshot_scenes())
    assert scenes["search"]() is window
    assert page.model.hits[0].title == "被告人丙某盗窃案" and page.panel.case is not None
    assert scenes["editing"]() is window
    assert page.panel.editing and page.panel.case_editor.key_points.toPlainText()
    dialog = scenes["import"]()
    rows = dialog.skipped_rows()  # type: ignore[attr-defined]
    assert dialog.summary.text().startswith("导入 1 件") and len(rows) == 3  # type: ignore[attr-defined]
    dialog.close()


def test_the_results_model_passes_the_model_tester(qtbot: QtBot, page: LibraryPage, qtmodeltester: object) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert search_for(qtbot, page, "盗窃")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    search_for(qtbot, page, "没有这样的词语")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_a_new_search_shows_its_best_hit_not_the_case_shown_before(qtbot: QtBot, page: LibraryPage) -> None:
    search_for(qtbot, page, "危险驾驶")
    shown = page.panel.item_id
    assert shown == page.model.hits[0].id
    titles = search_for(qtbot, page, "物流")
    assert page.panel.item_id == page.model.hits[0].id != shown and titles[0] in page.panel.view.browser.toPlainText()


def test_a_long_snippet_is_cut_at_a_whole_line(qapp: object) -> None:
    from PySide6.QtGui import QTextDocument

    from ui.library.results_model import whole_lines_height

    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml("<div>标题</div><div>" + "盗窃案情" * 200 + "</div>")
    doc.setTextWidth(300)
    doc.size()
    first = doc.firstBlock()
    line = first.layout().lineAt(0).height()
    cut = whole_lines_height(doc, line * 4.5)
    assert line * 3.5 < cut <= line * 4.5 + 1
    lines_shown = cut / line
    assert abs(lines_shown - round(lines_shown)) < 0.2  # a whole number of lines, not four and a half
    assert whole_lines_height(doc, 10_000) == 10_000  # everything fits: nothing to cut


def test_the_filter_lists_are_read_off_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import ui.pages.library as library_page

    threads: list[str] = []
    real = library_page.filter_choices

    def recording(desk: object) -> object:
        threads.append(threading.current_thread().name)
        return real(desk)  # type: ignore[arg-type]

    monkeypatch.setattr(library_page, "filter_choices", recording)
    page = open_page(qtbot, ctx)  # a query over the whole library: thousands of rows after an import
    assert threads and threading.main_thread().name not in threads
    assert page.search_bar.court.count() > 1 and page.model.hits
