//! How well a computer player plays, and who plays each side of a simulated game.

use std::hash::Hash;

use serde::{Deserialize, Serialize};

/// How well an AI plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    /// Attacks piecemeal, ignores supply and danger, rarely spends.
    Easy,
    /// Concentrates force, keeps to supply, spends and asks for support.
    Normal,
    /// Also weighs danger, strikes before attacking, guards its holdings, repairs fields,
    /// concentrates on its key objectives, lines up its strongest units for assaults,
    /// clears its supply lines, splits its force into task forces, wears down defences from
    /// the air, garrisons the edge of its ground, hunts intruders, remembers the enemies it no
    /// longer sees, races other sides (partners too) for what they could take first, and
    /// posts a garrison where a loose enemy could walk into an empty place it holds.
    Hard,
}

impl Difficulty {
    /// All levels, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }

    /// The level with a name.
    pub fn from_name(s: &str) -> Option<Difficulty> {
        Difficulty::ALL.into_iter().find(|d| d.name() == s)
    }
}

/// Who plays a faction in a simulated game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Controller {
    /// The AI at a difficulty.
    Ai(Difficulty),
    /// A baseline that plays random legal commands.
    Random,
}

impl Controller {
    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Controller::Ai(d) => d.name(),
            Controller::Random => "random",
        }
    }
}

/// Most commands one faction issues in a turn before it ends the turn regardless, so that no
/// controller can stall a game.
pub const MAX_COMMANDS_PER_TURN: usize = 400;
