use std::process::ExitCode;

use clap::Parser;
use kaowu::cli::{self, Cli, Command};
use kaowu::context::Outcome;

/// Parses the command line and hands over: no sub-command starts the console, any other runs
/// that command. Either way an error becomes one plain line plus a hint, exit code 2.
fn main() -> ExitCode {
    // `kaowu submissions | head` must end quietly when `head` stops reading, as every Unix
    // tool does, instead of panicking on a broken pipe in println!.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = Cli::parse();
    // The forced command of a person's key: what they typed becomes the command line, checked
    // and pinned to their name and the database (refusals are reported there).
    let (args, served) = match args.command {
        Some(Command::Serve { .. }) => match cli::serve::login(args) {
            Ok(inner) => (inner, true),
            Err(code) => return code,
        },
        _ => (args, false),
    };
    let (lang, json) = (args.lang, args.json);
    let out = cli::context(&args).and_then(|ctx| match args.command {
        None => kaowu::tui::run(&ctx),
        Some(command) => cli::run_with_files(&ctx, command, args.file_name.as_deref(), served),
    });
    match out {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            cli::report(&e, lang, json);
            ExitCode::from(2)
        }
    }
}
