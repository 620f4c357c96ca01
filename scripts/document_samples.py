"""Regenerate docs/samples/*.png: the first page of each document as PDF, from the demo database.

Run: ``.venv/bin/python scripts/document_samples.py`` (needs pdftoppm from poppler-utils). The library
papers (类案检索报告, 参考性案例) and the statistics report use the specimen data until the library and
statistics work provide real rows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meetingdesk.demo import create_demo  # noqa: E402
from meetingdesk.documents.collect import load_settings  # noqa: E402
from meetingdesk.documents.compose import compose  # noqa: E402
from meetingdesk.documents.pdf_render import save_pdf  # noqa: E402
from meetingdesk.documents.specimens import ALL_SPECIMENS  # noqa: E402
from meetingdesk.services.actor import SYSTEM  # noqa: E402
from meetingdesk.services.desk import Desk  # noqa: E402
from meetingdesk.services.exports import MEETING_KINDS, export_document  # noqa: E402

MEETING = 1  # a held meeting with final minutes, a 列席 guest and a member on leave
OUT = ROOT / "docs" / "samples"


def png(pdf: Path, name: str) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(OUT / name)], check=True
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        create_demo(db)
        with Desk(db) as desk:
            for kind in MEETING_KINDS:
                png(export_document(desk, SYSTEM, kind, MEETING, "pdf", folder / f"{kind}.pdf"), kind)
            settings = load_settings(desk)
        for kind in ("report-search", "reference-case", "table-report"):
            pdf = folder / f"{kind}.pdf"
            pdf.write_bytes(save_pdf(compose(ALL_SPECIMENS[kind](), settings), settings))
            png(pdf, kind)
    print(f"samples written to {OUT}")


if __name__ == "__main__":
    main()
