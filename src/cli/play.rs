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
    /// The fog of war, on or off, over the level's own choice (the default level has it on).
    #[arg(long, value_name = "ON|OFF", value_parser = super::options::parse_fog, conflicts_with = "load")]
    pub fog: Option<bool>,
    /// Several people at this computer, one side each, taking turns (e.g. `sdf,syria`); the
    /// computer plays the others. The map is hidden between their turns.
    #[arg(long, value_name = "ID,ID,…", value_delimiter = ',', conflicts_with_all = ["faction", "load"])]
    pub hotseat: Vec<String>,
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
    /// The window's size in logical pixels, as WIDTHxHEIGHT (e.g. 1024x768).
    #[arg(long, value_name = "WxH", value_parser = parse_window)]
    pub window: Option<(u32, u32)>,
    /// The interface's scale for this run: 0.75, 1, 1.25, 1.5, 1.75 or 2 (the settings keep
    /// the player's own choice).
    #[arg(long, value_name = "SCALE", value_parser = parse_scale)]
    pub ui_scale: Option<f32>,
}

/// A window size written WIDTHxHEIGHT, within what a screen can show.
fn parse_window(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{text}` is not a window size; write it as WIDTHxHEIGHT, e.g. 1280x800");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    if !(640..=7680).contains(&w) || !(480..=4320).contains(&h) {
        return Err(format!(
            "{w}x{h} is outside 640x480 to 7680x4320, the sizes the interface is laid out for"
        ));
    }
    Ok((w, h))
}

/// A UI scale from 0.75 to 2 (the interface takes the nearest of its fixed steps).
fn parse_scale(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|v| (0.75..=2.0).contains(v))
        .ok_or_else(|| format!("`{text}` is not a UI scale; use 0.75, 1, 1.25, 1.5, 1.75 or 2"))
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
            .unwrap_or(crate::sim::FactionId(0)),
        Some(key) => match playable_side(&loaded.scenario, key) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let mut hotseat = Vec::new();
    for key in &args.hotseat {
        match playable_side(&loaded.scenario, key.trim()) {
            Ok(f) if hotseat.contains(&f) => {
                eprintln!("error: `{key}` is named twice in --hotseat");
                return ExitCode::from(1);
            }
            Ok(f) => hotseat.push(f),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    if hotseat.len() == 1 {
        eprintln!(
            "error: --hotseat needs two sides or more\n    hint: to play one side against the computer, use --faction {}",
            args.hotseat[0]
        );
        return ExitCode::from(1);
    }
    let faction = hotseat.first().copied().unwrap_or(faction);
    let Some(difficulty) = crate::sim::ai::Difficulty::from_name(&args.difficulty) else {
        eprintln!(
            "error: unknown difficulty `{}`\n    hint: use easy, normal or hard",
            args.difficulty
        );
        return ExitCode::from(1);
    };
    let mut loaded = loaded;
    if let Some(fog) = args.fog {
        loaded.scenario.fog = fog;
    }
    crate::app::run(crate::app::PlayConfig {
        level_path: path,
        fog: args.fog,
        level: loaded,
        faction,
        hotseat,
        difficulty,
        seed: args.seed,
        // Without a chosen side (or a save) the game opens on the main menu.
        menu: args.faction.is_none() && args.hotseat.is_empty() && restored.is_none(),
        restored,
        select: args.select.clone(),
        end_turns: args.end_turns,
        bench_pan: args.bench_pan,
        launched,
        screenshot: args.screenshot,
        frames: args.frames,
        window: args.window,
        ui_scale: args.ui_scale,
    })
}

/// A side of the level a person may play, by id, or why not.
#[cfg(feature = "client")]
fn playable_side(
    scenario: &crate::sim::Scenario,
    key: &str,
) -> Result<crate::sim::FactionId, String> {
    match scenario.side_for(Some(key)) {
        Some(id) if scenario.factions[usize::from(id.0)].playable => Ok(id),
        Some(_) => Err(format!("faction `{key}` is not playable in this level")),
        None => Err(format!(
            "unknown faction `{key}`\n    hint: {}",
            level::diag::unknown_hint(key, scenario.factions.iter().map(|f| f.key.as_str()))
        )),
    }
}
