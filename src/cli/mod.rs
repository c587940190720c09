//! The command line: one file per sub-command. Each prints a table or one JSON document and
//! returns an [`Outcome`]; errors become one plain line plus a hint, exit code 2.

mod args;
mod audit;
mod backup;
mod error;
mod export;
mod fees;
mod intake;
mod invoices;
mod money;
mod photos;
mod plans;
mod results;
mod rosters;
mod schools;
mod sessions;
mod sites;
mod submissions;
pub mod table;
mod template;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use clap::Parser;

pub use args::{Cli, Command};
pub use error::Failure;

use crate::domain::time;
use crate::i18n::Lang;
use crate::store::{Actor, Store};

/// How a command that ran to the end went: exit 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, and everything valid.
    Clean,
    /// Done, but the input has problems (bad rows, a refused decision, an under-minimum session).
    Problems,
}

/// What every command needs: where the data is, how to speak, and who acts when.
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
    /// Opens the database, creating it on first use.
    pub fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.db)?)
    }

    /// Prints one JSON document on stdout.
    pub fn print_json(&self, v: &serde_json::Value) {
        println!(
            "{}",
            serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into())
        );
    }
}

/// `kaowu --demo`: the demo database with its demo clock. The console starts on a fresh one;
/// a sub-command (`kaowu --demo submissions`) works on the current one, created if missing, so
/// staff can try a command on what they just saw. The demo always lives in its own file beside
/// the default database, never at `--db`/`KAOWU_DB`: recreating it must never be able to replace
/// the real database.
fn into_demo(ctx: &mut Ctx, console: bool) -> Result<()> {
    ctx.db = default_db().with_file_name("kaowu-demo.db");
    create_data_dir(&ctx.db)?;
    if console || !ctx.db.exists() {
        crate::demo::create(&ctx.db)?;
    }
    if !ctx.at_given {
        ctx.at = crate::demo::clock();
    }
    ctx.at_given = true;
    Ok(())
}

/// The default database: `kaowu.db` in the platform data directory.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "kaowu")
        .map(|d| d.data_dir().join("kaowu.db"))
        .unwrap_or_else(|| PathBuf::from("kaowu.db"))
}

/// Creates the platform data directory on first use. Only kaowu's own default place is made:
/// a `--db` whose folder is missing is refused by the store, as it is most likely a typo.
fn create_data_dir(db: &std::path::Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// Parses the command line and runs it; the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let json = cli.json;
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            error::report(&e, lang, json);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Outcome> {
    let at = match &cli.at {
        Some(s) => time::parse_time(s).map_err(|e| {
            Failure::new(e.to_string()).hint(cli.lang.t(&crate::i18n::cli::HINT_TIME))
        })?,
        None => time::now(),
    };
    let mut ctx = Ctx {
        db: cli.db.clone().unwrap_or_else(default_db),
        lang: cli.lang,
        json: cli.json,
        at,
        at_given: cli.at.is_some(),
        actor: cli
            .as_user
            .clone()
            .map(Actor)
            .unwrap_or_else(Actor::from_os),
    };
    if cli.demo {
        into_demo(&mut ctx, cli.command.is_none())?;
    } else if cli.db.is_none() {
        create_data_dir(&ctx.db)?;
    }
    if ctx.at_given {
        // A replay or the demo records its decisions on its own dates, not today's.
        crate::store::set_run_clock(ctx.at);
    }
    match cli.command {
        None if cli.demo => {
            let store = ctx.store()?;
            crate::tui::run_with(&ctx, store)
        }
        None => crate::tui::run(&ctx),
        Some(Command::Plans) => plans::list(&ctx),
        Some(Command::Plan(cmd)) => plans::run(&ctx, cmd),
        Some(Command::Sites { state }) => sites::list(&ctx, state),
        Some(Command::Site {
            action,
            school,
            reason,
        }) => sites::decide(&ctx, action, &school, reason.as_deref()),
        Some(Command::Submissions {
            plan,
            school,
            state,
        }) => submissions::list(&ctx, plan.as_deref(), school.as_deref(), state),
        Some(Command::Decide {
            submission,
            decision,
            reason,
            valid_only,
        }) => submissions::decide(
            &ctx,
            submission,
            decision.into(),
            reason.as_deref(),
            valid_only,
        ),
        Some(Command::Sessions {
            plan,
            province,
            state,
            by_shortfall,
        }) => sessions::list(&ctx, plan.as_deref(), province, state, by_shortfall),
        Some(Command::Session(cmd)) => sessions::run(&ctx, cmd),
        Some(Command::Overlaps { plan }) => sessions::overlaps(&ctx, plan.as_deref()),
        Some(Command::Results(cmd)) => results::run(&ctx, cmd),
        Some(Command::History { id_number }) => results::history(&ctx, &id_number),
        Some(Command::Check {
            file,
            plan,
            school,
            received_at,
        }) => intake::check(
            &ctx,
            &file,
            &plan,
            school.as_deref(),
            received_at.as_deref(),
        ),
        Some(Command::Import {
            file,
            plan,
            school,
            received_at,
        }) => intake::import(&ctx, &file, &plan, &school, received_at.as_deref()),
        Some(Command::Export(cmd)) => export::run(&ctx, cmd),
        Some(Command::Backup { file }) => backup::run(&ctx, &file),
        Some(Command::Template { kind, output }) => template::write(&ctx, kind, &output),
        Some(Command::Schools(args::SchoolsCommand::Import { file })) => {
            schools::import(&ctx, &file)
        }
        Some(Command::Photos(args::PhotosCommand::Check {
            zip,
            submission,
            plan,
            school,
            tolerance,
        })) => {
            let against = match (submission, plan.as_deref(), school.as_deref()) {
                (Some(id), _, _) => photos::Against::Submission(id),
                (None, Some(plan), Some(school)) => photos::Against::Latest { plan, school },
                // clap requires --submission or both --plan and --school.
                _ => anyhow::bail!("--submission N or --plan PLAN --school SCHOOL"),
            };
            photos::check(&ctx, &zip, against, tolerance)
        }
        Some(Command::Fees { cmd, school }) => fees::run(&ctx, cmd, school.as_deref()),
        Some(Command::Pay(args)) => money::entry(&ctx, crate::store::Ledger::Payment, args),
        Some(Command::Payout(args)) => money::entry(&ctx, crate::store::Ledger::Payout, args),
        Some(Command::Payments { school }) => money::payments(&ctx, school.as_deref()),
        Some(Command::Payouts) => money::payouts(&ctx),
        Some(Command::Invoice(cmd)) => invoices::invoice(&ctx, cmd),
        Some(Command::Invoices { school }) => invoices::invoices(&ctx, school.as_deref()),
        Some(Command::Audit { filter, limit }) => audit::list(&ctx, &filter.join(" "), limit),
    }
}
