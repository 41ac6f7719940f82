//! The level file format, version 1, exactly as a modder writes it (see `docs/MODDING.md`).
//!
//! Every struct denies unknown fields so that a misspelt field is an error, not a silently
//! ignored line. Optional fields have defaults; `Option` fields may be written without
//! `Some(...)` (the loader enables RON's `implicit_some`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::{Experience, FieldKind, Orientation, PlaceKind, Stance, Terrain, UnitKind};

pub use super::teaching::{
    Article, ArticleKind, Briefing, Date, EffectSpec, FrontLine, Held, HistoricalEvent, Source,
    Term,
};

/// A whole level file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Format version; must be 1.
    pub format: u32,
    /// Stable id: lowercase letters, digits, `_` and `-`.
    pub id: String,
    /// Title shown in menus.
    pub name: String,
    /// A paragraph shown when choosing the level.
    #[serde(default)]
    pub description: String,
    /// Where the level's facts come from.
    #[serde(default)]
    pub source: String,
    /// Date of the first turn.
    pub start: Date,
    /// Days that pass each turn (1..=30).
    #[serde(default = "default_days_per_turn")]
    pub days_per_turn: u8,
    /// Number of turns (1..=500).
    pub turns: u16,
    /// Oil price in US dollars per barrel (default 54, the 2017 Brent average).
    #[serde(default = "default_oil_price")]
    pub oil_price: u16,
    /// Unit upkeep as a percentage of the standard costs (default 100; 0 turns it off).
    #[serde(default = "hundred")]
    pub upkeep_percent: u16,
    /// The share of its objective points (percent) a side needs for each verdict (default
    /// decisive victory 80, victory 55, draw 30).
    #[serde(default)]
    pub verdicts: Option<Verdicts>,
    /// Whether a side that has secured every objective and leads by half ends the game from
    /// its middle on (default true; off for campaigns that run side by side).
    #[serde(default = "yes")]
    pub decisive_end: bool,
    /// Whether each side sees only what its troops, places and patrons can see (the fog of
    /// war; default true). A teacher may switch it off for a game.
    #[serde(default = "yes")]
    pub fog: bool,
    /// The map.
    pub map: Map,
    /// Countries split by borders.
    #[serde(default)]
    pub countries: Vec<Country>,
    /// International borders, as lines along hex edges.
    #[serde(default)]
    pub borders: Vec<Line>,
    /// Rivers, as lines along hex edges.
    #[serde(default)]
    pub rivers: Vec<River>,
    /// Bridges, fords and ferries.
    #[serde(default)]
    pub crossings: Vec<Crossing>,
    /// Roads, as chains of hexes.
    #[serde(default)]
    pub roads: Vec<Road>,
    /// Foreign backers.
    #[serde(default)]
    pub patrons: Vec<Patron>,
    /// Sides with units on the map, in turn order.
    pub factions: Vec<Faction>,
    /// Starting relations between factions and patrons. Pairs of factions not listed are
    /// hostile; a patron is allied with the factions that name it, neutral to the rest.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Named places.
    #[serde(default)]
    pub places: Vec<Place>,
    /// Oil and gas fields.
    #[serde(default)]
    pub oil_fields: Vec<OilField>,
    /// Units at the start.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Who holds which ground at the start, drawn as rows of characters.
    #[serde(default)]
    pub control: Option<Control>,
    /// Objectives.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// Where each faction's supply enters the map.
    #[serde(default)]
    pub supply_sources: Vec<SupplySource>,
    /// Agreements in force at the start: deconfliction lines and no-strike zones.
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    /// What each patron gives each faction it backs, every turn.
    #[serde(default)]
    pub support: Vec<Support>,
    /// What the player of each playable faction reads before the first turn.
    #[serde(default)]
    pub briefings: Vec<Briefing>,
    /// What happened historically, shown as the game's calendar reaches each date.
    #[serde(default)]
    pub events: Vec<HistoricalEvent>,
    /// Encyclopedia articles: factions, patrons, places, oil fields and ideas.
    #[serde(default)]
    pub articles: Vec<Article>,
    /// A short, neutral note on what the level is a model of and what it leaves out.
    #[serde(default)]
    pub perspective: String,
    /// The level is invented: its calendar of events is its own story, not history.
    #[serde(default)]
    pub fictional: bool,
    /// The bibliography: every `[id]` tag in the level's texts names one of these.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The real front line on dated days, for the History overlay and the debrief.
    #[serde(default)]
    pub front_lines: Vec<FrontLine>,
    /// Words a reader may not know, with their other spellings.
    #[serde(default)]
    pub glossary: Vec<Term>,
    /// What a player should know before playing this level at all (a recent war with real
    /// victims, for instance), shown in the main menu; empty when nothing need be said.
    #[serde(default)]
    pub content_note: String,
    /// For teachers: how to use the level in a class and what its model leaves out;
    /// paragraphs separated by blank lines.
    #[serde(default)]
    pub teachers_notes: String,
    /// A guided tutorial for one side: lessons that wait for the player to act.
    #[serde(default)]
    pub tutorial: Option<super::lessons::Tutorial>,
}

