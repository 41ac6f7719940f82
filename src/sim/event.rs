//! Events: what happened. Applying an event is the only way game state changes.

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::combat::Outcome;
use super::entities::{FactionId, Party, PatronId, PlaceId, Stance, Unit, UnitId};
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
    /// Under the fog of war, a moving unit ran into an enemy its side could not see (standing
    /// in its way, or holding the ground it was passing with its zone of control) and halted
    /// where it stood, its movement spent.
    Contact {
        /// The unit that halted.
        unit: UnitId,
        /// Where it halted.
        at: Hex,
        /// The enemy it ran into.
        enemy: UnitId,
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
        states: Vec<(UnitId, super::entities::SupplyState)>,
    },
    /// A faction's income statement at the start of its turn, line by line (thousands of US
    /// dollars; spending is negative).
    Income {
        /// The faction.
        faction: FactionId,
        /// Each line of the statement.
        lines: Vec<IncomeLine>,
        /// The sum.
        total: i64,
    },
    /// An attack emptied the hex attacked: these attackers may advance into it.
    AdvanceOpen {
        /// The hex left empty.
        hex: Hex,
        /// The attackers that could step in.
        units: Vec<UnitId>,
    },
    /// Fighting or bombing damaged an oil or gas field.
    FieldDamaged {
        /// The field (index in the scenario's list).
        field: u16,
    },
    /// A relation moved: its stance is now `stance` and its tension changed by
    /// `tension_change` (clamped to 0..=100).
    RelationChanged {
        /// One party.
        a: Party,
        /// The other.
        b: Party,
        /// The stance after the change.
        stance: Stance,
        /// Change of tension.
        tension_change: i16,
        /// Why.
        reason: Reason,
    },
    /// An agreement was breached or agreed (again).
    AgreementChanged {
        /// The agreement (index in the scenario's list).
        agreement: u16,
        /// Whether it is now in force.
        active: bool,
        /// The faction that acted.
        by: FactionId,
    },
    /// A patron's support for the turn arrived: points into the pool (money arrives on the
    /// income statement, fuel with the fuel issue).
    SupportGranted {
        /// The support entry (index in the scenario's list).
        support: u16,
        /// Points added.
        points: u16,
        /// Share of full support given, in percent (cut by tension).
        percent: u8,
    },
    /// Support points were spent on a request.
    SupportSpent {
        /// The support entry.
        support: u16,
        /// Points spent.
        points: u16,
    },
    /// A patron's aircraft struck a hex; damage follows as separate events.
    AirStrike {
        /// The support entry that paid for it.
        support: u16,
        /// The hex struck.
        target: Hex,
        /// The die roll, 1..=6.
        roll: u8,
        /// The unit hit, if one stood there.
        unit: Option<UnitId>,
    },
    /// A patron's own campaign against a faction's oil struck (or missed) a field.
    OilStrike {
        /// The patron.
        patron: PatronId,
        /// The field.
        field: u16,
        /// The die roll, 1..=6.
        roll: u8,
        /// Whether it hit.
        hit: bool,
    },
    /// Supply was dropped from the air to a cut-off unit: it is supplied again.
    AirDrop {
        /// The support entry that paid for it.
        support: u16,
        /// The unit.
        unit: UnitId,
    },
    /// A new unit joined: recruited (for money) or sent by a patron (for support points).
    UnitRaised {
        /// The unit as it arrives.
        unit: Unit,
        /// Money paid, in thousands of US dollars.
        cost: i64,
    },
    /// Replacements brought a unit back toward full strength; it spends the turn refitting.
    UnitReinforced {
        /// The unit.
        unit: UnitId,
        /// Strength gained.
        gain: u16,
        /// Money paid, in thousands of US dollars.
        cost: i64,
    },
    /// Fuel for a faction's motorised units at the start of its turn.
    FuelIssued {
        /// The faction.
        faction: FactionId,
        /// Fuel that came in (fields, rear, patrons).
        produced: u16,
        /// Fuel used by the units that got it.
        used: u16,
        /// Motorised units left without fuel: half movement this turn.
        short: Vec<UnitId>,
    },
    /// A faction bought fuel for its store.
    FuelBought {
        /// The faction.
        faction: FactionId,
        /// Fuel points.
        points: u16,
        /// What it paid, thousands of US dollars.
        cost: i64,
    },
    /// An attack won, or an air strike, broke one line of a place's prepared defences: the
    /// garrison held, but the place is weaker.
    DefencesBreached {
        /// The place.
        place: PlaceId,
        /// The faction that broke the line.
        by: FactionId,
        /// Lines still standing.
        left: u8,
    },
    /// A faction proposed coordination (or its renewal) to another, which answers on its own
    /// turn.
    CoordinationProposed {
        /// The proposer.
        from: FactionId,
        /// The faction asked.
        to: FactionId,
    },
    /// A proposal was answered (or lapsed unanswered, which declines it).
    ProposalAnswered {
        /// The proposer.
        from: FactionId,
        /// The faction asked.
        to: FactionId,
        /// Whether it accepted.
        accepted: bool,
    },
    /// A faction paid to dig a new line of defences at a place it holds.
    Fortified {
        /// The place.
        place: PlaceId,
        /// The faction.
        faction: FactionId,
        /// Lines standing now.
        lines: u8,
        /// What it paid, thousands of US dollars.
        cost: i64,
    },
    /// The treasury could not pay the troops: morale falls.
    Unpaid {
        /// The faction.
        faction: FactionId,
        /// Change of every unit's morale.
        morale_change: i16,
    },
    /// An objective was met for the first time (checked at the end of each faction's turn).
    ObjectiveAchieved {
        /// The objective (index in the scenario's list).
        objective: u16,
        /// The date.
        date: Date,
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
    /// As a faction's turn began, its troops found enemy cells beside them: it may attack and
    /// strike those cells this turn.
    CellsFound {
        /// The faction whose troops found them.
        faction: FactionId,
        /// Each cell found, and where.
        cells: Vec<(UnitId, Hex)>,
    },
    /// A faction's turn began: its units are ready to move and fight again.
    FactionTurnBegan {
        /// The faction.
        faction: FactionId,
    },
    /// A historical event of the level changed the oil price.
    OilPriceChanged {
        /// US dollars a barrel from now on.
        price: u16,
    },
    /// Fighting, an air strike or a siege drove people of a populated place from their homes.
    CiviliansDisplaced {
        /// The place.
        place: super::PlaceId,
        /// The faction whose attack, air strike or siege it was.
        by: FactionId,
        /// How many people fled.
        people: u32,
        /// Why.
        cause: super::civilians::Cause,
    },
    /// The game ended.
    GameEnded {
        /// Points per faction, in faction order.
        scores: Vec<u32>,
        /// Why it ended.
        reason: EndReason,
    },
}

