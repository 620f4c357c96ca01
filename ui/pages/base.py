"""Base class of the main window's pages: refresh when shown after their data changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import AppContext


class Page(QWidget):
    """A page of the main window.

    Subclasses list the data areas they show in ``areas`` and implement :meth:`refresh`. The window
    calls :meth:`activate` when the page becomes visible; a page whose areas changed while hidden
    refreshes then, so switching pages is cheap.
    """

    areas: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.signals.sig_data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, area: str) -> None:
        if area == "all" or area in self.areas:
            self._stale = True
            if self.isVisible():
                self.activate()

    def activate(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def save_state(self) -> None:
        """Persist splitter/header states before the window closes."""

    def can_close(self, retry: Callable[[], object]) -> bool:  # noqa: ARG002 - for the subclasses
        """May the main window close now? MainWindow.closeEvent asks every page before anything is saved.

        A page with unsaved typed text returns False and asks the user without blocking (保存 / 放弃 /
        取消); once the answer lets the window go (saved, or discarded) it calls ``retry``, which closes the
        window again. On 取消, or when saving failed, it does nothing more: the window stays open with
        everything as typed.
        """
        return True

    def keep_unsaved(self) -> None:
        """The app is quitting where no one may be asked (quit from the lock screen): keep whatever is
        unsaved as a draft, offered back when it is next opened."""

    def screenshot_scenes(self) -> list[tuple[str, Callable[[], QWidget]]]:
        """Extra states worth a screenshot (scripts/screenshots.py): (name, set-up returning the widget)."""
        return []
