//! What a save holds: the level it was played on, the seed, every command with the state hash
//! after it, snapshots, and the errors that refuse a file. See `docs/SAVES.md`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sim::ai::Difficulty;
use crate::sim::calendar::Date;
use crate::sim::game::{StableHasher, State};
use crate::sim::{Command, FactionId, Scenario};

/// The save format this version writes and reads. Raise it when the format changes, and
/// teach [`read`] to convert (or refuse with a clear message) the versions before it.
///
/// 2: advance after combat became the attacker's choice (`Command::Advance`); a game saved
/// under format 1 cannot be replayed by these rules.
/// 3: places' prepared defences (`Command::Fortify`, breaches instead of retreats).
/// 4: cells are hidden until found as a turn begins (`Event::CellsFound`).
/// 5: a place cut off from its holder's supply loses people each turn (sieges), and
/// displacement carries its cause.
pub const FORMAT: u32 = 6;

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
    /// Whether the fog of war hides what each side cannot see (a teacher may switch off the
    /// level's).
    pub fog: bool,
    /// The faction the player commands (its id in the level); none for an all-AI game.
    pub player: Option<String>,
    /// In a hotseat game, every side played by a person at the machine (ids in the level),
    /// `player` among them; empty for one player.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hotseat: Vec<String>,
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
    /// The file was written by an earlier version whose rules differ.
    TooOld {
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
            SaveError::TooOld { found } => write!(
                f,
                "this game was saved by an earlier version of Euphrates whose rules differ (save format {found}; this version reads format {FORMAT}), so it cannot be replayed\n    hint: start a new game, or finish this one with the version that saved it"
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

/// A name for a new save from the game's situation, e.g. `sdf-turn-04-2017-11-01`.
pub fn suggested_name(save: &Save) -> String {
    let who = save.player.as_deref().unwrap_or("ai");
    let safe: String = who
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{safe}-turn-{:02}", save.at.turn)
}

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
