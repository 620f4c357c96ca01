"""The main window: navigation on the left, one page at a time on the right. Wiring only."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from meetingdesk.i18n import _
from meetingdesk.services.permissions import allowed
from meetingdesk.services.settings import get_setting

from ui.context import AppContext
from ui.pages import PAGES, PageSpec
from ui.pages.base import Page


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        court = get_setting(ctx.desk, "court.name") or ""
        self.setWindowTitle(_("专业法官会议秘书工作台 — {court}").format(court=court))
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; border: none; background: #f3f5f8; }"
            "QListWidget#navigation::item { padding: 10px 14px; }"
            "QListWidget#navigation::item:selected { background: #1f5fa8; color: white; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for spec in PAGES:
            page = self._build_page(spec)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(
                _("{title}（{key}）").format(title=_(spec.title), key=spec.shortcut) if spec.shortcut else _(spec.title)
            )
            self.nav.addItem(item)
            if spec.shortcut:
                action = QAction(_(spec.title), self)
                action.setShortcut(QKeySequence(spec.shortcut))
                action.triggered.connect(lambda _=False, k=spec.key: self.show_page(k))
                self.addAction(action)

        # at first as wide as the longest title in the language shown ("Reference case library"); no scroll bar
        self.nav.setMinimumWidth(132)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav_width = min(max(168, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8), 280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([nav_width, 1100])
        self.setCentralWidget(self.splitter)

        user = QLabel(
            _("{name}（{role}）  {court}").format(name=ctx.actor.shown_name, role=ctx.actor.role_label, court=court)
        )
        user.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(user)
        ctx.signals.sig_status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        ctx.signals.sig_navigate_requested.connect(self.show_page)
        ctx.signals.sig_data_changed.connect(self._on_data_changed)

        self._build_menu()
        self._add_help()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self._restore_state()
        self.nav.setCurrentRow(0)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(_("系统(&S)"))
        menu.setObjectName("systemMenu")
        if allowed(self.ctx.actor, "backup.create") or allowed(self.ctx.actor, "backup.restore"):
            backup = menu.addAction(_("备份与恢复(&B)…"))
            backup.setObjectName("actionBackup")
            backup.triggered.connect(self.open_backup_restore)
        password = menu.addAction(_("修改密码(&P)…"))
        password.setObjectName("actionChangePassword")
        password.triggered.connect(self.open_change_password)
        if allowed(self.ctx.actor, "users.manage"):
            reset = menu.addAction(_("重置用户密码(&R)…"))
            reset.setObjectName("actionResetPassword")
            reset.triggered.connect(self.open_reset_password)
        menu.addSeparator()
        quit_action = menu.addAction(_("退出(&X)"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def open_backup_restore(self) -> QDialog:
        from ui.backup_restore import BackupRestoreDialog

        dialog = BackupRestoreDialog(self.ctx.desk, self.ctx.actor, self, tasks=self.ctx.tasks)
        dialog.restored.connect(lambda _result: self.ctx.changed("all"))
        dialog.open()
        return dialog

    def open_change_password(self) -> QDialog:
        from ui.login import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx.desk, self.ctx.actor, self)
        dialog.open()
        return dialog

    def open_reset_password(self) -> QDialog:
        from ui.login import ResetPasswordDialog

        dialog = ResetPasswordDialog(self.ctx.desk, self.ctx.actor, self)
        dialog.open()
        return dialog

    def _add_help(self) -> None:
        """帮助 › 使用说明 (F1) opens the help at the topic of the page shown."""
        menu = self.menuBar().addMenu(_("帮助(&H)"))
        menu.setObjectName("helpMenu")
        action = menu.addAction(_("使用说明(&H)"))
        action.setObjectName("actionHelp")
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        action.triggered.connect(self.show_help)

    def show_help(self) -> QWidget:
        from ui.help import show_help, topic_for_page

        key = next(k for k, p in self.pages.items() if p is self.current_page())
        return show_help(self, topic_for_page(key))

    def _on_data_changed(self, area: str) -> None:
        if area in ("settings", "all"):
            court = get_setting(self.ctx.desk, "court.name") or ""
            self.setWindowTitle(_("专业法官会议秘书工作台 — {court}").format(court=court))

    def _build_page(self, spec: PageSpec) -> Page:
        module_name, _sep, class_name = spec.target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        page: Page = cls(self.ctx, self)
        page.setObjectName(f"page_{spec.key}")
        return page

    def show_page(self, key: str) -> Page:
        keys = [spec.key for spec in PAGES]
        self.nav.setCurrentRow(keys.index(key))
        return self.pages[key]

    def current_page(self) -> Page:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Page)
        return widget

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.current_page().activate()

    # ---- state

    def _restore_state(self) -> None:
        geometry = self.ctx.settings.load_bytes("geometry/MainWindow")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.ctx.settings.load_bytes("splitter/MainWindow")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        self.ctx.settings.save_bytes("geometry/MainWindow", QByteArray(self.saveGeometry()))
        self.ctx.settings.save_bytes("splitter/MainWindow", QByteArray(self.splitter.saveState()))
        for page in self.pages.values():
            page.save_state()
        self.ctx.settings.sync()

    def quit_keeping_drafts(self) -> None:
        """Quit from the lock screen: nobody is asked; every page keeps what is unsaved as a draft."""
        for page in self.pages.values():
            page.keep_unsaved()
        self.save_state()
        self.ctx.tasks.cancel_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():
            if not page.can_close(self.close):  # it asks; closes again once the user saved or discarded
                self.show_page(next(k for k, p in self.pages.items() if p is page))
                event.ignore()
                return
        self.save_state()
        self.ctx.tasks.cancel_all()
        super().closeEvent(event)
