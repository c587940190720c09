use chrono::NaiveDate;

use super::*;
use crate::domain::fees::{FeeRefused, InvoiceState};
use crate::domain::result::{ExamResult, Outcome};
use crate::domain::school::SchoolInfo;
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::time::parse_time;
use crate::domain::{Level, SiteAction};
use crate::store::{
    AuditFilter, Buyer, Ledger, NewCandidate, NewEntry, NewSubmission, Recorded, SessionKey,
};

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";

struct T {
    s: Store,
    a: Actor,
    next: u32,
}

impl T {
    fn new() -> T {
        let mut s = Store::open_in_memory().unwrap();
        let a = Actor("王娟".into());
        let schools: Vec<SchoolInfo> = [ZJ, YW]
            .iter()
            .map(|n| SchoolInfo {
                name: n.to_string(),
                province: "浙江省".into(),
                invoice_title: n.to_string(),
                tax_id: "12330000470003281X".into(),
                ..Default::default()
            })
            .collect();
        s.import_schools(&a, &schools).unwrap();
        for n in [ZJ, YW] {
            let id = s.find_school(n).unwrap().id;
            s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
            s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
        }
        s.set_issuer(&a, "北京水木学成教育科技有限公司", "")
            .unwrap();
        T { s, a, next: 0 }
    }

    fn school(&self, name: &str) -> i64 {
        self.s.find_school(name).unwrap().id
    }

    fn ids(&mut self, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                self.next += 1;
                format!("3301021990{:08}", self.next)
            })
            .collect()
    }

    /// Records and accepts a submission; the first `retakes` ids are marked 补考.
    fn accept(&mut self, plan: &str, school: &str, ids: &[String], retakes: usize) {
        self.file(plan, school, ids, retakes, 0, true);
    }

    /// Records a submission, the first `retakes` rows retakes and the last `invalid` with
    /// problems; accepts it with valid rows only, or rejects it.
    fn file(
        &mut self,
        plan: &str,
        school: &str,
        ids: &[String],
        retakes: usize,
        invalid: usize,
        accept: bool,
    ) {
        let cands: Vec<NewCandidate> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| NewCandidate {
                row: i as u32 + 2,
                name: format!("考生{}", &id[14..]),
                id_type: "居民身份证".into(),
                id_number: id.clone(),
                phone: "13800000000".into(),
                school_name: school.into(),
                retake: i < retakes,
                valid: i + invalid < ids.len(),
                ..Default::default()
            })
            .collect();
        self.next += 1;
        let sha = format!("sha{}", self.next);
        let sub = NewSubmission {
            plan_id: self.s.find_plan(plan).unwrap().id,
            school_id: self.school(school),
            file_name: "报名表.xlsx",
            sha256: &sha,
            bytes: b"x",
            received_at: parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::Pending,
            rows: cands.len(),
            header_row: 1,
            candidates: &cands,
            problems: &[],
        };
        let Recorded::New(id) = self.s.record_submission(&self.a, &sub).unwrap() else {
            panic!("new submission expected")
        };
        let (decision, reason) = if accept {
            (Decision::Accept, None)
        } else {
            (Decision::Reject, Some("格式不对"))
        };
        self.s
            .decide_submission(&self.a, id, decision, reason, invalid > 0, None)
            .unwrap();
    }

    fn key(&self, plan: &str, school: &str) -> SessionKey {
        SessionKey {
            plan_id: self.s.find_plan(plan).unwrap().id,
            school_id: self.school(school),
        }
    }

    fn failed(&mut self, id: &str, level: Level, date: &str) {
        let r = ExamResult {
            id_number: id.into(),
            name: format!("考生{}", &id[14..]),
            level,
            exam_date: date.parse().unwrap(),
            outcome: Outcome::Fail,
        };
        self.s.import_results(&self.a, "成绩.xlsx", &[r]).unwrap();
    }

    fn balance(&self, school: &str) -> SchoolBalance {
        self.s
            .school_balances(Some(self.school(school)))
            .unwrap()
            .remove(0)
    }

    fn pay(&mut self, school: &str, fen: i64) -> crate::store::Entry {
        let new = NewEntry {
            school_id: self.school(school),
            amount: fen,
            date: NaiveDate::from_ymd_opt(2021, 11, 25).unwrap(),
            method: "对公转账".into(),
            reference: "ZJ-001".into(),
        };
        self.s.record_entry(&self.a, Ledger::Payment, &new).unwrap()
    }
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    parse_time(s).unwrap()
}

