//! Commands — what a player or the AI asks for — and the typed reasons one can be refused.

use hexx::Hex;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::entities::{FactionId, PatronId, PlaceId, Stance, UnitId, UnitKind};
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
    /// After an attack that emptied the hex attacked, one of the attackers steps into it (free
    /// of movement, never across a deconfliction line or into ground an agreement closes).
    /// Offered until the side moves or attacks again or ends its turn.
    Advance {
        /// The attacker that advances.
        unit: UnitId,
    },
    /// Buy fuel from traders for the store: it is issued to motorised units from the next
    /// turn's start.
    BuyFuel {
        /// Fuel points.
        points: u16,
    },
    /// Pay to repair one level of damage at an oil or gas field the faction holds; the repair
    /// is done at the start of its next turn.
    Repair {
        /// The field (index in the scenario's list).
        field: u16,
    },
    /// Pay to raise a new unit at a supplied town or city the faction holds.
    Recruit {
        /// The place.
        place: PlaceId,
        /// The kind of unit.
        kind: UnitKind,
    },
    /// Pay to dig a new line of prepared defences at a place the faction holds and garrisons
    /// (once a turn at each place, and not while it is under fire).
    Fortify {
        /// The place.
        place: PlaceId,
    },
    /// Pay to raise an underground cell in ground the faction held at the start and has lost:
    /// inside the place if it stands empty (which takes it back), else next to it.
    RaiseCell {
        /// The place.
        place: PlaceId,
    },
    /// Pay for replacements: a supplied unit that has not moved or fought this turn regains
    /// strength and spends the turn refitting.
    Reinforce {
        /// The unit.
        unit: UnitId,
    },
    /// Ask a patron for an air strike on a hex with an enemy unit or an enemy-held oil field.
    RequestAirStrike {
        /// The patron.
        patron: PatronId,
        /// The hex.
        target: Hex,
    },
    /// Ask a patron to drop supply to a unit that is cut off.
    RequestAirDrop {
        /// The patron.
        patron: PatronId,
        /// The unit.
        unit: UnitId,
    },
    /// Ask a patron for a new unit at a supplied place the faction holds.
    RequestReinforcements {
        /// The patron.
        patron: PatronId,
        /// The place.
        place: PlaceId,
    },
    /// Propose coordination of operations (or its renewal) to a faction: it answers on its
    /// own turn.
    ProposeCoordination {
        /// The faction.
        with: FactionId,
    },
    /// Answer a proposal of coordination made to the faction: accepting needs relations and
    /// tension to allow it still; a proposal not answered lapses at the end of the turn.
    AnswerProposal {
        /// The faction that proposed.
        from: FactionId,
        /// Whether to accept.
        accept: bool,
    },
    /// End coordination with a cooperating faction.
    EndCoordination {
        /// The faction.
        with: FactionId,
    },
    /// Hand a hex you hold (with none of your units on it) over to a faction that is not
    /// hostile to you.
    HandOver {
        /// The hex.
        hex: Hex,
        /// The faction receiving it.
        to: FactionId,
    },
    /// Break an agreement the faction is bound by.
    Breach {
        /// The agreement (index in the scenario's list).
        agreement: u16,
    },
    /// Agree (again) to an agreement that was breached; the other party accepts when tension
    /// is low enough.
    Agree {
        /// The agreement.
        agreement: u16,
    },
    /// Hand the turn to the next faction.
    EndTurn,
}

/// A hex as a developer reads it in a failed check (axial coordinates); players read column
/// and row (see `crate::narrate`).
fn at(hex: &Hex) -> String {
    format!("hex ({}, {})", hex.x, hex.y)
}

