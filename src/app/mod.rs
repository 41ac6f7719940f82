//! The Bevy client. It owns presentation only: the map and unit views, camera, input and
//! egui panels. Game rules live in [`crate::sim`]; the client holds a [`Session`] and shows it.
//!
//! One plugin per file; this module composes them. Shared state lives apart from the features
//! that use it: [`state`] (the screens), [`ui_state`] (selection, hover, open windows, the
//! messages that carry orders), [`theme`] (colours and layout sizes) and [`session`] (the game).

pub mod approach;
pub mod art;
pub mod bench;
pub mod citations;
pub mod classroom;
pub mod debrief;
pub mod frontline;
pub mod handover;
pub mod hud;
pub mod input;
pub mod intel;
pub mod lessons;
pub mod level_asset;
pub mod locks;
pub mod map;
pub mod orders;
pub mod saves;
pub mod screens;
pub mod screenshot;
pub mod session;
pub mod settings;
pub mod state;
pub mod teaching;
pub mod theme;
pub mod title;
pub mod ui_state;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_ecs_tilemap::TilemapPlugin;
use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};

use crate::level::LoadedLevel;
use crate::sim::FactionId;
use crate::sim::ai::Difficulty;
use session::Session;
use state::{AppState, EguiPass, MapRevision};
use theme::MAP_BACKGROUND;

/// How the game was asked to start.
pub struct PlayConfig {
    /// The level file.
    pub level_path: PathBuf,
    /// The level, already loaded and validated by the command line.
    pub level: LoadedLevel,
    /// The faction the player commands.
    pub faction: FactionId,
    /// In a hotseat game, the sides people play at this machine (two or more; empty for one
    /// player).
    pub hotseat: Vec<FactionId>,
    /// How well the computer plays the other factions.
    pub difficulty: Difficulty,
    /// Seed for the dice.
    pub seed: u64,
    /// Open on the main menu rather than straight in the game.
    pub menu: bool,
    /// A saved game to continue, already restored and checked.
    pub restored: Option<Box<Session>>,
    /// A unit (by level id) to select and show at the start.
    pub select: Option<String>,
    /// End this many of the player's turns by themselves at the start.
    pub end_turns: u32,
    /// Pan the map for this many seconds, print frame rate and start-up time, and exit.
    pub bench_pan: Option<f32>,
    /// When the process started, for the start-up time.
    pub launched: std::time::Instant,
    /// Save a screenshot here after `frames` frames, then exit.
    pub screenshot: Option<PathBuf>,
    /// Frames to render before the screenshot.
    pub frames: u32,
    /// The window's size in logical pixels (1280×800 when not given).
    pub window: Option<(u32, u32)>,
    /// The UI scale for this run, over the kept setting.
    pub ui_scale: Option<f32>,
    /// The fog of war as the command line set it, over the level's (already applied to
    /// `level`; kept for new games and reloads).
    pub fog: Option<bool>,
}

/// Why the game cannot open a window here, if it cannot.
fn display_problem() -> Option<&'static str> {
    #[cfg(target_os = "linux")]
    {
        let has = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
        if !has("DISPLAY") && !has("WAYLAND_DISPLAY") {
            return Some(
                "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); run the game in a desktop session, or under `xvfb-run -a`",
            );
        }
    }
    None
}

/// Everything of the client but the terrain's drawing: the camera, the panels, windows and
/// menus, the input that gives orders, the map's overlays painted by egui, saves and
/// teaching. The game adds it to Bevy's default plugins; the interface tests to a window
/// without a renderer, to drive it with synthetic input.
pub fn interface(app: &mut App) {
    app.init_resource::<MapRevision>()
        .configure_sets(
            EguiPrimaryContextPass,
            (
                EguiPass::Map,
                EguiPass::Panels,
                EguiPass::Windows,
                EguiPass::Focus,
            )
                .chain(),
        )
        .add_plugins((
            map::camera::plugin,
            settings::plugin,
            orders::plugin,
            map::overlay::plugin,
            hud::plugin,
            screens::plugin,
            level_asset::plugin,
            saves::plugin,
            teaching::plugin,
            debrief::plugin,
            handover::plugin,
            art::plugin,
            title::plugin,
            lessons::plugin,
        ));
}

