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
    /// The faction the player commands: in a hotseat game, the person whose turn it is or
    /// was last.
    pub player: FactionId,
    /// Every side played by a person at the machine (more than one in a hotseat game).
    pub humans: Vec<FactionId>,
    /// Whether the map is hidden until the next person at the machine says they are ready,
    /// whoever's turn it is (a hotseat game just begun or loaded).
    pub curtain: bool,
    /// Whether the historical calendar is shown while the game goes on (a teacher may keep it
    /// for the debrief: see [`crate::app::locks`]).
    pub calendar_in_play: bool,
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
        Session::hotseat(level, level_path, &[player], seed, difficulty)
    }

    /// A new game of a level for the people at the machine, one side each (the first moves
    /// the screen's eyes first); the computer plays the others.
    pub fn hotseat(
        level: LoadedLevel,
        level_path: PathBuf,
        humans: &[FactionId],
        seed: u64,
        difficulty: Difficulty,
    ) -> Self {
        let game = Game::new(level.scenario.clone(), seed);
        let player = humans.first().copied().unwrap_or(FactionId(0));
        let humans = if humans.is_empty() {
            vec![player]
        } else {
            humans.to_vec()
        };
        let recorder = Recorder::new(
            &level.file.name,
            &level_path,
            &game,
            Some(player),
            difficulty,
        )
        .hotseat(&game, &humans);
        let players = Players::people_against(game.scenario().factions.len(), &humans, difficulty);
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
            curtain: humans.len() > 1,
            humans,
            difficulty,
            calendar_in_play: true,
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
        let mut humans: Vec<FactionId> = save
            .hotseat
            .iter()
            .filter_map(|k| scenario.faction_by_key(k))
            .collect();
        if humans.len() != save.hotseat.len() {
            return Err(SaveError::NotASave(format!(
                "the save names sides this level does not have among its players ({})",
                save.hotseat.join(", ")
            )));
        }
        if humans.is_empty() {
            humans.push(player);
        }
        let (game, _) = save.restore(scenario)?;
        let difficulty = save.difficulty;
        let commands: Vec<Command> = save.commands.iter().map(|r| r.command.clone()).collect();
        let players = Players::people_against(game.scenario().factions.len(), &humans, difficulty);
        // In a hotseat game the screen shows the side to move, once its player is ready.
        let active = game.active_faction();
        let player = if humans.contains(&active) {
            active
        } else {
            player
        };
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
            curtain: humans.len() > 1,
            humans,
            difficulty,
            calendar_in_play: true,
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

    /// The game under a teacher's classroom settings: whether the calendar is shown in play.
    pub fn under(mut self, locks: Option<&super::locks::Locks>) -> Self {
        self.calendar_in_play = locks.is_none_or(super::locks::Locks::calendar_in_play);
        self
    }

    /// Whether the historical calendar (log lines, its section, the History overlay) may be
    /// shown now: always once the game is over.
    pub fn calendar_shown(&self) -> bool {
        self.calendar_in_play || self.game.is_over()
    }

    /// Whether people take turns at the machine.
    pub fn is_hotseat(&self) -> bool {
        self.humans.len() > 1
    }

    /// In a hotseat game, the side whose player must be handed the machine before anything of
    /// the map is shown: the side to move when a person plays it and the screen shows another
    /// side; or, while the curtain is down (a game just begun or loaded), the next side a
    /// person plays, even as the computer moves before it.
    pub fn hand_over_due(&self) -> Option<FactionId> {
        let game = &self.game;
        if !self.is_hotseat() || game.is_over() {
            return None;
        }
        let active = game.active_faction();
        let n = game.scenario().factions.len().max(1) as u8;
        let next = (0..n)
            .map(|k| FactionId((active.0 + k) % n))
            .find(|f| self.humans.contains(f))?;
        (self.curtain || (next == active && next != self.player)).then_some(next)
    }

    /// The next player has the machine: the screen shows their side from now on.
    pub fn hand_over(&mut self) -> Option<FactionId> {
        let next = self
            .hand_over_due()
            .filter(|&f| f == self.game.active_faction())?;
        self.player = next;
        self.curtain = false;
        self.play.set_viewer(next);
        Some(next)
    }
}
