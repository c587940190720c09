-- Problems are stored as what they say, not as a sentence in the importer's language: the
-- sentence's key and its typed arguments as JSON {"sentence": "...", "args": [["name",
-- {"text": "..."}], ...]}, rendered in the reader's language. Rows recorded before this migration
-- keep their message (written in the importer's language) and have no `says`: they are shown
-- as they were written, since the arguments were never kept and cannot be recovered.
ALTER TABLE problem ADD COLUMN says TEXT;
