"""The intake/edit form of a case report: every field of domain.md §2, validated as the user types.

The form only collects and shows; saving and the workflow actions live in the editor
(ui/reports/editor.py). Field errors from the services (ValidationError.field) are shown next to
the field they concern, and nothing typed is cleared by a failed save.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.domain.choices import INITIATORS, PROCEDURES, QUESTION_TYPES, SUBMISSION_REASONS
from meetingdesk.domain.opinions import OPTION_LABELS
from meetingdesk.errors import ValidationError
from meetingdesk.i18n import N_, _
from meetingdesk.services.report_intake import case_number_taken, input_completeness
from meetingdesk.services.reports import Report, ReportInput, normalise_case_number
from meetingdesk.services.roster import list_bodies, list_judges

from ui.context import AppContext
from ui.form_rows import ERROR_STYLE, add_field_row, message_label
from ui.reports.attachments_box import AttachmentsBox
from ui.reports.panel_editor import PanelEditor

OK_STYLE = "color: #1a7f37;"
HINT_STYLE = "color: #667085;"
CASE_NUMBER_EXAMPLE = N_("（2026）吉09民终123号")


def _text_box(tooltip: str, placeholder: str = "", height: int = 72) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setToolTip(tooltip)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 2)
    return box


class ReportForm(QWidget):
    """Fields of one report; ``collect()`` turns them into a ReportInput."""

    sig_dirty_changed = Signal(bool)
    """The form now differs (or no longer differs) from what was loaded."""

    sig_missing_changed = Signal(list)
    """What the report still lacks before it can be submitted (list of str)."""

    def __init__(
        self,
        ctx: AppContext,
        ensure_saved: Callable[[], int | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``ensure_saved`` saves a new report before its first attachment and returns its id (or None)."""
        super().__init__(parent)
        self.ctx = ctx
        self.report: Report | None = None
        self._loading = False
        self._dirty = False
        self._read_only = False
        self._errors: dict[str, QLabel] = {}
        self._field_widgets: dict[str, QWidget] = {}

        # -- 基本信息
        self.case_number = QLineEdit()
        self.case_number.setObjectName("caseNumber")
        self.case_number.setPlaceholderText(CASE_NUMBER_EXAMPLE)
        self.case_number.setToolTip(_("案号，如{example}；半角括号会自动改为全角").format(example=CASE_NUMBER_EXAMPLE))
        self.legacy = QCheckBox(_("旧式案号（2016年以前）"))
        self.legacy.setObjectName("legacyCaseNumber")
        self.legacy.setToolTip(_("2016年以前的案号（如（2014）长民二初字第123号）按原样保存"))
        self.case_number_message = QLabel()
        self.case_number_message.setObjectName("caseNumberMessage")
        self.case_number_message.setWordWrap(True)
        self.body = QComboBox()
        self.body.setObjectName("body")
        self.body.setToolTip(_("提交讨论的专业法官会议"))
        self.judge = QComboBox()
        self.judge.setObjectName("reportingJudge")
        self.judge.setToolTip(_("承办法官"))
        self.cause = QLineEdit()
        self.cause.setObjectName("cause")
        self.cause.setToolTip(_("案由或罪名，如“民间借贷纠纷”“诈骗罪”"))
        self.parties = QLineEdit()
        self.parties.setObjectName("parties")
        self.parties.setToolTip(_("当事人简况，如“上诉人张某；被上诉人李某”"))
        self.procedure = self._choice_box("procedure", PROCEDURES, _("审判程序"))
        self.initiator = self._choice_box("initiator", INITIATORS, _("提请讨论的主体"))
        self.question_type = self._choice_box("questionType", QUESTION_TYPES, _("提请讨论的问题类型"))

        number_row = QWidget()
        number_layout = QHBoxLayout(number_row)
        number_layout.setContentsMargins(0, 0, 0, 0)
        number_layout.addWidget(self.case_number, 1)
        number_layout.addWidget(self.legacy)
        basics = QGroupBox(_("基本信息"))
        basics_form = self._form(basics)
        self._add_row(basics_form, _("案号(&H)"), number_row, "case_number", self.case_number, self.case_number_message)
        self._add_row(basics_form, _("会议组(&B)"), self.body, "body_id")
        self._add_row(basics_form, _("承办法官(&J)"), self.judge, "reporting_judge_id")
        self._add_row(basics_form, _("案由(&Y)"), self.cause, "cause")
        self._add_row(basics_form, _("当事人(&D)"), self.parties, "parties")
        self._add_row(basics_form, _("审判程序"), self.procedure, "procedure")
        self._add_row(basics_form, _("提请主体"), self.initiator, "initiator")
        self._add_row(basics_form, _("问题类型"), self.question_type, "question_type")

        # -- 提请理由 (multi-select)
        reasons_box = QGroupBox(_("提请讨论的理由（可多选）"))
        reasons_layout = QVBoxLayout(reasons_box)
        self.reasons: dict[str, QCheckBox] = {}
        for code, label in SUBMISSION_REASONS:
            check = QCheckBox(label)
            check.setObjectName(f"reason_{code}")
            check.setToolTip(label)
            self.reasons[code] = check
            reasons_layout.addWidget(check)
        self._errors["reasons"] = message_label()
        reasons_layout.addWidget(self._errors["reasons"])
        self._field_widgets["reasons"] = next(iter(self.reasons.values()))

        # -- 案件内容
        self.facts = _text_box(_("基本案情：与提请讨论问题有关的事实"), _("与提请讨论的问题有关的案件事实"), 96)
        self.facts.setObjectName("facts")
        self.issues = _text_box(_("争议焦点"))
        self.issues.setObjectName("issues")
        self.questions = _text_box(_("提请专业法官会议讨论的法律适用等问题"))
        self.questions.setObjectName("questions")
        content = QGroupBox(_("案件内容"))
        content_form = self._form(content)
        self._add_row(content_form, _("基本案情(&Q)"), self.facts, "facts")
        self._add_row(content_form, _("争议焦点(&Z)"), self.issues, "issues")
        self._add_row(content_form, _("提请讨论的问题(&W)"), self.questions, "questions")

        # -- 合议庭评议
        self.panel = PanelEditor()
        self.panel.setObjectName("panelEditor")
        self.majority = _text_box(_("合议庭多数意见及理由"))
        self.majority.setObjectName("majorityView")
        self.minority = _text_box(_("合议庭少数意见及理由（没有可不填）"))
        self.minority.setObjectName("minorityView")
        self.options: dict[str, QLineEdit] = {}
        options_widget = QWidget()
        options_layout = QFormLayout(options_widget)
        options_layout.setContentsMargins(0, 0, 0, 0)
        self._option_rows: dict[str, QWidget] = {}
        for label in OPTION_LABELS:
            edit = QLineEdit()
            edit.setObjectName(f"option_{label}")
            edit.setToolTip(_("{label}意见的内容；报告不设备选方案时留空").format(label=label))
            self.options[label] = edit
            options_layout.addRow(_("{label}意见").format(label=label), edit)
            self._option_rows[label] = edit
        self.more_options = QPushButton(_("更多备选意见（丁、戊）"))
        self.more_options.setObjectName("moreOptions")
        self.more_options.setToolTip(_("显示丁、戊两项备选意见"))
        self.more_options.clicked.connect(lambda: self._show_extra_options(True))
        options_layout.addRow("", self.more_options)
        self._options_layout = options_layout
        deliberation = QGroupBox(_("合议庭评议"))
        deliberation_form = self._form(deliberation)
        self._add_row(deliberation_form, _("合议庭成员"), self.panel, "panel")
        self._add_row(deliberation_form, _("多数意见(&M)"), self.majority, "panel_majority_view")
        self._add_row(deliberation_form, _("少数意见(&N)"), self.minority, "panel_minority_view")
        self._add_row(deliberation_form, _("备选意见"), options_widget, "options", self.options[OPTION_LABELS[0]])

        # -- 附件与类案检索
        self.attachments = AttachmentsBox(ctx, ensure_saved or (lambda: self.report_id))
        self.attachments.setObjectName("attachmentsBox")
        self.waiver = QLineEdit()
        self.waiver.setObjectName("searchReportWaiver")
        self.waiver.setToolTip(_("确实无法附类案检索报告时，写明理由（如“经检索未发现类案”）"))
        self.waiver.setPlaceholderText(_("已附类案检索报告的，此处不填"))
        self.search_status = QLabel()
        self.search_status.setObjectName("searchReportStatus")
        self.search_status.setWordWrap(True)
        files = QGroupBox(_("附件与类案检索报告"))
        files_form = self._form(files)
        self._add_row(files_form, _("附件"), self.attachments, "attachment", self.attachments.table)
        self._add_row(files_form, _("未附检索报告的理由"), self.waiver, "search_report_waiver")
        files_form.addRow("", self.search_status)

        layout = QVBoxLayout(self)
        for group in (basics, reasons_box, content, deliberation, files):
            layout.addWidget(group)
        layout.addStretch(1)

        self._connect_changes()
        self.panel.sig_rows_changed.connect(self.chain_tab_order)
        self.attachments.sig_changed.connect(self._update_missing)  # saved at once: not "dirty"
        self.reload_choices()
        self.load(None)

    # ---- building helpers

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _add_row(
        self,
        form: QFormLayout,
        title: str,
        widget: QWidget,
        field: str,
        focus: QWidget | None = None,
        message: QLabel | None = None,
    ) -> None:
        """A labelled row (the label is the buddy of ``focus``) with a message line under the field."""
        error = message or message_label()
        error.setObjectName(error.objectName() or f"error_{field}")
        add_field_row(form, title, widget, error, focus)
        self._errors[field] = error
        self._field_widgets[field] = focus or widget

    def _choice_box(self, name: str, choices: object, tooltip: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setToolTip(tooltip)
        for code, label in choices:  # type: ignore[attr-defined]
            box.addItem(label, code)
        return box

    def _connect_changes(self) -> None:
        for edit in (self.case_number, self.cause, self.parties, self.waiver, *self.options.values()):
            edit.textChanged.connect(self._on_inputs_changed)
        for text in (self.facts, self.issues, self.questions, self.majority, self.minority):
            text.textChanged.connect(self._on_inputs_changed)
        for combo in (self.body, self.judge, self.procedure, self.initiator, self.question_type):
            combo.currentIndexChanged.connect(self._on_inputs_changed)
        for check in (self.legacy, *self.reasons.values()):
            check.toggled.connect(self._on_inputs_changed)
        self.panel.sig_changed.connect(self._on_inputs_changed)
        self.case_number.textChanged.connect(self.check_case_number)
        self.legacy.toggled.connect(self.check_case_number)

    # ---- public API

    @property
    def report_id(self) -> int | None:
        return self.report.id if self.report else None

    @property
    def dirty(self) -> bool:
        return self._dirty

    def reload_choices(self) -> None:
        """Bodies and judges from the roster (kept selected across reloads)."""
        body, judge = self.body.currentData(), self.judge.currentData()
        body_text, judge_text = self.body.currentText(), self.judge.currentText()
        was_loading, self._loading = self._loading, True
        try:
            self.body.clear()
            for b in list_bodies(self.ctx.desk, active_only=True):
                self.body.addItem(b.name, b.id)
            judges = list_judges(self.ctx.desk, active_only=True, judges_only=True)
            self.judge.clear()
            self.judge.addItem(_("（请选择）"), None)
            for j in judges:
                self.judge.addItem(j.name, j.id)
            self.panel.set_judges(judges)
            self._select(self.body, body, body_text)  # an inactive one stays selected on old reports
            self._select(self.judge, judge, judge_text)
        finally:
            self._loading = was_loading

    def load(self, report: Report | None) -> None:
        """Show ``report`` (None: a blank new report) and forget unsaved changes."""
        self._loading = True
        try:
            self.report = report
            self.clear_errors()
            if report is None:
                self.case_number.clear()
                self.legacy.setChecked(False)
                self.body.setCurrentIndex(0 if self.body.count() else -1)
                self._select(self.judge, self.ctx.actor.judge_id)
                for w in (self.cause, self.parties, self.waiver, *self.options.values()):
                    w.clear()
                for t in (self.facts, self.issues, self.questions, self.majority, self.minority):
                    t.clear()
                for combo, code in (
                    (self.procedure, "first"),
                    (self.initiator, "panel"),
                    (self.question_type, "law"),
                ):
                    self._select(combo, code)
                for check in self.reasons.values():
                    check.setChecked(False)
                self.panel.set_panel(())
                self.attachments.set_attachments(None, ())
            else:
                self.case_number.setText(report.case_number)
                self.legacy.setChecked(report.case_number_legacy)
                self._select(self.body, report.body_id, report.body_name)
                self._select(self.judge, report.reporting_judge_id, report.reporting_judge_name)
                self.cause.setText(report.cause)
                self.parties.setText(report.parties)
                self._select(self.procedure, report.procedure)
                self._select(self.initiator, report.initiator)
                self._select(self.question_type, report.question_type)
                for code, check in self.reasons.items():
                    check.setChecked(code in report.reasons)
                self.facts.setPlainText(report.facts)
                self.issues.setPlainText(report.issues)
                self.questions.setPlainText(report.questions)
                self.majority.setPlainText(report.panel_majority_view)
                self.minority.setPlainText(report.panel_minority_view)
                self.panel.set_panel(report.panel)
                options = dict(report.options)
                for label, edit in self.options.items():
                    edit.setText(options.get(label, ""))
                self.waiver.setText(report.search_report_waiver)
                self.attachments.set_attachments(report.id, report.attachments)
            self._show_extra_options(any(self.options[x].text() for x in OPTION_LABELS[3:]))
        finally:
            self._loading = False
        self._set_dirty(False)
        self.check_case_number()
        self._update_missing()

    # ---- drafts: what was typed, kept when the app quits without a chance to ask (the lock screen)

    def _draft_widgets(self) -> dict[str, QWidget]:
        named: dict[str, QWidget] = {
            "case_number": self.case_number,
            "cause": self.cause,
            "parties": self.parties,
            "waiver": self.waiver,
            "facts": self.facts,
            "issues": self.issues,
            "questions": self.questions,
            "majority": self.majority,
            "minority": self.minority,
            "body": self.body,
            "judge": self.judge,
            "procedure": self.procedure,
            "initiator": self.initiator,
            "question_type": self.question_type,
            "legacy": self.legacy,
        }
        named |= {f"option:{label}": edit for label, edit in self.options.items()}
        named |= {f"reason:{key}": check for key, check in self.reasons.items()}
        return named

    def draft(self) -> dict[str, object]:
        """The typed values, by field (the panel's members are not included)."""
        values: dict[str, object] = {}
        for name, widget in self._draft_widgets().items():
            if isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QComboBox):  # by its data (an id or a code): lists may change meanwhile
                data = widget.currentData()
                values[name] = {"data": data} if isinstance(data, (int, str)) else {"index": widget.currentIndex()}
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
        return values

    def restore_draft(self, values: dict[str, object]) -> None:
        """Put a kept draft back over what was loaded; the form is then dirty, as when it was left."""
        for name, widget in self._draft_widgets().items():
            value = values.get(name)
            if isinstance(widget, QLineEdit) and isinstance(value, str):
                widget.setText(value)
            elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
                widget.setPlainText(value)
            elif isinstance(widget, QComboBox) and isinstance(value, dict):
                at = widget.findData(value["data"]) if "data" in value else value.get("index", -1)
                if isinstance(at, int) and 0 <= at < widget.count():
                    widget.setCurrentIndex(at)
            elif isinstance(widget, QCheckBox) and isinstance(value, bool):
                widget.setChecked(value)
        self._set_dirty(True)
        self._update_missing()

    def collect(self) -> ReportInput:
        """The form as a ReportInput (the services validate it)."""
        return ReportInput(
            case_number=self.case_number.text().strip(),
            body_id=int(self.body.currentData() or 0),
            reporting_judge_id=int(self.judge.currentData() or 0),
            cause=self.cause.text(),
            parties=self.parties.text(),
            procedure=str(self.procedure.currentData()),
            initiator=str(self.initiator.currentData()),
            question_type=str(self.question_type.currentData()),
            facts=self.facts.toPlainText(),
            issues=self.issues.toPlainText(),
            questions=self.questions.toPlainText(),
            panel_majority_view=self.majority.toPlainText(),
            panel_minority_view=self.minority.toPlainText(),
            search_report_waiver=self.waiver.text(),
            legacy_case_number=self.legacy.isChecked(),
            reasons=tuple(code for code, check in self.reasons.items() if check.isChecked()),
            panel=self.panel.panel(),
            options=tuple((label, e.text().strip()) for label, e in self.options.items() if e.text().strip()),
        )

    def missing(self) -> list[str]:
        return input_completeness(self.collect(), self.attachments.attachments()).missing

    def show_field_error(self, error: ValidationError) -> bool:
        """Show a service's field error next to its field and focus it; False if the form has no such field."""
        field = error.field or ""
        label = self._errors.get(field)
        if label is None:
            return False
        label.setText(error.message)
        label.setStyleSheet(ERROR_STYLE)
        label.show()
        widget = self._field_widgets.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def clear_errors(self) -> None:
        for field, label in self._errors.items():
            if field != "case_number":
                label.hide()
                label.clear()

    def field_error(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in (self.case_number, self.cause, self.parties, self.waiver, *self.options.values()):
            edit.setReadOnly(read_only)
        for text in (self.facts, self.issues, self.questions, self.majority, self.minority):
            text.setReadOnly(read_only)
        for w in (self.body, self.judge, self.procedure, self.initiator, self.question_type, self.legacy):
            w.setEnabled(not read_only)
        for check in self.reasons.values():
            check.setEnabled(not read_only)
        self.panel.set_read_only(read_only)
        self.attachments.set_read_only(read_only)
        self.more_options.setEnabled(not read_only)

    def focus_chain(self) -> list[QWidget]:
        """Every input in the order the form reads, top to bottom."""
        chain: list[QWidget] = [
            self.case_number,
            self.legacy,
            self.body,
            self.judge,
            self.cause,
            self.parties,
            self.procedure,
            self.initiator,
            self.question_type,
            *self.reasons.values(),
            self.facts,
            self.issues,
            self.questions,
            *self.panel.focus_widgets(),
            self.majority,
            self.minority,
            *self.options.values(),
            self.more_options,
            *self.attachments.focus_widgets(),
            self.waiver,
        ]
        return chain

    def chain_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- validation as you type

    def check_case_number(self) -> None:
        text = self.case_number.text().strip()
        label = self.case_number_message
        if not text:
            label.setText(_("请填写案号，如{example}。").format(example=CASE_NUMBER_EXAMPLE))
            label.setStyleSheet(HINT_STYLE)
            label.show()
            return
        try:
            normalised, _year = normalise_case_number(self.ctx.desk, text, self.legacy.isChecked())
        except ValidationError as exc:
            label.setText(exc.message)
            label.setStyleSheet(ERROR_STYLE)
            label.show()
            return
        other = case_number_taken(self.ctx.desk, normalised, self.report_id)
        if other is not None:
            label.setText(
                _("案号{number}已登记（案件报告编号{id}）；同一案件只能有一份报告。").format(
                    number=normalised, id=other
                )
            )
            label.setStyleSheet(ERROR_STYLE)
        elif normalised != text:
            label.setText(_("✓ 案号有效，将保存为：{number}").format(number=normalised))
            label.setStyleSheet(OK_STYLE)
        else:
            label.setText(_("✓ 案号有效"))
            label.setStyleSheet(OK_STYLE)
        label.show()

    def case_number_message_text(self) -> str:
        return self.case_number_message.text()

    # ---- internals

    def _select(self, combo: QComboBox, value: object, label: str = "") -> None:
        index = combo.findData(value)
        if index < 0 and value is not None and label:
            combo.addItem(label, value)  # e.g. a body no longer active, kept visible on old reports
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0) if combo.count() else -1)

    def _show_extra_options(self, show: bool) -> None:
        for label in OPTION_LABELS[3:]:
            edit = self.options[label]
            edit.setVisible(show)
            field_label = self._options_layout.labelForField(edit)
            if field_label is not None:
                field_label.setVisible(show)
        self.more_options.setVisible(not show)
        if show and not self._loading:
            self.options[OPTION_LABELS[3]].setFocus()

    def _on_inputs_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._update_missing()

    def _update_missing(self) -> None:
        missing = self.missing()
        has_search = any(a.kind == "search_report" for a in self.attachments.attachments())
        if has_search:
            self.search_status.setText(_("✓ 已附类案检索报告"))
            self.search_status.setStyleSheet(OK_STYLE)
        elif self.waiver.text().strip():
            self.search_status.setText(_("未附类案检索报告，已写明理由"))
            self.search_status.setStyleSheet(HINT_STYLE)
        else:
            self.search_status.setText(
                _("类案检索报告为必备材料：请添加类别为“类案检索报告”的附件，或写明未附的理由。")
            )
            self.search_status.setStyleSheet(ERROR_STYLE)
        self.sig_missing_changed.emit(missing)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.sig_dirty_changed.emit(dirty)
