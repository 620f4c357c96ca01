"""设置: court-wide settings (administrators edit, others read), the user's language, and data exchange.

Court-wide values live in the database and are saved together by
:func:`meetingdesk.services.court_settings.save_settings` (checked first, one audited transaction); the
language is this user's preference on this computer (QSettings).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.services.court_settings import court_settings, document_values, save_settings
from meetingdesk.services.permissions import allowed

from ui.context import AppContext
from ui.errors import show_error
from ui.exchange.panel import DataExchangePanel
from ui.pages.base import Page
from ui.prompts import ask_to_save
from ui.settings_forms.court import CourtForm
from ui.settings_forms.fields import NOTE_STYLE, SettingsForm
from ui.settings_forms.language import LanguageBox
from ui.settings_forms.rules import RulesForm
from ui.settings_forms.security import SecurityForm


def _scroll(widget: QWidget, name: str) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    widget.setMaximumWidth(860)
    scroll.setWidget(widget)
    return scroll


def _same(a: Any, b: Any) -> bool:
    def norm(v: Any) -> str:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, dict):
            v = {k: int(x) if isinstance(x, float) and x.is_integer() else x for k, x in v.items()}
        if isinstance(v, str):
            v = v.strip()
        return json.dumps(v, ensure_ascii=False, sort_keys=True)

    return norm(a) == norm(b)


class SettingsPage(Page):
    areas = ("settings",)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = allowed(ctx.actor, "settings.edit")
        self.close_question: QMessageBox | None = None
        self.loaded: dict[str, Any] = {}
        self.court = CourtForm(ctx)
        self.rules = RulesForm()
        self.security = SecurityForm()
        self.forms: tuple[SettingsForm, ...] = (self.court, self.rules, self.security)
        self.language = LanguageBox(ctx)
        self.exchange = DataExchangePanel(ctx)

        security_tab = QWidget()
        sv = QVBoxLayout(security_tab)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.security)
        self.backup_button = QPushButton(_("备份与恢复…"))
        self.backup_button.setObjectName("openBackup")
        self.backup_button.setToolTip(_("立即备份、查看自动备份、从备份恢复"))
        self.backup_button.clicked.connect(self.open_backup)
        self.backup_button.setVisible(allowed(ctx.actor, "backup.create") or allowed(ctx.actor, "backup.restore"))
        row = QHBoxLayout()
        row.setContentsMargins(10, 0, 0, 10)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        sv.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(_scroll(self.court, "courtScroll"), _("法院与文书"))
        self.tabs.addTab(_scroll(self.rules, "rulesScroll"), _("会议规则"))
        self.tabs.addTab(_scroll(security_tab, "securityScroll"), _("备份与安全"))
        self.tabs.addTab(self.language, _("界面语言"))
        self.tabs.addTab(_scroll(self.exchange, "exchangeScroll"), _("数据交换"))
        self.tabs.setTabToolTip(0, _("法院名称、Word 模板（红头）、文书的字体、字号和页边距"))
        self.tabs.setTabToolTip(1, _("新建会议组的法定人数和材料期限、复议期限、提交审委会的提示规则"))
        self.tabs.setTabToolTip(2, _("自动备份、无操作锁定和登录锁定"))
        self.tabs.setTabToolTip(3, _("本机本账户的界面语言"))
        self.tabs.setTabToolTip(4, _("导入导出名册，导出全部数据"))

        self.note = QLabel()
        self.note.setObjectName("settingsNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.revert_button = QPushButton(_("还原"))
        self.revert_button.setObjectName("settingsRevert")
        self.revert_button.setToolTip(_("放弃未保存的修改，显示数据库中的设置"))
        self.revert_button.clicked.connect(self.load)
        self.save_button = QPushButton(_("保存"))
        self.save_button.setObjectName("settingsSave")
        self.save_button.setToolTip(_("保存全部修改（Ctrl+S）"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.bar = QWidget()
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        title = QLabel(_("设置"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.bar)

        save = QAction(_("保存"), self)
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(lambda _c=False: self.save())
        self.addAction(save)
        for form in self.forms:
            form.set_editable(self.can_edit)
            form.sig_changed.connect(self._update_bar)
        self.tabs.currentChanged.connect(lambda _i: self._update_bar())
        self.revert_button.setVisible(self.can_edit)
        self.save_button.setVisible(self.can_edit)

    # ---- Page

    def refresh(self) -> None:
        if not self.dirty():
            self.load()

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        def tab(index: int) -> QWidget:
            self.tabs.setCurrentIndex(index)
            return self.window()

        from ui.settings_forms.scenes import as_administrator, import_preview

        return [
            ("rules", lambda: tab(1)),
            ("security", lambda: tab(2)),
            ("data-exchange", lambda: tab(4)),
            ("administrator", lambda: as_administrator(self)),
            ("import-preview", lambda: import_preview(self)),
        ]

    # ---- public API

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form in self.forms:
            out.update(form.values())
        return out

    def dirty(self) -> bool:
        if not self.loaded:
            return False
        return any(not _same(v, self.loaded.get(k)) for k, v in self.values().items())

    def load(self) -> None:
        """Show the settings in force (discarding unsaved changes)."""
        try:
            values = {**court_settings(self.ctx.desk), **document_values(self.ctx.desk)}
        except MeetingDeskError as exc:
            show_error(self, exc)
            return
        for form in self.forms:
            form.load(values)
        self.loaded = {k: v for k, v in self.values().items()}
        self._update_bar()

    def can_close(self, retry: Callable[[], object]) -> bool:
        """Unsaved settings: save, discard or stay (the window closes again once saved or discarded)."""
        if not (self.can_edit and self.dirty()):
            return True
        self.close_question = ask_to_save(
            self, _("设置有未保存的修改。是否保存？"), save=self.save, discard=self.load, then=retry
        )
        return False

    def save(self) -> bool:
        """Save every court-wide section at once; a wrong value is shown next to its field."""
        if not self.can_edit:
            return False
        changes = {k: v for k, v in self.values().items() if not _same(v, self.loaded.get(k))}
        try:
            changed = save_settings(self.ctx.desk, self.ctx.actor, changes)
        except ValidationError as exc:
            if not self._show_field_error(exc):
                show_error(self, exc)
            return False
        except MeetingDeskError as exc:
            show_error(self, exc)
            return False
        self.load()
        if changed:
            self.ctx.changed("settings")
        self.ctx.signals.sig_status_message.emit(
            _("设置已保存（{n}项）。").format(n=len(changed)) if changed else _("设置没有变化。")
        )
        return True

    def open_backup(self) -> QWidget:
        """备份与恢复 (the same dialog as 系统 › 备份与恢复)."""
        from ui.backup_restore import BackupRestoreDialog

        dialog = BackupRestoreDialog(self.ctx.desk, self.ctx.actor, self.window(), tasks=self.ctx.tasks)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(lambda _result: self.ctx.changed("all"))
        dialog.open()
        return dialog

    # ---- internals

    def _show_field_error(self, exc: ValidationError) -> bool:
        for index, form in ((0, self.court), (1, self.rules), (2, self.security)):
            if exc.field in form.errors:
                self.tabs.setCurrentIndex(index)
                form.show_error(exc.field, exc.message)
                self.note.setText(exc.message)
                self.note.setStyleSheet("color: #b42318;")
                return True
        return False

    def _update_bar(self) -> None:
        on_court_tabs = self.tabs.currentIndex() < 3
        self.bar.setVisible(on_court_tabs)
        self.note.setStyleSheet(NOTE_STYLE)
        if not self.can_edit:
            self.note.setText(_("当前账户只能查看全院设置，只有管理员可以修改。界面语言和数据交换不受此限。"))
            return
        dirty = self.dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.note.setText(_("有未保存的修改。") if dirty else _("全院设置对所有用户生效；修改后点“保存”（Ctrl+S）。"))
