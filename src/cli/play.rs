//! `euphrates play`: opens the game window on a level, a side, or a saved game.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[cfg(feature = "client")]
use super::check::print_diagnostics;
#[cfg(feature = "client")]
use crate::level::{
    self,
    library::{default_level_path, search_dirs},
};

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

#[cfg(not(feature = "client"))]
pub(super) fn run(_args: PlayArgs) -> ExitCode {
    eprintln!(
        "error: this build of euphrates has no game window (it was built without the `client` feature)\n    hint: the other commands (check, inspect, simulate, replay) work"
    );
    ExitCode::from(1)
}

#[cfg(feature = "client")]
pub(super) fn run(args: PlayArgs) -> ExitCode {
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
        match crate::save::find_level(&save, args.level.as_deref(), &search_dirs()) {
            Ok((path, loaded, scenario)) => {
                match crate::app::session::Session::from_save(
                    save,
                    loaded.clone(),
                    path.clone(),
                    scenario,
                ) {
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
            .side_for(None)
            .map_or(0, |f| usize::from(f.0)),
        Some(key) => {
            let keys = loaded.scenario.factions.iter().map(|f| f.key.as_str());
            match loaded.scenario.side_for(Some(key)) {
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
