//! The plan form: seven text fields, and a reason field once the store says a window change
//! needs one.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use crate::domain::{Level, Plan, PlanDraft, time};
use crate::i18n::errors::plan_error;
use crate::i18n::{Lang, Msg, tui as msg};

/// Field labels, in form order.
pub const LABELS: [&Msg; 7] = [
    &msg::F_NAME,
    &msg::F_LEVEL,
    &msg::F_OPENS,
    &msg::F_CLOSES,
    &msg::F_EXAM_START,
    &msg::F_EXAM_END,
    &msg::F_GROUP,
];

#[derive(Debug, Clone)]
pub struct PlanForm {
    /// The plan being edited; `None` when adding.
    pub plan_id: Option<i64>,
    pub title: String,
    pub fields: Vec<TextArea<'static>>,
    initial: Vec<String>,
    /// Shown once saving said the window change needs a reason.
    pub reason: Option<TextArea<'static>>,
    /// Index into the fields, the reason field being the last when shown.
    pub focus: usize,
    pub error: Option<String>,
}

fn field(value: String, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![value]);
    t.set_placeholder_text(placeholder.to_string());
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl PlanForm {
    /// A form for a new plan.
    pub fn add(lang: Lang) -> PlanForm {
        Self::build(
            lang,
            None,
            lang.t(&msg::FORM_ADD).to_string(),
            vec![String::new(); 7],
        )
    }

    /// A form holding an existing plan.
    pub fn edit(lang: Lang, p: &Plan) -> PlanForm {
        let values = vec![
            p.name.clone(),
            match lang {
                Lang::Zh => p.level.zh(),
                Lang::En => p.level.key(),
            }
            .to_string(),
            p.opens.to_string(),
            p.closes.to_string(),
            time::short(&p.exam_start),
            time::short(&p.exam_end),
            p.group.clone(),
        ];
        let title = lang.fill(&msg::FORM_EDIT, &[("plan", &p.code())]);
        Self::build(lang, Some(p.id), title, values)
    }

    fn build(lang: Lang, plan_id: Option<i64>, title: String, values: Vec<String>) -> PlanForm {
        let placeholders = [
            "",
            lang.t(&msg::LEVEL_HINT),
            "YYYY-MM-DD",
            "YYYY-MM-DD",
            "YYYY-MM-DD HH:MM",
            "YYYY-MM-DD HH:MM",
            "",
        ];
        let fields = values
            .iter()
            .zip(placeholders)
            .map(|(v, ph)| field(v.clone(), ph))
            .collect();
        PlanForm {
            plan_id,
            title,
            fields,
            initial: values,
            reason: None,
            focus: 0,
            error: None,
        }
    }

    fn count(&self) -> usize {
        self.fields.len() + usize::from(self.reason.is_some())
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.count();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.count() - 1) % self.count();
    }

    /// The focused text field.
    pub fn focused_mut(&mut self) -> &mut TextArea<'static> {
        if self.focus >= self.fields.len()
            && let Some(r) = self.reason.as_mut()
        {
            return r;
        }
        let i = self.focus.min(self.fields.len() - 1);
        &mut self.fields[i]
    }

    pub fn value(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// The typed reason, if any.
    pub fn reason_text(&self) -> Option<String> {
        let r = self.reason.as_ref()?.lines().join(" ");
        let r = r.trim();
        (!r.is_empty()).then(|| r.to_string())
    }

    /// Whether any field differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        (0..self.fields.len()).any(|i| self.value(i) != self.initial[i].trim())
            || self.reason_text().is_some()
    }

    /// Shows the reason field and puts the cursor in it.
    pub fn ask_reason(&mut self) {
        if self.reason.is_none() {
            self.reason = Some(TextArea::default());
        }
        self.focus = self.fields.len();
    }

    /// Reads the fields into a checked draft, or says which field is wrong.
    pub fn draft(&self, l: Lang) -> Result<PlanDraft, String> {
        let bad = |i: usize| {
            l.fill(
                &msg::ERR_FIELD,
                &[("field", &l.t(LABELS[i])), ("value", &self.value(i))],
            )
        };
        let date =
            |i: usize| NaiveDate::parse_from_str(&self.value(i), "%Y-%m-%d").map_err(|_| bad(i));
        let when = |i: usize| time::parse_time(&self.value(i)).map_err(|_| bad(i));
        let draft = PlanDraft {
            name: self.value(0),
            level: self.value(1).parse::<Level>().map_err(|_| bad(1))?,
            opens: date(2)?,
            closes: date(3)?,
            exam_start: when(4)?,
            exam_end: when(5)?,
            group: self.value(6),
        };
        draft.validate().map_err(|e| plan_error(&e, l))?;
        Ok(draft)
    }
}
