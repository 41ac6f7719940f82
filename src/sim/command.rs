//! Commands — what a player or the AI asks for — and the typed reasons one can be refused.

use hexx::Hex;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::entities::{FactionId, UnitId};
use super::map::{Mp, Terrain};

/// Longest movement path accepted in one command.
pub const MAX_PATH: usize = 64;
/// Most units that may join one attack.
pub const MAX_ATTACKERS: usize = 6;

/// An order from the faction whose turn it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Command {
    /// Move a unit step by step along `path` (neighbouring hexes, not including its own hex).
    Move {
        /// The unit.
        unit: UnitId,
        /// The hexes to pass through, ending where it should stop.
        path: Vec<Hex>,
    },
    /// Attack the enemy unit at `target` with one or more units.
    Attack {
        /// The attackers; each must be in range of the target and not have attacked this turn.
        attackers: Vec<UnitId>,
        /// The hex attacked.
        target: Hex,
    },
    /// Pay to repair one level of damage at an oil or gas field the faction holds; the repair
    /// is done at the start of its next turn.
    Repair {
        /// The field (index in the scenario's list).
        field: u16,
    },
    /// Hand the turn to the next faction.
    EndTurn,
}

/// Why a command was refused. Every refusal names its cause.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum RuleError {
    /// The game is over.
    #[error("the game is over")]
    GameOver,
    /// No unit with that id.
    #[error("there is no unit {0:?}")]
    NoSuchUnit(UnitId),
    /// The unit belongs to someone else.
    #[error("unit {unit:?} belongs to faction {owner:?}, not to the faction whose turn it is")]
    NotYourUnit {
        /// The unit.
        unit: UnitId,
        /// Its owner.
        owner: FactionId,
    },
    /// A move with no steps.
    #[error("the path is empty")]
    EmptyPath,
    /// A path longer than [`MAX_PATH`].
    #[error("the path has {len} steps; at most {max} are allowed")]
    PathTooLong {
        /// Steps given.
        len: usize,
        /// Steps allowed.
        max: usize,
    },
    /// Two consecutive hexes of a path are not neighbours.
    #[error("step {step} jumps to {hex:?}, which is not next to the previous hex")]
    NotAdjacent {
        /// Index in the path.
        step: usize,
        /// The hex.
        hex: Hex,
    },
    /// A hex off the map.
    #[error("{hex:?} is off the map")]
    OffMap {
        /// The hex.
        hex: Hex,
    },
    /// Terrain that cannot be entered.
    #[error("{hex:?} is {} and cannot be entered", terrain.name())]
    Impassable {
        /// The hex.
        hex: Hex,
        /// Its terrain.
        terrain: Terrain,
    },
    /// A river edge with no usable crossing.
    #[error("the {river} has no usable crossing between {from:?} and {to:?}")]
    NoCrossing {
        /// Name of the river.
        river: String,
        /// Near bank.
        from: Hex,
        /// Far bank.
        to: Hex,
    },
    /// A hex another unit stands on.
    #[error("{hex:?} is occupied by unit {by:?}")]
    Occupied {
        /// The hex.
        hex: Hex,
        /// The unit there.
        by: UnitId,
    },
    /// Ground held by a faction under a deconfliction truce.
    #[error(
        "{hex:?} is held by faction {holder:?}, with whom a deconfliction truce forbids contact"
    )]
    Deconflicted {
        /// The hex.
        hex: Hex,
        /// Who holds it.
        holder: FactionId,
    },
    /// The path goes on after entering an enemy zone of control.
    #[error("the unit must stop at {hex:?}: it is in an enemy zone of control")]
    ZoneOfControl {
        /// Where it must stop.
        hex: Hex,
    },
    /// The path costs more than the unit has left.
    #[error("the move needs {needed} movement points; the unit has {left}")]
    NotEnoughMovement {
        /// Cost of the path.
        needed: u32,
        /// Points left.
        left: Mp,
    },
    /// An attack with no attackers.
    #[error("no attackers were given")]
    NoAttackers,
    /// More attackers than [`MAX_ATTACKERS`].
    #[error("{count} attackers were given; at most {max} may join one attack")]
    TooManyAttackers {
        /// Given.
        count: usize,
        /// Allowed.
        max: usize,
    },
    /// A unit listed twice.
    #[error("unit {0:?} is listed twice")]
    DuplicateAttacker(UnitId),
    /// A unit that already attacked this turn.
    #[error("unit {0:?} has already attacked this turn")]
    AlreadyAttacked(UnitId),
    /// Nothing to attack at the target.
    #[error("there is no unit at {hex:?} to attack")]
    NoDefender {
        /// The target.
        hex: Hex,
    },
    /// The defender is not an enemy.
    #[error("faction {with:?} is not at war with the attacker")]
    NotAtWar {
        /// The defender's faction.
        with: FactionId,
    },
    /// No field with that index.
    #[error("there is no oil or gas field {0}")]
    NoSuchField(u16),
    /// The field is held by someone else.
    #[error("field {0} is not held by the faction whose turn it is")]
    NotYourField(u16),
    /// Nothing to repair.
    #[error("field {0} is not damaged")]
    Undamaged(u16),
    /// A repair is already under way.
    #[error("field {0} is already being repaired")]
    AlreadyRepairing(u16),
    /// The treasury cannot pay.
    #[error("the repair costs {needed} thousand dollars; the treasury holds {have}")]
    NotEnoughMoney {
        /// The cost.
        needed: i64,
        /// What there is.
        have: i64,
    },
    /// A unit out of supply cannot attack.
    #[error("unit {0:?} is out of supply and cannot attack")]
    OutOfSupply(UnitId),
    /// An attacker too far from the target.
    #[error("unit {unit:?} is {distance} hexes from the target; its range is {range}")]
    OutOfRange {
        /// The unit.
        unit: UnitId,
        /// Its distance.
        distance: u32,
        /// Its range.
        range: u32,
    },
}
