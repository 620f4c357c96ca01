"""设置 page: administrators change court-wide settings that the core then reads; others only read them;
the language choice is saved per user and switches the gettext catalogue (and Qt's own) at the next start."""

from __future__ import annotations

import io
import struct
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk.documents.collect import load_settings
from meetingdesk.i18n import _, current_language, set_language
from meetingdesk.services.court_settings import court_settings, new_body_input
from meetingdesk.services.settings import get_setting

from ui.app import build_context
from ui.context import AppContext
from ui.language import apply_language, effective_language
from ui.main_window import MainWindow
from ui.pages.roster import RosterPage
from ui.pages.settings import SettingsPage
from ui.settings import LANGUAGE, UiSettings

from tests.ui.conftest import actor_for
from tests.ui.keyboard import type_text


@pytest.fixture
def admin_ctx(ctx: AppContext, tmp_path: Path) -> AppContext:
    return build_context(ctx.desk, actor_for(ctx.desk, "admin"), UiSettings(str(tmp_path / "admin.ini")))


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


def open_settings(qtbot: QtBot, ctx: AppContext) -> tuple[MainWindow, SettingsPage]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1300, 860)
    window.show()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return window, page


def set_spin(qtbot: QtBot, page: SettingsPage, key: str, value: int) -> None:
    for form in page.forms:
        if key in form.widgets:
            spin = form.widgets[key]
            spin.setFocus()
            spin.selectAll()  # type: ignore[attr-defined]
            qtbot.keyClicks(spin, str(value))
            return
    raise KeyError(key)


def test_administrator_saves_and_the_core_reads_it(qtbot: QtBot, admin_ctx: AppContext, messages: list[str]) -> None:
    window, page = open_settings(qtbot, admin_ctx)
    desk = admin_ctx.desk
    assert page.court.court_name.text() == "东江市中级人民法院" and not page.save_button.isEnabled()
    page.court.court_name.selectAll()
    type_text(qtbot, page.court.court_name, "东江市中级人民法院（测试）")
    assert page.save_button.isEnabled() and "未保存" in page.note.text()
    page.court.margins["top"].setValue(35)
    page.court.fonts["body"].setCurrentText("仿宋")
    assert "版心：156 × 227 毫米" in page.court.type_area.text()
    page.tabs.setCurrentIndex(1)
    set_spin(qtbot, page, "followup.due_working_days", 15)
    set_spin(qtbot, page, "body.default_quorum_minimum", 7)
    page.rules.widgets["referral.partial_counts"].setChecked(False)  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(2)
    set_spin(qtbot, page, "security.idle_lock_minutes", 0)
    page.security.folder.setText("/srv/meetingdesk-backups")
    idle = page.security.widgets["security.idle_lock_minutes"]
    assert idle.value() == 0 and idle.specialValueText() == "不锁定"  # type: ignore[attr-defined]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.security.folder.setFocus()
    qtbot.keyClick(page.security.folder, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert messages == []
    assert get_setting(desk, "court.name") == "东江市中级人民法院（测试）"
    assert get_setting(desk, "followup.due_working_days") == 15
    assert get_setting(desk, "referral.partial_counts") is False
    assert get_setting(desk, "security.idle_lock_minutes") == 0
    assert get_setting(desk, "backup.auto_folder") == "/srv/meetingdesk-backups"
    doc = load_settings(desk)
    assert doc.margins.top == 35 and doc.fonts.body == "仿宋" and doc.court_name == "东江市中级人民法院（测试）"
    assert new_body_input(desk).quorum_minimum == 7
    assert "（测试）" in window.windowTitle()
    assert not page.save_button.isEnabled() and not page.dirty()

    # a new body on the roster page starts with the new default
    roster = window.show_page("roster")
    assert isinstance(roster, RosterPage)
    roster.bodies.new_entry()
    assert roster.bodies.minimum.value() == 7


def test_a_wrong_value_is_shown_at_its_field_and_nothing_is_saved(
    qtbot: QtBot, admin_ctx: AppContext, messages: list[str]
) -> None:
    _window, page = open_settings(qtbot, admin_ctx)
    before = court_settings(admin_ctx.desk)
    page.tabs.setCurrentIndex(1)
    set_spin(qtbot, page, "body.default_quorum_numerator", 4)  # 4/3: more than everyone
    set_spin(qtbot, page, "followup.due_working_days", 20)
    assert not page.save()
    error = page.rules.errors["body.default_quorum_numerator"]
    assert error.isVisible() and "分子不能大于分母" in error.text()
    assert page.tabs.currentIndex() == 1 and messages == []
    assert court_settings(admin_ctx.desk) == before
    page.court.margins["left"].setValue(80)
    page.court.margins["right"].setValue(80)
    set_spin(qtbot, page, "body.default_quorum_numerator", 1)
    assert not page.save()
    assert page.tabs.currentIndex() == 0
    assert "页边距过大" in page.court.errors["documents.margins_mm"].text()
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.court.margins["left"].value() == 28 and not page.dirty()
    assert court_settings(admin_ctx.desk) == before


def test_others_only_read_court_settings(qtbot: QtBot, ctx: AppContext) -> None:
    _window, page = open_settings(qtbot, ctx)  # the secretary
    assert not page.can_edit and page.save_button.isHidden()
    assert "只有管理员可以修改" in page.note.text()
    assert page.court.court_name.isReadOnly() and not page.court.choose_template.isEnabled()
    assert not page.rules.widgets["referral.on_no_majority"].isEnabled()
    page.court.court_name.setText("改不了")
    assert not page.save()
    assert get_setting(ctx.desk, "court.name") == "东江市中级人民法院"
    # the language and data exchange stay usable
    assert page.language.combo.isEnabled() and page.exchange.import_button.isEnabled()


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "东江市中级人民法院（红头）"
    doc.save(buf)
    return buf.getvalue()


def test_the_letterhead_template_is_checked_copied_and_used(
    qtbot: QtBot, admin_ctx: AppContext, tmp_path: Path, messages: list[str]
) -> None:
    _window, page = open_settings(qtbot, admin_ctx)
    source = tmp_path / "本院模板.docx"
    source.write_bytes(_docx_bytes())
    installed: list[Path] = []
    page.court.pick_template(source, on_done=installed.append)
    qtbot.waitUntil(lambda: bool(installed), timeout=15000)
    assert page.court.template.text() == str(installed[0]) and page.dirty()
    assert page.save()
    assert load_settings(admin_ctx.desk).template_path == installed[0]
    assert installed[0].is_relative_to(admin_ctx.desk.data_dir)
    bad = tmp_path / "坏模板.docx"
    bad.write_bytes(b"not a zip")
    page.court.pick_template(bad)
    qtbot.waitUntil(lambda: bool(messages), timeout=15000)
    assert "坏模板.docx" in messages[0]
    assert page.court.template.text() == str(installed[0])
    qtbot.mouseClick(page.court.clear_template, Qt.MouseButton.LeftButton)
    assert page.save() and load_settings(admin_ctx.desk).template_path is None


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU .mo catalogue (the format msgfmt writes), so the test needs no extra tool."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = strs = b""
    offsets = []
    for k in keys:
        kb, vb = k.encode(), entries[k].encode()
        offsets.append((len(ids), len(kb), len(strs), len(vb)))
        ids += kb + b"\0"
        strs += vb + b"\0"
    keystart = 7 * 4 + 16 * len(keys)
    valuestart = keystart + len(ids)
    table: list[int] = []
    for o1, l1, _o2, _l2 in offsets:
        table += [l1, o1 + keystart]
    for _o1, _l1, o2, l2 in offsets:
        table += [l2, o2 + valuestart]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + array("i", table).tobytes() + ids + strs)


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)
    app = QCoreApplication.instance()
    assert app is not None
    apply_language(app, "zh_CN")


