"""Running long work off the GUI thread, with a delayed, cancellable progress dialog.

Core functions take ``progress`` and ``should_cancel`` callbacks (meetingdesk.progress); here they run
on a small dedicated thread pool, and results, errors and progress come back to the GUI thread via
signals. Never touch a widget from inside the work function.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from meetingdesk.i18n import _
from meetingdesk.progress import CancelFn, ProgressFn

Work = Callable[[ProgressFn, CancelFn], Any]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)


class _Task(QRunnable):
    def __init__(self, work: Work, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._work, self._relay, self._cancel = work, relay, cancel
        self._last = -1

    def _progress(self, fraction: float, status: str = "") -> None:
        step = int(fraction * 100)
        if step != self._last:  # throttle to 1 % steps
            self._last = step
            self._relay.progress.emit(fraction, status)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except BaseException as exc:  # delivered to the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


class TaskHandle:
    """A running task: cancel it, or wait for it in tests."""

    def __init__(self, relay: _Relay, cancel: threading.Event) -> None:
        self.relay = relay
        self.cancel_event = cancel
        self.finished = False

    def cancel(self) -> None:
        self.cancel_event.set()


class TaskRunner:
    """Owns the worker pool. Database work gets its own per-thread connection (Desk.db)."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        if pool is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(2)
            pool.setExpiryTimeout(-1)  # keep threads (and their SQLite connections) alive
        self.pool = pool
        self._running: list[TaskHandle] = []

    def run(
        self,
        work: Work,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        parent: QWidget | None = None,
        label: str = "",
        show_progress: bool = True,
    ) -> TaskHandle:
        relay = _Relay()
        cancel = threading.Event()
        handle = TaskHandle(relay, cancel)
        dialog: QProgressDialog | None = None
        if show_progress:
            dialog = QProgressDialog(label or _("正在处理……"), _("取消"), 0, 100, parent)
            dialog.setWindowTitle(_("请稍候"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(500)  # fast work never flashes a dialog
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setValue(0)
            dialog.canceled.connect(cancel.set)

            def show_progress_step(fraction: float, status: str) -> None:
                dialog.setValue(int(fraction * 100))
                if status:
                    dialog.setLabelText(f"{label}\n{status}" if label else status)

            relay.progress.connect(show_progress_step)

        def finish() -> None:
            handle.finished = True
            if handle in self._running:
                self._running.remove(handle)
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            on_error(exc)

        relay.done.connect(done)
        relay.failed.connect(failed)
        self._running.append(handle)
        self.pool.start(_Task(work, relay, cancel))
        return handle

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self.pool.waitForDone(timeout_ms)

    def cancel_all(self) -> None:
        for handle in list(self._running):
            handle.cancel()