/// The shares of its objective points, in percent, a side needs for each verdict: each higher
/// than the next, all from 1 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdicts {
    /// A decisive victory.
    pub decisive: u8,
    /// A victory.
    pub victory: u8,
    /// A draw; below it, a defeat.
    pub draw: u8,
}

fn default_days_per_turn() -> u8 {
    2
}

/// A position: a hex of the terrain grid, or a latitude and longitude projected onto the map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pos {
    /// Column and row in the terrain grid, both from 0.
    Hex(i32, i32),
    /// Latitude and longitude in decimal degrees (north and east positive); needs a projection.
    LatLon(f64, f64),
}

/// The map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Columns (1..=256).
    pub width: u32,
    /// Rows (1..=256).
    pub height: u32,
    /// Which way hexes point.
    #[serde(default = "default_orientation")]
    pub orientation: Orientation,
    /// Optional geographic projection, to give positions by latitude/longitude.
    #[serde(default)]
    pub projection: Option<Projection>,
    /// Which character stands for which terrain.
    pub legend: BTreeMap<char, Terrain>,
    /// One string per row, one character per hex.
    pub terrain: Vec<String>,
}

fn default_orientation() -> Orientation {
    Orientation::Pointy
}

/// An equirectangular projection anchored at the centre of hex (0, 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// Latitude and longitude of the centre of the top-left hex (column 0, row 0).
    pub origin: LatLon,
    /// Distance between the centres of neighbouring hexes, in kilometres.
    pub hex_km: f64,
    /// Latitude at which east–west distances are true; defaults to the origin's latitude.
    /// Put it in the middle of a tall map to spread the (small) distortion evenly.
    #[serde(default)]
    pub standard_parallel: Option<f64>,
}

/// A latitude and longitude.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatLon {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

/// A country; its territory is everything reachable from `seed` without crossing a border.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Any position inside the country.
    pub seed: Pos,
}

/// A line along hex edges, given as a polyline that is snapped to hex corners, as explicit
/// pairs of neighbouring hexes, or both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Points of the polyline, in order.
    #[serde(default)]
    pub path: Vec<Pos>,
    /// Pairs of neighbouring hexes whose shared edge is on the line.
    #[serde(default)]
    pub edges: Vec<(Pos, Pos)>,
    /// Where the line comes from.
    #[serde(default)]
    pub source: String,
}

/// A river.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Polyline along the river, snapped to hex edges.
    #[serde(default)]
    pub path: Vec<Pos>,
    /// Explicit river edges.
    #[serde(default)]
    pub edges: Vec<(Pos, Pos)>,
    /// Where the course comes from.
    #[serde(default)]
    pub source: String,
}

/// A bridge, ford or ferry on a river.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crossing {
    /// Display name.
    pub name: String,
    /// What kind.
    pub kind: crate::sim::CrossingKind,
    /// The river it crosses.
    pub river: String,
    /// Where: the crossing is put on the edge of `river` nearest to this point.
    pub at: Pos,
    /// When given, the crossing is on the edge between the hex of `at` and this neighbour.
    #[serde(default)]
    pub across: Option<Pos>,
    /// Where the fact comes from.
    #[serde(default)]
    pub source: String,
}

/// A road.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Road {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Points along the road; the hexes between them are filled in.
    pub path: Vec<Pos>,
    /// Where the route comes from.
    #[serde(default)]
    pub source: String,
}

/// A patron.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patron {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Ids of oil fields it wants its clients to hold.
    #[serde(default)]
    pub wants: Vec<String>,
    /// Id of a faction whose oil it bombs every turn on its own.
    #[serde(default)]
    pub oil_campaign: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

/// A faction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Map colour as `"#rrggbb"`.
    pub color: String,
    /// Whether a human may play it.
    #[serde(default = "yes")]
    pub playable: bool,
    /// Ids of its patrons.
    #[serde(default)]
    pub patrons: Vec<String>,
    /// Campaign funds at the start, in millions of US dollars.
    #[serde(default)]
    pub treasury: u32,
    /// Share of the oil price it gets for its crude, in percent (0..=100).
    #[serde(default = "full_access")]
    pub oil_access: u8,
    /// Taxes and levies in US dollars per inhabitant of the places it holds, per 30 days.
    #[serde(default)]
    pub tax: u16,
    /// Money from its rear (state budget, administration), thousands of US dollars a day.
    #[serde(default)]
    pub funding: u32,
    /// Fuel from its rear each turn, in fuel points (one moves a motorised unit a turn).
    #[serde(default)]
    pub fuel: u16,
    /// Whether it takes part in diplomacy.
    #[serde(default = "yes")]
    pub negotiates: bool,
    /// Its own verdict levels, over the level's (e.g. for a side whose aims the record
    /// judges more strictly).
    #[serde(default)]
    pub verdicts: Option<Verdicts>,
    /// Most underground cells it may have at once, raised in ground it held at the start and
    /// lost (0: none).
    #[serde(default)]
    pub cells: u8,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

fn hundred() -> u16 {
    100
}

fn full_access() -> u8 {
    100
}

fn default_oil_price() -> u16 {
    54
}

