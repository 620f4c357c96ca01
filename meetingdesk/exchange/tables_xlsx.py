"""Every table of the database as one .xlsx workbook: a 目录 sheet, then one sheet per table with the
column names in row 1 and the stored values as they are (codes, ISO dates), for auditors and analysts."""

from __future__ import annotations

from pathlib import Path

from meetingdesk.exchange.database_tables import data_tables, rows_of, snapshot
from meetingdesk.i18n import _, chinese
from meetingdesk.progress import CancelFn, ProgressFn, check_cancel, never, no_progress
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require
from meetingdesk.tabular import Cell, Column, Table
from meetingdesk.xlsx_out import write_workbook


def export_tables_xlsx(
    desk: Desk,
    actor: Actor,
    path: Path,
    *,
    progress: ProgressFn = no_progress,
    should_cancel: CancelFn = never,
) -> Path:
    """Write every data table to ``path`` (written atomically; nothing is left on cancel)."""
    require(actor, "data.export_all")
    tables: list[Table] = []
    index: list[tuple[Cell, ...]] = []
    with snapshot(desk) as conn:
        infos = data_tables(conn)
        for n, info in enumerate(infos):
            check_cancel(should_cancel)
            progress(0.8 * n / max(len(infos), 1), info.name)
            rows = tuple(tuple(_cell(v) for v in row) for row in rows_of(conn, info))
            columns = tuple(
                Column(c["name"], "int" if c["type"].upper() == "INTEGER" else "text") for c in info.columns
            )
            tables.append(Table(info.name, columns, rows, sheet_name=info.name))
            index.append((info.name, len(rows), ", ".join(info.column_names)))
    with chinese():  # files are Chinese whatever the interface language
        contents = Table(
            _("目录"),
            (Column(_("表")), Column(_("行数"), "int"), Column(_("列"))),
            tuple(index),
            (_("各表结构与含义见 docs/data-format.md；日期为 ISO 格式文本，枚举值为代码。"),),
            sheet_name=_("目录"),
        )
    check_cancel(should_cancel)
    progress(0.9, _("写入工作簿"))
    out = write_workbook(path, [contents, *tables], title_rows=False)
    progress(1.0, _("完成"))
    return out


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)
