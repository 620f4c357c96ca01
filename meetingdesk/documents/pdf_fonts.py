"""Finding CJK fonts that reportlab can embed in a PDF.

reportlab embeds only TrueType-outline fonts (.ttf, or .ttc collections of them); CFF-based OpenType such
as Debian's Noto CJK is refused ("postscript outlines are not supported"), so each candidate is tried
and the next one taken on failure. Windows has 宋体/仿宋/黑体/楷体 (simsun.ttc, simfang.ttf, simhei.ttf,
simkai.ttf); Debian has WenQuanYi Zen Hei (fonts-wqy-zenhei). No font is bundled: the ones that would
suit are either non-free or GPL; a packager may drop a licensed .ttf/.ttc into ``resources/fonts/`` and
a court may name exact files in the ``documents.pdf_fonts`` setting.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.paths import resource_path

ROLES = ("title", "body", "heading1", "heading2", "song")
"""Same keys as :class:`~meetingdesk.documents.settings.FontSet` (小标宋, 仿宋, 黑体, 楷体, 宋体)."""

_SONG = (
    "simsun.ttc",
    "simsun.ttf",
    "nsimsun.ttf",
    "stsong.ttf",
    "uming.ttc",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "droidsansfallbackfull.ttf",
    "droidsansfallback.ttf",
)
_HEI = ("simhei.ttf", "fzhtjw.ttf", "wqy-zenhei.ttc", "wqy-microhei.ttc", *_SONG)
_FANG = ("仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "simfang.ttf", "fzfsjw.ttf", "stfangso.ttf", *_SONG)
CANDIDATES: dict[str, tuple[str, ...]] = {
    "song": _SONG,
    "body": _FANG,
    "heading1": _HEI,
    "heading2": (
        "楷体_gb2312.ttf",
        "kaiti_gb2312.ttf",
        "simkai.ttf",
        "fzktjw.ttf",
        "stkaiti.ttf",
        "ukai.ttc",
        *_FANG,
    ),
    "title": ("方正小标宋简体.ttf", "fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "fzxbsk.ttf", *_HEI),
}
_PROBE = "法院会议纪要"  # a font must have these glyphs to be any use
_lock = threading.Lock()
_loaded: dict[str, str] = {}  # file path → registered font name
_refused: dict[str, str] = {}  # file path → why reportlab cannot use it (not parsed again)


@dataclass(frozen=True)
class PdfFonts:
    """Registered reportlab font names per role, and the files they came from."""

    names: Mapping[str, str]
    files: Mapping[str, str]

    def __getitem__(self, role: str) -> str:
        return self.names[role]


def font_dirs() -> list[Path]:
    """Where system and user fonts live on Windows, macOS and Linux, then the bundled folder."""
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
        dirs += [Path(d) / "fonts" for d in data_dirs if d]
        dirs += [Path.home() / ".fonts", Path.home() / ".local" / "share" / "fonts"]
    dirs.append(resource_path("fonts"))
    return dirs


@lru_cache(maxsize=4)
def _font_index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-case file name → path, first occurrence wins (bundled fonts come last)."""
    index: dict[str, Path] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    index.setdefault(name.lower(), Path(root) / name)
    return index


def _register(path: Path) -> str:
    """Register a font file once per process; raises TTFError/OSError when unusable."""
    key = str(path)
    with _lock:
        name = _loaded.get(key)
        if name is not None:
            return name
        if key in _refused:
            raise TTFError(_refused[key])
        stem = re.sub(r"[^A-Za-z0-9]+", "", path.stem) or "font"
        name = f"MD-{stem}-{len(_loaded)}"
        try:
            font = TTFont(name, key, subfontIndex=0)
            missing = [c for c in _PROBE if ord(c) not in font.face.charToGlyph]
            if missing:
                raise TTFError(_("缺少汉字字形：{chars}").format(chars="".join(missing)))
        except TTFError as exc:
            _refused[key] = str(exc)
            raise
        pdfmetrics.registerFont(font)
        _loaded[key] = name
        return name


def resolve_fonts(overrides: Mapping[str, str] | None = None, dirs: Iterable[Path] | None = None) -> PdfFonts:
    """Pick an embeddable font for every role.

    Args:
        overrides: role → font file, from the ``documents.pdf_fonts`` setting; these must work.
        dirs: folders to search (default :func:`font_dirs`).

    Raises:
        MeetingDeskError: an override is unusable, or no CJK TrueType font exists at all.
    """
    index = _font_index(tuple(dirs if dirs is not None else font_dirs()))
    names: dict[str, str] = {}
    files: dict[str, str] = {}
    refused: list[str] = []
    for role in ROLES:
        given = (overrides or {}).get(role)
        if given:
            path = Path(given)
            try:
                names[role] = _register(path)
            except (TTFError, OSError) as exc:
                raise MeetingDeskError(
                    _(
                        "文书设置 documents.pdf_fonts 中的字体文件“{path}”无法用于 PDF："
                        "{exc}。请改用 TrueType 字体（.ttf/.ttc）"
                        "，OTF/CFF 字体（如 Noto CJK）不能嵌入。"
                    ).format(path=path, exc=exc)
                ) from exc
            files[role] = str(path)
            continue
        for candidate in CANDIDATES[role]:
            found = index.get(candidate)
            if found is None:
                continue
            try:
                names[role] = _register(found)
            except (TTFError, OSError) as exc:
                refused.append(f"{found.name}（{exc}）")
                continue
            files[role] = str(found)
            break
    if not names:
        tried = _("已尝试但无法使用：{fonts}。").format(fonts=_("；").join(refused)) if refused else ""
        raise MeetingDeskError(
            _(
                "未找到可嵌入 PDF 的中文 TrueType 字体，无法生成 PDF。"
                "Windows 一般自带宋体、仿宋（simsun.ttc、"
                "simfang.ttf）；Linux 请安装文泉驿正黑（sudo apt-get install fonts-wqy-zenhei"
                "），或在文书设置 documents.pdf_fonts 中指定字体文件。"
                "Noto CJK 等 OTF/CFF 字体不能嵌入。"
            )
            + tried
        )
    fallback = next(iter(names.values()))
    fallback_file = next(iter(files.values()))
    for role in ROLES:  # one good font serves the roles that found nothing of their own
        names.setdefault(role, fallback)
        files.setdefault(role, fallback_file)
    return PdfFonts(names, files)
