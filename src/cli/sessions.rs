//! `kaowu sessions`, `kaowu session confirm|cancel|move|ready`, `kaowu overlaps`.

use anyhow::Result;
use serde_json::json;

use super::args::{SessionArgs, SessionCommand};
use super::{Ctx, Outcome, table};
use crate::domain::session::{MINIMUM, SessionRefused, SessionState};
use crate::i18n::{Lang, cli as cmsg, sessions as msg};
use crate::store::{
    ReadyItem, SessionFilter, SessionKey, SessionRow, SessionSort, Store, StoreError,
};

/// The JSON of one session, as docs/cli.md fixes it (plus overlaps, readiness and province).
/// Its fields are in the order of their names, the order in which serde_json's objects kept
/// them when the listing was built as a map per session; serialized straight from this
/// struct, the listing reads byte for byte as it did.
#[derive(serde::Serialize)]
struct SessionJson<'a> {
    accepted: usize,
    minimum: usize,
    overlaps: usize,
    plan: &'a str,
    province: &'a str,
    ready: Vec<&'static str>,
    retakes: usize,
    short_by: usize,
    site: &'a str,
    state: &'static str,
}

impl<'a> SessionJson<'a> {
    fn of(s: &'a SessionRow) -> Self {
        SessionJson {
            accepted: s.count.accepted,
            minimum: MINIMUM,
            overlaps: s.overlaps,
            plan: &s.plan_code,
            province: &s.province,
            ready: s.ready.iter().map(|m| m.item.key()).collect(),
            retakes: s.count.retakes,
            short_by: s.count.short_by(),
            site: &s.school,
            state: s.state.key(),
        }
    }
}

/// Lists sessions; exit 1 when an open session is under the minimum.
pub fn list(
    ctx: &Ctx,
    plan: Option<&str>,
    province: Option<String>,
    state: Option<SessionState>,
    by_shortfall: bool,
) -> Result<Outcome> {
    let store = ctx.store()?;
    let filter = SessionFilter {
        plan_id: plan.map(|p| store.find_plan(p)).transpose()?.map(|p| p.id),
        province,
        state,
        sort: if by_shortfall {
            SessionSort::Shortfall
        } else {
            SessionSort::Plan
        },
    };
    let rows = store.sessions(&filter)?;
    let under = rows.iter().filter(|s| s.open_under_minimum()).count();
    let outcome = if under > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    };
    if ctx.json {
        #[derive(serde::Serialize)]
        struct Listing<'a> {
            sessions: Vec<SessionJson<'a>>,
        }
        let sessions = rows.iter().map(SessionJson::of).collect();
        // A closed pipe ends the process first (SIGPIPE), as for every Unix tool.
        let _ = super::term::stdout_json(&Listing { sessions });
        return Ok(outcome);
    }
    let l = ctx.lang;
    if rows.is_empty() {
        outln!("{}", l.t(&msg::NO_SESSIONS));
        return Ok(outcome);
    }
    let mut table = table::Table::with_capacity(
        &[
            l.t(&cmsg::COL_CODE),
            l.t(&msg::COL_SITE),
            l.t(&msg::COL_ACCEPTED),
            l.t(&msg::COL_RETAKES),
            l.t(&msg::COL_SHORT),
            l.t(&cmsg::COL_STATE),
            l.t(&msg::COL_OVERLAPS),
            l.t(&msg::COL_READY),
        ],
        rows.len(),
    );
    for s in &rows {
        table
            .cell(&s.plan_code)
            .cell(&s.school)
            .num(s.count.accepted as u64)
            .num(s.count.retakes as u64);
        if s.count.meets_minimum() {
            table.cell("");
        } else {
            table.cell(&l.fill(&msg::SHORT_BY, &[("n", &s.count.short_by())]));
        }
        table
            .cell(l.t(msg::state(s.state)))
            .num(s.overlaps as u64)
            .ratio(s.ready.len() as u64, ReadyItem::ALL.len() as u64)
            .end_row();
    }
    table.print();
    if under > 0 {
        errln!(
            "kaowu: {}",
            l.fill(&msg::UNDER_MINIMUM_SUMMARY, &[("n", &under)])
        );
        errln!("  {}: {}", l.t(&cmsg::HINT), l.t(&msg::HINT_UNDER_MINIMUM));
    }
    Ok(outcome)
}

/// A session named on the command line; unknown plan or school is exit 2.
pub(super) fn key(store: &Store, s: &SessionArgs) -> Result<(SessionKey, String)> {
    let plan = store.find_plan(&s.plan)?;
    let school = store.find_school(&s.school)?;
    Ok((
        SessionKey {
            plan_id: plan.id,
            school_id: school.id,
        },
        format!("{} {}", plan.code(), school.info.name),
    ))
}

/// A refused session action: exit 1, the reason on stderr (and in the JSON document).
pub(super) fn refused(ctx: &Ctx, label: &str, e: &SessionRefused) -> Outcome {
    let l = ctx.lang;
    let message = format!("{label}: {}", msg::refused(e, l));
    let hint = match e {
        SessionRefused::ReasonRequired => Some(l.t(&cmsg::HINT_REASON)),
        SessionRefused::UnderMinimum { .. } => Some(l.t(&msg::HINT_UNDER_MINIMUM)),
        _ => None,
    };
    if ctx.json {
        let short_by = match e {
            SessionRefused::UnderMinimum { short_by, .. } => Some(*short_by),
            _ => None,
        };
        ctx.print_json(
            &json!({ "session": label, "refused": message, "short_by": short_by, "hint": hint }),
        );
    }
    errln!("kaowu: {message}");
    if let Some(h) = hint {
        errln!("  {}: {h}", l.t(&cmsg::HINT));
    }
    Outcome::Problems
}

