//! `kaowu fees [set|site]` and `kaowu export fees`, and what the money commands share. Money
//! is typed in yuan, kept and printed in JSON as integer fen, and shown to people as ¥1,800.00.
//! Payments and payouts are in money.rs, invoices in invoices.rs.

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use chrono::NaiveDate;
use serde_json::{Value, json};

use super::args::FeesCommand;
use super::{Ctx, Failure, Outcome, table};
use crate::domain::Level;
use crate::domain::fees::{self, FeeRefused, SiteFeeBasis, format_yuan};
use crate::i18n::{Lang, cli as cmsg, common, fees as msg};
use crate::store::{Ledger, SiteFee, Store, StoreError};

/// Yuan typed on the command line; a bad amount is a bad argument (exit 2).
pub(super) fn amount(l: Lang, s: &str) -> Result<i64> {
    fees::parse_yuan(s).map_err(|_| {
        Failure::new(l.fill(&msg::BAD_AMOUNT, &[("text", &s)]))
            .hint(l.t(&msg::HINT_AMOUNT))
            .into()
    })
}

/// A day typed on the command line, or the day of `--at` / now in China time.
pub(super) fn day(ctx: &Ctx, s: Option<&str>) -> Result<NaiveDate> {
    match s {
        None => Ok(ctx.at.date_naive()),
        Some(d) => d.trim().parse().map_err(|_| {
            Failure::new(format!("{d:?}: YYYY-MM-DD"))
                .hint(ctx.lang.t(&cmsg::HINT_TIME))
                .into()
        }),
    }
}

/// A refused money action: exit 1, the reason on stderr (and in the JSON document).
fn refused(ctx: &Ctx, e: &FeeRefused) -> Outcome {
    let l = ctx.lang;
    let message = msg::refused(e, l);
    let hint = match e {
        FeeRefused::TitleMissing | FeeRefused::TaxIdMissing | FeeRefused::TaxIdInvalid(_) => {
            Some(l.t(&msg::HINT_BUYER))
        }
        FeeRefused::ReasonRequired => Some(l.t(&cmsg::HINT_REASON)),
        FeeRefused::IssuerNotSet => Some(l.t(&msg::HINT_ISSUER)),
        _ => None,
    };
    if ctx.json {
        ctx.print_json(&json!({ "refused": message, "hint": hint }));
    }
    errln!("kaowu: {message}");
    if let Some(h) = hint {
        errln!("  {}: {h}", l.t(&cmsg::HINT));
    }
    Outcome::Problems
}

