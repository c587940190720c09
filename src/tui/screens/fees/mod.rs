//! 费用: who has not paid (school balances, most outstanding first), the invoices, and what
//! each site is owed for its confirmed sessions. Payments, invoices and payouts are recorded
//! here through a form and the confirm modal.

mod draw;

pub mod money_form;
pub mod update;

use std::cmp::Reverse;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use crate::domain::Level;
use crate::domain::fees::format_yuan;
use crate::i18n::{Lang, common, fees as msg};
use crate::store::{Entry, Invoice, Ledger, Result, SchoolBalance, SiteBalance, SiteFee, Store};
use crate::tui::widgets::table::{Cursor, FilterWords, fit};
use crate::tui::keymap::Scope;
use crate::tui::action::Action;
use crate::tui::screen::{Env, Opened, Reply, Screen, Ui};

/// Which list the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeesView {
    #[default]
    Balances,
    Payments,
    Invoices,
    Payouts,
}

impl FeesView {
    pub fn next(self) -> FeesView {
        match self {
            FeesView::Balances => FeesView::Payments,
            FeesView::Payments => FeesView::Invoices,
            FeesView::Invoices => FeesView::Payouts,
            FeesView::Payouts => FeesView::Balances,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FeesState {
    pub view: FeesView,
    /// Sorted by name instead of most outstanding first.
    pub by_name: bool,
    all_balances: Vec<SchoolBalance>,
    all_payments: Vec<Entry>,
    all_invoices: Vec<Invoice>,
    all_sites: Vec<SiteBalance>,
    /// The rows the filter lets through, in the chosen order.
    pub balances: Vec<SchoolBalance>,
    pub payments: Vec<Entry>,
    pub invoices: Vec<Invoice>,
    pub sites: Vec<SiteBalance>,
    pub schedule: Vec<(Level, Option<i64>)>,
    pub site_fee: Option<SiteFee>,
    pub filter: String,
    pub cursor: Cursor,
}

/// Unknown outstanding (a fee not set) first: it needs staff before anything else.
fn outstanding_key(o: Option<i64>) -> Reverse<i64> {
    Reverse(o.unwrap_or(i64::MAX))
}

impl FeesState {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.all_balances = store.school_balances(None)?;
        self.all_payments = store.entries(Ledger::Payment, None)?;
        self.all_invoices = store.invoices(None)?;
        self.all_sites = store.site_balances()?;
        self.schedule = store.fee_schedule()?.into_iter().collect();
        self.site_fee = store.site_fee()?;
        self.apply_filter();
        Ok(())
    }

    /// Narrows every list to rows whose school (or number) holds every filter word, sorted.
    pub fn apply_filter(&mut self) {
        let words = FilterWords::new(&self.filter);
        let hit = |s: &str| words.hit(s);
        self.balances = self
            .all_balances
            .iter()
            .filter(|b| hit(&b.school))
            .cloned()
            .collect();
        self.payments = self
            .all_payments
            .iter()
            .filter(|p| hit(&format!("{} {} {}", p.school, p.reference, p.method)))
            .cloned()
            .collect();
        self.invoices = self
            .all_invoices
            .iter()
            .filter(|i| hit(&format!("{} {} {}", i.number, i.school, i.buyer_title)))
            .cloned()
            .collect();
        self.sites = self
            .all_sites
            .iter()
            .filter(|s| hit(&s.site))
            .cloned()
            .collect();
        if !self.by_name {
            self.balances
                .sort_by_key(|b| (outstanding_key(b.balance.outstanding()), b.school.clone()));
            self.sites
                .sort_by_key(|s| (outstanding_key(s.outstanding()), s.site.clone()));
        }
        self.cursor.set_len(self.len());
    }

    /// Rows of the current view.
    pub fn len(&self) -> usize {
        match self.view {
            FeesView::Balances => self.balances.len(),
            FeesView::Payments => self.payments.len(),
            FeesView::Invoices => self.invoices.len(),
            FeesView::Payouts => self.sites.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Shows the next list, selection at its top.
    pub fn next_view(&mut self) {
        self.view = self.view.next();
        self.cursor.selected = 0;
        self.cursor.set_len(self.len());
    }

    /// Switches between most outstanding first and by name.
    pub fn toggle_sort(&mut self) {
        self.by_name = !self.by_name;
        self.apply_filter();
    }

    pub fn balance(&self) -> Option<&SchoolBalance> {
        (self.view == FeesView::Balances)
            .then(|| self.balances.get(self.cursor.selected))
            .flatten()
    }

    pub fn payment(&self) -> Option<&Entry> {
        (self.view == FeesView::Payments)
            .then(|| self.payments.get(self.cursor.selected))
            .flatten()
    }

    pub fn invoice(&self) -> Option<&Invoice> {
        (self.view == FeesView::Invoices)
            .then(|| self.invoices.get(self.cursor.selected))
            .flatten()
    }

    pub fn site(&self) -> Option<&SiteBalance> {
        (self.view == FeesView::Payouts)
            .then(|| self.sites.get(self.cursor.selected))
            .flatten()
    }
}

/// An amount, or "not set" while it cannot be known.
pub fn money(l: Lang, v: Option<i64>) -> String {
    v.map_or_else(|| l.t(&msg::NOT_SET_SHORT).to_string(), format_yuan)
}

const MONEY_W: u16 = 13;
const COUNT_W: u16 = 6;

fn right(s: String, w: u16) -> String {
    let s = fit(&s, w as usize);
    let pad = (w as usize).saturating_sub(unicode_width::UnicodeWidthStr::width(s.as_str()));
    format!("{}{s}", " ".repeat(pad))
}

/// The Balances and Payouts lists share one layout: a name, two counts, three sums (the
/// last styled by whether anything is still owed). Below 80 columns the sums narrow to what
/// an amount up to ¥999,999.99 needs, so the school's name keeps the spare width.
struct Columns {
    name_w: u16,
    money_w: u16,
}

impl Columns {
    fn new(list: Rect) -> Columns {
        let money_w = if list.width < 80 { 11 } else { MONEY_W };
        Columns {
            name_w: list.width.saturating_sub(2 + 2 * COUNT_W + 3 * money_w + 5),
            money_w,
        }
    }

    fn row(
        &self,
        name: &str,
        counts: [usize; 2],
        sums: [String; 3],
        last: ratatui::style::Style,
    ) -> Row<'static> {
        let [a, b] = counts;
        let [x, y, z] = sums;
        Row::new(vec![
            Cell::from(fit(name, self.name_w as usize)),
            Cell::from(right(a.to_string(), COUNT_W)),
            Cell::from(right(b.to_string(), COUNT_W)),
            Cell::from(right(x, self.money_w)),
            Cell::from(right(y, self.money_w)),
            Cell::from(Span::styled(right(z, self.money_w), last)),
        ])
    }

    fn header(&self, name: &str, counts: [&str; 2], sums: [&str; 3]) -> Vec<String> {
        let mut h = vec![name.to_string()];
        h.extend(counts.iter().map(|c| right(c.to_string(), COUNT_W)));
        h.extend(sums.iter().map(|c| right(c.to_string(), self.money_w)));
        h
    }

    fn widths(&self) -> Vec<Constraint> {
        let mut w = vec![Constraint::Length(self.name_w)];
        w.extend([Constraint::Length(COUNT_W); 2]);
        w.extend([Constraint::Length(self.money_w); 3]);
        w
    }
}

impl FeesState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::fees::TAB_FEES;
    pub const KEYS: &'static [Scope] = &[Scope::Fees, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl Screen for FeesState {
    fn offers(&self, action: &Action) -> bool {
        use FeesView as V;
        match action {
            Action::FeesSort => matches!(self.view, V::Balances | V::Payouts),
            Action::Pay => matches!(self.view, V::Balances | V::Payouts),
            Action::IssueInvoice => self.view == V::Balances,
            Action::Reverse => matches!(self.view, V::Payments | V::Invoices),
            _ => true,
        }
    }

    fn load_at_start(&self) -> bool {
        // Charging every candidate is slow on a national sitting: loaded when first shown.
        false
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, _env: &Env) -> Result<()> {
        self.cursor.apply(m);
        Ok(())
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        FeesState::refresh(self, env.store)
    }

    fn narrow(&mut self, _env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.apply_filter();
        Ok(())
    }

    fn handle(&mut self, action: &Action, env: &mut Env) -> Reply {
        update::handle(self, action, env)
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        Ok(update::detail(self, env.lang))
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn filter_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.filter)
    }

    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui) {
        draw::draw(self, f, area, ui)
    }
}
