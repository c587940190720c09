//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &CandidatesState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let fixed = NAME_W + ID_W + PHONE_W + PLAN_W + 4 + 2;
    let school_w = area.width.saturating_sub(fixed).max(6);
    let widths = [
        Constraint::Length(NAME_W),
        Constraint::Length(ID_W),
        Constraint::Length(PHONE_W),
        Constraint::Length(PLAN_W),
        Constraint::Length(school_w),
    ];
    let rows = s.rows.iter().map(|r| {
        let (id, phone) = s.numbers(r);
        let style = if s.revealed.as_ref().is_some_and(|v| v.id == r.id) {
            th.focus()
        } else {
            ratatui::style::Style::new()
        };
        Row::new(vec![
            Cell::from(fit(&r.name, NAME_W as usize)),
            Cell::from(Span::styled(id, style)),
            Cell::from(Span::styled(phone, style)),
            Cell::from(fit(&r.plan_code, PLAN_W as usize)),
            Cell::from(fit(&r.school, school_w as usize)),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_NAME),
        l.t(&msg::COL_ID),
        l.t(&msg::COL_PHONE),
        l.t(&msg::COL_PLAN),
        l.t(&msg::COL_SCHOOL),
    ])
    .style(th.header_row());
    let title = if s.total == 0 {
        l.t(&msg::NO_CANDIDATES).to_string()
    } else {
        let n = if s.more {
            l.fill(&msg::CANDIDATES_MORE, &[("n", &s.total)])
        } else {
            s.total.to_string()
        };
        l.fill(
            &msg::CANDIDATES_TITLE,
            &[
                ("from", &(s.offset + 1)),
                ("to", &(s.offset + s.rows.len())),
                ("n", &n),
            ],
        )
    };
    let sel = s.cursor.selected.checked_sub(s.offset);
    let selected = sel.filter(|i| *i < s.rows.len());
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
}
