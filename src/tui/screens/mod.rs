//! One module per screen: its state, how it is refreshed from the store, and how it is drawn.

pub mod audit;
pub mod candidates;
pub mod fees;
pub mod overview;
pub mod photo_check;
pub mod plans;
pub mod sessions;
pub mod sites;
pub mod submissions;
