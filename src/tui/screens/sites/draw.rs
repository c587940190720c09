//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &SitesState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let fixed = PROVINCE_W + STATE_W + CONTACT_W + 3 + 2;
    let name_w = area.width.saturating_sub(fixed).max(8);
    let widths = [
        Constraint::Length(name_w),
        Constraint::Length(PROVINCE_W),
        Constraint::Length(STATE_W),
        Constraint::Length(CONTACT_W),
    ];
    let rows = s.shown.iter().map(|r| {
        let i = &r.school.info;
        Row::new(vec![
            Cell::from(fit(&i.name, name_w as usize)),
            Cell::from(fit(&i.province, PROVINCE_W as usize)),
            Cell::from(Span::styled(
                fit(l.t(common::site_state(r.school.site)), STATE_W as usize),
                th.site(r.school.site),
            )),
            Cell::from(fit(&i.contact, CONTACT_W as usize)),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_SCHOOL),
        l.t(&msg::COL_PROVINCE),
        l.t(&msg::COL_SITE),
        l.t(&msg::COL_CONTACT),
    ])
    .style(th.header_row());
    let title = l.fill(&msg::SITES_TITLE, &[("n", &s.shown.len())]);
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
