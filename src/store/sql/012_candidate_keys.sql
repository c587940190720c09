-- Searching candidates by name, given name, ID number, phone and the last four of the ID or phone
-- was six indexes of candidate, each a B-tree over every candidate ever stored: a school's file of
-- 200 rows put 1,200 keys at random places in them, dirtying some 2,000 pages of a national
-- database (a 200-row import at 5,000,000 candidates cost 7x what it costs on an empty one).
--
-- Here the search keys live in one table ordered first by an epoch, the candidate's id over 4096:
-- new candidates' keys all land in the newest epoch or two, a few dozen pages however large the
-- database grows. A search walks the epochs newest first, one seek per epoch, and stops once it has
-- its window and its capped count: newest-first results no longer sort every match of a common
-- prefix. `candidate_id_number` stays: the rules look ID numbers up across every epoch.
--
-- The keys of a candidate, written with it by `store::candidates::insert_search_keys` (a trigger
-- would make every candidate's insert keep a statement journal: 1.9 million writes for 100k rows)
-- and here for the candidates stored before; a test keeps the two alike: the name, the given name
-- (the name after its first character), the ID number, the phone, and, after a U+0001 so they
-- never meet a prefix, the last four of the ID number and of the phone. Empty fields give no key.
CREATE TABLE candidate_key (
    epoch        INTEGER NOT NULL,
    key          TEXT NOT NULL,
    candidate_id INTEGER NOT NULL,
    PRIMARY KEY (epoch, key, candidate_id)
) WITHOUT ROWID;

-- Candidates never change nor go once stored, so a key is only ever added.
INSERT OR IGNORE INTO candidate_key (epoch, key, candidate_id)
SELECT id >> 12, k, id FROM (
    SELECT id, name AS k FROM candidate
    UNION ALL SELECT id, substr(name, 2) FROM candidate
    UNION ALL SELECT id, id_number FROM candidate
    UNION ALL SELECT id, phone FROM candidate
    UNION ALL SELECT id, char(1) || substr(id_number, -4) FROM candidate WHERE id_number <> ''
    UNION ALL SELECT id, char(1) || substr(phone, -4) FROM candidate WHERE phone <> ''
) WHERE k <> ''
ORDER BY 1, 2, 3;

DROP INDEX candidate_name;
DROP INDEX candidate_given_name;
DROP INDEX candidate_phone;
DROP INDEX candidate_id_tail;
DROP INDEX candidate_phone_tail;
