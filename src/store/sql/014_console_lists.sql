-- The console's Submissions list fetches the window it shows, newest received first: walking
-- this index finds a window (and counts the rows before a submission) without sorting every
-- submission on each key. It holds what the list's filter tests (state, plan, school, file
-- name), so a filtered count or window reads the index alone, not every submission's row.
CREATE INDEX submission_list ON submission (received_at, id, state, plan_id, school_id, file_name);

-- Every session's head count, kept as it changes, for the console's Overview (the sessions
-- under 20) and lists: summing 25,000 submissions on each load took 10-40 ms at five million
-- candidates. The sum is sessions.rs's TALLY (which the CLI still sums): an accepted
-- submission's valid rows and retakes where it was sent, less the candidates moved away and
-- plus those moved in. Triggers keep it, so no write path can forget it. A submission's
-- retakes are written with its other counts when its import finishes; candidates never change
-- after that and an accepted submission stays accepted.
ALTER TABLE submission ADD COLUMN retakes INTEGER NOT NULL DEFAULT 0;
UPDATE submission SET retakes = (SELECT count(*) FROM candidate c
    WHERE c.submission_id = submission.id AND c.valid = 1 AND c.retake = 1);

CREATE TABLE session_tally (
    plan_id   INTEGER NOT NULL,
    school_id INTEGER NOT NULL,
    n         INTEGER NOT NULL DEFAULT 0,
    r         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, school_id)
) WITHOUT ROWID;
-- The sessions under 20 are found without reading the others.
CREATE INDEX session_tally_n ON session_tally (n);

INSERT INTO session_tally (plan_id, school_id, n, r)
SELECT plan_id, school_id, sum(n), sum(r) FROM (
    SELECT s.plan_id, s.school_id, s.valid_rows AS n, s.retakes AS r
    FROM submission s WHERE s.state = 'accepted'
    -- CROSS JOIN: read the few placements first, never every candidate.
    UNION ALL SELECT s.plan_id, s.school_id, -1, -c.retake
    FROM placement pl CROSS JOIN candidate c ON c.id = pl.candidate_id
    CROSS JOIN submission s ON s.id = c.submission_id WHERE s.state = 'accepted' AND c.valid = 1
    UNION ALL SELECT pl.plan_id, pl.school_id, 1, c.retake
    FROM placement pl CROSS JOIN candidate c ON c.id = pl.candidate_id
    CROSS JOIN submission s ON s.id = c.submission_id WHERE s.state = 'accepted' AND c.valid = 1)
GROUP BY plan_id, school_id;

CREATE TRIGGER session_tally_submission_in AFTER INSERT ON submission
WHEN NEW.state = 'accepted'
BEGIN
    INSERT INTO session_tally (plan_id, school_id, n, r)
    VALUES (NEW.plan_id, NEW.school_id, NEW.valid_rows, NEW.retakes)
    ON CONFLICT (plan_id, school_id) DO UPDATE SET n = n + excluded.n, r = r + excluded.r;
END;

CREATE TRIGGER session_tally_submission_old AFTER UPDATE OF state, valid_rows, retakes, plan_id,
    school_id ON submission
WHEN OLD.state = 'accepted'
BEGIN
    UPDATE session_tally SET n = n - OLD.valid_rows, r = r - OLD.retakes
    WHERE plan_id = OLD.plan_id AND school_id = OLD.school_id;
END;

CREATE TRIGGER session_tally_submission_new AFTER UPDATE OF state, valid_rows, retakes, plan_id,
    school_id ON submission
WHEN NEW.state = 'accepted'
BEGIN
    INSERT INTO session_tally (plan_id, school_id, n, r)
    VALUES (NEW.plan_id, NEW.school_id, NEW.valid_rows, NEW.retakes)
    ON CONFLICT (plan_id, school_id) DO UPDATE SET n = n + excluded.n, r = r + excluded.r;
END;

-- A move: one candidate (valid, of an accepted submission) leaves the session its submission
-- put it in, or the one it was moved to before, for the one it is moved to now. INSERT OR
-- REPLACE removes the earlier placement without firing delete triggers, so the insert undoes
-- it first.
CREATE TRIGGER session_tally_moved_again BEFORE INSERT ON placement
BEGIN
    UPDATE session_tally SET n = n - 1, r = r - c.retake
    FROM placement pl JOIN candidate c ON c.id = pl.candidate_id
    JOIN submission s ON s.id = c.submission_id
    WHERE pl.candidate_id = NEW.candidate_id AND s.state = 'accepted' AND c.valid = 1
      AND session_tally.plan_id = pl.plan_id AND session_tally.school_id = pl.school_id;
    UPDATE session_tally SET n = n + 1, r = r + c.retake
    FROM placement pl JOIN candidate c ON c.id = pl.candidate_id
    JOIN submission s ON s.id = c.submission_id
    WHERE pl.candidate_id = NEW.candidate_id AND s.state = 'accepted' AND c.valid = 1
      AND session_tally.plan_id = s.plan_id AND session_tally.school_id = s.school_id;
END;

CREATE TRIGGER session_tally_moved AFTER INSERT ON placement
BEGIN
    UPDATE session_tally SET n = n - 1, r = r - c.retake
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.id = NEW.candidate_id AND s.state = 'accepted' AND c.valid = 1
      AND session_tally.plan_id = s.plan_id AND session_tally.school_id = s.school_id;
    INSERT INTO session_tally (plan_id, school_id, n, r)
    SELECT NEW.plan_id, NEW.school_id, 1, c.retake
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.id = NEW.candidate_id AND s.state = 'accepted' AND c.valid = 1
    ON CONFLICT (plan_id, school_id) DO UPDATE SET n = n + excluded.n, r = r + excluded.r;
END;

CREATE TRIGGER session_tally_unmoved AFTER DELETE ON placement
BEGIN
    UPDATE session_tally SET n = n - 1, r = r - c.retake
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.id = OLD.candidate_id AND s.state = 'accepted' AND c.valid = 1
      AND session_tally.plan_id = OLD.plan_id AND session_tally.school_id = OLD.school_id;
    UPDATE session_tally SET n = n + 1, r = r + c.retake
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.id = OLD.candidate_id AND s.state = 'accepted' AND c.valid = 1
      AND session_tally.plan_id = s.plan_id AND session_tally.school_id = s.school_id;
END;

-- A confirmed or cancelled session is listed even when everyone left it: every session has a
-- row here, so the lists read one table for every session.
INSERT OR IGNORE INTO session_tally (plan_id, school_id) SELECT plan_id, school_id FROM session;
CREATE TRIGGER session_tally_session AFTER INSERT ON session
BEGIN
    INSERT OR IGNORE INTO session_tally (plan_id, school_id) VALUES (NEW.plan_id, NEW.school_id);
END;

-- 013's submission_received leads on received_at too; this list index answers the command's
-- newest-first walk as well (received_at, then id), so one index is kept up, not two.
DROP INDEX IF EXISTS submission_received;
