//! The money forms of the Fees tab: record a payment or a payout, issue an invoice. Saving
//! reads the fields into a draft that the confirm modal shows before anything is written.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use crate::domain::fees;
use crate::i18n::{Lang, Msg, fees as msg};
use crate::store::{Buyer, Ledger, NewEntry};

/// What a money form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyKind {
    Payment,
    Payout,
    Invoice,
}

/// A checked form, waiting in the confirm modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyDraft {
    Entry(Ledger, NewEntry),
    Invoice {
        school_id: i64,
        amount: i64,
        buyer: Buyer,
    },
}

#[derive(Debug, Clone)]
pub struct MoneyForm {
    pub kind: MoneyKind,
    pub school_id: i64,
    pub school: String,
    pub title: String,
    pub labels: Vec<&'static Msg>,
    pub fields: Vec<TextArea<'static>>,
    initial: Vec<String>,
    pub focus: usize,
    pub error: Option<String>,
}

fn field(value: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![value.to_string()]);
    t.set_placeholder_text(placeholder.to_string());
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl MoneyForm {
    /// A payment from a school (Payment) or a payout to a site (Payout), dated `today`.
    pub fn entry(
        lang: Lang,
        ledger: Ledger,
        school_id: i64,
        school: &str,
        today: NaiveDate,
    ) -> MoneyForm {
        let (kind, title) = match ledger {
            Ledger::Payment => (MoneyKind::Payment, &msg::FORM_PAYMENT),
            Ledger::Payout => (MoneyKind::Payout, &msg::FORM_PAYOUT),
        };
        let labels = vec![&msg::F_AMOUNT, &msg::F_DATE, &msg::F_METHOD, &msg::F_REF];
        let values = vec![
            String::new(),
            today.to_string(),
            String::new(),
            String::new(),
        ];
        let placeholders = [
            lang.t(&msg::FIELD_HINT_AMOUNT),
            "YYYY-MM-DD",
            lang.t(&msg::FIELD_HINT_METHOD),
            lang.t(&msg::FIELD_HINT_REF),
        ];
        Self::build(
            kind,
            school_id,
            lang.fill(title, &[("school", &school)]),
            school,
            labels,
            values,
            &placeholders,
        )
    }

    /// An invoice to a school, its buyer filled in from 附件2 and editable.
    pub fn invoice(
        lang: Lang,
        school_id: i64,
        school: &str,
        title: &str,
        tax_id: &str,
    ) -> MoneyForm {
        let labels = vec![&msg::F_AMOUNT, &msg::F_TITLE, &msg::F_TAX_ID];
        let values = vec![String::new(), title.to_string(), tax_id.to_string()];
        Self::build(
            MoneyKind::Invoice,
            school_id,
            lang.fill(&msg::FORM_INVOICE, &[("school", &school)]),
            school,
            labels,
            values,
            &[lang.t(&msg::FIELD_HINT_AMOUNT), "", ""],
        )
    }

    fn build(
        kind: MoneyKind,
        school_id: i64,
        title: String,
        school: &str,
        labels: Vec<&'static Msg>,
        values: Vec<String>,
        placeholders: &[&str],
    ) -> MoneyForm {
        let fields = values
            .iter()
            .zip(placeholders)
            .map(|(v, p)| field(v, p))
            .collect();
        MoneyForm {
            kind,
            school_id,
            school: school.to_string(),
            title,
            labels,
            fields,
            initial: values,
            focus: 0,
            error: None,
        }
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    pub fn focused_mut(&mut self) -> &mut TextArea<'static> {
        let i = self.focus.min(self.fields.len() - 1);
        &mut self.fields[i]
    }

    pub fn value(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// Whether any field differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        (0..self.fields.len()).any(|i| self.value(i) != self.initial[i].trim())
    }

    /// Reads the fields into a checked draft, or says which field is wrong.
    pub fn draft(&self, l: Lang) -> Result<MoneyDraft, String> {
        // An empty field is asked for; a bad one names what was typed and what is expected.
        let bad = |i: usize, expected: &Msg| {
            if self.value(i).is_empty() {
                return l.fill(&msg::ERR_REQUIRED, &[("field", &l.t(self.labels[i]))]);
            }
            l.fill(
                &msg::ERR_FIELD,
                &[
                    ("field", &l.t(self.labels[i])),
                    ("value", &self.value(i)),
                    ("expected", &l.t(expected)),
                ],
            )
        };
        let amount = fees::parse_yuan(&self.value(0)).map_err(|_| bad(0, &msg::EXPECT_AMOUNT))?;
        fees::check_amount(amount).map_err(|e| msg::refused(&e, l))?;
        match self.kind {
            MoneyKind::Payment | MoneyKind::Payout => {
                let date: NaiveDate = self
                    .value(1)
                    .parse()
                    .map_err(|_| bad(1, &msg::EXPECT_DATE))?;
                if self.value(3).is_empty() {
                    return Err(l.fill(&msg::ERR_REQUIRED, &[("field", &l.t(self.labels[3]))]));
                }
                let ledger = if self.kind == MoneyKind::Payment {
                    Ledger::Payment
                } else {
                    Ledger::Payout
                };
                Ok(MoneyDraft::Entry(
                    ledger,
                    NewEntry {
                        school_id: self.school_id,
                        amount,
                        date,
                        method: self.value(2),
                        reference: self.value(3),
                    },
                ))
            }
            MoneyKind::Invoice => {
                let (title, tax_id) = fees::check_buyer(&self.value(1), &self.value(2))
                    .map_err(|e| msg::refused(&e, l))?;
                Ok(MoneyDraft::Invoice {
                    school_id: self.school_id,
                    amount,
                    buyer: Buyer {
                        title: Some(title),
                        tax_id: Some(tax_id),
                    },
                })
            }
        }
    }
}
