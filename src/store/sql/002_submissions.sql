-- Submissions (one school's 附件1 file for one plan), their candidates and problems.

CREATE TABLE submission (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plan (id),
    school_id     INTEGER NOT NULL REFERENCES school (id),
    file_name     TEXT NOT NULL,
    -- A re-sent identical file is recognised by its hash, never imported twice.
    sha256        TEXT NOT NULL UNIQUE,
    received_at   TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN
                  ('pending', 'late', 'early', 'site_not_approved', 'needs_fix', 'accepted', 'rejected')),
    rows          INTEGER NOT NULL,
    valid_rows    INTEGER NOT NULL,
    header_row    INTEGER NOT NULL,
    -- Accepted with "valid rows only": the rows with problems are not registered.
    valid_only    INTEGER NOT NULL DEFAULT 0,
    decided_at    TEXT,
    decided_by    TEXT,
    note          TEXT,
    -- Bumped by every change, so a decision taken on a stale screen is noticed.
    version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX submission_state ON submission (state);
CREATE INDEX submission_plan_school ON submission (plan_id, school_id);

-- The school's file as received: kept so nothing is lost and the annotated return is
-- written from the school's own rows.
CREATE TABLE submission_file (
    submission_id INTEGER PRIMARY KEY REFERENCES submission (id),
    bytes         BLOB NOT NULL
);

CREATE TABLE candidate (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submission (id),
    row           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    id_type       TEXT NOT NULL,
    id_number     TEXT NOT NULL,
    gender        TEXT,
    birth_date    TEXT,
    phone         TEXT NOT NULL,
    school_name   TEXT NOT NULL,
    major         TEXT NOT NULL DEFAULT '',
    grade         TEXT NOT NULL DEFAULT '',
    class         TEXT NOT NULL DEFAULT '',
    retake        INTEGER NOT NULL DEFAULT 0,
    remark        TEXT NOT NULL DEFAULT '',
    valid         INTEGER NOT NULL
);
CREATE INDEX candidate_submission ON candidate (submission_id, row);
CREATE INDEX candidate_id_number ON candidate (id_number);
CREATE INDEX candidate_name ON candidate (name);
CREATE INDEX candidate_phone ON candidate (phone);

CREATE TABLE problem (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submission (id),
    row           INTEGER,
    col           TEXT,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL
);
CREATE INDEX problem_submission ON problem (submission_id, row);

-- Earlier exam results (for retakes): imported from a results sheet.
CREATE TABLE result (
    id            INTEGER PRIMARY KEY,
    id_number     TEXT NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
    exam_date     TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'absent')),
    UNIQUE (id_number, level, exam_date)
);
CREATE INDEX result_id_number ON result (id_number);
