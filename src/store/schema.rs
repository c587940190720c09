//! Schema migrations, applied in order on open. Append new steps; never edit a shipped one.

use rusqlite_migration::{M, Migrations};

/// The tables `Store::count` may be asked about.
pub(super) const TABLES: &[&str] = &[
    "plan",
    "school",
    "audit",
    "submission",
    "submission_file",
    "candidate",
    "problem",
    "result",
    "session",
    "session_ready",
    "placement",
    "admission",
    "fee_rate",
    "site_fee_rate",
    "payment",
    "payout",
    "invoice",
    "photo_check",
    "photo_status",
    "staff",
    "staff_key",
    "issuer",
    "candidate_key",
];

pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("sql/001_foundation.sql")),
        M::up(include_str!("sql/002_submissions.sql")),
        M::up(include_str!("sql/003_sessions.sql")),
        M::up(include_str!("sql/004_fees.sql")),
        M::up(include_str!("sql/005_photos.sql")),
        M::up(include_str!("sql/006_candidate_search.sql")),
        M::up(include_str!("sql/007_candidate_retake.sql")),
        M::up(include_str!("sql/008_problem_says.sql")),
        M::up(include_str!("sql/009_staff.sql")),
        M::up(include_str!("sql/010_issuer.sql")),
        M::up(include_str!("sql/011_national_scale.sql")),
        M::up(include_str!("sql/012_candidate_keys.sql")),
        M::up(include_str!("sql/013_submission_order.sql")),
        M::up(include_str!("sql/014_console_lists.sql")),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
