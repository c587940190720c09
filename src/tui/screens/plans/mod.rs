//! 考试计划: every plan with its window, exam slot and where the window stands.

mod draw;

pub mod update;

pub mod form;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use crate::domain::{Plan, time};
use crate::i18n::{common, tui as msg};
use crate::store::{Result, Store};
use crate::tui::widgets::table::{Cursor, FilterWords, draw_list, fit};
use crate::tui::keymap::Scope;
use crate::tui::app::Detail;
use crate::tui::action::Action;
use crate::tui::app::Modal;
use crate::tui::screen::{Env, Opened, Reply, Screen, Ui};
use form::PlanForm;

#[derive(Debug, Clone, Default)]
pub struct PlansState {
    all: Vec<Plan>,
    /// The plans the filter lets through, in exam order.
    pub shown: Vec<Plan>,
    pub filter: String,
    pub cursor: Cursor,
}

impl PlansState {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.all = store.plans()?;
        self.apply_filter();
        Ok(())
    }

    /// Narrows the list to plans whose code, name, level or group hold every filter word.
    pub fn apply_filter(&mut self) {
        let words = FilterWords::new(&self.filter);
        self.shown = self
            .all
            .iter()
            .filter(|p| {
                words.hit(&format!(
                    "{} {} {} {}",
                    p.code(),
                    p.name,
                    p.level.key(),
                    p.group
                ))
            })
            .cloned()
            .collect();
        self.cursor.set_len(self.shown.len());
    }

    pub fn selected(&self) -> Option<&Plan> {
        self.shown.get(self.cursor.selected)
    }
}

impl PlansState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::tui::TAB_PLANS;
    pub const KEYS: &'static [Scope] = &[Scope::Plans, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[Scope::Form];
}

impl PlansState {
    /// `y` / `Y`: the selected plan's group reminder / under-20 notice onto the clipboard.
    fn copy_message(&self, action: &Action, env: &Env) -> Reply {
        use crate::i18n::desktop as dmsg;
        let l = env.lang;
        let Some(p) = self.selected() else {
            return Reply::Done;
        };
        let (text, title) = if *action == Action::Copy {
            (
                crate::replies::reminder(env.store, l, p.id, env.at),
                &dmsg::COPIED_REMINDER,
            )
        } else {
            (crate::replies::notice(env.store, l, p.id), &dmsg::COPIED_NOTICE)
        };
        match text {
            Ok(text) => Reply::Copy {
                title: l.fill(title, &[("plan", &p.code())]),
                text,
            },
            Err(e) => Reply::Fail(crate::i18n::errors::store_error(&e, l)),
        }
    }
}

impl Screen for PlansState {
    fn handle(&mut self, action: &Action, env: &mut Env) -> Reply {
        if matches!(action, Action::Copy | Action::CopyNotice) {
            return self.copy_message(action, env);
        }
        let form = match action {
            Action::AddPlan => PlanForm::add(env.lang),
            Action::EditPlan => match self.selected() {
                Some(p) => PlanForm::edit(env.lang, p),
                None => return Reply::Done,
            },
            _ => return Reply::Ignored,
        };
        Reply::Open(Modal::Form(Box::new(form)))
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, _env: &Env) -> Result<()> {
        self.cursor.apply(m);
        Ok(())
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        PlansState::refresh(self, env.store)
    }

    fn narrow(&mut self, _env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.apply_filter();
        Ok(())
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        use crate::i18n::{common, tui as msg};
        let l = env.lang;
        Ok(self.selected().map(|p| {
            let w = p.window_at(env.at);
            (
                Detail {
                    title: p.code(),
                    fields: vec![
                        (&msg::F_NAME, p.name.clone()),
                        (&msg::F_LEVEL, l.t(common::level(p.level)).to_string()),
                        (&msg::COL_WINDOW, format!("{} – {}", p.opens, p.closes)),
                        (
                            &msg::COL_EXAM,
                            format!(
                                "{} – {}",
                                crate::domain::time::short(&p.exam_start),
                                p.exam_end.format("%H:%M")
                            ),
                        ),
                        (&msg::COL_STATE, common::window_with_countdown(l, &w)),
                        (&msg::F_GROUP, p.group.clone()),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                Some(("plan", p.id)),
            )
        }))
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn filter_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.filter)
    }

    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui) {
        draw::draw(self, f, area, ui)
    }
}
