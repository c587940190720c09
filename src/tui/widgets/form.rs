//! Draws the plan form: labelled one-line fields, the reason field when asked for, and the
//! validation error inline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::i18n::tui as msg;
use crate::tui::app::App;
use crate::tui::screens::plan_form::{LABELS, PlanForm};
use crate::tui::widgets::modal::{centered, popup};
use crate::tui::widgets::table::{fit, pad};

const LABEL_W: usize = 16;

pub fn draw(f: &mut Frame, body: Rect, app: &App, form: &PlanForm) {
    let l = app.lang;
    let th = &app.theme;
    let rows = form.fields.len() + usize::from(form.reason.is_some());
    let h = (rows + 4) as u16;
    let area = centered(body, body.width.saturating_sub(4).min(76), h);
    let block = popup(f, area, app, &form.title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut constraints = vec![Constraint::Length(1); rows];
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Length(1));
    let areas = Layout::vertical(constraints).split(inner);
    let mut labels: Vec<&str> = LABELS.iter().map(|m| l.t(m)).collect();
    labels.push(l.t(&msg::REASON_REQUIRED));
    let mut fields: Vec<_> = form.fields.iter().collect();
    if let Some(r) = &form.reason {
        fields.push(r);
    }
    for (i, t) in fields.into_iter().enumerate() {
        let focused = i == form.focus;
        let [label, input] =
            Layout::horizontal([Constraint::Length(LABEL_W as u16), Constraint::Min(1)])
                .areas(areas[i]);
        let style = if focused { th.focus() } else { th.dim() };
        f.render_widget(Span::styled(pad(labels[i], LABEL_W), style), label);
        let mut t = t.clone();
        t.set_placeholder_style(th.dim());
        t.set_cursor_line_style(ratatui::style::Style::new());
        if !focused {
            t.set_cursor_style(ratatui::style::Style::new());
        }
        f.render_widget(&t, input);
    }
    if let Some(e) = &form.error {
        let w = inner.width as usize;
        f.render_widget(Line::styled(fit(e, w), th.error()), areas[rows]);
    }
    let keys = &app.keymap;
    let hint = Line::from(vec![
        Span::styled(keys.save.label(), th.key()),
        Span::raw(format!(" {}  ", l.t(keys.save.what))),
        Span::styled(keys.next_field.label(), th.key()),
        Span::raw(format!(" {}  ", l.t(keys.next_field.what))),
        Span::styled(keys.cancel.label(), th.key()),
        Span::raw(format!(" {}", l.t(keys.cancel.what))),
    ]);
    f.render_widget(hint, areas[rows + 1]);
}
