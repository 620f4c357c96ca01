"""Collect every ``_()`` / ``N_()`` / ``ngettext()`` message of meetingdesk/ and ui/ into the catalogues.

    .venv/bin/python scripts/i18n_extract.py            # update resources/locale/*/LC_MESSAGES/meetingdesk.po
    .venv/bin/python scripts/i18n_extract.py --check    # exit 1 if a .po is out of date (nothing written)

Known translations are kept; new messages get an empty translation (the test suite fails until they are
translated); messages no longer in the code move to the end as obsolete entries. Then translate, and run
``scripts/i18n_compile.py`` to rebuild the .mo files.
"""

from __future__ import annotations

import argparse
import sys

from i18n_catalogue import LOCALE_DIR, Catalogue, extract, merge, po_path, read_po, write_po

LANGUAGES = ("en",)


def updated(language: str) -> tuple[str, str]:
    """(current .po text, updated .po text) for ``language``."""
    path = po_path(language)
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    catalogue: Catalogue | None = read_po(before) if before else None
    return before, write_po(merge(catalogue, extract(), language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report whether the catalogues are current")
    args = parser.parse_args(argv)
    stale = []
    for language in LANGUAGES:
        before, after = updated(language)
        if before == after:
            continue
        stale.append(language)
        if not args.check:
            path = po_path(language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(after, encoding="utf-8")
            untranslated = sum(1 for e in read_po(after).entries if not e.obsolete and not e.translated)
            print(f"{path.relative_to(LOCALE_DIR.parent.parent)}: updated, {untranslated} untranslated")
    if args.check and stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/i18n_extract.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
