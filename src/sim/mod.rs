//! The rules core: a pure, deterministic model of the campaign. No Bevy, no I/O, no clock,
//! no floating point in anything that changes state.
//!
//! Flow: a [`Command`] is checked by [`Game::check`] (a typed [`RuleError`] says why not),
//! turned into [`Event`]s by [`Game::events_for`], and applied; [`Game::perform`] does all
//! three. Applying events is the only way state changes.
//!
//! Where each rule lives: the state and what can be read of it in [`game`] (the dice and the
//! state hash in `game/rng.rs`, [`Game::apply`] in `game/apply.rs`); checking a command and
//! its rules of movement, attack and the turn sequence in [`rules`]; supply and its attrition
//! in [`supply`]; oil revenue, seizure, repair, money and fuel in [`economy`]; patrons' support
//! (strikes, drops, reinforcements) in [`patrons`]; places' prepared defences in
//! [`defences`]; underground cells and their extortion in [`insurgency`]; relations, tension
//! and agreements in [`diplomacy`]; objectives and the end
//! in [`victory`]; what each side sees (the fog of war) in [`sight`]; the computer players
//! in [`ai`].
//! Words for players are not made here but in [`crate::narrate`].

pub mod ai;
pub mod calendar;
pub mod civilians;
pub mod combat;
pub mod command;
pub mod defences;
pub mod diplomacy;
pub mod economy;
pub mod entities;
pub mod event;
pub mod game;
pub mod insurgency;
pub mod map;
pub mod patrons;
pub mod queue;
pub mod rules;
pub mod scenario;
pub mod sight;
pub mod supply;
pub mod undo;
pub mod victory;

pub use calendar::Date;
pub use combat::{Outcome, Preview};
pub use command::{Command, RuleError};
pub use diplomacy::Reason;
pub use economy::{IncomeLine, IncomeSource};
pub use entities::{
    Agreement, AgreementKind, Experience, Faction, FactionId, FieldKind, Goal, Objective, OilField,
    Party, Patron, PatronId, Place, PlaceId, PlaceKind, Relation, Request, Stance, SupplyKind,
    SupplySource, Support, Unit, UnitId, UnitKind,
};
pub use event::Event;
pub use game::{Game, LogEntry};
pub use map::{Crossing, CrossingKind, EdgeKey, Map, MoveClass, Mp, Orientation, Terrain};
pub use rules::Reach;
pub use scenario::{Dated, Effect, Scenario, ScenarioBuilder};
pub use sight::{Sight, Sighting};
pub use supply::{Cut, SupplyMemo, SupplyReport, SupplyState};
pub use undo::NoUndo;
pub use victory::{EndReason, ScoreLine, Verdict, VerdictLevels};

#[cfg(test)]
mod tests;
