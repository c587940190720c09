//! The `?` overlay, generated from the keymap: the scopes of the current screen and its keys,
//! in two columns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::tui as msg;
use crate::tui::action::Action;
use crate::tui::keymap::{Mode, Scope};
use crate::tui::screen::Ui;
use crate::tui::widgets::modal::popup;
use crate::tui::widgets::table::{fit, pad};

const KEY_W: usize = 13;

/// Drawn over the whole terminal: the keymap is long and the help must show all of it.
/// `under` is who has the keyboard beneath the help: its keys are shown.
pub fn draw(f: &mut Frame, area: Rect, ui: &Ui, under: Mode) {
    let th = ui.theme;
    let l = ui.lang;
    let close = ui.keymap.binding(Scope::Modal, &Action::Back);
    let title = format!(
        "{} · {} {}",
        l.t(&msg::HELP_TITLE),
        close.label(),
        l.t(close.what)
    );
    let block = popup(f, area, ui, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    let what_w = (left.width as usize).saturating_sub(KEY_W + 1);
    let mut lines: Vec<Line> = Vec::new();
    for (title, group) in ui.keymap.help(ui.lang, under) {
        lines.push(Line::styled(title, th.title()));
        for (keys, what, action) in group {
            // A key beyond the person's roles is listed as needing its role, never left out.
            let lacking = crate::tui::roles::needs(&action).filter(|r| !ui.roles.grant(*r));
            let line = match lacking {
                None => Line::from(vec![
                    Span::styled(pad(&keys, KEY_W), th.key()),
                    Span::raw(fit(what, what_w)),
                ]),
                Some(role) => {
                    let needs = l.fill(
                        &crate::i18n::staff::NEEDS_ROLE_KEY,
                        &[("role", &crate::i18n::staff::role(role, l))],
                    );
                    Line::from(vec![
                        Span::styled(pad(&keys, KEY_W), th.dim()),
                        Span::styled(fit(&format!("{what}{needs}"), what_w), th.dim()),
                    ])
                }
            };
            lines.push(line);
        }
    }
    // Fill the left column, then the right; a scope title never ends a column.
    let mut split = (inner.height as usize).min(lines.len());
    if split > 0 && split < lines.len() && is_title(&lines[split - 1], th) {
        split -= 1;
    }
    let rest = lines.split_off(split);
    f.render_widget(Paragraph::new(lines), left);
    f.render_widget(Paragraph::new(rest), right);
}

fn is_title(line: &Line, th: &crate::tui::theme::Theme) -> bool {
    line.spans.len() == 1 && line.style == th.title()
}
