"""Every generated .docx opens in a real word processor: LibreOffice converts them all in one call."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from meetingdesk.documents.compose import compose
from meetingdesk.documents.docx_render import save_docx
from meetingdesk.documents.settings import DocumentSettings
from meetingdesk.documents.specimens import ALL_SPECIMENS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; scripts/bootstrap.sh test installs it"
)
def test_libreoffice_opens_every_docx(tmp_path: Path) -> None:
    settings = DocumentSettings(court_name="示例市中级人民法院")
    docs = tmp_path / "docx"
    docs.mkdir()
    for kind, make in ALL_SPECIMENS.items():
        (docs / f"{kind}.docx").write_bytes(save_docx(compose(make(), settings), settings))
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()  # private profile: no clash with a running LibreOffice
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(p) for p in docs.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for kind in ALL_SPECIMENS:
        pdf = out / f"{kind}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"LibreOffice did not convert {kind}.docx: {result.stderr}"
        if shutil.which("pdftotext"):
            text = "".join(
                subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
            )
            assert "参考" in text, f"{kind}: converted PDF lacks the advisory statement"
