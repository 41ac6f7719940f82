//! Saved games and replays.
//!
//! A save is a replay: the level it was played on (id, where it was, a hash of its content),
//! the seed, and every command in order with the state hash after it. Loading replays the
//! commands; periodic snapshots of the whole state let it start from the latest one instead of
//! the first turn. Because the rules are deterministic, the recorded hashes check every step:
//! a damaged file or a changed level is caught, named and refused, never half loaded.
//!
//! Writes go to a temporary file that is flushed to disk and then renamed over the old save,
//! which is kept beside it as `NAME.sav.bak`: a failed write loses nothing.
//! See `docs/SAVES.md` for the format.

mod file;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::level::LoadedLevel;
use crate::sim::ai::Difficulty;
use crate::sim::calendar::Date;
use crate::sim::game::{StableHasher, State};
use crate::sim::{Command, Event, FactionId, Game, Scenario};

pub use file::{
    AUTOSAVES_KEPT, EXTENSION, MAX_SAVE_BYTES, SAVE_DIR_VAR, SaveInfo, autosave, default_dir, list,
    parse, read, write, write_atomic,
};

/// The save format this version writes and reads. Raise it when the format changes, and
/// teach [`read`] to convert (or refuse with a clear message) the versions before it.
pub const FORMAT: u32 = 1;

/// A snapshot of the whole state is kept every this many turns.
pub const SNAPSHOT_EVERY: u16 = 5;

/// A saved game: enough to replay it exactly and to check every step of the replay.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Save {
    /// The save format ([`FORMAT`]). Named so a level file (which has `format`) is never
    /// mistaken for a save.
    pub euphrates_save: u32,
    /// The program that wrote it, e.g. `euphrates 0.1.0`.
    pub written_by: String,
    /// The level the game is played on.
    pub level: LevelRef,
    /// The seed of the game's dice.
    pub seed: u64,
    /// The number of turns the game lasts (a simulation may shorten the level's).
    pub turns: u16,
    /// The faction the player commands (its id in the level); none for an all-AI game.
    pub player: Option<String>,
    /// How well the computer plays the other factions.
    pub difficulty: Difficulty,
    /// Where the game stood when saved, for lists of saves.
    pub at: Situation,
    /// The state hash of the game before the first command.
    pub start_hash: u64,
    /// Where each faction's turn began: the first command of it and the hash before it.
    pub turn_starts: Vec<TurnStart>,
    /// Every command carried out, in order, with the state hash after it.
    pub commands: Vec<Recorded>,
    /// Whole states at intervals, so loading need not replay from the first turn.
    pub snapshots: Vec<Snapshot>,
}

/// Which level a save belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRef {
    /// The level's id.
    pub id: String,
    /// The level's name, for messages.
    pub name: String,
    /// The file it was loaded from, as given then.
    pub path: String,
    /// A hash of the level's content as the rules see it ([`level_hash`]).
    pub hash: u64,
}

/// Where a saved game stood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    /// The turn.
    pub turn: u16,
    /// The date.
    pub date: Date,
    /// The id of the faction to move.
    pub to_move: String,
    /// Whether the game is over.
    pub over: bool,
}

/// The start of one faction's turn in the command log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnStart {
    /// The turn.
    pub turn: u16,
    /// The faction whose turn it is.
    pub faction: FactionId,
    /// The index of its first command.
    pub command: u32,
    /// The state hash when it began.
    pub hash: u64,
}

/// One command of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The command.
    pub command: Command,
    /// The state hash after it.
    pub hash: u64,
}

/// The whole state after a number of commands.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// How many commands had been carried out.
    pub after: u32,
    /// The state then.
    pub state: State,
}

/// A hash of a level's content as the rules see it: comments and layout do not change it,
/// anything that could change a game does.
pub fn level_hash(scenario: &Scenario) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = StableHasher::default();
    scenario.hash(&mut h);
    h.finish()
}

/// Records a game as it is played, to write it as a [`Save`] at any moment.
#[derive(Clone, Debug)]
pub struct Recorder {
    save: Save,
}

