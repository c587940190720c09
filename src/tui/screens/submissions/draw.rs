//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;
use unicode_width::UnicodeWidthStr;

pub fn draw(s: &SubmissionsState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    // The state, rows and problems columns are as wide as their longest word in this
    // language (header included, so English headers are not cut); the school gets the rest.
    let label_w = |m: &crate::i18n::Msg| l.t(m).width() as u16;
    let state_w = SubmissionState::ALL
        .iter()
        .map(|st| label_w(common::submission_state(*st)))
        .chain([label_w(&tmsg::COL_STATE)])
        .max()
        .unwrap_or(STATE_W)
        .min(STATE_W + 8);
    let rows_w = label_w(&msg::COL_ROWS).max(ROWS_W);
    let problems_w = label_w(&msg::COL_PROBLEMS).max(PROBLEMS_W);
    let fixed = ID_W + RECEIVED_W + PLAN_W + state_w + rows_w + problems_w + 6 + 2;
    let school_w = area.width.saturating_sub(fixed).max(8);
    let widths = [
        Constraint::Length(ID_W),
        Constraint::Length(RECEIVED_W),
        Constraint::Length(school_w),
        Constraint::Length(PLAN_W),
        Constraint::Length(state_w),
        Constraint::Length(rows_w),
        Constraint::Length(problems_w),
    ];
    let rows = s.shown.iter().map(|x| {
        let problems = if x.problems == 0 {
            Line::styled("0", th.dim())
        } else {
            Line::styled(count(x.problems, problems_w as usize), th.error())
        };
        Row::new(vec![
            Cell::from(Line::from(x.id.to_string()).right_aligned()),
            Cell::from(x.received_at.format("%m-%d %H:%M").to_string()),
            Cell::from(school_cell(s, x, school_w as usize, th)),
            Cell::from(fit(&x.plan_code, PLAN_W as usize)),
            Cell::from(Span::styled(
                fit(l.t(common::submission_state(x.state)), state_w as usize),
                th.submission(x.state),
            )),
            Cell::from(Line::from(x.rows.to_string()).right_aligned()),
            Cell::from(problems.right_aligned()),
        ])
    });
    let header = Row::new(vec![
        Cell::from(Line::from("#").right_aligned()),
        Cell::from(l.t(&msg::COL_RECEIVED)),
        Cell::from(l.t(&tmsg::COL_SCHOOL)),
        Cell::from(l.t(&msg::COL_PLAN)),
        Cell::from(l.t(&tmsg::COL_STATE)),
        Cell::from(Line::from(l.t(&msg::COL_ROWS)).right_aligned()),
        Cell::from(Line::from(l.t(&msg::COL_PROBLEMS)).right_aligned()),
    ])
    .style(th.header_row());
    let mut title = l.fill(&msg::TITLE, &[("n", &s.total), ("pending", &s.pending)]);
    if let Some(st) = s.state {
        title.push_str(&format!(" · {}", l.t(common::submission_state(st))));
    }
    let selected = s.cursor.selected.checked_sub(s.offset).filter(|i| *i < s.shown.len());
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
    if s.total == 0 {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        f.render_widget(
            Paragraph::new(l.t(&msg::EMPTY_HINT))
                .style(th.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    }
}

/// The school, and who else has the submission open after it (cut first, to at most half
/// the column: the school must stay recognisable).
fn school_cell<'a>(
    s: &SubmissionsState,
    x: &SubmissionSummary,
    w: usize,
    th: &crate::tui::theme::Theme,
) -> Line<'a> {
    use unicode_width::UnicodeWidthStr;
    match s.looking.get(&x.id) {
        Some(names) => {
            let tag = fit(&format!(" ◉{}", names.join(",")), w / 2);
            let school = fit(&x.school, w.saturating_sub(tag.width()));
            Line::from(vec![Span::raw(school), Span::styled(tag, th.key())])
        }
        None => Line::raw(fit(&x.school, w)),
    }
}

