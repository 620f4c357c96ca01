-- 0002: the reference-case library (参考性案例 and imported judgments), 裁判规则, 类案检索报告 drafts,
-- and relevance feedback on search hits. The whoosh index under <data>/index is derived from these
-- tables: `revision` goes up on every change so `meetingdesk check` can tell a stale index entry.

CREATE TABLE library_cases (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),   -- 标题: 某某诉某某+案由+案 / 被告人+案由+案
    keywords TEXT NOT NULL DEFAULT '[]',        -- 关键词: JSON list, at most 7, broad to narrow
    key_points TEXT NOT NULL DEFAULT '',        -- 裁判要点
    articles TEXT NOT NULL DEFAULT '',          -- 相关法条
    facts TEXT NOT NULL DEFAULT '',             -- 基本案情
    result TEXT NOT NULL DEFAULT '',            -- 裁判结果
    reasoning TEXT NOT NULL DEFAULT '',         -- 裁判理由
    full_text TEXT NOT NULL DEFAULT '',         -- 全文 of an imported judgment
    case_numbers TEXT NOT NULL DEFAULT '[]',    -- 案号, JSON list: one per instance
    court TEXT NOT NULL DEFAULT '',             -- 审理法院
    decided_on TEXT,                            -- 裁判日期 (ISO date)
    cause TEXT NOT NULL DEFAULT '',             -- 案由 / 罪名 as written
    charges TEXT NOT NULL DEFAULT '[]',         -- JSON list of normalised 罪名 / 案由 (a strong similarity signal)
    category TEXT NOT NULL DEFAULT 'reference'
        CHECK (category IN ('guiding', 'typical', 'reference', 'own', 'caselib', 'judgment')),
    tier INTEGER NOT NULL DEFAULT 3 CHECK (tier BETWEEN 1 AND 5),  -- SPC authority tier (5: other judgments)
    issuer TEXT NOT NULL DEFAULT '',            -- 发布机关
    issued_on TEXT,                             -- 发布日期
    issue_no TEXT NOT NULL DEFAULT '',          -- 发布编号, e.g. 指导性案例第15号
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published')),
    source TEXT NOT NULL DEFAULT '',            -- where it came from: 'meeting', an import file name…
    source_ref TEXT NOT NULL DEFAULT '',        -- the source's own id (e.g. a LeCaRD candidate id)
    content_hash TEXT NOT NULL,                 -- sha256 of the normalised text: duplicate detection
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX library_cases_hash ON library_cases(content_hash);
CREATE INDEX library_cases_item ON library_cases(agenda_item_id);
CREATE INDEX library_cases_source ON library_cases(source, source_ref);

CREATE TABLE library_rules (                    -- 裁判规则 distilled from one or more discussed items
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    statement TEXT NOT NULL CHECK (length(trim(statement)) > 0),  -- the rule, in one or a few sentences
    cause TEXT NOT NULL DEFAULT '',             -- scope: 案由 / 罪名
    articles TEXT NOT NULL DEFAULT '',          -- scope: 法条
    keywords TEXT NOT NULL DEFAULT '[]',
    explanation TEXT NOT NULL DEFAULT '',       -- 理解与适用
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published')),
    revision INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE library_rule_sources (             -- a rule's sources: discussed items and/or library cases
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES library_rules(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
    case_id INTEGER REFERENCES library_cases(id) ON DELETE CASCADE,
    CHECK ((agenda_item_id IS NULL) <> (case_id IS NULL))
);
CREATE INDEX library_rule_sources_rule ON library_rule_sources(rule_id);

CREATE TABLE search_reports (                   -- 类案检索报告 drafts (rendered to .docx/.pdf elsewhere)
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    searcher TEXT NOT NULL DEFAULT '',          -- 检索主体
    searched_at TEXT NOT NULL,                  -- 检索时间
    platform TEXT NOT NULL DEFAULT '',          -- 检索平台
    methods TEXT NOT NULL DEFAULT '[]',         -- JSON list of 'keyword' / 'article' / 'case'
    keywords TEXT NOT NULL DEFAULT '[]',        -- JSON list: keywords used
    articles TEXT NOT NULL DEFAULT '[]',        -- JSON list: articles used
    issues TEXT NOT NULL DEFAULT '',            -- 待决案件争议焦点
    conclusion TEXT NOT NULL DEFAULT '',        -- do the similar cases conflict?
    has_conflict INTEGER NOT NULL DEFAULT 0 CHECK (has_conflict IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX search_reports_report ON search_reports(report_id);

CREATE TABLE search_report_rows (               -- one row per similar case
    id INTEGER PRIMARY KEY,
    search_report_id INTEGER NOT NULL REFERENCES search_reports(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    case_id INTEGER REFERENCES library_cases(id) ON DELETE SET NULL,
    tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 5),
    case_number TEXT NOT NULL DEFAULT '',
    court TEXT NOT NULL DEFAULT '',
    decided_on TEXT,
    key_points TEXT NOT NULL DEFAULT '',
    similarity TEXT NOT NULL DEFAULT '',        -- 相似性分析
    use TEXT NOT NULL DEFAULT 'consult' CHECK (use IN ('follow', 'consult', 'not_follow')),  -- 参照/参考/不参照
    use_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (search_report_id, position)
);

CREATE TABLE search_feedback (                  -- a judge's "relevant / not" on a hit, for later tuning
    id INTEGER PRIMARY KEY,
    query TEXT NOT NULL DEFAULT '',             -- the keyword query, or '' for a similar-case search
    report_id INTEGER REFERENCES reports(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES library_cases(id) ON DELETE CASCADE,
    relevant INTEGER NOT NULL CHECK (relevant IN (0, 1)),
    user_id INTEGER REFERENCES users(id),
    username TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX search_feedback_case ON search_feedback(case_id);
