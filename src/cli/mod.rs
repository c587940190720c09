//! The command line: one file per sub-command. Each prints a table or one JSON document and
//! returns an [`Outcome`]; errors become one plain line plus a hint, exit code 2. Everything
//! printed goes through [`term`]: text from schools' files never reaches a terminal as control
//! bytes.
#![warn(clippy::print_stdout, clippy::print_stderr)]

// First, so its writing macros are in scope in every module below.
#[macro_use]
pub mod term;
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
pub mod serve;
mod sessions;
mod sites;
mod staff;
mod stdio;
mod submissions;
pub mod table;
mod template;

use anyhow::Result;

pub use args::{Cli, Command};
pub use error::{Failure, report};

pub use crate::context::{Ctx, Outcome, default_db};
use crate::domain::time;
use crate::store::Actor;

/// The context the command line asks for: `--db`, `--lang`, `--json`, `--at`, `--as`, and
/// with `--demo` the demo database (fresh when the console is started).
pub fn context(cli: &Cli) -> Result<Ctx> {
    let at = match &cli.at {
        Some(s) => time::parse_time(s).map_err(|e| Failure::bad_time(&e, cli.lang))?,
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
        ctx.into_demo(cli.command.is_none())?;
    } else if cli.db.is_none() {
        crate::context::create_data_dir(&ctx.db)?;
    }
    if ctx.at_given {
        // A replay or the demo records its decisions on its own dates, not today's.
        crate::store::set_run_clock(ctx.at);
    }
    Ok(ctx)
}

/// Runs one sub-command.
pub fn run(ctx: &Ctx, command: Command) -> Result<Outcome> {
    match command {
        Command::Plans => plans::list(ctx),
        Command::Plan(cmd) => plans::run(ctx, cmd),
        Command::Sites { state } => sites::list(ctx, state),
        Command::Site {
            action,
            school,
            reason,
        } => sites::decide(ctx, action, &school, reason.as_deref()),
        Command::Submissions {
            plan,
            school,
            state,
        } => submissions::list(ctx, plan.as_deref(), school.as_deref(), state),
        Command::Decide {
            submission,
            decision,
            reason,
            valid_only,
        } => submissions::decide(
            ctx,
            submission,
            decision.into(),
            reason.as_deref(),
            valid_only,
        ),
        Command::Sessions {
            plan,
            province,
            state,
            by_shortfall,
        } => sessions::list(ctx, plan.as_deref(), province, state, by_shortfall),
        Command::Session(cmd) => sessions::run(ctx, cmd),
        Command::Overlaps { plan } => sessions::overlaps(ctx, plan.as_deref()),
        Command::Results(cmd) => results::run(ctx, cmd),
        Command::History { id_number } => results::history(ctx, &id_number),
        Command::Check {
            file,
            plan,
            school,
            received_at,
        } => intake::check(ctx, &file, &plan, school.as_deref(), received_at.as_deref()),
        Command::Import {
            file,
            plan,
            school,
            received_at,
        } => intake::import(ctx, &file, &plan, &school, received_at.as_deref()),
        Command::Export(cmd) => export::run(ctx, cmd),
        Command::Backup { file } => backup::run(ctx, &file),
        Command::Template { kind, output } => template::write(ctx, kind, &output),
        Command::Schools(args::SchoolsCommand::Import { file }) => schools::import(ctx, &file),
        Command::Photos(args::PhotosCommand::Check {
            zip,
            submission,
            plan,
            school,
            tolerance,
        }) => {
            let against = match (submission, plan.as_deref(), school.as_deref()) {
                (Some(id), _, _) => photos::Against::Submission(id),
                (None, Some(plan), Some(school)) => photos::Against::Latest { plan, school },
                // clap requires --submission or both --plan and --school.
                _ => anyhow::bail!("--submission N or --plan PLAN --school SCHOOL"),
            };
            photos::check(ctx, &zip, against, tolerance)
        }
        Command::Fees { cmd, school } => fees::run(ctx, cmd, school.as_deref()),
        Command::Pay(args) => money::entry(ctx, crate::store::Ledger::Payment, args),
        Command::Payout(args) => money::entry(ctx, crate::store::Ledger::Payout, args),
        Command::Payments { school } => money::payments(ctx, school.as_deref()),
        Command::Payouts => money::payouts(ctx),
        Command::Invoice(cmd) => invoices::invoice(ctx, cmd),
        Command::Invoices { school } => invoices::invoices(ctx, school.as_deref()),
        Command::Audit { filter, limit } => audit::list(ctx, &filter.join(" "), limit),
        Command::Staff {
            cmd,
            authorized_keys,
        } => staff::run(ctx, cmd, authorized_keys),
        // `main` hands `serve` to [`serve::login`] before any command runs.
        Command::Serve { .. } => anyhow::bail!("serve is the forced command of a key"),
    }
}

/// Runs one sub-command with its `-` files: stdin copied in under `file_name`, `-o -` sent
/// to stdout. `served`: run for a person logged in with their key, who may name no file of
/// the server.
pub fn run_with_files(
    ctx: &Ctx,
    mut command: Command,
    file_name: Option<&str>,
    served: bool,
) -> Result<Outcome> {
    let io = stdio::prepare(&mut command, file_name, served, ctx.lang)?;
    let result = run(ctx, command);
    io.finish(result.is_ok())?;
    result
}
