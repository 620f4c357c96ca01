"""Opening an attachment with the user's own program.

Stored attachments are named by their SHA-256 and have no extension, so the system would not know
which program opens them. We hand the system a copy carrying the original (sanitised) file name,
kept in the data folder (``viewing/<attachment id>/``) so confidential material stays where the
court keeps it, not in a shared temp folder.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import BinaryIO

from meetingdesk.services.actor import Actor
from meetingdesk.services.attachments import attachment_path, get_attachment
from meetingdesk.services.desk import Desk
from meetingdesk.services.files import atomic_write, sanitise_filename


def viewing_dir(desk: Desk) -> Path:
    return desk.data_dir / "viewing"


def viewable_copy(desk: Desk, actor: Actor, attachment_id: int) -> Path:
    """A copy of the attachment under its original name, ready for the system to open.

    The copy is rewritten whenever it is missing or its content differs from the stored file (a
    user may have edited the previous copy); the stored file itself is never handed out. A copy
    still open in another program is reused as long as it is unchanged.
    """
    att = get_attachment(desk, attachment_id)
    source = attachment_path(desk, actor, attachment_id)
    target = viewing_dir(desk) / str(att.id) / sanitise_filename(att.filename)
    if not target.exists() or _sha256(target) != att.sha256:

        def copy(out: BinaryIO) -> None:
            with source.open("rb") as src:
                shutil.copyfileobj(src, out)

        atomic_write(target, copy)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
