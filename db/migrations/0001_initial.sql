-- 0001: the meeting cycle: people, bodies, case reports, meetings, minutes, follow-up, audit.
-- Dates are ISO text in local court time ('2026-03-05', '2026-03-05T09:00').
-- Enumerations are stored as stable codes (see meetingdesk/domain/choices.py).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL               -- JSON
);

CREATE TABLE judges (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    court TEXT NOT NULL DEFAULT '',
    division TEXT NOT NULL DEFAULT '',  -- 审判庭 / 部门
    post TEXT NOT NULL DEFAULT '',      -- 职务: 院长、庭长、审判员…
    grade TEXT,                         -- 法官等级, NULL for non-judges (e.g. 法官助理 invited as 列席)
    grade_since TEXT,                   -- date promoted to that grade
    is_judge INTEGER NOT NULL DEFAULT 1 CHECK (is_judge IN (0, 1)),  -- 员额法官
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX judges_name ON judges(name);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'secretary', 'presider', 'member', 'viewer')),
    judge_id INTEGER REFERENCES judges(id) ON DELETE SET NULL,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    location TEXT NOT NULL DEFAULT '',
    capacity INTEGER,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'specialty' CHECK (kind IN ('specialty', 'division', 'team', 'cross')),
    specialty TEXT NOT NULL DEFAULT '',         -- 刑事 / 民事 / 行政 / 执行 …
    division TEXT NOT NULL DEFAULT '',
    quorum_numerator INTEGER NOT NULL DEFAULT 1 CHECK (quorum_numerator >= 0),
    quorum_denominator INTEGER NOT NULL DEFAULT 3 CHECK (quorum_denominator > 0),
    quorum_minimum INTEGER NOT NULL DEFAULT 5 CHECK (quorum_minimum >= 0),
    deadline_working_days INTEGER NOT NULL DEFAULT 3 CHECK (deadline_working_days >= 0),
    default_room_id INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    secretary_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE body_members (
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id) ON DELETE RESTRICT,
    is_presider INTEGER NOT NULL DEFAULT 0 CHECK (is_presider IN (0, 1)),
    joined_on TEXT,
    PRIMARY KEY (body_id, judge_id)
);
CREATE INDEX body_members_judge ON body_members(judge_id);

CREATE TABLE case_type_codes (                  -- the court's additions to the built-in 类型代字 table
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT ''
);

CREATE TABLE calendar_overrides (
    day TEXT PRIMARY KEY,
    is_workday INTEGER NOT NULL CHECK (is_workday IN (0, 1)),
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    case_number TEXT NOT NULL UNIQUE,           -- normalised 案号
    case_number_legacy INTEGER NOT NULL DEFAULT 0,
    case_year INTEGER,
    cause TEXT NOT NULL DEFAULT '',             -- 案由 / 罪名
    parties TEXT NOT NULL DEFAULT '',
    procedure TEXT NOT NULL DEFAULT 'first',
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE RESTRICT,
    reporting_judge_id INTEGER NOT NULL REFERENCES judges(id) ON DELETE RESTRICT,  -- 承办法官
    initiator TEXT NOT NULL DEFAULT 'panel',
    question_type TEXT NOT NULL DEFAULT 'law',
    facts TEXT NOT NULL DEFAULT '',             -- 基本案情
    issues TEXT NOT NULL DEFAULT '',            -- 争议焦点
    questions TEXT NOT NULL DEFAULT '',         -- 提请讨论的问题
    panel_majority_view TEXT NOT NULL DEFAULT '',
    panel_minority_view TEXT NOT NULL DEFAULT '',
    search_report_waiver TEXT NOT NULL DEFAULT '',  -- recorded reason when no 类案检索报告 is attached
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'submitted', 'returned', 'accepted', 'scheduled', 'discussed',
                         'reconsidered', 'closed', 'withdrawn')),
    state_reason TEXT NOT NULL DEFAULT '',      -- 退回/撤回/办结 reason
    convene_decision TEXT CHECK (convene_decision IN ('convene', 'decline')),
    convene_reason TEXT NOT NULL DEFAULT '',
    convene_by INTEGER REFERENCES users(id),
    convene_at TEXT,
    submitted_at TEXT,
    accepted_at TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reports_state ON reports(state);
CREATE INDEX reports_body ON reports(body_id);
CREATE INDEX reports_judge ON reports(reporting_judge_id);

CREATE TABLE report_reasons (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    PRIMARY KEY (report_id, reason)
);

CREATE TABLE report_panel (                     -- 合议庭成员 and which view each holds
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id) ON DELETE RESTRICT,
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('presiding', 'reporting', 'member')),
    holds TEXT CHECK (holds IN ('majority', 'minority')),
    PRIMARY KEY (report_id, judge_id)
);

