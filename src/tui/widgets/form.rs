//! Draws the plan form: labelled one-line fields, the reason field when asked for, and the
//! validation error inline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;

use crate::i18n::tui as msg;
use crate::tui::action::Action;
use crate::tui::keymap::Scope;
use crate::tui::screen::Ui;
use crate::tui::screens::fees::money_form::MoneyForm;
use crate::tui::screens::plans::form::{LABELS, PlanForm};
use crate::tui::widgets::modal::{centered, popup};
use crate::tui::widgets::table::{fit, pad};

const LABEL_W: usize = 16;

pub fn draw(f: &mut Frame, body: Rect, ui: &Ui, form: &PlanForm) {
    let l = ui.lang;
    let mut labels: Vec<&str> = LABELS.iter().map(|m| l.t(m)).collect();
    labels.push(l.t(&msg::REASON_REQUIRED));
    let mut fields: Vec<_> = form.fields.iter().collect();
    if let Some(r) = &form.reason {
        fields.push(r);
    }
    let view = Fields {
        title: &form.title,
        labels: &labels,
        fields: &fields,
        focus: form.focus,
        error: form.error.as_deref(),
    };
    draw_fields(f, body, ui, &view);
}

/// Draws a money form of the Fees tab.
pub fn draw_money(f: &mut Frame, body: Rect, ui: &Ui, form: &MoneyForm) {
    let labels: Vec<&str> = form.labels.iter().map(|m| ui.lang.t(m)).collect();
    let fields: Vec<_> = form.fields.iter().collect();
    let view = Fields {
        title: &form.title,
        labels: &labels,
        fields: &fields,
        focus: form.focus,
        error: form.error.as_deref(),
    };
    draw_fields(f, body, ui, &view);
}

/// What a form popup shows, whichever form it is.
struct Fields<'a> {
    title: &'a str,
    labels: &'a [&'a str],
    fields: &'a [&'a TextArea<'static>],
    focus: usize,
    error: Option<&'a str>,
}

/// Labelled one-line fields in a popup, the error inline under them, then the key hints.
fn draw_fields(f: &mut Frame, body: Rect, ui: &Ui, v: &Fields<'_>) {
    let (title, labels, fields, focus, error) = (v.title, v.labels, v.fields, v.focus, v.error);
    let l = ui.lang;
    let th = ui.theme;
    let rows = fields.len();
    let h = (rows + 4) as u16;
    let area = centered(body, body.width.saturating_sub(4).min(76), h);
    let block = popup(f, area, ui, title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut constraints = vec![Constraint::Length(1); rows];
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Length(1));
    let areas = Layout::vertical(constraints).split(inner);
    for (i, t) in fields.iter().enumerate() {
        let focused = i == focus;
        let [label, input] =
            Layout::horizontal([Constraint::Length(LABEL_W as u16), Constraint::Min(1)])
                .areas(areas[i]);
        let style = if focused { th.focus() } else { th.dim() };
        let name = labels.get(i).copied().unwrap_or("");
        f.render_widget(Span::styled(pad(name, LABEL_W), style), label);
        let mut t = (*t).clone();
        t.set_placeholder_style(th.dim());
        t.set_cursor_line_style(ratatui::style::Style::new());
        if !focused {
            t.set_cursor_style(ratatui::style::Style::new());
        }
        f.render_widget(&t, input);
    }
    if let Some(e) = error {
        let w = inner.width as usize;
        f.render_widget(Line::styled(fit(e, w), th.error()), areas[rows]);
    }
    let key = |a| ui.keymap.binding(Scope::Form, &a);
    let (save, next, cancel) = (
        key(Action::Confirm),
        key(Action::NextField),
        key(Action::Back),
    );
    let hint = Line::from(vec![
        Span::styled(save.label(), th.key()),
        Span::raw(format!(" {}  ", l.t(save.what))),
        Span::styled(next.label(), th.key()),
        Span::raw(format!(" {}  ", l.t(next.what))),
        Span::styled(cancel.label(), th.key()),
        Span::raw(format!(" {}", l.t(cancel.what))),
    ]);
    f.render_widget(hint, areas[rows + 1]);
}
