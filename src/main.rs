use std::process::ExitCode;

fn main() -> ExitCode {
    // `kaowu submissions | head` must end quietly when `head` stops reading, as every Unix
    // tool does, instead of panicking on a broken pipe in println!.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    kaowu::cli::main()
}
