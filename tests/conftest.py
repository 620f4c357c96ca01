"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

from meetingdesk.services.desk import Desk

settings.register_profile("default", deadline=None, max_examples=200)
settings.load_profile("default")


class FakeClock:
    """A settable clock so deadlines and 'now' are deterministic."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def set(self, value: datetime) -> None:
        self.value = value


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0))


@pytest.fixture
def desk(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    d = Desk(tmp_path / "test.db", clock=clock)
    yield d
    d.close()
