//! The whole game state and what can be read of it. It changes only in [`Game::apply`]
//! (`game/apply.rs`); the dice and the state hash are in `game/rng.rs`.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::entities::{FactionId, Goal, Objective, Party, PlaceId, Relation, Stance, Unit, UnitId};
use super::event::Event;
use super::map::MoveClass;
use super::scenario::{Scenario, relation_key};

mod apply;
mod integrity;
mod rng;
mod seen;

pub use rng::{SimRng, StableHasher};

/// Everything that changes during a game.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct State {
    turn: u16,
    date: Date,
    active: FactionId,
    over: bool,
    units: BTreeMap<UnitId, Unit>,
    control: Vec<Option<FactionId>>,
    relations: BTreeMap<(Party, Party), Relation>,
    /// Whether each of the scenario's agreements is in force.
    agreements: Vec<bool>,
    /// Support points in each pool (index in the scenario's support list).
    pools: Vec<u16>,
    /// Fuel in store per faction.
    fuel: Vec<u16>,
    /// The date each objective was first met (at the end of a faction's turn).
    achieved: Vec<Option<Date>>,
    /// Whether each objective was already met when the game began.
    met_at_start: Vec<bool>,
    /// How the game ended, once it has.
    result: Option<super::victory::EndReason>,
    /// The id the next raised unit gets.
    next_unit: u32,
    /// Whether each faction has recruited a unit this turn (one a turn: training capacity).
    #[serde(default)]
    recruited: Vec<bool>,
    rng: SimRng,
    /// Money per faction, in thousands of US dollars.
    treasury: Vec<i64>,
    /// Damage of each field, 0..=MAX_DAMAGE.
    field_damage: Vec<u8>,
    /// Whether a repair is under way at each field.
    repairing: Vec<bool>,
    /// People still living in each place (index in the scenario's list).
    #[serde(default)]
    residents: Vec<u32>,
    /// People displaced by each faction's attacks, air strikes and sieges.
    #[serde(default)]
    displaced: Vec<u64>,
    /// The oil price set by a historical event, if one has.
    #[serde(default)]
    oil_price: Option<u16>,
    /// The hex an attack has just emptied, and the attackers that may advance into it.
    #[serde(default)]
    advance: Option<(Hex, Vec<UnitId>)>,
    /// Lines of prepared defences standing at each place.
    defences: Vec<u8>,
    /// The turn each place's defences were last breached (0: never).
    breached: Vec<u16>,
    /// The turn each place was last fortified (0: never).
    fortified: Vec<u16>,
    /// Proposals of coordination waiting for an answer: who proposed, to whom.
    proposals: Vec<(FactionId, FactionId)>,
    /// The enemy cells the side to move found as its turn began.
    #[serde(default)]
    found: Vec<UnitId>,
    /// Where each side last saw the units of others it has seen (fog of war).
    #[serde(default)]
    sightings: Vec<BTreeMap<UnitId, super::sight::Sighting>>,
}

/// One entry of the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The game turn it happened in.
    pub turn: u16,
    /// The faction whose turn it was.
    pub faction: FactionId,
    /// What happened.
    pub event: Event,
}

/// Serialises the shared scenario by value (serde's own `Arc` support is a crate-wide
/// feature that would rebuild every dependent crate).
mod arc_scenario {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Scenario;

    pub fn serialize<S: Serializer>(s: &Arc<Scenario>, ser: S) -> Result<S::Ok, S::Error> {
        Scenario::serialize(s, ser)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<Scenario>, D::Error> {
        Scenario::deserialize(d).map(Arc::new)
    }
}

/// A hex's six neighbours: map index (`u32::MAX` off the map) and step cost (`u16::MAX` where
/// the step is impossible).
pub type Steps = [(u32, u16); 6];

/// The neighbours (by map index) a unit on a hex holds in its zone of control, `u32::MAX`
/// for none: zones of control do not reach across a river edge with no usable crossing.
pub type ZocLinks = [u32; 6];

/// A game in progress: the scenario it started from, the current state and the event log.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Game {
    #[serde(with = "arc_scenario")]
    scenario: Arc<Scenario>,
    seed: u64,
    state: State,
    /// Which unit stands on each hex, by map index; derived from `state.units`.
    occupant: Vec<Option<UnitId>>,
    log: Vec<LogEntry>,
    /// Each hex's neighbours and a lorry's cost to step to them; derived from the map once.
    #[serde(skip)]
    motor_steps: std::sync::OnceLock<Arc<Vec<Steps>>>,
    /// The same for units on foot.
    #[serde(skip)]
    foot_steps: std::sync::OnceLock<Arc<Vec<Steps>>>,
    /// Each hex's neighbours a unit there holds in its zone of control; derived from the map
    /// once.
    #[serde(skip)]
    zoc_links: std::sync::OnceLock<Arc<Vec<ZocLinks>>>,
    /// Stances between factions, row by row; derived from the relations and dropped whenever
    /// they change.
    #[serde(skip)]
    stances: std::sync::OnceLock<Vec<Stance>>,
    /// For a side's view of the game ([`Game::view`]), the side: what is in it is what that
    /// side sees, so the fog hides nothing more.
    #[serde(skip)]
    eyes: Option<FactionId>,
    /// What each side sees, worked out when first asked for and dropped whenever the state
    /// changes.
    #[serde(skip)]
    sights: std::sync::OnceLock<Vec<super::sight::Sight>>,
}

