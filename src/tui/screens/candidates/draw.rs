//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &CandidatesState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    // Borders and the gaps between columns.
    let fixed = NAME_W + ID_W + PLAN_W + STATE_W + 4 + 2;
    // The masked phone goes first when the screen is narrow (the detail and the search still
    // have it): squeezed, the ID column would lose its last digit without a mark.
    let with_phone = area.width >= fixed + PHONE_W + 1 + SCHOOL_MIN_W;
    let fixed = if with_phone { fixed + PHONE_W + 1 } else { fixed };
    let school_w = area.width.saturating_sub(fixed).max(6);
    let mut widths = vec![Constraint::Length(NAME_W), Constraint::Length(ID_W)];
    if with_phone {
        widths.push(Constraint::Length(PHONE_W));
    }
    widths.extend([
        Constraint::Length(PLAN_W),
        Constraint::Length(STATE_W),
        Constraint::Length(school_w),
    ]);
    let rows = s.rows.iter().map(|r| {
        let (id, phone) = s.numbers(r);
        let style = if s.revealed.as_ref().is_some_and(|v| v.id == r.id) {
            th.focus()
        } else {
            ratatui::style::Style::new()
        };
        let mut cells = vec![
            Cell::from(fit(&r.name, NAME_W as usize)),
            Cell::from(Span::styled(id, style)),
        ];
        if with_phone {
            cells.push(Cell::from(Span::styled(phone, style)));
        }
        cells.extend([
            Cell::from(fit(&r.plan_code, PLAN_W as usize)),
            // Whether the person is registered at all: a rejected or waiting file's people are
            // listed too, and must not read as registered.
            Cell::from(fit(
                l.t(common::submission_state(r.submission_state)),
                STATE_W as usize,
            )),
            Cell::from(fit(&r.school, school_w as usize)),
        ]);
        Row::new(cells)
    });
    let mut heads = vec![l.t(&msg::COL_NAME), l.t(&msg::COL_ID)];
    if with_phone {
        heads.push(l.t(&msg::COL_PHONE));
    }
    heads.extend([
        l.t(&msg::COL_PLAN),
        l.t(&msg::COL_STATE),
        l.t(&msg::COL_SCHOOL),
    ]);
    let header = Row::new(heads).style(th.header_row());
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
