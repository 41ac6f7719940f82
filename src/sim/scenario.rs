//! A scenario: everything needed to start a game. Levels are converted into this.

use std::collections::BTreeMap;

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::entities::{
    Experience, Faction, FactionId, FieldKind, Objective, OilField, Patron, Place, PlaceId, Stance,
    SupplyKind, SupplySource, Unit, UnitId, UnitKind,
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
    /// Starting stances between pairs of factions, keyed with the lower id first. Pairs not
    /// listed are at [`Stance::War`].
    pub relations: BTreeMap<(FactionId, FactionId), Stance>,
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
    /// Number of turns; the game ends after the last.
    pub turns: u16,
}

impl Scenario {
    /// The faction with a level id.
    pub fn faction_by_key(&self, key: &str) -> Option<FactionId> {
        self.factions
            .iter()
            .position(|f| f.key == key)
            .map(|i| FactionId(i as u8))
    }

    /// A faction by id.
    pub fn faction(&self, id: FactionId) -> Option<&Faction> {
        self.factions.get(usize::from(id.0))
    }

    /// A place by id.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.places.get(usize::from(id.0))
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

/// The key under which a pair's stance is stored.
pub fn relation_key(a: FactionId, b: FactionId) -> (FactionId, FactionId) {
    if a <= b { (a, b) } else { (b, a) }
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
        });
        FactionId((self.scenario.factions.len() - 1) as u8)
    }

    /// Sets the stance between two factions.
    pub fn stance(&mut self, a: FactionId, b: FactionId, stance: Stance) {
        self.scenario.relations.insert(relation_key(a, b), stance);
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

    /// Sets the number of turns.
    pub fn turns(&mut self, turns: u16) {
        self.scenario.turns = turns;
    }

    /// The finished scenario.
    pub fn build(self) -> Scenario {
        self.scenario
    }
}
