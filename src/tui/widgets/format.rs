//! Small text formats several screens share.

use crate::domain::time;

/// An audit time (RFC 3339) as `YYYY-MM-DD HH:MM`, or as stored if unreadable.
pub fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| time::short(&t))
        .unwrap_or_else(|_| at.to_string())
}
