//! A scenario: everything needed to start a game. Levels are converted into this.

use std::collections::BTreeMap;

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::entities::{
    Agreement, Experience, Faction, FactionId, FieldKind, Objective, OilField, Party, Patron,
    PatronId, Place, PlaceId, Relation, Stance, SupplyKind, SupplySource, Support, Unit, UnitId,
    UnitKind,
};
use super::map::{Map, Orientation, Terrain};

/// The starting situation of a game. It does not change while the game is played.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scenario {
    /// Stable id of the level.
    pub id: String,
    /// Title.
    pub name: String,
    /// The map.
    pub map: Map,
    /// Factions in turn order.
    pub factions: Vec<Faction>,
    /// Foreign backers.
    pub patrons: Vec<Patron>,
    /// Starting relations between pairs of parties, keyed with the lower party first. Pairs
    /// not listed start at [`Scenario::default_relation`].
    pub relations: BTreeMap<(Party, Party), Relation>,
    /// Agreements in force at the start.
    pub agreements: Vec<Agreement>,
    /// What each patron gives each faction it backs.
    pub support: Vec<Support>,
    /// Units at the start, with ids `0..n` in this order.
    pub units: Vec<Unit>,
    /// Named places.
    pub places: Vec<Place>,
    /// Oil and gas fields.
    pub oil_fields: Vec<OilField>,
    /// Objectives.
    pub objectives: Vec<Objective>,
    /// Where each faction's supply enters the map.
    pub supply_sources: Vec<SupplySource>,
    /// Who controls each hex at the start, by map index.
    pub control: Vec<Option<FactionId>>,
    /// Date of the first turn.
    pub start: Date,
    /// Days that pass each turn.
    pub days_per_turn: u8,
    /// Oil price in US dollars per barrel.
    pub oil_price: u16,
    /// Unit upkeep as a percentage of the standard costs (0 turns upkeep off).
    pub upkeep_percent: u16,
    /// Number of turns; the game ends after the last.
    pub turns: u16,
    /// What the level's historical events do to the game, by date (see [`Dated`]).
    #[serde(default)]
    pub history: Vec<Dated>,
    /// The shares of its objective points a side needs for each verdict.
    #[serde(default)]
    pub verdicts: super::victory::VerdictLevels,
    /// Whether a decisive result (every objective secured, a lead by half) ends the game
    /// from its middle on.
    #[serde(default = "yes")]
    pub decisive_end: bool,
    /// Whether each side sees only what its troops, places and patrons can (fog of war; see
    /// [`crate::sim::sight`]).
    #[serde(default)]
    pub fog: bool,
}

fn yes() -> bool {
    true
}

/// Effects of a historical event on the game, on the first new turn on or after its date.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dated {
    /// The event's date.
    pub date: Date,
    /// What it does.
    pub effects: Vec<Effect>,
}

/// One effect of a historical event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    /// The oil price changes to this many US dollars a barrel.
    OilPrice(u16),
    /// Tension between two parties changes.
    Tension(Party, Party, i16),
    /// A patron grants extra support points (index in the scenario's support list).
    Support {
        /// The support entry.
        support: u16,
        /// Points added to its pool.
        points: u16,
    },
}

impl Scenario {
    /// The faction with a level id.
    pub fn faction_by_key(&self, key: &str) -> Option<FactionId> {
        self.factions
            .iter()
            .position(|f| f.key == key)
            .map(|i| FactionId(i as u8))
    }

    /// The side a player takes: the faction with `key` when one is named, else the first
    /// playable one.
    pub fn side_for(&self, key: Option<&str>) -> Option<FactionId> {
        match key {
            Some(k) => self.faction_by_key(k),
            None => self
                .factions
                .iter()
                .position(|f| f.playable)
                .map(|i| FactionId(i as u8)),
        }
    }

    /// A faction by id.
    pub fn faction(&self, id: FactionId) -> Option<&Faction> {
        self.factions.get(usize::from(id.0))
    }

    /// Who held `hex` when the game began.
    pub fn holder_at_start(&self, hex: Hex) -> Option<FactionId> {
        self.map
            .index(hex)
            .and_then(|i| self.control.get(i).copied().flatten())
    }

    /// The date a turn begins (turns count from 1).
    pub fn date_of_turn(&self, turn: u16) -> Date {
        self.start
            .plus_days(u32::from(turn.saturating_sub(1)) * u32::from(self.days_per_turn))
    }

