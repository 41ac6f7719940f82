//! `euphrates simulate`: all-AI games on every core, their outcome tables, JSON, classroom
//! reports and a save of the first game.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;

use super::check::print_diagnostics;
use crate::level::library::default_level_path;
use crate::level::{self, LoadedLevel};
use crate::save::Recorder;
use crate::sim::ai::{Controller, Difficulty};
use crate::sim::{Game, Scenario};
use crate::simulate;

/// Options for simulating.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// The level file [default: levels/euphrates_2017.ron].
    #[arg(long, value_name = "PATH")]
    pub level: Option<PathBuf>,
    /// Number of games.
    #[arg(long, default_value_t = 20)]
    pub games: u32,
    /// Seed of the first game; game k uses seed + k.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Play this many turns instead of the level's number.
    #[arg(long)]
    pub turns: Option<u16>,
    /// The fog of war, on or off, over the level's own choice.
    #[arg(long, value_name = "ON|OFF", value_parser = super::options::parse_fog)]
    pub fog: Option<bool>,
    /// Difficulty of every AI: easy, normal or hard.
    #[arg(long, default_value = "normal")]
    pub difficulty: String,
    /// Who plays one faction, as ID=CONTROLLER (easy, normal, hard or random); repeatable.
    #[arg(long = "player", value_name = "ID=CONTROLLER")]
    pub players: Vec<String>,
    /// Print per-game and per-turn statistics as JSON (documented in docs/SIMULATE.md).
    #[arg(long)]
    pub json: bool,
    /// Threads to use [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Write a classroom report into this folder: report.md with charts (SVG) and the
    /// tables as CSV (documented in docs/SIMULATE.md).
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// Write the first game as a save file (replay it with `euphrates replay PATH`).
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,
    /// Compare two controllers, A:B (e.g. normal:random), as each playable faction in turn,
    /// with everyone else at --difficulty: paired games on the same seeds.
    #[arg(long, value_name = "A:B")]
    pub duel: Option<String>,
}

pub(super) fn run(args: &SimulateArgs) -> ExitCode {
    let path = args.level.clone().unwrap_or_else(default_level_path);
    let loaded = match level::load_path(&path) {
        Ok(l) => l,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::from(1);
        }
    };
    match simulate(args, &path, loaded) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Plays and reports the games asked for; a problem is the message to print.
