//! `-` for files: staff logged in with a forced command have no shell and no scp, so every FILE
//! argument takes `-` for stdin and every `-o` takes `-` for stdout.
//!
//! The commands themselves only know paths. Stdin is copied into a private temporary file named
//! by `--file-name` (the name recorded with a submission), and an output of `-` is written to a
//! temporary file whose bytes go to stdout once the command is done; meanwhile the command's own
//! message (which would name the temporary file) is dropped, so stdout carries nothing but the
//! file. Errors still go to stderr.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Failure;
use super::args::{Command, ExportCommand, PhotosCommand, ResultsCommand, SchoolsCommand};
use crate::i18n::{Lang, cli as msg};

/// The most stdin may bring: far above any file kaowu reads (its readers have their own,
/// smaller caps), far below what fills the server's disk.
const MAX_STDIN_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// What `-` was turned into for one command; [`Stdio::finish`] sends the output to stdout.
pub struct Stdio {
    dir: Option<tempfile::TempDir>,
    output: Option<PathBuf>,
    /// The real stdout while the command's messages go to stderr.
    saved_stdout: Option<libc::c_int>,
}

fn is_dash(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Replaces each `-` of `command` by a temporary file: stdin's bytes for an input, an empty
/// place for an output. `file_name` names stdin's file (`--file-name`). `served`: a person
/// logged in with their key, who may name no file of the server, only `-`.
pub fn prepare(
    command: &mut Command,
    file_name: Option<&str>,
    served: bool,
    lang: Lang,
) -> Result<Stdio> {
    let mut io = Stdio::none();
    let (input, default_in, output, default_out): (
        Option<&mut PathBuf>,
        &str,
        Option<&mut PathBuf>,
        &str,
    ) = match command {
        Command::Check { file, .. } | Command::Import { file, .. } => {
            (Some(file), "stdin.xlsx", None, "")
        }
        Command::Schools(SchoolsCommand::Import { file })
        | Command::Results(ResultsCommand::Import { file }) => (Some(file), "stdin.xlsx", None, ""),
        Command::Photos(PhotosCommand::Check { zip, .. }) => (Some(zip), "stdin.zip", None, ""),
        Command::Backup { file } => (None, "", Some(file), "kaowu.db"),
        Command::Template { output, .. } => (None, "", Some(output), "template.xlsx"),
        Command::Export(e) => {
            let output = match e {
                ExportCommand::Returns { output, .. }
                | ExportCommand::Roster { output, .. }
                | ExportCommand::Platform { output, .. }
                | ExportCommand::Fees { output, .. }
                | ExportCommand::Invoices { output } => output,
            };
            (None, "", Some(output), "export.xlsx")
        }
        _ => (None, "", None, ""),
    };
    let name = |default: &str| -> Result<String> {
        let name = file_name.unwrap_or(default);
        // A bare name: it becomes a file inside the private directory.
        match Path::new(name).file_name() {
            Some(n) if n == name => Ok(name.to_string()),
            _ => Err(Failure::new(lang.fill(&msg::FILE_NAME_BARE, &[("name", &name)])).into()),
        }
    };
    if served
        && let Some(path) = [input.as_deref(), output.as_deref()]
            .into_iter()
            .flatten()
            .find(|p| !is_dash(p))
    {
        return Err(
            Failure::new(lang.fill(&msg::SERVED_FILES, &[("file", &path.display())]))
                .code("not_permitted")
                .into(),
        );
    }
    if let Some(file) = input.filter(|f| is_dash(f)) {
        let path = io.dir()?.join(name(default_in)?);
        copy_stdin(&path, lang)?;
        *file = path;
    }
    if let Some(file) = output.filter(|f| is_dash(f)) {
        let path = io.dir()?.join(name(default_out)?);
        *file = path.clone();
        io.output = Some(path);
        io.quiet_stdout()?;
    }
    Ok(io)
}

fn copy_stdin(path: &Path, lang: Lang) -> Result<()> {
    let mut out = File::create(path).with_context(|| path.display().to_string())?;
    let n =
        io::copy(&mut io::stdin().lock().take(MAX_STDIN_BYTES + 1), &mut out).context("stdin")?;
    if n > MAX_STDIN_BYTES {
        return Err(Failure::new(lang.t(&msg::STDIN_TOO_LARGE))
            .code("file_unreadable")
            .into());
    }
    out.sync_all()?;
    Ok(())
}

impl Stdio {
    /// Nothing to do: the command names no `-`.
    pub fn none() -> Stdio {
        Stdio {
            dir: None,
            output: None,
            saved_stdout: None,
        }
    }

    fn dir(&mut self) -> Result<PathBuf> {
        if self.dir.is_none() {
            // tempfile makes the directory readable by its owner only: stdin may be a
            // registration sheet full of ID numbers.
            self.dir = Some(tempfile::Builder::new().prefix("kaowu-").tempdir()?);
        }
        Ok(self
            .dir
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_default())
    }

    /// Points stdout at /dev/null until [`Stdio::finish`], keeping the real one aside.
    fn quiet_stdout(&mut self) -> Result<()> {
        io::stdout().flush()?;
        let null = File::options().write(true).open("/dev/null")?;
        // SAFETY: dup/dup2 on the process's own standard descriptor and a file we hold open;
        // the saved one is restored and closed in `restore`.
        let saved = unsafe { libc::dup(1) };
        if saved < 0 || unsafe { libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&null), 1) } < 0 {
            return Err(io::Error::last_os_error()).context("stdout");
        }
        self.saved_stdout = Some(saved);
        Ok(())
    }

    fn restore(&mut self) {
        if let Some(saved) = self.saved_stdout.take() {
            let _ = io::stdout().flush();
            // SAFETY: `saved` is the descriptor dup'ed in `quiet_stdout`, still open.
            unsafe {
                libc::dup2(saved, 1);
                libc::close(saved);
            }
        }
    }

    /// Gives stdout back and, when the command went well, sends its output file there.
    pub fn finish(mut self, done: bool) -> Result<()> {
        self.restore();
        if let (true, Some(path)) = (done, &self.output) {
            let mut file = File::open(path).with_context(|| path.display().to_string())?;
            let mut stdout = io::stdout().lock();
            io::copy(&mut file, &mut stdout).context("stdout")?;
            stdout.flush()?;
        }
        Ok(())
    }
}

impl Drop for Stdio {
    fn drop(&mut self) {
        self.restore();
    }
}