    /// A place by id.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.places.get(usize::from(id.0))
    }

    /// The hexes an objective is about: its place, its field, or both ends of its route
    /// (none for survival).
    pub fn objective_hexes(&self, goal: &super::entities::Goal) -> Vec<Hex> {
        use super::entities::Goal;
        match *goal {
            Goal::Hold(p) => self.place(p).map(|p| p.hex).into_iter().collect(),
            Goal::HoldField(f) => self
                .oil_fields
                .get(usize::from(f))
                .map(|f| f.hex)
                .into_iter()
                .collect(),
            Goal::Route(a, b) => [a, b]
                .iter()
                .filter_map(|p| self.place(*p).map(|p| p.hex))
                .collect(),
            Goal::Survive => Vec::new(),
        }
    }

    /// The index of the oil or gas field at a hex, if any.
    pub fn field_at(&self, hex: Hex) -> Option<usize> {
        self.oil_fields.iter().position(|f| f.hex == hex)
    }

    /// The place at a hex, if any.
    pub fn place_at(&self, hex: Hex) -> Option<(PlaceId, &Place)> {
        self.places
            .iter()
            .enumerate()
            .find(|(_, p)| p.hex == hex)
            .map(|(i, p)| (PlaceId(i as u16), p))
    }
}

/// The key under which a pair's relation is stored.
pub fn relation_key(a: Party, b: Party) -> (Party, Party) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Scenario {
    /// The relation two parties start with when the level does not list them: a patron is
    /// allied with the factions that name it as a patron; factions not listed are hostile;
    /// anything else is neutral.
    pub fn default_relation(&self, a: Party, b: Party) -> Relation {
        let stance = match (a, b) {
            (Party::Faction(x), Party::Faction(y)) if x == y => Stance::Allied,
            (Party::Faction(_), Party::Faction(_)) => Stance::Hostile,
            (Party::Faction(f), Party::Patron(p)) | (Party::Patron(p), Party::Faction(f)) => {
                if self.faction(f).is_some_and(|f| f.patrons.contains(&p)) {
                    Stance::Allied
                } else {
                    Stance::Neutral
                }
            }
            (Party::Patron(x), Party::Patron(y)) if x == y => Stance::Allied,
            (Party::Patron(_), Party::Patron(_)) => Stance::Neutral,
        };
        Relation {
            stance,
            tension: 0,
            until: None,
        }
    }

    /// Every party: factions first, then patrons.
    pub fn parties(&self) -> Vec<Party> {
        (0..self.factions.len())
            .map(|i| Party::Faction(FactionId(i as u8)))
            .chain((0..self.patrons.len()).map(|i| Party::Patron(PatronId(i as u8))))
            .collect()
    }

    /// A patron by id.
    pub fn patron(&self, id: PatronId) -> Option<&Patron> {
        self.patrons.get(usize::from(id.0))
    }

    /// A name for a party.
    pub fn party_name(&self, p: Party) -> &str {
        match p {
            Party::Faction(f) => self.faction(f).map_or("?", |f| f.name.as_str()),
            Party::Patron(q) => self.patron(q).map_or("?", |q| q.name.as_str()),
        }
    }
}

/// Builds small scenarios in code, for tests and examples.
///
/// # Example
/// ```
/// use euphrates::sim::{ScenarioBuilder, Terrain, UnitKind, Game};
/// let mut b = ScenarioBuilder::new(8, 6, Terrain::Steppe);
/// let red = b.faction("red");
/// let blue = b.faction("blue");
/// b.unit(red, UnitKind::Infantry, 1, 1);
/// b.unit(blue, UnitKind::Militia, 5, 3);
/// let game = Game::new(b.build(), 7);
/// assert_eq!(game.units().count(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct ScenarioBuilder {
    scenario: Scenario,
}

impl ScenarioBuilder {
    /// A pointy map of one terrain, no factions yet.
    pub fn new(width: u32, height: u32, terrain: Terrain) -> Self {
        let map = Map::new(width, height, Orientation::Pointy, terrain);
        let control = vec![None; map.len()];
        ScenarioBuilder {
            scenario: Scenario {
                id: "test".into(),
                name: "Test".into(),
                map,
                factions: Vec::new(),
                patrons: Vec::new(),
                relations: BTreeMap::new(),
                agreements: Vec::new(),
                support: Vec::new(),
                units: Vec::new(),
                places: Vec::new(),
                oil_fields: Vec::new(),
                objectives: Vec::new(),
                supply_sources: Vec::new(),
                control,
                start: Date {
                    year: 2017,
                    month: 11,
                    day: 3,
                },
                days_per_turn: 2,
                oil_price: 54,
                history: Vec::new(),
                verdicts: Default::default(),
                decisive_end: true,
                fog: false,
                upkeep_percent: 0,
                turns: 10,
            },
        }
    }

    /// The map, to change terrain, rivers and roads.
    pub fn map(&mut self) -> &mut Map {
        &mut self.scenario.map
    }

    /// The hex at offset column and row.
    pub fn hex(&self, col: i32, row: i32) -> Hex {
        self.scenario.map.hex_at(col, row)
    }

    /// Adds a playable faction.
    pub fn faction(&mut self, key: &str) -> FactionId {
        self.scenario.factions.push(Faction {
            key: key.into(),
            name: key.into(),
            color: [128, 128, 128],
            playable: true,
            patrons: Vec::new(),
            treasury: 0,
            oil_access: 100,
            tax: 0,
            funding: 0,
            fuel: 0,
            negotiates: true,
            verdicts: None,
            cells: 0,
        });
        FactionId((self.scenario.factions.len() - 1) as u8)
    }

