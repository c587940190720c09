//! What kaowu says to schools, as text ready to paste into DingTalk: the reply to one submission
//! ([`reply`]) and the plan's group messages ([`group`]). Built from store queries through the
//! i18n catalog; the console copies them with OSC 52 (`y`) and shows them in a pop-up.

pub mod group;
pub mod reply;

pub use group::{notice, reminder};
pub use reply::reply;
