//! The command line: one binary that is the game (`play`, the default) and the modder's and
//! teacher's tool (`check`, `inspect`). Exit code 0 on success, 1 on a user error with a
//! message on stderr; never a panic.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Writes a line to standard output. A closed pipe (output sent to `head`, say) is not worth a
/// panic: the rest of the output is simply dropped.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// Writes to standard output without a newline, like [`out!`].
macro_rules! out_part {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

mod art;
mod check;
mod inspect;
mod options;
mod play;
mod replay;
mod simulate;

pub use play::PlayArgs;
pub use simulate::SimulateArgs;

/// Euphrates: the race for the border, autumn 2017.
#[derive(Debug, Parser)]
#[command(
    name = "euphrates",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    play: PlayArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the game window (the default when no command is given).
    Play(PlayArgs),
    /// Validate level files and print every problem as file:line:col with a hint.
    Check {
        /// Level files, or folders whose `.ron` files are all checked.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the resolved level: every hex, river edge, road, place and unit.
    Inspect {
        /// The level file.
        path: PathBuf,
        /// Print JSON (field names are documented in docs/MODDING.md).
        #[arg(long)]
        json: bool,
    },
    /// Play all-AI games and print the outcomes: winners, scores, objectives and their dates.
    Simulate(SimulateArgs),
    /// Replay a saved game: print what happened, or check every recorded state hash.
    Replay {
        /// The save file.
        save: PathBuf,
        /// Re-execute every command and compare each recorded hash; name the first turn and
        /// command that differ.
        #[arg(long)]
        verify: bool,
        /// The level file, if it is no longer where the game was saved from.
        #[arg(long, value_name = "PATH")]
        level: Option<PathBuf>,
        /// Tell the game as one side saw it under the fog of war (by faction id); without
        /// it, everything that happened is told.
        #[arg(long = "as", value_name = "ID", conflicts_with = "verify")]
        side: Option<String>,
    },
    /// Draw the game's art (terrain tiles, unit symbols, icons, the title picture) into a
    /// folder, or check that the folder holds what the code draws.
    Art {
        /// The folder to write to or check.
        #[arg(long, value_name = "DIR", default_value = "assets")]
        out: PathBuf,
        /// Only compare: list every picture that differs, and fail if any does.
        #[arg(long)]
        check: bool,
        /// The level whose map the title picture shows (the default level if left out).
        #[arg(long, value_name = "PATH")]
        level: Option<PathBuf>,
    },
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        None => play::run(cli.play),
        Some(Command::Play(args)) => play::run(args),
        Some(Command::Check { paths }) => check::run(&paths),
        Some(Command::Inspect { path, json }) => inspect::run(&path, json),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Replay {
            save,
            verify,
            level,
            side,
        }) => replay::run(&save, verify, level.as_deref(), side.as_deref()),
        Some(Command::Art { out, check, level }) => art::run(&out, check, level.as_deref()),
    }
}
