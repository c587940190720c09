-- A team on one server: the people who log in with their SSH keys, what they may do, and who
-- is looking at which submission right now.
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    -- Role keys, comma-separated and sorted: viewer, triage, sites, finance, admin.
    roles TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
    added_at TEXT NOT NULL,
    last_seen TEXT
);

-- A key is the identity: one key belongs to one person at most.
CREATE TABLE staff_key (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    fingerprint TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    base64 TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE INDEX staff_key_staff ON staff_key (staff_id);
