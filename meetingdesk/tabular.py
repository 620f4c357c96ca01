"""Plain titled tables (columns with a kind, rows of raw values): one shape for every table output.

Statistics and data exports build these; the .xlsx writer keeps numbers as numbers (percentages with a
percent format), text outputs use :func:`format_cell`. No formatting library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from meetingdesk.i18n import _

CellKind = Literal["text", "int", "number", "percent", "date"]
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: CellKind = "text"
    width: int = 0  # characters; 0: sized from the title and contents


@dataclass(frozen=True)
class Table:
    """One table: a title for the sheet or section, columns, rows and notes shown beneath."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    sheet_name: str = ""  # short name for a spreadsheet tab (default: the title)

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row has {len(row)} cells, table {self.title!r} has {len(self.columns)} columns")


def format_cell(value: Cell, kind: CellKind) -> str:
    """The words a reader sees: empty for missing values, 1 decimal for numbers, percent with 1 decimal."""
    if value is None or value == "":
        return ""
    if kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind == "number" and isinstance(value, int | float):
        return f"{value:.1f}"
    if isinstance(value, datetime):
        return _("{year}年{month}月{day}日 {value:%H:%M}").format(
            year=value.year, month=value.month, day=value.day, value=value
        )
    if isinstance(value, date):
        return _("{year}年{month}月{day}日").format(year=value.year, month=value.month, day=value.day)
    return str(value)
