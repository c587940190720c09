//! The import form: a file path with Tab completion, then the plan and the school (filled from
//! the file name when it follows the inbox pattern). Also the import progress gauge.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Gauge;
use ratatui_textarea::TextArea;

use crate::i18n::{Lang, Msg, triage as msg};
use crate::intake::inbox::parse_name;
use crate::tui::action::Action;
use super::imports::Imports;
use crate::tui::screen::Ui;
use crate::tui::keymap::Scope;
use crate::tui::widgets::modal::{centered, popup};
use crate::tui::widgets::path;
use crate::tui::widgets::table::{fit, pad};

/// Field labels, in form order.
pub const LABELS: [&Msg; 3] = [&msg::F_FILE, &msg::F_PLAN, &msg::F_SCHOOL];
pub const PATH: usize = 0;
pub const PLAN: usize = 1;
pub const SCHOOL: usize = 2;

/// How many completion choices the form lists.
const CHOICES: usize = 6;

#[derive(Debug, Clone)]
pub struct ImportForm {
    pub fields: Vec<TextArea<'static>>,
    pub focus: usize,
    pub error: Option<String>,
    /// What the last Tab found when it could not decide alone.
    pub choices: Vec<String>,
    /// The file waits in the inbox: it moves to `done/` once imported.
    pub from_inbox: bool,
}

fn field(value: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![value.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl ImportForm {
    /// A form holding `path`; plan and school come from the file name when it carries them.
    pub fn new(lang: Lang, path: &str, from_inbox: bool) -> ImportForm {
        let mut f = ImportForm {
            fields: vec![field(path), field(""), field("")],
            focus: PATH,
            error: None,
            choices: Vec::new(),
            from_inbox,
        };
        f.fields[PLAN].set_placeholder_text(lang.t(&msg::PLAN_HINT).to_string());
        f.fill_from_name();
        if from_inbox {
            f.focus = if f.text(PLAN).is_empty() {
                PLAN
            } else {
                SCHOOL
            };
        }
        f
    }

    pub fn text(&self, i: usize) -> String {
        self.fields[i].lines().join("").trim().to_string()
    }

    fn set(&mut self, i: usize, value: &str) {
        let placeholder = self.fields[i].placeholder_text().to_string();
        self.fields[i] = field(value);
        self.fields[i].set_placeholder_text(placeholder);
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
        self.choices.clear();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        self.choices.clear();
    }

    /// The path as typed, with a leading `~` meaning the home folder.
    pub fn path(&self) -> PathBuf {
        path::expand(&self.text(PATH))
    }

    /// Plan and school from a file name like `20211211-初级_浙江商业职业技术学院.xlsx`,
    /// into the fields still empty.
    fn fill_from_name(&mut self) {
        let name = self
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if let Some((plan, school)) = name.as_deref().and_then(parse_name) {
            if self.text(PLAN).is_empty() {
                self.set(PLAN, &plan);
            }
            if self.text(SCHOOL).is_empty() {
                self.set(SCHOOL, &school);
            }
        }
    }

    /// Tab in the focused field: a file name, a plan code or a school name. One match is
    /// taken; several extend the text to what they share and are listed.
    pub fn complete(&mut self, plans: &[String], schools: &[String]) {
        let text = self.text(self.focus);
        let (value, choices) = match self.focus {
            PATH => complete_path(&text),
            PLAN => complete_word(&text, plans),
            _ => complete_word(&text, schools),
        };
        self.set(self.focus, &value);
        self.choices = choices;
        if self.focus == PATH {
            self.fill_from_name();
        }
    }
}

/// Completes a path as typed: folders and `.xlsx` files in its folder starting with its last
/// part. Returns the new text and, when several match, their names.
pub fn complete_path(text: &str) -> (String, Vec<String>) {
    let c = path::complete(text, ".xlsx");
    (c.text, c.choices)
}

/// Completes a plan code or a school name: items starting with the text first, then items
/// containing it (school names are often typed from the middle: 商业 for 浙江商业…).
pub fn complete_word(text: &str, items: &[String]) -> (String, Vec<String>) {
    let mut found: Vec<String> = items
        .iter()
        .filter(|s| s.starts_with(text))
        .cloned()
        .collect();
    if found.is_empty() {
        found = items.iter().filter(|s| s.contains(text)).cloned().collect();
    }
    match found.len() {
        0 => (text.to_string(), Vec::new()),
        1 => (found[0].clone(), Vec::new()),
        _ => {
            let common = path::common_prefix(&found);
            let value = if common.len() > text.len() {
                common
            } else {
                text.to_string()
            };
            (value, found)
        }
    }
}

const LABEL_W: usize = 10;

pub fn draw(f: &mut Frame, body: Rect, ui: &Ui, form: &ImportForm) {
    let l = ui.lang;
    let th = ui.theme;
    let area = centered(body, body.width.saturating_sub(4).min(76), 10);
    let block = popup(f, area, ui, l.t(&msg::IMPORT_TITLE));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner);
    for (i, t) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let [label, input] =
            Layout::horizontal([Constraint::Length(LABEL_W as u16), Constraint::Min(1)])
                .areas(rows[i]);
        let style = if focused { th.focus() } else { th.dim() };
        f.render_widget(Span::styled(pad(l.t(LABELS[i]), LABEL_W), style), label);
        let mut t = t.clone();
        t.set_placeholder_style(th.dim());
        t.set_cursor_line_style(ratatui::style::Style::new());
        if !focused {
            t.set_cursor_style(ratatui::style::Style::new());
        }
        f.render_widget(&t, input);
    }
    let w = inner.width as usize;
    if !form.choices.is_empty() {
        let shown: Vec<&str> = form
            .choices
            .iter()
            .take(CHOICES)
            .map(String::as_str)
            .collect();
        let more = form.choices.len().saturating_sub(CHOICES);
        let mut text = shown.join("  ");
        if more > 0 {
            text.push_str(&l.fill(&msg::MORE_CHOICES, &[("n", &more)]));
        }
        f.render_widget(Line::styled(fit(&text, w), th.dim()), rows[4]);
    }
    if let Some(e) = &form.error {
        f.render_widget(Line::styled(fit(e, w), th.error()), rows[5]);
    }
    let pair = |b: &crate::tui::keymap::Binding| {
        vec![
            Span::styled(b.label(), th.key()),
            Span::raw(format!(" {}  ", l.t(b.what))),
        ]
    };
    let mut hint = Vec::new();
    for a in [
        Action::Confirm,
        Action::Complete,
        Action::NextField,
        Action::Back,
    ] {
        hint.extend(pair(ui.keymap.binding(Scope::Import, &a)));
    }
    f.render_widget(Line::from(hint), rows[7]);
}