/// Prints a done write (JSON document or one line), or the refusal; other errors exit 2.
pub(super) fn done<T>(
    ctx: &Ctx,
    r: Result<T, StoreError>,
    json: impl FnOnce(&T) -> Value,
    line: impl FnOnce(&T) -> String,
) -> Result<Outcome> {
    match r {
        Ok(v) => {
            if ctx.json {
                ctx.print_json(&json(&v));
            } else {
                outln!("{}", line(&v));
            }
            Ok(Outcome::Clean)
        }
        // An entry or invoice that does not exist is a bad argument, like an unknown school.
        Err(StoreError::Fee(e @ FeeRefused::Unknown(_))) => {
            Err(Failure::new(msg::refused(&e, ctx.lang))
                .hint(ctx.lang.t(&msg::HINT_LIST))
                .into())
        }
        // So is an amount of 0 or less: nothing was decided, the command was mistyped.
        Err(StoreError::Fee(e @ FeeRefused::NotPositive)) => {
            Err(Failure::new(msg::refused(&e, ctx.lang))
                .hint(ctx.lang.t(&msg::HINT_AMOUNT))
                .into())
        }
        Err(StoreError::Fee(e)) => Ok(refused(ctx, &e)),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn school_id(store: &Store, key: Option<&str>) -> Result<Option<i64>> {
    Ok(key.map(|k| store.find_school(k)).transpose()?.map(|s| s.id))
}

pub(super) fn opt_fen(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

pub(super) fn show(l: Lang, v: Option<i64>) -> String {
    v.map_or_else(|| l.t(&msg::FEE_NOT_SET).to_string(), format_yuan)
}

pub fn run(ctx: &Ctx, cmd: Option<FeesCommand>, school: Option<&str>) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    match cmd {
        None => list(ctx, &store, school),
        Some(FeesCommand::Set { level, amount: a }) => {
            let level: Level = level
                .parse()
                .map_err(|e: crate::domain::level::UnknownLevel| Failure::new(e.to_string()))?;
            let fen = amount(l, &a)?;
            store.set_fee(&ctx.actor, level, fen)?;
            if ctx.json {
                ctx.print_json(&json!({ "level": level.zh(), "fee_fen": fen }));
            } else {
                outln!(
                    "{}",
                    l.fill(
                        &msg::FEE_SET,
                        &[("level", &level), ("amount", &format_yuan(fen))]
                    )
                );
            }
            Ok(Outcome::Clean)
        }
        Some(FeesCommand::Site { basis, amount: a }) => {
            let basis: SiteFeeBasis = basis.parse().map_err(Failure::new)?;
            let fen = amount(l, &a)?;
            store.set_site_fee(&ctx.actor, SiteFee { basis, amount: fen })?;
            if ctx.json {
                ctx.print_json(&json!({ "basis": basis.key(), "amount_fen": fen }));
            } else {
                outln!(
                    "{}",
                    l.fill(
                        &msg::SITE_FEE_SET,
                        &[
                            ("amount", &format_yuan(fen)),
                            ("basis", &l.t(msg::basis(basis)))
                        ]
                    )
                );
            }
            Ok(Outcome::Clean)
        }
    }
}

/// Charged, paid and outstanding per school; exit 1 while a level with candidates has no fee.
fn list(ctx: &Ctx, store: &Store, school: Option<&str>) -> Result<Outcome> {
    let l = ctx.lang;
    let id = school_id(store, school)?;
    let rows = store.school_balances(id)?;
    let schedule = store.fee_schedule()?;
    let mut missing: Vec<Level> = rows.iter().flat_map(|b| b.fees_not_set.clone()).collect();
    missing.sort();
    missing.dedup();
    let outcome = if missing.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    };
    if ctx.json {
        let schools: Vec<Value> = rows
            .iter()
            .map(|b| {
                json!({
                    "school": b.school,
                    "charged_fen": opt_fen(b.balance.charged),
                    "paid_fen": b.balance.paid,
                    "outstanding_fen": opt_fen(b.balance.outstanding()),
                    "paying": b.paying,
                    "free_retakes": b.free_retakes,
                    "invoiced_fen": b.invoiced,
                    "fees_not_set": b.fees_not_set.iter().map(|l| l.zh()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let fees: Vec<Value> = schedule
            .iter()
            .map(|(lv, f)| json!({ "level": lv.zh(), "fee_fen": opt_fen(*f) }))
            .collect();
        ctx.print_json(&json!({ "schools": schools, "fees": fees }));
        return Ok(outcome);
    }
    let fee_line: Vec<String> = schedule
        .iter()
        .map(|(lv, f)| format!("{} {}", l.t(common::level(*lv)), show(l, *f)))
        .collect();
    outln!("{}: {}", l.t(&msg::COL_FEE), fee_line.join("  "));
    if rows.is_empty() {
        outln!("{}", l.t(&msg::NO_BALANCES));
    } else {
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|b| {
                let outstanding = match b.balance.credit() {
                    Some(c) => l.fill(&msg::CREDIT, &[("amount", &format_yuan(c))]),
                    None => show(l, b.balance.outstanding()),
                };
                vec![
                    b.school.clone(),
                    b.paying.to_string(),
                    b.free_retakes.to_string(),
                    show(l, b.balance.charged),
                    format_yuan(b.balance.paid),
                    outstanding,
                    format_yuan(b.invoiced),
                ]
            })
            .collect();
        out!(
            "{}",
            table::render(
                &[
                    l.t(&msg::COL_SCHOOL),
                    l.t(&msg::COL_PAYING),
                    l.t(&msg::COL_FREE),
                    l.t(&msg::COL_CHARGED),
                    l.t(&msg::COL_PAID),
                    l.t(&msg::COL_OUTSTANDING),
                    l.t(&msg::COL_INVOICED),
                ],
                &lines
            )
        );
    }
    if !missing.is_empty() {
        let levels: Vec<&str> = missing.iter().map(|x| l.t(common::level(*x))).collect();
        errln!(
            "kaowu: {}",
            l.fill(
                &msg::FEES_NOT_SET_SUMMARY,
                &[("levels", &levels.join("、"))]
            )
        );
        errln!("  {}: {}", l.t(&cmsg::HINT), l.t(&msg::HINT_FEES_NOT_SET));
    }
    Ok(outcome)
}

pub(super) fn write(
    ctx: &Ctx,
    path: &Path,
    bytes: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
) -> Result<()> {
    let bytes = bytes.map_err(crate::export::ExportError::xlsx(path))?;
    crate::export::write_atomically(path, &bytes).map_err(|e| Failure::new(e.message(ctx.lang)))?;
    Ok(())
}

/// `export fees --school S -o FILE`: the school's statement; exit 1 while a fee or the invoice
/// issuer is not set (the file is still written, saying so).
pub fn statement(ctx: &Ctx, school: &str, output: &Path) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Finance, "export.fees")?;
    let s = store.find_school(school)?;
    let lines = store.charge_lines(Some(s.id))?;
    let payments = store.entries(Ledger::Payment, Some(s.id))?;
    let Some(balance) = store.school_balances(Some(s.id))?.pop() else {
        return Err(StoreError::UnknownSchool(school.to_string()).into());
    };
    let issuer = store.issuer()?;
    write(
        ctx,
        output,
        crate::export::fees::statement_xlsx(&balance, &lines, &payments, issuer.as_ref()),
    )?;
    let file = output.display().to_string();
    if ctx.json {
        ctx.print_json(&json!({
            "file": file, "school": balance.school, "lines": lines.len(),
            "charged_fen": opt_fen(balance.balance.charged), "paid_fen": balance.balance.paid,
            "outstanding_fen": opt_fen(balance.balance.outstanding()),
        }));
    } else {
        outln!(
            "{}",
            l.fill(
                &msg::STATEMENT_WRITTEN,
                &[
                    ("school", &balance.school),
                    ("file", &file),
                    ("n", &lines.len()),
                    ("charged", &show(l, balance.balance.charged)),
                    ("paid", &format_yuan(balance.balance.paid)),
                ]
            )
        );
    }
    // A statement without its issuer is written (saying so) but is not done: exit 1, as for a
    // missing fee.
    if issuer.is_none() {
        errln!("kaowu: {}", l.t(&msg::ISSUER_NOT_SET_STATEMENT));
        errln!("  {}: {}", l.t(&cmsg::HINT), l.t(&msg::HINT_ISSUER));
    }
    Ok(if balance.fees_not_set.is_empty() && issuer.is_some() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
