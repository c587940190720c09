//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &SessionsState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    // The state column is as wide as its longest word in this language ("confirmed").
    let state_w = crate::domain::session::SessionState::ALL
        .iter()
        .map(|st| unicode_width::UnicodeWidthStr::width(l.t(smsg::state(*st))) as u16)
        .max()
        .unwrap_or(STATE_W)
        .max(STATE_W);
    let fixed = PLAN_W + GAUGE_W + COUNT_W + state_w + NOTE_W + 5 + 2;
    let school_w = area.width.saturating_sub(fixed).max(6);
    let widths = [
        Constraint::Length(PLAN_W),
        Constraint::Length(school_w),
        Constraint::Length(GAUGE_W),
        Constraint::Length(COUNT_W),
        Constraint::Length(state_w),
        Constraint::Length(NOTE_W),
    ];
    let rows = s.shown.iter().map(|r| {
        let style = row_style(th, r);
        let count = if r.count.retakes > 0 {
            format!(
                "{} {}",
                r.count.accepted,
                l.fill(&msg::RETAKES, &[("n", &r.count.retakes)])
            )
        } else {
            r.count.accepted.to_string()
        };
        Row::new(vec![
            Cell::from(fit(&r.plan_code, PLAN_W as usize)),
            Cell::from(fit(&r.school, school_w as usize)),
            Cell::from(Span::styled(gauge(r.count.accepted), style)),
            Cell::from(fit(&count, COUNT_W as usize)),
            Cell::from(Span::styled(
                fit(l.t(smsg::state(r.state)), state_w as usize),
                style,
            )),
            Cell::from(Span::styled(fit(&note(l, r), NOTE_W as usize), style)),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_PLAN),
        l.t(&msg::COL_SITE),
        l.t(&msg::COL_COUNT),
        "",
        l.t(&msg::COL_STATE),
        l.t(&msg::COL_NOTE),
    ])
    .style(th.header_row());
    let sort = match s.sort {
        SessionSort::Plan => &msg::SORT_PLAN,
        SessionSort::Shortfall => &msg::SORT_SHORTFALL,
    };
    let title = if !s.any {
        l.t(&smsg::NO_SESSIONS).to_string()
    } else {
        l.fill(
            &msg::SESSIONS_TITLE,
            &[("n", &s.total()), ("sort", &l.t(sort))],
        )
    };
    let selected = s
        .cursor
        .selected
        .checked_sub(s.offset)
        .filter(|i| *i < s.shown.len());
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
}