impl Event {
    /// The units an event tells of: what a side must have seen for it to be told of the event
    /// under the fog of war.
    pub fn units(&self) -> Vec<UnitId> {
        match self {
            Event::UnitMoved { unit, .. }
            | Event::Contact { unit, .. }
            | Event::UnitDamaged { unit, .. }
            | Event::UnitRetreated { unit, .. }
            | Event::UnitDestroyed { unit, .. }
            | Event::AirDrop { unit, .. }
            | Event::UnitReinforced { unit, .. } => vec![*unit],
            Event::AttackResolved {
                attackers,
                defender,
                ..
            } => attackers.iter().chain([defender]).copied().collect(),
            Event::AirStrike { unit, .. } => unit.iter().copied().collect(),
            Event::UnitRaised { unit, .. } => vec![unit.id],
            Event::AdvanceOpen { units, .. } => units.clone(),
            _ => Vec::new(),
        }
    }
}

/// Why a relation changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// An attack on the other side's units.
    Attack,
    /// An air strike on the other side's units or oil.
    AirStrike,
    /// Ground or a place taken from the other side.
    Capture,
    /// An oil field the patron wants was seized (by its client: tension falls; by anyone
    /// else: it rises).
    OilSeized(u16),
    /// An agreement (index) was breached.
    Breach(u16),
    /// An agreement (index) was agreed again.
    Agreed(u16),
    /// Coordination of operations began.
    Coordination,
    /// Coordination ended.
    EndCoordination,
    /// Coordination agreed in the game ran its term and was not renewed.
    CoordinationLapsed,
    /// A patron's client coordinates with a side the patron is at odds with.
    RivalCoordination,
    /// Ground was handed over.
    HandOver,
    /// A joint attack on a common enemy.
    JointOperation,
    /// Tension reached the breaking point: relations fell one stance.
    Breakdown,
    /// A historical event of the level.
    History,
}

/// Where a line of the income statement comes from or goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IncomeSource {
    /// An oil field's sales (index in the scenario's list).
    Field(u16),
    /// Taxes and levies on the population of the places held.
    Taxes,
    /// Money from the faction's rear.
    Funding,
    /// A patron's subsidy.
    Subsidy(PatronId),
    /// Pay and upkeep of the units (negative).
    Upkeep,
    /// Extortion and smuggling by underground cells among people another side rules.
    Extortion,
}

/// One line of a faction's income statement.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IncomeLine {
    /// What it is.
    pub source: IncomeSource,
    /// Thousands of US dollars this turn; spending is negative.
    pub amount: i64,
}

/// Why the game ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndReason {
    /// The last turn was played.
    LastTurn,
    /// A faction secured all its objectives.
    Decisive(FactionId),
}
