"""Compile the .po catalogues under resources/locale/ to the .mo files the program loads.

    .venv/bin/python scripts/i18n_compile.py           # write every meetingdesk.mo
    .venv/bin/python scripts/i18n_compile.py --check   # exit 1 if a committed .mo differs from its .po

The .mo files are committed (the frozen build and a source checkout need no build step); the test suite
compiles each .po in memory and fails if the committed .mo is not exactly that.
"""

from __future__ import annotations

import argparse
import sys

from i18n_catalogue import LOCALE_DIR, compile_mo, mo_path, read_po


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report whether the .mo files are current")
    args = parser.parse_args(argv)
    stale = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/meetingdesk.po")):
        language = po.parent.parent.name
        data = compile_mo(read_po(po.read_text(encoding="utf-8")))
        mo = mo_path(language)
        if mo.exists() and mo.read_bytes() == data:
            continue
        stale.append(language)
        if not args.check:
            mo.write_bytes(data)
            print(f"{mo.relative_to(LOCALE_DIR.parent.parent)}: written ({len(data)} bytes)")
    if args.check and stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/i18n_compile.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