#[test]
fn a_level_without_a_fee_is_unknown_never_zero() {
    let mut t = T::new();
    let ids = t.ids(3);
    t.accept("20211211-初级", ZJ, &ids, 0);
    let b = t.balance(ZJ);
    assert_eq!(b.balance.charged, None);
    assert_eq!(b.balance.outstanding(), None);
    assert_eq!(b.fees_not_set, [Level::Junior]);
    assert_eq!(b.paying, 3);
    t.s.set_fee(&t.a, Level::Junior, 18_000).unwrap();
    assert_eq!(t.balance(ZJ).balance.charged, Some(54_000));
    assert!(t.balance(ZJ).fees_not_set.is_empty());
}

#[test]
fn first_retake_after_a_fail_is_free_and_later_ones_are_charged() {
    let mut t = T::new();
    t.s.set_fee(&t.a, Level::Junior, 18_050).unwrap();
    t.s.set_fee(&t.a, Level::Intermediate, 20_000).unwrap();
    let ids = t.ids(4);
    // ids[0]: failed in June, first retake (free). ids[1]: marked retake but no fail known
    // (charged). ids[2], ids[3]: new.
    t.failed(&ids[0], Level::Junior, "2021-06-12");
    t.accept("20211211-初级", ZJ, &ids, 2);
    // ids[0] again in January: its second retake is charged.
    t.accept("20220108-初级", ZJ, &ids[..1], 1);
    // Failed twice already: this retake is not the first.
    let twice = t.ids(1);
    t.failed(&twice[0], Level::Junior, "2021-06-12");
    t.failed(&twice[0], Level::Junior, "2020-12-12");
    t.accept("20211211-初级", YW, &twice, 1);

    let lines = t.s.charge_lines(Some(t.school(ZJ))).unwrap();
    let charges: Vec<(String, Charge)> = lines
        .iter()
        .map(|l| (format!("{}:{}", l.plan_code, &l.id_number[14..]), l.charge))
        .collect();
    assert_eq!(
        charges,
        [
            (
                format!("20211211-初级:{}", &ids[0][14..]),
                Charge::FreeRetake
            ),
            (
                format!("20211211-初级:{}", &ids[1][14..]),
                Charge::Fee(18_050)
            ),
            (
                format!("20211211-初级:{}", &ids[2][14..]),
                Charge::Fee(18_050)
            ),
            (
                format!("20211211-初级:{}", &ids[3][14..]),
                Charge::Fee(18_050)
            ),
            (
                format!("20220108-初级:{}", &ids[0][14..]),
                Charge::Fee(18_050)
            ),
        ]
    );
    let b = t.balance(ZJ);
    assert_eq!(b.balance.charged, Some(4 * 18_050));
    assert_eq!((b.paying, b.free_retakes), (4, 1));
    let sum: i64 = lines.iter().filter_map(|l| l.charge.fen()).sum();
    assert_eq!(
        Some(sum),
        b.balance.charged,
        "balance equals the sum of its lines"
    );
    assert_eq!(t.balance(YW).balance.charged, Some(18_050));
}

#[test]
fn candidates_of_a_cancelled_session_are_not_charged() {
    let mut t = T::new();
    t.s.set_fee(&t.a, Level::Junior, 10_000).unwrap();
    let ids = t.ids(5);
    t.accept("20211211-初级", ZJ, &ids, 0);
    let k = SessionKey {
        plan_id: t.s.find_plan("20211211-初级").unwrap().id,
        school_id: t.school(ZJ),
    };
    assert_eq!(t.balance(ZJ).balance.charged, Some(50_000));
    t.s.cancel_session(&t.a, k, Some("人数不足")).unwrap();
    let b = t.balance(ZJ);
    assert_eq!((b.balance.charged, b.paying), (Some(0), 0));
    assert!(t.s.school_balances(None).unwrap().is_empty());
}

