"""What every subcommand shares: the database path, the open Desk, output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from meetingdesk.paths import default_database_path
from meetingdesk.services.desk import Desk


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.db_path = Path(args.db) if args.db else default_database_path()
        self._desk: Desk | None = None

    def desk(self, *, must_exist: bool = True) -> Desk:
        from meetingdesk.errors import MeetingDeskError

        if self._desk is None:
            if must_exist and not self.db_path.exists():
                raise MeetingDeskError(
                    f"数据库“{self.db_path}”不存在。可先运行“meetingdesk demo”创建演示数据库，或用 --db 指定文件。"
                )
            self._desk = Desk(self.db_path)
        return self._desk

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk = None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def progress_printer(label: str) -> Any:
    """A progress callback that redraws one line on stderr (only when it is a terminal)."""
    last = [-1]

    def report(fraction: float, status: str = "") -> None:
        pct = int(fraction * 100)
        if pct == last[0]:
            return
        last[0] = pct
        if sys.stderr.isatty():
            bar = "#" * (pct // 4)
            sys.stderr.write(f"\r{label} [{bar:<25}] {pct:3d}% {status[:40]:<40}")
            if pct >= 100:
                sys.stderr.write("\n")
        elif pct % 10 == 0:
            sys.stderr.write(f"{label} {pct}% {status}\n")
        sys.stderr.flush()

    return report
