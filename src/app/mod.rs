//! The Bevy client. It owns presentation only: the map and unit views, camera, input and
//! egui panels. Game rules live in [`crate::sim`]; the client holds a [`Session`] and shows it.
//!
//! One plugin per file; this module composes them.

pub mod camera;
pub mod coords;
pub mod hud;
pub mod level_asset;
pub mod map_view;
pub mod screenshot;
pub mod terrain_texture;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_ecs_tilemap::TilemapPlugin;
use bevy_egui::EguiPlugin;

use crate::level::LoadedLevel;
use crate::sim::{FactionId, Game};

/// How the game was asked to start.
pub struct PlayConfig {
    /// The level file.
    pub level_path: PathBuf,
    /// The level, already loaded and validated by the command line.
    pub level: LoadedLevel,
    /// The faction the player commands.
    pub faction: FactionId,
    /// Seed for the dice.
    pub seed: u64,
    /// Save a screenshot here after `frames` frames, then exit.
    pub screenshot: Option<PathBuf>,
    /// Frames to render before the screenshot.
    pub frames: u32,
}

/// The game being played and the level it came from.
#[derive(Resource)]
pub struct Session {
    /// The game state (rules live in `sim`).
    pub game: Game,
    /// The level, for names, sources and coordinates.
    pub level: Arc<LoadedLevel>,
    /// The faction the player commands.
    pub player: FactionId,
    /// The seed the game was started with.
    pub seed: u64,
}

impl Session {
    /// A new game of a level.
    pub fn new(level: LoadedLevel, player: FactionId, seed: u64) -> Self {
        let game = Game::new(level.scenario.clone(), seed);
        Session {
            game,
            level: Arc::new(level),
            player,
            seed,
        }
    }
}

/// Bumped whenever a different map is shown, so views rebuild themselves.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapRevision(pub u32);

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

/// Opens the game window and runs until it is closed.
pub fn run(config: PlayConfig) -> ExitCode {
    if let Some(problem) = display_problem() {
        eprintln!("error: {problem}");
        return ExitCode::from(1);
    }
    let screenshot = config.screenshot.is_some();
    let mut app = App::new();
    level_asset::register_source(&mut app, &config.level_path);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!("Euphrates — {}", config.level.scenario.name),
                    resolution: (1280, 800).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                // Hot reload of the level being edited; not while taking a screenshot.
                watch_for_changes_override: Some(!screenshot),
                ..default()
            }),
    )
    .add_plugins((EguiPlugin::default(), TilemapPlugin))
    .insert_resource(ClearColor(Color::srgb(0.10, 0.11, 0.13)))
    .insert_resource(if screenshot {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    })
    .init_resource::<MapRevision>()
    .insert_resource(Session::new(config.level, config.faction, config.seed))
    .add_plugins((
        camera::plugin,
        map_view::plugin,
        hud::plugin,
        level_asset::plugin,
    ));
    if let Some(path) = config.screenshot {
        app.add_plugins(screenshot::plugin(path, config.frames));
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
