//! Recording a game as it is played: each command with its state hash, the turn starts, and
//! a snapshot every few turns.

use std::path::Path;

use crate::sim::ai::Difficulty;
use crate::sim::{Command, Event, FactionId, Game};

use super::format::{
    FORMAT, LevelRef, Recorded, SNAPSHOT_EVERY, Save, Situation, Snapshot, TurnStart, level_hash,
};

/// Records a game as it is played, to write it as a [`Save`] at any moment.
#[derive(Clone, Debug)]
pub struct Recorder {
    save: Save,
}

impl Recorder {
    /// Notes the sides that people play at the machine in a hotseat game.
    pub fn hotseat(mut self, game: &Game, humans: &[FactionId]) -> Recorder {
        self.save.hotseat = if humans.len() > 1 {
            humans
                .iter()
                .filter_map(|&f| game.scenario().faction(f).map(|f| f.key.clone()))
                .collect()
        } else {
            Vec::new()
        };
        self
    }

    /// Starts recording a game that has just begun.
    pub fn new(
        level_name: &str,
        level_path: &Path,
        game: &Game,
        player: Option<FactionId>,
        difficulty: Difficulty,
    ) -> Recorder {
        let scenario = game.scenario();
        let key = |f: FactionId| {
            scenario
                .faction(f)
                .map_or_else(String::new, |f| f.key.clone())
        };
        let hash = game.state_hash();
        Recorder {
            save: Save {
                euphrates_save: FORMAT,
                written_by: format!("euphrates {}", env!("CARGO_PKG_VERSION")),
                level: LevelRef {
                    id: scenario.id.clone(),
                    name: level_name.to_owned(),
                    path: level_path.display().to_string(),
                    hash: level_hash(scenario),
                },
                seed: game.seed(),
                turns: scenario.turns,
                fog: scenario.fog,
                player: player.map(key),
                hotseat: Vec::new(),
                difficulty,
                at: situation(game),
                start_hash: hash,
                turn_starts: vec![TurnStart {
                    turn: game.turn(),
                    faction: game.active_faction(),
                    command: 0,
                    hash,
                }],
                commands: Vec::new(),
                snapshots: Vec::new(),
            },
        }
    }

    /// Continues recording a loaded game.
    pub fn resume(save: Save) -> Recorder {
        Recorder { save }
    }

    /// Notes a command the game has just carried out, with the events it gave.
    pub fn record(&mut self, game: &Game, command: &Command, events: &[Event]) {
        let s = &mut self.save;
        s.commands.push(Recorded {
            command: command.clone(),
            hash: game.state_hash(),
        });
        let done = s.commands.len() as u32;
        for e in events {
            match e {
                Event::FactionTurnBegan { faction } => s.turn_starts.push(TurnStart {
                    turn: game.turn(),
                    faction: *faction,
                    command: done,
                    hash: game.state_hash(),
                }),
                Event::NewTurn { turn, .. } if turn % SNAPSHOT_EVERY == 1 => {
                    s.snapshots.push(Snapshot {
                        after: done,
                        state: game.state().clone(),
                    })
                }
                _ => {}
            }
        }
    }

    /// Where the current faction turn began.
    pub fn last_turn_start(&self) -> Option<&TurnStart> {
        self.save.turn_starts.last()
    }

    /// The number of commands recorded.
    pub fn len(&self) -> usize {
        self.save.commands.len()
    }

    /// Whether no command has been recorded yet.
    pub fn is_empty(&self) -> bool {
        self.save.commands.is_empty()
    }

    /// The save as it stands, with the game's current situation.
    pub fn save(&self, game: &Game) -> Save {
        let mut s = self.save.clone();
        s.at = situation(game);
        s
    }
}

pub(super) fn situation(game: &Game) -> Situation {
    let scenario = game.scenario();
    Situation {
        turn: game.turn(),
        date: game.date(),
        to_move: scenario
            .faction(game.active_faction())
            .map_or_else(String::new, |f| f.key.clone()),
        over: game.is_over(),
    }
}
