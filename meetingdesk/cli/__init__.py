"""The ``meetingdesk`` command: the administrator's tool, and the GUI launcher when given no command.

Subcommands live in small modules listed in :data:`COMMAND_MODULES`; each exposes
``register(subparsers)`` and sets ``func(args, ctx) -> int`` on its parsers. Errors print one clear
line and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from meetingdesk import __version__
from meetingdesk.cli.context import CliContext
from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import ENV_LANGUAGE, LANGUAGES, _, set_language, system_language

COMMAND_MODULES = (
    "meetingdesk.cli.cmd_demo",
    "meetingdesk.cli.cmd_lists",
    "meetingdesk.cli.cmd_check",
    "meetingdesk.cli.cmd_library",
    "meetingdesk.cli.cmd_search",
    "meetingdesk.cli.cmd_users",
    "meetingdesk.cli.cmd_audit",
    "meetingdesk.cli.cmd_backup",
    "meetingdesk.cli.cmd_export",
    "meetingdesk.cli.cmd_stats",
    "meetingdesk.cli.cmd_exchange",
)

EXIT_USER_ERROR = 2
EXIT_BUG = 1


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The parser; ``commands=False`` leaves the subcommands out (starting the GUI needs none of them, and
    some import heavy libraries such as the document renderers)."""
    parser = argparse.ArgumentParser(
        prog="meetingdesk",
        description=_("专业法官会议秘书工作台（MeetingDesk）。不带子命令时启动图形界面。"),
    )
    parser.add_argument("--version", action="version", version=f"MeetingDesk {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("界面语言（默认跟随系统；也可设置环境变量 {env}）").format(env=ENV_LANGUAGE),
    )
    parser.add_argument("--db", metavar="PATH", help=_("数据库文件（默认：用户数据目录中的 meetingdesk.db）"))
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_(
            "以该账户操作（或环境变量 MEETINGDESK_USER）；密码取自环境变量 MEETINGDESK_PASSWORD，否则在终端提示输入"
        ),
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help=_("自检：在临时目录中建库、迁移、生成文书、检索，全部通过时返回0")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if commands:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
    return parser


def _names_a_command(argv: Sequence[str]) -> bool:
    """True when the arguments hold a subcommand (or ask for help): anything but ``[--db PATH]`` and options."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("-h", "--help"):
            return True
        if token in ("--db", "--user", "--lang"):
            next(tokens, None)
        elif not token.startswith("-"):
            return True
    return False


def cli_language(argv: Sequence[str]) -> str:
    """``--lang`` if given (read before the parser is built, as the help texts are translated), else the
    system's language (``MEETINGDESK_LANG``, then the locale)."""
    for i, token in enumerate(argv):
        if token == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if token.startswith("--lang=") and token[len("--lang=") :] in LANGUAGES:
            return token[len("--lang=") :]
    return system_language()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(cli_language(args_list))
    parser = build_parser(commands=_names_a_command(args_list))
    # Unknown leading options belong to the GUI (e.g. Qt's -platform), so parse leniently then.
    args, extra = parser.parse_known_args(args_list)
    if args.smoke_test:
        return smoke_test()
    if args.command is None:
        return launch_gui(args, extra)
    if extra:
        parser.error(_("无法识别的参数：{args}").format(args=" ".join(extra)))
    ctx = CliContext(args)
    try:
        login = getattr(args, "login", "required")
        if login != "none":
            ctx.login(allow_without_accounts=login == "if-accounts")
        return int(args.func(args, ctx) or 0)
    except MeetingDeskError as exc:
        print(_("错误：{exc}").format(exc=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("已中断。"), file=sys.stderr)
        return 130
    except OSError as exc:
        print(_("错误：文件操作失败：{exc}").format(exc=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        log = write_crash_log(exc)
        print(
            _("内部错误：{name}: {exc}。详细信息已写入 {log}").format(name=type(exc).__name__, exc=exc, log=log),
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        ctx.close()


def write_crash_log(exc: BaseException) -> str:
    """Keep the traceback for the developers; the user sees one line."""
    import traceback
    from datetime import datetime

    from meetingdesk.paths import user_data_dir

    folder = user_data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return _("（无法写入日志）")
    return str(path)


_smoke_registrars: list[Callable[[], None]] = []


def set_smoke_registrar(register: Callable[[], None]) -> None:
    """Register the GUI's smoke-test step explicitly (the frozen build has no entry-point metadata)."""
    _smoke_registrars[:] = [register]


def smoke_test() -> int:
    """``--smoke-test``: the core's steps plus those the GUI registers (see meetingdesk.smoke)."""
    from meetingdesk.smoke import run_smoke_test

    registrars = list(_smoke_registrars)
    if not registrars:
        from importlib.metadata import entry_points

        registrars = [ep.load() for ep in entry_points(group="meetingdesk.smoke")]
    for register in registrars:
        register()
    return run_smoke_test()


GuiLauncher = Callable[..., int]
_gui_launcher: list[GuiLauncher] = []


def set_gui_launcher(launcher: GuiLauncher) -> None:
    """Register the GUI explicitly (the frozen build has no entry-point metadata)."""
    _gui_launcher[:] = [launcher]


def launch_gui(args: argparse.Namespace, extra: list[str]) -> int:
    """Start the GUI registered under the ``meetingdesk.gui`` entry point (the core never imports it)."""
    if not _gui_launcher:
        from importlib.metadata import entry_points

        found = list(entry_points(group="meetingdesk.gui"))
        if not found:
            print(_("错误：未安装图形界面组件，请用子命令运行（meetingdesk --help）。"), file=sys.stderr)
            return EXIT_USER_ERROR
        _gui_launcher.append(found[0].load())
    if args.lang:  # an explicit --lang overrides the saved choice for this run
        return int(_gui_launcher[0](db=args.db, qt_args=extra, language=args.lang))
    return int(_gui_launcher[0](db=args.db, qt_args=extra))
