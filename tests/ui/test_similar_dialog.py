"""类案检索 from the case report editor, and the 类案检索报告 editor, on the demo database.

Report 5 (（2026）吉09刑终185号, 诈骗罪, submitted) has no 类案检索报告 attached yet; report 11 is the
demo member's own; report 10 is another judge's report the member can see.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from meetingdesk.library.feedback import feedback_for
from meetingdesk.library.search_report import get_search_report, list_search_reports
from meetingdesk.services.attachments import list_attachments

from ui.context import AppContext
from ui.library.search_report_editor import SearchReportEditor
from ui.library.similar_dialog import SimilarCasesDialog
from ui.reports.editor import ReportEditor

from tests.ui.conftest import actor_for

PENDING = 5
MEMBER_OWN = 11
MEMBER_OTHER = 10


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Blocking error boxes answered automatically and recorded."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


def open_editor(qtbot: QtBot, ctx: AppContext, report_id: int) -> ReportEditor:
    editor = ReportEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1000, 800)
    editor.show()
    editor.open_report(report_id)
    return editor


def searched(qtbot: QtBot, editor: ReportEditor) -> SimilarCasesDialog:
    """类案检索… (Ctrl+Shift+L) and wait for the hits."""
    assert editor.act_similar.isEnabled()
    editor.act_similar.trigger()
    dialog = editor.similar_dialog
    assert isinstance(dialog, SimilarCasesDialog)
    qtbot.waitUntil(lambda: dialog.results is not None and not dialog.searching, timeout=15000)
    return dialog


def answer(box: QWidget | None, button: QMessageBox.StandardButton) -> None:
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(button).click()


def as_user(ctx: AppContext, username: str) -> AppContext:
    """The same window's services, signed in as another demo account."""
    return AppContext(ctx.desk, actor_for(ctx.desk, username), ctx.signals, ctx.settings, ctx.tasks)


def test_tick_two_generate_edit_conclude_and_attach(qtbot: QtBot, ctx: AppContext, messages: list[str]) -> None:
    desk = ctx.desk
    editor = open_editor(qtbot, ctx, PENDING)
    assert editor.form.search_status.text() == "未附类案检索报告，已写明理由"  # a waiver, no attachment yet
    dialog = searched(qtbot, editor)
    assert dialog.windowTitle().startswith("类案检索 — （2026）吉09刑终185号")
    assert "诈骗罪" in dialog.terms.text() and "承办法官：曹红霞" in dialog.findChild(QWidget, "pendingCase").text()
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups[0].startswith("第1层级 指导性案例") and len(groups) >= 3
    assert [g.split("层级")[0] for g in groups] == sorted(g.split("层级")[0] for g in groups)
    for g in range(dialog.tree.topLevelItemCount()):  # every hit sits under its own tier
        group = dialog.tree.topLevelItem(g)
        tier = int(group.text(0)[1])
        assert all(dialog._hit(group.child(i)).hit.tier == tier for i in range(group.childCount()))
    assert not dialog.generate_button.isEnabled()  # nothing ticked yet

    # tick two with the space bar
    items = dialog.hit_items()
    dialog.tree.setFocus()
    for item in items[:2]:
        dialog.tree.setCurrentItem(item)
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    ticked = dialog.ticked_ids()
    assert ticked == [dialog._hit(i).hit.id for i in items[:2]]
    assert "已勾选 2 件" in dialog.count.text()
    assert "裁判要点" in dialog.detail.toPlainText()

    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    [sr_id] = list_search_reports(desk, PENDING)
    sr = get_search_report(desk, sr_id)
    assert sorted(r.case_id for r in sr.rows) == sorted(ticked) and sr.status == "draft"
    assert all(len(k) >= 2 for k in sr.keywords)
    form = dialog.editor
    assert isinstance(form, SearchReportEditor) and form.isVisible()
    assert form.table.rowCount() == 2 and form.current_row == 0

    # edit row 1, move to row 2: saved without pressing anything
    form.similarity.setPlainText("均为出售银行卡、转移诈骗资金，案情相似。")
    form.select_row(1)
    assert get_search_report(desk, sr_id).rows[0].similarity == "均为出售银行卡、转移诈骗资金，案情相似。"
    assert form.current_row == 1 and "已保存第1行" in form.status.text()
    # a guiding case not followed needs a reason: the row stays until one is given
    guiding = next((i for i, r in enumerate(sr.rows) if r.tier == 1), None)
    if guiding is not None:
        form.select_row(guiding)
        form.use.setCurrentIndex(form.use.findData("not_follow"))
        other = 1 - guiding
        form.select_row(other)
        assert messages and "指导性案例应当参照" in messages[-1] and form.current_row == guiding
        form.reason.setText("案情不具有相似性")
        form.select_row(other)
        assert get_search_report(desk, sr_id).rows[guiding].use == "not_follow"

    # conclude and finalise (confirmed): read-only afterwards
    form.conclusion.setPlainText("检索到的类案裁判观点一致，可供合议庭参考。")
    form.conflict.setChecked(False)
    qtbot.mouseClick(form.finalise_button, Qt.MouseButton.LeftButton)
    answer(form.dialog, QMessageBox.StandardButton.Yes)
    final = get_search_report(desk, sr_id)
    assert final.status == "final" and final.conclusion.startswith("检索到的类案")
    assert form.read_only and form.similarity.isReadOnly() and not form.finalise_button.isEnabled()

    # attach: the .docx becomes the report's 类案检索报告 and the report form says so
    before = len(list_attachments(desk, PENDING))
    with qtbot.waitSignal(form.sig_attached, timeout=20000):
        qtbot.mouseClick(form.attach_button, Qt.MouseButton.LeftButton)
    added = list_attachments(desk, PENDING)[before:]
    assert [(a.kind, a.filename.endswith(".docx")) for a in added] == [("search_report", True)]
    assert editor.form.search_status.text() == "✓ 已附类案检索报告"
    assert any(a.kind == "search_report" for a in editor.form.attachments.attachments())
    form.reject()
    assert not form.isVisible()  # nothing unsaved: closes at once
    # the existing report is offered next time
    assert dialog.existing.isEnabled() and dialog.existing.menu().actions()


