"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MEETINGDESK_LANG", "zh_CN")  # the tests read Chinese, whatever the machine's locale

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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The demo database (today = 2026-11-23), built once per test run and shared by the xdist workers;
    copy it (:func:`copy_demo`) before writing to it."""
    from datetime import date

    from meetingdesk.demo import create_demo

    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent  # the workers' common folder
    folder = shared / "demo-template"
    path, done = folder / "demo.db", folder / "built"
    try:
        folder.mkdir()  # atomic: the first worker here builds, the others wait for it
    except FileExistsError:
        deadline = time.monotonic() + 180
        while not done.exists():
            if time.monotonic() > deadline:
                pytest.fail("another test worker did not finish building the demo database")
            time.sleep(0.05)
        return path
    create_demo(path, today=date(2026, 11, 23))
    done.touch()
    return path


def copy_demo(template: Path, folder: Path) -> Path:
    """A private copy of the demo database and its attachments in ``folder``."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "demo.db"
    shutil.copy(template, target)
    files = template.parent / "demo.files"
    if files.exists():
        shutil.copytree(files, folder / "demo.files")
    return target


@pytest.fixture
def cli_as_demo_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI acts as a named user: here the demo database's administrator (password from the environment)."""
    monkeypatch.setenv("MEETINGDESK_USER", "admin")
    monkeypatch.setenv("MEETINGDESK_PASSWORD", "demo1234")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first: the workers start on them together instead of one finishing them alone at the end."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1)