/// Why a command was refused. Every refusal names its cause. Its text is for developers and
/// logs; a player reads [`crate::narrate::explain`].
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum RuleError {
    /// The game is over.
    #[error("the game is over")]
    GameOver,
    /// No unit with that id.
    #[error("there is no {0}")]
    NoSuchUnit(UnitId),
    /// The unit belongs to someone else.
    #[error("{unit} belongs to {owner}, not to the faction whose turn it is")]
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
    #[error("step {step} jumps to {}, which is not next to the previous hex", at(.hex))]
    NotAdjacent {
        /// Index in the path.
        step: usize,
        /// The hex.
        hex: Hex,
    },
    /// A hex off the map.
    #[error("{} is off the map", at(.hex))]
    OffMap {
        /// The hex.
        hex: Hex,
    },
    /// Terrain that cannot be entered.
    #[error("{} is {} and cannot be entered", at(.hex), terrain.name())]
    Impassable {
        /// The hex.
        hex: Hex,
        /// Its terrain.
        terrain: Terrain,
    },
    /// A river edge with no usable crossing.
    #[error("the {river} has no usable crossing between {} and {}", at(.from), at(.to))]
    NoCrossing {
        /// Name of the river.
        river: String,
        /// Near bank.
        from: Hex,
        /// Far bank.
        to: Hex,
    },
    /// A hex another unit stands on.
    #[error("{} is occupied by {by}", at(.hex))]
    Occupied {
        /// The hex.
        hex: Hex,
        /// The unit there.
        by: UnitId,
    },
    /// Ground held by a faction under a deconfliction truce.
    #[error(
        "{} is held by {holder}, with whom a deconfliction truce forbids contact",
        at(.hex)
    )]
    Deconflicted {
        /// The hex.
        hex: Hex,
        /// Who holds it.
        holder: FactionId,
    },
    /// The path goes on after entering an enemy zone of control.
    #[error("the unit must stop at {}: it is in an enemy zone of control", at(.hex))]
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
    #[error("{0} is listed twice")]
    DuplicateAttacker(UnitId),
    /// A unit that already attacked this turn.
    #[error("{0} has already attacked this turn")]
    AlreadyAttacked(UnitId),
    /// Nothing to attack at the target.
    #[error("there is no unit at {} to attack", at(.hex))]
    NoDefender {
        /// The target.
        hex: Hex,
    },
    /// The defender is not an enemy.
    #[error("{with} is not at war with the attacker")]
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
    #[error("it costs {needed} thousand dollars; the treasury holds {have}")]
    NotEnoughMoney {
        /// The cost.
        needed: i64,
        /// What there is.
        have: i64,
    },
    /// A unit out of supply cannot attack.
    #[error("{0} is out of supply and cannot attack")]
    OutOfSupply(UnitId),
    /// A step across an agreed deconfliction line into ground the unit's side does not hold.
    #[error("crossing from {} to {} breaks the {name} agreed with {partner}", at(.from), at(.to))]
    DeconflictionLine {
        /// The agreement's name.
        name: String,
        /// The other party.
        partner: FactionId,
        /// Near side.
        from: Hex,
        /// Far side.
        to: Hex,
    },
    /// An attack or strike inside a no-strike zone.
    #[error("{} lies in the {name}, where attacks and air strikes are ruled out", at(.hex))]
    NoStrikeZone {
        /// The hex.
        hex: Hex,
        /// The zone's name.
        name: String,
    },
    /// No unit with that id, or no place, patron or faction.
    #[error("there is no {0}")]
    NoSuchPlace(PlaceId),
    /// The place is held by someone else.
    #[error("{0} is not held by the faction whose turn it is")]
    NotYourPlace(PlaceId),
    /// Units are raised only in towns and cities.
    #[error("units can be raised only in a town or city, not in a {0}")]
    NotATown(&'static str),
    /// One new unit a turn.
    #[error("a unit has already been recruited this turn; training takes one at a time")]
    RecruitedThisTurn,
    /// The place's hex is taken.
    #[error("{place} is occupied by {by}")]
    PlaceOccupied {
        /// The place.
        place: PlaceId,
        /// The unit there.
        by: UnitId,
    },
    /// Units are raised and reinforced only where supply reaches.
    #[error("supply does not reach {}", at(.0))]
    NotSupplied(Hex),
    /// Reinforcements need a unit that has neither moved nor fought this turn.
    #[error("{0} has moved or fought this turn; it can be reinforced next turn")]
    AlreadyActed(UnitId),
    /// Reinforcements need a unit below full strength.
    #[error("{0} is at full strength")]
    FullStrength(UnitId),
    /// The patron does not back the faction.
    #[error("{0} gives no support to the faction whose turn it is")]
    NoSupport(PatronId),
    /// The patron does not offer that.
    #[error("{patron} does not offer {request}")]
    NotOffered {
        /// The patron.
        patron: PatronId,
        /// What was asked.
        request: &'static str,
    },
    /// The support pool is too low.
    #[error("{request} needs {needed} support points; the pool holds {have}")]
    NotEnoughSupport {
        /// What was asked.
        request: &'static str,
        /// Points needed.
        needed: u16,
        /// Points there are.
        have: u16,
    },
    /// Nothing to strike at the hex.
    #[error("there is no enemy unit or enemy-held field at {} to strike", at(.0))]
    NoTarget(Hex),
    /// An air drop to a unit that is supplied.
    #[error("{0} is in supply and needs no air drop")]
    NotCutOff(UnitId),
    /// No faction with that id.
    #[error("there is no {0}")]
    NoSuchFaction(FactionId),
    /// Diplomacy with itself or with a faction that does not negotiate.
    #[error("{0} does not negotiate")]
    NoDiplomacy(FactionId),
    /// The stance does not allow it.
    #[error("this needs relations to be {needed}; they are {}", is.name())]
    WrongStance {
        /// The stance needed.
        needed: &'static str,
        /// The stance now.
        is: Stance,
    },
    /// The other side refuses: tension is too high.
    #[error("{with} refuses: tension is {tension}, it must be below {limit}")]
    TooTense {
        /// The other side.
        with: FactionId,
        /// The tension.
        tension: u8,
        /// The most it accepts.
        limit: u8,
    },
    /// No agreement with that index.
    #[error("there is no agreement {0}")]
    NoSuchAgreement(u16),
    /// The faction is not bound by the agreement.
    #[error("the faction whose turn it is is not party to agreement {0}")]
    NotParty(u16),
    /// Breaching what is not in force, or agreeing what is.
    #[error("agreement {0} is already {1}")]
    AgreementState(u16, &'static str),
    /// A hex held by someone else, or with one's own unit on it.
    #[error("{} cannot be handed over: it is not yours or your unit stands on it", at(.0))]
    CannotHandOver(Hex),
    /// An attacker too far from the target.
    #[error("{unit} is {distance} hexes from the target; its range is {range}")]
    OutOfRange {
        /// The unit.
        unit: UnitId,
        /// Its distance.
        distance: u32,
        /// Its range.
        range: u32,
    },
    /// A fuel purchase of nothing, or beyond what the store holds.
    #[error("{points} fuel points cannot be bought: the store holds {cap} and has {store}")]
    FuelStoreFull {
        /// Points asked for.
        points: u16,
        /// The store now.
        store: u16,
        /// Its capacity.
        cap: u16,
    },
    /// A second proposal to a faction that has not answered the first.
    #[error("{with} has not yet answered the last proposal")]
    AlreadyProposed {
        /// The faction proposed to.
        with: FactionId,
    },
    /// An answer to a proposal no one made.
    #[error("{from} has made no proposal to answer")]
    NoProposal {
        /// The faction named.
        from: FactionId,
    },
    /// Recruiting a cell (cells are raised underground, in lost ground).
    #[error("cells are not recruited: they are raised underground in lost ground")]
    CellsRiseUnderground,
    /// A faction that raises no cells.
    #[error("the faction whose turn it is raises no underground cells")]
    NoCells,
    /// Cells at the level's limit.
    #[error("the faction already has {max} cells, as many as it may")]
    CellsAtLimit {
        /// The limit.
        max: u8,
    },
    /// Raising a cell where the faction held nothing at the start, or still holds it.
    #[error("{0} is not ground the faction held at the start and has lost")]
    NotLostGround(PlaceId),
    /// Raising a cell in a place with no one left living in it.
    #[error("no one lives in {0} any more for a cell to hide among")]
    NoOneToHideAmong(PlaceId),
    /// No free hex in or next to the place.
    #[error("there is no free hex in or next to {0}")]
    NoRoom(PlaceId),
    /// An attack or air strike on a cell the side's troops did not find as its turn began.
    #[error("the cell at {} is hidden: it is found by troops next to it as the turn begins", at(.0))]
    Unspotted(Hex),
    /// A place that holds no prepared defences.
    #[error("{0} has no works that can be fortified")]
    NoWorks(PlaceId),
    /// Fortifying a place with none of one's units in it.
    #[error("{0} has no garrison of the faction whose turn it is to dig")]
    NoGarrison(PlaceId),
    /// Fortifying a place whose defences all stand.
    #[error("{place} already has all {lines} lines of its defences")]
    DefencesFull {
        /// The place.
        place: PlaceId,
        /// Lines it holds.
        lines: u8,
    },
    /// Fortifying a place whose defences were breached too recently.
    #[error("{place} is under fire: its defences were breached on turn {turn}")]
    UnderFire {
        /// The place.
        place: PlaceId,
        /// The turn of the breach.
        turn: u16,
    },
    /// Fortifying a place twice in one turn.
    #[error("{0} has already been fortified this turn")]
    FortifiedThisTurn(PlaceId),
    /// An advance with no emptied hex to advance into.
    #[error("no attack has just emptied a hex to advance into")]
    NothingToAdvanceInto,
    /// An advance by a unit that did not take part in the attack, or cannot step in.
    #[error("{unit} did not take part in the attack on {}, or cannot step in", at(.hex))]
    NotAnAdvancer {
        /// The unit.
        unit: UnitId,
        /// The emptied hex.
        hex: Hex,
    },
}
