"""“选择案例”: search the library (the same query syntax as the page) and pick one case."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.search.query import SearchFilters, SearchResults

from ui.context import AppContext
from ui.form_rows import ERROR_STYLE
from ui.library.results_model import HitDelegate, ResultsModel
from ui.library.search_runner import SearchRequest, SearchRunner
from ui.state import remember_geometry


class CasePickerDialog(QDialog):
    def __init__(self, ctx: AppContext, on_pick: Callable[[int, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePicker")
        self.setWindowTitle(_("选择案例"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._on_pick = on_pick
        self.query = QLineEdit()
        self.query.setObjectName("pickerSearch")
        self.query.setPlaceholderText(_("输入关键词检索案例，如：职务侵占 物流"))
        self.query.setToolTip(_("检索式写法与案例库检索框相同"))
        self.query.setClearButtonEnabled(True)
        label = QLabel(_("检索(&Q)："))
        label.setBuddy(self.query)
        self.error = QLabel()
        self.error.setObjectName("pickerError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("pickerResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.doubleClicked.connect(lambda _i: self._choose())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("选择"))
        self.ok_button.setObjectName("pickCase")
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.query, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 520)
        remember_geometry(ctx.settings, "CasePickerDialog", self)
        self.runner = SearchRunner(ctx, self)
        self.runner.sig_results.connect(self._shown)
        self.runner.sig_failed.connect(self._failed)
        self.query.returnPressed.connect(self.search)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.search()

    def search(self) -> None:
        self.error.hide()
        self.runner.run(SearchRequest(self.query.text().strip(), SearchFilters(kinds=("case",)), limit=200))

    def _shown(self, _request: SearchRequest, results: SearchResults, _more: bool) -> None:
        self.model.set_results(results.hits, results.total)
        if results.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.ok_button.setEnabled(current.isValid())

    def _choose(self) -> None:
        hit = self.model.hit(self.results.currentIndex().row())
        if hit is None:
            return
        self._on_pick(hit.id, hit.title)
        self.accept()
