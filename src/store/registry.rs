//! What the row rules need to know beyond the file, loaded once per check into hash maps so a
//! 100k-row submission costs one pass, not one query per row.

use foldhash::HashMap;

use super::{Result, Store};
use crate::domain::Level;
use crate::domain::registration::Registry;

/// Registrations and results known to the database when a file is checked.
#[derive(Debug, Default)]
pub struct RegistrySnapshot {
    // Keyed by ID number alone, so that a row's lookups borrow its number instead of building
    // a key: the rules ask these maps four times for every row of a file.
    /// ID number → plan ids it is accepted for (valid candidates of accepted submissions).
    plans: HashMap<String, Vec<i64>>,
    /// ID number → a name it is known under (candidates of live submissions, results).
    names: HashMap<String, String>,
    /// ID number → levels with a result that was not a pass.
    failed: HashMap<String, Vec<Level>>,
}

impl Registry for RegistrySnapshot {
    /// Whether this ID is accepted for the plan (any school).
    fn registered_in_plan(&self, plan_id: i64, id_number: &str) -> bool {
        self.plans
            .get(id_number)
            .is_some_and(|plans| plans.contains(&plan_id))
    }

    /// The name this ID is known under, if any.
    fn known_name(&self, id_number: &str) -> Option<String> {
        self.names.get(id_number).cloned()
    }

    /// The plans this ID is accepted for.
    fn plans_of(&self, id_number: &str) -> Vec<i64> {
        self.plans.get(id_number).cloned().unwrap_or_default()
    }

    /// Whether an earlier result at this level was a fail or an absence (未通过 / 缺考).
    fn has_failed(&self, id_number: &str, level: Level) -> bool {
        self.failed
            .get(id_number)
            .is_some_and(|levels| levels.contains(&level))
    }
}

impl Store {
    /// Loads the registry the row rules check against.
    pub fn registry(&self) -> Result<RegistrySnapshot> {
        let mut snap = RegistrySnapshot::default();
        let mut stmt = self.conn().prepare(
            "SELECT c.id_number, c.name, s.plan_id, s.state = 'accepted' AND c.valid = 1
             FROM candidate c JOIN submission s ON s.id = c.submission_id
             WHERE s.state NOT IN ('rejected') AND c.valid = 1",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let accepted: bool = r.get(3)?;
            if accepted {
                let plan: i64 = r.get(2)?;
                let plans = snap.plans.entry(id.clone()).or_default();
                if !plans.contains(&plan) {
                    plans.push(plan);
                }
            }
            snap.names.entry(id).or_insert(r.get(1)?);
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT id_number, name, level, outcome FROM result")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let level: String = r.get(2)?;
            let outcome: String = r.get(3)?;
            if outcome != "pass"
                && let Ok(level) = level.parse()
            {
                let levels = snap.failed.entry(id.clone()).or_default();
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
            snap.names.entry(id).or_insert(r.get(1)?);
        }
        Ok(snap)
    }
}
