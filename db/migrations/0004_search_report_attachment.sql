-- 0004: the attachment a 类案检索报告 produced (附到案件报告), so attaching it again replaces that
-- attachment instead of adding a second 类案检索报告 to the case report. NULL: not attached yet, or the
-- attachment was removed since (the judge's other attachments are never touched).

ALTER TABLE search_reports ADD COLUMN attachment_id INTEGER REFERENCES attachments(id) ON DELETE SET NULL;
