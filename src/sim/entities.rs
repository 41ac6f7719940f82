//! The actors and features of a scenario: factions, patrons, units, places, oil fields and
//! objectives.

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::map::{MoveClass, Mp};

/// Index of a faction in [`super::Scenario::factions`]. Factions play in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FactionId(pub u8);

/// Index of a patron in [`super::Scenario::patrons`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PatronId(pub u8);

/// A unit's identity, stable for the whole game (also across saves).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UnitId(pub u32);

/// Index of a place in [`super::Scenario::places`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PlaceId(pub u16);

// What a developer reads in a log or a failed check; players read names (see `crate::narrate`).
macro_rules! display_as_numbered {
    ($($id:ident => $what:literal),*) => {$(
        impl std::fmt::Display for $id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($what, " {}"), self.0)
            }
        }
    )*};
}

display_as_numbered!(FactionId => "faction", PatronId => "patron", UnitId => "unit", PlaceId => "place");

/// A side with units on the map.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Faction {
    /// Stable id from the level, e.g. `"sdf"`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Map colour as RGB.
    pub color: [u8; 3],
    /// Whether a human may choose to play it.
    pub playable: bool,
    /// The foreign backers of this faction.
    pub patrons: Vec<PatronId>,
    /// Campaign funds at the start, in millions of US dollars.
    pub treasury: u32,
    /// Share of the oil price it gets for its crude, in percent.
    pub oil_access: u8,
    /// Taxes and levies, in US dollars per inhabitant of the places it holds per 30 days.
    pub tax: u16,
    /// Money from its rear each turn (state budget, administration), thousands of US dollars.
    pub funding: u32,
    /// Fuel from its rear each turn (refineries, imports), in fuel points.
    pub fuel: u16,
    /// Whether it takes part in diplomacy at all.
    pub negotiates: bool,
    /// Its own verdict levels, when the level judges it apart from the others.
    #[serde(default)]
    pub verdicts: Option<super::victory::VerdictLevels>,
    /// Most underground cells it may have at once (0: it raises none).
    #[serde(default)]
    pub cells: u8,
}

/// A foreign backer without units of its own on the map (e.g. Russia, Iran, the US-led
/// coalition). Its support arrives through the factions it backs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Patron {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Oil and gas fields (indices) it wants its clients to hold: seizing one pleases it when
    /// a client does and angers it when anyone else does.
    pub wants: Vec<u16>,
    /// A faction whose oil it bombs each turn on its own (the coalition's strikes on the
    /// Islamic State's oil).
    pub oil_campaign: Option<FactionId>,
}

/// How two parties (factions or patrons) stand toward each other, from worst to best.
///
/// | stance | attacks | zones of control | their ground | supply through their ground |
/// |---|---|---|---|---|
/// | hostile | yes | stop you | taken when entered | no |
/// | rival | yes, but each raises tension | stop you | taken when entered | no |
/// | neutral | no | no | may not be entered | no |
/// | cooperating | no (joint attacks instead) | no | may be crossed, stays theirs | yes |
/// | allied | no | no | may be crossed, units passed | yes |
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// At war.
    Hostile,
    /// Competing camps that may fight, at a price in tension and patron support.
    Rival,
    /// Keep apart: no attacks, neither enters the other's ground (deconfliction).
    Neutral,
    /// Coordinate operations: may cross each other's ground and join attacks on a common enemy.
    Cooperating,
    /// One camp: may pass through each other's ground and units.
    Allied,
}

impl Stance {
    /// All stances, worst first.
    pub const ALL: [Stance; 5] = [
        Stance::Hostile,
        Stance::Rival,
        Stance::Neutral,
        Stance::Cooperating,
        Stance::Allied,
    ];

    /// Whether units of the two sides fight: attacks allowed, zones of control apply, ground
    /// is taken by entering it.
    pub fn fights(self) -> bool {
        self <= Stance::Rival
    }

    /// Whether each may cross the other's ground and supply may run through it.
    pub fn friendly(self) -> bool {
        self >= Stance::Cooperating
    }

