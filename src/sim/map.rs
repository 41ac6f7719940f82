//! The hex map: terrain, rivers on hex edges with their crossings, roads, and countries.
//!
//! Hexes are addressed with [`hexx::Hex`] axial coordinates; the map is a rectangle in
//! "odd" offset coordinates (odd rows shoved right for pointy hexes, odd columns shoved
//! down for flat ones), which is how a level's terrain rows are written.
//! See <https://www.redblobgames.com/grids/hexagons/> for the coordinate systems.

use std::collections::{BTreeMap, BTreeSet};

use hexx::{Hex, HexLayout, HexOrientation, OffsetHexMode};
use serde::{Deserialize, Serialize};

/// The largest map side the engine accepts, in hexes.
pub const MAX_MAP_SIDE: u32 = 256;

/// Movement points; every cost and allowance in the rules is counted in these.
pub type Mp = u16;

/// Which way the hexes point. Pointy hexes make rows, flat hexes make columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Orientation {
    /// Pointy-topped hexes in rows; odd rows are shifted half a hex to the right.
    Pointy,
    /// Flat-topped hexes in columns; odd columns are shifted half a hex down.
    Flat,
}

impl Orientation {
    /// The matching hexx orientation.
    pub fn hexx(self) -> HexOrientation {
        match self {
            Orientation::Pointy => HexOrientation::Pointy,
            Orientation::Flat => HexOrientation::Flat,
        }
    }
}

/// The kind of ground a hex holds. Each has a movement cost and a defence bonus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Terrain {
    /// Open gravel desert (the Badia): fast going, nowhere to hide.
    Desert,
    /// Dry grassland (the Jazira steppe).
    Steppe,
    /// Irrigated river valley: fields, canals and villages that slow movement and shelter defenders.
    Valley,
    /// Built-up town or city: slow to cross, strong for the defender.
    Urban,
    /// Broken high ground (e.g. the Bishri hills).
    Hills,
    /// Reed marsh and wetland.
    Marsh,
    /// Lakes and open water: impassable.
    Water,
}

impl Terrain {
    /// All terrain kinds, in a fixed order.
    pub const ALL: [Terrain; 7] = [
        Terrain::Desert,
        Terrain::Steppe,
        Terrain::Valley,
        Terrain::Urban,
        Terrain::Hills,
        Terrain::Marsh,
        Terrain::Water,
    ];

    /// Cost to enter a hex of this terrain off-road, or `None` when it cannot be entered.
    pub fn move_cost(self, class: MoveClass) -> Option<Mp> {
        use MoveClass::*;
        use Terrain::*;
        Some(match (self, class) {
            (Water, _) => return None,
            (Desert | Steppe, _) => 2,
            (Valley, Foot) => 3,
            (Valley, Motor) => 4,
            (Urban, Foot) => 2,
            (Urban, Motor) => 3,
            (Hills, Foot) => 4,
            (Hills, Motor) => 6,
            (Marsh, Foot) => 5,
            (Marsh, Motor) => 10,
        })
    }

    /// Defender's strength multiplier on this terrain, in percent.
    pub fn defence_percent(self) -> u32 {
        match self {
            Terrain::Desert => 100,
            Terrain::Steppe => 100,
            Terrain::Valley => 125,
            Terrain::Urban => 200,
            Terrain::Hills => 150,
            Terrain::Marsh => 125,
            Terrain::Water => 100,
        }
    }

    /// Whether units may ever stand on this terrain.
    pub fn passable(self) -> bool {
        self != Terrain::Water
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Terrain::Desert => "desert",
            Terrain::Steppe => "steppe",
            Terrain::Valley => "irrigated valley",
            Terrain::Urban => "urban",
            Terrain::Hills => "hills",
            Terrain::Marsh => "marsh",
            Terrain::Water => "water",
        }
    }
}

/// How a unit moves: on foot (or light trucks) or as heavy motorised columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoveClass {
    /// Infantry, militia, special forces.
    Foot,
    /// Mechanised formations and guns: fast on roads, slow in broken ground.
    Motor,
}

