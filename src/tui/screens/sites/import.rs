//! `i` on the Sites screen: load 附件2 (院校基本信息) from a typed path, Tab completing it.
//! All or nothing, as on the command line: a file with any problem imports no school and the
//! prompt says the first problem and how many there are.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::i18n::{cli as cmsg, sheets, tui as msg};
use crate::intake::schools::read_schools;
use crate::tui::action::Action;
use crate::tui::app::{App, Modal, Tab};
use crate::tui::screen::Ui;
use crate::tui::widgets::modal::{centered, popup, text_field};
use crate::tui::widgets::path;
use crate::tui::widgets::table::fit;

#[derive(Debug, Clone)]
pub struct SchoolsImport {
    pub path: TextArea<'static>,
    /// What the last Tab found when it could not decide alone.
    pub choices: Vec<String>,
    pub error: Option<String>,
}

impl SchoolsImport {
    /// A prompt starting at `start` (a folder, to type the file's name after).
    pub fn new(start: &str) -> SchoolsImport {
        let mut path = TextArea::new(vec![start.to_string()]);
        path.move_cursor(ratatui_textarea::CursorMove::End);
        SchoolsImport {
            path,
            choices: Vec::new(),
            error: None,
        }
    }

    pub fn text(&self) -> String {
        self.path.lines().join("").trim().to_string()
    }
}

/// A key in the prompt.
pub fn key(app: &mut App, action: Action) {
    let Some(Modal::SchoolsImport(p)) = app.modals.last_mut() else {
        return;
    };
    match action {
        Action::Text(input) => {
            p.path.input(input);
            p.choices.clear();
            p.error = None;
        }
        Action::Complete => {
            let c = path::complete(&p.text(), ".xlsx");
            p.path = TextArea::new(vec![c.text]);
            p.path.move_cursor(ratatui_textarea::CursorMove::End);
            p.choices = c.choices;
        }
        Action::Back => {
            app.modals.pop();
        }
        Action::Confirm => import(app),
        _ => {}
    }
}

/// Enter: reads the file and, when it has no problem, loads its schools.
fn import(app: &mut App) {
    let l = app.lang;
    let Some(Modal::SchoolsImport(p)) = app.modals.last() else {
        return;
    };
    let file = path::expand(&p.text());
    let outcome = match read_schools(&file, l) {
        Err(e) => Err(e.to_string()),
        Ok(sheet) if !sheet.problems.is_empty() => {
            let first = crate::i18n::problems::text(&sheet.problems[0], l);
            let all = l.fill(
                &sheets::SCHOOLS_NOT_IMPORTED,
                &[("file", &sheet.file), ("n", &sheet.problems.len())],
            );
            Err(format!("{all}: {first}"))
        }
        Ok(sheet) if sheet.schools.is_empty() => {
            Err(l.fill(&sheets::SCHOOLS_NO_ROWS, &[("file", &sheet.file)]))
        }
        Ok(sheet) => match app.store.import_schools(&app.actor, &sheet.schools) {
            Ok(r) => Ok(l.fill(
                &cmsg::SCHOOLS_IMPORTED,
                &[
                    ("file", &sheet.file),
                    ("added", &r.added),
                    ("updated", &r.updated),
                    ("unchanged", &r.unchanged),
                ],
            )),
            Err(e) => Err(app.store_error(&e)),
        },
    };
    match outcome {
        Ok(text) => {
            app.modals.pop();
            app.say(text);
            app.recorded(Tab::Sites);
        }
        Err(text) => {
            if let Some(Modal::SchoolsImport(p)) = app.modals.last_mut() {
                p.error = Some(text);
            }
        }
    }
}

pub fn draw(f: &mut Frame, body: Rect, ui: &Ui, p: &SchoolsImport) {
    let l = ui.lang;
    let area = centered(body, 72, 12);
    let block = popup(f, area, ui, l.t(&msg::SCHOOLS_IMPORT_TITLE));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [intro, field, choices, err] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(l.t(&msg::SCHOOLS_IMPORT_INTRO)).wrap(Wrap { trim: false }),
        intro,
    );
    text_field(f, field, ui, &p.path, l.t(&msg::SCHOOLS_IMPORT_PATH), true);
    if !p.choices.is_empty() {
        let text = p.choices.join("  ");
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), choices);
    }
    if let Some(e) = &p.error {
        let w = err.width as usize;
        f.render_widget(
            Paragraph::new(Line::styled(fit(e, w * 2), ui.theme.error()))
                .wrap(Wrap { trim: false }),
            err,
        );
    }
}