/// A starting relation between two parties (factions or patrons).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// One faction or patron.
    pub a: String,
    /// The other.
    pub b: String,
    /// How they stand: `Hostile`, `Rival`, `Neutral`, `Cooperating` or `Allied`.
    pub stance: Stance,
    /// Tension at the start, 0..=100.
    #[serde(default)]
    pub tension: u8,
    /// Where the fact comes from.
    #[serde(default)]
    pub source: String,
}

/// A named place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub kind: PlaceKind,
    /// Where.
    pub at: Pos,
    /// Inhabitants by the last count before the war (a census).
    #[serde(default)]
    pub population: u32,
    /// People living there when the game begins, when fewer than `population` (default: all).
    #[serde(default)]
    pub present: Option<u32>,
    /// Victory points for holding it.
    #[serde(default)]
    pub points: u16,
    /// The faction holding it at the start.
    #[serde(default)]
    pub holder: Option<String>,
    /// Lines of prepared defences it holds at the start (0..=5), and the most its holder can
    /// dig again.
    #[serde(default)]
    pub defences: u8,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

/// An oil or gas field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OilField {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Oil or gas.
    pub kind: FieldKind,
    /// Where.
    pub at: Pos,
    /// Barrels per day (oil) or thousand cubic metres per day (gas).
    #[serde(default)]
    pub output: u32,
    /// The faction holding it at the start.
    #[serde(default)]
    pub holder: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

/// A unit at the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// The faction commanding it.
    pub owner: String,
    /// Where.
    pub at: Pos,
    /// Strength points (1..=100), about a hundred fighters each.
    #[serde(default = "default_strength")]
    pub strength: u16,
    /// Morale (0..=100).
    #[serde(default = "default_morale")]
    pub morale: u8,
    /// Experience.
    #[serde(default = "default_experience")]
    pub experience: Experience,
    /// Whether it starts dug in (prepared positions: a defence bonus until it moves).
    #[serde(default = "default_dug_in")]
    pub dug_in: bool,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

fn default_dug_in() -> bool {
    true
}
fn default_strength() -> u16 {
    10
}
fn default_morale() -> u8 {
    70
}
fn default_experience() -> Experience {
    Experience::Regular
}

/// Starting control drawn like the terrain: one string per row, one character per hex.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Which character stands for which faction id; `.` and space mean nobody.
    pub legend: BTreeMap<char, String>,
    /// One string per row.
    pub rows: Vec<String>,
}

/// What an objective asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Goal {
    /// Hold this place at the end.
    Hold(String),
    /// Hold this oil or gas field at the end.
    HoldField(String),
    /// Hold both places and an unbroken chain of own or allied ground between them.
    Route(String, String),
    /// Still have a unit on the map at the end.
    Survive,
}

/// An objective, scored at the end of the game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Stable id.
    pub id: String,
    /// Whose objective.
    pub faction: String,
    /// What it asks for.
    pub goal: Goal,
    /// Points when met at the end.
    #[serde(default)]
    pub points: u16,
    /// What the player reads.
    #[serde(default)]
    pub description: String,
    /// A deadline: the objective scores only if met by this date (and then stays scored).
    #[serde(default)]
    pub by: Option<Date>,
    /// Where the objective's rationale comes from.
    #[serde(default)]
    pub source: String,
}

/// What an agreement asks of its parties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AgreementKind {
    /// Neither party crosses this line into ground its side does not hold.
    Deconfliction(Line),
    /// Neither party attacks or calls air strikes within `radius` hexes of `center`.
    NoStrike {
        /// The zone's centre.
        center: Pos,
        /// Its radius in hexes.
        radius: u16,
    },
}

/// An agreement in force at the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it asks.
    pub kind: AgreementKind,
    /// The two factions bound by it.
    pub parties: (String, String),
    /// Where the fact comes from.
    #[serde(default)]
    pub source: String,
}

/// What a patron gives a faction every turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// The patron.
    pub patron: String,
    /// The faction.
    pub faction: String,
    /// Support points a turn for requests.
    #[serde(default)]
    pub points: u16,
    /// Money a turn, thousands of US dollars.
    #[serde(default)]
    pub money: u32,
    /// Fuel points a turn.
    #[serde(default)]
    pub fuel: u16,
    /// What the faction may request: `AirStrike`, `AirDrop`, `Reinforcements(Militia)`…
    #[serde(default)]
    pub offers: Vec<crate::sim::Request>,
    /// Hexes the patron's reconnaissance (drones, aircraft) adds to the sight of each of the
    /// faction's units while it gives any support (0..=3; default 0).
    #[serde(default)]
    pub reconnaissance: u8,
    /// Where the facts come from.
    #[serde(default)]
    pub source: String,
}

/// Where a faction's supply enters the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplySource {
    /// Whose supply.
    pub faction: String,
    /// Display name, e.g. "Damascus road".
    pub name: String,
    /// How supply arrives: `Road`, `Airlift` or `Depot`.
    pub kind: crate::sim::SupplyKind,
    /// Where.
    pub at: Pos,
    /// Where the fact comes from.
    #[serde(default)]
    pub source: String,
}
