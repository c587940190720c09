//! `kaowu invoice issue|reverse`, `kaowu invoices`, `kaowu export invoices`.

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use serde_json::{Value, json};

use super::args::InvoiceCommand;
use super::fees::{amount, done, school_id, write};
use super::{Ctx, Outcome, table};
use crate::domain::fees::{FeeRefused, format_yuan};
use crate::i18n::fees as msg;
use crate::store::Buyer;
use crate::store::{Invoice, Issuer};

/// The JSON of one invoice, as docs/cli.md fixes it (plus the buyer and when).
pub fn invoice_json(i: &Invoice) -> Value {
    json!({
        "number": i.number,
        "school": i.school,
        "amount_fen": i.amount,
        "state": i.state.key(),
        "refers_to": i.refers_to,
        "buyer_title": i.buyer_title,
        "tax_id": i.tax_id,
        "issued_at": i.issued_at,
        "issued_by": i.issued_by,
        "reason": i.reason,
        "seller": i.seller.as_ref().map(issuer_json),
    })
}

fn issuer_json(s: &Issuer) -> Value {
    json!({ "name": s.name, "tax_id": s.tax_id })
}

/// The seller as one line: its name, and its 纳税人识别号 when known.
pub fn seller_text(s: &Issuer) -> String {
    if s.tax_id.is_empty() {
        s.name.clone()
    } else {
        format!("{}（{}）", s.name, s.tax_id)
    }
}

fn seller_of(i: &Invoice) -> String {
    i.seller.as_ref().map(seller_text).unwrap_or_default()
}

pub fn invoice(ctx: &Ctx, cmd: InvoiceCommand) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    // The day of issue: today, or the day of `--at` / the demo, like every other record.
    let now = store.now();
    match cmd {
        InvoiceCommand::Issue {
            school,
            amount: a,
            title,
            tax_id,
        } => {
            let fen = amount(l, &a)?;
            let id = store.find_school(&school)?.id;
            let buyer = Buyer { title, tax_id };
            let r = store.issue_invoice(&ctx.actor, id, fen, &buyer, &now);
            done(
                ctx,
                r,
                |i| json!({ "invoice": invoice_json(i) }),
                |i| {
                    l.fill(
                        &msg::INVOICE_ISSUED,
                        &[
                            ("number", &i.number),
                            ("title", &i.buyer_title),
                            ("tax_id", &i.tax_id),
                            ("amount", &format_yuan(i.amount)),
                            ("seller", &seller_of(i)),
                        ],
                    )
                },
            )
        }
        InvoiceCommand::Reverse { number, reason } => {
            let r = store.reverse_invoice(&ctx.actor, &number, reason.as_deref(), &now);
            done(
                ctx,
                r,
                |i| json!({ "invoice": invoice_json(i) }),
                |i| {
                    l.fill(
                        &msg::INVOICE_REVERSED,
                        &[
                            ("number", &i.number),
                            ("original", &i.refers_to.clone().unwrap_or_default()),
                            ("amount", &format_yuan(i.amount)),
                            ("seller", &seller_of(i)),
                        ],
                    )
                },
            )
        }
        InvoiceCommand::Issuer { name: None, .. } => {
            // Not set yet: said as a refused issue would say it, with how to set it.
            let current = store
                .issuer()?
                .ok_or(crate::store::StoreError::Fee(FeeRefused::IssuerNotSet));
            done(
                ctx,
                current,
                |s| json!({ "issuer": issuer_json(s) }),
                |s| l.fill(&msg::ISSUER_IS, &[("name", &seller_text(s))]),
            )
        }
        InvoiceCommand::Issuer {
            name: Some(name),
            tax_id,
        } => {
            let r = store.set_issuer(&ctx.actor, &name, tax_id.as_deref().unwrap_or(""));
            done(
                ctx,
                r,
                |s| json!({ "issuer": issuer_json(s) }),
                |s| l.fill(&msg::ISSUER_SET, &[("name", &seller_text(s))]),
            )
        }
    }
}

/// Invoices by number.
pub fn invoices(ctx: &Ctx, school: Option<&str>) -> Result<Outcome> {
    let l = ctx.lang;
    let store = ctx.store()?;
    let list = store.invoices(school_id(&store, school)?)?;
    if ctx.json {
        let v: Vec<Value> = list.iter().map(invoice_json).collect();
        ctx.print_json(&json!({ "invoices": v }));
        return Ok(Outcome::Clean);
    }
    if list.is_empty() {
        outln!("{}", l.t(&msg::NO_INVOICES));
        return Ok(Outcome::Clean);
    }
    let lines: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.issued_at.get(..10).unwrap_or("").to_string(),
                i.school.clone(),
                i.buyer_title.clone(),
                i.tax_id.clone(),
                format_yuan(i.amount),
                l.t(msg::invoice_state(i.state, i.refers_to.is_some()))
                    .to_string(),
                i.refers_to.clone().unwrap_or_default(),
                seller_of(i),
            ]
        })
        .collect();
    out!(
        "{}",
        table::render(
            &[
                l.t(&msg::COL_NUMBER),
                l.t(&msg::COL_DATE),
                l.t(&msg::COL_SCHOOL),
                l.t(&msg::COL_TITLE),
                l.t(&msg::COL_TAX_ID),
                l.t(&msg::COL_AMOUNT),
                l.t(&msg::COL_STATE),
                l.t(&msg::COL_REFERS_TO),
                l.t(&msg::COL_SELLER),
            ],
            &lines
        )
    );
    Ok(Outcome::Clean)
}

/// `export invoices -o FILE`: the invoice register.
pub fn register(ctx: &Ctx, output: &Path) -> Result<Outcome> {
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Finance, "export.invoices")?;
    let list = store.invoices(None)?;
    write(ctx, output, crate::export::fees::register_xlsx(&list))?;
    let file = output.display().to_string();
    if ctx.json {
        ctx.print_json(&json!({ "file": file, "invoices": list.len() }));
    } else {
        outln!(
            "{}",
            ctx.lang.fill(
                &msg::REGISTER_WRITTEN,
                &[("file", &file), ("n", &list.len())]
            )
        );
    }
    Ok(Outcome::Clean)
}
