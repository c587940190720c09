-- Foundation: plans, schools with their site application, the audit log.
-- Times are RFC 3339 text in UTC+08:00 (sortable as text because the offset never changes);
-- dates are YYYY-MM-DD in China time.

CREATE TABLE plan (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    level       TEXT NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
    opens       TEXT NOT NULL,
    closes      TEXT NOT NULL,
    exam_start  TEXT NOT NULL,
    exam_end    TEXT NOT NULL,
    dingtalk_group TEXT NOT NULL DEFAULT '',
    CHECK (closes >= opens),
    CHECK (exam_end > exam_start)
);
CREATE UNIQUE INDEX plan_code ON plan (substr(exam_start, 1, 10), level);

CREATE TABLE school (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    code          TEXT NOT NULL DEFAULT '',
    province      TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    invoice_title TEXT NOT NULL DEFAULT '',
    tax_id        TEXT NOT NULL DEFAULT '',
    site_state    TEXT NOT NULL DEFAULT 'not_applied'
        CHECK (site_state IN ('not_applied', 'pending', 'approved', 'rejected', 'suspended')),
    site_changed_at TEXT
);
CREATE INDEX school_site_state ON school (site_state);

-- Append-only: nothing updates or deletes an audit row.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    label      TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    reason     TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
