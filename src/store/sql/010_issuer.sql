-- kaowu's mark in the file header ("KAOW"): a SQLite file of another program is told apart
-- before kaowu adds its tables to it.
PRAGMA application_id = 1262571351;

-- The seller printed on invoices and statements (the exam-administration partner), set once.
-- One row at most; changing it is audited and never touches invoices already issued.
CREATE TABLE issuer (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    name    TEXT NOT NULL CHECK (name <> ''),
    tax_id  TEXT NOT NULL DEFAULT '',
    set_at  TEXT NOT NULL,
    set_by  TEXT NOT NULL
);

-- The seller as it was when the invoice was issued (NULL: issued before kaowu kept one).
ALTER TABLE invoice ADD COLUMN seller TEXT;
ALTER TABLE invoice ADD COLUMN seller_tax_id TEXT;
