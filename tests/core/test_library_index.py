"""The index follows every write, is rebuilt when missing/old/corrupt, and `check` compares it with SQLite."""

from __future__ import annotations

import json
import shutil

import pytest

from meetingdesk.errors import Cancelled
from meetingdesk.library.cases import CaseInput, create_case, delete_case, get_case, update_case
from meetingdesk.search import index
from meetingdesk.search.query import search
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.checks import run_checks
from meetingdesk.services.desk import Desk

from tests.core.library_support import library

__all__ = ["library"]


def index_finding(desk: Desk) -> tuple[bool, str]:
    found = [f for f in run_checks(desk) if f.check == "search_index"]
    assert len(found) == 1
    return found[0].ok, found[0].message


def titles(desk: Desk, query: str) -> list[str]:
    return [h.title for h in search(desk, SYSTEM, query).hits]


def test_create_update_delete_are_searchable_immediately(library: Desk) -> None:
    case_id = create_case(library, SYSTEM, CaseInput(title="被告人甲抢夺案", facts="骑车抢夺路人挎包。"))
    assert titles(library, "抢夺") == ["被告人甲抢夺案"]
    update_case(library, SYSTEM, case_id, CaseInput(title="被告人甲抢劫案", facts="持刀抢劫路人财物。"))
    assert titles(library, "抢夺") == [] and titles(library, "持刀") == ["被告人甲抢劫案"]
    assert get_case(library, case_id).revision == 2
    delete_case(library, SYSTEM, case_id)
    assert titles(library, "持刀") == []
    assert index_finding(library) == (True, "检索索引与数据库一致（8篇）")


def test_check_reports_an_index_that_disagrees_with_the_database(library: Desk) -> None:
    with library.write(SYSTEM, "test.tamper") as tx:  # a write that bypasses the library services
        tx.update("library_cases", {"id": 1}, {"revision": 7})
        tx.delete("library_cases", {"id": 2})
        tx.conn.execute("DELETE FROM search_pending")  # …and the index's outbox
    ok, message = index_finding(library)
    assert not ok
    assert "1篇索引内容过时（如 case:1）" in message and "已删除的记录（如 case:2）" in message
    assert "library reindex" in message
    index.rebuild(library)
    assert index_finding(library)[0]


def test_a_change_whose_process_died_before_the_index_is_applied_by_the_next_search(
    library: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(index, "sync", lambda *_a, **_k: 0)  # the process dies right after the commit
        case_id = create_case(library, SYSTEM, CaseInput(title="被告人乙抢夺案", facts="骑车抢夺路人挎包。"))
        update_case(library, SYSTEM, case_id, CaseInput(title="被告人乙抢夺案", facts="抢夺路人挎包后砸坏霓虹灯牌。"))
        deleted = get_case(library, 2).title
        library.conn.execute("DELETE FROM library_cases WHERE id = 2")  # unaudited, but the trigger still notes it
    ok, message = index_finding(library)
    assert ok and "2处修改待编入索引" in message, message
    assert titles(library, "霓虹灯") == ["被告人乙抢夺案"]
    assert deleted not in [h.title for h in search(library, SYSTEM, "").hits]
    assert library.scalar("SELECT count(*) FROM search_pending") == 0
    assert index_finding(library) == (True, "检索索引与数据库一致（8篇）")


def test_a_change_made_while_pending_ones_are_applied_stays_pending(
    library: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_documents = index._documents

    def documents_then_a_new_change(*args: object) -> object:
        yield from real_documents(*args)  # type: ignore[arg-type]
        with library.write(SYSTEM, "test.meanwhile") as tx:
            tx.update("library_cases", {"id": 3}, {"revision": 9})

    with monkeypatch.context() as m:
        m.setattr(index, "sync", lambda *_a, **_k: 0)
        create_case(library, SYSTEM, CaseInput(title="被告人丙抢夺案", facts="抢夺手机。"))
    monkeypatch.setattr(index, "_documents", documents_then_a_new_change)
    index.sync(library)
    assert [r["key"] for r in library.query("SELECT key FROM search_pending")] == ["case:3"]


@pytest.mark.parametrize("damage", ["missing", "corrupt", "old"])
def test_a_missing_corrupt_or_old_index_is_rebuilt_on_the_next_search(library: Desk, damage: str) -> None:
    folder = index.index_dir(library)
    index.forget(library)
    if damage == "missing":
        shutil.rmtree(folder)
    elif damage == "corrupt":
        for f in folder.glob("*.seg"):
            f.write_bytes(b"garbage")
        for f in folder.glob("_MAIN_*.toc"):
            f.write_bytes(b"garbage")
    else:
        meta = folder / index.META_NAME
        meta.write_text(json.dumps({"fingerprint": "from-an-older-version"}), encoding="utf-8")
    assert index.index_state(library) == damage
    assert index_finding(library)[0] == (damage != "corrupt")  # missing/old are expected states, damage is not
    steps: list[str] = []
    hits = search(library, SYSTEM, "醉酒", progress=lambda _f, s="": steps.append(s)).hits
    assert [h.title for h in hits] == ["赵某危险驾驶一案"]
    assert steps and steps[-1].startswith("索引完成")
    assert index.index_state(library) == "ok" and index_finding(library)[0]


def test_a_cancelled_rebuild_keeps_the_old_index(library: Desk) -> None:
    with pytest.raises(Cancelled):
        index.rebuild(library, should_cancel=lambda: True)
    assert index.index_state(library) == "ok"
    assert titles(library, "醉酒") == ["赵某危险驾驶一案"]


def test_an_index_that_cannot_be_written_is_marked_dirty_and_rebuilt(
    library: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(index, "_write", broken)
    case_id = create_case(library, SYSTEM, CaseInput(title="被告人乙敲诈勒索案", facts="以揭发隐私相要挟索要财物。"))
    assert library.scalar("SELECT title FROM library_cases WHERE id = ?", (case_id,))  # the database write stands
    assert index.index_state(library) == "dirty"
    monkeypatch.undo()
    assert titles(library, "要挟") == ["被告人乙敲诈勒索案"]


def test_an_empty_library_needs_no_index(desk: Desk) -> None:
    assert index_finding(desk) == (True, "案例库为空，尚无检索索引")
    assert search(desk, SYSTEM, "盗窃").hits == []


def test_the_cheap_check_for_the_gui_thread_sees_a_missing_old_or_dirty_index(library: Desk) -> None:
    index.searcher(library)
    assert not index.needs_building(library)
    folder = index.index_dir(library)
    meta = folder / index.META_NAME
    saved = meta.read_text(encoding="utf-8")
    meta.write_text(json.dumps({**json.loads(saved), "dirty": True}), encoding="utf-8")
    assert index.needs_building(library)
    meta.write_text(json.dumps({**json.loads(saved), "fingerprint": "older"}), encoding="utf-8")
    assert index.needs_building(library)
    index.forget(library)
    shutil.rmtree(folder)
    assert index.needs_building(library)
