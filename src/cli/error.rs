//! Printing any error as one plain line plus a hint (exit 2), never a Debug dump. The words
//! come from the one catalog road, `i18n::errors`.

use serde_json::json;

pub use crate::context::Failure;
use crate::domain::time::BadTime;
use crate::i18n::{Lang, cli as msg};
use crate::store::StoreError;

/// Prints the error: one line on stderr plus a hint line; with `--json` also one JSON document
/// on stdout whose `problems` carry the file-level problem, if any.
pub fn report(e: &anyhow::Error, lang: Lang, json: bool) {
    // Store errors and unreadable times are said through the catalog like any other;
    // anything else has no sentence of its own and keeps its text.
    let said = e
        .downcast_ref::<StoreError>()
        .map(|s| Failure::store(s, lang))
        .or_else(|| {
            e.downcast_ref::<BadTime>()
                .map(|t| Failure::bad_time(t, lang))
        });
    let (message, hint, code) = match e.downcast_ref::<Failure>().or(said.as_ref()) {
        Some(f) => (f.message.clone(), f.hint.clone(), f.code),
        // `{:#}` joins anyhow's context chain on one line: "reading x.xlsx: not a zip".
        None => (format!("{e:#}"), None, None),
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