    /// One step worse (hostile stays hostile).
    pub fn worse(self) -> Stance {
        match self {
            Stance::Allied => Stance::Cooperating,
            Stance::Cooperating => Stance::Neutral,
            Stance::Neutral => Stance::Rival,
            _ => Stance::Hostile,
        }
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Hostile => "hostile",
            Stance::Rival => "rival",
            Stance::Neutral => "neutral",
            Stance::Cooperating => "cooperating",
            Stance::Allied => "allied",
        }
    }
}

/// Either side of a relation: a faction on the map or a foreign patron.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Party {
    /// A faction.
    Faction(FactionId),
    /// A patron.
    Patron(PatronId),
}

/// Highest tension between two parties.
pub const MAX_TENSION: u8 = 100;

/// How two parties stand: a stance and a tension score that actions move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    /// The stance.
    pub stance: Stance,
    /// 0 (calm) ..= [`MAX_TENSION`]; at [`super::diplomacy::BREAKDOWN_TENSION`] relations
    /// break down one step.
    pub tension: u8,
    /// For coordination agreed in the game: the turn at whose start it lapses unless renewed
    /// (coordination a level sets at the start stands).
    #[serde(default)]
    pub until: Option<u16>,
}

/// What an agreement between two factions asks of them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgreementKind {
    /// Neither party's units may cross these hex edges into ground it does not hold (the
    /// 2017 US–Russian line along the Euphrates).
    Deconfliction {
        /// The edges of the line, sorted.
        edges: Vec<super::map::EdgeKey>,
    },
    /// Neither party may attack or call air strikes on these hexes (e.g. the 55-km zone
    /// around al-Tanf).
    NoStrike {
        /// The hexes of the zone, sorted.
        hexes: Vec<Hex>,
    },
}

/// An agreement two factions start the game under; it can be breached and agreed again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Agreement {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
    /// What it asks.
    pub kind: AgreementKind,
    /// The two factions bound by it.
    pub parties: (FactionId, FactionId),
}

impl Agreement {
    /// Whether a faction is bound by it.
    pub fn binds(&self, f: FactionId) -> bool {
        self.parties.0 == f || self.parties.1 == f
    }

    /// The other party, when `f` is one.
    pub fn partner(&self, f: FactionId) -> Option<FactionId> {
        if self.parties.0 == f {
            Some(self.parties.1)
        } else if self.parties.1 == f {
            Some(self.parties.0)
        } else {
            None
        }
    }
}

/// A request a patron can grant from its support pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Request {
    /// Strike an enemy unit or oil field from the air.
    AirStrike,
    /// Drop supply to a cut-off unit.
    AirDrop,
    /// Send a new unit of this kind to a supplied town.
    Reinforcements(UnitKind),
}

impl Request {
    /// Support points it costs.
    pub fn cost(self) -> u16 {
        match self {
            Request::AirStrike => 2,
            Request::AirDrop => 2,
            Request::Reinforcements(_) => 6,
        }
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Request::AirStrike => "air strike",
            Request::AirDrop => "air drop",
            Request::Reinforcements(_) => "reinforcements",
        }
    }
}

/// What a patron gives one faction each turn, at full strength of relations.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Support {
    /// The patron.
    pub patron: PatronId,
    /// The faction it backs.
    pub faction: FactionId,
    /// Support points added to the pool each turn (the pool holds at most three turns' worth).
    pub points: u16,
    /// Money each turn, in thousands of US dollars.
    pub money: u32,
    /// Fuel each turn, in fuel points (one moves a motorised unit for a turn).
    pub fuel: u16,
    /// What the faction may ask for.
    pub offers: Vec<Request>,
    /// Hexes its reconnaissance (drones and aircraft over the front) adds to how far each of
    /// the faction's units sees, while the patron gives any support.
    #[serde(default)]
    pub reconnaissance: u8,
}

/// The kind of a unit, which sets its movement, attack and defence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// Regular foot infantry.
    Infantry,
    /// Armour and mechanised infantry.
    Mechanised,
    /// Irregular or tribal fighters and local defence forces.
    Militia,
    /// Elite raiding or advisory forces; move through zones of control.
    SpecialForces,
    /// Guns and rockets; attack from two hexes away without taking losses.
    Artillery,
    /// A few fighters hidden among the people of ground their side has lost: they move
    /// through zones of control, need no supply line, and can be attacked or struck only by a
    /// side whose troops stood next to them as its turn began.
    Cell,
}

