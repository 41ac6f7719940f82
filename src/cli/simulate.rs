//! `euphrates simulate`: all-AI games on every core, their outcome tables, JSON, classroom
//! reports and a save of the first game.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::check::print_diagnostics;
use crate::level::library::default_level_path;
use crate::level::{self};

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
    use crate::sim::ai::{Controller, Difficulty};
    let path = args.level.clone().unwrap_or_else(default_level_path);
    let loaded = match level::load_path(&path) {
        Ok(l) => l,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::from(1);
        }
    };
    let level_name = loaded.file.name.clone();
    let loaded_for_report = loaded.clone();
    let mut scenario = loaded.scenario;
    if let Some(t) = args.turns {
        if !(1..=500).contains(&t) {
            eprintln!("error: --turns must be 1..=500");
            return ExitCode::from(1);
        }
        scenario.turns = t;
    }
    if !(1..=100_000).contains(&args.games) {
        eprintln!("error: --games must be 1..=100000");
        return ExitCode::from(1);
    }
    let parse = |name: &str| -> Option<Controller> {
        if name == "random" {
            Some(Controller::Random)
        } else {
            Difficulty::from_name(name).map(Controller::Ai)
        }
    };
    let Some(all) = Difficulty::from_name(&args.difficulty) else {
        eprintln!(
            "error: unknown difficulty `{}`\n    hint: use easy, normal or hard",
            args.difficulty
        );
        return ExitCode::from(1);
    };
    let mut controllers = vec![Controller::Ai(all); scenario.factions.len()];
    for p in &args.players {
        let Some((id, who)) = p.split_once('=') else {
            eprintln!("error: `{p}` is not ID=CONTROLLER\n    hint: e.g. --player isis=random");
            return ExitCode::from(1);
        };
        let Some(f) = scenario.faction_by_key(id) else {
            let keys = scenario.factions.iter().map(|f| f.key.as_str());
            eprintln!(
                "error: unknown faction `{id}`\n    hint: {}",
                level::diag::unknown_hint(id, keys)
            );
            return ExitCode::from(1);
        };
        let Some(c) = parse(who) else {
            eprintln!(
                "error: unknown controller `{who}`\n    hint: use easy, normal, hard or random"
            );
            return ExitCode::from(1);
        };
        controllers[usize::from(f.0)] = c;
    }
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let seeds: Vec<u64> = (0..u64::from(args.games))
        .map(|k| args.seed.wrapping_add(k))
        .collect();
    let scenario = std::sync::Arc::new(scenario);
    let started = std::time::Instant::now();
    if let Some(spec) = &args.duel {
        let pair = spec
            .split_once(':')
            .and_then(|(a, b)| Some((parse(a)?, parse(b)?)));
        let Some((a, b)) = pair else {
            eprintln!(
                "error: `{spec}` is not A:B\n    hint: e.g. --duel normal:random or --duel hard:easy"
            );
            return ExitCode::from(1);
        };
        let duels = crate::simulate::duel(scenario, &seeds, a, b, Controller::Ai(all), threads);
        if args.json {
            out!(
                "{}",
                serde_json::json!({ "duel": [a.name(), b.name()], "factions": duels })
            );
        } else {
            out_part!(
                "{}",
                crate::simulate::duel_report(&duels, a, b, Controller::Ai(all))
            );
            out!(
                "\n{} games in {:.2} s on {threads} threads",
                duels.iter().map(|d| d.games * 2).sum::<usize>(),
                started.elapsed().as_secs_f64()
            );
        }
        return ExitCode::SUCCESS;
    }
    let (games, panicked) =
        crate::simulate::play_many(scenario.clone(), &seeds, &controllers, threads);
    let elapsed = started.elapsed();
    if let Some(dir) = &args.report {
        let mut level = loaded_for_report;
        level.scenario = (*scenario).clone();
        let summary = crate::simulate::report(&scenario, &games, &controllers);
        let title = format!(
            "{} all-AI game{}",
            games.len(),
            if games.len() == 1 { "" } else { "s" }
        );
        let ctx = crate::report::Context {
            title: &title,
            summary: &summary,
        };
        match crate::report::write(dir, &level, &games, &ctx) {
            Ok(p) => eprintln!("report written to {}", p.display()),
            Err(e) => {
                eprintln!("error: cannot write the report into {}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
    }
    if let Some(save_path) = &args.save {
        // The first game again, recorded: the rules are deterministic, so it is the same game.
        let recorder = crate::save::Recorder::new(
            &level_name,
            &path,
            &crate::sim::Game::new(scenario.clone(), seeds[0]),
            None,
            all,
        );
        let (game, _, recorder) =
            crate::simulate::play_recorded(scenario.clone(), seeds[0], &controllers, recorder);
        if let Err(e) = crate::save::write(save_path, &recorder.save(&game)) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
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
        match serde_json::to_string(&v) {
            Ok(s) => out!("{s}"),
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        out_part!(
            "{}",
            crate::simulate::report(&scenario, &games, &controllers)
        );
        out!(
            "\n{} games in {:.2} s on {threads} threads ({:.0} ms a game)",
            games.len(),
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 * threads as f64 / games.len().max(1) as f64
        );
    }
    if !panicked.is_empty() {
        eprintln!(
            "error: {} game{} stopped on a bug (a panic); replay with --games 1 --seed S for S in: {}",
            panicked.len(),
            if panicked.len() == 1 { "" } else { "s" },
            panicked
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
