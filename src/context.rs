//! What both faces need, below both: the command line (`cli`) and the console (`tui`) each take
//! a [`Ctx`] and end with an [`Outcome`] or a [`Failure`], so neither imports the other.
// What is printed here goes through `cli::term` like every other command-line writer.
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};

use crate::i18n::Lang;
use crate::store::{Actor, Store};

/// How a run that went to the end went: exit 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, and everything valid.
    Clean,
    /// Done, but the input has problems (bad rows, a refused decision, an under-minimum session).
    Problems,
}

/// What every command and the console need: where the data is, how to speak, and who acts when.
pub struct Ctx {
    pub db: PathBuf,
    pub lang: Lang,
    pub json: bool,
    /// The instant windows and deadlines are judged at: `--at`, or now.
    pub at: DateTime<FixedOffset>,
    /// Whether `--at` was given (screens show it in the header).
    pub at_given: bool,
    pub actor: Actor,
}

impl Ctx {
    /// Opens the database, creating it on first use. Before a schema upgrade it says so on
    /// standard error (once, however often a locked open is tried again): the console has not
    /// taken the screen yet, and a script's standard output stays its answer alone.
    pub fn store(&self) -> Result<Store> {
        let mut said = false;
        Ok(Store::open_noting(&self.db, &mut |n| {
            if !std::mem::replace(&mut said, true) {
                let db = self.db.display();
                crate::cli::term::stderr(&format!(
                    "{}\n",
                    self.lang
                        .fill(&crate::i18n::cli::UPGRADING, &[("db", &db), ("n", &n)])
                ));
            }
        })?)
    }

    /// Prints one JSON document on stdout, through the command line's one escaping writer
    /// (C1 controls and bidi marks inside strings become `\uXXXX`, the same JSON).
    pub fn print_json(&self, v: &serde_json::Value) {
        let doc = serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into());
        crate::cli::term::stdout(&format!("{doc}\n"));
    }

    /// `kaowu --demo`: the demo database with its demo clock. The console starts on a fresh
    /// one; a sub-command (`kaowu --demo submissions`) works on the current one, created if
    /// missing, so staff can try a command on what they just saw. The demo always lives in its
    /// own file beside the default database, never at `--db`/`KAOWU_DB`: recreating it must
    /// never be able to replace the real database.
    pub fn into_demo(&mut self, console: bool) -> Result<()> {
        self.db = default_db().with_file_name("kaowu-demo.db");
        create_data_dir(&self.db)?;
        if console || !self.db.exists() {
            crate::demo::create(&self.db)?;
        }
        if !self.at_given {
            self.at = crate::demo::clock();
        }
        self.at_given = true;
        Ok(())
    }
}

/// The default database: `kaowu.db` in the platform data directory.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "kaowu")
        .map(|d| d.data_dir().join("kaowu.db"))
        .unwrap_or_else(|| PathBuf::from("kaowu.db"))
}

/// Creates the platform data directory on first use. Only kaowu's own default place is made:
/// a `--db` whose folder is missing is refused by the store, as it is most likely a typo.
/// The folders made are private (0700): the inbox and exports live beside the database.
pub fn create_data_dir(db: &std::path::Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// An error as the user reads it; either face raises it and `cli::report` prints it as one
/// line plus the hint (exit 2). Its words come from the one catalog road, `i18n::errors`.
pub use crate::i18n::errors::Failure;