    /// Sets the stance between two factions, with no tension.
    pub fn stance(&mut self, a: FactionId, b: FactionId, stance: Stance) {
        self.relation(Party::Faction(a), Party::Faction(b), stance, 0);
    }

    /// Sets the relation between two parties.
    pub fn relation(&mut self, a: Party, b: Party, stance: Stance, tension: u8) {
        self.scenario.relations.insert(
            relation_key(a, b),
            Relation {
                stance,
                tension,
                until: None,
            },
        );
    }

    /// Changes a faction after adding it.
    pub fn faction_mut(&mut self, id: FactionId) -> &mut Faction {
        &mut self.scenario.factions[usize::from(id.0)]
    }

    /// Adds a patron backing some factions.
    pub fn patron(&mut self, key: &str, clients: &[FactionId]) -> PatronId {
        let id = PatronId(self.scenario.patrons.len() as u8);
        self.scenario.patrons.push(Patron {
            key: key.into(),
            name: key.into(),
            wants: Vec::new(),
            oil_campaign: None,
        });
        for c in clients {
            self.scenario.factions[usize::from(c.0)].patrons.push(id);
        }
        id
    }

    /// Changes a patron after adding it.
    pub fn patron_mut(&mut self, id: PatronId) -> &mut Patron {
        &mut self.scenario.patrons[usize::from(id.0)]
    }

    /// Adds what a patron gives a faction each turn.
    pub fn support(&mut self, support: Support) {
        self.scenario.support.push(support);
    }

    /// Adds an agreement.
    pub fn agreement(&mut self, agreement: Agreement) {
        self.scenario.agreements.push(agreement);
    }

    /// Adds an objective.
    pub fn objective(&mut self, objective: Objective) {
        self.scenario.objectives.push(objective);
    }

    /// Adds a place.
    pub fn place(&mut self, place: Place) -> PlaceId {
        self.scenario.places.push(place);
        PlaceId((self.scenario.places.len() - 1) as u16)
    }

    /// Adds a full-strength regular unit at offset column and row; it controls its hex.
    pub fn unit(&mut self, owner: FactionId, kind: UnitKind, col: i32, row: i32) -> UnitId {
        let id = UnitId(self.scenario.units.len() as u32);
        let hex = self.hex(col, row);
        self.scenario.units.push(Unit {
            id,
            key: format!("u{}", id.0),
            name: format!("{} {}", kind.name(), id.0),
            kind,
            owner,
            hex,
            strength: 20,
            morale: 70,
            experience: Experience::Regular,
            movement_left: kind.movement(),
            has_attacked: false,
            supply: Default::default(),
            full_strength: 20,
            no_fuel: false,
            dug_in: false,
            moved: false,
        });
        if let Some(i) = self.scenario.map.index(hex) {
            self.scenario.control[i] = Some(owner);
        }
        id
    }

    /// Changes a unit after adding it.
    pub fn unit_mut(&mut self, id: UnitId) -> &mut Unit {
        &mut self.scenario.units[id.0 as usize]
    }

    /// Sets who controls a hex at the start.
    pub fn control(&mut self, col: i32, row: i32, faction: Option<FactionId>) {
        let hex = self.hex(col, row);
        if let Some(i) = self.scenario.map.index(hex) {
            self.scenario.control[i] = faction;
        }
    }

    /// Adds an oil or gas field.
    pub fn oil_field(&mut self, key: &str, kind: FieldKind, hex: Hex, output: u32) {
        self.scenario.oil_fields.push(OilField {
            key: key.into(),
            name: key.into(),
            kind,
            hex,
            output,
        });
    }

    /// Adds a supply source for a faction.
    pub fn supply_source(&mut self, faction: FactionId, name: &str, kind: SupplyKind, hex: Hex) {
        self.scenario.supply_sources.push(SupplySource {
            faction,
            name: name.into(),
            kind,
            hex,
        });
    }

    /// Sets unit upkeep as a percentage of the standard costs (builders start with none, so
    /// that tests of other rules need no treasury).
    pub fn upkeep_percent(&mut self, percent: u16) {
        self.scenario.upkeep_percent = percent;
    }

    /// Sets the number of turns.
    pub fn turns(&mut self, turns: u16) {
        self.scenario.turns = turns;
    }

    /// Sets whether a decisive result ends the game early.
    pub fn decisive_end(&mut self, on: bool) {
        self.scenario.decisive_end = on;
    }

    /// Sets whether the fog of war hides what a side cannot see (builders start without).
    pub fn fog(&mut self, on: bool) {
        self.scenario.fog = on;
    }

    /// The finished scenario.
    pub fn build(self) -> Scenario {
        self.scenario
    }
}
