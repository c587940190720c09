-- The submissions list showed each submission's candidate and problem counts by counting its
-- rows, which made listing 25,000 submissions read all five million candidates. The counts are
-- written once when the import finishes (a submission's candidates and problems never change
-- after it) and read from here.
ALTER TABLE submission ADD COLUMN candidates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submission ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;
UPDATE submission SET
    candidates = (SELECT count(*) FROM candidate c WHERE c.submission_id = submission.id),
    problems = (SELECT count(*) FROM problem p WHERE p.submission_id = submission.id);

-- Staff also search a candidate by the given name alone (芳 for 王芳): the name after its
-- first character, the surname for all but the rare two-character ones, matched from its start.
CREATE INDEX candidate_given_name ON candidate (substr(name, 2));
