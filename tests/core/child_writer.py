"""A second MeetingDesk process for the concurrency tests: writes rooms through the services.

    python -m tests.core.child_writer DB TAG COUNT [--journal delete]

Prints ``READY`` once the database is open, then ``OK <room id> <name>`` after each committed write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingdesk.services import roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("tag")
    parser.add_argument("count", type=int)
    parser.add_argument("--journal", default=None)
    args = parser.parse_args(argv)
    with Desk(Path(args.db), journal_mode=args.journal) as desk:
        print("READY", flush=True)
        for i in range(args.count):
            room = roster.create_room(desk, SYSTEM, f"{args.tag}-{i}", location="并发测试")
            print(f"OK {room.id} {room.name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
