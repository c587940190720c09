//! Widgets shared by the screens: tables, the confirm modal, forms, the help overlay.

pub mod form;
pub mod format;
pub mod help;
pub mod modal;
pub mod path;
pub mod table;
pub mod wrap;
