//! The demo's money: a fee schedule with one level still unset (so screens show "fee not set"),
//! the site service fee, payments matched to what schools were charged (paid in full, in part,
//! not yet, overpaid; one entered wrong and reversed), invoices (one reversed by a 红冲 invoice
//! and issued again) and payouts to sites with confirmed sessions. Dated before the demo clock.

use anyhow::Result;
use chrono::NaiveDate;

use super::rng::Rng;
use crate::domain::Level;
use crate::domain::fees::SiteFeeBasis;
use crate::domain::time;
use crate::store::{Actor, Buyer, Ledger, NewEntry, SiteFee, Store};

const METHODS: [&str; 3] = ["对公转账", "对公转账", "银行汇款"];

/// The seller of the demo's invoices: the exam-administration partner of the notice.
pub const ISSUER: &str = "北京水木学成教育科技有限公司";

fn afternoon() -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(16, 0, 0).expect("a valid time")
}

/// How many schools with a known charge the demo records money for.
const PAYERS: usize = 12;

/// Records the demo's fee schedule, payments, invoices and payouts through the audited store
/// calls. Runs after the submissions are filed: payments follow what schools were charged.
pub fn fill(store: &mut Store, wang: &Actor, jin: &Actor, rng: &mut Rng) -> Result<()> {
    store.set_clock(super::history("2021-11-11 09:00"));
    store.set_fee(jin, Level::Junior, 18_000)?;
    store.set_fee(jin, Level::Intermediate, 20_000)?;
    store.set_site_fee(
        jin,
        SiteFee {
            basis: SiteFeeBasis::PerCandidate,
            amount: 3_000,
        },
    )?;
    // The notice names the administration partner as the one who issues invoices.
    store.set_issuer(jin, ISSUER, "")?;
    let day = |d: u32| NaiveDate::from_ymd_opt(2021, 11, d).expect("a November day");
    let charged: Vec<(i64, String, i64)> = store
        .school_balances(None)?
        .into_iter()
        .filter_map(|b| {
            b.balance
                .charged
                .filter(|c| *c > 0)
                .map(|c| (b.school_id, b.school, c))
        })
        .take(PAYERS)
        .collect();
    let mut to_correct = None;
    for (i, (id, name, owed)) in charged.iter().enumerate() {
        let staff = if i % 2 == 0 { wang } else { jin };
        // Paid in full, half, not yet, or a little over (a credit), in turn.
        let amount = match i % 4 {
            0 => *owed,
            1 => owed / 200 * 100,
            2 => 0,
            _ => owed + 18_000,
        };
        // Dates rise with the entry numbers, as they would when staff record as money arrives.
        let date = day(12 + i as u32 * 2 / 3);
        if amount > 0 {
            store.set_clock(time::at(date, afternoon()));
            let mut new = NewEntry {
                school_id: *id,
                amount,
                date,
                method: rng.pick(&METHODS).to_string(),
                reference: format!("HD{}{:04}", date.format("%Y%m%d"), rng.range(1, 9999)),
            };
            if i == 4 {
                // Typed with an extra zero, found the next day, reversed and entered again.
                let wrong = NewEntry {
                    amount: amount * 10,
                    ..new.clone()
                };
                let e = store.record_entry(staff, Ledger::Payment, &wrong)?;
                let next = date.succ_opt().unwrap_or(date);
                store.set_clock(time::at(next, afternoon()));
                store.reverse_entry(jin, Ledger::Payment, e.id, next, Some("金额多录一个零"))?;
                new.date = next;
            }
            store.record_entry(staff, Ledger::Payment, &new)?;
        }
        if i % 4 != 2 {
            let at = time::parse_time(&format!("2021-11-{} 15:30", 14 + i / 2))?;
            store.set_clock(at);
            let inv = store.issue_invoice(staff, *id, *owed, &Buyer::default(), &at)?;
            if i == 1 {
                to_correct = Some((inv.number, *id, name.clone(), *owed));
            }
        }
    }
    // A school asked for another title after its invoice went out: 红冲 and issue again.
    if let Some((number, id, name, amount)) = to_correct {
        let later = time::parse_time("2021-11-20 10:00")?;
        store.set_clock(later);
        store.reverse_invoice(
            wang,
            &number,
            Some("学校要求按继续教育学院抬头开具"),
            &later,
        )?;
        let buyer = Buyer {
            title: Some(format!("{name}继续教育学院")),
            tax_id: None,
        };
        store.issue_invoice(wang, id, amount, &buyer, &later)?;
    }
    // Two sites with confirmed sessions paid: one in full, one in part, recorded once the
    // sessions were confirmed on the demo's evening.
    store.set_clock(super::clock() - chrono::Duration::minutes(10));
    let owed: Vec<(i64, i64)> = store
        .site_balances()?
        .into_iter()
        .filter_map(|s| s.owed.filter(|o| *o > 0).map(|o| (s.school_id, o)))
        .take(2)
        .collect();
    for (i, (id, o)) in owed.into_iter().enumerate() {
        let new = NewEntry {
            school_id: id,
            amount: if i == 0 { o } else { o / 2 },
            date: day(20),
            method: "对公转账".into(),
            reference: format!("FK2021112000{}", i + 1),
        };
        store.record_entry(jin, Ledger::Payout, &new)?;
    }
    Ok(())
}
