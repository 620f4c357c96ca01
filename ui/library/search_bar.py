"""The library's search box and filters: query syntax help, 效力层级, 法院, 案由, 年份, scope, status, sort.

The bar only collects what to search for; the page runs the search off the GUI thread. A bad query is
reported next to the box (:meth:`SearchBar.show_error`), never as a dialog or a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from meetingdesk.i18n import N_, _
from meetingdesk.library.choices import CASE_STATUSES
from meetingdesk.search.query import FilterChoices, SearchFilters

from ui.form_rows import ERROR_STYLE

FILTER_DELAY_MS = 250
NO_YEAR = 1900  # the spin boxes' minimum, shown as 不限

SYNTAX_EXAMPLES: tuple[tuple[str, str], ...] = (
    (N_("盗窃 物流"), N_("空格分隔：同时包含（与 AND 相同）")),
    (N_("盗窃 OR 职务侵占"), N_("OR：包含任一")),
    (N_("盗窃 NOT 入户"), N_("NOT：排除")),
    (N_("“职务便利”"), N_("引号：按短语检索")),
    (N_("物流 案由:盗窃"), N_("案由:（罪名:）只在案由/罪名中检索")),
    (N_("标题:危险驾驶"), N_("标题: 只在标题中检索")),
    (N_("法条:第二百六十四条"), N_("法条: 只在相关法条中检索")),
    (N_("裁判要点:末位淘汰"), N_("裁判要点: / 关键词: / 案情: / 理由: / 结果: / 全文:")),
)
"""(example, meaning): the menu of the 写法 button; choosing one fills the search box."""

SCOPES: tuple[tuple[tuple[str, ...], str], ...] = (
    ((), N_("案例和裁判规则")),
    (("case",), N_("仅案例")),
    (("rule",), N_("仅裁判规则")),
)


class SearchBar(QWidget):
    sig_search_requested = Signal()
    """Search now (Enter in the box, a filter changed, 清除条件)."""

    def __init__(self, *, can_see_drafts: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("librarySearch")
        self.query_edit.setPlaceholderText(_("检索案例和裁判规则：关键词、“短语”、AND / OR / NOT、案由:盗窃 …"))
        self.query_edit.setToolTip(_syntax_text())
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.returnPressed.connect(self.sig_search_requested)
        self.syntax = QToolButton()
        self.syntax.setObjectName("syntaxHelp")
        self.syntax.setText(_("写法 ▾"))
        self.syntax.setToolTip(_("检索式写法和示例；点选示例即填入检索框"))
        self.syntax.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.syntax.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.syntax)
        menu.setObjectName("syntaxMenu")
        menu.setToolTipsVisible(True)
        for example, meaning in SYNTAX_EXAMPLES:
            action = menu.addAction(_("{example}　—　{meaning}").format(example=_(example), meaning=_(meaning)))
            action.setToolTip(_("填入检索框"))
            action.triggered.connect(lambda _c=False, text=example: self.fill_example(_(text)))
        self.syntax.setMenu(menu)
        self.search_button = QPushButton(_("检索"))
        self.search_button.setObjectName("searchButton")
        self.search_button.setToolTip(_("按检索式和筛选条件检索（Enter）"))
        self.search_button.clicked.connect(self.sig_search_requested)
        self.error = QLabel()
        self.error.setObjectName("searchError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.tier = QComboBox()
        self.tier.setObjectName("tierFilter")
        self.tier.setToolTip(_("效力层级（最高人民法院类案检索指导意见第四条）"))
        self.court = QComboBox()
        self.court.setObjectName("courtFilter")
        self.court.setToolTip(_("审理法院"))
        self.cause = QComboBox()
        self.cause.setObjectName("causeFilter")
        self.cause.setEditable(True)
        self.cause.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.cause.setToolTip(_("案由或罪名：可从列表选择，也可直接输入（如“盗窃罪”）"))
        line = self.cause.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("全部案由"))
            line.returnPressed.connect(self.sig_search_requested)
        self.year_from = self._year(_("裁判年份自（含）"), "yearFrom")
        self.year_to = self._year(_("裁判年份至（含）"), "yearTo")
        self.scope = QComboBox()
        self.scope.setObjectName("scopeFilter")
        self.scope.setToolTip(_("检索范围：案例、裁判规则或两者"))
        for kinds, label in SCOPES:
            self.scope.addItem(_(label), kinds)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.setToolTip(_("状态（其他用户只能检索到已发布的案例和规则）"))
        self.status.addItem(_("全部状态"), None)
        for code, label in CASE_STATUSES:
            self.status.addItem(label, code)
        self.status.setVisible(can_see_drafts)
        self.sort = QComboBox()
        self.sort.setObjectName("sortChoice")
        self.sort.setToolTip(_("结果排序：按相关度，或按裁判日期由新到旧"))
        self.sort.addItem(_("按相关度"), "relevance")
        self.sort.addItem(_("按日期（新→旧）"), "date")
        self.clear_button = QPushButton(_("清除条件"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setToolTip(_("清除检索式和全部筛选条件"))
        self.clear_button.clicked.connect(self.clear)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.syntax)
        top.addWidget(self.search_button)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addLayout(top, 0, 0, 1, 4)
        grid.addWidget(self.error, 1, 0, 1, 4)
        self._labelled(grid, 2, 0, _("层级(&J)："), self.tier)
        self._labelled(grid, 2, 2, _("法院(&G)："), self.court)
        self._labelled(grid, 3, 0, _("案由(&B)："), self.cause)
        years = QHBoxLayout()
        years.setContentsMargins(0, 0, 0, 0)
        years.addWidget(self.year_from)
        years.addWidget(QLabel("–"))
        years.addWidget(self.year_to)
        years.addStretch(1)
        year_label = QLabel(_("年份(&N)："))
        year_label.setBuddy(self.year_from)
        grid.addWidget(year_label, 3, 2)
        grid.addLayout(years, 3, 3)
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.scope, 1)
        options.addWidget(self.status, 1)
        options.addWidget(self.sort, 1)
        options.addWidget(self.clear_button)
        grid.addLayout(options, 4, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.sig_search_requested)
        for combo in (self.tier, self.court, self.scope, self.status, self.sort):
            combo.currentIndexChanged.connect(self._timer.start)
        for combo in (self.tier, self.court, self.cause, self.scope, self.status, self.sort):
            # narrow windows: the lists shrink instead of forcing the window wider
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)
        self.cause.activated.connect(lambda _i: self._timer.start())
        for spin in (self.year_from, self.year_to):
            spin.valueChanged.connect(self._timer.start)
        self.query_edit.textChanged.connect(lambda _t: self.error.hide())

    @staticmethod
    def _labelled(grid: QGridLayout, row: int, col: int, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, row, col)
        grid.addWidget(widget, row, col + 1)

    @staticmethod
    def _year(tip: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(NO_YEAR, 2100)
        spin.setSpecialValueText(_("不限"))
        spin.setValue(NO_YEAR)
        spin.setToolTip(tip)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setFixedWidth(76)
        return spin

    # ---- public API

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the lists with the values that occur in the library, keeping what is chosen."""
        tier, court, cause = self.tier.currentData(), self.court.currentData(), self.cause.currentText()
        for combo in (self.tier, self.court, self.cause):
            combo.blockSignals(True)
        try:
            self.tier.clear()
            self.tier.addItem(_("全部层级"), None)
            for value, label in choices.tiers:
                self.tier.addItem(f"{value} {label}", value)
            self.court.clear()
            self.court.addItem(_("全部法院"), None)
            for name in choices.courts:
                self.court.addItem(name, name)
            self.cause.clear()
            self.cause.addItem("", None)
            for name in choices.causes:
                self.cause.addItem(name, name)
            self.tier.setCurrentIndex(max(self.tier.findData(tier), 0))
            self.court.setCurrentIndex(max(self.court.findData(court), 0))
            self.cause.setEditText(cause)
        finally:
            for combo in (self.tier, self.court, self.cause):
                combo.blockSignals(False)

    def query(self) -> str:
        return self.query_edit.text().strip()

    def sort_key(self) -> str:
        return str(self.sort.currentData() or "relevance")

    def filters(self) -> SearchFilters:
        tier = self.tier.currentData()
        court = self.court.currentData()
        cause = self.cause.currentText().strip()
        year_from = self.year_from.value()
        year_to = self.year_to.value()
        status = self.status.currentData()
        return SearchFilters(
            tiers=(int(tier),) if tier is not None else (),
            courts=(str(court),) if court else (),
            causes=(cause,) if cause else (),
            year_from=year_from if year_from > NO_YEAR else None,
            year_to=year_to if year_to > NO_YEAR else None,
            kinds=tuple(self.scope.currentData() or ()),
            statuses=(str(status),) if status and self.status.isVisibleTo(self) else (),
        )

    def fill_example(self, text: str) -> None:
        self.query_edit.setText(text)
        self.query_edit.setFocus()
        self.sig_search_requested.emit()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.hide()
        self.error.clear()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def clear(self) -> None:
        """清除条件: everything back to "any", then search (which lists everything by date)."""
        widgets = (self.query_edit, self.tier, self.court, self.cause, self.scope, self.status, self.sort)
        for w in (*widgets, self.year_from, self.year_to):
            w.blockSignals(True)
        try:
            self.query_edit.clear()
            for combo in (self.tier, self.court, self.scope, self.status, self.sort):
                combo.setCurrentIndex(0)
            self.cause.setEditText("")
            self.year_from.setValue(NO_YEAR)
            self.year_to.setValue(NO_YEAR)
        finally:
            for w in (*widgets, self.year_from, self.year_to):
                w.blockSignals(False)
        self.clear_error()
        self._timer.stop()
        self.sig_search_requested.emit()

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()


def _syntax_text() -> str:
    return _(
        "检索式写法：\n"
        "  空格分隔的词须同时出现（AND）；OR 表示任一；NOT 表示排除；可用括号\n"
        '  “短语”或 "短语" 按原样连续出现\n'
        "  字段前缀：标题: 关键词: 裁判要点: 案由:（罪名:） 法条: 案情: 理由: 结果: 全文: 法院:\n"
        '例：案由:盗窃 "职务便利" NOT 入户\n'
        "留空则按日期列出全部案例。Enter 立即检索，Ctrl+F 回到检索框。"
    )
