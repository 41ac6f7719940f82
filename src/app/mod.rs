//! The Bevy client. It owns presentation only: the map and unit views, camera, input and
//! egui panels. Game rules live in [`crate::sim`]; the client holds a [`Session`] and shows it.
//!
//! One plugin per file; this module composes them.

pub mod bench;
pub mod camera;
pub mod coords;
pub mod debrief;
pub mod hud;
pub mod input;
pub mod level_asset;
pub mod map_view;
pub mod orders;
pub mod overlay;
pub mod saves;
pub mod screens;
pub mod screenshot;
pub mod settings;
pub mod teaching;
pub mod terrain_texture;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_ecs_tilemap::TilemapPlugin;
use bevy_egui::EguiPlugin;

use crate::level::LoadedLevel;
use crate::save::{Recorder, Save, SaveError};
use crate::sim::ai::{AiPlayer, Difficulty};
use crate::sim::{Command, Event, FactionId, Game, RuleError};

/// How the game was asked to start.
pub struct PlayConfig {
    /// The level file.
    pub level_path: PathBuf,
    /// The level, already loaded and validated by the command line.
    pub level: LoadedLevel,
    /// The faction the player commands.
    pub faction: FactionId,
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
}

/// One line of the event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// The game date it happened on.
    pub date: crate::sim::Date,
    /// The faction whose turn it was.
    pub faction: FactionId,
    /// What happened, in words.
    pub text: String,
    /// For a line of real history (not of this game): the level's event id.
    pub history: Option<String>,
}

/// Most lines the event log keeps; older ones scroll away.
pub const LOG_LINES: usize = 400;

/// The game being played and the level it came from.
#[derive(Resource)]
pub struct Session {
    /// The game state (rules live in `sim`).
    pub game: Game,
    /// The level, for names, sources and coordinates.
    pub level: Arc<LoadedLevel>,
    /// The level file, as given.
    pub level_path: PathBuf,
    /// The faction the player commands.
    pub player: FactionId,
    /// The seed the game was started with.
    pub seed: u64,
    /// How well the computer plays the other factions.
    pub difficulty: Difficulty,
    /// The computer players, one per faction (none for the player's).
    pub ai: Vec<Option<AiPlayer>>,
    /// What happened, newest last.
    pub log: std::collections::VecDeque<LogLine>,
    /// Every command so far, for saves.
    pub recorder: Recorder,
    /// The statistics of each turn so far, for the debrief's charts.
    pub chronicle: crate::simulate::Chronicle,
    /// Tells events for the log (and keeps the names of units that are gone).
    narrator: crate::sim::Narrator,
}

impl Session {
    /// A new game of a level.
    pub fn new(
        level: LoadedLevel,
        level_path: PathBuf,
        player: FactionId,
        seed: u64,
        difficulty: Difficulty,
    ) -> Self {
        let game = Game::new(level.scenario.clone(), seed);
        let recorder = Recorder::new(
            &level.file.name,
            &level_path,
            &game,
            Some(player),
            difficulty,
        );
        Self::around(game, level, level_path, player, difficulty, recorder)
    }

    /// A saved game, restored and checked step by step (see [`crate::save::Save::restore`]).
    /// The log shows what happened since the snapshot the game was resumed from.
    pub fn from_save(
        save: Save,
        level: LoadedLevel,
        level_path: PathBuf,
        scenario: crate::sim::Scenario,
    ) -> Result<Self, SaveError> {
        let player = save.player_faction(&scenario).ok_or_else(|| {
            SaveError::NotASave(format!(
                "the save names no side of this level for the player ({})",
                save.player.as_deref().unwrap_or("none")
            ))
        })?;
        let (game, _) = save.restore(scenario)?;
        let difficulty = save.difficulty;
        let commands: Vec<Command> = save.commands.iter().map(|r| r.command.clone()).collect();
        let chronicle =
            crate::simulate::Chronicle::replay(game.scenario_arc(), game.seed(), &commands);
        let mut session = Self::around(
            game,
            level,
            level_path,
            player,
            difficulty,
            Recorder::resume(save),
        );
        session.chronicle = chronicle;
        let start = session.game.scenario().start;
        let days = u32::from(session.game.scenario().days_per_turn);
        let entries = session.game.log().to_vec();
        // As `perform` shows them: a new turn's lines carry its date, a side's turn start
        // and what follows it are that side's.
        let mut date = entries
            .first()
            .map(|e| start.plus_days(u32::from(e.turn.saturating_sub(1)) * days));
        for e in entries {
            let faction = match e.event {
                Event::NewTurn { date: d, .. } => {
                    date = Some(d);
                    e.faction
                }
                Event::FactionTurnBegan { faction } => faction,
                _ => e.faction,
            };
            session.note(date.unwrap_or(start), faction, &e.event);
        }
        session.trim_log();
        Ok(session)
    }

