//! Events: what happened. Applying an event is the only way game state changes.

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::combat::Outcome;
use super::entities::{FactionId, UnitId};
use super::map::Mp;

/// One thing that happened in the game.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// A unit moved along `path` (which ends at its new hex) and spent `cost` movement points.
    UnitMoved {
        /// The unit.
        unit: UnitId,
        /// Where it started.
        from: Hex,
        /// The hexes it passed, ending where it stopped.
        path: Vec<Hex>,
        /// Movement points spent.
        cost: Mp,
    },
    /// A hex changed hands.
    ControlChanged {
        /// The hex.
        hex: Hex,
        /// The previous controller.
        from: Option<FactionId>,
        /// The new controller.
        to: FactionId,
    },
    /// An attack was fought; losses and movement follow as separate events.
    AttackResolved {
        /// The attacking units (each may attack once per turn).
        attackers: Vec<UnitId>,
        /// The defending unit.
        defender: UnitId,
        /// The hex attacked.
        target: Hex,
        /// Attack power over defence power, in percent.
        ratio_percent: u32,
        /// The die roll, 1..=6.
        roll: u8,
        /// The result from the combat table.
        outcome: Outcome,
    },
    /// A unit lost strength and morale changed (positive or negative).
    UnitDamaged {
        /// The unit.
        unit: UnitId,
        /// Strength points lost.
        loss: u16,
        /// Change of morale.
        morale_change: i16,
    },
    /// A defeated unit fell back one hex.
    UnitRetreated {
        /// The unit.
        unit: UnitId,
        /// Where it was.
        from: Hex,
        /// Where it went.
        to: Hex,
    },
    /// A unit was destroyed or dispersed.
    UnitDestroyed {
        /// The unit.
        unit: UnitId,
        /// Where it was.
        hex: Hex,
    },
    /// A faction finished its turn.
    TurnEnded {
        /// The faction.
        faction: FactionId,
    },
    /// A new game turn began.
    NewTurn {
        /// Its number, from 1.
        turn: u16,
        /// Its date.
        date: Date,
    },
    /// A faction's supply was traced at the start of its turn: each unit's new state. Units
    /// Out of supply move at half speed this turn.
    SupplyTraced {
        /// The faction.
        faction: FactionId,
        /// Every unit of the faction with its new state.
        states: Vec<(UnitId, super::supply::SupplyState)>,
    },
    /// A faction's income at the start of its turn, line by line (thousands of US dollars).
    Income {
        /// The faction.
        faction: FactionId,
        /// What each field earned.
        lines: Vec<super::economy::IncomeLine>,
        /// The sum.
        total: i64,
    },
    /// Fighting damaged an oil or gas field.
    FieldDamaged {
        /// The field (index in the scenario's list).
        field: u16,
    },
    /// Repair of one level of damage began and was paid for.
    RepairStarted {
        /// The field.
        field: u16,
        /// What it cost, in thousands of US dollars.
        cost: i64,
    },
    /// A repair finished: one level of damage less.
    FieldRepaired {
        /// The field.
        field: u16,
    },
    /// A faction's turn began: its units are ready to move and fight again.
    FactionTurnBegan {
        /// The faction.
        faction: FactionId,
    },
    /// The last turn ended.
    GameEnded {
        /// Points per faction, in faction order.
        scores: Vec<u32>,
    },
}
