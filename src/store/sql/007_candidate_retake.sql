-- Head counts and fees take each accepted submission's valid rows from the submission itself;
-- what they still ask the candidates for is the retakes: how many a submission has, and which
-- ID numbers registered as a retake more than once. This partial index answers both alone.
-- It replaces (submission_id, valid, retake, id_number), which every import had to extend at
-- a random place for each of its candidates, the costliest of the candidate indexes to keep
-- (sqlite3: +0.07 s per 100k rows); retakes are few, and only they enter this one.
DROP INDEX candidate_session_count;
CREATE INDEX candidate_retake ON candidate (submission_id, id_number) WHERE valid = 1 AND retake = 1;
