"""The backup and restore screen on real widgets, with real backups and a real restore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from meetingdesk.services import roster
from meetingdesk.services.actor import Actor
from meetingdesk.services.audit_verify import verify_audit
from meetingdesk.services.auto_backup import list_backups
from meetingdesk.services.desk import Desk
from meetingdesk.services.restore import RestoreResult
from meetingdesk.services.settings import get_setting

from ui.backup_restore import BackupRestoreDialog, start_auto_backup
from ui.tasks import TaskRunner

from tests.core.world import World, build_world, open_copy


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "court.db")


@pytest.fixture
def desk(world: World, tmp_path: Path) -> Iterator[Desk]:
    d = open_copy(world, tmp_path)
    yield d
    d.close()


def _dialog(qtbot: QtBot, desk: Desk, actor: Actor) -> BackupRestoreDialog:
    dialog = BackupRestoreDialog(desk, actor, tasks=TaskRunner())
    qtbot.addWidget(dialog)
    return dialog


def _wait(qtbot: QtBot, dialog: BackupRestoreDialog) -> object:
    dialog.last_result = None
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=20_000)
    return dialog.last_result


def test_a_secretary_backs_up_but_cannot_restore(qtbot: QtBot, desk: Desk, world: World, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, desk, world.actors["secretary"])
    assert dialog.backup_button.isEnabled()
    assert not dialog.restore_file_button.isEnabled() and not dialog.save_policy_button.isEnabled()
    target = tmp_path / "out" / "备份"
    dialog.ask_save_path = lambda: target
    dialog.backup_now()
    _wait(qtbot, dialog)
    assert (tmp_path / "out" / "备份.zip").is_file()
    assert "已写入备份" in dialog.status.text() and "案件报告7份" in dialog.status.text()


def test_a_member_sees_a_read_only_screen(qtbot: QtBot, desk: Desk, world: World) -> None:
    dialog = _dialog(qtbot, desk, world.actors["member"])
    assert not dialog.backup_button.isEnabled() and not dialog.restore_selected_button.isEnabled()


def test_the_administrator_sets_the_policy_and_restores(qtbot: QtBot, desk: Desk, world: World, tmp_path: Path) -> None:
    admin = world.actors["admin"]
    dialog = _dialog(qtbot, desk, admin)
    dialog.auto_keep.setValue(3)
    dialog.auto_folder.setText(str(tmp_path / "auto"))
    dialog.save_policy()
    assert get_setting(desk, "backup.auto_keep") == 3 and "已保存" in dialog.status.text()
    dialog.auto_backup_now()
    _wait(qtbot, dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "自动"
    backup = list_backups(tmp_path / "auto")[0].path

    roster.create_room(desk, admin, "备份后新建的会议室")
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or False  # first: say no
    dialog.restore_from(backup)
    _wait(qtbot, dialog)
    qtbot.waitUntil(lambda: "已取消" in dialog.status.text())
    assert "备份校验通过" in asked[0] and desk.scalar("SELECT COUNT(*) FROM rooms WHERE name LIKE '备份后%'") == 1

    dialog.confirm = lambda text: True
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=20_000) as signal:
        dialog._restore_selected()
    result = signal.args[0]
    assert isinstance(result, RestoreResult) and result.set_aside is not None
    # the same Desk object now reads the restored database
    assert desk.scalar("SELECT COUNT(*) FROM rooms WHERE name LIKE '备份后%'") == 0
    assert verify_audit(desk).ok


def test_the_automatic_backup_runs_in_the_background(qtbot: QtBot, desk: Desk) -> None:
    made: list[Path | None] = []
    tasks = TaskRunner()
    start_auto_backup(desk, tasks, made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=20_000)
    assert made[0] is not None and made[0].is_file()
    start_auto_backup(desk, tasks, made.append)  # once a day
    qtbot.waitUntil(lambda: len(made) == 2, timeout=20_000)
    assert made[1] is None
