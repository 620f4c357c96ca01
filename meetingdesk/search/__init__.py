"""Full-text and similar-case search over the case library (whoosh + jieba), derived from SQLite.

Kept behind this package so the engine could be swapped (e.g. for SQLite FTS5; see docs/benchmarks.md)
without touching the services' callers or the GUI.
"""