impl Recorder {
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
                player: player.map(key),
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

fn situation(game: &Game) -> Situation {
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

/// Why a save cannot be used. Every variant reads as a sentence for the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The file cannot be read (missing, a folder, no permission…).
    Unreadable(String),
    /// The file is not a saved game of this game at all.
    NotASave(String),
    /// The file was written by a newer version.
    TooNew {
        /// Its format.
        found: u32,
    },
    /// The file is a save, but damaged or cut short.
    Damaged(String),
    /// The save's level cannot be found.
    LevelMissing {
        /// The level's id.
        id: String,
        /// Where it was looked for.
        looked: Vec<String>,
    },
    /// The level has changed since the game was saved, so the game cannot be replayed on it.
    LevelChanged {
        /// The level's id.
        id: String,
        /// The file found.
        path: String,
    },
    /// Replaying the commands did not give the recorded game.
    Diverged(Divergence),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Unreadable(m) => write!(f, "cannot read the save: {m}"),
            SaveError::NotASave(m) => write!(f, "not a saved game of Euphrates: {m}"),
            SaveError::TooNew { found } => write!(
                f,
                "this game was saved by a newer version of Euphrates (save format {found}; this version reads format {FORMAT})\n    hint: update the game to load it"
            ),
            SaveError::Damaged(m) => write!(
                f,
                "the save is damaged or incomplete: {m}\n    hint: an earlier save or autosave may still load (the previous version of a save is kept as NAME.sav.bak)"
            ),
            SaveError::LevelMissing { id, looked } => write!(
                f,
                "the level `{id}` this game was played on is not here (looked for {})\n    hint: put the level file back, or pass it with --level",
                looked.join(", ")
            ),
            SaveError::LevelChanged { id, path } => write!(
                f,
                "the level `{id}` ({path}) has changed since this game was saved, so the game cannot be replayed on it\n    hint: load the save with the level as it was, or start a new game"
            ),
            SaveError::Diverged(d) => write!(f, "{d}"),
        }
    }
}

impl std::error::Error for SaveError {}

/// Where a replay first differed from the recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// The turn it happened in.
    pub turn: u16,
    /// The faction whose turn it was.
    pub faction: String,
    /// The index of the command (from 0), or `None` for the state before the first command.
    pub command: Option<usize>,
    /// The command, as written.
    pub what: String,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.command {
            Some(i) => write!(
                f,
                "the replay diverges at turn {} ({}), command #{} {}: {}",
                self.turn, self.faction, i, self.what, self.problem
            ),
            None => write!(
                f,
                "the replay diverges before the first command: {}",
                self.problem
            ),
        }
    }
}

/// What a full replay checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Commands replayed (each hash compared).
    pub commands: usize,
    /// Faction turns whose starting hash was compared.
    pub turn_starts: usize,
    /// Snapshots compared with the replayed state.
    pub snapshots: usize,
    /// The final state hash.
    pub final_hash: u64,
    /// The turn the game had reached.
    pub turn: u16,
}

impl Save {
    /// The level's scenario as this game plays it (with the save's number of turns), after
    /// checking it is the level the game was played on.
    pub fn scenario_for(&self, level: &LoadedLevel, path: &Path) -> Result<Scenario, SaveError> {
        let mut scenario = level.scenario.clone();
        scenario.turns = self.turns;
        if scenario.id != self.level.id || level_hash(&scenario) != self.level.hash {
            return Err(SaveError::LevelChanged {
                id: self.level.id.clone(),
                path: path.display().to_string(),
            });
        }
        Ok(scenario)
    }

    /// The faction the player commands: the one the save names, or for an all-AI game the
    /// level's first playable faction (to watch it from). `None` if the save names a faction
    /// the level does not have.
    pub fn player_faction(&self, scenario: &Scenario) -> Option<FactionId> {
        match self.player.as_deref() {
            Some(k) => scenario.faction_by_key(k),
            None => scenario
                .factions
                .iter()
                .position(|f| f.playable)
                .map(|i| FactionId(i as u8)),
        }
    }

    /// Rebuilds the game: from the latest snapshot (checked against its recorded hash), then
    /// the commands after it, each checked against its hash. Returns the game and the index
    /// of the first command replayed. Nothing is returned unless every check passes.
    pub fn restore(&self, scenario: Scenario) -> Result<(Game, usize), SaveError> {
        let scenario = Arc::new(scenario);
        let total = self.commands.len();
        let snapshot = self
            .snapshots
            .iter()
            .rev()
            .find(|s| (s.after as usize) <= total && s.after > 0);
        let (mut game, from) = match snapshot {
            Some(s) => {
                let at = s.after as usize;
                let game = Game::from_state(scenario.clone(), self.seed, s.state.clone()).map_err(
                    |e| SaveError::Damaged(format!("the snapshot after command #{at}: {e}")),
                )?;
                if game.state_hash() != self.commands[at - 1].hash {
                    return Err(SaveError::Damaged(format!(
                        "the snapshot after command #{at} does not match the recorded game"
                    )));
                }
                (game, at)
            }
            None => (self.fresh(scenario)?, 0),
        };
        self.replay_from(&mut game, from)?;
        Ok((game, from))
    }

