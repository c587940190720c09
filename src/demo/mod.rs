//! `kaowu --demo`: a fresh database full of realistic, deterministic data, written through the
//! same audited store calls staff use, so the demo's audit log reads like a real one.
//! Also the generators of people and submission files the benchmarks use.

pub mod fees;
pub mod filings;
pub mod inbox;
pub mod names;
pub mod people;
pub mod rng;
pub mod schools;
pub mod submission;

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Duration, FixedOffset};

use crate::domain::{PlanDraft, SiteAction, SiteState, time};
use crate::store::{Actor, Store};
use rng::Rng;

/// The seed of every demo: the same data on every run, so demos and snapshots are stable.
pub const SEED: u64 = 20211110;

/// How many schools the demo has.
pub const SCHOOLS: usize = 44;

/// The two staff members whose decisions the demo's audit log shows.
pub const STAFF: [&str; 2] = ["王娟", "金贝"];

/// What a demo database is set to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoInfo {
    /// The demo clock: 2021-11-22 20:00 China time. The 20211211 windows closed yesterday
    /// (a file that came this morning is late), 20211212-中级 closes in four hours, 20211224
    /// and the January plans are open for weeks.
    pub at: DateTime<FixedOffset>,
}

/// The demo clock (see [`DemoInfo::at`]).
pub fn clock() -> DateTime<FixedOffset> {
    time::parse_time("2021-11-22 20:00").expect("a valid time")
}

/// Creates a fresh demo database at `path`, replacing any file there (with its WAL files)
/// unless another console or script has it open ([`crate::store::StoreError::InUse`]).
pub fn create(path: &Path) -> anyhow::Result<DemoInfo> {
    crate::store::remove_unused(path)?;
    let mut store =
        Store::open(path).with_context(|| format!("cannot create {}", path.display()))?;
    fill(&mut store)?;
    Ok(DemoInfo { at: clock() })
}

/// A moment of the demo's history (China time), before its clock.
pub(crate) fn history(at: &str) -> DateTime<FixedOffset> {
    time::parse_time(at).expect("a valid demo time")
}

/// Fills a store holding only the notice's plans with the demo's schools and decisions.
pub fn fill(store: &mut Store) -> anyhow::Result<()> {
    let (wang, jin) = (Actor(STAFF[0].into()), Actor(STAFF[1].into()));
    // The demo's history is recorded on its own dates: schools and sites in the first week of
    // the notice, each file when it came in, money in mid-November (see `history`).
    store.set_clock(history("2021-11-10 09:00"));
    let mut rng = Rng::new(SEED);
    let list = schools::schools(&mut rng, SCHOOLS);
    let infos: Vec<_> = list.iter().map(|s| s.info.clone()).collect();
    store.import_schools(&wang, &infos)?;

    for (i, s) in list.iter().enumerate() {
        let id = store.find_school(&s.info.name)?.id;
        // Decisions alternate between the two staff members, as a shared inbox does.
        let decider = if i % 3 == 0 { &jin } else { &wang };
        let mut decide = |actor: &Actor, action, reason: Option<&str>| {
            store.decide_site(actor, id, action, reason).map(drop)
        };
        match s.site {
            SiteState::NotApplied => {}
            SiteState::Pending => decide(&wang, SiteAction::Apply, None)?,
            SiteState::Approved => {
                decide(&wang, SiteAction::Apply, None)?;
                // Some sites got in on the second try: a rejection fixed and re-declared.
                if i % 7 == 2 {
                    let reason = rng.pick(names::REJECT_REASONS);
                    decide(decider, SiteAction::Reject, Some(reason))?;
                    decide(&wang, SiteAction::Apply, None)?;
                }
                decide(decider, SiteAction::Approve, None)?;
            }
            SiteState::Rejected => {
                decide(&wang, SiteAction::Apply, None)?;
                let reason = rng.pick(names::REJECT_REASONS);
                decide(decider, SiteAction::Reject, Some(reason))?;
            }
            SiteState::Suspended => {
                decide(&wang, SiteAction::Apply, None)?;
                decide(&wang, SiteAction::Approve, None)?;
                let reason = rng.pick(names::SUSPEND_REASONS);
                decide(&jin, SiteAction::Suspend, Some(reason))?;
            }
        }
    }

    // One audited window change: 20211224-中级 extended by four days at a school's request.
    store.set_clock(history("2021-11-19 16:20"));
    let plan = store.find_plan("20211224-中级")?;
    let mut draft = PlanDraft::from_plan(&plan);
    draft.closes += Duration::days(4);
    store.update_plan(&jin, plan.id, &draft, Some("应院校申请延期"))?;

    let mut people = people::People::new(SEED, 2000..=2004);
    let mut filed = filings::filings(&mut rng, &mut people, &list);
    inbox::file_all(store, &mut filed)?;
    // Money last: the fee schedule and payments refer to the schools' accepted candidates.
    fees::fill(store, &wang, &jin, &mut Rng::new(SEED + 6))?;
    Ok(())
}
