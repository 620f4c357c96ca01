"""Running a library search off the GUI thread, shared by the library page and the case picker.

Only the newest search's answer is delivered. When the index has to be built first (the first search,
or after an upgrade) a cancellable progress dialog says so; an ordinary search shows none.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from meetingdesk.errors import Cancelled, MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn
from meetingdesk.search.query import SearchFilters, SearchResults, search

from ui.context import AppContext
from ui.errors import show_error
from ui.tasks import TaskHandle

PAGE_SIZE = 50


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: SearchFilters
    sort: str = "relevance"
    limit: int = PAGE_SIZE


class SearchRunner(QObject):
    sig_results = Signal(object, object, bool)
    """(SearchRequest, SearchResults, more: True when this was 加载更多 of the same request)."""
    sig_failed = Signal(str)
    """A known problem, e.g. a query that cannot be parsed (the message to show next to the box)."""
    sig_busy = Signal(bool)

    def __init__(self, ctx: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.widget = parent_widget
        self._generation = 0
        self.busy = False
        self.handle: TaskHandle | None = None

    def run(self, request: SearchRequest, *, more: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        from meetingdesk.search import index  # whoosh and jieba load with the first search

        desk, actor = self.ctx.desk, self.ctx.actor
        preparing = index.needs_building(desk)  # not index_state: that opens the index, too slow here
        self.busy = True
        self.sig_busy.emit(True)

        def work(progress: ProgressFn, should_cancel: CancelFn) -> SearchResults:
            return search(
                desk,
                actor,
                request.query,
                request.filters,
                request.sort,
                request.limit,
                progress=progress,
                should_cancel=should_cancel,
            )

        def current() -> bool:
            return Shiboken.isValid(self) and Shiboken.isValid(self.widget) and generation == self._generation

        def done(results: SearchResults) -> None:
            if current():
                self._finish()
                self.sig_results.emit(request, results, more)

        def failed(exc: BaseException) -> None:
            if not current():
                return
            self._finish()
            if isinstance(exc, Cancelled):
                self.sig_failed.emit(_("已取消建立检索索引；再次检索时将重新建立。"))
            elif isinstance(exc, MeetingDeskError):
                self.sig_failed.emit(exc.message)
            else:
                show_error(self.widget, exc)

        self.handle = self.ctx.tasks.run(
            work,
            on_done=done,
            on_error=failed,
            parent=self.widget.window(),
            label=_("正在准备检索索引……\n首次使用或程序升级后需由数据库建立索引，请稍候。") if preparing else "",
            show_progress=preparing,
        )

    def _finish(self) -> None:
        self.busy = False
        self.handle = None
        self.sig_busy.emit(False)
