//! A guided tutorial in the level file: lessons shown one after another to the player of one
//! side, each saying what to do, waiting until it is done, then explaining what happened. The
//! lessons are data, so a modder can write a tutorial for any level (see docs/MODDING.md).

use serde::{Deserialize, Serialize};

/// The lessons of a level, for the player of `faction`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tutorial {
    /// The side the lessons are written for (a playable faction's id).
    pub faction: String,
    /// The lessons, in order.
    pub lessons: Vec<Lesson>,
}

/// One step of the tutorial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// A short title ("Move a unit").
    pub title: String,
    /// What to do, and why.
    pub text: String,
    /// What the player must do before the next lesson.
    pub goal: Goal,
    /// Said once the goal is met: what just happened and what it means.
    #[serde(default)]
    pub done: String,
    /// A place, oil field or unit (by id) to look at and mark on the map during the lesson.
    #[serde(default)]
    pub show: Option<String>,
}

/// What a lesson waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    /// Nothing: the player reads and goes on.
    Read,
    /// Select any unit of the player's side.
    Select,
    /// Select this unit (by id).
    SelectUnit(String),
    /// Move any unit.
    Move,
    /// Move this unit (by id).
    MoveUnit(String),
    /// Open the odds of an attack (click an enemy within reach).
    Odds,
    /// Carry out an attack.
    Attack,
    /// Show a map overlay.
    Overlay(OverlayKind),
    /// Recruit a unit.
    Recruit,
    /// Use a patron's support: an air strike, an air drop or reinforcements.
    Support,
    /// Propose coordination to another side.
    Propose,
    /// Open a section of the side panel.
    Open(Section),
    /// End the turn.
    EndTurn,
}

/// The map overlays a lesson can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OverlayKind {
    /// Who holds the ground (C).
    Control,
    /// Where the side's supply reaches (U).
    Supply,
    /// The objectives (O).
    Objectives,
}

/// Sections of the side panel a lesson can ask to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    /// Money, fuel and the patrons' support.
    Economy,
    /// Relations and agreements.
    Diplomacy,
    /// The side's objectives and the score.
    Objectives,
    /// Orders for the whole side: recruits, fuel, patrons' support.
    Orders,
}
