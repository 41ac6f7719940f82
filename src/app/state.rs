//! The screens of the game as Bevy states, and what tells the views that another map is shown.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// The screens of the game.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppState {
    /// New game, load, settings, quit; the level's map behind.
    #[default]
    MainMenu,
    /// Loading the chosen level.
    Loading,
    /// Playing.
    InGame,
    /// The game is over: results and score.
    Debrief,
}

/// The fog of war as chosen in the menu or on the command line, over the level's own
/// (`None`: the level's), for every new game and reload of this run.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FogChoice(pub Option<bool>);

/// Bumped whenever a different map is shown, so views rebuild themselves.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapRevision(pub u32);

/// The order of the egui pass: the map's overlay first (under everything), then the panels,
/// then the windows over them, and last the check of what egui covers (see
/// [`crate::app::ui_state::UiFocus`]).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EguiPass {
    /// Places, counters, reach and overlays painted over the map.
    Map,
    /// The top bar, the side panel and the event log.
    Panels,
    /// Windows over the panels (the attack window, help).
    Windows,
    /// What egui covers, read after everything is drawn.
    Focus,
}

/// Where the game goes next: another screen, or out.
#[derive(SystemParam)]
pub struct Navigation<'w> {
    /// The next screen.
    pub next: ResMut<'w, NextState<AppState>>,
    /// Quitting the game.
    pub exit: MessageWriter<'w, AppExit>,
}
