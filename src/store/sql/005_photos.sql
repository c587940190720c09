-- Photo archive checks: one row per check run (kept, so earlier runs stay visible), and each
-- candidate's current photo status, replaced by the next check of an archive for them.

CREATE TABLE photo_check (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    archive_name   TEXT NOT NULL,
    archive_sha256 TEXT NOT NULL,
    entries        INTEGER NOT NULL,
    ok             INTEGER NOT NULL,
    problem        INTEGER NOT NULL,
    missing        INTEGER NOT NULL,
    -- Problems of entries that belong to no candidate (orphans, bad names, unsafe entries),
    -- as JSON [{"entry", "code", "message"}].
    entry_problems TEXT NOT NULL DEFAULT '[]',
    checked_at     TEXT NOT NULL,
    checked_by     TEXT NOT NULL
);
CREATE INDEX photo_check_submission ON photo_check (submission_id);

CREATE TABLE photo_status (
    candidate_id  INTEGER PRIMARY KEY REFERENCES candidate (id),
    check_id      INTEGER NOT NULL REFERENCES photo_check (id),
    state         TEXT NOT NULL CHECK (state IN ('ok', 'problem', 'missing')),
    -- The archive entry checked as the candidate's photo.
    entry         TEXT,
    -- The measured average background colour, '#RRGGBB', when the photo could be decoded.
    colour        TEXT,
    -- JSON [{"code", "message"}], messages in the language of the check.
    problems      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX photo_status_check ON photo_status (check_id);
