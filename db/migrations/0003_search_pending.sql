-- 0003: an outbox for the search index. Every change to a library case or rule leaves its key here in the
-- same transaction (by trigger, whatever the write path), so a crash between the database commit and the
-- index update cannot leave the index silently behind: the next sync or search applies what is pending
-- and then deletes the entries it applied (by seq, so a change made meanwhile stays pending).

CREATE TABLE search_pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL                           -- 'case:<id>' or 'rule:<id>', as in the index
);

CREATE TRIGGER library_cases_pending_insert AFTER INSERT ON library_cases
BEGIN INSERT INTO search_pending (key) VALUES ('case:' || NEW.id); END;
CREATE TRIGGER library_cases_pending_update AFTER UPDATE ON library_cases
BEGIN INSERT INTO search_pending (key) VALUES ('case:' || NEW.id); END;
CREATE TRIGGER library_cases_pending_delete AFTER DELETE ON library_cases
BEGIN INSERT INTO search_pending (key) VALUES ('case:' || OLD.id); END;

CREATE TRIGGER library_rules_pending_insert AFTER INSERT ON library_rules
BEGIN INSERT INTO search_pending (key) VALUES ('rule:' || NEW.id); END;
CREATE TRIGGER library_rules_pending_update AFTER UPDATE ON library_rules
BEGIN INSERT INTO search_pending (key) VALUES ('rule:' || NEW.id); END;
CREATE TRIGGER library_rules_pending_delete AFTER DELETE ON library_rules
BEGIN INSERT INTO search_pending (key) VALUES ('rule:' || OLD.id); END;
