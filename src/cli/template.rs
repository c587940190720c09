//! `kaowu template students|schools -o FILE`: write 附件1 / 附件2 for schools to fill in.

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Failure, Outcome};
use crate::export::{TemplateKind, write_template};
use crate::i18n::cli as msg;

pub fn write(ctx: &Ctx, kind: TemplateKind, output: &Path) -> Result<Outcome> {
    write_template(kind, output, ctx.lang).map_err(|e| Failure::new(e.message(ctx.lang)))?;
    let file = output.display().to_string();
    if ctx.json {
        let kind = match kind {
            TemplateKind::Students => "students",
            TemplateKind::Schools => "schools",
        };
        ctx.print_json(&json!({ "template": kind, "file": file }));
    } else {
        outln!(
            "{}",
            ctx.lang.fill(&msg::TEMPLATE_WRITTEN, &[("file", &file)])
        );
    }
    Ok(Outcome::Clean)
}
