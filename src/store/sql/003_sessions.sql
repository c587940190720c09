-- Sessions (场次: one plan at one site): their state, readiness checklist, where candidates sit
-- after moves, and admission numbers. A session without a row here is open.

CREATE TABLE session (
    plan_id       INTEGER NOT NULL REFERENCES plan (id),
    school_id     INTEGER NOT NULL REFERENCES school (id),
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'cancelled')),
    confirmed_at  TEXT,
    confirmed_by  TEXT,
    cancelled_at  TEXT,
    cancelled_by  TEXT,
    cancel_reason TEXT,
    PRIMARY KEY (plan_id, school_id)
);
CREATE INDEX session_state ON session (state);

-- 考前准备: technical teacher joined and software deployed, proctors watched the training video,
-- exam room set up. A row means done, with who and when.
CREATE TABLE session_ready (
    plan_id    INTEGER NOT NULL REFERENCES plan (id),
    school_id  INTEGER NOT NULL REFERENCES school (id),
    item       TEXT NOT NULL CHECK (item IN ('software', 'video', 'room')),
    done_at    TEXT NOT NULL,
    done_by    TEXT NOT NULL,
    PRIMARY KEY (plan_id, school_id, item)
);

-- A moved candidate's current session; a candidate without a row sits in its submission's
-- plan at its submission's school. Candidates are marked, never deleted.
CREATE TABLE placement (
    candidate_id   INTEGER PRIMARY KEY REFERENCES candidate (id),
    plan_id        INTEGER NOT NULL REFERENCES plan (id),
    school_id      INTEGER NOT NULL REFERENCES school (id),
    from_plan_id   INTEGER NOT NULL REFERENCES plan (id),
    from_school_id INTEGER NOT NULL REFERENCES school (id),
    moved_at       TEXT NOT NULL,
    moved_by       TEXT NOT NULL,
    reason         TEXT NOT NULL
);
CREATE INDEX placement_session ON placement (plan_id, school_id);

-- 准考证号: given on confirmation (and to later arrivals in a confirmed session), never changed.
-- A candidate holds one number per session it was numbered in (moved out of a cancelled
-- confirmed session, it gets a new one where it lands; the old one is kept, not reused).
CREATE TABLE admission (
    candidate_id  INTEGER NOT NULL REFERENCES candidate (id),
    plan_id       INTEGER NOT NULL REFERENCES plan (id),
    school_id     INTEGER NOT NULL REFERENCES school (id),
    seq           INTEGER NOT NULL,
    number        TEXT NOT NULL,
    assigned_at   TEXT NOT NULL,
    PRIMARY KEY (candidate_id, plan_id, school_id),
    UNIQUE (plan_id, number),
    UNIQUE (plan_id, school_id, seq)
);
CREATE TRIGGER admission_no_update BEFORE UPDATE ON admission
BEGIN SELECT RAISE(ABORT, 'admission numbers never change'); END;
CREATE TRIGGER admission_no_delete BEFORE DELETE ON admission
BEGIN SELECT RAISE(ABORT, 'admission numbers never change'); END;

-- The session listing groups accepted candidates by submission: this covers the scan.
CREATE INDEX candidate_session_count ON candidate (submission_id, valid, retake, id_number);
