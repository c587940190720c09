//! `kaowu plans` and `kaowu plan add|edit`.

use anyhow::Result;
use chrono::NaiveDate;
use serde_json::json;

use super::args::{PlanCommand, PlanFields};
use super::{Ctx, Failure, Outcome, table};
use crate::domain::{Plan, PlanDraft, time};
use crate::i18n::{cli as msg, common};

/// The JSON of one plan, as docs/cli.md fixes it.
pub fn plan_json(p: &Plan, at: chrono::DateTime<chrono::FixedOffset>) -> serde_json::Value {
    json!({
        "id": p.id,
        "code": p.code(),
        "name": p.name,
        "level": p.level.zh(),
        "opens": p.opens.to_string(),
        "closes": p.closes.to_string(),
        "exam_start": time::rfc3339(&p.exam_start),
        "exam_end": time::rfc3339(&p.exam_end),
        "group": p.group,
        "window": p.window_at(at).key(),
    })
}

pub fn list(ctx: &Ctx) -> Result<Outcome> {
    let plans = ctx.store()?.plans()?;
    if ctx.json {
        ctx.print_json(&json!({
            "at": time::rfc3339(&ctx.at),
            "plans": plans.iter().map(|p| plan_json(p, ctx.at)).collect::<Vec<_>>(),
        }));
        return Ok(Outcome::Clean);
    }
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = plans
        .iter()
        .map(|p| {
            vec![
                p.code(),
                format!("{} – {}", p.opens, p.closes),
                format!(
                    "{}–{}",
                    time::short(&p.exam_start),
                    p.exam_end.format("%H:%M")
                ),
                common::window_with_countdown(l, &p.window_at(ctx.at)),
                p.name.clone(),
            ]
        })
        .collect();
    outln!("{}", l.fill(&msg::AS_OF, &[("at", &time::short(&ctx.at))]));
    out!(
        "{}",
        table::render(
            &[
                l.t(&msg::COL_CODE),
                l.t(&msg::COL_REGISTRATION),
                l.t(&msg::COL_EXAM),
                l.t(&msg::COL_WINDOW),
                l.t(&msg::COL_PLAN)
            ],
            &rows
        )
    );
    Ok(Outcome::Clean)
}

pub fn run(ctx: &Ctx, cmd: PlanCommand) -> Result<Outcome> {
    let mut store = ctx.store()?;
    let saved = match cmd {
        PlanCommand::Add(f) => {
            let need = |v: Option<String>, flag: &str| {
                v.ok_or_else(|| Failure::new(format!("plan add needs --{flag}")))
            };
            let draft = PlanDraft {
                name: need(f.name.clone(), "name")?,
                level: need(f.level.clone(), "level")?.parse()?,
                opens: date(&need(f.opens.clone(), "opens")?)?,
                closes: date(&need(f.closes.clone(), "closes")?)?,
                exam_start: time::parse_time(&need(f.exam_start.clone(), "exam-start")?)?,
                exam_end: time::parse_time(&need(f.exam_end.clone(), "exam-end")?)?,
                group: f.group.unwrap_or_default(),
            };
            store.add_plan(&ctx.actor, &draft)?
        }
        PlanCommand::Edit {
            plan,
            fields,
            reason,
        } => {
            let p = store.find_plan(&plan)?;
            let draft = apply(PlanDraft::from_plan(&p), fields)?;
            store.update_plan(&ctx.actor, p.id, &draft, reason.as_deref())?
        }
    };
    if ctx.json {
        ctx.print_json(&plan_json(&saved, ctx.at));
    } else {
        outln!(
            "{}",
            ctx.lang.fill(
                &msg::PLAN_SAVED,
                &[("code", &saved.code()), ("name", &saved.name)]
            )
        );
    }
    Ok(Outcome::Clean)
}

fn apply(mut d: PlanDraft, f: PlanFields) -> Result<PlanDraft> {
    if let Some(v) = f.name {
        d.name = v;
    }
    if let Some(v) = f.level {
        d.level = v.parse()?;
    }
    if let Some(v) = f.opens {
        d.opens = date(&v)?;
    }
    if let Some(v) = f.closes {
        d.closes = date(&v)?;
    }
    if let Some(v) = f.exam_start {
        d.exam_start = time::parse_time(&v)?;
    }
    if let Some(v) = f.exam_end {
        d.exam_end = time::parse_time(&v)?;
    }
    if let Some(v) = f.group {
        d.group = v;
    }
    Ok(d)
}

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::new(format!("cannot read date {s:?}: use YYYY-MM-DD")).into())
}