/// Cost of a step along a road, whatever the terrain.
pub const ROAD_COST: Mp = 1;

/// A way across a river edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CrossingKind {
    /// A standing permanent bridge.
    Bridge,
    /// A military pontoon bridge.
    Pontoon,
    /// A ferry or boat crossing.
    Ferry,
    /// A shallow place that can be waded or driven.
    Ford,
    /// A destroyed bridge: shown on the map, cannot be crossed.
    Ruined,
}

impl CrossingKind {
    /// Extra movement cost of crossing here, or `None` when it cannot be crossed.
    pub fn extra_cost(self) -> Option<Mp> {
        match self {
            CrossingKind::Bridge => Some(0),
            CrossingKind::Pontoon => Some(1),
            CrossingKind::Ford => Some(2),
            CrossingKind::Ferry => Some(3),
            CrossingKind::Ruined => None,
        }
    }

    /// Defender's multiplier, in percent, against an attack made over this river edge.
    pub fn defence_percent(crossing: Option<CrossingKind>) -> u32 {
        match crossing.and_then(CrossingKind::extra_cost) {
            Some(0) => 125,
            Some(_) => 150,
            None => 200,
        }
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            CrossingKind::Bridge => "bridge",
            CrossingKind::Pontoon => "pontoon bridge",
            CrossingKind::Ferry => "ferry",
            CrossingKind::Ford => "ford",
            CrossingKind::Ruined => "destroyed bridge",
        }
    }
}

/// The edge between two adjacent hexes, stored with its ends in a canonical order so that
/// `EdgeKey::new(a, b) == EdgeKey::new(b, a)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EdgeKey {
    a: (i32, i32),
    b: (i32, i32),
}

impl EdgeKey {
    /// The edge between `a` and `b` (which should be neighbours).
    pub fn new(a: Hex, b: Hex) -> Self {
        let (pa, pb) = ((a.x, a.y), (b.x, b.y));
        if pa <= pb {
            EdgeKey { a: pa, b: pb }
        } else {
            EdgeKey { a: pb, b: pa }
        }
    }

    /// The two hexes on either side.
    pub fn hexes(self) -> (Hex, Hex) {
        (Hex::new(self.a.0, self.a.1), Hex::new(self.b.0, self.b.1))
    }
}

/// A river as a whole: its name and the edges it runs along.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct River {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
}

/// What lies on one hex edge that is part of a river.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RiverEdge {
    /// Index into [`Map::rivers`].
    pub river: u16,
    /// The crossing on this edge, if any.
    pub crossing: Option<Crossing>,
}

/// A named bridge, ford or ferry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Crossing {
    /// Display name, e.g. "al-Asharah pontoon".
    pub name: String,
    /// What kind of crossing it is.
    pub kind: CrossingKind,
}

/// A country, for the international border.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Country {
    /// Stable id from the level.
    pub key: String,
    /// Display name.
    pub name: String,
}

/// One hex of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tile {
    /// Ground.
    pub terrain: Terrain,
    /// Index into [`Map::countries`], if the hex belongs to one.
    pub country: Option<u8>,
}

/// The static map of a scenario. It does not change during a game.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Map {
    width: u32,
    height: u32,
    orientation: Orientation,
    tiles: Vec<Tile>,
    /// Rivers by index; edges refer to them.
    pub rivers: Vec<River>,
    river_edges: BTreeMap<EdgeKey, RiverEdge>,
    roads: BTreeSet<EdgeKey>,
    /// Countries by index; tiles refer to them.
    pub countries: Vec<Country>,
}