impl Game {
    /// Starts a game of `scenario` with a seed for its dice.
    pub fn new(scenario: impl Into<Arc<Scenario>>, seed: u64) -> Game {
        let scenario: Arc<Scenario> = scenario.into();
        let mut units = BTreeMap::new();
        for (i, u) in scenario.units.iter().enumerate() {
            let mut u = u.clone();
            u.id = UnitId(i as u32);
            u.movement_left = u.kind.movement();
            u.has_attacked = false;
            u.full_strength = u.full_strength.max(u.strength);
            units.insert(u.id, u);
        }
        let parties = scenario.parties();
        let mut relations = BTreeMap::new();
        for (i, &a) in parties.iter().enumerate() {
            for &b in &parties[i + 1..] {
                let key = relation_key(a, b);
                let r = scenario
                    .relations
                    .get(&key)
                    .copied()
                    .unwrap_or_else(|| scenario.default_relation(a, b));
                relations.insert(key, r);
            }
        }
        let mut control = scenario.control.clone();
        control.resize(scenario.map.len(), None);
        let state = State {
            turn: 1,
            date: scenario.start,
            active: FactionId(0),
            over: scenario.factions.is_empty(),
            units,
            control,
            relations,
            agreements: vec![true; scenario.agreements.len()],
            pools: vec![0; scenario.support.len()],
            fuel: vec![super::economy::FUEL_START; scenario.factions.len()],
            achieved: vec![None; scenario.objectives.len()],
            met_at_start: Vec::new(),
            result: None,
            next_unit: scenario.units.len() as u32,
            recruited: vec![false; scenario.factions.len()],
            rng: SimRng::new(seed),
            treasury: scenario
                .factions
                .iter()
                .map(|f| i64::from(f.treasury) * 1000)
                .collect(),
            field_damage: vec![0; scenario.oil_fields.len()],
            repairing: vec![false; scenario.oil_fields.len()],
            residents: scenario.places.iter().map(|p| p.present).collect(),
            displaced: vec![0; scenario.factions.len()],
            oil_price: None,
            advance: None,
            defences: scenario.places.iter().map(|p| p.defences).collect(),
            breached: vec![0; scenario.places.len()],
            fortified: vec![0; scenario.places.len()],
            proposals: Vec::new(),
            found: Vec::new(),
            sightings: vec![BTreeMap::new(); scenario.factions.len()],
        };
        let mut game = Game {
            occupant: vec![None; scenario.map.len()],
            motor_steps: std::sync::OnceLock::new(),
            foot_steps: std::sync::OnceLock::new(),
            zoc_links: std::sync::OnceLock::new(),
            stances: std::sync::OnceLock::new(),
            eyes: None,
            sights: std::sync::OnceLock::new(),
            scenario,
            seed,
            state,
            log: Vec::new(),
        };
        game.rebuild_occupancy();
        // Objectives already met at the start are dated to it. The first faction's turn
        // begins now: trace its supply and pay its income, as every later turn does.
        for e in game.achievement_events() {
            game.apply(&e);
        }
        game.state.met_at_start = game.state.achieved.iter().map(Option::is_some).collect();
        for e in game.turn_start_events(FactionId(0)) {
            game.apply(&e);
        }
        game.remember_sightings(&[]);
        game
    }

