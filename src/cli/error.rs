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
        _ => None,
    }
}

/// Prints the error: one line on stderr plus a hint line; with `--json` also one JSON document
/// on stdout whose `problems` carry the file-level problem, if any.
pub fn report(e: &anyhow::Error, lang: Lang, json: bool) {
    let (message, hint, code) = match e.downcast_ref::<Failure>() {
        Some(f) => (f.message.clone(), f.hint.clone(), f.code),
        None => {
            let hint = e
                .downcast_ref::<StoreError>()
                .and_then(|s| store_hint(s, lang));
            // `{:#}` joins anyhow's context chain on one line: "reading x.xlsx: not a zip".
            (format!("{e:#}"), hint, None)
        }
    };
    errln!("kaowu: {}: {}", lang.t(&msg::ERROR), one_line(&message));
    if let Some(h) = &hint {
        errln!("  {}: {}", lang.t(&msg::HINT), one_line(h));
    }
    if json {
        let problems: Vec<_> = code
            .map(|c| json!({ "row": null, "column": null, "code": c, "message": message }))
            .into_iter()
            .collect();
        let doc = json!({ "error": message, "hint": hint, "problems": problems });
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