/// Runs a session decision; refusals are exit 1, anything else propagates (exit 2).
fn decided(ctx: &Ctx, label: &str, r: Result<String, StoreError>) -> Result<Outcome> {
    match r {
        Ok(done) => {
            if ctx.json {
                ctx.print_json(&json!({ "session": label, "done": done }));
            } else {
                outln!("{done}");
            }
            Ok(Outcome::Clean)
        }
        Err(StoreError::Session(e)) => Ok(refused(ctx, label, &e)),
        Err(e) => Err(e.into()),
    }
}

pub fn run(ctx: &Ctx, cmd: SessionCommand) -> Result<Outcome> {
    let l: Lang = ctx.lang;
    let mut store = ctx.store()?;
    match cmd {
        SessionCommand::Confirm(s) => {
            let (k, label) = key(&store, &s)?;
            let r = store.confirm_session(&ctx.actor, k).and_then(|numbered| {
                let n = store.session(k.plan_id, k.school_id)?.count.accepted;
                Ok(l.fill(
                    &msg::CONFIRMED_DONE,
                    &[("session", &label), ("n", &n), ("numbered", &numbered)],
                ))
            });
            decided(ctx, &label, r)
        }
        SessionCommand::Cancel { session, reason } => {
            let (k, label) = key(&store, &session)?;
            let r = store
                .cancel_session(&ctx.actor, k, reason.as_deref())
                .map(|()| l.fill(&msg::CANCELLED_DONE, &[("session", &label)]));
            decided(ctx, &label, r)
        }
        SessionCommand::Move {
            session,
            to,
            to_school,
            reason,
            candidates,
        } => {
            let (from, label) = key(&store, &session)?;
            let target = SessionArgs {
                plan: to,
                school: to_school.unwrap_or(session.school),
            };
            let (to, to_label) = key(&store, &target)?;
            let r = store
                .move_candidates(
                    &ctx.actor,
                    from,
                    to,
                    candidates.as_deref(),
                    reason.as_deref(),
                )
                .map(|n| {
                    l.fill(
                        &msg::MOVED_DONE,
                        &[("n", &n), ("from", &label), ("to", &to_label)],
                    )
                });
            decided(ctx, &label, r)
        }
        SessionCommand::Ready {
            session,
            item,
            undo,
        } => {
            let (k, label) = key(&store, &session)?;
            let item = item.into();
            let text = if undo {
                &msg::READY_UNDONE
            } else {
                &msg::READY_DONE
            };
            let r = store.set_ready(&ctx.actor, k, item, !undo).map(|()| {
                l.fill(
                    text,
                    &[("session", &label), ("item", &l.t(msg::ready_item(item)))],
                )
            });
            decided(ctx, &label, r)
        }
    }
}

/// Lists people placed in two plans whose exam slots overlap; exit 1 when there are any.
pub fn overlaps(ctx: &Ctx, plan: Option<&str>) -> Result<Outcome> {
    let store = ctx.store()?;
    let plan_id = plan.map(|p| store.find_plan(p)).transpose()?.map(|p| p.id);
    let found = store.slot_overlaps(plan_id)?;
    let label = |(p, s): (i64, i64)| -> Result<String> {
        Ok(format!(
            "{} {}",
            store.plan(p)?.code(),
            store.school(s)?.info.name
        ))
    };
    let mut out = Vec::new();
    for o in &found {
        out.push((o, label(o.first)?, label(o.second)?));
    }
    let l = ctx.lang;
    if ctx.json {
        let list: Vec<_> = out
            .iter()
            .map(|(o, a, b)| {
                json!({ "id_number": crate::domain::privacy::mask_id(&o.id_number), "name": o.name,
                        "code": "slot_overlap", "first": a, "second": b })
            })
            .collect();
        ctx.print_json(&json!({ "overlaps": list }));
    } else if out.is_empty() {
        outln!("{}", l.t(&msg::NO_OVERLAPS));
    } else {
        for (o, a, b) in &out {
            outln!(
                "{}",
                l.fill(
                    &msg::OVERLAP_LINE,
                    &[
                        ("name", &o.name),
                        ("id", &crate::domain::privacy::mask_id(&o.id_number)),
                        ("first", a),
                        ("second", b)
                    ]
                )
            );
        }
    }
    Ok(if found.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Level;
    use crate::domain::session::HeadCount;
    use crate::store::{ReadyItem, ReadyMark};

    #[test]
    fn a_sessions_json_keeps_the_key_order_of_a_json_object() {
        let s = SessionRow {
            plan_id: 1,
            plan_code: "20211211-初级".into(),
            level: Level::Junior,
            school_id: 2,
            school: "浙江商业职业技术学院".into(),
            province: "浙江省".into(),
            count: HeadCount {
                accepted: 19,
                retakes: 2,
            },
            state: SessionState::Open,
            overlaps: 1,
            ready: vec![ReadyMark {
                item: ReadyItem::Video,
                by: "王娟".into(),
                at: "2021-12-01T10:00:00+08:00".into(),
            }],
            confirmed_by: None,
            confirmed_at: None,
            cancel_reason: None,
        };
        let direct = serde_json::to_string_pretty(&SessionJson::of(&s)).unwrap();
        let as_map = serde_json::to_value(SessionJson::of(&s)).unwrap();
        assert_eq!(direct, serde_json::to_string_pretty(&as_map).unwrap());
        assert_eq!(as_map["short_by"], 1);
        assert_eq!(as_map["ready"], serde_json::json!(["video"]));
    }
}
