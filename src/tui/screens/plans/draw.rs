//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &PlansState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let widths = [
        Constraint::Length(14),
        Constraint::Length(16),
        Constraint::Length(22),
        Constraint::Min(10),
    ];
    let state_w = (area.width as usize).saturating_sub(2 + 14 + 16 + 22 + 3);
    let rows = s.shown.iter().map(|p| {
        let w = p.window_at(ui.at);
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
