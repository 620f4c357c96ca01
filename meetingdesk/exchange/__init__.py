"""Data exchange: rosters in and out of spreadsheets, every table to .xlsx, and the open JSON export.

- ``sheets``: reading .xlsx/.csv files as rows of cells, with forgiving value parsers;
- ``roster_format``: the Chinese column headings of a roster and the variants accepted;
- ``roster_import``: preview (parsed rows and per-row errors) and an all-or-nothing apply;
- ``roster_export``: the roster in the same format (and an empty template);
- ``tables_xlsx``: every table of the database as one workbook;
- ``open_export``: ``export-all`` (JSON + attachments, see docs/data-format.md) and its restore.
"""
