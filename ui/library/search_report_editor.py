"""The 类案检索报告 editor: the header (检索主体, 时间, 平台, 方法, 关键词, 法条, 争议焦点), per similar case
相似性分析 and 参照/参考/不参照, the 检索结论, 定稿, export, and “附到案件报告” (the .docx becomes the case
report's 类案检索报告 attachment, replacing the one made earlier from the same search report).

A row's edits are saved when the user moves to another row (or presses 保存本行); 保存 (Ctrl+S) saves
the header, the row and the conclusion; closing with unsaved edits asks whether to save them, so
nothing typed is silently lost. Everything is read-only once 定稿.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled, MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.library.choices import REPORT_USES, SEARCH_METHODS
from meetingdesk.library.search_report import (
    AttachResult,
    SearchReport,
    SearchReportHeader,
    SearchReportRow,
    attach_search_report,
    can_edit_search_reports,
    conclude,
    get_search_report,
    header_of,
    split_articles,
    split_keywords,
    update_header,
    update_row,
)
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.services.files import sanitise_filename
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.export_menu import FORMAT_LABELS
from ui.prompts import ask
from ui.settings import LAST_EXPORT_DIR
from ui.state import remember_geometry

Button = QMessageBox.StandardButton


class SearchReportEditor(QDialog):
    """One 类案检索报告. Non-blocking: open() it."""

    sig_saved = Signal(int)
    """Something was saved (the search report id)."""

    sig_attached = Signal(int)
    """The report was attached to its case report (the case report id)."""

    def __init__(self, ctx: AppContext, search_report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sr: SearchReport = get_search_report(ctx.desk, search_report_id)
        self.may_edit = can_edit_search_reports(ctx.desk, ctx.actor, self.sr.report_id)
        self.may_export = self.may_edit or allowed(ctx.actor, "documents.export_internal")
        self.dialog: QWidget | None = None  # the question or message open, for tests
        self.last_written: Path | None = None
        self.attached: AttachResult | None = None  # the last 附到案件报告, for tests
        self.busy = False
        self._row = -1  # the row shown in the fields below the table
        self._loading = False
        self.setObjectName("searchReportEditor")
        self.setWindowTitle(_("类案检索报告 — {case}").format(case=self.sr.case_number))

        # -- header
        self.pending = QLabel()
        self.pending.setObjectName("pendingCase")
        self.pending.setStyleSheet("font-weight: bold;")
        self.state = QLabel()
        self.state.setObjectName("searchReportState")
        self.fields: dict[str, QLineEdit] = {}
        header = QFormLayout()
        header.addRow(_("待决案件"), self.pending)
        for key, title, tip in (
            ("searcher", _("检索主体(&S)："), _("检索主体：检索人（承办法官、法官助理等）")),
            ("platform", _("检索平台(&P)："), _("检索平台，如人民法院案例库、中国裁判文书网")),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"header_{key}")
            edit.setToolTip(tip)
            self.fields[key] = edit
            self._header_row(header, title, edit)
            if key == "searcher":
                self.searched_at = QDateTimeEdit()
                self.searched_at.setObjectName("header_searched_at")
                self.searched_at.setDisplayFormat("yyyy-MM-dd HH:mm")
                self.searched_at.setCalendarPopup(True)
                self.searched_at.setToolTip(_("检索时间（不能晚于今天）"))
                self._header_row(header, _("检索时间(&T)："), self.searched_at)
        self.methods: dict[str, QCheckBox] = {}
        methods_row = QHBoxLayout()
        for code, label in SEARCH_METHODS:
            box = QCheckBox(label)
            box.setObjectName(f"header_method_{code}")
            box.setToolTip(_("检索方法：关键词检索、法条关联检索、案例关联检索，可多选"))
            self.methods[code] = box
            methods_row.addWidget(box)
        methods_row.addStretch(1)
        header.addRow(_("检索方法"), methods_row)
        for key, title, tip in (
            ("keywords", _("检索关键词(&K)："), _("检索所用的关键词，以顿号（、）分隔")),
            ("articles", _("关联法条(&W)："), _("检索所关联的法条，以分号（；）分隔")),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"header_{key}")
            edit.setToolTip(tip)
            self.fields[key] = edit
            self._header_row(header, title, edit)
        self.issues = QPlainTextEdit()
        self.issues.setObjectName("header_issues")
        self.issues.setTabChangesFocus(True)
        self.issues.setToolTip(_("待决案件争议焦点（按检索时的理解填写）"))
        self.issues.setMaximumHeight(56)
        self._header_row(header, _("争议焦点(&I)："), self.issues)

        # -- rows
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("searchReportRows")
        self.table.setHorizontalHeaderLabels([_("层级"), _("类案"), _("审理法院"), _("适用"), _("相似性分析")])
        self.table.setToolTip(_("选择一行在下方编辑其相似性分析和适用方式"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        columns = self.table.horizontalHeader()
        columns.setStretchLastSection(False)
        # 类案 and 相似性分析 share the room; 层级 says "第3层级" (the full tier in its tooltip), and
        # 审理法院 and 适用 fit their contents
        for col in (1, 4):
            columns.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            columns.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(self._on_current_cell)

        self.key_points = QLabel()
        self.key_points.setObjectName("rowKeyPoints")
        self.key_points.setWordWrap(True)
        self.key_points.setToolTip(_("该类案的裁判要点（取自案例库）"))
        self.similarity = QPlainTextEdit()
        self.similarity.setObjectName("rowSimilarity")
        self.similarity.setTabChangesFocus(True)
        self.similarity.setToolTip(_("相似性分析：基本案情、争议焦点和法律适用问题是否相似"))
        self.similarity.setPlaceholderText(
            _("如：均为物流从业人员利用经手便利窃取托运物品，争议焦点均为盗窃与职务侵占之分")
        )
        self.similarity.setMaximumHeight(90)
        self.use = QComboBox()
        self.use.setObjectName("rowUse")
        self.use.setToolTip(_("参照：指导性案例应当参照；参考：其他类案可作参考；不参照：须写明理由"))
        for code, label in REPORT_USES:
            self.use.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setObjectName("rowReason")
        self.reason.setToolTip(_("不参照（或指导性案例不予参照）的理由，如“案情不具有相似性”"))
        self.save_row_button = QPushButton(_("保存本行"))
        self.save_row_button.setObjectName("saveRow")
        self.save_row_button.setToolTip(_("保存本行的相似性分析和适用方式（切换行时自动保存）"))
        self.save_row_button.clicked.connect(self.save_row)
        row_box = QGroupBox(_("所选类案"))
        row_form = QFormLayout(row_box)
        row_form.addRow(_("裁判要点："), self.key_points)
        similarity_label = QLabel(_("相似性分析(&A)："))
        similarity_label.setBuddy(self.similarity)
        row_form.addRow(similarity_label, self.similarity)
        use_row = QHBoxLayout()
        use_row.addWidget(self.use)
        reason_label = QLabel(_("理由(&R)："))
        reason_label.setBuddy(self.reason)
        use_row.addWidget(reason_label)
        use_row.addWidget(self.reason, 1)
        use_row.addWidget(self.save_row_button)
        use_label = QLabel(_("适用(&U)："))
        use_label.setBuddy(self.use)
        row_form.addRow(use_label, use_row)

        # -- conclusion
        self.conclusion = QPlainTextEdit()
        self.conclusion.setObjectName("conclusion")
        self.conclusion.setTabChangesFocus(True)
        self.conclusion.setToolTip(_("检索结论：类案的裁判观点，类案之间是否存在冲突，对本案的参考意义"))
        self.conclusion.setPlaceholderText(
            _("如：检索到的类案裁判观点一致，均认定……；本案与类案在……方面相似，可供合议庭参考。")
        )
        self.conclusion.setMaximumHeight(96)
        self.conflict = QCheckBox(_("类案之间存在冲突（裁判尺度不一）"))
        self.conflict.setObjectName("hasConflict")
        self.conflict.setToolTip(_("类案之间裁判观点不一致时勾选，结论中应说明"))
        self.save_conclusion_button = QPushButton(_("保存结论"))
        self.save_conclusion_button.setObjectName("saveConclusion")
        self.save_conclusion_button.setToolTip(_("保存检索结论"))
        self.save_conclusion_button.clicked.connect(self.save_conclusion)
        self.finalise_button = QPushButton(_("定稿…"))
        self.finalise_button.setObjectName("finalise")
        self.finalise_button.clicked.connect(self.finalise)
        conclusion_box = QGroupBox(_("检索结论"))
        conclusion_layout = QVBoxLayout(conclusion_box)
        conclusion_layout.addWidget(self.conclusion)
        conclusion_buttons = QHBoxLayout()
        conclusion_buttons.addWidget(self.conflict, 1)
        conclusion_buttons.addWidget(self.save_conclusion_button)
        conclusion_buttons.addWidget(self.finalise_button)
        conclusion_layout.addLayout(conclusion_buttons)

        # -- bottom
        self.status = QLabel()
        self.status.setObjectName("searchReportStatus")
        self.status.setWordWrap(True)
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportSearchReport")
        self.export_button.setText(_("导出 ▾"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        menu = QMenu(self.export_button)
        for fmt, label in FORMAT_LABELS.items():
            action = menu.addAction(_(label))
            action.setObjectName(f"exportSearchReport_{fmt}")
            action.triggered.connect(_exporter(self, fmt))
        self.export_button.setMenu(menu)
        self.save_button = QPushButton(_("保存"))
        self.save_button.setObjectName("saveSearchReport")
        self.save_button.clicked.connect(self.save_all)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_all)  # Ctrl+S
        self.attach_button = QPushButton(_("附到案件报告"))
        self.attach_button.setObjectName("attachToReport")
        self.attach_button.setShortcut("Ctrl+Shift+F")
        self.attach_button.clicked.connect(self.attach)
        close = QPushButton(_("关闭"))
        close.setObjectName("closeSearchReport")
        close.setToolTip(_("关闭（Esc）"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.attach_button)
        bottom.addWidget(close)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(row_box)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("searchReportSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(conclusion_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        heading = QHBoxLayout()
        heading.addLayout(header, 1)
        heading.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        chain = [
            self.fields["searcher"],
            self.searched_at,
            self.fields["platform"],
            *self.methods.values(),
            self.fields["keywords"],
            self.fields["articles"],
            self.issues,
            self.table,
            self.similarity,
            self.use,
            self.reason,
            self.save_row_button,
            self.conclusion,
            self.conflict,
            self.save_conclusion_button,
            self.finalise_button,
            self.save_button,
            self.export_button,
            self.attach_button,
            close,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.resize(1000, 860)
        remember_geometry(ctx.settings, "SearchReportEditor", self)
        self._load(select=0)

    # ---- public API

    @property
    def read_only(self) -> bool:
        return not self.may_edit or self.sr.status == "final"

    @property
    def current_row(self) -> int:
        """0-based index of the row shown in the fields (-1: none)."""
        return self._row

    def row_dirty(self) -> bool:
        if self.read_only or not 0 <= self._row < len(self.sr.rows):
            return False
        row = self.sr.rows[self._row]
        return (self.similarity.toPlainText(), self.use.currentData(), self.reason.text()) != (
            row.similarity,
            row.use,
            row.use_reason,
        )

    def conclusion_dirty(self) -> bool:
        if self.read_only:
            return False
        return (self.conclusion.toPlainText(), self.conflict.isChecked()) != (self.sr.conclusion, self.sr.has_conflict)

    def header_dirty(self) -> bool:
        if self.read_only:
            return False
        shown, stored = self.shown_header(), header_of(self.sr)
        return (shown.searched_at, set(shown.methods)) != (stored.searched_at, set(stored.methods)) or (
            shown.searcher,
            shown.platform,
            shown.keywords,
            shown.articles,
            shown.issues,
        ) != (stored.searcher, stored.platform, stored.keywords, stored.articles, stored.issues)

    def shown_header(self) -> SearchReportHeader:
        """The header as the fields show it now (the 检索时间 stored stays as it was unless changed)."""
        when = _python_time(self.searched_at.dateTime())
        stored = _stored_time(self.sr.searched_at)
        same_minute = stored is not None and stored.replace(second=0, microsecond=0) == when.replace(second=0)
        return SearchReportHeader(
            searcher=self.fields["searcher"].text(),
            searched_at=self.sr.searched_at if same_minute else when.isoformat(timespec="minutes"),
            platform=self.fields["platform"].text(),
            methods=tuple(code for code, box in self.methods.items() if box.isChecked()),
            keywords=tuple(split_keywords(self.fields["keywords"].text())),
            articles=tuple(split_articles(self.fields["articles"].text())),
            issues=self.issues.toPlainText(),
        )

    @property
    def dirty(self) -> bool:
        return self.header_dirty() or self.row_dirty() or self.conclusion_dirty()

    def reload(self) -> None:
        """Show the report as stored now (unsaved edits in the fields are dropped)."""
        self.sr = get_search_report(self.ctx.desk, self.sr.id)
        self._load(select=max(self._row, 0))

    def select_row(self, index: int) -> None:
        self.table.setCurrentCell(index, 1)

    def save_row(self) -> bool:
        """Save the shown row's 相似性分析 and 适用 (True when saved or nothing to save)."""
        if not self.row_dirty():
            return True
        index = self._row
        try:
            update_row(
                self.ctx.desk,
                self.ctx.actor,
                self.sr.id,
                index + 1,
                similarity=self.similarity.toPlainText(),
                use=str(self.use.currentData()),
                use_reason=self.reason.text(),
            )
        except ValidationError as exc:
            show_error(self, exc)
            (self.reason if exc.field == "use_reason" else self.similarity).setFocus()
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        self._saved(_("已保存第{n}行。").format(n=index + 1))
        return True

    def save_conclusion(self) -> bool:
        if not self.conclusion_dirty():
            return True
        if not self._conclude(final=False):
            return False
        self._saved(_("已保存检索结论。"))
        return True

    def save_header(self) -> bool:
        """Save the header fields (True when saved or nothing to save)."""
        if not self.header_dirty():
            return True
        try:
            update_header(self.ctx.desk, self.ctx.actor, self.sr.id, self.shown_header())
        except ValidationError as exc:
            show_error(self, exc)
            self._header_widget(exc.field).setFocus()
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        self._saved(_("已保存检索信息。"))
        return True

    def save_all(self) -> bool:
        """保存 (Ctrl+S): the header, the shown row and the conclusion."""
        if self.read_only:
            return True
        saved = self.dirty
        if not (self.save_header() and self.save_row() and self.save_conclusion()):
            return False
        if saved:
            self.status.setText(_("已保存。"))
        return True

    def finalise(self) -> None:
        """定稿 after a confirmation: the report becomes read-only (it can still be exported and attached)."""
        if self.read_only or not self.save_header() or not self.save_row():
            return

        def answered(button: Button) -> None:
            self.dialog = None
            if button == Button.Yes and self._conclude(final=True):
                self._saved(_("已定稿。"))

        self.dialog = ask(
            self, _("定稿"), _("定稿后类案检索报告不能再修改（仍可导出和附到案件报告）。确定定稿吗？"), answered
        )

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Save edits, ask where (unless ``path``), then write the .docx/.pdf in the background."""
        if not self.may_export or not self.save_all():
            return
        if path is None:
            folder = self.ctx.settings.get(LAST_EXPORT_DIR) or str(Path.home())
            name = sanitise_filename(_("类案检索报告（{case}）").format(case=self.sr.case_number) + f".{fmt}")
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("导出{label}").format(label=_("类案检索报告")),
                str(Path(folder) / name),
                _("{label} (*.{fmt})").format(label=_(FORMAT_LABELS[fmt]), fmt=fmt),
            )
            if not chosen:
                return
            path = Path(chosen)
        self.ctx.settings.set(LAST_EXPORT_DIR, str(path.parent))
        desk, actor, sr_id, target = self.ctx.desk, self.ctx.actor, self.sr.id, path

        def work(progress: ProgressFn, should_cancel: CancelFn) -> Path:
            from meetingdesk.services.exports import export_document  # heavy: loaded off the GUI thread

            return export_document(
                desk, actor, "report-search", sr_id, fmt, target, progress=progress, should_cancel=should_cancel
            )

        self._run(work, self._written, _("正在生成{label}……").format(label=_("类案检索报告")))

    def attach(self) -> None:
        """Generate the .docx and attach it to the case report as its 类案检索报告."""
        if not self.may_edit or not self.save_all():
            return
        desk, actor, sr_id = self.ctx.desk, self.ctx.actor, self.sr.id

        def work(progress: ProgressFn, should_cancel: CancelFn) -> AttachResult:
            return attach_search_report(desk, actor, sr_id, progress=progress, should_cancel=should_cancel)

        self._run(work, self._attached, _("正在生成并附上类案检索报告……"))

    def reject(self) -> None:
        """Esc, 关闭 and the window's close button: unsaved edits are saved, discarded or kept as chosen."""
        if not self.dirty:
            super().reject()
            return

        def answered(button: Button) -> None:
            self.dialog = None
            if button == Button.Save:
                if self.save_all():
                    super(SearchReportEditor, self).reject()
            elif button == Button.Discard:
                super(SearchReportEditor, self).reject()

        self.dialog = ask(
            self,
            _("未保存的修改"),
            _("类案检索报告有未保存的修改。是否保存？"),
            answered,
            Button.Save | Button.Discard | Button.Cancel,
        )

    # ---- internals

    def _header_row(self, form: QFormLayout, title: str, field: QWidget) -> None:
        label = QLabel(title)
        label.setBuddy(field)
        form.addRow(label, field)

    def _header_widget(self, name: str | None) -> QWidget:
        if name == "searched_at":
            return self.searched_at
        if name == "methods":
            return next(iter(self.methods.values()))
        if name == "issues":
            return self.issues
        return self.fields.get(name or "", self.fields["searcher"])

    def _conclude(self, *, final: bool) -> bool:
        try:
            conclude(
                self.ctx.desk,
                self.ctx.actor,
                self.sr.id,
                self.conclusion.toPlainText(),
                has_conflict=self.conflict.isChecked(),
                final=final,
            )
        except MeetingDeskError as exc:
            show_error(self, exc)
            self.conclusion.setFocus()
            return False
        return True

    def _saved(self, message: str) -> None:
        keep = self._row
        self.sr = get_search_report(self.ctx.desk, self.sr.id)
        self._load(select=keep)
        self.status.setText(message)
        self.ctx.signals.sig_status_message.emit(message)
        self.ctx.changed("library")
        self.sig_saved.emit(self.sr.id)

    def _load(self, select: int) -> None:
        """Show ``self.sr`` (fields and table) and put row ``select`` in the fields."""
        sr = self.sr
        self._loading = True
        try:
            self.pending.setText(
                _("{case}　{cause}　承办法官：{judge}").format(case=sr.case_number, cause=sr.cause, judge=sr.judge)
            )
            self.state.setText(_("已定稿") if sr.status == "final" else _("草稿"))
            values = {
                "searcher": sr.searcher,
                "platform": sr.platform,
                "keywords": _("、").join(sr.keywords),
                "articles": _("；").join(sr.articles),
            }
            for key, value in values.items():
                self.fields[key].setText(value)
                self.fields[key].setCursorPosition(0)
            stored = _stored_time(sr.searched_at)
            today = self.ctx.desk.now().date()
            self.searched_at.setMaximumDateTime(QDateTime(QDate(today.year, today.month, today.day), QTime(23, 59)))
            if stored is not None:
                self.searched_at.setDateTime(
                    QDateTime(QDate(stored.year, stored.month, stored.day), QTime(stored.hour, stored.minute))
                )
            for code, box in self.methods.items():
                box.setChecked(code in sr.methods)
            self.issues.setPlainText(sr.issues)
            self.table.setRowCount(len(sr.rows))
            for i, row in enumerate(sr.rows):
                for col, text in enumerate(_row_cells(row)):
                    item = QTableWidgetItem(text)
                    item.setToolTip(
                        _("第{n}层级：{label}").format(n=row.tier, label=row.tier_label) if col == 0 else text
                    )
                    self.table.setItem(i, col, item)
            self.conclusion.setPlainText(sr.conclusion)
            self.conflict.setChecked(sr.has_conflict)
            self._row = -1
            if sr.rows:
                index = min(max(select, 0), len(sr.rows) - 1)
                self.table.setCurrentCell(index, 1)
                self._show_row(index)
            else:
                self._show_row(-1)
        finally:
            self._loading = False
        self._update_view()

    def _show_row(self, index: int) -> None:
        self._row = index
        row = self.sr.rows[index] if 0 <= index < len(self.sr.rows) else None
        self.key_points.setText(row.key_points if row else _("（没有类案）"))
        self.similarity.setPlainText(row.similarity if row else "")
        self.use.setCurrentIndex(max(self.use.findData(row.use if row else "consult"), 0))
        self.reason.setText(row.use_reason if row else "")
        self._update_view()

    def _on_current_cell(self, current: int, _col: int, previous: int, _pcol: int) -> None:
        if self._loading or current == self._row or current < 0:
            return
        saved = previous != self._row or self.save_row()  # saving reloads the table...
        self._set_table_row(current if saved else previous)  # ...or stay on the row that could not be saved
        if saved:
            self._show_row(current)

    def _set_table_row(self, index: int) -> None:
        self.table.blockSignals(True)
        try:
            self.table.setCurrentCell(index, 1)
        finally:
            self.table.blockSignals(False)

    def _update_view(self) -> None:
        editable = not self.read_only and not self.busy
        has_row = 0 <= self._row < len(self.sr.rows)
        for edit in self.fields.values():
            edit.setReadOnly(not editable)
        self.issues.setReadOnly(not editable)
        self.searched_at.setReadOnly(not editable)
        for box in self.methods.values():
            box.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.save_button.setToolTip(
            _("保存检索信息、所选类案和检索结论（Ctrl+S）")
            if not self.read_only
            else _("类案检索报告已定稿，不能修改。")
            if self.may_edit
            else _("当前账户无权修改本案的类案检索报告（限会议秘书、主持人、管理员和本案承办法官）")
        )
        for text in (self.similarity, self.reason, self.conclusion):
            text.setReadOnly(not editable)
        for w in (self.use, self.conflict, self.save_conclusion_button):
            w.setEnabled(editable)
        self.save_row_button.setEnabled(editable and has_row)
        self.use.setEnabled(editable and has_row)
        for field in (self.similarity, self.reason):
            field.setEnabled(has_row)
        self.finalise_button.setEnabled(editable)
        self.finalise_button.setToolTip(
            _("定稿后不能再修改（仍可导出和附到案件报告）")
            if self.may_edit
            else _("当前账户无权修改本案的类案检索报告（限会议秘书、主持人、管理员和本案承办法官）")
        )
        self.export_button.setEnabled(self.may_export and not self.busy)
        self.export_button.setToolTip(
            _("将{label}导出为 Word 或 PDF 文档（Ctrl+E）").format(label=_("类案检索报告"))
            if self.may_export
            else _("当前账户无权导出{label}").format(label=_("类案检索报告"))
        )
        self.attach_button.setEnabled(self.may_edit and not self.busy)
        self.attach_button.setToolTip(
            _("生成 Word 文档，作为“类案检索报告”附件附到案件报告（满足提交前的材料要求）（Ctrl+Shift+F）")
            if self.may_edit
            else _("当前账户无权修改本案的类案检索报告（限会议秘书、主持人、管理员和本案承办法官）")
        )

    def _run(self, work: Callable[[ProgressFn, CancelFn], object], done: Callable[[object], None], label: str) -> None:
        self.busy = True
        self._update_view()

        def finished(result: object) -> None:
            if Shiboken.isValid(self):
                self.busy = False
                self._update_view()
                done(result)

        def failed(exc: BaseException) -> None:
            if not Shiboken.isValid(self):
                return
            self.busy = False
            self._update_view()
            if isinstance(exc, Cancelled):
                self.status.setText(_("已取消导出。"))
            else:
                show_error(self, exc)

        self.ctx.tasks.run(work, on_done=finished, on_error=failed, parent=self, label=label)

    def _written(self, path: object) -> None:
        if isinstance(path, Path):
            self.last_written = path
            self.status.setText(_("已导出：{path}").format(path=path))
            self.ctx.signals.sig_status_message.emit(self.status.text())

    def _attached(self, result: object) -> None:
        if not isinstance(result, AttachResult):
            return
        self.attached = result
        name = result.attachment.filename
        if result.replaced is not None:
            self.status.setText(
                _("已重新生成并替换案件报告中先前附上的类案检索报告（{old}）：{name}").format(
                    old=result.replaced.filename, name=name
                )
            )
        else:
            self.status.setText(_("已作为“类案检索报告”附到案件报告：{name}").format(name=name))
        self.ctx.signals.sig_status_message.emit(
            _("类案检索报告已附到案件报告 {case}。").format(case=self.sr.case_number)
            if result.replaced is None
            else _("案件报告 {case} 的类案检索报告已替换为新生成的版本。").format(case=self.sr.case_number)
        )
        self.sr = get_search_report(self.ctx.desk, self.sr.id)
        self.ctx.changed("reports")
        self.sig_attached.emit(self.sr.report_id)


def _python_time(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _stored_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


def _row_cells(row: SearchReportRow) -> list[str]:
    title = row.title or row.case_number
    return [
        _("第{n}层级").format(n=row.tier),
        title + (_("　") + row.case_number if row.title and row.case_number else ""),
        row.court,
        row.use_label + (_("（{ref}）").format(ref=row.use_reason) if row.use_reason else ""),
        row.similarity,
    ]


def _exporter(editor: SearchReportEditor, fmt: str) -> Callable[[], None]:
    return lambda: editor.export(fmt)
