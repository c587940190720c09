//! One module per screen: its state, how it is refreshed from the store, and how it is drawn.

pub mod audit;
pub mod candidates;
pub mod fees;
pub mod import_form;
pub mod money_form;
pub mod overview;
pub mod photo_check;
pub mod plan_form;
pub mod plans;
pub mod sessions;
pub mod sites;
pub mod submissions;
