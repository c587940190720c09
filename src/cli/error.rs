//! Turning any error into one plain line plus a hint (exit 2), never a Debug dump.

use serde_json::json;

use crate::i18n::{Lang, cli as msg};
use crate::store::StoreError;

// Failure lives below both faces: the console raises it too.
pub use crate::context::Failure;

/// The hint for a store error, where there is one.
fn store_hint(e: &StoreError, lang: Lang) -> Option<String> {
    match e {
        StoreError::UnknownPlan(_) => Some(lang.t(&msg::HINT_PLANS).into()),
        StoreError::UnknownSchool(_) => Some(lang.t(&msg::HINT_SCHOOLS).into()),
        StoreError::WindowReasonRequired => Some(lang.t(&msg::HINT_REASON).into()),
        StoreError::Site(crate::domain::SiteError::ReasonRequired { .. }) => {
            Some(lang.t(&msg::HINT_REASON).into())
        }
        _ => crate::i18n::errors::file_hint(e).map(|m| lang.t(m).into()),
    }
}

/// Prints the error: one line on stderr plus a hint line; with `--json` also one JSON document
/// on stdout whose `problems` carry the file-level problem, if any.
pub fn report(e: &anyhow::Error, lang: Lang, json: bool) {
    let (message, hint, code) = match e.downcast_ref::<Failure>() {
        Some(f) => (f.message.clone(), f.hint.clone(), f.code),
        None => {
            let store = e.downcast_ref::<StoreError>();
            let hint = store.and_then(|s| store_hint(s, lang));
            let message = match store {
                // About the database file itself: said in the user's language.
                Some(s) if crate::i18n::errors::file_hint(s).is_some() => {
                    crate::i18n::errors::store_error(s, lang)
                }
                // `{:#}` joins anyhow's context chain on one line: "reading x.xlsx: not a zip".
                _ => format!("{e:#}"),
            };
            (message, hint, None)
        }
    };
    eprintln!("kaowu: {}: {}", lang.t(&msg::ERROR), one_line(&message));
    if let Some(h) = &hint {
        eprintln!("  {}: {}", lang.t(&msg::HINT), one_line(h));
    }
    if json {
        let problems: Vec<_> = code
            .map(|c| json!({ "row": null, "column": null, "code": c, "message": message }))
            .into_iter()
            .collect();
        let doc = json!({ "error": message, "hint": hint, "problems": problems });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
