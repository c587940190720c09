//! `kaowu submissions` and `kaowu decide`.

use anyhow::Result;

use super::{Ctx, Outcome, table};
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::time;
use crate::i18n::{cli as msg, common, errors};
use crate::store::{Store, StoreError, SubmissionFilter, SubmissionSummary};

/// The JSON of one submission, as docs/cli.md fixes it.
pub fn submission_json(s: &SubmissionSummary) -> serde_json::Value {
    serde_json::to_value(SubmissionJson::of(s)).unwrap_or_default()
}

/// One submission's JSON as a struct, serialized without a map of its own. Its fields are in
/// the order of their names, the order serde_json's objects keep: a listing of these reads
/// byte for byte as one of [`submission_json`]s.
#[derive(serde::Serialize)]
struct SubmissionJson<'a> {
    candidates: usize,
    decided_at: &'a Option<String>,
    decided_by: &'a Option<String>,
    file: &'a str,
    id: i64,
    note: &'a Option<String>,
    plan: &'a str,
    problems: usize,
    received_at: String,
    rows: usize,
    school: &'a str,
    state: &'static str,
    valid_rows: usize,
}

impl<'a> SubmissionJson<'a> {
    fn of(s: &'a SubmissionSummary) -> Self {
        SubmissionJson {
            candidates: s.candidates,
            decided_at: &s.decided_at,
            decided_by: &s.decided_by,
            file: &s.file_name,
            id: s.id,
            note: &s.note,
            plan: &s.plan_code,
            problems: s.problems,
            received_at: time::rfc3339(&s.received_at),
            rows: s.rows,
            school: &s.school,
            state: s.state.key(),
            valid_rows: s.valid_rows,
        }
    }
}

/// `{"submissions": [...]}`, each read from the store as it is written.
struct Listing<'s> {
    store: &'s Store,
    filter: &'s SubmissionFilter,
    /// What the store said, if reading it failed mid-way.
    failed: std::cell::RefCell<Option<StoreError>>,
}

impl serde::Serialize for Listing<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap, SerializeSeq};
        struct Rows<'l, 's>(&'l Listing<'s>);
        impl serde::Serialize for Rows<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                let mut seq = ser.serialize_seq(None)?;
                let mut written = Ok(());
                let read = self.0.store.each_submission(self.0.filter, |s| {
                    if written.is_ok() {
                        written = seq.serialize_element(&SubmissionJson::of(s));
                    }
                });
                written?;
                if let Err(e) = read {
                    *self.0.failed.borrow_mut() = Some(e);
                    return Err(S::Error::custom("reading the submissions failed"));
                }
                seq.end()
            }
        }
        let mut map = ser.serialize_map(Some(1))?;
        map.serialize_entry("submissions", &Rows(self))?;
        map.end()
    }
}

pub fn list(
    ctx: &Ctx,
    plan: Option<&str>,
    school: Option<&str>,
    state: Option<SubmissionState>,
) -> Result<Outcome> {
    let store = ctx.store()?;
    let filter = SubmissionFilter {
        state,
        plan_id: plan.map(|p| store.find_plan(p)).transpose()?.map(|p| p.id),
        school_id: school
            .map(|s| store.find_school(s))
            .transpose()?
            .map(|s| s.id),
        text: String::new(),
    };
    if ctx.json {
        let listing = Listing {
            store: &store,
            filter: &filter,
            failed: Default::default(),
        };
        let written = super::term::stdout_json(&listing);
        if let Some(e) = listing.failed.take() {
            return Err(e.into());
        }
        // A closed pipe ends the process first (SIGPIPE), as for every Unix tool.
        drop(written);
        return Ok(Outcome::Clean);
    }
    let l = ctx.lang;
    // At most one row per submission, reserved at once: growing a listing of 25,000 rows
    // step by step copies it and touches twice the memory.
    let most = store.count("submission")? as usize;
    let mut table = table::Table::with_capacity(
        &[
            "id",
            l.t(&msg::COL_RECEIVED),
            l.t(&msg::COL_CODE),
            l.t(&msg::COL_SCHOOL),
            l.t(&msg::COL_STATE),
            l.t(&msg::COL_VALID_ROWS),
            l.t(&msg::COL_PROBLEMS),
            l.t(&msg::COL_FILE),
        ],
        most,
    );
    store.each_submission(&filter, |s| {
        table
            .num(s.id)
            .cell_fmt(format_args!("{}", time::Short(&s.received_at)))
            .cell(&s.plan_code)
            .cell(&s.school)
            .cell(l.t(common::submission_state(s.state)))
            .ratio(s.valid_rows as u64, s.rows as u64)
            .num(s.problems as u64)
            .cell(&s.file_name)
            .end_row();
    })?;
    table.print();
    Ok(Outcome::Clean)
}

/// A refused decision is exit 1 with the reason; an unknown submission exit 2.
pub fn decide(
    ctx: &Ctx,
    id: i64,
    decision: Decision,
    reason: Option<&str>,
    valid_only: bool,
) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    let before = store.submission(id)?;
    // The state printed as "from" is the one the decision is taken on: if another process
    // changes it in between, the decision is refused as stale rather than applied blindly.
    let seen = Some(before.version);
    match store.decide_submission(&ctx.actor, id, decision, reason, valid_only, seen) {
        Ok(after) => {
            if ctx.json {
                ctx.print_json(&submission_json(&after));
            } else {
                outln!(
                    "{}",
                    l.fill(
                        &msg::SUBMISSION_DECIDED,
                        &[
                            ("id", &id),
                            ("school", &after.school),
                            ("from", &l.t(common::submission_state(before.state))),
                            ("to", &l.t(common::submission_state(after.state))),
                        ]
                    )
                );
            }
            Ok(Outcome::Clean)
        }
        Err(
            e @ (StoreError::Refused(_) | StoreError::AlreadyRegistered(_) | StoreError::Stale(_)),
        ) => {
            let message = errors::store_error(&e, l);
            if ctx.json {
                let mut doc = submission_json(&before);
                doc["refused"] = serde_json::json!(message);
                ctx.print_json(&doc);
            }
            errln!(
                "kaowu: #{id} {}: {message}",
                l.t(errors::decision(decision))
            );
            Ok(Outcome::Problems)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submissions_json_keeps_the_key_order_of_a_json_object() {
        let s = SubmissionSummary {
            id: 7,
            plan_id: 1,
            plan_code: "20211211-初级".into(),
            school_id: 2,
            school: "浙江商业职业技术学院".into(),
            site: crate::domain::SiteState::Approved,
            file_name: "报名表.xlsx".into(),
            sha256: "ab".into(),
            received_at: time::parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::NeedsFix,
            rows: 200,
            valid_rows: 198,
            candidates: 200,
            problems: 3,
            header_row: 2,
            valid_only: false,
            decided_by: Some("金贝".into()),
            decided_at: Some("2021-11-16T09:00:00+08:00".into()),
            note: None,
            imported_by: "金贝".into(),
            version: 1,
        };
        let direct = serde_json::to_string_pretty(&SubmissionJson::of(&s)).unwrap();
        let as_map = submission_json(&s);
        assert_eq!(direct, serde_json::to_string_pretty(&as_map).unwrap());
        assert_eq!(as_map["received_at"], "2021-11-15T10:00:00+08:00");
        assert_eq!(as_map["state"], "needs_fix");
    }
}
