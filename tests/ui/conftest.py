"""GUI fixtures: the demo database (built once per run: tests/conftest.py), copied per test; the app context."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.users import find_user

from ui.context import AppContext


@pytest.fixture
def demo_desk(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    files = demo_template.parent / "demo.files"
    if files.exists():
        shutil.copytree(files, tmp_path / "demo.files")
    desk = Desk(target)
    yield desk
    desk.close()


def actor_for(desk: Desk, username: str) -> Actor:
    """The demo account, signed in as far as these tests care: the password check (scrypt, ~80 ms a time,
    once per GUI test) is tested in tests/ui/test_login.py and tests/core/test_users.py."""
    user = find_user(desk, username)
    assert user is not None and user.active, username
    return user.as_actor()


@pytest.fixture
def ctx(demo_desk: Desk, qtbot: object, tmp_path: Path) -> Iterator[AppContext]:
    from ui.app import build_context
    from ui.settings import UiSettings

    context = build_context(demo_desk, actor_for(demo_desk, "secretary"), UiSettings(str(tmp_path / "ui.ini")))
    yield context
    context.tasks.cancel_all()
    context.tasks.wait(5000)
