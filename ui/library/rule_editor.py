"""The form of a 裁判规则: the rule, its scope, and its sources (discussed agenda items and library cases)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.cases import get_case, parse_keywords
from meetingdesk.library.choices import MAX_KEYWORDS
from meetingdesk.library.rules import Rule, RuleInput
from meetingdesk.services.actor import Actor
from meetingdesk.services.agenda import agenda, get_item
from meetingdesk.services.desk import Desk
from meetingdesk.services.meetings import list_meetings

from ui.form_rows import ERROR_STYLE, add_field_row, message_label

SourceKey = tuple[str, int]  # ("item", agenda item id) or ("case", case id)


def discussed_items(desk: Desk, actor: Actor) -> list[tuple[int, str]]:
    """(agenda item id, “2026-03-05 讨论 案号 案由”) of every discussed item the user may see, newest first."""
    out: list[tuple[int, str]] = []
    for meeting in reversed(list_meetings(desk, actor)):
        day = (meeting.actual_start or meeting.starts_at).date().isoformat()
        for item in agenda(desk, meeting.id):
            if item.status == "discussed":
                out.append(
                    (item.id, _("{day} 讨论 {case} {cause}").format(day=day, case=item.case_number, cause=item.cause))
                )
    return out


class RuleEditor(QScrollArea):
    sig_changed = Signal()

    def __init__(
        self, desk: Desk, actor: Actor, pick_case: Callable[[], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk, self.actor = desk, actor
        self.rule: Rule | None = None
        self._loading = False
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.message = QLabel()
        self.message.setObjectName("ruleError")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.title = QLineEdit()
        self.title.setObjectName("rule_title")
        self.title.setToolTip(_("裁判规则的标题，如“物流从业人员窃取托运物品的定性”"))
        self.statement = QPlainTextEdit()
        self.statement.setObjectName("rule_statement")
        self.statement.setToolTip(_("规则内容：一两句话概括裁判规则"))
        self.statement.setPlaceholderText(_("一两句话概括裁判规则"))
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(80)
        self.cause = QLineEdit()
        self.cause.setObjectName("rule_cause")
        self.cause.setToolTip(_("适用范围：案由或罪名，多个用顿号分隔"))
        self.articles = QLineEdit()
        self.articles.setObjectName("rule_articles")
        self.articles.setToolTip(_("适用范围：相关法条"))
        self.keywords = QLineEdit()
        self.keywords.setObjectName("rule_keywords")
        self.keywords.setToolTip(_("关键词最多 {n} 个，用分号、逗号或空格分隔").format(n=MAX_KEYWORDS))
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("rule_explanation")
        self.explanation.setToolTip(_("说明：规则的由来、理由和适用时应注意的问题"))
        self.explanation.setTabChangesFocus(True)
        self.explanation.setFixedHeight(96)
        self.sources = QListWidget()
        self.sources.setObjectName("rule_sources")
        self.sources.setToolTip(_("规则的来源：讨论过的议题和参考案例（至少一个）"))
        self.sources.setFixedHeight(96)
        self.items = QComboBox()
        self.items.setObjectName("discussedItems")
        self.items.setToolTip(_("已讨论的议题"))
        self.items.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.items.setMinimumContentsLength(12)
        self.add_item = QPushButton(_("添加议题"))
        self.add_item.setObjectName("addItemSource")
        self.add_item.setToolTip(_("把所选的已讨论议题添加为来源"))
        self.add_item.clicked.connect(self._add_chosen_item)
        self.add_case_button = QPushButton(_("添加案例…"))
        self.add_case_button.setObjectName("addCaseSource")
        self.add_case_button.setToolTip(_("从案例库中检索并选择一件案例作为来源"))
        self.add_case_button.clicked.connect(lambda _checked=False: pick_case())
        self.remove = QPushButton(_("移除"))
        self.remove.setObjectName("removeSource")
        self.remove.setToolTip(_("移除所选来源"))
        self.remove.clicked.connect(self._remove_selected)
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._row(form, _("标题(&T)："), "title", self.title)
        self._row(form, _("规则内容(&P)："), "statement", self.statement)
        self._row(form, _("案由/罪名："), "cause", self.cause)
        self._row(form, _("相关法条(&A)："), "articles", self.articles)
        self._row(form, _("关键词(&K)："), "keywords", self.keywords)
        self._row(form, _("说明(&O)："), "explanation", self.explanation)
        adders = QHBoxLayout()
        adders.addWidget(self.items, 1)
        adders.addWidget(self.add_item)
        adders.addWidget(self.add_case_button)
        adders.addWidget(self.remove)
        sources = QWidget()
        box = QVBoxLayout(sources)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.sources)
        box.addLayout(adders)
        self._row(form, _("来源(&S)："), "sources", sources, buddy=self.sources)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        for edit in (self.title, self.cause, self.articles, self.keywords):
            edit.textChanged.connect(self._changed)
        for text in (self.statement, self.explanation):
            text.textChanged.connect(self._changed)

    def _row(self, form: QFormLayout, text: str, name: str, widget: QWidget, buddy: QWidget | None = None) -> None:
        self.errors[name] = message_label(f"rule_error_{name}")
        add_field_row(form, text, widget, self.errors[name], buddy)

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()

    # ---- sources

    def reload_items(self) -> None:
        self.items.clear()
        try:
            choices = discussed_items(self.desk, self.actor)
        except MeetingDeskError:
            choices = []
        for item_id, text in choices:
            self.items.addItem(text, item_id)
        self.add_item.setEnabled(bool(choices))

    def _source_keys(self) -> list[SourceKey]:
        keys = []
        for row in range(self.sources.count()):
            key = self.sources.item(row).data(Qt.ItemDataRole.UserRole)
            keys.append((str(key[0]), int(key[1])))
        return keys

    def add_source(self, kind: str, source_id: int) -> None:
        if (kind, source_id) in self._source_keys():
            return
        if kind == "item":
            try:
                item = get_item(self.desk, source_id)
                text = _("议题：") + item.title
            except MeetingDeskError:
                text = _("议题：") + _("编号{n}（已删除）").format(n=source_id)
        else:
            try:
                text = _("案例：") + get_case(self.desk, source_id).title
            except MeetingDeskError:
                text = _("案例：") + _("编号{n}（已删除）").format(n=source_id)
        entry = QListWidgetItem(text)
        entry.setData(Qt.ItemDataRole.UserRole, [kind, source_id])
        self.sources.addItem(entry)
        self._changed()

    def _add_chosen_item(self) -> None:
        item_id = self.items.currentData()
        if item_id is not None:
            self.add_source("item", int(item_id))

    def _remove_selected(self) -> None:
        for entry in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(entry))
        self._changed()

    # ---- values

    def load(self, rule: Rule | None, *, case_ids: tuple[int, ...] = ()) -> None:
        self.rule = rule
        self.reload_items()
        data = rule or RuleInput(title="", statement="", case_ids=case_ids)
        self.set_values(
            {
                "title": data.title,
                "statement": data.statement,
                "cause": data.cause,
                "articles": data.articles,
                "keywords": _("；").join(data.keywords),
                "explanation": data.explanation,
                "sources": [["item", i] for i in data.item_ids] + [["case", c] for c in data.case_ids],
            }
        )
        self.clear_errors()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "statement": self.statement.toPlainText(),
            "cause": self.cause.text(),
            "articles": self.articles.text(),
            "keywords": self.keywords.text(),
            "explanation": self.explanation.toPlainText(),
            "sources": [list(k) for k in self._source_keys()],
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name in ("title", "cause", "articles", "keywords"):
                getattr(self, name).setText(str(values.get(name) or ""))
            for name in ("statement", "explanation"):
                getattr(self, name).setPlainText(str(values.get(name) or ""))
            self.sources.clear()
            for kind, source_id in values.get("sources") or []:
                self.add_source(str(kind), int(source_id))
        finally:
            self._loading = False

    def collect(self) -> RuleInput:
        keys = self._source_keys()
        return RuleInput(
            title=self.title.text(),
            statement=self.statement.toPlainText(),
            cause=self.cause.text(),
            articles=self.articles.text(),
            keywords=parse_keywords(self.keywords.text()),
            explanation=self.explanation.toPlainText().strip(),
            item_ids=tuple(i for k, i in keys if k == "item"),
            case_ids=tuple(i for k, i in keys if k == "case"),
        )

    def show_field_error(self, error: ValidationError) -> None:
        label = self.errors.get(error.field or "")
        if label is None:
            self.message.setText(error.message)
            self.message.show()
            return
        label.setText(error.message)
        label.show()
        target = {"sources": self.sources}.get(error.field or "") or getattr(self, error.field or "title", None)
        if isinstance(target, QWidget):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(target)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def field_error(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        self.message.hide()
        for label in self.errors.values():
            label.hide()
            label.clear()

    def focus_first(self) -> None:
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