/// The running import's gauge, one line: the file and how far reading has got. A sheet does not
/// say how many rows it has before it is read, so the end is estimated from the file's size.
pub fn draw_progress(f: &mut Frame, area: Rect, ui: &Ui, imports: &Imports) {
    let Some(r) = &imports.running else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let l = ui.lang;
    let name = Path::new(&r.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut label = l.fill(&msg::IMPORTING, &[("file", &name), ("rows", &r.rows)]);
    let waiting = imports.queue.len();
    if waiting > 0 {
        label.push_str(&l.fill(&msg::QUEUED, &[("n", &waiting)]));
    }
    let gauge = Gauge::default()
        .gauge_style(ui.theme.focus())
        .ratio(r.ratio())
        .label(fit(&label, area.width as usize));
    f.render_widget(gauge, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_files_plans_and_schools() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("20211211-初级_浙江商业职业技术学院.xlsx"), b"x").unwrap();
        std::fs::write(d.join("notes.txt"), b"x").unwrap();
        std::fs::create_dir(d.join("done")).unwrap();
        let base = format!("{}/", d.display());
        let (one, none) = complete_path(&format!("{base}2021"));
        assert_eq!(
            one,
            format!("{base}20211211-初级_浙江商业职业技术学院.xlsx")
        );
        assert!(none.is_empty());
        let (same, both) = complete_path(&base);
        assert_eq!(same, base);
        assert_eq!(both, ["20211211-初级_浙江商业职业技术学院.xlsx", "done/"]);

        let mut form = ImportForm::new(Lang::Zh, &format!("{base}2021"), false);
        form.complete(&[], &[]);
        assert_eq!(form.text(PLAN), "20211211-初级");
        assert_eq!(form.text(SCHOOL), "浙江商业职业技术学院");

        let plans = ["20211211-初级".to_string(), "20211211-高级".to_string()];
        assert_eq!(
            complete_word("2021", &plans),
            ("20211211-".to_string(), plans.to_vec())
        );
        let schools = [
            "浙江商业职业技术学院".to_string(),
            "义乌工商职业技术学院".into(),
        ];
        assert_eq!(complete_word("义乌", &schools).0, "义乌工商职业技术学院");
        assert_eq!(complete_word("商业", &schools).0, "浙江商业职业技术学院");
    }
}
