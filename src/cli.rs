//! The command line: one binary that is the game (`play`, the default) and the modder's and
//! teacher's tool (`check`, `inspect`). Exit code 0 on success, 1 on a user error with a
//! message on stderr; never a panic.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::level::{self, Diagnostic, LoadedLevel};

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
    },
}

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

/// Options for playing.
#[derive(Debug, Clone, Args, Default)]
pub struct PlayArgs {
    /// The level file to play [default: levels/euphrates_2017.ron].
    #[arg(long, value_name = "PATH")]
    pub level: Option<PathBuf>,
    /// The faction to play, by id (e.g. `sdf`).
    #[arg(long, value_name = "ID")]
    pub faction: Option<String>,
    /// Seed for the dice.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How well the computer plays the other factions: easy, normal or hard.
    #[arg(long, default_value = "normal")]
    pub difficulty: String,
    /// Continue a saved game (its level is found from the save, or given with --level).
    #[arg(long, value_name = "SAVE", conflicts_with_all = ["faction", "seed", "difficulty"])]
    pub load: Option<PathBuf>,
    /// Render, save a screenshot of the window to this PNG file, and exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
    /// Start with this unit (by id) selected and in view, e.g. for a screenshot of its reach.
    #[arg(long, value_name = "UNIT")]
    pub select: Option<String>,
    /// End this many of your turns by themselves at the start (the computer plays the other
    /// sides), e.g. for a screenshot of a game under way.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub end_turns: u32,
    /// Pan the map for this many seconds, then print the frame rate and the time from launch
    /// to an interactive map, and exit.
    #[arg(long, value_name = "SECONDS")]
    pub bench_pan: Option<f32>,
    /// Frames to render before the screenshot.
    #[arg(long, default_value_t = 30, requires = "screenshot")]
    pub frames: u32,
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
        None => play(cli.play),
        Some(Command::Play(args)) => play(args),
        Some(Command::Check { paths }) => check(&paths),
        Some(Command::Inspect { path, json }) => inspect(&path, json),
        Some(Command::Simulate(args)) => simulate(&args),
        Some(Command::Replay {
            save,
            verify,
            level,
        }) => replay(&save, verify, level.as_deref()),
    }
}

fn simulate(args: &SimulateArgs) -> ExitCode {
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
        let mut recorder = crate::save::Recorder::new(
            &level_name,
            &path,
            &crate::sim::Game::new(scenario.clone(), seeds[0]),
            None,
            all,
        );
        let (game, _) = crate::simulate::play_recorded(
            scenario.clone(),
            seeds[0],
            &controllers,
            Some(&mut recorder),
        );
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

fn replay(path: &Path, verify: bool, level_path: Option<&Path>) -> ExitCode {
    let save = match crate::save::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let search = level_search_dirs();
    let (found, _level, scenario) = match crate::save::find_level(&save, level_path, &search) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    if verify {
        let started = std::time::Instant::now();
        return match save.verify(scenario) {
            Ok(v) => {
                out!(
                    "{}: ok — level `{}` ({}), seed {}, {} commands over {} turns replayed; {} turn starts and {} snapshots match; final state hash {:#018x} ({:.0} ms)",
                    path.display(),
                    save.level.id,
                    found.display(),
                    save.seed,
                    v.commands,
                    v.turn,
                    v.turn_starts,
                    v.snapshots,
                    v.final_hash,
                    started.elapsed().as_secs_f64() * 1000.0
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                ExitCode::from(1)
            }
        };
    }
    // Without --verify: tell the game as it happened, date by date.
    let mut game = crate::sim::Game::new(scenario, save.seed);
    let mut narrator = crate::sim::Narrator::new(&game);
    out!(
        "{} — level `{}`, seed {}, {}",
        path.display(),
        save.level.id,
        save.seed,
        save.player.as_deref().map_or_else(
            || "all sides played by the computer".to_owned(),
            |p| format!("played as {p}")
        )
    );
    for (i, rec) in save.commands.iter().enumerate() {
        let events = match game.perform(&rec.command) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: command #{i} is refused by the rules: {e}");
                eprintln!("    hint: run with --verify to find where the game diverges");
                return ExitCode::from(1);
            }
        };
        for e in &events {
            if let Some(text) = narrator.tell(game.scenario(), e) {
                out!("{}  {text}", game.date());
            }
        }
    }
    ExitCode::SUCCESS
}

