"""The CLI: library import / reindex, search, similar, and check seeing the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.services.desk import Desk

from tests.core.library_support import CASES, JUDGMENTS, add_report


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_search_similar_reindex_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    db = str(tmp_path / "cli.db")
    Desk(Path(db)).close()  # a new database without accounts: the library commands act as the system
    code, out, _err = run(capsys, "--db", db, "library", "import", str(JUDGMENTS), str(CASES))
    assert code == 0 and "导入 8 件，重复跳过 0 件，有问题跳过 0 件。" in out

    code, out, _err = run(capsys, "--db", db, "library", "import", str(JUDGMENTS))
    assert code == 0 and "重复  judgments.jsonl:1：与已有案例“张某盗窃一案”内容相同，已跳过" in out

    code, out, _err = run(capsys, "--db", db, "search", "入户 盗窃", "--limit", "5")
    assert code == 0 and "被告人钱某入户盗窃案" in out and "指导性案例" in out and "【入户】" in out

    code, out, _err = run(capsys, "--db", db, "search", "盗窃", "--json", "--tier", "5", "--sort", "date")
    data = json.loads(out)
    assert [h["date"] for h in data["hits"]] == ["2021-06-18", "2019-10-09"]
    assert {"court", "tier", "tier_label", "source", "snippet", "case_number"} <= set(data["hits"][0])

    with Desk(Path(db)) as desk:
        report_id = add_report(desk)
    code, out, _err = run(capsys, "--db", db, "similar", "--report", str(report_id), "--json", "--limit", "4")
    data = json.loads(out)
    assert code == 0 and data["charges"] == ["盗窃罪"] and list(data["groups"]) == ["1", "5"]
    code, out, _err = run(capsys, "--db", db, "similar", "--report", str(report_id))
    assert "【第1层级：指导性案例】" in out and "张某盗窃一案" in out
    assert "罪名/案由相同：盗窃罪" in out and re.search(r"案情相似度(较高|中等|较低)（为本次最相似者的\d+%）", out)
    keywords = out.splitlines()[0].split("检索词：")[1].split("、")
    assert keywords and all(len(k) >= 2 for k in keywords), keywords  # no stray single characters

    code, out, _err = run(capsys, "--db", db, "library", "reindex")
    assert code == 0 and "检索索引已重建：8篇" in out
    code, out, _err = run(capsys, "--db", db, "check")
    assert "通过  检索索引与数据库一致（8篇）" in out


def test_bad_input_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "home"))
    db = str(tmp_path / "cli.db")
    Desk(Path(db)).close()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    code, out, _err = run(capsys, "--db", db, "library", "import", str(bad))
    assert code == 1 and "问题  bad.jsonl:1：JSON 格式错误" in out
    code, _out, err = run(capsys, "--db", db, "similar", "--report", "99")
    assert code == 2 and err.startswith("错误：找不到案件报告（编号99）") and "Traceback" not in err
