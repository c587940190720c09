//! `kaowu sites` and `kaowu site apply|approve|reject|suspend`.

use anyhow::Result;
use serde_json::json;

use super::args::SiteActionArg;
use super::{Ctx, Failure, Outcome, table};
use crate::domain::{SiteAction, SiteState};
use crate::i18n::{cli as msg, common};
use crate::store::StoreError;

pub fn list(ctx: &Ctx, state: Option<SiteState>) -> Result<Outcome> {
    let sites = ctx.store()?.sites(state, "")?;
    if ctx.json {
        let rows: Vec<_> = sites
            .iter()
            .map(|s| {
                json!({
                    "id": s.school.id,
                    "school": s.school.info.name,
                    "province": s.school.info.province,
                    "state": s.school.site.key(),
                    "changed_at": s.changed_at,
                })
            })
            .collect();
        ctx.print_json(&json!({ "sites": rows }));
        return Ok(Outcome::Clean);
    }
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = sites
        .iter()
        .map(|s| {
            vec![
                s.school.id.to_string(),
                s.school.info.name.clone(),
                s.school.info.province.clone(),
                l.t(common::site_state(s.school.site)).to_string(),
                s.school.info.contact.clone(),
            ]
        })
        .collect();
    out!(
        "{}",
        table::render(
            &[
                "id",
                l.t(&msg::COL_SCHOOL),
                l.t(&msg::COL_PROVINCE),
                l.t(&msg::COL_SITE),
                l.t(&msg::COL_CONTACT)
            ],
            &rows
        )
    );
    Ok(Outcome::Clean)
}

/// A refused decision (invalid transition, missing reason) is exit 1: the command ran, the
/// decision is not valid. An unknown school is exit 2.
pub fn decide(
    ctx: &Ctx,
    action: SiteActionArg,
    school: &str,
    reason: Option<&str>,
) -> Result<Outcome> {
    let l = ctx.lang;
    let action = SiteAction::from(action);
    let mut store = ctx.store()?;
    let school = match store.find_school(school) {
        Ok(s) => s,
        Err(StoreError::UnknownSchool(k)) => {
            let similar = store.similar_schools(&k, 3)?;
            let mut f = Failure::new(crate::i18n::errors::store_error(
                &StoreError::UnknownSchool(k),
                l,
            ));
            f = if similar.is_empty() {
                f.hint(l.t(&msg::HINT_SCHOOLS))
            } else {
                f.hint(l.fill(&msg::HINT_SIMILAR, &[("names", &similar.join("、"))]))
            };
            return Err(f.into());
        }
        Err(e) => return Err(e.into()),
    };
    let from = school.site;
    match store.decide_site(&ctx.actor, school.id, action, reason) {
        Ok(after) => {
            if ctx.json {
                ctx.print_json(&json!({
                    "school": after.info.name, "action": action.key(),
                    "from": from.key(), "state": after.site.key(),
                }));
            } else {
                outln!(
                    "{}",
                    l.fill(
                        &msg::SITE_DECIDED,
                        &[
                            ("school", &after.info.name),
                            ("from", &l.t(common::site_state(from))),
                            ("to", &l.t(common::site_state(after.site)))
                        ]
                    )
                );
            }
            Ok(Outcome::Clean)
        }
        Err(StoreError::Site(e)) => {
            let hint = match e {
                crate::domain::SiteError::ReasonRequired { .. } => {
                    l.t(&msg::HINT_REASON).to_string()
                }
                _ => {
                    let acts: Vec<&str> = from.actions().iter().map(|a| a.key()).collect();
                    if acts.is_empty() {
                        l.t(&msg::HINT_NO_ACTIONS).to_string()
                    } else {
                        l.fill(&msg::HINT_SITE_ACTIONS, &[("actions", &acts.join(", "))])
                    }
                }
            };
            let message = format!(
                "{}: {}",
                school.info.name,
                crate::i18n::errors::site_error(&e, l)
            );
            if ctx.json {
                ctx.print_json(&json!({
                    "school": school.info.name, "action": action.key(), "state": from.key(),
                    "refused": message, "hint": hint,
                }));
            }
            errln!("kaowu: {message}");
            errln!("  {}: {hint}", l.t(&msg::HINT));
            Ok(Outcome::Problems)
        }
        Err(e) => Err(e.into()),
    }
}
