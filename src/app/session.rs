//! The game the client shows: the one Bevy-free [`crate::session::Session`] that drives it,
//! with the level it came from and who plays it, as a Bevy resource.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use crate::level::LoadedLevel;
use crate::save::{Recorder, Save, SaveError};
use crate::sim::ai::{Difficulty, Players};
use crate::sim::{Command, Event, FactionId, Game};

pub use crate::session::LogLine;

/// The game being played and the level it came from. It derefs to the driver, so
/// `session.game`, `session.log` and `session.perform(…)` read as they say.
#[derive(Resource)]
pub struct Session {
    /// The driver: the game, its computer players, its record, chronicle and log.
    pub play: crate::session::Session,
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
}

impl Deref for Session {
    type Target = crate::session::Session;
    fn deref(&self) -> &Self::Target {
        &self.play
    }
}

impl DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.play
    }
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
        let players = Players::against(game.scenario().factions.len(), player, difficulty);
        let play = crate::session::Session::new(game, players)
            .recorded(recorder)
            .narrated()
            .seen_by(player);
        Session {
            seed: play.game.seed(),
            play,
            level: Arc::new(level),
            level_path,
            player,
            difficulty,
        }
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
        let players = Players::against(game.scenario().factions.len(), player, difficulty);
        let play = crate::session::Session::restored(
            game,
            players,
            Recorder::resume(save),
            &commands,
            true,
        )
        .seen_by(player);
        Ok(Session {
            seed: play.game.seed(),
            play,
            level: Arc::new(level),
            level_path,
            player,
            difficulty,
        })
    }

    /// The record of every command so far (a game in the client is always recorded).
    pub fn recorder(&self) -> &Recorder {
        self.play
            .recorder
            .as_ref()
            .expect("the client records every game it plays")
    }

    /// The game as a save, ready to write.
    pub fn save(&self) -> Save {
        self.recorder().save(&self.game)
    }

    /// Whether the computer is to move now.
    pub fn ai_to_move(&self) -> bool {
        self.play.computer_to_move()
    }

    /// Lets the computer choose and carry out one command for the active faction (always a
    /// legal one: see [`Players`]); `None` when it is not the computer's turn.
    pub fn ai_step(&mut self) -> Option<Vec<Event>> {
        self.play.computer_step().and_then(Result::ok)
    }
}
