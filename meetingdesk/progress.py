"""Progress and cancel callbacks for long work, free of Qt (the UI adapts them)."""

from __future__ import annotations

from collections.abc import Callable

from meetingdesk.errors import Cancelled

ProgressFn = Callable[[float, str], None]
"""Called with a fraction in [0, 1] and a short status text."""

CancelFn = Callable[[], bool]
"""Returns True once the user asked to stop."""


def no_progress(_fraction: float, _status: str = "") -> None:
    """Default progress sink."""


def never() -> bool:
    """Default cancel check."""
    return False


def sub_progress(progress: ProgressFn, start: float, end: float) -> ProgressFn:
    """Map a stage's own 0..1 progress onto [start, end] of the whole job."""

    def report(fraction: float, status: str = "") -> None:
        progress(start + (end - start) * min(max(fraction, 0.0), 1.0), status)

    return report


def check_cancel(should_cancel: CancelFn) -> None:
    """Raise :class:`Cancelled` if the user asked to stop."""
    if should_cancel():
        raise Cancelled()
