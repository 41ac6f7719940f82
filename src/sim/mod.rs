//! The rules core: a pure, deterministic model of the campaign. No Bevy, no I/O, no clock,
//! no floating point in anything that changes state.
//!
//! Flow: a [`Command`] is checked by [`Game::check`] (a typed [`RuleError`] says why not),
//! turned into [`Event`]s by [`Game::events_for`], and applied; [`Game::perform`] does all
//! three. Applying events is the only way state changes.

pub mod calendar;
pub mod combat;
pub mod command;
pub mod economy;
pub mod entities;
pub mod event;
pub mod game;
pub mod map;
pub mod rules;
pub mod scenario;
pub mod supply;

pub use calendar::Date;
pub use combat::{Outcome, Preview};
pub use command::{Command, RuleError};
pub use entities::{
    Experience, Faction, FactionId, FieldKind, Goal, Objective, OilField, Patron, PatronId, Place,
    PlaceId, PlaceKind, Stance, SupplyKind, SupplySource, Unit, UnitId, UnitKind,
};
pub use event::Event;
pub use game::{Game, LogEntry};
pub use map::{Crossing, CrossingKind, EdgeKey, Map, MoveClass, Mp, Orientation, Terrain};
pub use rules::Reach;
pub use scenario::{Scenario, ScenarioBuilder};
pub use supply::{Cut, SupplyReport, SupplyState};

#[cfg(test)]
mod tests;
