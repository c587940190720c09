//! 照片检查: a popup over the screen that checks a school's photo archive against one
//! submission. The path is typed with Tab completion; the check runs on a worker thread that
//! reports progress over a channel polled on the run loop's tick; then each candidate's state,
//! measured background and problems are listed, with the selected photo drawn in half-blocks
//! (which any terminal shows, over SSH too) so staff can see the background for themselves.

pub mod update;

mod state;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};
use ratatui_image::Image;
use unicode_width::UnicodeWidthStr;

use crate::domain::photo::{self, PhotoState};
use crate::domain::privacy::mask_id;
use crate::i18n::photos as msg;
use crate::i18n::problems;
use crate::intake::photos as check;
use crate::tui::screen::Ui;
use crate::tui::widgets::modal::{popup, text_field};
use crate::tui::widgets::table::{fit, pad, scroll_start};

pub use state::{Job, JobMsg, Phase, PhotoCheck, Preview, file_name};

/// Columns the photo takes at the right of the results: a 295×413 photo fits 20 columns by 14
/// rows of half-blocks, the popup's height at 80x24.
const PHOTO_W: u16 = 22;
/// Lines under the list for the selected candidate's problems.
const PROBLEM_H: u16 = 3;

/// The photo's area in a terminal of `(w, h)`: the same layout [`draw`] uses.
pub fn photo_size(w: u16, h: u16) -> Size {
    let body = Rect::new(0, 1, w, h.saturating_sub(3));
    let a = areas(body);
    Size::new(a.photo.width, a.photo.height)
}

struct Areas {
    summary: Rect,
    list: Rect,
    photo: Rect,
    problems: Rect,
}

/// The results layout inside the popup's border.
fn areas(popup: Rect) -> Areas {
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    let [summary, main, problems] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(PROBLEM_H),
    ])
    .areas(inner);
    let [list, _, photo] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(PHOTO_W),
    ])
    .areas(main);
    Areas {
        summary,
        list,
        photo,
        problems,
    }
}

pub fn draw(f: &mut Frame, body: Rect, ui: &Ui, p: &PhotoCheck) {
    let area = body;
    let block = popup(f, area, ui, &p.title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    match p.phase {
        Phase::Path => draw_path(f, inner, ui, p),
        Phase::Running(done, total) => draw_running(f, inner, ui, p, done, total),
        Phase::Results => draw_results(f, area, ui, p),
    }
}

fn draw_path(f: &mut Frame, inner: Rect, ui: &Ui, p: &PhotoCheck) {
    let l = ui.lang;
    let th = ui.theme;
    let [intro, field, choices, err] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(l.fill(&msg::TUI_CANDIDATES, &[("n", &p.candidates.len())]))
            .wrap(Wrap { trim: true }),
        intro,
    );
    text_field(f, field, ui, &p.path, l.t(&msg::TUI_PATH), true);
    if !p.choices.is_empty() {
        let text = format!("{}{}", l.t(&msg::TUI_CHOICES), p.choices.join("  "));
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), choices);
    }
    if let Some(e) = &p.error {
        f.render_widget(Line::styled(fit(e, err.width as usize), th.error()), err);
    }
}

