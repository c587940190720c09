//! Writing xlsx files (rust_xlsxwriter): rosters, platform lists, templates, returns.

pub mod platform;
pub mod roster;
pub mod save;
