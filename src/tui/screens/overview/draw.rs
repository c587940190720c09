//! How the screen is drawn: from its own state and the `Ui`, never the store.

use super::*;

pub fn draw(s: &OverviewState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    // Share the height. Each box asks for the rows its content needs; when the terminal is
    // short (70x20) the exams and the named pending sites give way first, so the windows box
    // always lists some windows, and what does not fit is counted in an "and n more" line.
    // On a tall terminal (120x40) every box gets what it needs and the rest stays below them,
    // instead of a windows box of empty rows.
    let first = if s.first_run() { 6 } else { 0 };
    let window_need = first + s.open.len().max(usize::from(!s.first_run())) + 1;
    let mut shown = s.pending_first.len().min(PENDING_SHOWN);
    let mut exam_rows = s.exams.len().clamp(1, 4);
    let sessions_lines =
        2 + s.unready.len().min(SESSIONS_SHOWN) + s.short.len().min(SESSIONS_SHOWN);
    let sites_h = |shown: usize| {
        let more = usize::from(s.pending_count > shown);
        ((shown + more + 2).max(sessions_lines) + 2) as u16
    };
    let total = area.height;
    // At least this many window lines (a window and the "closes next" line) before the
    // other boxes shrink.
    let window_min = window_need.min(6) as u16 + 2;
    loop {
        let used = sites_h(shown) + exam_rows as u16 + 2;
        if total.saturating_sub(used) >= window_min {
            break;
        }
        if exam_rows > 2 {
            exam_rows -= 1;
        } else if shown > 1 {
            shown -= 1;
        } else if exam_rows > 1 {
            exam_rows -= 1;
        } else {
            break;
        }
    }
    let exams_h = (exam_rows + 2) as u16;
    let sites_h = sites_h(shown);
    let window_room = total.saturating_sub(exams_h + sites_h);
    let windows_h = (window_need as u16 + 2).min(window_room).max(3);
    let window_rows = usize::from(windows_h.saturating_sub(2))
        .saturating_sub(1)
        .saturating_sub(first)
        .max(1);
    let [windows, exams, sites, _] = Layout::vertical([
        Constraint::Length(windows_h),
        Constraint::Length(exams_h),
        Constraint::Length(sites_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let w = windows.width.saturating_sub(2) as usize;

    let mut lines: Vec<Line> = Vec::new();
    if s.first_run() {
        lines.extend(first_steps(s, ui, w));
    }
    if s.open.is_empty() && !s.first_run() {
        lines.push(Line::styled(l.t(&msg::NO_OPEN_WINDOW), th.dim()));
    }
    let cut = if s.open.len() > window_rows {
        window_rows - 1
    } else {
        window_rows
    };
    for (p, ws) in s.open.iter().take(cut) {
        let state = common::window_with_countdown(l, ws);
        let dates = format!("{}–{}", p.opens.format("%m-%d"), p.closes.format("%m-%d"));
        let name_w = w.saturating_sub(16 + 14 + 2 + 1);
        lines.push(Line::from(vec![
            Span::raw(pad(&p.code(), 16)),
            Span::raw(pad(&dates, 14)),
            Span::styled(fit(&state, name_w.max(12)), th.window(ws)),
        ]));
    }
    if s.open.len() > cut {
        lines.push(Line::styled(
            l.fill(&msg::AND_MORE, &[("n", &(s.open.len() - cut))]),
            th.dim(),
        ));
    }
    let next = match (s.open.first(), &s.next_opening) {
        (Some((p, ws)), _) => l.fill(
            &msg::CLOSES_NEXT,
            &[
                ("plan", &p.code()),
                ("when", &common::window_with_countdown(l, ws)),
            ],
        ),
        (None, Some((p, ws))) => l.fill(
            &msg::OPENS_NEXT,
            &[
                ("plan", &p.code()),
                ("when", &common::window_with_countdown(l, ws)),
            ],
        ),
        (None, None) => l.t(&msg::NO_WINDOW_AHEAD).to_string(),
    };
    lines.push(Line::styled(fit(&next, w), th.focus()));
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_WINDOWS)),
        windows,
    );

    let mut lines: Vec<Line> = Vec::new();
    if s.exams.is_empty() {
        lines.push(Line::styled(l.t(&msg::NO_EXAMS_AHEAD), th.dim()));
    }
    for (p, days) in s.exams.iter().take(exam_rows) {
        let until = if *days == 0 {
            l.t(&msg::TODAY).to_string()
        } else {
            l.fill(&msg::IN_DAYS, &[("n", days)])
        };
        let slot = format!(
            "{}–{}",
            time::short(&p.exam_start),
            p.exam_end.format("%H:%M")
        );
        lines.push(Line::from(vec![
            Span::raw(pad(&p.code(), 16)),
            Span::raw(pad(&slot, 24)),
            Span::styled(until, th.focus()),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_EXAMS)),
        exams,
    );

    let triage_style = if s.triage_count > 0 {
        th.focus()
    } else {
        th.dim()
    };
    let mut lines = vec![
        Line::styled(
            l.fill(&msg::TRIAGE_COUNT, &[("n", &s.triage_count)]),
            triage_style,
        ),
        Line::styled(
            l.fill(&msg::PENDING_COUNT, &[("n", &s.pending_count)]),
            th.site(SiteState::Pending),
        ),
    ];
    for name in s.pending_first.iter().take(shown) {
        let sw = (area.width * 2 / 5).saturating_sub(2) as usize;
        lines.push(Line::raw(format!(
            "  · {}",
            fit(name, sw.saturating_sub(4))
        )));
    }
    if s.pending_count > shown {
        lines.push(Line::styled(
            l.fill(&msg::AND_MORE, &[("n", &(s.pending_count - shown))]),
            th.dim(),
        ));
    }
    // Sessions get the wider half: a school's full name and a plan code fit on one line.
    let [sites, sessions] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(sites);
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_SITES)),
        sites,
    );
    draw_sessions(s, f, sessions, ui);
}

