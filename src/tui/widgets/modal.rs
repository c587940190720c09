//! The generic confirm modal and the detail popup.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::domain::fees::format_yuan;
use crate::i18n::{common, fees as fmsg, tui as msg};
use crate::store::Ledger;
use crate::tui::action::PendingAction;
use crate::tui::app::{App, Confirm, Detail};
use crate::tui::screens::audit::when;
use crate::tui::screens::money_form::MoneyDraft;
use crate::tui::widgets::table::fit;

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
pub fn popup<'a>(f: &mut Frame, area: Rect, app: &App, title: &str) -> Block<'a> {
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
        .border_style(app.theme.focus())
        .title(Span::styled(format!(" {title} "), app.theme.title()))
}

/// What the confirm modal asks.
fn question(app: &App, p: &PendingAction) -> String {
    let l = app.lang;
    match p {
        PendingAction::Site { school, action, .. } => l.fill(
            &msg::CONFIRM_SITE,
            &[
                ("action", &l.t(common::site_action(*action))),
                ("school", school),
            ],
        ),
        PendingAction::Money { school, draft } => money_question(l, school, draft),
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

pub fn draw_confirm(f: &mut Frame, body: Rect, app: &App, c: &Confirm) {
    let l = app.lang;
    let th = &app.theme;
    let h = if c.reason.is_some() { 9 } else { 6 };
    let area = centered(body, 64, h);
    let block = popup(f, area, app, l.t(&msg::CONFIRM_TITLE));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let reason_h = if c.reason.is_some() { 3 } else { 0 };
    let [q, reason, err, hint] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(reason_h),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(question(app, &c.pending)).wrap(Wrap { trim: true }),
        q,
    );
    if let Some(r) = &c.reason {
        text_field(f, reason, app, r, l.t(&msg::REASON_REQUIRED), true);
    }
    if let Some(e) = &c.error {
        f.render_widget(Line::styled(fit(e, err.width as usize), th.error()), err);
    }
    let keys = &app.keymap;
    f.render_widget(
        Line::from(vec![
            Span::styled(keys.confirm.label(), th.key()),
            Span::raw(format!(" {}  ", l.t(keys.confirm.what))),
            Span::styled(keys.close.label(), th.key()),
            Span::raw(format!(" {}", l.t(keys.close.what))),
        ]),
        hint,
    );
}

/// A one-line text field in a titled box; the cursor shows only when focused.
pub fn text_field(
    f: &mut Frame,
    area: Rect,
    app: &App,
    t: &TextArea<'static>,
    title: &str,
    focused: bool,
) {
    let mut t = t.clone();
    let border = if focused {
        app.theme.focus()
    } else {
        app.theme.dim()
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

pub fn draw_detail(f: &mut Frame, body: Rect, app: &App, d: &Detail) {
    let l = app.lang;
    let th = &app.theme;
    let area = centered(
        body,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    let block = popup(f, area, app, &d.title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines: Vec<Line> = d
        .fields
        .iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!("{}：", l.t(label)), th.key()),
                Span::raw(value.clone()),
            ])
        })
        .collect();
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
                e.action,
                reason,
                e.detail
            );
            lines.push(Line::raw(fit(&text, inner.width as usize)));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
