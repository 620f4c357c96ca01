"""Reading spreadsheets as the courts keep them: .xlsx (any sheet) or .csv (UTF-8 or GBK), a title line
or two above the headings, dates typed every which way, 是/否 for yes and no.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from meetingdesk.errors import ValidationError
from meetingdesk.i18n import _

MAX_ROWS = 5000
"""A roster has hundreds of rows at most; more means the wrong file was chosen."""
HEADER_SEARCH_ROWS = 10
"""Headings are looked for in the first rows (a court's sheet often starts with a title line)."""
MAX_FILE_BYTES = 50 * 1024 * 1024
"""A roster file is a few hundred kilobytes; anything this big is the wrong file (and is never read)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""An .xlsx whose parts claim more than this unpacked is refused before openpyxl reads it (zip bombs)."""


@dataclass(frozen=True)
class RawSheet:
    """One sheet: its name, the headings and the data rows with their row numbers as the user sees them."""

    name: str
    header_row: int  # 1-based, as shown in Excel
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


def normalise_heading(text: object) -> str:
    """Compare headings loosely: no spaces (also full-width), no required-field stars, no notes in brackets."""
    s = str(text or "")
    s = re.sub(r"[\s\u3000*＊]", "", s)
    s = re.sub(r"[（(][^）)]*[）)]$", "", s)  # 晋升日期（年月日） → 晋升日期
    s = s.rstrip(":：")
    return s.lower()


def read_sheets(path: Path, is_header: Callable[[tuple[str, ...]], bool]) -> list[RawSheet]:
    """All sheets of ``path`` whose heading row ``is_header`` recognises (the row is found automatically).

    Raises:
        ValidationError: the file cannot be read as a spreadsheet.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValidationError(_("找不到文件“{path}”。").format(path=path), "file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValidationError(
            _("文件“{name}”超过{mb} MB，不像是名册，请确认选择了正确的文件。").format(
                name=path.name, mb=MAX_FILE_BYTES // 1024 // 1024
            ),
            "file",
        )
    if suffix == ".csv":
        grids = [(path.stem, _read_csv(path))]
    elif suffix in (".xlsx", ".xlsm"):
        grids = _read_xlsx(path)
    elif suffix == ".xls":
        raise ValidationError(_("不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再导入。"), "file")
    else:
        raise ValidationError(_("只能导入 .xlsx 或 .csv 文件。"), "file")
    found: list[RawSheet] = []
    for name, grid in grids:
        for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
            headers = tuple(str(c).strip() if c is not None else "" for c in row)
            if is_header(headers):
                data = tuple(
                    (index + 2 + n, tuple(r)) for n, r in enumerate(grid[index + 1 :]) if any(_present(c) for c in r)
                )
                if len(data) > MAX_ROWS:
                    raise ValidationError(
                        _("工作表“{name}”有{n}行数据，超过{max}行的上限，请确认选择了正确的文件。").format(
                            name=name, n=len(data), max=MAX_ROWS
                        ),
                        "file",
                    )
                found.append(RawSheet(name, index + 1, headers, data))
                break
    return found


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _read_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ValidationError(_("无法识别文件编码，请另存为 UTF-8 编码的 .csv。"), "file")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # e.g. a "field" of megabytes: not a roster
        raise ValidationError(
            _("无法读取“{name}”：不是有效的 CSV 表格（{error}）。").format(name=path.name, error=exc), "file"
        ) from exc


def _read_xlsx(path: Path) -> list[tuple[str, list[list[object]]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        unpacked = 0  # openpyxl below gives the user the proper message
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("无法读取“{name}”：工作簿解压后过大，可能是损坏或恶意构造的文件。").format(name=path.name), "file"
        )

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ValidationError(
            _("无法读取“{name}”：文件可能已损坏，或不是 Excel 工作簿（{error}）。").format(name=path.name, error=exc),
            "file",
        ) from exc
    try:
        out: list[tuple[str, list[list[object]]]] = []
        for ws in wb.worksheets:
            grid = []
            for n, row in enumerate(ws.iter_rows(values_only=True)):
                if n > MAX_ROWS + HEADER_SEARCH_ROWS:
                    break
                grid.append(list(row))
            out.append((ws.title, grid))
        return out
    finally:
        wb.close()


# ---- values


def text(value: object) -> str:
    """A cell as trimmed text (numbers from Excel without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().replace("\u3000", " ").strip()


_YES = {"是", "y", "yes", "true", "1", "√", "✓", "有", "对"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "无", "不是"}


def yes_no(value: object) -> bool | None:
    """是/否 and friends; None for an empty cell. Raises ValueError for anything else."""
    s = text(value).lower()
    if not s:
        return None
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(s)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_PATTERNS = (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), re.compile(r"^(\d{4})年(\d{1,2})月?$"))
EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()


def parse_date(value: object) -> date | None:
    """2019-12-01, 2019/12/1, 2019.12.1, 2019年12月1日, 20191201, 2019-12 / 2019年12月 (the 1st), Excel dates
    and Excel day numbers; None for an empty cell. Raises ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return date.fromordinal(EXCEL_EPOCH_ORDINAL + int(value))
    s = text(value)
    s = s.split(" ")[0].split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", s) else s
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for pattern in _MONTH_PATTERNS:
        m = pattern.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), 1)
    raise ValueError(s)