impl Map {
    /// A map of `width` × `height` hexes, all of one terrain. Sides are clamped to
    /// `1..=MAX_MAP_SIDE`.
    pub fn new(width: u32, height: u32, orientation: Orientation, terrain: Terrain) -> Self {
        let width = width.clamp(1, MAX_MAP_SIDE);
        let height = height.clamp(1, MAX_MAP_SIDE);
        Map {
            width,
            height,
            orientation,
            tiles: vec![
                Tile {
                    terrain,
                    country: None
                };
                (width * height) as usize
            ],
            rivers: Vec::new(),
            river_edges: BTreeMap::new(),
            roads: BTreeSet::new(),
            countries: Vec::new(),
        }
    }

    /// Width in hexes (columns).
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in hexes (rows).
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Number of hexes.
    pub fn len(&self) -> usize {
        self.tiles.len()
    }

    /// Whether the map has no hexes (never true for a constructed map).
    pub fn is_empty(&self) -> bool {
        self.tiles.is_empty()
    }

    /// Which way the hexes point.
    pub fn orientation(&self) -> Orientation {
        self.orientation
    }

    /// The hex at offset column `col`, row `row` (the level's terrain grid position).
    pub fn hex_at(&self, col: i32, row: i32) -> Hex {
        Hex::from_offset_coordinates([col, row], OffsetHexMode::Odd, self.orientation.hexx())
    }

    /// The offset `[column, row]` of a hex.
    pub fn offset_of(&self, hex: Hex) -> [i32; 2] {
        hex.to_offset_coordinates(OffsetHexMode::Odd, self.orientation.hexx())
    }

    /// Index of a hex into per-hex vectors, or `None` when off the map.
    pub fn index(&self, hex: Hex) -> Option<usize> {
        let [c, r] = self.offset_of(hex);
        if c < 0 || r < 0 || c as u32 >= self.width || r as u32 >= self.height {
            None
        } else {
            Some(r as usize * self.width as usize + c as usize)
        }
    }

    /// The hex with the given per-hex index.
    pub fn hex_of_index(&self, index: usize) -> Hex {
        let w = self.width as usize;
        self.hex_at((index % w) as i32, (index / w) as i32)
    }

    /// Whether a hex lies on the map.
    pub fn contains(&self, hex: Hex) -> bool {
        self.index(hex).is_some()
    }