    fn rebuild_occupancy(&mut self) {
        self.occupant = vec![None; self.scenario.map.len()];
        for u in self.state.units.values() {
            if let Some(i) = self.scenario.map.index(u.hex) {
                self.occupant[i] = Some(u.id);
            }
        }
    }

    /// The scenario this game was started from.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// A shared handle to the scenario.
    pub fn scenario_arc(&self) -> Arc<Scenario> {
        self.scenario.clone()
    }

    /// The seed the game was started with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The current game turn, from 1.
    pub fn turn(&self) -> u16 {
        self.state.turn
    }

    /// The date of the current turn.
    pub fn date(&self) -> Date {
        self.state.date
    }

    /// The faction whose turn it is.
    pub fn active_faction(&self) -> FactionId {
        self.state.active
    }

    /// Whether the last turn has ended.
    pub fn is_over(&self) -> bool {
        self.state.over
    }

    /// All units on the map, in id order.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.state.units.values()
    }

    /// A unit by id.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.state.units.get(&id)
    }

    /// The unit standing on a hex.
    pub fn unit_at(&self, hex: Hex) -> Option<&Unit> {
        let i = self.scenario.map.index(hex)?;
        self.occupant[i].and_then(|id| self.state.units.get(&id))
    }

    /// Who controls a hex.
    pub fn control(&self, hex: Hex) -> Option<FactionId> {
        let i = self.scenario.map.index(hex)?;
        self.state.control[i]
    }

    /// The stance between two factions; a faction is allied with itself.
    pub fn stance(&self, a: FactionId, b: FactionId) -> Stance {
        if a == b {
            return Stance::Allied;
        }
        let n = self.scenario.factions.len();
        let table = self.stances.get_or_init(|| {
            (0..n * n)
                .map(|k| {
                    let (x, y) = (FactionId((k / n) as u8), FactionId((k % n) as u8));
                    if x == y {
                        Stance::Allied
                    } else {
                        self.relation(Party::Faction(x), Party::Faction(y)).stance
                    }
                })
                .collect()
        });
        let (i, j) = (usize::from(a.0), usize::from(b.0));
        if i < n && j < n {
            table[i * n + j]
        } else {
            self.relation(Party::Faction(a), Party::Faction(b)).stance
        }
    }

    /// The relation between two parties; a party is allied with itself, at no tension.
    pub fn relation(&self, a: Party, b: Party) -> Relation {
        if a == b {
            return Relation {
                stance: Stance::Allied,
                tension: 0,
                until: None,
            };
        }
        self.state
            .relations
            .get(&relation_key(a, b))
            .copied()
            .unwrap_or_else(|| self.scenario.default_relation(a, b))
    }

    /// Whether an agreement (index in the scenario's list) is in force.
    pub fn agreement_active(&self, i: usize) -> bool {
        self.state.agreements.get(i).copied().unwrap_or(false)
    }

    /// Support points in a pool (index in the scenario's support list).
    pub fn pool(&self, i: usize) -> u16 {
        self.state.pools.get(i).copied().unwrap_or(0)
    }

    /// A faction's fuel in store.
    pub fn fuel(&self, f: FactionId) -> u16 {
        self.state.fuel.get(usize::from(f.0)).copied().unwrap_or(0)
    }

    /// The date an objective (index in the scenario's list) was first met, if it has been.
    pub fn achieved(&self, objective: usize) -> Option<Date> {
        self.state.achieved.get(objective).copied().flatten()
    }

    /// Whether an objective was already met when the game began.
    pub fn met_at_start(&self, objective: usize) -> bool {
        self.state
            .met_at_start
            .get(objective)
            .copied()
            .unwrap_or(false)
    }

    /// Lines of prepared defences standing at a place.
    pub fn defences(&self, place: PlaceId) -> u8 {
        self.state
            .defences
            .get(usize::from(place.0))
            .copied()
            .unwrap_or(0)
    }

    /// The turn a place's defences were last breached, if ever.
    pub fn last_breach(&self, place: PlaceId) -> Option<u16> {
        let t = self.state.breached.get(usize::from(place.0)).copied()?;
        (t > 0).then_some(t)
    }

    /// The enemy cells the side to move found as its turn began.
    pub fn found_cells(&self) -> &[UnitId] {
        &self.state.found
    }

    /// The turn a place was last fortified, if ever.
    pub fn last_fortified(&self, place: PlaceId) -> Option<u16> {
        let t = self.state.fortified.get(usize::from(place.0)).copied()?;
        (t > 0).then_some(t)
    }

    /// The factions whose proposals of coordination to `faction` wait for its answer.
    pub fn proposals_to(&self, faction: FactionId) -> impl Iterator<Item = FactionId> + '_ {
        self.state
            .proposals
            .iter()
            .filter(move |(_, to)| *to == faction)
            .map(|(from, _)| *from)
    }

    /// Whether `from` has a proposal to `to` waiting for an answer.
    pub fn proposal_pending(&self, from: FactionId, to: FactionId) -> bool {
        self.state.proposals.contains(&(from, to))
    }

    /// Whether a faction has recruited a unit this turn.
    pub fn recruited_this_turn(&self, f: FactionId) -> bool {
        self.state
            .recruited
            .get(usize::from(f.0))
            .copied()
            .unwrap_or(false)
    }

    /// How the game ended, once it has.
    pub fn result(&self) -> Option<&super::victory::EndReason> {
        self.state.result.as_ref()
    }

    /// The id the next raised unit will get.
    pub fn next_unit_id(&self) -> UnitId {
        UnitId(self.state.next_unit)
    }

    /// A faction's money, in thousands of US dollars.
    pub fn treasury(&self, f: FactionId) -> i64 {
        self.state
            .treasury
            .get(usize::from(f.0))
            .copied()
            .unwrap_or(0)
    }

    /// Damage of a field (index in the scenario's list), 0..=[`super::economy::MAX_DAMAGE`].
    pub fn field_damage(&self, field: usize) -> u8 {
        self.state.field_damage.get(field).copied().unwrap_or(0)
    }

    /// Whether a repair is under way at a field.
    pub fn field_repairing(&self, field: usize) -> bool {
        self.state.repairing.get(field).copied().unwrap_or(false)
    }

    /// The event log, oldest first.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// Who holds each place now.
    pub fn place_holder(&self, place: PlaceId) -> Option<FactionId> {
        self.scenario.place(place).and_then(|p| self.control(p.hex))
    }

    /// Whether an objective is met in the current state.
    pub fn objective_met(&self, o: &Objective) -> bool {
        match o.goal {
            Goal::Hold(p) => self.place_holder(p) == Some(o.faction),
            Goal::HoldField(f) => self
                .scenario
                .oil_fields
                .get(usize::from(f))
                .is_some_and(|f| self.control(f.hex) == Some(o.faction)),
            Goal::Survive => self.units().any(|u| u.owner == o.faction),
            Goal::Route(a, b) => self.route_held(o.faction, a, b),
        }
    }

    /// Whether `faction` holds both places and an unbroken chain of its own or allied hexes
    /// between them, crossing rivers only at usable crossings.
    pub fn route_held(&self, faction: FactionId, a: PlaceId, b: PlaceId) -> bool {
        match (self.scenario.place(a), self.scenario.place(b)) {
            (Some(pa), Some(pb)) => self.land_connected(faction, pa.hex, pb.hex),
            _ => false,
        }
    }

    /// Whether two hexes are joined by an unbroken chain of hexes held by `faction` or its
    /// allies (both ends included), crossing rivers only at usable crossings.
    pub fn land_connected(&self, faction: FactionId, from: Hex, to: Hex) -> bool {
        let map = &self.scenario.map;
        let allied: Vec<bool> = (0..self.scenario.factions.len())
            .map(|c| self.stance(FactionId(c as u8), faction) == Stance::Allied)
            .collect();
        let ours = |i: usize| {
            self.state.control[i].is_some_and(|c| allied.get(usize::from(c.0)) == Some(&true))
        };
        let (Some(from), Some(to)) = (map.index(from), map.index(to)) else {
            return false;
        };
        // A route needs one camp's unbroken ground: cooperating neighbours' ground does not
        // count.
        if !ours(from) || !ours(to) {
            return false;
        }
        let steps = self.step_table(MoveClass::Foot);
        let mut seen = vec![false; map.len()];
        seen[from] = true;
        let mut stack = vec![from];
        while let Some(i) = stack.pop() {
            if i == to {
                return true;
            }
            for &(j, cost) in &steps[i] {
                let j = j as usize;
                // Off the map, or no way across on foot.
                if cost == u16::MAX || seen[j] || !ours(j) {
                    continue;
                }
                seen[j] = true;
                stack.push(j);
            }
        }
        false
    }

    /// For every hex (by map index), its six neighbours' indices (`u32::MAX` off the map) and
    /// the cost for a motorised column to step there (`u16::MAX` where it cannot). The map
    /// never changes during a game, so searches that relax many edges read this table instead
    /// of looking up roads and rivers each time.
    pub fn motor_steps(&self) -> &[Steps] {
        self.step_table(MoveClass::Motor)
    }

    /// Like [`Game::motor_steps`], for either way of moving.
    pub fn step_table(&self, class: MoveClass) -> &[Steps] {
        let cell = match class {
            MoveClass::Motor => &self.motor_steps,
            MoveClass::Foot => &self.foot_steps,
        };
        cell.get_or_init(|| {
            let map = &self.scenario.map;
            Arc::new(
                (0..map.len())
                    .map(|i| {
                        let here = map.hex_of_index(i);
                        here.all_neighbors().map(|n| match map.index(n) {
                            Some(j) => {
                                (j as u32, map.step_cost(here, n, class).unwrap_or(u16::MAX))
                            }
                            None => (u32::MAX, u16::MAX),
                        })
                    })
                    .collect(),
            )
        })
    }

    /// For each hex (by map index), the neighbours a unit there holds in its zone of
    /// control.
    pub fn zoc_links(&self) -> &[ZocLinks] {
        self.zoc_links.get_or_init(|| {
            let map = &self.scenario.map;
            Arc::new(
                (0..map.len())
                    .map(|i| {
                        let here = map.hex_of_index(i);
                        here.all_neighbors().map(|n| match map.index(n) {
                            Some(j) if super::rules::zoc_reaches(map, here, n) => j as u32,
                            _ => u32::MAX,
                        })
                    })
                    .collect(),
            )
        })
    }

    /// The hex the active side's last attack emptied and the attackers that may advance into
    /// it, until the side moves or attacks again or its turn ends.
    pub fn advance_offer(&self) -> Option<(Hex, &[UnitId])> {
        self.state
            .advance
            .as_ref()
            .map(|(hex, units)| (*hex, units.as_slice()))
    }

    /// The oil price now, US dollars a barrel.
    pub fn oil_price(&self) -> u16 {
        self.state.oil_price.unwrap_or(self.scenario.oil_price)
    }

    /// People still living in a place.
    pub fn residents(&self, place: PlaceId) -> u32 {
        self.state
            .residents
            .get(usize::from(place.0))
            .copied()
            .unwrap_or(0)
    }

    /// People displaced so far by a faction's attacks, air strikes and sieges.
    pub fn displaced(&self, f: FactionId) -> u64 {
        self.state
            .displaced
            .get(usize::from(f.0))
            .copied()
            .unwrap_or(0)
    }

    /// Who controls each hex, by map index.
    pub(super) fn controls(&self) -> &[Option<FactionId>] {
        &self.state.control
    }

    /// Which unit stands on each hex, by map index.
    pub(super) fn occupants(&self) -> &[Option<UnitId>] {
        &self.occupant
    }

    /// A hash of the whole changing state, equal for equal states on every machine.
    pub fn state_hash(&self) -> u64 {
        let mut h = StableHasher::default();
        self.scenario.id.hash(&mut h);
        self.state.hash(&mut h);
        h.finish()
    }

    /// A copy of the game without its log, to work out what follows a list of events.
    pub(super) fn scratch_copy(&self) -> Game {
        Game {
            scenario: self.scenario.clone(),
            seed: self.seed,
            state: self.state.clone(),
            occupant: self.occupant.clone(),
            log: Vec::new(),
            motor_steps: self.motor_steps.clone(),
            foot_steps: self.foot_steps.clone(),
            zoc_links: self.zoc_links.clone(),
            stances: self.stances.clone(),
            eyes: self.eyes,
            sights: std::sync::OnceLock::new(),
        }
    }

    /// A copy for imagining what may follow: the same position with dice of its own (drawn
    /// from `salt` and the state), so a computer player thinking ahead cannot foresee the real
    /// game's rolls.
    pub(super) fn imagined_copy(&self, salt: u64) -> Game {
        let mut g = self.scratch_copy();
        g.state.rng = SimRng::new(self.state_hash() ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        g
    }

    /// A copy of the random generator, for `execute` to roll dice without changing state.
    pub(super) fn rng_copy(&self) -> SimRng {
        self.state.rng.clone()
    }
}
