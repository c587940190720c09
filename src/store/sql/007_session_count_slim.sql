-- Session counts ask an accepted submission for its valid rows and retakes, which
-- (submission_id, valid, retake) answers alone. The ID number that ended this index made every
-- import insert its entries at random places: it was the costliest index an import of 100k
-- candidates kept up (about a quarter of the writer's index work). Without it, one
-- submission's entries go in at the end of four runs.
DROP INDEX candidate_session_count;
CREATE INDEX candidate_session_count ON candidate (submission_id, valid, retake);
