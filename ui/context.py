"""What every screen receives: the open database, the signed-in user, the signals, settings, tasks."""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk

from ui.settings import UiSettings
from ui.signals import AppSignals
from ui.tasks import TaskRunner


@dataclass
class AppContext:
    desk: Desk
    actor: Actor
    signals: AppSignals
    settings: UiSettings
    tasks: TaskRunner

    def changed(self, area: str) -> None:
        """Tell every screen that ``area`` changed (they refresh when next shown)."""
        self.signals.sig_data_changed.emit(area)
