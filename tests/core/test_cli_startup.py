"""Starting the GUI through the command line loads no subcommand (they may import heavy libraries)."""

from __future__ import annotations

import pytest

from meetingdesk import cli


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], False),
        (["--db", "x.db"], False),
        (["--db", "stats"], False),  # a database file named like a command is still just the database
        (["-platform", "offscreen"], True),  # Qt's own options reach the parser as before
        (["--db", "x.db", "stats", "--year", "2026"], True),
        (["--help"], True),
        (["--smoke-test"], False),
    ],
)
def test_names_a_command(argv: list[str], expected: bool) -> None:
    assert cli._names_a_command(argv) is expected


def test_gui_start_builds_no_subcommands(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(cli, "_gui_launcher", [lambda **kw: seen.append(kw) or 0])
    imported: list[str] = []
    real = cli.importlib.import_module
    monkeypatch.setattr(cli.importlib, "import_module", lambda name: imported.append(name) or real(name))
    assert cli.main(["--db", "court.db"]) == 0
    assert seen == [{"db": "court.db", "qt_args": []}] and imported == []
