//! kaowu (考务): the back office of the 1+X 跨境电商 B2B 数据运营 certificate exam organizer.
//!
//! Data flows one way: input → action → store/domain → state → draw. `domain` holds the pure
//! rules, `store` all SQL, `intake` the readers of what schools send, `export` the xlsx writers,
//! `cli` and `tui` the two faces staff use.

pub mod cli;
pub mod context;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod intake;
pub mod replies;
pub mod store;
pub mod transfer;
pub mod tui;

/// mimalloc instead of glibc's malloc, for every binary built on this crate (the console, the
/// benches, the tests). An import of 100k rows makes a few million short-lived strings on two
/// threads at once; glibc spent a tenth of the import's CPU in malloc, free and its arena
/// consolidation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