/// What to do first on an empty database, each line fitted to the box's width `w`.
fn first_steps<'a>(s: &OverviewState, ui: &Ui, w: usize) -> Vec<Line<'a>> {
    let l = ui.lang;
    let th = ui.theme;
    let step = |m: &'static crate::i18n::Msg, done: bool| {
        let style = if done { th.dim() } else { th.focus() };
        Line::styled(fit(l.t(m), w), style)
    };
    vec![
        Line::styled(fit(l.t(&msg::FIRST_TITLE), w), th.title()),
        step(&msg::FIRST_SCHOOLS, s.schools > 0),
        step(&msg::FIRST_PLANS, !s.open.is_empty() || s.next_opening.is_some()),
        step(&msg::FIRST_INBOX, false),
        Line::raw(format!("   {}", crate::tui::widgets::table::fit_path(&s.inbox, w.saturating_sub(3)))),
        Line::styled(fit(l.t(&msg::FIRST_DEMO), w), th.dim()),
    ]
}

fn draw_sessions(s: &OverviewState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let w = area.width.saturating_sub(2) as usize;
    let warn = |n: usize| if n > 0 { th.error() } else { th.ok() };
    let mut lines = vec![Line::styled(
        fit(&l.fill(&people::OV_UNREADY, &[("n", &s.unready_count)]), w),
        warn(s.unready_count),
    )];
    for (school, plan, days, done) in s.unready.iter().take(SESSIONS_SHOWN) {
        let days = if *days == 0 {
            l.t(&msg::TODAY).to_string()
        } else {
            l.fill(&people::OV_IN_DAYS, &[("n", days)])
        };
        let row = l.fill(
            &people::OV_UNREADY_ROW,
            &[
                ("days", &days),
                ("done", done),
                ("school", school),
                ("plan", plan),
            ],
        );
        lines.push(Line::raw(fit(&row, w)));
    }
    lines.push(Line::styled(
        fit(&l.fill(&people::OV_SHORT, &[("n", &s.short_count)]), w),
        warn(s.short_count),
    ));
    for (school, plan, n) in s.short.iter().take(SESSIONS_SHOWN) {
        let row = l.fill(
            &people::OV_SHORT_ROW,
            &[("n", n), ("school", school), ("plan", plan)],
        );
        lines.push(Line::raw(fit(&row, w)));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &people::OV_SESSIONS)),
        area,
    );
}

fn block<'a>(ui: &Ui, title: &'static crate::i18n::Msg) -> Block<'a> {
    Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", ui.lang.t(title)),
        ui.theme.title(),
    ))
}