/// Where to look for a save's level when it is not where it was: the default level's folder.
pub fn level_search_dirs() -> Vec<PathBuf> {
    default_level_path()
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .collect()
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Finds the default level whether the game runs from the source tree or elsewhere.
pub fn default_level_path() -> PathBuf {
    let here = PathBuf::from(level::DEFAULT_LEVEL);
    if here.exists() {
        return here;
    }
    let beside_exe = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .skip(1)
            .map(|dir| dir.join(level::DEFAULT_LEVEL))
            .find(|p| p.exists())
    });
    beside_exe.unwrap_or(here)
}

fn level_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: cannot read the folder: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "ron"))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!("{}: the folder has no .ron files", p.display()));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let files = match level_files(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = 0;
    for f in &files {
        match level::load_path(f) {
            Ok(l) => out!("{}: ok — {}", f.display(), summary(&l)),
            Err(diags) => {
                failed += 1;
                print_diagnostics(&diags);
                eprintln!(
                    "{}: {} problem{}",
                    f.display(),
                    diags.len(),
                    if diags.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn summary(l: &LoadedLevel) -> String {
    let s = &l.scenario;
    format!(
        "\"{}\", {}×{} hexes, {} factions, {} units, {} places, {} oil fields, {} river edges, {} road links",
        s.name,
        s.map.width(),
        s.map.height(),
        s.factions.len(),
        s.units.len(),
        s.places.len(),
        s.oil_fields.len(),
        s.map.river_edges().count(),
        s.map.roads().count()
    ) + &format!(
        "; teaching: {} briefings, {} historical events, {} articles (sources and references checked)",
        l.file.briefings.len(),
        l.file.events.len(),
        l.file.articles.len()
    )
}

fn inspect(path: &Path, json: bool) -> ExitCode {
    match level::load_path(path) {
        Ok(l) => {
            if json {
                let v = level::inspect::to_json(&l);
                match serde_json::to_string_pretty(&v) {
                    Ok(s) => out!("{s}"),
                    Err(e) => {
                        eprintln!("error: cannot write JSON: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                out!("{}", summary(&l));
                print_opening(&l.scenario);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::from(1)
        }
    }
}

/// Each faction's opening position — units, money, income, fuel — then relations,
/// agreements and patrons' support: what a modder balancing a level needs to see.
fn print_opening(s: &crate::sim::Scenario) {
    use crate::sim::{AgreementKind, FactionId, Game, MoveClass, Party};
    let game = Game::new(s.clone(), 0);
    for (i, f) in s.factions.iter().enumerate() {
        let id = FactionId(i as u8);
        let units: Vec<_> = game.units().filter(|u| u.owner == id).collect();
        let motor = units
            .iter()
            .filter(|u| u.kind.move_class() == MoveClass::Motor)
            .count();
        let income: i64 = game.income_statement(id).iter().map(|l| l.amount).sum();
        out!(
            "  faction {:<12} {:<40} {:>2} units, ${:.1} M, {:+.2} M a turn, fuel {:+} a turn for {motor} motorised",
            f.key,
            f.name,
            units.len(),
            f.treasury,
            income as f64 / 1000.0,
            game.fuel_income(id),
        );
    }
    let parties = s.parties();
    for (i, &a) in parties.iter().enumerate() {
        for &b in &parties[i + 1..] {
            let r = game.relation(a, b);
            let default = s.default_relation(a, b);
            if r != default || matches!((a, b), (Party::Faction(_), Party::Faction(_))) {
                out!(
                    "  relation {} – {}: {}, tension {}",
                    s.party_name(a),
                    s.party_name(b),
                    r.stance.name(),
                    r.tension
                );
            }
        }
    }
    for a in &s.agreements {
        let what = match &a.kind {
            AgreementKind::Deconfliction { edges } => {
                format!("deconfliction line of {} hex edges", edges.len())
            }
            AgreementKind::NoStrike { hexes } => format!("no-strike zone of {} hexes", hexes.len()),
        };
        let name = |f: FactionId| s.faction(f).map_or("?", |f| f.key.as_str());
        out!(
            "  agreement {} ({what}) between {} and {}",
            a.name,
            name(a.parties.0),
            name(a.parties.1)
        );
    }
    for x in &s.support {
        let offers: Vec<&str> = x.offers.iter().map(|o| o.name()).collect();
        out!(
            "  support {} → {}: {} points, ${}k, {} fuel a turn; offers {}",
            s.party_name(Party::Patron(x.patron)),
            s.party_name(Party::Faction(x.faction)),
            x.points,
            x.money,
            x.fuel,
            if offers.is_empty() {
                "nothing".to_owned()
            } else {
                offers.join(", ")
            }
        );
    }
}

#[cfg(not(feature = "client"))]
fn play(_args: PlayArgs) -> ExitCode {
    eprintln!(
        "error: this build of euphrates has no game window (it was built without the `client` feature)\n    hint: the other commands (check, inspect, simulate, replay) work"
    );
    ExitCode::from(1)
}

#[cfg(feature = "client")]
fn play(args: PlayArgs) -> ExitCode {
    let launched = std::time::Instant::now();
    let mut restored = None;
    let (path, loaded) = if let Some(save_path) = &args.load {
        let fail = |e: crate::save::SaveError| {
            eprintln!("error: {}: {e}", save_path.display());
            ExitCode::from(1)
        };
        let save = match crate::save::read(save_path) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        match crate::save::find_level(&save, args.level.as_deref(), &level_search_dirs()) {
            Ok((path, loaded, scenario)) => {
                match crate::app::Session::from_save(save, loaded.clone(), path.clone(), scenario) {
                    Ok(session) => restored = Some(Box::new(session)),
                    Err(e) => return fail(e),
                }
                (path, loaded)
            }
            Err(e) => return fail(e),
        }
    } else {
        let path = args.level.clone().unwrap_or_else(default_level_path);
        match level::load_path(&path) {
            Ok(l) => (path, l),
            Err(diags) => {
                print_diagnostics(&diags);
                return ExitCode::from(1);
            }
        }
    };
    let faction = match &args.faction {
        None => loaded
            .scenario
            .factions
            .iter()
            .position(|f| f.playable)
            .unwrap_or(0),
        Some(key) => {
            let keys = loaded.scenario.factions.iter().map(|f| f.key.as_str());
            match loaded.scenario.faction_by_key(key) {
                Some(id) if loaded.scenario.factions[usize::from(id.0)].playable => {
                    usize::from(id.0)
                }
                Some(_) => {
                    eprintln!("error: faction `{key}` is not playable in this level");
                    return ExitCode::from(1);
                }
                None => {
                    eprintln!(
                        "error: unknown faction `{key}`\n    hint: {}",
                        level::diag::unknown_hint(key, keys)
                    );
                    return ExitCode::from(1);
                }
            }
        }
    };
    let Some(difficulty) = crate::sim::ai::Difficulty::from_name(&args.difficulty) else {
        eprintln!(
            "error: unknown difficulty `{}`\n    hint: use easy, normal or hard",
            args.difficulty
        );
        return ExitCode::from(1);
    };
    crate::app::run(crate::app::PlayConfig {
        level_path: path,
        level: loaded,
        faction: crate::sim::FactionId(faction as u8),
        difficulty,
        seed: args.seed,
        // Without a chosen side (or a save) the game opens on the main menu.
        menu: args.faction.is_none() && restored.is_none(),
        restored,
        select: args.select.clone(),
        end_turns: args.end_turns,
        bench_pan: args.bench_pan,
        launched,
        screenshot: args.screenshot,
        frames: args.frames,
    })
}
