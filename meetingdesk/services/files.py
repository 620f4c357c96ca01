"""Writing files so that a crash or a locked target never leaves half a file behind."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import N_, _

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def sanitise_filename(name: str, *, default: str = N_("未命名")) -> str:
    """A file name safe on Windows and Linux: no folders, no control or reserved characters."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    base = _UNSAFE.sub("_", base).strip().strip(".")
    if not base or base.split(".")[0].upper() in _RESERVED:
        base = default + (("_" + base) if base else "")
    stem, dot, ext = base.rpartition(".")
    if len(base.encode("utf-8")) > 200:
        keep = ext if dot and len(ext) <= 10 else ""
        trimmed = (stem if dot else base).encode("utf-8")[:180].decode("utf-8", "ignore")
        base = trimmed + ("." + keep if keep else "")
    return base


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write via a temporary file in the same folder, fsync, then rename over ``target``.

    Raises:
        MeetingDeskError: the folder is not writable or the target is locked (e.g. open in Word).
    """
    target = Path(target)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MeetingDeskError(
            _("无法在“{folder}”中写入文件：{reason}。请检查文件夹是否存在且可写。").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise MeetingDeskError(
                _(
                    "无法覆盖“{name}”：文件可能正在 Word/WPS 中打开或被锁定。请关闭该文件后重试，或另存为其他文件名。"
                ).format(name=target.name)
            ) from exc
        fsync_dir(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return atomic_write(target, write)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