    fn around(
        game: Game,
        level: LoadedLevel,
        level_path: PathBuf,
        player: FactionId,
        difficulty: Difficulty,
        recorder: Recorder,
    ) -> Self {
        let ai = (0..game.scenario().factions.len())
            .map(|i| (i != usize::from(player.0)).then(|| AiPlayer::new(difficulty)))
            .collect();
        let narrator = crate::sim::Narrator::new(&game);
        Session {
            chronicle: crate::simulate::Chronicle::new(&game),
            seed: game.seed(),
            game,
            level: Arc::new(level),
            level_path,
            player,
            difficulty,
            ai,
            log: Default::default(),
            recorder,
            narrator,
        }
    }

    /// The game as a save, ready to write.
    pub fn save(&self) -> Save {
        self.recorder.save(&self.game)
    }

    fn note(&mut self, date: crate::sim::Date, faction: FactionId, e: &Event) {
        if let Some(text) = self.narrator.tell(self.game.scenario(), e) {
            self.log.push_back(LogLine {
                date,
                faction,
                text,
                history: None,
            });
        }
    }

    /// Adds a line to the log (history from the level's calendar, for one).
    pub fn push_line(&mut self, line: LogLine) {
        self.log.push_back(line);
        self.trim_log();
    }

    fn trim_log(&mut self) {
        while self.log.len() > LOG_LINES {
            self.log.pop_front();
        }
    }

    /// Carries out a command through the rules and writes what happened to the log.
    pub fn perform(&mut self, command: &Command) -> Result<Vec<Event>, RuleError> {
        let mut faction = self.game.active_faction();
        let turn = self.game.turn();
        let events = self.game.perform(command)?;
        self.recorder.record(&self.game, command, &events);
        self.chronicle.note(&self.game, turn, &events);
        let date = self.game.date();
        for e in &events {
            // An end of turn carries the next side's turn start: its lines are that side's.
            if let Event::FactionTurnBegan { faction: next } = e {
                faction = *next;
            }
            self.note(date, faction, e);
        }
        self.trim_log();
        Ok(events)
    }

    /// Whether the computer is to move now.
    pub fn ai_to_move(&self) -> bool {
        !self.game.is_over() && self.game.active_faction() != self.player
    }

    /// Lets the computer choose and carry out one command for the active faction. A command
    /// the rules refuse (which would be a bug in the AI) ends its turn instead, so the game
    /// never stalls.
    pub fn ai_step(&mut self) -> Option<Vec<Event>> {
        if !self.ai_to_move() {
            return None;
        }
        let f = usize::from(self.game.active_faction().0);
        let command = match self.ai.get_mut(f).and_then(Option::as_mut) {
            Some(ai) => ai.choose(&self.game),
            None => Command::EndTurn,
        };
        match self.perform(&command) {
            Ok(events) => Some(events),
            Err(_) => self.perform(&Command::EndTurn).ok(),
        }
    }
}

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

/// The window's colour around the map on the main menu.
pub const MAP_BACKGROUND: Color = Color::srgb(0.10, 0.11, 0.13);

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
    let screenshot = config.screenshot.is_some() || config.bench_pan.is_some();
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
    .insert_resource(ClearColor(MAP_BACKGROUND))
    .insert_resource(if screenshot {
        WinitSettings::game()
    } else {
        WinitSettings::desktop_app()
    })
    .init_resource::<MapRevision>();
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
    })
    .insert_resource(match config.restored {
        Some(session) => *session,
        None => Session::new(
            config.level,
            config.level_path.clone(),
            config.faction,
            config.seed,
            config.difficulty,
        ),
    })
    .insert_state(if config.menu {
        AppState::MainMenu
    } else {
        AppState::InGame
    })
    .add_plugins((
        camera::plugin,
        map_view::plugin,
        settings::plugin,
        orders::plugin,
        overlay::plugin,
        hud::plugin,
        screens::plugin,
        level_asset::plugin,
        saves::plugin,
        teaching::plugin,
        debrief::plugin,
    ));
    if screenshot {
        // Nothing to watch: the computer's turns pass at once.
        app.insert_resource(settings::Settings {
            animation: settings::AnimationSpeed::Off,
            ..default()
        })
        .insert_resource(saves::Autosave::off())
        .insert_resource(teaching::BriefingAtStart(false));
    }
    if config.end_turns > 0 {
        app.insert_resource(orders::AutoEndTurns(config.end_turns))
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
