"""Writing :class:`~meetingdesk.tabular.Table` objects to an .xlsx workbook (openpyxl, imported lazily).

Each table becomes a sheet: a bold title line, the header row (frozen, with a filter), the rows with
numbers kept as numbers, and the notes underneath. The file is written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from meetingdesk.services.files import atomic_write_bytes
from meetingdesk.tabular import Cell, Column, Table, format_cell

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel refuses longer cells (the JSON export keeps everything)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name (Excel: at most 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", wanted).strip("'") or "Sheet"
    base = base[:MAX_SHEET_NAME]
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def workbook_bytes(tables: Sequence[Table], *, title_rows: bool = True) -> bytes:
    """The workbook as bytes. ``title_rows=False`` puts the header in row 1 (for machine-readable exports)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    default = wb.active
    taken: set[str] = set()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F1")
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.sheet_name or table.title, taken))
        row = 1
        if title_rows:
            ws.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=14)
            row = 3
        header_row = row
        for col, column in enumerate(table.columns, start=1):
            cell = ws.cell(row=row, column=col, value=column.title)
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for values in table.rows:
            row += 1
            for col, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
                _put(ws.cell(row=row, column=col), value, column)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        if table.rows and table.columns:
            last = get_column_letter(len(table.columns))
            ws.auto_filter.ref = f"A{header_row}:{last}{row}"
        for n, note in enumerate(table.notes):
            ws.cell(row=row + 2 + n, column=1, value=note)
        for col, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(col)].width = _width(table, col - 1, column)
    if tables:
        wb.remove(default)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_workbook(path: Path, tables: Sequence[Table], *, title_rows: bool = True) -> Path:
    """Write the tables to ``path`` (atomically: a half-written workbook never replaces a good one)."""
    return atomic_write_bytes(Path(path), workbook_bytes(tables, title_rows=title_rows))


def _put(cell: Any, value: Cell, column: Column) -> None:
    if value is None:
        return
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        shown: str = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters pasted from Word are refused
        if len(shown) > MAX_CELL_TEXT:
            shown = shown[: MAX_CELL_TEXT - 20] + "……（超出Excel单元格上限，已截断）"
        # A leading "=" would make Excel evaluate the text as a formula: keep users' text as text.
        cell.value = shown
        if shown.startswith(("=", "+", "-", "@")):
            cell.data_type = "s"
        return
    cell.value = value
    if column.kind == "percent":
        cell.number_format = "0.0%"
    elif column.kind == "number":
        cell.number_format = "0.0"
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def _width(table: Table, index: int, column: Column) -> float:
    if column.width:
        return column.width
    longest = _text_width(column.title)
    for values in table.rows[:500]:
        longest = max(longest, _text_width(format_cell(values[index], column.kind)))
    return min(max(longest + 2, 6), 60)


def _text_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    first_line = text.split("\n", 1)[0]
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in first_line)
