use std::process::ExitCode;

fn main() -> ExitCode {
    kaowu::cli::main()
}
