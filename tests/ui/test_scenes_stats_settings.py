"""The screenshot scenes of the 统计 and 设置 pages set up what they promise."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.context import AppContext
from ui.exchange.import_dialog import RosterImportDialog
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage
from ui.pages.stats import StatsPage


def test_scenes_of_stats_and_settings(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    stats = window.show_page("stats")
    assert isinstance(stats, StatsPage)
    scenes = dict(stats.screenshot_scenes())
    assert scenes["charts"]() is window and stats.tabs.currentIndex() == 1
    assert stats.stats is not None and stats.by_month.has_data()  # the figures arrived before the picture
    scenes["members"]()
    assert stats.tabs.currentIndex() == 2 and stats.members_model.rowCount() == len(stats.stats.members)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    for name, index in (("rules", 1), ("security", 2), ("data-exchange", 4)):
        assert dict(settings.screenshot_scenes())[name]() is window
        assert settings.tabs.currentIndex() == index

    admin_view = dict(settings.screenshot_scenes())["administrator"]()
    assert isinstance(admin_view, SettingsPage) and admin_view.can_edit and admin_view.save_button.isVisible()
    admin_view.close()
    preview = dict(settings.screenshot_scenes())["import-preview"]()
    assert isinstance(preview, RosterImportDialog) and preview.preview is not None
    assert [r.action for r in preview.model.rows()] == ["create", "error", "update", "unchanged"]
    preview.close()