#[test]
fn a_payment_mistake_is_reversed_never_edited() {
    let mut t = T::new();
    t.s.set_fee(&t.a, Level::Junior, 18_000).unwrap();
    let ids = t.ids(2);
    t.accept("20211211-初级", ZJ, &ids, 0);
    let wrong = t.pay(ZJ, 360_000);
    assert_eq!(
        t.balance(ZJ).balance.credit(),
        Some(324_000),
        "overpaid: credit"
    );
    let day = NaiveDate::from_ymd_opt(2021, 11, 26).unwrap();
    let refused =
        t.s.reverse_entry(&t.a, Ledger::Payment, wrong.id, day, Some(" "));
    assert!(matches!(
        refused,
        Err(StoreError::Fee(FeeRefused::ReasonRequired))
    ));
    let rev =
        t.s.reverse_entry(&t.a, Ledger::Payment, wrong.id, day, Some("金额录错"))
            .unwrap();
    assert_eq!((rev.amount, rev.reverses), (-360_000, Some(wrong.id)));
    let again =
        t.s.reverse_entry(&t.a, Ledger::Payment, wrong.id, day, Some("再次"));
    assert!(matches!(
        again,
        Err(StoreError::Fee(FeeRefused::AlreadyReversed(_)))
    ));
    let of_rev =
        t.s.reverse_entry(&t.a, Ledger::Payment, rev.id, day, Some("再次"));
    assert!(matches!(
        of_rev,
        Err(StoreError::Fee(FeeRefused::IsReversal(_)))
    ));
    t.pay(ZJ, 36_000);
    let b = t.balance(ZJ);
    assert_eq!((b.balance.paid, b.balance.outstanding()), (36_000, Some(0)));
    let entries = t.s.entries(Ledger::Payment, None).unwrap();
    assert_eq!(entries.len(), 3, "the mistake stays visible");
    assert_eq!(entries[0].reversed_by, Some(rev.id));

    // Even SQL typed by hand cannot edit or delete a payment.
    let conn = t.s.conn();
    assert!(
        conn.execute("UPDATE payment SET amount_fen = 1", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM payment", []).is_err());
    let audit =
        t.s.audit_log(
            &AuditFilter {
                entity: Some("payment".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
    assert_eq!(audit.len(), 3);
    assert_eq!(audit[1].reason.as_deref(), Some("金额录错"));
}

#[test]
fn invoices_are_numbered_without_gaps_and_reversed_by_red_invoices() {
    let mut t = T::new();
    let zj = t.school(ZJ);
    let now = at("2021-12-01 10:00");
    let first =
        t.s.issue_invoice(&t.a, zj, 360_000, &Buyer::default(), &now)
            .unwrap();
    assert_eq!(first.number, "KW2021-000001");
    assert_eq!(first.buyer_title, ZJ, "from 附件2");
    let custom = Buyer {
        title: Some("浙江商业职业技术学院继续教育学院".into()),
        tax_id: Some("12330000470003282y".into()),
    };
    let second = t.s.issue_invoice(&t.a, zj, 18_000, &custom, &now).unwrap();
    assert_eq!(second.number, "KW2021-000002");
    assert_eq!(second.tax_id, "12330000470003282Y");
    // Editing the school later does not change issued invoices.
    let mut info = t.s.school(zj).unwrap().info;
    info.invoice_title = "改名后的学院".into();
    t.s.import_schools(&t.a, &[info]).unwrap();
    let red =
        t.s.reverse_invoice(&t.a, "kw2021-000001", Some("金额有误"), &now)
            .unwrap();
    assert_eq!(red.number, "KW2021-000003");
    assert_eq!(red.amount, -360_000);
    assert_eq!(red.refers_to.as_deref(), Some("KW2021-000001"));
    assert_eq!(red.buyer_title, ZJ);
    let list = t.s.invoices(None).unwrap();
    assert_eq!(list[0].state, InvoiceState::Reversed);
    assert_eq!(list[1].state, InvoiceState::Issued);
    assert_eq!(list[2].state, InvoiceState::Issued);
    assert!(matches!(
        t.s.reverse_invoice(&t.a, "KW2021-000001", Some("再次"), &now),
        Err(StoreError::Fee(FeeRefused::AlreadyReversed(_)))
    ));
    assert!(matches!(
        t.s.reverse_invoice(&t.a, "KW2021-000003", Some("再次"), &now),
        Err(StoreError::Fee(FeeRefused::IsReversal(_)))
    ));
    // A new year starts a new sequence.
    let next_year = at("2022-01-01 00:30");
    let jan =
        t.s.issue_invoice(&t.a, zj, 100, &Buyer::default(), &next_year)
            .unwrap();
    assert_eq!(jan.number, "KW2022-000001");
    assert_eq!(t.balance(ZJ).invoiced, 18_000 + 100);

    let conn = t.s.conn();
    assert!(
        conn.execute("UPDATE invoice SET amount_fen = 1", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM invoice", []).is_err());
    let gap = conn.execute(
        "INSERT INTO invoice (year, seq, number, school_id, buyer_title, tax_id, amount_fen,
                              issued_at, issued_by) VALUES (2021, 9, 'KW2021-000009', ?1, 'x',
                              'y', 1, 'now', 'me')",
        [zj],
    );
    assert!(gap.is_err(), "a gap cannot be written");
}

#[test]
fn an_invoice_without_a_buyer_is_refused() {
    let mut t = T::new();
    let mut info = t.s.school(t.school(YW)).unwrap().info;
    info.invoice_title.clear();
    t.s.import_schools(&t.a, &[info]).unwrap();
    let r = t.s.issue_invoice(
        &t.a,
        t.school(YW),
        100,
        &Buyer::default(),
        &at("2021-12-01 10:00"),
    );
    assert!(matches!(r, Err(StoreError::Fee(FeeRefused::TitleMissing))));
    assert_eq!(t.s.count("invoice").unwrap(), 0);
}

#[test]
fn sites_are_owed_per_candidate_or_per_session_for_confirmed_sessions() {
    let mut t = T::new();
    let ids = t.ids(22);
    t.accept("20211211-初级", ZJ, &ids, 0);
    let few = t.ids(3);
    t.accept("20211211-初级", YW, &few, 0);
    let k = SessionKey {
        plan_id: t.s.find_plan("20211211-初级").unwrap().id,
        school_id: t.school(ZJ),
    };
    t.s.confirm_session(&t.a, k).unwrap();
    let sites = t.s.site_balances().unwrap();
    assert_eq!(sites.len(), 1, "only confirmed sessions are owed");
    assert_eq!(sites[0].owed, None, "no site fee set");
    let fee = SiteFee {
        basis: SiteFeeBasis::PerCandidate,
        amount: 3_000,
    };
    t.s.set_site_fee(&t.a, fee).unwrap();
    assert_eq!(t.s.site_balances().unwrap()[0].owed, Some(66_000));
    t.s.set_site_fee(
        &t.a,
        SiteFee {
            basis: SiteFeeBasis::PerSession,
            amount: 50_000,
        },
    )
    .unwrap();
    let new = NewEntry {
        school_id: t.school(ZJ),
        amount: 20_000,
        date: NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
        method: "转账".into(),
        reference: "FK-1".into(),
    };
    t.s.record_entry(&t.a, Ledger::Payout, &new).unwrap();
    let s = &t.s.site_balances().unwrap()[0];
    assert_eq!(
        (s.owed, s.paid, s.outstanding()),
        (Some(50_000), 20_000, Some(30_000))
    );
}

/// (school, charged, paying, free retakes, levels without a fee) of every school charged,
/// summed from the per-candidate charge lines.
type Summed = (i64, Option<i64>, usize, usize, Vec<Level>);

fn summed_from_lines(s: &Store) -> Vec<Summed> {
    let mut by: std::collections::BTreeMap<i64, Summed> = Default::default();
    for l in s.charge_lines(None).unwrap() {
        let e = by
            .entry(l.school_id)
            .or_insert((l.school_id, Some(0), 0, 0, Vec::new()));
        e.1 = e.1.zip(l.charge.fen()).map(|(a, c)| a + c);
        match l.charge {
            Charge::FreeRetake => e.3 += 1,
            Charge::Fee(_) => e.2 += 1,
            Charge::FeeNotSet => {
                e.2 += 1;
                if !e.4.contains(&l.level) {
                    e.4.push(l.level);
                }
            }
        }
    }
    by.into_values()
        .map(|mut e| {
            e.4.sort();
            e
        })
        .collect()
}

fn balances(s: &Store, school: Option<i64>) -> Vec<Summed> {
    let mut v: Vec<Summed> = s
        .school_balances(school)
        .unwrap()
        .into_iter()
        .map(|b| {
            (
                b.school_id,
                b.balance.charged,
                b.paying,
                b.free_retakes,
                b.fees_not_set,
            )
        })
        .collect();
    v.sort_by_key(|b| b.0);
    v
}

/// Balances count first registrations from each submission's figures and only look at
/// retakes one by one; whatever happened (moves, a cancelled session, valid rows only, a
/// rejected file, free and charged retakes, a level without a fee), they equal the sum of the
/// charge lines, which look at every candidate.
#[test]
fn balances_match_the_sum_of_every_candidates_charge() {
    let mut t = T::new();
    let check = |t: &T, step: &str| {
        let lines = summed_from_lines(&t.s);
        assert_eq!(balances(&t.s, None), lines, "all schools after {step}");
        for name in [ZJ, YW] {
            let id = t.school(name);
            let mine: Vec<Summed> = lines.iter().filter(|l| l.0 == id).cloned().collect();
            let want = if mine.is_empty() {
                vec![(id, Some(0), 0, 0, Vec::new())]
            } else {
                mine
            };
            assert_eq!(balances(&t.s, Some(id)), want, "{name} after {step}");
        }
    };
    check(&t, "nothing");
    t.s.set_fee(&t.a, Level::Junior, 18_050).unwrap();
    let zj = t.ids(12);
    let yw = t.ids(8);
    t.failed(&zj[0], Level::Junior, "2021-06-12");
    t.failed(&zj[1], Level::Junior, "2021-06-12");
    t.failed(&zj[1], Level::Junior, "2020-12-12");
    t.failed(&yw[0], Level::Junior, "2021-06-12");
    t.file("20211211-初级", ZJ, &zj, 3, 2, true);
    t.file("20211211-初级", YW, &yw, 1, 0, true);
    t.file("20220108-初级", ZJ, &zj[..1], 1, 0, true);
    let (rejected, intermediate) = (t.ids(4), t.ids(5));
    t.file("20220108-初级", YW, &rejected, 2, 0, false);
    t.file("20211212-中级", YW, &intermediate, 1, 0, true);
    check(&t, "filing");
    // ZJ's people sit at YW's site (ZJ still pays), one of them a free retake.
    let (j1211_zj, j1211_yw) = (t.key("20211211-初级", ZJ), t.key("20211211-初级", YW));
    t.s.move_candidates(&t.a, j1211_zj, j1211_yw, Some(&zj[..4]), Some("合并"))
        .unwrap();
    t.s.move_candidates(&t.a, j1211_yw, j1211_zj, Some(&zj[3..4]), Some("改回"))
        .unwrap();
    check(&t, "moves");
    t.s.cancel_session(&t.a, j1211_yw, Some("考点停电"))
        .unwrap();
    check(&t, "a cancelled session");
    t.s.set_fee(&t.a, Level::Intermediate, 20_000).unwrap();
    check(&t, "every fee set");
}

#[test]
fn every_invoice_carries_the_issuer_set_when_it_was_issued() {
    let mut t = T::new();
    let zj = t.school(ZJ);
    let now = at("2021-12-01 10:00");
    let first =
        t.s.issue_invoice(&t.a, zj, 100, &Buyer::default(), &now)
            .unwrap();
    let seller = first.seller.clone().expect("a seller");
    assert_eq!(seller.name, "北京水木学成教育科技有限公司");
    // A later change applies to later invoices only; the reversal of an old one keeps its seller.
    t.s.set_issuer(
        &t.a,
        "北京水木学成教育科技有限公司（新）",
        "91110108MA01XXXX2K",
    )
    .unwrap();
    let second =
        t.s.issue_invoice(&t.a, zj, 200, &Buyer::default(), &now)
            .unwrap();
    assert_eq!(second.seller.unwrap().tax_id, "91110108MA01XXXX2K");
    let red =
        t.s.reverse_invoice(&t.a, &first.number, Some("金额有误"), &now)
            .unwrap();
    assert_eq!(red.seller.as_ref(), Some(&seller));
    assert_eq!(
        t.s.invoices(None).unwrap()[0].seller.as_ref(),
        Some(&seller)
    );
    let log = t.s.audit_log(&Default::default(), 100, 0).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "issuer.set").count(), 2);
}

#[test]
fn an_invoice_without_an_issuer_is_refused() {
    let mut t = T::new();
    t.s.conn().execute("DELETE FROM issuer", []).unwrap();
    let r = t.s.issue_invoice(
        &t.a,
        t.school(ZJ),
        100,
        &Buyer::default(),
        &at("2021-12-01 10:00"),
    );
    assert!(
        matches!(r, Err(StoreError::Fee(FeeRefused::IssuerNotSet))),
        "{r:?}"
    );
    assert_eq!(t.s.count("invoice").unwrap(), 0);
}
