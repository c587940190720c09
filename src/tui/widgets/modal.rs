//! The generic confirm modal and the detail popup.

use crate::i18n::audit as audit_words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::domain::fees::format_yuan;
use crate::i18n::{common, fees as fmsg, people, tui as msg};
use crate::store::Ledger;
use crate::tui::action::{Action, PendingAction};
use crate::tui::app::{Confirm, Detail};
use crate::tui::keymap::Scope;
use crate::tui::screen::Ui;
use crate::tui::screens::fees::money_form::MoneyDraft;
use crate::tui::widgets::format::when;
use crate::tui::widgets::table::fit;
use crate::tui::widgets::wrap::{wrap, wrap_clipped};

/// A `w`x`h` rectangle centred in `area`, never larger than it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered popup block with a title, after clearing what is under it.
pub fn popup<'a>(f: &mut Frame, area: Rect, ui: &Ui, title: &str) -> Block<'a> {
    f.render_widget(Clear, area);
    // A wide character just left of the popup covers its first column, and the terminal
    // would draw it over the popup's border: blank it.
    if area.x > 0 {
        let buf = f.buffer_mut();
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Block::default()
        .borders(Borders::ALL)
        .border_style(ui.theme.focus())
        .title(Span::styled(format!(" {title} "), ui.theme.title()))
}

/// What the confirm modal asks.
fn question(ui: &Ui, p: &PendingAction) -> String {
    let l = ui.lang;
    match p {
        PendingAction::Site { school, action, .. } => l.fill(
            &msg::CONFIRM_SITE,
            &[
                ("action", &l.t(common::site_action(*action))),
                ("school", school),
            ],
        ),
        PendingAction::Decide {
            label,
            decision,
            valid_only,
            valid_rows,
            rows,
            ..
        } => {
            use crate::domain::submission::Decision;
            use crate::i18n::triage as t;
            let m = match decision {
                Decision::Accept if *valid_only => &t::CONFIRM_VALID_ONLY,
                Decision::Accept => &t::CONFIRM_ACCEPT,
                Decision::Reject => &t::CONFIRM_REJECT,
                Decision::NeedsFix => &t::CONFIRM_NEEDS_FIX,
            };
            l.fill(
                m,
                &[
                    ("label", label),
                    ("rows", rows),
                    ("valid", valid_rows),
                    ("bad", &rows.saturating_sub(*valid_rows)),
                ],
            )
        }
        PendingAction::SessionConfirm { label, n, .. } => {
            l.fill(&people::CONFIRM_SESSION, &[("session", label), ("n", n)])
        }
        PendingAction::SessionCancel { label, .. } => {
            l.fill(&people::CANCEL_SESSION, &[("session", label)])
        }
        PendingAction::SessionMove { label, n, .. } => {
            l.fill(&people::MOVE_SESSION, &[("session", label), ("n", n)])
        }
        PendingAction::SessionReady {
            label, item, done, ..
        } => l.fill(
            if *done {
                &people::READY_SET
            } else {
                &people::READY_UNSET
            },
            &[
                ("session", label),
                ("item", &l.t(crate::i18n::sessions::ready_item(*item))),
            ],
        ),
        PendingAction::Money { school, draft } => money_question(l, school, draft),
        PendingAction::ReversePayment { id, school, amount } => l.fill(
            &fmsg::CONFIRM_REVERSE_PAYMENT,
            &[
                ("id", id),
                ("school", school),
                ("amount", &format_yuan(*amount)),
            ],
        ),
        PendingAction::ReverseInvoice {
            number,
            school,
            amount,
        } => l.fill(
            &fmsg::CONFIRM_REVERSE,
            &[
                ("number", number),
                ("school", school),
                ("amount", &format_yuan(*amount)),
            ],
        ),
        PendingAction::Quit => l.t(&msg::CONFIRM_QUIT).to_string(),
        PendingAction::DiscardForm => l.t(&msg::CONFIRM_DISCARD).to_string(),
    }
}

/// How many targets a confirm modal lists at once.
const CHOICES_SHOWN: usize = 4;

/// The targets to list, the chosen one kept in view: (index, name) pairs.
fn choices(p: &PendingAction) -> (Vec<(usize, &str)>, usize) {
    let PendingAction::SessionMove {
        targets, chosen, ..
    } = p
    else {
        return (Vec::new(), 0);
    };
    let start = chosen.saturating_sub(CHOICES_SHOWN - 1);
    let shown = targets
        .iter()
        .enumerate()
        .skip(start)
        .take(CHOICES_SHOWN)
        .map(|(i, (_, name))| (i, name.as_str()))
        .collect();
    (shown, *chosen)
}

fn money_question(l: crate::i18n::Lang, school: &str, draft: &MoneyDraft) -> String {
    match draft {
        MoneyDraft::Entry(ledger, e) => {
            let text = match ledger {
                Ledger::Payment => &fmsg::CONFIRM_PAYMENT,
                Ledger::Payout => &fmsg::CONFIRM_PAYOUT,
            };
            l.fill(
                text,
                &[
                    ("school", &school),
                    ("amount", &format_yuan(e.amount)),
                    ("date", &e.date),
                    ("method", &e.method),
                    ("reference", &e.reference),
                ],
            )
        }
        MoneyDraft::Invoice { amount, buyer, .. } => l.fill(
            &fmsg::CONFIRM_INVOICE,
            &[
                ("school", &school),
                ("amount", &format_yuan(*amount)),
                ("title", &buyer.title.clone().unwrap_or_default()),
                ("tax_id", &buyer.tax_id.clone().unwrap_or_default()),
            ],
        ),
    }
}

pub fn draw_confirm(f: &mut Frame, body: Rect, ui: &Ui, c: &Confirm) {
    let l = ui.lang;
    let th = ui.theme;
    // Long questions and refusals (a stale decision names who and when) wrap, and the modal
    // grows to hold them.
    // A note of several lines (the problems, one row a line) gets the screen's width.
    let wide = c.reason.as_ref().is_some_and(|r| r.lines().len() > 1);
    let w = if wide {
        body.width.saturating_sub(4).max(64)
    } else {
        64u16
    };
    let text_w = usize::from(w.saturating_sub(2));
    let q = question(ui, &c.pending);
    let (shown, chosen) = choices(&c.pending);
    let q_lines = wrap(&q, text_w);
    let err_lines = c
        .error
        .as_deref()
        .map(|e| wrap(e, text_w))
        .unwrap_or_default();
    let q_h = (q_lines.len() as u16).max(2) + shown.len() as u16;
    let err_h = (err_lines.len() as u16).max(1);
    // Every line of a note stays in view while it is typed (up to what the screen holds).
    let reason_h = c.reason.as_ref().map_or(0, |r| {
        let most = body.height.saturating_sub(2 + q_h + err_h + 1).max(3);
        (r.lines().len() as u16 + 2).clamp(3, most)
    });
    let area = centered(body, w, 2 + q_h + reason_h + err_h + 1);
    let block = popup(f, area, ui, l.t(&msg::CONFIRM_TITLE));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [q_area, reason, err, hint] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(reason_h),
        Constraint::Length(err_h),
        Constraint::Length(1),
    ])
    .areas(inner);
    // What the terminal leaves room for; a cut is marked with "…".
    let room = usize::from(q_area.height)
        .saturating_sub(shown.len())
        .max(1);
    let mut lines: Vec<Line> = wrap_clipped(&q, text_w, room)
        .into_iter()
        .map(Line::raw)
        .collect();
    for (i, name) in shown {
        // The marker carries the choice without colour.
        let (mark, style) = if i == chosen {
            ("▸ ", th.focus())
        } else {
            ("  ", ratatui::style::Style::new())
        };
        let text = fit(&format!("{mark}{name}"), q_area.width as usize);
        lines.push(Line::styled(text, style));
    }
    f.render_widget(Paragraph::new(lines), q_area);
    if let Some(r) = &c.reason {
        let title = match c.pending {
            PendingAction::Decide { .. } => l.t(&crate::i18n::triage::NOTE_REQUIRED),
            _ => l.t(&msg::REASON_REQUIRED),
        };
        text_field(f, reason, ui, r, title, true);
    }
    if let Some(e) = &c.error {
        let lines: Vec<Line> = wrap_clipped(e, err.width as usize, err.height.into())
            .into_iter()
            .map(Line::raw)
            .collect();
        f.render_widget(Paragraph::new(lines).style(th.error()), err);
    }
    let key = |scope, a| ui.keymap.binding(scope, &a);
    let (confirm, close) = (
        key(Scope::Modal, Action::Confirm),
        key(Scope::Modal, Action::Back),
    );
    let (next, prev) = (
        key(Scope::Pick, Action::NextChoice),
        key(Scope::Pick, Action::PrevChoice),
    );
    f.render_widget(
        Line::from(vec![
            Span::styled(confirm.label(), th.key()),
            Span::raw(format!(" {}  ", l.t(confirm.what))),
            Span::styled(close.label(), th.key()),
            Span::raw(format!(" {}", l.t(close.what))),
        ])
        .spans
        .into_iter()
        .chain(
            c.pending
                .has_choices()
                .then(|| {
                    [
                        Span::raw("  "),
                        Span::styled(next.label(), th.key()),
                        Span::raw(format!("/{} ", prev.label())),
                        Span::raw(l.t(&people::SCOPE_PICK)),
                    ]
                })
                .into_iter()
                .flatten(),
        )
        .collect::<Line>(),
        hint,
    );
}

