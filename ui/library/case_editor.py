"""The form of a reference case: the SPC layout's fields, provenance, and errors shown beside each field.

The form never writes: the panel collects a :class:`CaseInput` and calls the core, which validates.
Its values also round-trip through JSON (:meth:`CaseEditor.values` / :meth:`CaseEditor.set_values`) so
unsaved text can be kept as a draft.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.cases import CaseInput, ReferenceCase, parse_keywords
from meetingdesk.library.choices import CATEGORIES, DEFAULT_TIER, MAX_KEYWORDS, TIERS, tier_label

from ui.form_rows import ERROR_STYLE, add_field_row, message_label

TEXT_FIELDS = ("title", "keywords", "court", "decided_on", "cause", "issuer", "issued_on", "issue_no")
PLAIN_FIELDS = ("key_points", "articles", "case_numbers", "facts", "result", "reasoning", "full_text", "notes")


def _plain(tip: str, placeholder: str = "", height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setToolTip(tip)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class CaseEditor(QScrollArea):
    sig_changed = Signal()
    """Something was typed or chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.case: ReferenceCase | None = None
        self._loading = False
        body = QWidget()
        self.setWidget(body)
        self.message = QLabel()
        self.message.setObjectName("editorError")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.title = QLineEdit()
        self.title.setPlaceholderText(_("某某诉某某买卖合同纠纷案 / 被告人某某盗窃案"))
        self.title.setToolTip(_("标题：民事、行政为“某某诉某某+案由+案”，刑事为“被告人+姓名+罪名+案”"))
        self.category = QComboBox()
        self.category.setToolTip(_("案例类别，决定默认的效力层级"))
        for code, label in CATEGORIES:
            self.category.addItem(label, code)
        self.tier = QComboBox()
        self.tier.setToolTip(_("效力层级（类案检索指导意见第四条）：留“按类别”即取案例类别的通常层级"))
        self.tier.addItem(_("按类别"), None)
        for value in TIERS:
            self.tier.addItem(f"{value} {tier_label(value)}", value)
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(_("由宽到窄，用“；”分隔，如：刑事；盗窃；职务便利"))
        self.keywords.setToolTip(_("关键词最多 {n} 个，由宽到窄排列，用分号、逗号或空格分隔").format(n=MAX_KEYWORDS))
        self.key_points = _plain(
            _("裁判要点：一段话概括本案确立的裁判规则；多个要点每行一个，导出时自动编号"),
            _("一段话概括裁判规则；多个要点每行一个"),
            96,
        )
        self.articles = _plain(_("相关法条：每行或用分号分隔一条，如《中华人民共和国刑法》第二百六十四条"), "", 48)
        self.case_numbers = _plain(
            _("各审级案号，每行一个，由一审到终审"), _("（2024）东刑初12号\n（2024）东刑终88号"), 48
        )
        self.court = QLineEdit()
        self.court.setToolTip(_("作出生效裁判的审理法院"))
        self.decided_on = QLineEdit()
        self.decided_on.setToolTip(_("裁判日期，写作 2026-03-05；不详可留空"))
        self.decided_on.setPlaceholderText("2026-03-05")
        self.cause = QLineEdit()
        self.cause.setToolTip(_("案由或罪名，如“盗窃罪”“民间借贷纠纷”；多个罪名用顿号分隔"))
        self.facts = _plain(_("基本案情"), "", 120)
        self.result = _plain(_("裁判结果"), "", 56)
        self.reasoning = _plain(_("裁判理由"), "", 120)
        self.full_text = _plain(_("裁判文书全文（导入的裁判文书；可留空）"), "", 56)
        self.issuer = QLineEdit()
        self.issuer.setToolTip(_("发布机关，如“最高人民法院”“某省高级人民法院”"))
        self.issued_on = QLineEdit()
        self.issued_on.setToolTip(_("发布日期，写作 2026-03-05"))
        self.issued_on.setPlaceholderText("2026-03-05")
        self.issue_no = QLineEdit()
        self.issue_no.setToolTip(_("发布编号，如“指导性案例第1号”"))
        self.source = QLabel()
        self.source.setObjectName("caseSource")
        self.source.setWordWrap(True)
        self.notes = _plain(_("备注（不导出）"), "", 40)

        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        for name in (*TEXT_FIELDS, *PLAIN_FIELDS, "category", "tier"):
            widget = getattr(self, name)
            widget.setObjectName(f"case_{name}")
            self._widgets[name] = widget

        main = QGroupBox(_("标题与裁判要点"))
        form = self._form(main)
        self._row(form, _("标题(&T)："), "title")
        self._row(form, _("案例类别(&L)："), "category")
        self._row(form, _("效力层级(&C)："), "tier")
        self._row(form, _("关键词(&K)："), "keywords")
        self._row(form, _("裁判要点(&P)："), "key_points")
        self._row(form, _("相关法条(&A)："), "articles")
        info = QGroupBox(_("案件信息"))
        form = self._form(info)
        self._row(form, _("案号(&H)："), "case_numbers")
        self._row(form, _("审理法院(&U)："), "court")
        self._row(form, _("裁判日期(&D)："), "decided_on")
        self._row(form, _("案由/罪名(&Y)："), "cause")
        story = QGroupBox(_("案情与裁判"))
        form = self._form(story)
        self._row(form, _("基本案情(&F)："), "facts")
        self._row(form, _("裁判结果(&R)："), "result")
        self._row(form, _("裁判理由(&O)："), "reasoning")
        self._row(form, _("全文："), "full_text")
        issue = QGroupBox(_("发布信息"))
        form = self._form(issue)
        self._row(form, _("发布机关："), "issuer")
        self._row(form, _("发布日期："), "issued_on")
        self._row(form, _("发布编号："), "issue_no")
        form.addRow(_("来源："), self.source)
        self._row(form, _("备注："), "notes")

        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.message)
        for box in (main, info, story, issue):
            layout.addWidget(box)
        layout.addStretch(1)

        for name in TEXT_FIELDS:
            getattr(self, name).textChanged.connect(self._changed)
        for name in PLAIN_FIELDS:
            getattr(self, name).textChanged.connect(self._changed)
        for combo in (self.category, self.tier):
            combo.currentIndexChanged.connect(self._changed)
        self.category.currentIndexChanged.connect(self._update_tier_label)
        self.keywords.textChanged.connect(self._check_keywords)
        self._chain_tab_order()
        self._update_tier_label()

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        return form

    def _row(self, form: QFormLayout, text: str, name: str) -> None:
        self._errors[name] = message_label(f"error_{name}")
        add_field_row(form, text, self._widgets[name], self._errors[name])

    def _chain_tab_order(self) -> None:
        order = [
            "title", "category", "tier", "keywords", "key_points", "articles", "case_numbers", "court",
            "decided_on", "cause", "facts", "result", "reasoning", "full_text", "issuer", "issued_on",
            "issue_no", "notes",
        ]  # fmt: skip
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(self._widgets[a], self._widgets[b])

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def _update_tier_label(self) -> None:
        code = self.category.currentData() or "reference"
        tier = DEFAULT_TIER.get(code, 5)
        self.tier.setItemText(0, _("按类别（{n} {label}）").format(n=tier, label=tier_label(tier)))

    def _check_keywords(self) -> None:
        count = len(parse_keywords(self.keywords.text()))
        if count > MAX_KEYWORDS:
            self._show_error("keywords", _("关键词超过 {n} 个，请删减").format(n=MAX_KEYWORDS))
        elif self._errors["keywords"].text() == _("关键词超过 {n} 个，请删减").format(n=MAX_KEYWORDS):
            self._errors["keywords"].hide()

    # ---- values

    def load(self, case: ReferenceCase | None) -> None:
        """Show a saved case (or an empty new one, a 参考性案例 by default)."""
        self.case = case
        data: CaseInput = case if case is not None else CaseInput(title="", category="reference")
        values = {
            "title": data.title,
            "keywords": _("；").join(data.keywords),
            "key_points": data.key_points,
            "articles": data.articles,
            "case_numbers": "\n".join(data.case_numbers),
            "court": data.court,
            "decided_on": data.decided_on or "",
            "cause": data.cause,
            "facts": data.facts,
            "result": data.result,
            "reasoning": data.reasoning,
            "full_text": data.full_text,
            "issuer": data.issuer,
            "issued_on": data.issued_on or "",
            "issue_no": data.issue_no,
            "notes": data.notes,
            "category": data.category,
            "tier": data.tier if case is not None and data.tier != DEFAULT_TIER.get(data.category) else None,
        }
        self.set_values(values)
        self.source.setText(self._source_text())
        self.clear_errors()

    def _source_text(self) -> str:
        case = self.case
        if case is None or not case.source:
            return _("手工录入")
        if case.source == "meeting":
            return _("本院专业法官会议")
        return _("导入自 {file}").format(file=case.source)

    def values(self) -> dict[str, Any]:
        """What is in the form, as JSON-able values (for drafts and for the "changed?" check)."""
        out: dict[str, Any] = {name: getattr(self, name).text() for name in TEXT_FIELDS}
        out.update({name: getattr(self, name).toPlainText() for name in PLAIN_FIELDS})
        out["category"] = self.category.currentData()
        out["tier"] = self.tier.currentData()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name in TEXT_FIELDS:
                getattr(self, name).setText(str(values.get(name) or ""))
            for name in PLAIN_FIELDS:
                getattr(self, name).setPlainText(str(values.get(name) or ""))
            self.category.setCurrentIndex(max(self.category.findData(values.get("category") or "reference"), 0))
            tier = values.get("tier")
            self.tier.setCurrentIndex(max(self.tier.findData(tier), 0) if tier is not None else 0)
        finally:
            self._loading = False
        self._update_tier_label()

    def collect(self) -> CaseInput:
        """The form as the core's input; provenance (source, meeting) is kept from the case being edited."""
        v = self.values()
        numbers = tuple(line.strip() for line in v["case_numbers"].splitlines() if line.strip())
        data = CaseInput(
            title=v["title"],
            keywords=parse_keywords(v["keywords"]),
            key_points=v["key_points"].strip(),
            articles=v["articles"].strip(),
            facts=v["facts"].strip(),
            result=v["result"].strip(),
            reasoning=v["reasoning"].strip(),
            full_text=v["full_text"].strip(),
            case_numbers=numbers,
            court=v["court"],
            decided_on=v["decided_on"].strip() or None,
            cause=v["cause"],
            category=v["category"] or "reference",
            tier=v["tier"],
            issuer=v["issuer"].strip(),
            issued_on=v["issued_on"].strip() or None,
            issue_no=v["issue_no"].strip(),
            notes=v["notes"],
            charges=None,  # recognised again from the cause, result and title
        )
        case = self.case
        if case is not None:
            data = replace(
                data,
                source=case.source,
                source_ref=case.source_ref,
                meeting_id=case.meeting_id,
                agenda_item_id=case.agenda_item_id,
            )
        return data

    # ---- errors

    def show_field_error(self, error: ValidationError) -> None:
        """Beside its field when the form has it, else above the form; the field gets the focus."""
        label = self._errors.get(error.field or "")
        if label is None:
            self.message.setText(error.message)
            self.message.show()
            self.ensureWidgetVisible(self.message)
            return
        self._show_error(error.field or "", error.message)
        widget = self._widgets[error.field or ""]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(widget)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _show_error(self, field: str, text: str) -> None:
        label = self._errors[field]
        label.setText(text)
        label.show()

    def field_error(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        self.message.hide()
        self.message.clear()
        for label in self._errors.values():
            label.hide()
            label.clear()

    def focus_first(self) -> None:
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
