//! The demo's money: a fee schedule with one level still unset (so screens show "fee not set"),
//! the site service fee, payments from some schools (one entered wrong and reversed), invoices
//! (one reversed by a 红冲 invoice and issued again) and a payout. Dated before the demo clock.

use anyhow::Result;
use chrono::NaiveDate;

use super::rng::Rng;
use crate::domain::fees::SiteFeeBasis;
use crate::domain::{Level, SiteState, time};
use crate::store::{Actor, Buyer, Ledger, NewEntry, SiteFee, Store};

const METHODS: [&str; 3] = ["对公转账", "对公转账", "银行汇款"];

/// Records the demo's fee schedule, payments and invoices through the audited store calls.
pub fn fill(store: &mut Store, wang: &Actor, jin: &Actor, rng: &mut Rng) -> Result<()> {
    store.set_fee(jin, Level::Junior, 18_000)?;
    store.set_fee(jin, Level::Intermediate, 20_000)?;
    store.set_site_fee(
        jin,
        SiteFee {
            basis: SiteFeeBasis::PerCandidate,
            amount: 3_000,
        },
    )?;
    let mut approved: Vec<_> = store
        .schools()?
        .into_iter()
        .filter(|s| s.site == SiteState::Approved)
        .collect();
    approved.sort_by(|a, b| a.info.name.cmp(&b.info.name));
    let day = |d: u32| NaiveDate::from_ymd_opt(2021, 11, d).expect("a November day");
    let mut to_correct = None;
    for (i, s) in approved.iter().take(9).enumerate() {
        let heads = rng.range(20, 45);
        let mut new = NewEntry {
            school_id: s.id,
            amount: heads * 18_000,
            date: day(12 + (i as u32 % 9)),
            method: rng.pick(&METHODS).to_string(),
            reference: format!("HD2021111{}{:04}", i % 10, rng.range(1, 9999)),
        };
        let staff = if i % 2 == 0 { wang } else { jin };
        if i == 2 {
            // Typed with an extra zero, found the next day, reversed and entered again.
            let wrong = NewEntry {
                amount: new.amount * 10,
                ..new.clone()
            };
            let e = store.record_entry(staff, Ledger::Payment, &wrong)?;
            let next = day(13 + i as u32);
            store.reverse_entry(jin, Ledger::Payment, e.id, next, Some("金额多录一个零"))?;
            new.date = next;
        }
        store.record_entry(staff, Ledger::Payment, &new)?;
        if i < 5 {
            let at = time::parse_time(&format!("2021-11-{} 15:30", 14 + i))?;
            let inv = store.issue_invoice(staff, s.id, new.amount, &Buyer::default(), &at)?;
            if i == 1 {
                to_correct = Some((inv.number, s.id, s.info.name.clone(), new.amount));
            }
        }
    }
    // A school asked for another title after its invoice went out: 红冲 and issue again.
    if let Some((number, id, name, amount)) = to_correct {
        let later = time::parse_time("2021-11-20 10:00")?;
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
    if let Some(s) = approved.get(10) {
        let new = NewEntry {
            school_id: s.id,
            amount: 60_000,
            date: day(20),
            method: "对公转账".into(),
            reference: "FK20211120001".into(),
        };
        store.record_entry(jin, Ledger::Payout, &new)?;
    }
    Ok(())
}
