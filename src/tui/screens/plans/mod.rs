//! 考试计划: every plan with its window, exam slot and where the window stands.

pub mod form;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use crate::domain::{Plan, time};
use crate::i18n::{common, tui as msg};
use crate::store::{Result, Store};
use crate::tui::app::App;
use crate::tui::widgets::table::{Cursor, FilterWords, draw_list, fit};

#[derive(Debug, Clone, Default)]
pub struct PlansState {
    all: Vec<Plan>,
    /// The plans the filter lets through, in exam order.
    pub shown: Vec<Plan>,
    pub filter: String,
    pub cursor: Cursor,
}

impl PlansState {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.all = store.plans()?;
        self.apply_filter();
        Ok(())
    }

    /// Narrows the list to plans whose code, name, level or group hold every filter word.
    pub fn apply_filter(&mut self) {
        let words = FilterWords::new(&self.filter);
        self.shown = self
            .all
            .iter()
            .filter(|p| {
                words.hit(&format!(
                    "{} {} {} {}",
                    p.code(),
                    p.name,
                    p.level.key(),
                    p.group
                ))
            })
            .cloned()
            .collect();
        self.cursor.set_len(self.shown.len());
    }

    pub fn selected(&self) -> Option<&Plan> {
        self.shown.get(self.cursor.selected)
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let s = &app.plans;
    let l = app.lang;
    let th = &app.theme;
    let widths = [
        Constraint::Length(14),
        Constraint::Length(16),
        Constraint::Length(22),
        Constraint::Min(10),
    ];
    let state_w = (area.width as usize).saturating_sub(2 + 14 + 16 + 22 + 3);
    let rows = s.shown.iter().map(|p| {
        let w = p.window_at(app.at);
        Row::new(vec![
            Cell::from(p.code()),
            Cell::from(format!(
                "{}–{}",
                p.opens.format("%Y-%m-%d"),
                p.closes.format("%m-%d")
            )),
            Cell::from(format!(
                "{}–{}",
                time::short(&p.exam_start),
                p.exam_end.format("%H:%M")
            )),
            Cell::from(Span::styled(
                fit(&common::window_with_countdown(l, &w), state_w),
                th.window(&w),
            )),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_PLAN),
        l.t(&msg::COL_WINDOW),
        l.t(&msg::COL_EXAM),
        l.t(&msg::COL_STATE),
    ])
    .style(th.header_row());
    let title = l.fill(&msg::PLANS_TITLE, &[("n", &s.shown.len())]);
    let selected = (!s.shown.is_empty()).then_some(s.cursor.selected);
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
}