CREATE TABLE report_options (                   -- 甲/乙/丙 options the report puts to the meeting
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (report_id, label)
);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'other',
    filename TEXT NOT NULL,                     -- sanitised original name, for display and export
    stored_name TEXT NOT NULL,                  -- content-addressed file under the data folder
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL DEFAULT '',
    added_by INTEGER REFERENCES users(id),
    added_at TEXT NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE RESTRICT,
    title TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL DEFAULT 120 CHECK (planned_minutes > 0),
    room_id INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    presider_id INTEGER REFERENCES judges(id) ON DELETE RESTRICT,
    recorder TEXT NOT NULL DEFAULT '',          -- 记录人
    contact TEXT NOT NULL DEFAULT '',           -- 联系人及电话 for the notice
    state TEXT NOT NULL DEFAULT 'planned'
        CHECK (state IN ('planned', 'notified', 'in_progress', 'held', 'adjourned', 'cancelled')),
    state_reason TEXT NOT NULL DEFAULT '',
    agenda_approved_by INTEGER REFERENCES users(id),
    agenda_approved_at TEXT,
    actual_start TEXT,
    actual_end TEXT,
    minutes_state TEXT NOT NULL DEFAULT 'draft' CHECK (minutes_state IN ('draft', 'circulating', 'final')),
    minutes_finalised_by INTEGER REFERENCES users(id),
    minutes_finalised_at TEXT,
    summary_year INTEGER,                       -- 纪要 number: 〔year〕第seq期
    summary_seq INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (summary_year, summary_seq)
);
CREATE INDEX meetings_starts ON meetings(starts_at);
CREATE INDEX meetings_body ON meetings(body_id);

CREATE TABLE meeting_invitees (                 -- 列席: speak, never count toward quorum
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    judge_id INTEGER REFERENCES judges(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    unit TEXT NOT NULL DEFAULT '',
    attended INTEGER NOT NULL DEFAULT 1 CHECK (attended IN (0, 1))
);

CREATE TABLE attendance (                       -- one row per body member of the meeting
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id) ON DELETE RESTRICT,
    status TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'leave', 'absent')),
    reason TEXT NOT NULL DEFAULT '',
    signed_at TEXT,
    PRIMARY KEY (meeting_id, judge_id)
);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 30 CHECK (duration_minutes > 0),
    late INTEGER NOT NULL DEFAULT 0,            -- materials after the deadline
    late_admitted_by INTEGER REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'discussing', 'discussed', 'deferred')),
    presentation TEXT NOT NULL DEFAULT '',      -- 承办法官汇报摘要
    questions_answers TEXT NOT NULL DEFAULT '', -- 问答
    presider_summary TEXT NOT NULL DEFAULT '',  -- 主持人总结
    conclusion TEXT NOT NULL DEFAULT '',        -- 讨论意见 prose (editable; the counts are computed)
    speaking_order TEXT,                        -- JSON list of speaker keys when reordered
    speaking_order_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (meeting_id, report_id)
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
CREATE INDEX agenda_items_report ON agenda_items(report_id);

CREATE TABLE item_absences (                    -- per-item 回避 / 中途离席 of a member present at the meeting
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL DEFAULT 'recused' CHECK (kind IN ('recused', 'left')),
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agenda_item_id, judge_id)
);

CREATE TABLE opinions (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
    speaker_key TEXT NOT NULL,                  -- 'judge:<id>' or 'invitee:<id>'
    judge_id INTEGER REFERENCES judges(id) ON DELETE RESTRICT,
    invitee_id INTEGER REFERENCES meeting_invitees(id) ON DELETE CASCADE,
    stance TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (agenda_item_id, round, speaker_key),
    CHECK ((judge_id IS NULL) <> (invitee_id IS NULL))
);

CREATE TABLE amendments (                       -- corrections to final minutes: never silent edits
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
    target TEXT NOT NULL,                       -- what was corrected, e.g. 'item.conclusion', 'opinion:12.reasons'
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    made_by INTEGER REFERENCES users(id),
    made_at TEXT NOT NULL
);

CREATE TABLE followups (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    due_on TEXT,                                -- when the panel's 复议 result is expected
    reconsidered_on TEXT,
    panel_result TEXT NOT NULL DEFAULT '',
    adoption TEXT CHECK (adoption IN ('adopted', 'partly', 'not_adopted')),
    panel_undecided INTEGER NOT NULL DEFAULT 0,
    referred INTEGER NOT NULL DEFAULT 0,        -- 提交审判委员会
    referred_on TEXT,
    committee_result TEXT NOT NULL DEFAULT '',
    committee_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (agenda_item_id)
);
CREATE INDEX followups_report ON followups(report_id);

CREATE TABLE audit_log (                        -- append-only; each entry hashes the previous one
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,                                -- JSON row image, NULL on insert
    after TEXT,                                 -- JSON row image, NULL on delete
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