impl UnitKind {
    /// All kinds, in a fixed order.
    pub const ALL: [UnitKind; 6] = [
        UnitKind::Infantry,
        UnitKind::Mechanised,
        UnitKind::Militia,
        UnitKind::SpecialForces,
        UnitKind::Artillery,
        UnitKind::Cell,
    ];

    /// Movement points at the start of each turn.
    pub fn movement(self) -> Mp {
        match self {
            UnitKind::Infantry => 8,
            UnitKind::Mechanised => 16,
            UnitKind::Militia => 8,
            UnitKind::SpecialForces => 10,
            UnitKind::Artillery => 8,
            UnitKind::Cell => 8,
        }
    }

    /// How it moves.
    pub fn move_class(self) -> MoveClass {
        match self {
            UnitKind::Mechanised | UnitKind::Artillery => MoveClass::Motor,
            _ => MoveClass::Foot,
        }
    }

    /// Attack value per strength point, in percent.
    pub fn attack_percent(self) -> u32 {
        match self {
            UnitKind::Infantry => 100,
            UnitKind::Mechanised => 150,
            UnitKind::Militia => 70,
            UnitKind::SpecialForces => 130,
            UnitKind::Artillery => 120,
            UnitKind::Cell => 100,
        }
    }

    /// Defence value per strength point, in percent.
    pub fn defence_percent(self) -> u32 {
        match self {
            UnitKind::Infantry => 100,
            UnitKind::Mechanised => 120,
            UnitKind::Militia => 80,
            UnitKind::SpecialForces => 100,
            UnitKind::Artillery => 50,
            UnitKind::Cell => 70,
        }
    }

    /// Range of its attacks in hexes.
    pub fn attack_range(self) -> u32 {
        match self {
            UnitKind::Artillery => 2,
            _ => 1,
        }
    }

    /// Whether enemy zones of control fail to stop it.
    pub fn ignores_zoc(self) -> bool {
        matches!(self, UnitKind::SpecialForces | UnitKind::Cell)
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Infantry => "infantry",
            UnitKind::Mechanised => "mechanised",
            UnitKind::Militia => "militia",
            UnitKind::SpecialForces => "special forces",
            UnitKind::Artillery => "artillery",
            UnitKind::Cell => "cell",
        }
    }
}

/// How seasoned a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Experience {
    /// New or hastily trained.
    Green,
    /// Trained and blooded.
    Regular,
    /// Long in the field.
    Veteran,
    /// The best a side has.
    Elite,
}

impl Experience {
    /// Combat multiplier in percent.
    pub fn percent(self) -> u32 {
        match self {
            Experience::Green => 80,
            Experience::Regular => 100,
            Experience::Veteran => 115,
            Experience::Elite => 130,
        }
    }
}

/// Highest strength a unit may have.
pub const MAX_STRENGTH: u16 = 100;
/// Highest morale a unit may have.
pub const MAX_MORALE: u8 = 100;

/// A unit on the map. Its fields change only through [`super::Game::apply`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    /// Identity.
    pub id: UnitId,
    /// Stable id from the level (or generated for reinforcements).
    pub key: String,
    /// Display name, e.g. "5th Corps".
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// The faction that commands it.
    pub owner: FactionId,
    /// Where it stands.
    pub hex: Hex,
    /// Combat strength points, 1..=[`MAX_STRENGTH`]; at 0 the unit is gone.
    pub strength: u16,
    /// Morale, 0..=[`MAX_MORALE`]; multiplies combat power.
    pub morale: u8,
    /// Experience.
    pub experience: Experience,
    /// Movement points left this turn.
    pub movement_left: Mp,
    /// Whether it has attacked this turn.
    pub has_attacked: bool,
    /// Whether supply reaches it.
    #[serde(default)]
    pub supply: SupplyState,
    /// The strength replacements can bring it back to (its strength at the start, or when
    /// raised).
    pub full_strength: u16,
    /// Whether it lacked fuel this turn (motorised units only): half movement.
    #[serde(default)]
    pub no_fuel: bool,
    /// Whether it is dug in: it has spent a whole turn of its own in this hex without moving
    /// (or starts in prepared positions). Dug-in units defend better; moving ends it.
    #[serde(default)]
    pub dug_in: bool,
    /// Whether it has moved (or been pushed back) during its faction's current turn.
    #[serde(default)]
    pub moved: bool,
}

