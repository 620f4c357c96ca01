"""Turning database rows into the plain dataclasses services return."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, TypeVar, get_type_hints

T = TypeVar("T")

_HINTS: dict[type[Any], dict[str, Any]] = {}


def from_row(cls: type[T], row: dict[str, Any], **extra: Any) -> T:
    """Build ``cls`` from the row's matching columns, converting ISO dates and 0/1 booleans."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = get_type_hints(cls)
        _HINTS[cls] = hints
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in extra:
            values[f.name] = extra[f.name]
            continue
        if f.name not in row:
            continue
        values[f.name] = _convert(row[f.name], hints[f.name])
    return cls(**values)


def _convert(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    text = str(hint)
    if hint is bool:
        return bool(value)
    if hint is date or text in ("datetime.date | None", "date | None"):
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if hint is datetime or text in ("datetime.datetime | None", "datetime | None"):
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    return value


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def clean(text: str | None) -> str:
    """Trim user text; keep inner line breaks."""
    return (text or "").strip()
