"""Showing errors: known ones as a clear Chinese message, anything else in a crash dialog with a log file."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from meetingdesk.errors import MeetingDeskError, PermissionDeniedError, ValidationError
from meetingdesk.i18n import _
from meetingdesk.paths import user_data_dir

log = logging.getLogger("meetingdesk.ui")


def log_dir() -> Path:
    return user_data_dir() / "logs"


def write_crash_log(exc: BaseException) -> Path | None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except OSError:
        return None


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    """The one way screens report a failure."""
    if isinstance(exc, MeetingDeskError):
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title or _title_for(exc))
        box.setText(exc.message)
        box.setObjectName("errorBox")
        box.exec()
        return
    path = write_crash_log(exc)
    log.error("unexpected error", exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("程序错误"))
    box.setText(_("很抱歉，程序遇到了意外错误。您已保存的数据不受影响。"))
    box.setInformativeText(
        _("错误：{error}").format(error=f"{type(exc).__name__}: {exc}")
        + "\n"
        + (_("详细信息已写入日志文件：\n{path}\n请将该文件提供给技术支持人员。").format(path=path) if path else "")
    )
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("crashBox")
    box.exec()


def _title_for(exc: MeetingDeskError) -> str:
    if isinstance(exc, ValidationError):
        return _("请检查输入")
    if isinstance(exc, PermissionDeniedError):
        return _("无权操作")
    return _("无法完成操作")


def install_excepthook() -> None:
    """Unexpected errors in slots reach the crash dialog instead of killing the program silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(None, exc.with_traceback(tb))

    sys.excepthook = hook
