"""Where the database lives, and which journal mode is safe there.

SQLite's WAL mode needs shared memory between every process that opens the file, which a network
file system (SMB/CIFS, NFS, sshfs…) cannot provide: two computers using one WAL database over a
share can corrupt it. On a share we therefore use the rollback journal (``DELETE``), which relies
only on file locks, and tell the user why.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from meetingdesk.i18n import _

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smbfs",
        "smb2",
        "smb3",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ncpfs",
        "coda",
        "davfs",
        "webdav",
    }
)
"""Kernel file-system types that are network shares (``fuse.*`` types are matched by suffix)."""

NETWORK_FUSE_TYPES = frozenset({"sshfs", "glusterfs", "davfs2", "smbnetfs", "rclone", "s3fs", "gvfsd-fuse"})

DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True)
class StorageChoice:
    """The journal mode to use for a database file, and a notice for the user when it is not WAL."""

    journal_mode: str
    network: bool
    notice: str = ""


def _unescape_mount(field: str) -> str:
    """/proc/mounts escapes space, tab, newline and backslash as octal (\\040 …)."""
    out, i = [], 0
    while i < len(field):
        code = field[i + 1 : i + 4]
        if field[i] == "\\" and len(code) == 3 and all(c in "01234567" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, fs type) pairs from the text of ``/proc/mounts``."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            found.append((_unescape_mount(parts[1]), parts[2]))
    return found


def is_network_fs_type(fs_type: str) -> bool:
    kind = fs_type.lower()
    if kind.startswith("fuse."):
        return kind[5:] in NETWORK_FUSE_TYPES
    return kind in NETWORK_FS_TYPES


def fs_type_for(path: Path, mounts: list[tuple[str, str]]) -> str | None:
    """The file-system type of the mount holding ``path`` (the longest matching mount point)."""
    target = str(path)
    best: tuple[int, str] | None = None
    for point, kind in mounts:
        prefix = point.rstrip("/") + "/"
        if (target == point or target.startswith(prefix) or point == "/") and (best is None or len(point) > best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve()
    return path


def _windows_remote(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return _("UNC 网络路径")
    if sys.platform != "win32":
        return None
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if int(kernel32.GetDriveTypeW(drive + "\\")) == DRIVE_REMOTE:
        return _("网络驱动器 {drive}").format(drive=drive)
    return None


def network_share_kind(path: Path, *, mounts_text: str | None = None) -> str | None:
    """A short description of the network share holding ``path``, or None on a local disk.

    Args:
        path: the database file (it need not exist yet).
        mounts_text: the text of ``/proc/mounts`` (read from the system when None; tests pass their own).
    """
    remote = _windows_remote(path)
    if remote:
        return remote
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # not Linux (or no /proc): assume local
    kind = fs_type_for(_existing_ancestor(path), parse_mounts(mounts_text))
    if kind and is_network_fs_type(kind):
        return _("网络文件系统 {kind}").format(kind=kind)
    return None


def choose_storage(path: Path, *, mounts_text: str | None = None) -> StorageChoice:
    """WAL on a local disk; the rollback journal, with a notice, on a network share."""
    kind = network_share_kind(path, mounts_text=mounts_text)
    if kind is None:
        return StorageChoice("wal", network=False)
    return StorageChoice(
        "delete",
        network=True,
        notice=(
            _(
                "数据库位于{kind}上。网络共享不支持 WAL 日志模式，"
                "为防止多台电脑同时使用时损坏数据，已改用较慢但安全的 DELETE 日志模式。"
                "建议把数据库放在本机磁盘上，并用“备份”功能把备份保存到共享文件夹。"
            ).format(kind=kind)
        ),
    )
