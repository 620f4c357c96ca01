"""使用说明 (F1): the help pages (Markdown under resources/help/<language>/) in a QTextBrowser.

F1 anywhere in the main window opens the topic of the page shown; dialogs open their own topic. The
help window is one per top-level window and non-modal; Esc closes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.i18n import N_, _, current_language
from meetingdesk.paths import resource_path

TOPICS: tuple[tuple[str, str], ...] = (
    ("index", N_("使用说明")),
    ("dashboard", N_("工作台")),
    ("reports", N_("案件报告")),
    ("meetings", N_("会议")),
    ("in-meeting", N_("会中")),
    ("after", N_("会后")),
    ("library", N_("参考案例库")),
    ("stats", N_("统计")),
    ("roster", N_("成员与会议组")),
    ("settings", N_("设置")),
    ("data", N_("数据交换")),
    ("shortcuts", N_("快捷键")),
)
TOPIC_KEYS = tuple(key for key, _title in TOPICS)
DEFAULT_LANGUAGE = "zh_CN"


def help_folder(language: str | None = None) -> Path:
    """The help pages in the interface language, or in Chinese when they are not translated."""
    folder = resource_path("help", language or current_language())
    return folder if (folder / "index.md").is_file() else resource_path("help", DEFAULT_LANGUAGE)


def topic_for_page(page_key: str) -> str:
    """The help topic of a main-window page (the overview for a page without its own)."""
    return page_key if page_key in TOPIC_KEYS else "index"


class HelpWindow(QWidget):
    """Contents on the left, the page on the right; links between pages work, ← → go back and forth."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(_("使用说明"))
        self.folder = help_folder()
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setToolTip(_("说明目录"))
        for key, title in TOPICS:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(200)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.document().setDefaultStyleSheet("h1 { color: #1f5fa8; } td, th { padding: 3px 8px; }")
        self.back = self._button("helpBack", "←", _("后退（Alt+←）"), "Alt+Left", self.browser.backward)
        self.forward = self._button("helpForward", "→", _("前进（Alt+→）"), "Alt+Right", self.browser.forward)
        self.home = self._button(
            "helpHome", _("目录"), _("回到目录（Alt+Home）"), "Alt+Home", lambda: self.show_topic("index")
        )
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        self.browser.sourceChanged.connect(self._on_source)
        self.contents.currentRowChanged.connect(self._on_row)

        bar = QHBoxLayout()
        for b in (self.back, self.forward, self.home):
            bar.addWidget(b)
        bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        close = QAction(self)
        close.setShortcut(QKeySequence("Esc"))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.resize(880, 640)

    def _button(self, name: str, text: str, tip: str, key: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setShortcut(QKeySequence(key))
        button.clicked.connect(slot)
        return button

    # ---- public API

    def show_topic(self, key: str) -> None:
        key = key if key in TOPIC_KEYS else "index"
        self.browser.setSource(QUrl.fromLocalFile(str(self.folder / f"{key}.md")))

    def current_topic(self) -> str:
        return Path(self.browser.source().path()).stem

    # ---- internals

    def _on_source(self, url: QUrl) -> None:
        key = Path(url.path()).stem
        if key in TOPIC_KEYS:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(TOPIC_KEYS.index(key))
            self.contents.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(TOPICS):
            self.show_topic(TOPICS[row][0])


def show_help(parent: QWidget, topic: str) -> HelpWindow:
    """Open (or raise) the help window of ``parent``'s top-level window at ``topic``."""
    top = parent.window()
    window = top.findChild(HelpWindow, "helpWindow", Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        window = HelpWindow(top)
    window.show_topic(topic)
    if window.isVisible():
        window.raise_()  # already open behind the main window: bring it to the front
        window.activateWindow()
    else:
        window.show()
    return window
