//! The `euphrates` binary: see [`euphrates::cli`].

fn main() -> std::process::ExitCode {
    euphrates::cli::main()
}