/// Opens the game window and runs until it is closed.
pub fn run(config: PlayConfig) -> ExitCode {
    if let Some(problem) = display_problem() {
        eprintln!("error: {problem}");
        return ExitCode::from(1);
    }
    let screenshot = config.screenshot.is_some() || config.bench_pan.is_some();
    let mut app = App::new();
    level_asset::register_source(&mut app, &config.level_path);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!("Euphrates — {}", config.level.scenario.name),
                    resolution: config.window.unwrap_or((1280, 800)).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: art::assets_dir().to_string_lossy().into_owned(),
                // Hot reload of the level being edited and of the art; not while taking a
                // screenshot.
                watch_for_changes_override: Some(!screenshot),
                ..default()
            }),
    )
    .add_plugins((EguiPlugin::default(), TilemapPlugin))
    .insert_resource(ClearColor(MAP_BACKGROUND))
    .insert_resource(if screenshot {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    });
    // A teacher's classroom settings win over the command line's for a new game.
    let locks = locks::Locks::load(&locks::Locks::default_path());
    if let Some(p) = &locks.problem {
        warn!("{p}");
    }
    let mut config = config;
    if config.restored.is_none() {
        locks.apply(&mut config.level);
        config.difficulty = locks.difficulty_or(config.difficulty);
    }
    let levels_dir = config
        .level_path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let faction_key = config
        .level
        .scenario
        .faction(config.faction)
        .map(|f| f.key.clone())
        .unwrap_or_default();
    app.insert_resource(screens::NewGame {
        levels: screens::find_levels(&levels_dir, &config.level_path),
        level: config.level_path.clone(),
        faction: faction_key,
        difficulty: config.difficulty,
        seed: config.seed,
        error: None,
        factions: None,
        notes: Default::default(),
        level_fog: config.level.scenario.fog,
        hotseat: None,
    })
    .insert_resource(state::FogChoice(config.fog))
    .insert_resource(
        match config.restored {
            Some(session) => *session,
            None if config.hotseat.len() > 1 => Session::hotseat(
                config.level,
                config.level_path.clone(),
                &config.hotseat,
                config.seed,
                config.difficulty,
            ),
            None => Session::new(
                config.level,
                config.level_path.clone(),
                config.faction,
                config.seed,
                config.difficulty,
            ),
        }
        .under(Some(&locks)),
    )
    .insert_resource(locks)
    .insert_state(if config.menu {
        AppState::MainMenu
    } else {
        AppState::InGame
    })
    .add_plugins((map::view::plugin, interface));
    if !screenshot {
        // The player's settings from the last run.
        let path = settings::default_path();
        let (kept, problem) = settings::Settings::load(&path);
        if let Some(p) = &problem {
            warn!("{p}");
        }
        let kept = settings::Settings {
            ui_scale: config.ui_scale.map_or(kept.ui_scale, settings::snap_scale),
            ..kept
        };
        app.insert_resource(kept)
            .insert_resource(settings::SettingsFile {
                path: Some(path),
                problem,
            });
    }
    if screenshot {
        // Nothing to watch: the computer's turns pass at once.
        app.insert_resource(settings::Settings {
            animation: settings::AnimationSpeed::Off,
            ui_scale: config.ui_scale.map_or(1.0, settings::snap_scale),
            ..default()
        })
        .insert_resource(saves::Autosave::off())
        .insert_resource(teaching::BriefingAtStart(false));
    }
    if config.end_turns > 0 {
        app.insert_resource(ui_state::AutoEndTurns(config.end_turns))
            .add_systems(
                Update,
                orders::auto_end_turns
                    .before(orders::handle_actions)
                    .run_if(in_state(AppState::InGame)),
            );
    }
    if let Some(key) = config.select {
        app.insert_resource(orders::StartSelected(key))
            .add_systems(Update, orders::select_at_start);
    }
    if let Some(seconds) = config.bench_pan {
        app.add_plugins(bench::plugin(config.launched, seconds));
    }
    if let Some(path) = config.screenshot {
        app.add_plugins(screenshot::plugin(path, config.frames));
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
