"""``meetingdesk --smoke-test`` from source (the frozen build runs the same via scripts/build_frozen.sh)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk import smoke


@pytest.mark.slow
def test_smoke_test_passes_from_source(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEETINGDESK_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    env.pop("DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "meetingdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for label in ("数据库与迁移", "演示数据与统计", "Word 文书", "PDF 文书", "Excel 工作簿", "检索", "图形界面"):
        assert any(line.startswith(f"通过  {label}") for line in lines), label
    assert lines[-1] == "自检通过。"


def test_a_failing_step_fails_the_smoke_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_tmp: Path) -> str:
        raise FileNotFoundError("resources/missing.json")

    monkeypatch.setattr(smoke, "STEPS", (("好的一步", lambda _tmp: "ok"), ("缺文件", broken)))
    out: list[str] = []
    assert smoke.run_smoke_test(out.append) == 1
    assert out[1].startswith("通过  好的一步") and out[2].startswith("失败  缺文件：FileNotFoundError")
    assert out[-1] == "自检失败：1项。"
