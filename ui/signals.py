"""Application-wide signals: one place where screens learn that data changed or something should open."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    sig_data_changed = Signal(str)
    """An area's data changed ("reports", "meetings", "roster", "library", "followups", "all")."""

    sig_open_report_requested = Signal(int)
    """Open the case report editor for this report id."""

    sig_open_meeting_requested = Signal(int)
    """Open the meeting editor for this meeting id."""

    sig_open_library_case_requested = Signal(int)
    """Show this reference case in the library page (switching to it)."""

    sig_navigate_requested = Signal(str)
    """Switch the main window to the page with this key."""

    sig_status_message = Signal(str)
    """Show a short message in the status bar."""