    /// Replays every command from the start, comparing every recorded hash and snapshot.
    pub fn verify(&self, scenario: Scenario) -> Result<Verified, SaveError> {
        let mut game = self.fresh(Arc::new(scenario))?;
        let snapshots: BTreeMap<u32, &Snapshot> =
            self.snapshots.iter().map(|s| (s.after, s)).collect();
        let starts: BTreeMap<u32, &TurnStart> = self
            .turn_starts
            .iter()
            .filter(|t| t.command > 0)
            .map(|t| (t.command, t))
            .collect();
        let mut checked = (0, 0);
        for (i, rec) in self.commands.iter().enumerate() {
            self.step(&mut game, i, rec)?;
            let done = (i + 1) as u32;
            if let Some(t) = starts.get(&done) {
                if t.hash != game.state_hash()
                    || t.turn != game.turn()
                    || t.faction != game.active_faction()
                {
                    return Err(self.divergence(
                        &game,
                        Some(i),
                        "the turn that follows is not the one recorded".into(),
                    ));
                }
                checked.0 += 1;
            }
            if let Some(s) = snapshots.get(&done) {
                if &s.state != game.state() {
                    return Err(self.divergence(
                        &game,
                        Some(i),
                        "the state after it differs from the recorded snapshot".into(),
                    ));
                }
                checked.1 += 1;
            }
        }
        Ok(Verified {
            commands: self.commands.len(),
            turn_starts: checked.0,
            snapshots: checked.1,
            final_hash: game.state_hash(),
            turn: game.turn(),
        })
    }

    fn fresh(&self, scenario: Arc<Scenario>) -> Result<Game, SaveError> {
        let game = Game::new(scenario, self.seed);
        if game.state_hash() != self.start_hash {
            return Err(self.divergence(
                &game,
                None,
                format!(
                    "the game starts with state hash {:#018x}; the save recorded {:#018x}",
                    game.state_hash(),
                    self.start_hash
                ),
            ));
        }
        Ok(game)
    }

    fn replay_from(&self, game: &mut Game, from: usize) -> Result<(), SaveError> {
        for (i, rec) in self.commands.iter().enumerate().skip(from) {
            self.step(game, i, rec)?;
        }
        Ok(())
    }

    fn step(&self, game: &mut Game, i: usize, rec: &Recorded) -> Result<(), SaveError> {
        let before = (game.turn(), game.active_faction());
        if let Err(e) = game.perform(&rec.command) {
            return Err(self.divergence_at(game, before, i, format!("the rules refuse it: {e}")));
        }
        let hash = game.state_hash();
        if hash != rec.hash {
            return Err(self.divergence_at(
                game,
                before,
                i,
                format!(
                    "the state hash after it is {hash:#018x}; the save recorded {:#018x}",
                    rec.hash
                ),
            ));
        }
        Ok(())
    }

    fn divergence(&self, game: &Game, command: Option<usize>, problem: String) -> SaveError {
        self.divergence_at(
            game,
            (game.turn(), game.active_faction()),
            command.unwrap_or(usize::MAX),
            problem,
        )
    }

    fn divergence_at(
        &self,
        game: &Game,
        (turn, faction): (u16, FactionId),
        i: usize,
        problem: String,
    ) -> SaveError {
        let command = (i != usize::MAX).then_some(i);
        SaveError::Diverged(Divergence {
            turn,
            faction: game
                .scenario()
                .faction(faction)
                .map_or_else(|| format!("faction {}", faction.0), |f| f.key.clone()),
            command,
            what: command
                .and_then(|i| self.commands.get(i))
                .map(|r| format!("({:?})", r.command))
                .unwrap_or_default(),
            problem,
        })
    }
}

/// Finds the level a save was played on: the file given (if any), the path recorded in the
/// save, then every level in `search` folders with the save's id. Checks its content hash.
pub fn find_level(
    save: &Save,
    given: Option<&Path>,
    search: &[PathBuf],
) -> Result<(PathBuf, LoadedLevel, Scenario), SaveError> {
    let mut looked = Vec::new();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = given {
        candidates.push(p.to_path_buf());
    } else {
        candidates.push(PathBuf::from(&save.level.path));
        for dir in search {
            if let Ok(found) = crate::level::library::files_in(dir) {
                candidates.extend(found);
            }
        }
    }
    let mut changed = None;
    for path in candidates {
        looked.push(path.display().to_string());
        let Ok(level) = crate::level::load_path(&path) else {
            continue;
        };
        if level.scenario.id != save.level.id {
            continue;
        }
        match save.scenario_for(&level, &path) {
            Ok(scenario) => return Ok((path, level, scenario)),
            Err(e) => changed = changed.or(Some(e)),
        }
    }
    Err(changed.unwrap_or(SaveError::LevelMissing {
        id: save.level.id.clone(),
        looked: looked.into_iter().take(4).collect(),
    }))
}

/// A name for a new save from the game's situation, e.g. `sdf-turn-04-2017-11-01`.
pub fn suggested_name(save: &Save) -> String {
    let who = save.player.as_deref().unwrap_or("ai");
    let safe: String = who
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{safe}-turn-{:02}", save.at.turn)
}