fn simulate(args: &SimulateArgs, path: &Path, loaded: LoadedLevel) -> Result<(), String> {
    let level_name = loaded.file.name.clone();
    let mut scenario = loaded.scenario.clone();
    if let Some(t) = args.turns {
        if !(1..=500).contains(&t) {
            return Err("--turns must be 1..=500".into());
        }
        scenario.turns = t;
    }
    if let Some(fog) = args.fog {
        scenario.fog = fog;
    }
    if !(1..=100_000).contains(&args.games) {
        return Err("--games must be 1..=100000".into());
    }
    let (all, controllers) = controllers(args, &scenario)?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let seeds: Vec<u64> = (0..u64::from(args.games))
        .map(|k| args.seed.wrapping_add(k))
        .collect();
    let scenario = Arc::new(scenario);
    let started = Instant::now();
    if let Some(spec) = &args.duel {
        return duel(args.json, spec, scenario, &seeds, all, threads, started);
    }
    let (games, panicked) = simulate::play_many(scenario.clone(), &seeds, &controllers, threads);
    let elapsed = started.elapsed();
    if let Some(dir) = &args.report {
        write_report(dir, loaded, &scenario, &games, &controllers)?;
    }
    if let Some(save_path) = &args.save {
        // The first game again, recorded: the rules are deterministic, so it is the same game.
        let recorder = Recorder::new(
            &level_name,
            path,
            &Game::new(scenario.clone(), seeds[0]),
            None,
            all,
        );
        let (game, _, recorder) =
            simulate::play_recorded(scenario.clone(), seeds[0], &controllers, recorder);
        crate::save::write(save_path, &recorder.save(&game)).map_err(|e| e.to_string())?;
        eprintln!(
            "saved game 1 (seed {}, {} commands) to {}",
            seeds[0],
            recorder.len(),
            save_path.display()
        );
    }
    if args.json {
        let v = serde_json::json!({
            "level": scenario.id,
            "turns": scenario.turns,
            "players": scenario.factions.iter().zip(&controllers).map(|(f, c)| serde_json::json!({ "faction": f.key, "controller": c.name() })).collect::<Vec<_>>(),
            "games": games,
        });
        let text = serde_json::to_string(&v).map_err(|e| format!("cannot write JSON: {e}"))?;
        out!("{text}");
    } else {
        out_part!("{}", simulate::report(&scenario, &games, &controllers));
        out!(
            "\n{} games in {:.2} s on {threads} threads ({:.0} ms a game)",
            games.len(),
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 * threads as f64 / games.len().max(1) as f64
        );
    }
    if !panicked.is_empty() {
        return Err(format!(
            "{} game{} stopped on a bug (a panic); replay with --games 1 --seed S for S in: {}",
            panicked.len(),
            if panicked.len() == 1 { "" } else { "s" },
            panicked
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(())
}

/// A controller by name: a difficulty or `random`.
fn controller(name: &str) -> Option<Controller> {
    if name == "random" {
        Some(Controller::Random)
    } else {
        Difficulty::from_name(name).map(Controller::Ai)
    }
}

/// The difficulty of every side, and each side's controller (`--player ID=CONTROLLER`).
fn controllers(
    args: &SimulateArgs,
    scenario: &Scenario,
) -> Result<(Difficulty, Vec<Controller>), String> {
    let Some(all) = Difficulty::from_name(&args.difficulty) else {
        return Err(format!(
            "unknown difficulty `{}`\n    hint: use easy, normal or hard",
            args.difficulty
        ));
    };
    let mut controllers = vec![Controller::Ai(all); scenario.factions.len()];
    for p in &args.players {
        let Some((id, who)) = p.split_once('=') else {
            return Err(format!(
                "`{p}` is not ID=CONTROLLER\n    hint: e.g. --player isis=random"
            ));
        };
        let Some(f) = scenario.faction_by_key(id) else {
            let keys = scenario.factions.iter().map(|f| f.key.as_str());
            return Err(format!(
                "unknown faction `{id}`\n    hint: {}",
                level::diag::unknown_hint(id, keys)
            ));
        };
        let Some(c) = controller(who) else {
            return Err(format!(
                "unknown controller `{who}`\n    hint: use easy, normal, hard or random"
            ));
        };
        controllers[usize::from(f.0)] = c;
    }
    Ok((all, controllers))
}

/// `--duel A:B`: every side played by A and by B in turn, the others at `all`.
fn duel(
    json: bool,
    spec: &str,
    scenario: Arc<Scenario>,
    seeds: &[u64],
    all: Difficulty,
    threads: usize,
    started: Instant,
) -> Result<(), String> {
    let pair = spec
        .split_once(':')
        .and_then(|(a, b)| Some((controller(a)?, controller(b)?)));
    let Some((a, b)) = pair else {
        return Err(format!(
            "`{spec}` is not A:B\n    hint: e.g. --duel normal:random or --duel hard:easy"
        ));
    };
    let others = Controller::Ai(all);
    let duels = simulate::duel(scenario, seeds, a, b, others, threads);
    if json {
        out!(
            "{}",
            serde_json::json!({ "duel": [a.name(), b.name()], "factions": duels })
        );
    } else {
        out_part!("{}", simulate::duel_report(&duels, a, b, others));
        out!(
            "\n{} games in {:.2} s on {threads} threads",
            duels.iter().map(|d| d.games * 2).sum::<usize>(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `--report DIR`: the classroom report of the games.
fn write_report(
    dir: &Path,
    mut level: LoadedLevel,
    scenario: &Scenario,
    games: &[simulate::GameStats],
    controllers: &[Controller],
) -> Result<(), String> {
    level.scenario = scenario.clone();
    let summary = simulate::report(scenario, games, controllers);
    let title = format!(
        "{} all-AI game{}",
        games.len(),
        if games.len() == 1 { "" } else { "s" }
    );
    let ctx = crate::report::Context {
        title: &title,
        summary: &summary,
    };
    let p = crate::report::write(dir, &level, games, &ctx)
        .map_err(|e| format!("cannot write the report into {}: {e}", dir.display()))?;
    eprintln!("report written to {}", p.display());
    Ok(())
}
