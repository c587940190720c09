//! Draws the whole console from `&App`: header with tabs, the current screen, a status line,
//! the footer hints, then the modals bottom to top. Nothing here changes state or reads the DB.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Modal, Tab};
use super::screens;
use super::widgets::{form, help, modal};
use crate::domain::time;
use crate::i18n::tui as msg;

/// The smallest terminal the console draws in. 70x20 leaves room for every table column and
/// still works inside tmux or screen, whose status bar takes a line of an 80x24 terminal.
pub const MIN_WIDTH: u16 = 70;
pub const MIN_HEIGHT: u16 = 20;

/// Audit rows that fit on one page at terminal height `h`: minus header, status and footer
/// lines, the table's borders and its header row.
pub fn audit_page(h: u16) -> usize {
    usize::from(h.saturating_sub(6)).max(1)
}

pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area, app);
        return;
    }
    let [head, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(f, head, app);
    app.screens.get(app.tab).draw(f, body, &app.ui());
    status_line(f, status, app);
    footer(f, foot, app);
    let ui = app.ui();
    for (depth, m) in app.modals.iter().enumerate() {
        match m {
            Modal::Help => help::draw(f, area, &ui, app.mode_under(depth)),
            Modal::Detail(d) => modal::draw_detail(f, body, &ui, d),
            Modal::Confirm(c) => modal::draw_confirm(f, body, &ui, c),
            Modal::Form(form_state) => form::draw(f, body, &ui, form_state),
            Modal::Submission(d) => screens::submissions::draw_detail(f, body, &ui, d),
            Modal::Import(form_state) => {
                screens::submissions::import_form::draw(f, body, &ui, form_state)
            }
            Modal::Photos(p) => screens::photo_check::draw(f, body, &ui, p),
            Modal::MoneyForm(m) => form::draw_money(f, body, &ui, m),
            Modal::SchoolsImport(p) => screens::sites::import::draw(f, body, &ui, p),
            Modal::Text(c) => modal::draw_copied(f, body, &ui, c),
        }
    }
}

fn too_small(f: &mut Frame, area: Rect, app: &App) {
    let text = app.lang.fill(
        &msg::TOO_SMALL,
        &[
            ("w", &MIN_WIDTH),
            ("h", &MIN_HEIGHT),
            ("cw", &area.width),
            ("ch", &area.height),
        ],
    );
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// How a tab's title is written in the header: its position and the tab.
type TabLabel<'a> = dyn Fn(usize, &Tab) -> String + 'a;

fn header(f: &mut Frame, area: Rect, app: &App) {
    let l = app.lang;
    let th = &app.theme;
    let clock = app.at_given.then(|| format!("⏱ {} ", time::short(&app.at)));
    let clock_w = clock.as_ref().map_or(0, |c| c.width());
    // The header gives way step by step when the titles and the clock do not fit: first the
    // program's name goes, then the padding between tabs, then the other tabs shrink to their
    // number key. The current screen always stays named and nothing is drawn over.
    let wide = |i: usize, t: &Tab| format!(" {} {} ", i + 1, l.t(t.title()));
    let narrow = |i: usize, t: &Tab| format!(" {} {}", i + 1, l.t(t.title()));
    let tabs_w = |label: &TabLabel<'_>| -> usize {
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| label(i, t).width())
            .sum()
    };
    let name = format!(" {} ", l.t(&msg::APP_NAME));
    let room = (area.width as usize).saturating_sub(clock_w);
    let (show_name, label, compact): (bool, &TabLabel<'_>, bool) =
        if name.width() + tabs_w(&wide) <= room {
            (true, &wide, false)
        } else if tabs_w(&wide) <= room {
            (false, &wide, false)
        } else if tabs_w(&narrow) <= room {
            (false, &narrow, false)
        } else {
            (false, &wide, true)
        };
    let mut spans = Vec::new();
    if show_name {
        spans.push(Span::styled(name, th.title()));
    }
    for (i, t) in Tab::ALL.iter().enumerate() {
        let (text, style) = if *t == app.tab {
            (wide(i, t), th.active_tab())
        } else if compact {
            (format!(" {} ", i + 1), ratatui::style::Style::new())
        } else {
            (label(i, t), ratatui::style::Style::new())
        };
        spans.push(Span::styled(text, style));
    }
    f.render_widget(Line::from(spans), area);
    if let Some(clock) = clock {
        let w = clock_w as u16;
        if w < area.width {
            let r = Rect {
                x: area.x + area.width - w,
                width: w,
                ..area
            };
            f.render_widget(Span::styled(clock, th.focus()), r);
        }
    }
}

fn status_line(f: &mut Frame, area: Rect, app: &App) {
    let l = app.lang;
    let th = &app.theme;
    // A running import shows its gauge on every screen: the console is usable meanwhile.
    if app.imports.running.is_some() && !app.filtering {
        screens::submissions::import_form::draw_progress(f, area, &app.ui(), &app.imports);
        return;
    }
    let filter = app.filter(app.tab);
    let line = if app.filtering {
        Line::from(vec![
            Span::styled(format!("/{} ", l.t(&msg::FILTER)), th.key()),
            Span::raw(format!("{filter}▏")),
        ])
    } else if let Some(flash) = &app.flash {
        let style = if flash.error { th.error() } else { th.ok() };
        // A flash too long for the line is cut in the middle: its end is usually what it is
        // about (the file written, the reason), and the cut is marked.
        let text = super::widgets::table::fit_path(&flash.text, area.width as usize);
        Line::styled(text, style)
    } else if !filter.is_empty() {
        Line::from(vec![
            Span::styled(format!("{}: ", l.t(&msg::FILTER)), th.key()),
            Span::raw(filter.to_string()),
            Span::styled(format!("  ({})", l.t(&msg::FILTER_ESC)), th.dim()),
        ])
    } else {
        Line::default()
    };
    f.render_widget(Paragraph::new(line), area);
}

fn footer(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0usize;
    let mode = app.mode();
    let screen = app.screens.get(app.tab);
    // On a screen (or an item's detail) its own keys show only when they work there now.
    let offered = |a: &super::action::Action| match mode {
        super::keymap::Mode::Screen(_) | super::keymap::Mode::Detail(_) => screen.offers(a),
        _ => true,
    };
    let hints = app.keymap.footer(mode, app.lang, &offered);
    let n = hints.len();
    for (i, (key, what)) in hints.into_iter().enumerate() {
        let w = key.width() + what.width() + 3;
        // Keys that do not fit are marked as left out ("…"; `?` lists them all), so room
        // for the mark is kept while more follow.
        let mark = if i + 1 < n { 2 } else { 0 };
        if used + w + mark > area.width as usize {
            spans.push(Span::styled(" …", th.dim()));
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), th.key()));
        spans.push(Span::styled(format!(" {what} "), th.dim()));
    }
    f.render_widget(Line::from(spans), area);
}