    /// All hexes in index order (row by row).
    pub fn hexes(&self) -> impl Iterator<Item = Hex> + '_ {
        (0..self.tiles.len()).map(|i| self.hex_of_index(i))
    }

    /// The tile at a hex, if on the map.
    pub fn tile(&self, hex: Hex) -> Option<&Tile> {
        self.index(hex).map(|i| &self.tiles[i])
    }

    /// Terrain of a hex, if on the map.
    pub fn terrain(&self, hex: Hex) -> Option<Terrain> {
        self.tile(hex).map(|t| t.terrain)
    }

    /// Changes a tile. Used while building a scenario.
    pub fn set_tile(&mut self, hex: Hex, tile: Tile) {
        if let Some(i) = self.index(hex) {
            self.tiles[i] = tile;
        }
    }

    /// The on-map neighbours of a hex.
    pub fn neighbors(&self, hex: Hex) -> impl Iterator<Item = Hex> + '_ {
        hex.all_neighbors()
            .into_iter()
            .filter(|h| self.contains(*h))
    }

    /// Adds a river and returns its index.
    pub fn add_river(&mut self, key: &str, name: &str) -> u16 {
        self.rivers.push(River {
            key: key.to_owned(),
            name: name.to_owned(),
        });
        (self.rivers.len() - 1) as u16
    }

    /// Marks the edge between `a` and `b` as part of river `river`. Both must be neighbours
    /// on the map; returns whether the edge was added.
    pub fn add_river_edge(&mut self, a: Hex, b: Hex, river: u16) -> bool {
        if !self.contains(a) || !self.contains(b) || a.unsigned_distance_to(b) != 1 {
            return false;
        }
        self.river_edges
            .entry(EdgeKey::new(a, b))
            .or_insert(RiverEdge {
                river,
                crossing: None,
            });
        true
    }

    /// Puts a crossing on an existing river edge; returns whether there was a river there.
    pub fn set_crossing(&mut self, edge: EdgeKey, crossing: Crossing) -> bool {
        match self.river_edges.get_mut(&edge) {
            Some(e) => {
                e.crossing = Some(crossing);
                true
            }
            None => false,
        }
    }

    /// The river on the edge between two hexes, if any.
    pub fn river_between(&self, a: Hex, b: Hex) -> Option<&RiverEdge> {
        self.river_edges.get(&EdgeKey::new(a, b))
    }

    /// All river edges, in a stable order.
    pub fn river_edges(&self) -> impl Iterator<Item = (EdgeKey, &RiverEdge)> {
        self.river_edges.iter().map(|(k, v)| (*k, v))
    }

    /// Adds a road link between two neighbouring on-map hexes; returns whether it was added.
    pub fn add_road(&mut self, a: Hex, b: Hex) -> bool {
        if !self.contains(a) || !self.contains(b) || a.unsigned_distance_to(b) != 1 {
            return false;
        }
        self.roads.insert(EdgeKey::new(a, b));
        true
    }

    /// Whether a road joins two neighbouring hexes.
    pub fn has_road(&self, a: Hex, b: Hex) -> bool {
        self.roads.contains(&EdgeKey::new(a, b))
    }

    /// All road links, in a stable order.
    pub fn roads(&self) -> impl Iterator<Item = EdgeKey> + '_ {
        self.roads.iter().copied()
    }

    /// Country index of a hex.
    pub fn country(&self, hex: Hex) -> Option<u8> {
        self.tile(hex).and_then(|t| t.country)
    }

    /// Cost for a unit of class `class` to step from `from` into the neighbouring hex `to`,
    /// terrain, road and river included; `None` when the step is impossible. Does not look
    /// at units or control: see the rules for that.
    pub fn step_cost(&self, from: Hex, to: Hex, class: MoveClass) -> Option<Mp> {
        if from.unsigned_distance_to(to) != 1 {
            return None;
        }
        let terrain = self.terrain(to)?;
        self.terrain(from)?;
        let base = if self.has_road(from, to) {
            terrain.passable().then_some(ROAD_COST)?
        } else {
            terrain.move_cost(class)?
        };
        let river = match self.river_between(from, to) {
            None => 0,
            Some(edge) => edge.crossing.as_ref()?.kind.extra_cost()?,
        };
        Some(base + river)
    }

    /// The drawing layout: hexes of circumradius 1, row 0 at the top (world y grows upward,
    /// so rows go toward negative y), column 0 on the left, hex (0, 0) at the origin.
    pub fn layout(&self) -> HexLayout {
        let mut layout = HexLayout::new(self.orientation.hexx());
        layout.invert_y();
        layout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_round_trip_and_index() {
        for orientation in [Orientation::Pointy, Orientation::Flat] {
            let map = Map::new(7, 5, orientation, Terrain::Desert);
            for (i, hex) in map.hexes().enumerate() {
                assert_eq!(map.index(hex), Some(i));
            }
            assert_eq!(map.index(map.hex_at(7, 0)), None);
            assert_eq!(map.index(map.hex_at(0, -1)), None);
        }
    }

    #[test]
    fn river_needs_a_crossing() {
        let mut map = Map::new(4, 4, Orientation::Pointy, Terrain::Steppe);
        let a = map.hex_at(1, 1);
        let b = map.hex_at(2, 1);
        assert_eq!(map.step_cost(a, b, MoveClass::Foot), Some(2));
        let r = map.add_river("r", "R");
        assert!(map.add_river_edge(a, b, r));
        assert_eq!(map.step_cost(a, b, MoveClass::Foot), None);
        map.set_crossing(
            EdgeKey::new(b, a),
            Crossing {
                name: "ford".into(),
                kind: CrossingKind::Ford,
            },
        );
        assert_eq!(map.step_cost(a, b, MoveClass::Foot), Some(4));
        assert!(map.add_road(a, b));
        assert_eq!(map.step_cost(b, a, MoveClass::Motor), Some(3));
    }
}