/// A one-line text field in a titled box; the cursor shows only when focused.
pub fn text_field(
    f: &mut Frame,
    area: Rect,
    ui: &Ui,
    t: &TextArea<'static>,
    title: &str,
    focused: bool,
) {
    let mut t = t.clone();
    let border = if focused {
        ui.theme.focus()
    } else {
        ui.theme.dim()
    };
    t.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(title.to_string()),
    );
    t.set_cursor_line_style(ratatui::style::Style::new());
    if !focused {
        t.set_cursor_style(ratatui::style::Style::new());
    }
    f.render_widget(&t, area);
}

/// What `y` copied, as text the mouse can select: a terminal may ignore OSC 52 silently.
pub fn draw_copied(f: &mut Frame, body: Rect, ui: &Ui, c: &crate::tui::app::TextPopup) {
    let l = ui.lang;
    let th = ui.theme;
    let w = body.width.saturating_sub(2);
    let text_w = usize::from(w.saturating_sub(2)).max(1);
    let mut shown: Vec<Line> = Vec::new();
    if c.copied {
        let hint = l.t(&crate::i18n::desktop::COPIED_HINT);
        shown.extend(hard_wrap(hint, text_w).map(|t| Line::styled(t, th.dim())));
        shown.push(Line::default());
    }
    shown.extend(
        c.text
            .lines()
            .flat_map(|t| hard_wrap(t, text_w))
            .map(Line::raw),
    );
    let area = centered(body, w, (shown.len() as u16 + 2).min(body.height));
    let block = popup(f, area, ui, &c.title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(Paragraph::new(shown), inner);
}

/// `text` cut into rows of at most `width` columns, at any character: word wrapping leaves
/// rows half empty in Chinese text mixed with Latin words, and the pop-up's height must be
/// known before drawing.
fn hard_wrap(text: &str, width: usize) -> impl Iterator<Item = String> {
    let mut rows = vec![String::new()];
    let mut used = 0;
    for ch in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw > width && used > 0 {
            rows.push(String::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(ch);
        }
        used += cw;
    }
    rows.into_iter()
}

pub fn draw_detail(f: &mut Frame, body: Rect, ui: &Ui, d: &Detail) {
    let l = ui.lang;
    let th = ui.theme;
    let area = centered(
        body,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    let block = popup(f, area, ui, &d.title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (label, value) in &d.fields {
        // A long value (an address, the possible actions) wraps under its label by width.
        let label = format!("{}：", l.t(label));
        let lw = label.width();
        let mut parts = wrap(value, w.saturating_sub(lw).max(8)).into_iter();
        lines.push(Line::from(vec![
            Span::styled(label, th.key()),
            Span::raw(parts.next().unwrap_or_default()),
        ]));
        for rest in parts {
            lines.push(Line::raw(format!("{}{rest}", " ".repeat(lw))));
        }
    }
    for (title, items) in &d.sections {
        lines.push(Line::styled(l.t(title), th.title()));
        for item in items {
            lines.push(Line::raw(fit(&format!("  {item}"), inner.width as usize)));
        }
    }
    if !d.history.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(l.t(&msg::HISTORY), th.title()));
        for e in &d.history {
            // The reason first: it is what a reader of the history looks for.
            let reason = e
                .reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let text = format!(
                "{} {} {}{} {}",
                when(&e.at),
                e.actor,
                audit_words::action(&e.action, l),
                reason,
                audit_words::detail(&e.entity, &e.detail, l)
            );
            lines.push(Line::raw(fit(&text, inner.width as usize)));
        }
    }
    // More than fits: the last line shown says so.
    let h = usize::from(inner.height);
    if lines.len() > h && h > 0 {
        lines.truncate(h);
        lines[h - 1] = Line::styled("…", th.dim());
    }
    f.render_widget(Paragraph::new(lines), inner);
}
