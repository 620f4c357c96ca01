"""Benchmark: 会议记录 of a 10-item meeting with 15 members, as .docx and as .pdf.

Run: ``.venv/bin/python -m bench.documents`` (targets: .docx < 0.5 s, .pdf < 1 s). Times cover layout
and rendering to bytes; "first" includes the one-off font loading of a fresh process.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from datetime import date

from meetingdesk.documents.compose import compose
from meetingdesk.documents.docx_render import save_docx
from meetingdesk.documents.pdf_render import save_pdf
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.documents.specimens import specimen_minutes

RUNS = 7


def _time(fn: Callable[[], bytes]) -> tuple[float, float, int]:
    start = time.perf_counter()
    size = len(fn())
    first = time.perf_counter() - start
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times), size


def main() -> None:
    settings = DocumentSettings(court_name="示例市中级人民法院")
    record = specimen_minutes(items=10, members=15)
    opinions = sum(len(i.opinions) for i in record.items)
    docx = _time(lambda: save_docx(compose(record, settings), settings))
    pdf = _time(lambda: save_pdf(compose(record, settings), settings))
    cpu = platform.processor() or platform.machine()
    print(f"date: {date.today().isoformat()}; machine: {platform.node()} {cpu}, Python {platform.python_version()}")
    print(f"workload: 会议记录, 10 items, 15 members, {opinions} opinions")
    for name, (first, median, size) in (("docx", docx), ("pdf", pdf)):
        print(f"{name}: first {first:.3f} s, median of {RUNS} {median:.3f} s, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
