//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &AuditState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let (time_w, actor_w, action_w) = (16u16, 10u16, 14u16);
    let rest = area
        .width
        .saturating_sub(time_w + actor_w + action_w + 3 + 2);
    let widths = [
        Constraint::Length(time_w),
        Constraint::Length(actor_w),
        Constraint::Length(action_w),
        Constraint::Length(rest),
    ];
    let rows = s.rows.iter().map(|e| {
        let detail = audit_words::detail(&e.entity, &e.detail, l);
        let what = match &e.reason {
            Some(r) => format!("{} {detail} ({r})", e.label),
            None => format!("{} {detail}", e.label),
        };
        Row::new(vec![
            Cell::from(when(&e.at)),
            Cell::from(fit(&e.actor, actor_w as usize)),
            Cell::from(fit(&audit_words::action(&e.action, l), action_w as usize)),
            Cell::from(fit(&what, rest as usize)),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_TIME),
        l.t(&msg::COL_ACTOR),
        l.t(&msg::COL_ACTION),
        l.t(&msg::COL_WHAT),
    ])
    .style(th.header_row());
    let title = if s.total == 0 {
        l.fill(&msg::AUDIT_TITLE, &[("from", &0), ("to", &0), ("n", &0)])
    } else {
        l.fill(
            &msg::AUDIT_TITLE,
            &[
                ("from", &(s.offset + 1)),
                ("to", &(s.offset + s.rows.len())),
                ("n", &s.total),
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
