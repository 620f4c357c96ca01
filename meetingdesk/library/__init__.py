"""The reference-case library: 参考性案例, imported judgments, 裁判规则 and 类案检索报告 drafts.

The SQLite tables (migration 0002) are the truth; :mod:`meetingdesk.search` keeps a derived whoosh
index in step with every write made here.
"""
