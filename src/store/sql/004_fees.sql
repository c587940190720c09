-- Money: the exam fee schedule, payments from schools, invoices, the site service fee and
-- payouts to sites. Amounts are integer fen (分). Payments, payouts and invoices are never
-- updated or deleted (triggers refuse it): a mistake is corrected by a reversing entry that
-- refers to the original with the negative amount.

-- 考试费 per level. Append-only history: the newest row of a level is in force.
CREATE TABLE fee_rate (
    id          INTEGER PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    set_at      TEXT NOT NULL,
    set_by      TEXT NOT NULL
);
CREATE INDEX fee_rate_level ON fee_rate (level, id);

-- 考点服务费: per candidate or per confirmed session. The newest row is in force.
CREATE TABLE site_fee_rate (
    id          INTEGER PRIMARY KEY,
    basis       TEXT NOT NULL CHECK (basis IN ('per_candidate', 'per_session')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    set_at      TEXT NOT NULL,
    set_by      TEXT NOT NULL
);

CREATE TRIGGER fee_rate_no_update BEFORE UPDATE ON fee_rate
BEGIN SELECT RAISE(ABORT, 'fee history is append-only'); END;
CREATE TRIGGER fee_rate_no_delete BEFORE DELETE ON fee_rate
BEGIN SELECT RAISE(ABORT, 'fee history is append-only'); END;
CREATE TRIGGER site_fee_rate_no_update BEFORE UPDATE ON site_fee_rate
BEGIN SELECT RAISE(ABORT, 'fee history is append-only'); END;
CREATE TRIGGER site_fee_rate_no_delete BEFORE DELETE ON site_fee_rate
BEGIN SELECT RAISE(ABORT, 'fee history is append-only'); END;

-- Money received from a school. A reversal has `reverses` set and the negative amount.
CREATE TABLE payment (
    id           INTEGER PRIMARY KEY,
    school_id    INTEGER NOT NULL REFERENCES school (id),
    amount_fen   INTEGER NOT NULL,
    paid_on      TEXT NOT NULL,
    method       TEXT NOT NULL DEFAULT '',
    reference    TEXT NOT NULL DEFAULT '',
    reverses     INTEGER UNIQUE REFERENCES payment (id),
    reason       TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    CHECK ((reverses IS NULL AND amount_fen > 0)
        OR (reverses IS NOT NULL AND amount_fen < 0 AND reason IS NOT NULL))
);
CREATE INDEX payment_school ON payment (school_id);

-- Money paid to a site (考点服务费), the same shape as payment.
CREATE TABLE payout (
    id           INTEGER PRIMARY KEY,
    school_id    INTEGER NOT NULL REFERENCES school (id),
    amount_fen   INTEGER NOT NULL,
    paid_on      TEXT NOT NULL,
    method       TEXT NOT NULL DEFAULT '',
    reference    TEXT NOT NULL DEFAULT '',
    reverses     INTEGER UNIQUE REFERENCES payout (id),
    reason       TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    CHECK ((reverses IS NULL AND amount_fen > 0)
        OR (reverses IS NOT NULL AND amount_fen < 0 AND reason IS NOT NULL))
);
CREATE INDEX payout_school ON payout (school_id);

-- Invoices (发票). The number is KW<year>-<seq, 6 digits>; seq restarts each year and has no
-- gaps (the trigger below refuses anything but the next one). The buyer's 抬头 and
-- 纳税人识别号 are the invoice's own copy: later edits of the school do not change it. State is
-- derived: an invoice is reversed when a 红冲 invoice refers to it.
CREATE TABLE invoice (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    number       TEXT NOT NULL UNIQUE,
    school_id    INTEGER NOT NULL REFERENCES school (id),
    buyer_title  TEXT NOT NULL,
    tax_id       TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    refers_to    INTEGER UNIQUE REFERENCES invoice (id),
    reason       TEXT,
    issued_at    TEXT NOT NULL,
    issued_by    TEXT NOT NULL,
    UNIQUE (year, seq),
    CHECK ((refers_to IS NULL AND amount_fen > 0)
        OR (refers_to IS NOT NULL AND amount_fen < 0 AND reason IS NOT NULL))
);
CREATE INDEX invoice_school ON invoice (school_id);

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a reversal'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a reversal'); END;
CREATE TRIGGER payout_no_update BEFORE UPDATE ON payout
BEGIN SELECT RAISE(ABORT, 'payouts are append-only: record a reversal'); END;
CREATE TRIGGER payout_no_delete BEFORE DELETE ON payout
BEGIN SELECT RAISE(ABORT, 'payouts are append-only: record a reversal'); END;
CREATE TRIGGER invoice_no_update BEFORE UPDATE ON invoice
BEGIN SELECT RAISE(ABORT, 'invoices are never edited: issue a reversal (红冲)'); END;
CREATE TRIGGER invoice_no_delete BEFORE DELETE ON invoice
BEGIN SELECT RAISE(ABORT, 'invoices are never deleted: issue a reversal (红冲)'); END;

-- A reversal mirrors its original exactly and an original is reversed at most once (UNIQUE);
-- a reversal itself cannot be reversed.
CREATE TRIGGER payment_reversal_mirrors BEFORE INSERT ON payment
WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM payment o WHERE o.id = NEW.reverses AND o.reverses IS NULL
      AND o.amount_fen = -NEW.amount_fen AND o.school_id = NEW.school_id)
BEGIN SELECT RAISE(ABORT, 'a reversal must mirror an original payment'); END;
CREATE TRIGGER payout_reversal_mirrors BEFORE INSERT ON payout
WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM payout o WHERE o.id = NEW.reverses AND o.reverses IS NULL
      AND o.amount_fen = -NEW.amount_fen AND o.school_id = NEW.school_id)
BEGIN SELECT RAISE(ABORT, 'a reversal must mirror an original payout'); END;
CREATE TRIGGER invoice_reversal_mirrors BEFORE INSERT ON invoice
WHEN NEW.refers_to IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM invoice o WHERE o.id = NEW.refers_to AND o.refers_to IS NULL
      AND o.amount_fen = -NEW.amount_fen AND o.school_id = NEW.school_id)
BEGIN SELECT RAISE(ABORT, 'a reversal must mirror an original invoice'); END;
CREATE TRIGGER invoice_gap_free BEFORE INSERT ON invoice
WHEN NEW.seq != (SELECT coalesce(max(seq), 0) + 1 FROM invoice WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'invoice numbers have no gaps'); END;
