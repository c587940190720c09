//! The checks across rows and submissions: duplicates in the file and the plan, one name per
//! ID number, overlapping exam slots, retakes without a fail. Hash maps keep them O(n).

use foldhash::HashMap;

use super::{Registration, RowCheck, RuleContext};
use crate::domain::columns::StudentColumn;
use crate::domain::problem::Sentence as S;
use crate::domain::problem::{Arg, ProblemCode, Says};
use crate::domain::{Plan, time};

/// The first row an ID number was seen on in this file, and the name it had there.
pub(super) struct Seen {
    pub(super) row: u32,
    pub(super) name: String,
}

/// The checks against earlier rows of this file and against the registry.
pub(super) fn cross_check(
    reg: &Registration,
    ctx: &RuleContext,
    plans: &HashMap<i64, &Plan>,
    seen: &mut HashMap<String, Seen>,
    rc: &mut RowCheck,
) {
    use StudentColumn as C;
    let id = reg.id_number.as_str();
    match seen.get(id) {
        Some(first) => {
            let first_row = first.row;
            rc.fill(
                C::IdNumber,
                ProblemCode::DuplicateInFile,
                S::DuplicateInFile,
                [("row", first_row.into())],
            );
            if !first.name.is_empty() && !reg.name.is_empty() && first.name != reg.name {
                let other = first.name.clone();
                rc.fill(
                    C::Name,
                    ProblemCode::NameConflict,
                    S::NameConflictInFile,
                    [("row", first_row.into()), ("other", other.into())],
                );
            }
        }
        None => {
            seen.insert(
                id.to_string(),
                Seen {
                    row: reg.row,
                    name: reg.name.clone(),
                },
            );
        }
    }

    let registry = ctx.registry;
    if registry.registered_in_plan(ctx.plan.id, id) {
        rc.fill(
            C::IdNumber,
            ProblemCode::DuplicateInPlan,
            S::DuplicateInPlan,
            [("code", ctx.plan.code().into())],
        );
    }
    if let Some(known) = registry.known_name(id)
        && !reg.name.is_empty()
        && known != reg.name
    {
        rc.fill(
            C::Name,
            ProblemCode::NameConflict,
            S::NameConflictKnown,
            [("other", known.into())],
        );
    }
    for other in registry.plans_of(id) {
        let Some(p) = plans.get(&other) else { continue };
        if p.id != ctx.plan.id && p.slot_overlaps(ctx.plan) {
            let slot = format!(
                "{}–{}",
                time::short(&p.exam_start),
                p.exam_end.format("%H:%M")
            );
            rc.fill(
                C::Plan,
                ProblemCode::SlotOverlap,
                S::SlotOverlap,
                [("other", p.code().into()), ("time", slot.into())],
            );
        }
    }
    if reg.retake && !registry.has_failed(id, ctx.plan.level) {
        rc.fill(
            C::Retake,
            ProblemCode::RetakeWithoutFail,
            S::RetakeWithoutFail,
            [("level", Arg::Level(ctx.plan.level))],
        );
    }
}

/// A person with a failed result at this level whose row is not marked 补考 is a retake all
/// the same: counted as one (head count, the free first retake) and flagged so the school marks
/// it. A note, not a fault: the row stays valid.
pub(super) fn unmarked_retake(reg: &mut Registration, ctx: &RuleContext, rc: &mut RowCheck) {
    if reg.retake || !ctx.registry.has_failed(&reg.id_number, ctx.plan.level) {
        return;
    }
    reg.retake = true;
    rc.note(
        StudentColumn::Retake,
        ProblemCode::RetakeNotMarked,
        Says::with(S::RetakeNotMarked, [("level", Arg::Level(ctx.plan.level))]),
    );
}
