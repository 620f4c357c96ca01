"""How the 案件报告 table copes with 100,000 reports: ``python -m bench.reports_table [N]``.

Builds the demo database, adds N synthetic reports (a fifth of them on meeting agendas, some late),
then times the steps the reports page takes: the id query on the worker thread (filtered and sorted
service-side), then on the GUI thread handing the ids to the model, painting the first screen,
jumping to the end, and sorting. Each figure is the median of five runs. Results are printed as a
Markdown table row for docs/benchmarks.md.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.desk import Desk

_CAUSES = (
    "民间借贷纠纷",
    "买卖合同纠纷",
    "劳动争议",
    "故意伤害罪",
    "诈骗罪",
    "行政处罚",
    "执行异议",
    "房屋租赁合同纠纷",
)
_TYPES = ("民初", "民终", "刑初", "刑终", "行初", "执异")
_STATES = ("draft", "submitted", "returned", "accepted", "withdrawn", "closed")
REPEAT = 5


def seed_reports(desk: Desk, n: int, *, seed: int = 1, year: int = 2025) -> None:
    """Add ``n`` synthetic reports (and agenda items for a fifth of them) to an existing database.

    Written in one transaction straight into the tables: this is benchmark data, not a user's work,
    so it bypasses the per-row audit that makes real writes slow in bulk.
    """
    rng = random.Random(seed)
    bodies = [r["id"] for r in desk.query("SELECT id FROM bodies ORDER BY id")]
    judges = [r["id"] for r in desk.query("SELECT id FROM judges WHERE is_judge = 1 ORDER BY id")]
    if not bodies or not judges:
        raise ValueError("seed_reports needs a database with bodies and judges (e.g. the demo)")
    base = datetime(year, 1, 1, 9, 0)
    with desk.write(SYSTEM, "bench.seed") as tx:
        conn = tx.conn
        meeting_ids = []
        for k in range(200):
            starts = base + timedelta(days=k * 2)
            cur = conn.execute(
                "INSERT INTO meetings (body_id, starts_at, planned_minutes, state, created_at, updated_at)"
                " VALUES (?, ?, 120, 'held', ?, ?)",
                (bodies[k % len(bodies)], starts.isoformat(timespec="minutes"), tx.now, tx.now),
            )
            meeting_ids.append(int(cur.lastrowid or 0))
        first = int(desk.scalar("SELECT COALESCE(MAX(id), 0) FROM reports")) + 1
        rows = []
        for i in range(n):
            submitted = base + timedelta(minutes=rng.randint(0, 525_600))
            rows.append(
                (
                    first + i,
                    f"（{year}）吉09{_TYPES[i % len(_TYPES)]}{100000 + i}号",
                    year,
                    _CAUSES[rng.randrange(len(_CAUSES))],
                    "原告甲；被告乙",
                    bodies[rng.randrange(len(bodies))],
                    judges[rng.randrange(len(judges))],
                    _STATES[rng.randrange(len(_STATES))],
                    submitted.isoformat(timespec="seconds"),
                    submitted.isoformat(timespec="seconds"),
                    submitted.isoformat(timespec="seconds"),
                )
            )
        conn.executemany(
            "INSERT INTO reports (id, case_number, case_year, cause, parties, body_id, reporting_judge_id, state,"
            " submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        items = [
            (meeting_ids[i % len(meeting_ids)], first + i, i // len(meeting_ids) + 1, int(rng.random() < 0.15))
            for i in range(0, n, 5)
        ]
        conn.executemany(
            "INSERT INTO agenda_items (meeting_id, report_id, position, late, status) VALUES (?, ?, ?, ?, 'discussed')",
            items,
        )


@dataclass
class Timings:
    rows: int
    ids_query_s: float
    sorted_query_s: float
    filtered_query_s: float
    gui_load_s: float
    gui_scroll_s: float
    gui_sort_apply_s: float

    def markdown_row(self) -> str:
        ms = [
            self.ids_query_s,
            self.sorted_query_s,
            self.filtered_query_s,
            self.gui_load_s,
            self.gui_scroll_s,
            self.gui_sort_apply_s,
        ]
        return f"| {date.today():%Y-%m-%d} | {self.rows:,} | " + " | ".join(f"{v * 1000:.0f} ms" for v in ms) + " |"


def run(n: int) -> Timings:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="md-bench-"))
    os.environ["MEETINGDESK_HOME"] = str(tmp / "home")

    from PySide6.QtWidgets import QApplication, QTableView

    from meetingdesk.demo import create_demo
    from meetingdesk.services import report_table
    from meetingdesk.services.users import authenticate

    from ui.reports.table_model import ReportTableModel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    db = tmp / "bench.db"
    create_demo(db, today=date(2026, 11, 23))
    desk = Desk(db)
    seed_reports(desk, n)
    actor = authenticate(desk, "secretary", "demo1234")
    total = int(desk.scalar("SELECT COUNT(*) FROM reports"))

    def timed(fn):  # type: ignore[no-untyped-def]
        """Median of REPEAT runs (the machine is shared; one run says little)."""
        times, value = [], None
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            value = fn()
            times.append(time.perf_counter() - t0)
        return value, statistics.median(times)

    query = report_table.ReportQuery(sort="submitted")  # the page's default: newest submissions first
    ids, t_ids = timed(lambda: report_table.report_ids(desk, actor, query))
    by_judge = report_table.ReportQuery(sort="judge", descending=False)
    sorted_ids, t_sorted = timed(lambda: report_table.report_ids(desk, actor, by_judge))
    flt = report_table.ReportQuery(text="借贷", late_only=True, sort="late")
    _f, t_filtered = timed(lambda: report_table.report_ids(desk, actor, flt))

    model = ReportTableModel(lambda batch: report_table.report_rows(desk, actor, batch))
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()

    def load() -> None:
        model.set_ids(ids, query)
        app.processEvents()

    def scroll() -> None:
        view.scrollToBottom()
        app.processEvents()
        view.scrollToTop()
        app.processEvents()

    def apply_sort() -> None:
        model.set_ids(sorted_ids, by_judge)
        app.processEvents()

    _v, t_load = timed(load)
    _v, t_scroll = timed(scroll)
    _v, t_sort = timed(apply_sort)
    assert model.rowCount() == total
    view.close()
    desk.close()
    return Timings(total, t_ids, t_sorted, t_filtered, t_load, t_scroll, t_sort)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    result = run(n)
    print(
        "| date | rows | id query (提交日期 desc) | sorted by 承办法官 | filtered (text + late)"
        " | GUI: load + first paint | GUI: scroll to end and back | GUI: apply sorted ids |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(result.markdown_row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