fn draw_running(f: &mut Frame, inner: Rect, ui: &Ui, p: &PhotoCheck, done: usize, total: usize) {
    let l = ui.lang;
    let [what, _, gauge, err] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let file = p.archive.as_deref().map(file_name).unwrap_or_default();
    f.render_widget(
        Line::raw(fit(
            &l.fill(&msg::TUI_RUNNING, &[("file", &file)]),
            what.width as usize,
        )),
        what,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    f.render_widget(
        Gauge::default()
            .gauge_style(ui.theme.focus())
            .ratio(ratio)
            .label(l.fill(&msg::PROGRESS, &[("done", &done), ("total", &total)])),
        gauge,
    );
    if let Some(e) = &p.error {
        f.render_widget(
            Line::styled(fit(e, err.width as usize), ui.theme.error()),
            err,
        );
    }
}

/// A candidate's state, from what the check found.
fn state_of(c: &check::CandidatePhoto) -> PhotoState {
    PhotoState::of(c.problems.iter().map(|(code, _)| *code))
}

const STATE_W: usize = 7;
const NAME_W: usize = 8;
const ID_W: usize = 18;
const SWATCH_W: usize = 2;

fn draw_results(f: &mut Frame, area: Rect, ui: &Ui, p: &PhotoCheck) {
    let l = ui.lang;
    let th = ui.theme;
    let Some(r) = &p.report else {
        return;
    };
    let a = areas(area);
    let count = |s: PhotoState| r.candidates.iter().filter(|c| state_of(c) == s).count();
    let file = p.archive.as_deref().map(file_name).unwrap_or_default();
    let summary = l.fill(
        &msg::TUI_SUMMARY,
        &[
            ("file", &file),
            ("ok", &count(PhotoState::Ok)),
            ("problem", &count(PhotoState::Problem)),
            ("missing", &count(PhotoState::Missing)),
            ("other", &r.entry_problems.len()),
        ],
    );
    f.render_widget(
        Line::raw(fit(&summary, a.summary.width as usize)),
        a.summary,
    );

    let rows = a.list.height as usize;
    let start = scroll_start(p.cursor.selected, rows);
    let width = a.list.width as usize;
    for (i, c) in r.candidates.iter().enumerate().skip(start).take(rows) {
        let state = state_of(c);
        let head = format!(
            "{} {} {} ",
            pad(l.t(msg::state(state)), STATE_W),
            pad(&c.name, NAME_W),
            pad(&mask_id(&c.id_number), ID_W),
        );
        let colour = c.colour.map(photo::hex).unwrap_or_default();
        let tail = format!(" {colour}");
        let style = if i == p.cursor.selected {
            th.selected()
        } else {
            match state {
                PhotoState::Ok => th.ok(),
                PhotoState::Problem | PhotoState::Missing => th.error(),
            }
        };
        // A swatch of the measured background beside its value, where colour is allowed.
        let swatch = match (c.colour, th.color) {
            (Some([red, g, b]), true) => Style::new().bg(Color::Rgb(red, g, b)),
            _ => style,
        };
        let tail_w = width.saturating_sub(head.width() + SWATCH_W);
        let spans = vec![
            Span::styled(fit(&head, width), style),
            Span::styled(" ".repeat(SWATCH_W), swatch),
            Span::styled(pad(&tail, tail_w), style),
        ];
        let y = a.list.y + (i - start) as u16;
        f.render_widget(Line::from(spans), Rect::new(a.list.x, y, a.list.width, 1));
    }

    let selected = r.candidates.get(p.cursor.selected);
    let mut problems: Vec<Line> = match selected {
        Some(c) if c.problems.is_empty() => {
            vec![Line::styled(
                l.t(&msg::TUI_NO_PROBLEMS).to_string(),
                th.ok(),
            )]
        }
        Some(c) => c
            .problems
            .iter()
            .map(|(code, m)| {
                Line::from(vec![
                    Span::styled(format!("{} ", l.t(problems::code_name(*code))), th.key()),
                    Span::raw(m.clone()),
                ])
            })
            .collect(),
        None => Vec::new(),
    };
    if !r.entry_problems.is_empty() {
        let names: Vec<String> = r
            .entry_problems
            .iter()
            .map(|e| format!("{} ({})", e.entry, l.t(problems::code_name(e.code))))
            .collect();
        problems.push(Line::styled(
            format!("{}{}", l.t(&msg::TUI_ENTRY_PROBLEMS), names.join("、")),
            th.dim(),
        ));
    }
    f.render_widget(
        Paragraph::new(problems).wrap(Wrap { trim: true }),
        a.problems,
    );

    draw_photo(
        f,
        a.photo,
        ui,
        p,
        selected.is_some_and(|c| c.photo.is_none()),
    );
}

fn draw_photo(f: &mut Frame, area: Rect, ui: &Ui, p: &PhotoCheck, no_photo: bool) {
    let l = ui.lang;
    let say = |f: &mut Frame, text: &str| {
        f.render_widget(
            Paragraph::new(text.to_string())
                .style(ui.theme.dim())
                .wrap(Wrap { trim: true }),
            area,
        );
    };
    if no_photo {
        return say(f, l.t(&msg::TUI_NO_PHOTO));
    }
    if !ui.theme.color {
        return say(f, l.t(&msg::TUI_NO_COLOR));
    }
    match p.preview.as_ref().map(|pr| &pr.image) {
        // Clipped rather than dropped if the terminal shrank since the photo was encoded.
        Some(Ok(proto)) => f.render_widget(Image::new(proto).allow_clipping(true), area),
        Some(Err(e)) => say(f, e),
        None => {}
    }
}
