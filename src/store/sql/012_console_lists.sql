-- The console's Submissions list fetches the window it shows, newest received first: walking
-- this index finds a window (and counts the rows before a submission) without sorting every
-- submission on each key.
CREATE INDEX submission_received ON submission (received_at, id);
