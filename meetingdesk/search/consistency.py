"""``meetingdesk check``: does the search index agree with the database?"""

from __future__ import annotations

from whoosh import index as whoosh_index

from meetingdesk.i18n import N_, _, ngettext
from meetingdesk.search.index import database_revisions, index_dir, index_state, pending_keys
from meetingdesk.services.checks import Finding
from meetingdesk.services.desk import Desk

_STATES = {
    "missing": N_("检索索引不存在"),
    "old": N_("检索索引由旧版本程序建立"),
    "dirty": N_("检索索引上次更新失败"),
    "corrupt": N_("检索索引文件已损坏"),
}


def check_index(desk: Desk) -> list[Finding]:
    """Compare every (case or rule, revision) in the database with the index, without repairing."""
    state = index_state(desk)
    db = database_revisions(desk)
    if state != "ok":
        if state == "missing" and not db:
            return [Finding("search_index", True, _("案例库为空，尚无检索索引"))]
        # Missing (e.g. after a restore) or built by an older version is expected and repaired on the next
        # search; damaged or left half-updated is worth the administrator's attention.
        expected = state in ("missing", "old")
        return [
            Finding(
                "search_index",
                expected,
                _("{state}：下次检索时将自动重建，也可运行“meetingdesk library reindex”立即重建").format(
                    state=_(_STATES[state])
                ),
            )
        ]
    ix = whoosh_index.open_dir(str(index_dir(desk)))
    try:
        with ix.searcher() as s:
            indexed = {f["key"]: int(f["revision"]) for f in s.all_stored_fields()}
    finally:
        ix.close()
    pending = pending_keys(desk)  # changes not yet applied (e.g. a crash right after the commit)
    missing = sorted(set(db) - set(indexed) - pending)
    extra = sorted(set(indexed) - set(db) - pending)
    stale = sorted(k for k in set(db) & set(indexed) - pending if db[k] != indexed[k])
    if not (missing or extra or stale):
        text = ngettext("检索索引与数据库一致（{count}篇）", "检索索引与数据库一致（{count}篇）", len(db)).format(
            count=len(db)
        )
        if pending:
            text += _("；{count}处修改待编入索引，下次检索时自动补上").format(count=len(pending))
        return [Finding("search_index", True, text)]
    problems = []
    if missing:
        problems.append(_("{count}篇未编入索引（如 {ids}）").format(count=len(missing), ids=", ".join(missing[:3])))
    if stale:
        problems.append(_("{count}篇索引内容过时（如 {ids}）").format(count=len(stale), ids=", ".join(stale[:3])))
    if extra:
        problems.append(
            _("索引中有{count}篇已删除的记录（如 {ids}）").format(count=len(extra), ids=", ".join(extra[:3]))
        )
    return [
        Finding(
            "search_index",
            False,
            _("检索索引与数据库不一致：") + _("；").join(problems) + _("。请运行“meetingdesk library reindex”重建索引"),
        )
    ]