/// The detail popup: what it is, its problems grouped by row, then its rows.
pub fn draw_detail(f: &mut Frame, body: Rect, ui: &Ui, d: &SubmissionDetail) {
    let l = ui.lang;
    let th = ui.theme;
    let x = &d.summary;
    // The whole body: the list under it is not needed while one submission is read.
    let area = body;
    let title = format!("#{} {} · {}", x.id, x.school, x.plan_code);
    let block = popup(f, area, ui, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let [head, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    f.render_widget(Paragraph::new(head_lines(l, th, x, w, &d.others)), head);
    let lines = body_lines(l, th, d, w);
    let h = rest.height as usize;
    let start = d.scroll.min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    f.render_widget(Paragraph::new(shown), rest);
}

/// `label：` in Chinese, `label: ` in English.
fn colon(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

fn label<'a>(l: Lang, th: &crate::tui::theme::Theme, m: &'static crate::i18n::Msg) -> Span<'a> {
    Span::styled(format!("{}{}", l.t(m), colon(l)), th.key())
}

fn head_lines<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    x: &SubmissionSummary,
    w: usize,
    others: &[String],
) -> Vec<Line<'a>> {
    let state = Span::styled(
        format!("{}  ", l.t(common::submission_state(x.state))),
        th.submission(x.state),
    );
    let mut first = vec![
        label(l, th, &tmsg::COL_STATE),
        state,
        label(l, th, &msg::COL_RECEIVED),
        Span::raw(format!("{}  ", time::short(&x.received_at))),
        label(l, th, &msg::FILE),
    ];
    // The file name is cut in the middle when it does not fit: its end (`.xlsx`, `第2版`)
    // tells files apart, and a cut is always marked.
    let used: usize = first.iter().map(|s| s.content.width()).sum();
    first.push(Span::raw(crate::tui::widgets::table::fit_path(
        &x.file_name,
        w.saturating_sub(used),
    )));
    let first = Line::from(first);
    let counts = l.fill(
        &msg::COUNTS,
        &[
            ("rows", &x.rows),
            ("valid", &x.valid_rows),
            ("problems", &x.problems),
            ("by", &x.imported_by),
        ],
    );
    let decided = match (&x.decided_by, &x.decided_at) {
        (Some(by), Some(at)) => {
            let mut s = l.fill(&msg::DECIDED, &[("by", by), ("at", &when(at))]);
            if x.valid_only {
                s.push_str(l.t(&msg::VALID_ONLY_MARK));
            }
            if let Some(n) = &x.note {
                s.push_str(&format!("  {}{}{n}", l.t(&tmsg::F_REASON), colon(l)));
            }
            Line::styled(fit(&s, w), th.dim())
        }
        _ => Line::default(),
    };
    let counts = if others.is_empty() {
        Line::raw(fit(&counts, w))
    } else {
        // Who else is on it, where the eye lands first.
        use unicode_width::UnicodeWidthStr;
        let looking = format!(
            "  ◉ {}",
            l.fill(&crate::i18n::staff::LOOKING, &[("names", &others.join(", "))])
        );
        let looking = fit(&looking, w);
        let counts = fit(&counts, w.saturating_sub(looking.width()));
        Line::from(vec![Span::raw(counts), Span::styled(looking, th.key())])
    };
    vec![first, counts, decided]
}

/// A row's photo verdict once an archive was checked: blank before any check.
fn photo_cell<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    d: &SubmissionDetail,
    candidate: i64,
) -> Span<'a> {
    if d.photos.is_empty() {
        return Span::raw("");
    }
    match d.photos.get(&candidate) {
        Some(state) => {
            let style = if *state == PhotoState::Ok {
                th.ok()
            } else {
                th.error()
            };
            Span::styled(l.t(crate::i18n::photos::state(*state)), style)
        }
        None => Span::styled("—", th.dim()),
    }
}

fn body_lines<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    d: &SubmissionDetail,
    w: usize,
) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(d.line_count());
    out.push(Line::styled(
        l.fill(&msg::PROBLEMS_HEADING, &[("n", &d.problems.len())]),
        th.title(),
    ));
    if d.problems.is_empty() {
        out.push(Line::styled(l.t(&msg::NO_PROBLEMS), th.ok()));
    }
    const ROW_W: usize = 9;
    let mut last_row: Option<Option<u32>> = None;
    for p in &d.problems {
        // The row is named once: its problems read as one block, as the school will fix them.
        let row = if last_row == Some(p.row) {
            String::new()
        } else {
            match p.row {
                Some(r) => l.fill(&msg::ROW_N, &[("n", &r)]),
                None => l.t(&msg::WHOLE_FILE).to_string(),
            }
        };
        last_row = Some(p.row);
        let column = p.column.clone().unwrap_or_default();
        let says = crate::i18n::problems::text(p, l);
        let text = if column.is_empty() {
            says
        } else {
            format!("{column}{}{says}", colon(l))
        };
        out.push(Line::from(vec![
            Span::styled(pad(&row, ROW_W), th.key()),
            Span::styled(fit(&text, w.saturating_sub(ROW_W)), th.error()),
        ]));
    }
    out.push(Line::styled(
        l.fill(&msg::ROWS_HEADING, &[("n", &d.summary.candidates)]),
        th.title(),
    ));
    let (row_w, name_w, id_w, phone_w) = (5, 10, 20, 13);
    let valid_w = 8;
    let photo_head = if d.photos.is_empty() {
        ""
    } else {
        l.t(&crate::i18n::photos::COL_PHOTO)
    };
    out.push(Line::styled(
        format!(
            "{}{}{}{}{}{}",
            pad(l.t(&msg::COL_ROW), row_w),
            pad(l.t(&msg::COL_NAME), name_w),
            pad(l.t(&msg::COL_ID), id_w),
            pad(l.t(&msg::COL_PHONE), phone_w),
            pad(l.t(&msg::COL_VALID), valid_w),
            photo_head,
        ),
        th.header_row(),
    ));
    for c in &d.rows {
        let (mark, style) = if c.valid {
            (l.t(&msg::ROW_VALID), th.ok())
        } else {
            (l.t(&msg::ROW_INVALID), th.error())
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{}{}{}{}",
                pad(&c.row.to_string(), row_w),
                pad(&c.name, name_w),
                pad(&mask_id(&c.id_number), id_w),
                pad(&mask_phone(&c.phone), phone_w),
            )),
            Span::styled(pad(mark, valid_w), style),
            photo_cell(l, th, d, c.id),
        ]));
    }
    if d.summary.candidates > d.rows.len() {
        out.push(Line::styled(
            l.fill(
                &msg::MORE_ROWS,
                &[("n", &(d.summary.candidates - d.rows.len()))],
            ),
            th.dim(),
        ));
    }
    out
}
