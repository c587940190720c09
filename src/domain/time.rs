//! China time. Every deadline of the notice is a wall-clock time in UTC+08:00, which has no
//! daylight saving, so a fixed offset is exact.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
};

/// UTC+08:00.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// The current time in China time.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&china())
}

/// A time given by a user: RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DD` read in UTC+08:00.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read time {0:?}: use RFC 3339 or \"YYYY-MM-DD HH:MM\" (China time)")]
pub struct BadTime(pub String);

/// Parses a user-given time (see [`BadTime`] for the accepted forms).
pub fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, BadTime> {
    let t = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&china()));
    }
    let naive = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        });
    naive
        .and_then(|n| china().from_local_datetime(&n).single())
        .ok_or_else(|| BadTime(s.to_string()))
}

/// The instant a China-time wall clock shows `date` at `time`.
pub fn at(date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    china()
        .from_local_datetime(&date.and_time(time))
        .single()
        .expect("a fixed offset maps every local time to one instant")
}

/// RFC 3339 in China time, seconds precision: the form stored and printed in JSON.
pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&china())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// `YYYY-MM-DD HH:MM` in China time, for screens and tables.
pub fn short(t: &DateTime<FixedOffset>) -> String {
    Short(t).to_string()
}

/// [`short`] as a `Display`, written straight into a table of thousands of rows.
pub struct Short<'a>(pub &'a DateTime<FixedOffset>);

impl std::fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0.with_timezone(&china());
        // Four-digit years digit by digit (chrono's format parses its pattern anew on every
        // call, and a table of 25,000 rows calls it 25,000 times); chrono's own form for the
        // rest, which carry a sign.
        if (0..=9999).contains(&t.year()) {
            let mut text = *b"0000-00-00 00:00";
            for (at, len, n) in [
                (0, 4, t.year() as u32),
                (5, 2, t.month()),
                (8, 2, t.day()),
                (11, 2, t.hour()),
                (14, 2, t.minute()),
            ] {
                let mut n = n;
                for i in (at..at + len).rev() {
                    text[i] = b'0' + (n % 10) as u8;
                    n /= 10;
                }
            }
            f.write_str(std::str::from_utf8(&text).map_err(|_| std::fmt::Error)?)
        } else {
            write!(f, "{}", t.format("%Y-%m-%d %H:%M"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_is_chronos_pattern_in_china_time() {
        for s in [
            "2021-11-21T23:59:59+08:00",
            "2021-11-21T16:00:00Z",
            "0001-01-01T00:00:00+08:00",
            "2026-02-28T20:05:00-05:00",
        ] {
            let t = DateTime::parse_from_rfc3339(s).unwrap();
            let chrono = t
                .with_timezone(&china())
                .format("%Y-%m-%d %H:%M")
                .to_string();
            assert_eq!(short(&t), chrono, "{s}");
        }
        assert_eq!(
            short(&DateTime::parse_from_rfc3339("2021-11-21T16:00:00Z").unwrap()),
            "2021-11-22 00:00"
        );
    }

    #[test]
    fn reads_plain_times_as_china_time() {
        let t = parse_time("2021-11-21 23:59").unwrap();
        assert_eq!(rfc3339(&t), "2021-11-21T23:59:00+08:00");
        let utc = parse_time("2021-11-21T16:00:00Z").unwrap();
        assert_eq!(rfc3339(&utc), "2021-11-22T00:00:00+08:00");
        assert_eq!(
            rfc3339(&parse_time("2021-11-22").unwrap()),
            "2021-11-22T00:00:00+08:00"
        );
        assert!(parse_time("next tuesday").is_err());
    }
}