impl Unit {
    /// Morale multiplier on combat power in percent: 50 % at zero morale, 100 % at full.
    pub fn morale_percent(&self) -> u32 {
        50 + u32::from(self.morale.min(MAX_MORALE)) / 2
    }
}

/// The role of a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    /// A city.
    City,
    /// A town.
    Town,
    /// A village.
    Village,
    /// An international border crossing.
    BorderCrossing,
    /// A military airbase.
    Airbase,
    /// A pipeline pumping station (e.g. T2).
    PumpingStation,
}

impl PlaceKind {
    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::BorderCrossing => "border crossing",
            PlaceKind::Airbase => "airbase",
            PlaceKind::PumpingStation => "pumping station",
        }
    }
}

/// A named place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub kind: PlaceKind,
    /// Where it is.
    pub hex: Hex,
    /// Inhabitants by the last count before the war (the census a level cites).
    pub population: u32,
    /// People actually living there when the game begins, at most `population`: many had
    /// fled before (Raqqa kept under 1 % of its census population by October 2017).
    pub present: u32,
    /// Victory points for holding it.
    pub points: u16,
    /// Lines of prepared defences it can hold (berms, trenches, mined approaches, tunnels),
    /// 0..=[`crate::sim::defences::MAX_DEFENCES`]; it starts the game with all of them.
    #[serde(default)]
    pub defences: u8,
}

/// Whether a field yields oil or gas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FieldKind {
    /// Crude oil.
    Oil,
    /// Natural gas.
    Gas,
}

/// An oil or gas field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OilField {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Oil or gas.
    pub kind: FieldKind,
    /// Where it is.
    pub hex: Hex,
    /// Output: barrels per day for oil, thousand cubic metres per day for gas.
    pub output: u32,
}

/// What an objective asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Goal {
    /// Hold a place at the end of the game.
    Hold(PlaceId),
    /// Hold an oil or gas field (by index in the scenario's list) at the end of the game.
    HoldField(u16),
    /// At the end, hold an unbroken chain of hexes (own or allied ground, rivers crossed only
    /// at usable crossings) joining two places, both held.
    Route(PlaceId, PlaceId),
    /// Still have a unit on the map at the end.
    Survive,
}

/// Something a faction is asked to achieve.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Objective {
    /// Stable id from the level.
    pub key: String,
    /// Whose objective it is.
    pub faction: FactionId,
    /// What it asks for.
    pub goal: Goal,
    /// Points scored when it is met.
    pub points: u16,
    /// What the player reads.
    pub description: String,
    /// A deadline: the objective scores only if met on or before this date, and then stays
    /// scored whatever happens later. Without one it scores if met at the end.
    pub by: Option<super::calendar::Date>,
}

impl Objective {
    /// Whether meeting it on `date` is too late to score: after its deadline.
    pub fn too_late(&self, date: super::calendar::Date) -> bool {
        self.by.is_some_and(|by| date > by)
    }
}

/// How supply reaches a faction at a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SupplyKind {
    /// A road into the map from the faction's rear (e.g. the Damascus road).
    Road,
    /// An airbase that patrons can supply by air.
    Airlift,
    /// A stockpile in a held town, of limited capacity.
    Depot,
}

/// Where a faction's supply enters the map.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupplySource {
    /// Whose supply it is.
    pub faction: FactionId,
    /// Display name, e.g. "Damascus road".
    pub name: String,
    /// How supply arrives.
    pub kind: SupplyKind,
    /// Where.
    pub hex: Hex,
}

/// A unit's supply state.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum SupplyState {
    /// Supply reaches it.
    #[default]
    Supplied,
    /// Cut off this turn: no effect yet.
    Low,
    /// Cut off for a second turn or more: half movement, no attacks, attrition.
    Out,
}

impl SupplyState {
    /// The state after a trace that did or did not reach the unit.
    pub fn next(self, reached: bool) -> SupplyState {
        match (reached, self) {
            (true, _) => SupplyState::Supplied,
            (false, SupplyState::Supplied) => SupplyState::Low,
            (false, _) => SupplyState::Out,
        }
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            SupplyState::Supplied => "supplied",
            SupplyState::Low => "low on supply",
            SupplyState::Out => "out of supply",
        }
    }
}
