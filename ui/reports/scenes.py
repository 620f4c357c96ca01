"""Screenshot scenes of the 案件报告 page (scripts/screenshots.py): the intake form filled in, a 案号 error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QWidget

from meetingdesk.domain.opinions import OPTION_LABELS
from meetingdesk.i18n import N_, _
from meetingdesk.services.report_table import ReportQuery, report_ids
from meetingdesk.services.roster import body_members, list_bodies

if TYPE_CHECKING:
    from ui.pages.reports import ReportsPage

CIVIL = N_("民事")
GOOD_NUMBER = N_("(2026)吉09民终1288号")  # half-width brackets: the form shows how it will be saved
BAD_NUMBER = N_("（2026）吉09民中1288号")  # 民中 is no 类型代字


def _pick(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def filled_intake(page: ReportsPage) -> QWidget:
    """A new report typed in as a secretary would, before saving."""
    editor = page.editor
    editor.open_report(None)
    form = editor.form
    civil = next((b for b in list_bodies(page.ctx.desk) if b.specialty == CIVIL), None)
    if civil is not None:
        _pick(form.body, civil.id)
        members = body_members(page.ctx.desk, civil.id)
        if len(members) >= 4:
            _pick(form.judge, members[3].judge.id)
            form.panel.set_panel(())
            for member, role, holds in (
                (members[1], "presiding", "majority"),
                (members[3], "reporting", "majority"),
                (members[4], "member", "minority"),
            ):
                row = form.panel.add_row()
                _pick(row.judge, member.judge.id)
                _pick(row.role, role)
                _pick(row.holds, holds)
    form.case_number.setText(GOOD_NUMBER)
    form.cause.setText(_("房屋买卖合同纠纷"))
    form.parties.setText(_("上诉人王某；被上诉人某房地产开发有限公司"))
    form.reasons["panel_no_majority"].setChecked(True)
    form.reasons["unify_law"].setChecked(True)
    form.facts.setPlainText(
        _("王某与开发商签订商品房买卖合同，约定2024年12月交房。开发商逾期交房11个月，王某诉请解除合同并主张违约金。")
    )
    form.issues.setPlainText(_("逾期交房违约金过高时，法院能否依职权调整。"))
    form.questions.setPlainText(_("开发商未请求调整违约金时，法院可否主动释明并予调整？"))
    form.majority.setPlainText(_("违约金调整以当事人请求为前提，法院不宜依职权调整。"))
    form.minority.setPlainText(_("违约金明显过高的，法院可以释明并依法调整。"))
    form.options[OPTION_LABELS[0]].setText(_("不予调整，按合同约定计算违约金"))
    form.options[OPTION_LABELS[1]].setText(_("释明后按实际损失的130%调整"))
    page.window().activateWindow()
    form.case_number.setFocus()
    editor.scroll_area.verticalScrollBar().setValue(0)
    return page.window()


def validation_message(page: ReportsPage) -> QWidget:
    """A mistyped 案号: the message next to the field says what to fix."""
    filled_intake(page)
    form = page.editor.form
    form.case_number.setText(BAD_NUMBER)
    form.case_number.setFocus()
    return page.window()


def filled_intake_lower(page: ReportsPage) -> QWidget:
    """The lower half of the filled-in form: panel with views held, options, attachments."""
    filled_intake(page)
    form = page.editor.form
    top = form.panel.mapTo(form, QPoint(0, 0)).y()
    page.editor.scroll_area.verticalScrollBar().setValue(top - 40)
    return page.window()


def schedule_dialog(page: ReportsPage) -> QWidget:
    """排入会议 for an accepted report: the body's meetings being prepared, with deadlines."""
    accepted = report_ids(page.ctx.desk, page.ctx.actor, ReportQuery(states=("accepted",)))
    page.editor.open_report(accepted[0] if accepted else None)
    page.editor.schedule()
    dialog = page.editor.dialog
    return dialog if dialog is not None else page.window()


SCENE_REPORT_CAUSE = N_("盗窃罪")  # the demo's 物流 theft report: its similar cases span the tiers
SIMILARITY_TEXTS = (
    N_("均为物流从业人员利用经手托运物品之机秘密窃取，争议焦点均为盗窃罪与职务侵占罪的区分，案情相似。"),
    N_("入户盗窃与本案的秘密窃取手段不同，但均涉及盗窃罪的认定，可作参考。"),
)
CONCLUSION_TEXT = N_(
    "检索到的类案裁判观点一致：仅有临时经手劳务便利的物流从业人员窃取托运物品的，以盗窃罪论处。可供合议庭参考。"
)


def _scene_report(page: ReportsPage) -> int:
    ctx = page.ctx
    ids = report_ids(ctx.desk, ctx.actor, ReportQuery(text=SCENE_REPORT_CAUSE))
    report_id = ids[-1] if ids else report_ids(ctx.desk, ctx.actor, ReportQuery())[0]
    page.editor.open_report(report_id)
    return report_id


def similar_dialog(page: ReportsPage) -> QWidget:
    """类案检索 for the demo's theft report: hits grouped by tier, two ticked, the first one's detail."""
    from meetingdesk.search.similar import similar_for_report

    from ui.library.similar_dialog import SimilarCasesDialog

    ctx = page.ctx
    report_id = _scene_report(page)
    dialog = SimilarCasesDialog(ctx, report_id, page.editor)
    page.editor.similar_dialog = dialog
    dialog.show()
    dialog.show_results(similar_for_report(ctx.desk, ctx.actor, report_id, limit=dialog.limit.value()))
    items = dialog.hit_items()
    for item in items[:2]:
        dialog.set_ticked(dialog._hit(item).hit.id)
    if items:
        dialog.tree.setCurrentItem(items[0])
    return dialog


def search_report_editor(page: ReportsPage) -> QWidget:
    """The 类案检索报告 drafted from two hits, with its 相似性分析 and 检索结论 written."""
    from meetingdesk.library.search_report import conclude, create_search_report, update_row
    from meetingdesk.search.similar import similar_for_report

    from ui.library.search_report_editor import SearchReportEditor

    ctx = page.ctx
    report_id = _scene_report(page)
    results = similar_for_report(ctx.desk, ctx.actor, report_id, limit=10)
    ticked = [h.hit.id for h in results.hits[:2]]
    sr_id = create_search_report(ctx.desk, ctx.actor, report_id, ticked, results=results)
    editor = SearchReportEditor(ctx, sr_id, page.editor)
    for position, row in enumerate(editor.sr.rows, start=1):
        text = _(SIMILARITY_TEXTS[min(position - 1, len(SIMILARITY_TEXTS) - 1)])
        update_row(ctx.desk, ctx.actor, sr_id, position, similarity=text, use=row.use)
    conclude(ctx.desk, ctx.actor, sr_id, _(CONCLUSION_TEXT), has_conflict=False)
    editor.reload()
    editor.show()
    return editor
