//! Underground cells: when a side that the level lets go underground loses its ground, it can
//! raise small cells there, among the people who still live in its lost towns. A cell moves
//! through zones of control, lives off the land (it needs no supply line), and extorts money
//! from the people around it. Rising in an empty town, it takes the town back; the others must
//! garrison what they take and hunt the cells.
//!
//! A cell is hidden until found: a side may attack or strike it only on a turn that began with
//! its troops next to the cell. Hunting takes two turns, a sweep and a strike, and a cell that
//! slips away between them is lost again, as insurgents were found by searching the ground,
//! not by looking at a map.
//!
//! Why: as its towns fell in late 2017 the Islamic State left fighters behind among their
//! people, and lived off taxes, extortion and smuggling more than oil (its oil income had
//! fallen by 88 % while its revenue was still about $16 M a month in mid-2017, IHS Markit
//! [S142]).

use hexx::Hex;

use crate::sim::command::RuleError;
use crate::sim::entities::{Experience, FactionId, PlaceId, UnitId, UnitKind};
use crate::sim::event::Event;
use crate::sim::game::Game;

/// The most cells a level may allow a faction.
pub const MAX_CELLS: u8 = 10;

/// What raising a cell costs, in thousands of US dollars.
pub const CELL_COST: i64 = 1_000;

/// The strength of a new cell, and the most a cell can have.
pub const CELL_STRENGTH: u16 = 3;

/// What a cell among people another side rules extorts each turn, in thousands of US dollars.
pub const EXTORTION: i64 = 250;

impl Game {
    /// A faction's cells on the map.
    pub fn cells_of(&self, faction: FactionId) -> usize {
        self.units()
            .filter(|u| u.owner == faction && u.kind == UnitKind::Cell)
            .count()
    }

    /// Whether `unit` entering `hex` (and stopping there when `stops`) takes it. A cell hides
    /// in the ground it passes rather than holding it: it takes back only a place its side
    /// held when the game began, by stopping in it.
    pub(crate) fn takes_ground(&self, unit: &crate::sim::Unit, hex: Hex, stops: bool) -> bool {
        if unit.kind != UnitKind::Cell {
            return true;
        }
        let s = self.scenario();
        stops && s.place_at(hex).is_some() && s.holder_at_start(hex) == Some(unit.owner)
    }

    /// Whether `faction` held `place` when the game began and another side holds it now.
    pub fn lost_ground(&self, faction: FactionId, place: PlaceId) -> bool {
        let s = self.scenario();
        s.place(place).is_some_and(|p| {
            s.holder_at_start(p.hex) == Some(faction)
                && self.control(p.hex).is_some_and(|c| c != faction)
        })
    }

    /// Checks raising a cell at `place`; gives the hex it will rise in.
    pub(crate) fn check_raise_cell(&self, place: PlaceId) -> Result<Hex, RuleError> {
        let me = self.active_faction();
        let s = self.scenario();
        let max = s.faction(me).map_or(0, |f| f.cells);
        if max == 0 {
            return Err(RuleError::NoCells);
        }
        let p = s.place(place).ok_or(RuleError::NoSuchPlace(place))?;
        if !self.lost_ground(me, place) {
            return Err(RuleError::NotLostGround(place));
        }
        if self.residents(place) == 0 {
            return Err(RuleError::NoOneToHideAmong(place));
        }
        if self.cells_of(me) >= usize::from(max) {
            return Err(RuleError::CellsAtLimit { max });
        }
        if self.recruited_this_turn(me) {
            return Err(RuleError::RecruitedThisTurn);
        }
        self.can_pay(CELL_COST)?;
        self.cell_site(p.hex).ok_or(RuleError::NoRoom(place))
    }

    /// Where a cell rises for a place at `hex`: in it if it stands empty, else on the free
    /// neighbour with the fewest enemy troops around it.
    fn cell_site(&self, hex: Hex) -> Option<Hex> {
        let map = &self.scenario().map;
        if self.unit_at(hex).is_none() {
            return Some(hex);
        }
        let me = self.active_faction();
        map.neighbors(hex)
            .filter(|&n| self.unit_at(n).is_none() && map.terrain(n).is_some_and(|t| t.passable()))
            .min_by_key(|&n| {
                let enemies = map
                    .neighbors(n)
                    .filter(|&m| {
                        self.unit_at(m)
                            .is_some_and(|u| self.stance(u.owner, me).fights())
                    })
                    .count();
                (enemies, n.x, n.y)
            })
    }

    pub(crate) fn execute_raise_cell(&self, place: PlaceId) -> Result<Vec<Event>, RuleError> {
        let hex = self.check_raise_cell(place)?;
        let me = self.active_faction();
        let name = self
            .scenario()
            .place(place)
            .map_or_else(String::new, |p| p.name.clone());
        let mut unit = self.new_unit(
            UnitKind::Cell,
            hex,
            CELL_STRENGTH,
            Experience::Regular,
            format!("{name} cell ({})", self.next_unit_id().0),
        );
        unit.full_strength = CELL_STRENGTH;
        let mut events = vec![Event::UnitRaised {
            unit,
            cost: CELL_COST,
        }];
        self.capture_events(me, hex, &mut events);
        Ok(events)
    }

    /// What a faction's cells extort this turn: each in or next to a peopled place another
    /// side holds.
    pub fn extortion(&self, faction: FactionId) -> i64 {
        let working = self
            .units()
            .filter(|u| u.owner == faction && u.kind == UnitKind::Cell)
            .filter(|u| self.extorts_at(faction, u.hex))
            .count();
        working as i64 * EXTORTION
    }

    /// Whether a cell of `faction` at `hex` extorts: it stands in or next to a place where
    /// people live under another side.
    pub fn extorts_at(&self, faction: FactionId, hex: Hex) -> bool {
        let s = self.scenario();
        let peopled_other = |h: Hex| {
            s.place_at(h).is_some_and(|(id, _)| {
                self.residents(id) > 0 && self.control(h).is_some_and(|c| c != faction)
            })
        };
        peopled_other(hex) || s.map.neighbors(hex).any(peopled_other)
    }

    /// The enemy cells `faction`'s troops stand next to as its turn begins: found, they may be
    /// attacked and struck until the turn ends.
    pub(crate) fn cell_search_events(&self, faction: FactionId) -> Vec<Event> {
        let map = &self.scenario().map;
        let cells: Vec<(UnitId, Hex)> = self
            .units()
            .filter(|c| c.kind == UnitKind::Cell && self.stance(c.owner, faction).fights())
            .filter(|c| {
                map.neighbors(c.hex)
                    .any(|n| self.unit_at(n).is_some_and(|u| u.owner == faction))
            })
            .map(|c| (c.id, c.hex))
            .collect();
        if cells.is_empty() {
            Vec::new()
        } else {
            vec![Event::CellsFound { faction, cells }]
        }
    }

    /// The units of sides at war with `faction` that stand next to `hex`: the troops that
    /// would find a cell of `faction` there as their turn begins.
    pub fn watchers(
        &self,
        faction: FactionId,
        hex: Hex,
    ) -> impl Iterator<Item = &crate::sim::Unit> + '_ {
        self.scenario()
            .map
            .neighbors(hex)
            .filter_map(|n| self.unit_at(n))
            .filter(move |u| self.stance(u.owner, faction).fights())
    }

    /// Whether the side to move may attack or strike `unit`: any unit but a cell, and a cell
    /// only if its troops found it as the turn began.
    pub fn exposed(&self, unit: &crate::sim::Unit) -> bool {
        unit.kind != UnitKind::Cell || self.found_cells().contains(&unit.id)
    }
}