def test_feedback_is_stored_with_the_report(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = searched(qtbot, open_editor(qtbot, ctx, PENDING))
    first, second = dialog.hit_items()[:2]
    dialog.tree.setCurrentItem(first)
    qtbot.mouseClick(dialog.relevant, Qt.MouseButton.LeftButton)
    dialog.tree.setCurrentItem(second)
    qtbot.mouseClick(dialog.not_relevant, Qt.MouseButton.LeftButton)
    stored = [(f.case_id, f.relevant, f.username) for f in feedback_for(ctx.desk, report_id=PENDING)]
    assert stored == [
        (dialog._hit(first).hit.id, True, "secretary"),
        (dialog._hit(second).hit.id, False, "secretary"),
    ]
    assert "✘ 已标记不相关" in dialog.detail.toPlainText()


def test_recent_only_and_search_again(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = searched(qtbot, open_editor(qtbot, ctx, PENDING))
    everything = len(dialog.hit_items())
    dialog.recent_only.setChecked(True)
    shown = [dialog._hit(i) for i in dialog.hit_items()]
    assert 0 < len(shown) < everything and all(h.recent or h.hit.tier == 1 for h in shown)
    dialog.limit.setValue(5)
    with qtbot.waitSignal(dialog.sig_search_done, timeout=15000):
        qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert len(dialog.results.hits) <= 5  # type: ignore[union-attr]


def test_unsaved_edits_ask_before_closing(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = searched(qtbot, open_editor(qtbot, ctx, PENDING))
    dialog.set_ticked(dialog._hit(dialog.hit_items()[0]).hit.id)
    dialog.generate()
    form = dialog.editor
    assert isinstance(form, SearchReportEditor)
    form.similarity.setPlainText("案情相似")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()
    assert "类案检索报告有未保存的修改" in form.dialog.text()  # type: ignore[union-attr]
    answer(form.dialog, QMessageBox.StandardButton.Cancel)
    assert form.isVisible() and form.dirty
    form.reject()
    answer(form.dialog, QMessageBox.StandardButton.Save)
    assert not form.isVisible()
    assert get_search_report(ctx.desk, form.sr.id).rows[0].similarity == "案情相似"
    # discard: the text typed is dropped on purpose
    again = dialog.open_search_report(form.sr.id)
    assert isinstance(again, SearchReportEditor)
    again.conclusion.setPlainText("不要了")
    again.reject()
    answer(again.dialog, QMessageBox.StandardButton.Discard)
    assert not again.isVisible() and get_search_report(ctx.desk, form.sr.id).conclusion == ""


def test_the_member_writes_the_search_report_of_their_own_report_only(qtbot: QtBot, ctx: AppContext) -> None:
    member = as_user(ctx, "member")
    own = searched(qtbot, open_editor(qtbot, member, MEMBER_OWN))
    assert own.can_generate
    own.set_ticked(own._hit(own.hit_items()[0]).hit.id)
    assert own.generate_button.isEnabled()
    own.generate()
    assert list_search_reports(member.desk, MEMBER_OWN)
    form = own.editor
    assert isinstance(form, SearchReportEditor) and not form.read_only and form.attach_button.isEnabled()

    other = searched(qtbot, open_editor(qtbot, member, MEMBER_OTHER))
    assert other.hit_items() and not other.can_generate
    other.set_ticked(other._hit(other.hit_items()[0]).hit.id)
    assert not other.generate_button.isEnabled() and "无权" in other.generate_button.toolTip()


def test_the_viewer_reads_but_does_not_write(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = searched(qtbot, open_editor(qtbot, ctx, PENDING))
    dialog.set_ticked(dialog._hit(dialog.hit_items()[0]).hit.id)
    dialog.generate()
    [sr_id] = list_search_reports(ctx.desk, PENDING)
    viewer = as_user(ctx, "viewer")
    seen = searched(qtbot, open_editor(qtbot, viewer, PENDING))
    seen.set_ticked(seen._hit(seen.hit_items()[0]).hit.id)
    assert not seen.generate_button.isEnabled() and "无权" in seen.generate_button.toolTip()
    form = seen.open_search_report(sr_id)
    assert isinstance(form, SearchReportEditor)
    assert form.read_only and form.similarity.isReadOnly() and not form.attach_button.isEnabled()
    assert "无权" in form.attach_button.toolTip() and form.export_button.isEnabled()  # viewers may export


DRAFTED = 1  # （2026）吉09刑终116号: discussed, and its item already made a draft reference case


def test_hits_read_right_the_pending_case_is_not_among_them_and_nothing_is_cut(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QStyle

    from meetingdesk.search.similar import FACTS_BANDS

    own = ctx.desk.query(
        "SELECT c.id FROM library_cases c JOIN agenda_items a ON a.id = c.agenda_item_id WHERE a.report_id = ?",
        (DRAFTED,),
    )
    assert own  # the demo's draft made from this very report
    dialog = searched(qtbot, open_editor(qtbot, ctx, DRAFTED))
    hits = [dialog._hit(i) for i in dialog.hit_items()]
    assert hits and not {r["id"] for r in own} & {h.hit.id for h in hits}
    assert max(h.facts_score for h in hits) == 1.0 and sum(h.facts_score >= 0.6 for h in hits) >= 2

    # 案情相似度 as a band; the figure, and what it is relative to, in the tooltip
    bands = {label for _floor, label in FACTS_BANDS}
    for item, h in zip(dialog.hit_items(), hits, strict=True):
        assert item.text(3) in bands and "%" not in item.text(3)
        tip = item.toolTip(3)
        assert "最相似" in tip and (h.facts_score == 1.0 or (f"{h.facts_score:.0%}" in tip and "相对值" in tip))
    assert "最相似" in dialog.tree.headerItem().toolTip(3)
    assert "相对值" in dialog.detail.toPlainText() or "最相似" in dialog.detail.toPlainText()

    # 检索关键词 without judgment boilerplate
    shown = dialog.terms.text().split("、")
    assert shown[0] == "盗窃罪" and not {"被告人", "人民币", "行为", "构成", "利用", "物品", "便利"} & set(shown)

    # tier rows span the whole width; the title column has the room, the others fit their contents
    dialog.resize(1080, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    for g in range(tree.topLevelItemCount()):
        assert tree.isFirstColumnSpanned(g, tree.rootIndex()), tree.topLevelItem(g).text(0)
    header = tree.header()
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch
    assert all(header.sectionResizeMode(c) == header.ResizeMode.ResizeToContents for c in range(1, 6))
    room = header.sectionSize(0) - tree.indentation() - tree.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    widest = max(tree.fontMetrics().horizontalAdvance(item.text(0)) for item in dialog.hit_items())
    assert widest + 12 <= room, (widest, room)


def drafted(qtbot: QtBot, ctx: AppContext, ticks: int = 2) -> tuple[SimilarCasesDialog, SearchReportEditor]:
    """Search report 5, tick the first hits, 生成类案检索报告: the editor it opens."""
    dialog = searched(qtbot, open_editor(qtbot, ctx, PENDING))
    for item in dialog.hit_items()[:ticks]:
        dialog.set_ticked(dialog._hit(item).hit.id)
    dialog.generate()
    form = dialog.editor
    assert isinstance(form, SearchReportEditor)
    return dialog, form


def test_the_header_is_edited_saved_with_save_and_read_only_once_final(
    qtbot: QtBot, ctx: AppContext, messages: list[str]
) -> None:
    from PySide6.QtWidgets import QHeaderView

    _dialog, form = drafted(qtbot, ctx)
    # 层级 is short, the full tier in the tooltip; 类案 has the room
    tier_cell = form.table.item(0, 0)
    row = form.sr.rows[0]
    assert tier_cell.text() == f"第{row.tier}层级" and row.tier_label in tier_cell.toolTip()
    columns = form.table.horizontalHeader()
    assert columns.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
    assert columns.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents

    assert not form.dirty and not form.fields["searcher"].isReadOnly()
    form.fields["searcher"].setText("刑一庭 曹红霞")
    form.fields["platform"].setText("人民法院案例库、中国裁判文书网")
    form.fields["keywords"].setText("诈骗罪、银行卡，转账")
    form.fields["articles"].setText("《刑法》第二百六十六条；《刑法》第二百八十七条之二")
    form.methods["article"].setChecked(True)
    form.issues.setPlainText("出售银行卡者构成诈骗罪共犯还是帮助信息网络犯罪活动罪。")
    day = form.searched_at.date().addDays(-2)
    form.searched_at.setDate(day)
    assert form.header_dirty() and form.dirty

    # closing asks (the header counts as unsaved) — keep editing
    form.reject()
    assert "未保存的修改" in form.dialog.text()  # type: ignore[union-attr]
    answer(form.dialog, QMessageBox.StandardButton.Cancel)

    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.issues, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # 保存
    sr = get_search_report(ctx.desk, form.sr.id)
    assert (sr.searcher, sr.platform) == ("刑一庭 曹红霞", "人民法院案例库、中国裁判文书网")
    assert sr.keywords == ("诈骗罪", "银行卡", "转账") and len(sr.articles) == 2
    assert sr.methods == ("keyword", "article", "case") and sr.issues.startswith("出售银行卡")
    assert sr.searched_at.startswith(day.toString("yyyy-MM-dd"))
    assert not form.dirty and "已保存" in form.status.text()

    # a wrong value is refused with the message, and the field gets the focus
    form.fields["searcher"].setText("  ")
    form.show()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert messages and "检索主体" in messages[-1] and form.fields["searcher"].hasFocus()
    assert get_search_report(ctx.desk, form.sr.id).searcher == "刑一庭 曹红霞"
    form.reload()

    form.conclusion.setPlainText("类案裁判观点一致。")
    qtbot.mouseClick(form.finalise_button, Qt.MouseButton.LeftButton)
    answer(form.dialog, QMessageBox.StandardButton.Yes)
    assert get_search_report(ctx.desk, form.sr.id).status == "final"
    assert all(edit.isReadOnly() for edit in form.fields.values())
    assert form.issues.isReadOnly() and form.searched_at.isReadOnly()
    assert not any(box.isEnabled() for box in form.methods.values()) and not form.save_button.isEnabled()


def test_attaching_again_replaces_the_earlier_attachment_and_says_so(qtbot: QtBot, ctx: AppContext) -> None:
    from meetingdesk.services.attachments import list_attachments

    _dialog, form = drafted(qtbot, ctx, ticks=1)
    before = [a.id for a in list_attachments(ctx.desk, PENDING)]
    with qtbot.waitSignal(form.sig_attached, timeout=20000):
        qtbot.mouseClick(form.attach_button, Qt.MouseButton.LeftButton)
    first = form.attached
    assert first is not None and first.replaced is None and "已作为“类案检索报告”附到案件报告" in form.status.text()

    form.similarity.setPlainText("补充：均为出售银行卡。")
    with qtbot.waitSignal(form.sig_attached, timeout=20000):
        qtbot.mouseClick(form.attach_button, Qt.MouseButton.LeftButton)  # saves the row first, then attaches
    second = form.attached
    assert second is not None and second.replaced is not None and second.replaced.id == first.attachment.id
    assert "替换" in form.status.text() and first.attachment.filename in form.status.text()
    after = [a.id for a in list_attachments(ctx.desk, PENDING)]
    assert after == [*before, second.attachment.id]  # one 类案检索报告 from this search report, nothing else lost
    assert get_search_report(ctx.desk, form.sr.id).rows[0].similarity == "补充：均为出售银行卡。"
