//! `kaowu pay`, `kaowu payout` (each with `reverse ID`), `kaowu payments`, `kaowu payouts`.

use anyhow::Result;
use serde_json::{Value, json};

use super::args::{EntryArgs, ReverseCommand};
use super::fees::{amount, day, done, opt_fen, school_id};
use super::{Ctx, Outcome, table};
use crate::domain::fees::format_yuan;
use crate::i18n::{Lang, fees as msg};
use crate::store::{Entry, Ledger, NewEntry};

fn entry_json(e: &Entry) -> Value {
    json!({
        "id": e.id,
        "school": e.school,
        "amount_fen": e.amount,
        "date": e.date,
        "method": e.method,
        "reference": e.reference,
        "reverses": e.reverses,
        "reversed_by": e.reversed_by,
        "reason": e.reason,
        "recorded_by": e.recorded_by,
    })
}

/// `pay` / `payout`: record an entry or reverse one.
pub fn entry(ctx: &Ctx, ledger: Ledger, args: EntryArgs) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    let key = match ledger {
        Ledger::Payment => "payment",
        Ledger::Payout => "payout",
    };
    if let Some(ReverseCommand::Reverse { id, reason, date }) = args.reverse {
        let date = day(ctx, date.as_deref())?;
        let r = store.reverse_entry(&ctx.actor, ledger, id, date, reason.as_deref());
        let text = match ledger {
            Ledger::Payment => &msg::PAYMENT_REVERSED,
            Ledger::Payout => &msg::PAYOUT_REVERSED,
        };
        return done(
            ctx,
            r,
            |e| json!({ key: entry_json(e) }),
            |e| {
                l.fill(
                    text,
                    &[
                        ("original", &id),
                        ("school", &e.school),
                        ("amount", &format_yuan(e.amount)),
                        ("id", &e.id),
                    ],
                )
            },
        );
    }
    // clap requires these unless `reverse` was given.
    let (Some(school), Some(a), Some(reference)) = (args.school, args.amount, args.reference)
    else {
        anyhow::bail!("SCHOOL AMOUNT --ref TEXT");
    };
    let fen = amount(l, &a)?;
    let new = NewEntry {
        school_id: store.find_school(&school)?.id,
        amount: fen,
        date: day(ctx, args.date.as_deref())?,
        method: args.method,
        reference,
    };
    let r = store.record_entry(&ctx.actor, ledger, &new);
    let text = match ledger {
        Ledger::Payment => &msg::PAYMENT_RECORDED,
        Ledger::Payout => &msg::PAYOUT_RECORDED,
    };
    done(
        ctx,
        r,
        |e| json!({ key: entry_json(e) }),
        |e| {
            l.fill(
                text,
                &[
                    ("school", &e.school),
                    ("amount", &format_yuan(e.amount)),
                    ("id", &e.id),
                ],
            )
        },
    )
}

fn entries_table(l: Lang, entries: &[Entry]) -> String {
    let lines: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let note = match (e.reverses, &e.reason, e.reversed_by) {
                (Some(id), Some(reason), _) => {
                    l.fill(&msg::REVERSES, &[("id", &id), ("reason", reason)])
                }
                (_, _, Some(id)) => l.fill(&msg::REVERSED_BY, &[("id", &id)]),
                _ => String::new(),
            };
            vec![
                format!("#{}", e.id),
                e.date.clone(),
                e.school.clone(),
                format_yuan(e.amount),
                e.method.clone(),
                e.reference.clone(),
                note,
            ]
        })
        .collect();
    table::render(
        &[
            "#",
            l.t(&msg::COL_DATE),
            l.t(&msg::COL_SCHOOL),
            l.t(&msg::COL_AMOUNT),
            l.t(&msg::COL_METHOD),
            l.t(&msg::COL_REF),
            l.t(&msg::COL_NOTE),
        ],
        &lines,
    )
}

/// Payments (and their reversals), oldest first.
pub fn payments(ctx: &Ctx, school: Option<&str>) -> Result<Outcome> {
    let store = ctx.store()?;
    let list = store.entries(Ledger::Payment, school_id(&store, school)?)?;
    if ctx.json {
        let v: Vec<Value> = list.iter().map(entry_json).collect();
        ctx.print_json(&json!({ "payments": v }));
    } else if list.is_empty() {
        outln!("{}", ctx.lang.t(&msg::NO_ENTRIES));
    } else {
        out!("{}", entries_table(ctx.lang, &list));
    }
    Ok(Outcome::Clean)
}

/// Sites owed for confirmed sessions, paid and outstanding, then the payouts themselves; exit 1
/// while a site is owed for confirmed sessions but no site fee is set (as `fees` does for a
/// level without an exam fee): what it is owed cannot be known.
pub fn payouts(ctx: &Ctx) -> Result<Outcome> {
    let l = ctx.lang;
    let store = ctx.store()?;
    let fee = store.site_fee()?;
    let sites = store.site_balances()?;
    let list = store.entries(Ledger::Payout, None)?;
    let outcome = if fee.is_none() && sites.iter().any(|b| b.sessions > 0) {
        Outcome::Problems
    } else {
        Outcome::Clean
    };
    if ctx.json {
        let s: Vec<Value> = sites
            .iter()
            .map(|b| {
                json!({ "site": b.site, "sessions": b.sessions, "candidates": b.candidates,
                        "owed_fen": opt_fen(b.owed), "paid_fen": b.paid,
                        "outstanding_fen": opt_fen(b.outstanding()) })
            })
            .collect();
        let fee = fee.map(|f| json!({ "basis": f.basis.key(), "amount_fen": f.amount }));
        let p: Vec<Value> = list.iter().map(entry_json).collect();
        ctx.print_json(&json!({ "site_fee": fee, "sites": s, "payouts": p }));
        return Ok(outcome);
    }
    match fee {
        Some(f) => outln!(
            "{}: {} ({})",
            l.t(&msg::SITE_FEE),
            format_yuan(f.amount),
            l.t(msg::basis(f.basis))
        ),
        None => outln!("{}", l.t(&msg::NO_SITE_FEE)),
    }
    let not_set = || l.t(&msg::NO_SITE_FEE).to_string();
    let lines: Vec<Vec<String>> = sites
        .iter()
        .map(|b| {
            vec![
                b.site.clone(),
                b.sessions.to_string(),
                b.candidates.to_string(),
                b.owed.map_or_else(not_set, format_yuan),
                format_yuan(b.paid),
                b.outstanding().map_or_else(not_set, format_yuan),
            ]
        })
        .collect();
    if !lines.is_empty() {
        out!(
            "{}",
            table::render(
                &[
                    l.t(&msg::COL_SITE),
                    l.t(&msg::COL_SESSIONS),
                    l.t(&msg::COL_CANDIDATES),
                    l.t(&msg::COL_OWED),
                    l.t(&msg::COL_PAID_OUT),
                    l.t(&msg::COL_OUTSTANDING_OUT),
                ],
                &lines
            )
        );
    }
    if !list.is_empty() {
        outln!();
        out!("{}", entries_table(l, &list));
    }
    Ok(outcome)
}
