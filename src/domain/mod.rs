//! Pure rules of the exam organizer's back office. Nothing here does I/O:
//! the store, the intake readers and the screens call into these.

pub mod authorized_keys;
pub mod columns;
pub mod fees;
pub mod id_number;
pub mod identity;
pub(crate) mod keyed;
pub mod level;
pub mod mobile;
pub mod name;
pub mod photo;
pub mod plan;
pub mod privacy;
pub mod problem;
pub mod region;
pub mod registration;
pub mod result;
pub mod school;
pub mod school_rows;
pub mod session;
pub mod sheet;
pub mod site;
pub mod staff;
pub mod submission;
pub mod time;

pub use level::Level;
pub use plan::{Plan, PlanDraft, PlanError, WindowState};
pub use site::{SiteAction, SiteError, SiteState};
