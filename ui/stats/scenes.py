"""Screenshot scenes of the 统计 page: the charts, the members' attendance, the 审委会 referrals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from ui.pages.stats import StatsPage


def show_tab(page: StatsPage, index: int) -> QWidget:
    """Wait for the figures (they are computed off the GUI thread), then show the tab."""
    page.activate()
    for _ in range(200):
        if page.stats is not None and not page.computing:
            break
        page.ctx.tasks.wait(50)
        QApplication.processEvents()
    page.tabs.setCurrentIndex(index)
    return page.window()
