//! Classroom settings a teacher locks for every new game on a machine: the fog of war, the
//! computer's difficulty, the number of turns, and whether the "what really happened"
//! calendar is shown during play. They live in `classroom.ron` beside the player's settings
//! (see [`crate::app::settings::default_path`]); the menu shows what they fix and lets no one
//! change it, and the command line follows them too.
//!
//! ```ron
//! (
//!     fog: Some(true),
//!     difficulty: Some(Easy),
//!     turns: Some(10),
//!     calendar: Some(false),
//!     note: "Class 9b: play to 21 November, then read the debrief.",
//! )
//! ```

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::level::LoadedLevel;
use crate::sim::ai::Difficulty;

/// The file's name, in the config folder.
pub const FILE_NAME: &str = "classroom.ron";

/// What a teacher has fixed; `None` leaves a choice to the player.
#[derive(Resource, Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locks {
    /// The fog of war, on or off.
    #[serde(default)]
    pub fog: Option<bool>,
    /// How well the computer plays.
    #[serde(default)]
    pub difficulty: Option<Difficulty>,
    /// The number of turns a game lasts (1..=500).
    #[serde(default)]
    pub turns: Option<u16>,
    /// Whether the historical calendar (its log lines, the What really happened section and
    /// the History overlay) is shown during play; the debrief always shows it.
    #[serde(default)]
    pub calendar: Option<bool>,
    /// A line from the teacher, shown in the menu.
    #[serde(default)]
    pub note: String,
    /// Why the file could not be read, if it could not (nothing is locked then).
    #[serde(skip)]
    pub problem: Option<String>,
}

impl Locks {
    /// Where the classroom settings are kept: beside the player's settings.
    pub fn default_path() -> PathBuf {
        super::settings::default_path().with_file_name(FILE_NAME)
    }

    /// Reads the classroom settings; no file locks nothing, and a broken one locks nothing
    /// and says why (file, line, column).
    pub fn load(path: &Path) -> Locks {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Locks::default(),
            Err(e) => return Locks::broken(format!("cannot read {}: {e}", path.display())),
        };
        match ron::from_str::<Locks>(&text) {
            Ok(l) if l.turns.is_some_and(|t| !(1..=500).contains(&t)) => Locks::broken(format!(
                "{}: turns must be 1..=500; nothing is locked",
                path.display()
            )),
            Ok(l) => l,
            Err(e) => Locks::broken(format!(
                "{}:{}:{}: {}; nothing is locked",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )),
        }
    }

    fn broken(problem: String) -> Locks {
        Locks {
            problem: Some(problem),
            ..Locks::default()
        }
    }

    /// Whether anything is locked.
    pub fn any(&self) -> bool {
        self.fog.is_some()
            || self.difficulty.is_some()
            || self.turns.is_some()
            || self.calendar.is_some()
    }

    /// A level as a new game plays it under these settings.
    pub fn apply(&self, level: &mut LoadedLevel) {
        if let Some(fog) = self.fog {
            level.scenario.fog = fog;
        }
        if let Some(turns) = self.turns {
            level.scenario.turns = turns;
        }
    }

    /// The difficulty a new game is played at, given the one chosen.
    pub fn difficulty_or(&self, chosen: Difficulty) -> Difficulty {
        self.difficulty.unwrap_or(chosen)
    }

    /// Whether the historical calendar is shown while the game goes on.
    pub fn calendar_in_play(&self) -> bool {
        self.calendar != Some(false)
    }

    /// What is locked, in words, for the menu.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = self.fog {
            parts.push(format!("fog of war {}", if f { "on" } else { "off" }));
        }
        if let Some(d) = self.difficulty {
            parts.push(format!("opponents {}", d.name()));
        }
        if let Some(t) = self.turns {
            parts.push(format!("{t} turns"));
        }
        if let Some(c) = self.calendar {
            parts.push(format!(
                "what really happened {}",
                if c {
                    "shown during play"
                } else {
                    "kept for the debrief"
                }
            ));
        }
        parts.join(", ")
    }
}
