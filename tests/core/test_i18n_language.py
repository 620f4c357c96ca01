"""Which language the program speaks: the system's (MEETINGDESK_LANG, then the locale), or ``--lang``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingdesk import cli
from meetingdesk.i18n import _, current_language, language_for_locale, set_language, system_language


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW", "zh_CN"),  # any Chinese locale reads the Chinese interface
        ("C", "zh_CN"),  # servers and containers: the default language
        ("C.UTF-8", "zh_CN"),
        ("POSIX", "zh_CN"),
        ("", "zh_CN"),
        ("en_US.UTF-8", "en"),
        ("en_GB@euro", "en"),
        ("de_DE", "en"),  # no German catalogue: English is the closer of the two
    ],
)
def test_language_for_locale(name: str, expected: str) -> None:
    assert language_for_locale(name) == expected


def test_system_language_reads_the_override_then_the_posix_variables() -> None:
    assert system_language({"MEETINGDESK_LANG": "en", "LANG": "zh_CN.UTF-8"}) == "en"
    assert system_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert system_language({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}) == "zh_CN"
    assert system_language({"LANG": "en_AU.UTF-8"}) == "en"
    assert system_language({}) == "zh_CN"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "en", "check"], "en"),
        (["--lang=en", "check"], "en"),
        (["check", "--lang", "zh_CN"], "zh_CN"),
        (["--lang", "fr", "check"], "zh_CN"),  # not a language of the program: the system's (the tests' zh_CN)
        (["check"], "zh_CN"),
    ],
)
def test_cli_language(argv: list[str], expected: str) -> None:
    assert cli.cli_language(argv) == expected


def test_the_cli_speaks_english_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    assert cli.main(["--lang", "en", "--db", str(missing), "check"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "does not exist" in err and "meetingdesk demo" in err
    assert cli.main(["--db", str(missing), "check"]) == cli.EXIT_USER_ERROR
    assert capsys.readouterr().err.startswith("错误：")  # the system's language (Chinese in the tests)
    assert _("会议") == "会议"


def test_help_is_english_under_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "stats", "--help"])
    out = capsys.readouterr().out
    assert "year (default: this year)" in out and "统计年度" not in out


def test_lang_reaches_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, object]] = []
    monkeypatch.setattr(cli, "_gui_launcher", [lambda **kw: seen.append(kw) or 0])
    assert cli.main(["--lang", "en", "--db", "court.db"]) == 0
    assert seen == [{"db": "court.db", "qt_args": [], "language": "en"}]