def test_language_is_saved_per_user_and_switches_at_the_next_start(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, restore_language: None
) -> None:
    _window, page = open_settings(qtbot, ctx)
    page.tabs.setCurrentIndex(3)
    combo = page.language.combo
    assert combo.currentData() == "" and combo.currentText() == "跟随系统"
    combo.setCurrentIndex(combo.findData("en"))
    assert UiSettings(ctx.settings.file_name).get(LANGUAGE) == "en"  # saved at once, on disk
    assert "重新启动程序后生效" in page.language.note.text()
    assert "翻译尚未安装" not in page.language.note.text()  # the English catalogue is shipped
    assert effective_language("en") == "en"
    assert effective_language("en", localedir=tmp_path / "nowhere") == "zh_CN"  # no catalogue: Chinese

    locale = tmp_path / "locale"
    write_mo(
        locale / "en" / "LC_MESSAGES" / "meetingdesk.mo",
        {
            "统计": "Statistics",
            "设置": "Settings",
            "专业法官会议秘书工作台 — {court}": "Judges' Meeting Desk — {court}",
        },
    )
    app = QApplication.instance()
    assert app is not None
    # the next start: the saved choice, with a catalogue present
    assert apply_language(app, UiSettings(ctx.settings.file_name).get(LANGUAGE), localedir=locale) == "en"
    assert _("统计") == "Statistics" and _("会议") == "会议"  # untranslated text falls back to the source
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Statistics" in titles and "Settings" in titles
    assert window.windowTitle().startswith("Judges' Meeting Desk")
    # 跟随系统 follows the system's locale; Chinese brings Qt's Chinese dialogs back
    assert apply_language(app, "", locale_name="en_US", localedir=locale) == "en"
    assert apply_language(app, "", locale_name="zh_CN", localedir=locale) == "zh_CN"
    assert _("统计") == "统计"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def _typed_court_name(qtbot: QtBot, ctx: AppContext, text: str) -> tuple[MainWindow, SettingsPage]:
    window, page = open_settings(qtbot, ctx)
    page.court.court_name.selectAll()
    type_text(qtbot, page.court.court_name, text)
    window.show_page("dashboard")  # the user went elsewhere meanwhile
    return window, page


def _close_question(page: SettingsPage) -> QMessageBox:
    box = page.close_question
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "设置有未保存的修改。是否保存？"
    return box


def test_closing_with_unsaved_settings_asks_and_cancel_keeps_them(qtbot: QtBot, admin_ctx: AppContext) -> None:
    window, page = _typed_court_name(qtbot, admin_ctx, "东江市中级人民法院（新）")
    assert not window.close()
    assert window.isVisible() and window.current_page() is page
    _close_question(page).button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and page.court.court_name.text() == "东江市中级人民法院（新）"


def test_closing_with_unsaved_settings_saves_on_request(qtbot: QtBot, admin_ctx: AppContext) -> None:
    window, page = _typed_court_name(qtbot, admin_ctx, "东江市中级人民法院（新）")
    window.close()
    _close_question(page).button(QMessageBox.StandardButton.Save).click()
    assert get_setting(admin_ctx.desk, "court.name") == "东江市中级人民法院（新）"
    assert not window.isVisible()


def test_closing_with_unsaved_settings_discards_on_request(qtbot: QtBot, admin_ctx: AppContext) -> None:
    window, page = _typed_court_name(qtbot, admin_ctx, "不要了")
    window.close()
    _close_question(page).button(QMessageBox.StandardButton.Discard).click()
    assert not window.isVisible() and get_setting(admin_ctx.desk, "court.name") == "东江市中级人民法院"
