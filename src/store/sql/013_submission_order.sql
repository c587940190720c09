-- Submissions are listed newest first (`kaowu submissions`, the console). Without an index on
-- that order SQLite walked the (plan, school) index, looked each of 25,000 rows up in the table
-- in that order and sorted them all in a temporary file; in received order the list streams
-- from this index. The rowid that ends every index entry breaks ties (id DESC) in the same walk.
CREATE INDEX IF NOT EXISTS submission_received ON submission (received_at);

-- Head counts and fees sum the accepted submissions' valid rows per (plan, school): with these
-- columns in the index the sums are read from it alone, in (plan, school) order, instead of
-- looking each of 25,000 submissions up in the table. Its first column answers what
-- submission_state did, so that index goes.
CREATE INDEX IF NOT EXISTS submission_tally ON submission (state, plan_id, school_id, valid_rows);
DROP INDEX IF EXISTS submission_state;
