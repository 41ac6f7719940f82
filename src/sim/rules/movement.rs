//! Movement: steps and their cost (terrain, roads, rivers and crossings, fuel), zones of
//! control, deconfliction lines, the search for where a unit can go, and moving along a path.

use std::collections::BTreeMap;

use hexx::Hex;

use crate::sim::command::{MAX_PATH, RuleError};
use crate::sim::entities::{FactionId, Stance, Unit, UnitId};
use crate::sim::event::Event;
use crate::sim::game::Game;
use crate::sim::map::Mp;
use crate::sim::queue::CostQueue;

/// How a unit may reach one hex this turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    /// Movement points needed.
    pub cost: Mp,
    /// The hex it comes from (the unit's own hex for the first step).
    pub prev: Hex,
    /// Whether the unit must stop here (enemy zone of control).
    pub stops: bool,
}

/// Whether a unit on `from` exerts its zone of control over the neighbouring `to`: not across
/// a river edge without a usable crossing.
/// What [`Game::reach_search`] found, by map index.
pub(crate) struct ReachSearch {
    /// Every hex reached, in the order first reached (the start not included).
    pub reached: Vec<usize>,
    /// The cheapest cost to each hex, `Mp::MAX` where not reached.
    pub best: Vec<Mp>,
    /// The hex each was reached from.
    pub prev: Vec<u32>,
}

pub(crate) fn zoc_reaches(map: &crate::sim::map::Map, from: Hex, to: Hex) -> bool {
    map.river_between(from, to).is_none_or(|e| {
        e.crossing
            .as_ref()
            .is_some_and(|c| c.kind.extra_cost().is_some())
    })
}

impl Game {
    /// Whether `hex` lies in the zone of control of a unit at war with `faction`. Zones of
    /// control do not reach across a river edge that has no usable crossing.
    pub fn in_enemy_zoc(&self, hex: Hex, faction: FactionId) -> bool {
        self.zoc_source(hex, faction).is_some()
    }

    /// A unit at war with `faction` whose zone of control covers `hex`, if any.
    pub fn zoc_source(&self, hex: Hex, faction: FactionId) -> Option<UnitId> {
        let map = &self.scenario().map;
        map.neighbors(hex).find_map(|n| {
            self.unit_at(n)
                .filter(|u| self.stance(u.owner, faction).fights() && zoc_reaches(map, n, hex))
                .map(|u| u.id)
        })
    }

    /// The rules for one step of `unit` from `from` into `to`: its cost, or why it is refused.
    /// `last` says whether the unit would stop there.
    pub(crate) fn step(
        &self,
        unit: &Unit,
        from: Hex,
        to: Hex,
        last: bool,
    ) -> Result<Mp, RuleError> {
        let map = &self.scenario().map;
        if from.unsigned_distance_to(to) != 1 {
            return Err(RuleError::NotAdjacent { step: 0, hex: to });
        }
        let terrain = map.terrain(to).ok_or(RuleError::OffMap { hex: to })?;
        if !terrain.passable() && !map.has_road(from, to) {
            return Err(RuleError::Impassable { hex: to, terrain });
        }
        let cost = map
            .step_cost(from, to, unit.kind.move_class())
            .ok_or_else(|| {
                let river = map
                    .river_between(from, to)
                    .and_then(|e| map.rivers.get(usize::from(e.river)))
                    .map_or_else(|| "river".to_owned(), |r| r.name.clone());
                RuleError::NoCrossing { river, from, to }
            })?;
        if let Some(other) = self.unit_at(to)
            && other.id != unit.id
            && (last || self.stance(other.owner, unit.owner) != Stance::Allied)
        {
            return Err(RuleError::Occupied {
                hex: to,
                by: other.id,
            });
        }
        if let Some(holder) = self.control(to)
            && self.stance(holder, unit.owner) == Stance::Neutral
        {
            return Err(RuleError::Deconflicted { hex: to, holder });
        }
        if let Some(a) = self.line_crossed(unit.owner, from, to) {
            return Err(RuleError::DeconflictionLine {
                name: a.name.clone(),
                partner: a.partner(unit.owner).unwrap_or(unit.owner),
                from,
                to,
            });
        }
        Ok(cost)
    }

    /// Checks a move and returns its cost.
    pub(crate) fn check_move(&self, id: UnitId, path: &[Hex]) -> Result<Mp, RuleError> {
        let unit = self.own_unit(id)?;
        if path.is_empty() {
            return Err(RuleError::EmptyPath);
        }
        if path.len() > MAX_PATH {
            return Err(RuleError::PathTooLong {
                len: path.len(),
                max: MAX_PATH,
            });
        }
        let mut total: u32 = 0;
        let mut from = unit.hex;
        for (i, &to) in path.iter().enumerate() {
            if i > 0 && !unit.kind.ignores_zoc() && self.in_enemy_zoc(from, unit.owner) {
                return Err(RuleError::ZoneOfControl { hex: from });
            }
            let cost = self
                .step(unit, from, to, i + 1 == path.len())
                .map_err(|e| match e {
                    RuleError::NotAdjacent { hex, .. } => RuleError::NotAdjacent { step: i, hex },
                    e => e,
                })?;
            total += u32::from(cost);
            from = to;
        }
        if total > u32::from(unit.movement_left) {
            return Err(RuleError::NotEnoughMovement {
                needed: total,
                left: unit.movement_left,
            });
        }
        Ok(total as Mp)
    }

    /// Every hex a unit can reach this turn, with the cheapest way there. Uses the same step
    /// rules as [`Game::check`], so every path it yields is a legal move.
    pub fn reachable(&self, id: UnitId) -> BTreeMap<(i32, i32), Reach> {
        let mut out = self.reach_through(id);
        out.retain(|&(x, y), _| self.unit_at(Hex::new(x, y)).is_none());
        out
    }

    /// Per map index, whether the hex lies in the zone of control of a unit that fights
    /// `faction` (zones of control do not reach across a river edge with no usable crossing).
    pub fn zoc_map(&self, faction: FactionId) -> Vec<bool> {
        let map = &self.scenario().map;
        let links = self.zoc_links();
        let mut zoc = vec![false; map.len()];
        for u in self.units() {
            if !self.stance(u.owner, faction).fights() {
                continue;
            }
            let Some(i) = map.index(u.hex) else {
                continue;
            };
            for &j in links[i].iter().filter(|&&j| j != u32::MAX) {
                zoc[j as usize] = true;
            }
        }
        zoc
    }

    /// Like [`Game::reachable`], but also lists hexes held by allies, which a unit may pass
    /// through but not stop on. The search reads the per-map step table and works out zones
    /// of control and closed ground once; it follows the same rules as [`Game::check`] (a
    /// test compares the two).
    pub(crate) fn reach_through(&self, id: UnitId) -> BTreeMap<(i32, i32), Reach> {
        let mut out = BTreeMap::new();
        let Some(unit) = self.unit(id) else {
            return out;
        };
        let map = &self.scenario().map;
        let zoc = if unit.kind.ignores_zoc() {
            vec![false; map.len()]
        } else {
            self.zoc_map(unit.owner)
        };
        let search = self.reach_search(unit, &zoc);
        for j in search.reached {
            let h = map.hex_of_index(j);
            out.insert(
                (h.x, h.y),
                Reach {
                    cost: search.best[j],
                    prev: map.hex_of_index(search.prev[j] as usize),
                    stops: zoc[j],
                },
            );
        }
        out
    }

    /// The search behind [`Game::reach_through`], given the zone of control map of enemies
    /// to the unit's owner (all false for a unit that ignores them), by map index.
    pub(crate) fn reach_search(&self, unit: &Unit, zoc: &[bool]) -> ReachSearch {
        let id = unit.id;
        let map = &self.scenario().map;
        let n = map.len();
        let mut best = vec![Mp::MAX; n];
        let mut prev = vec![u32::MAX; n];
        let mut reached = Vec::new();
        let Some(start) = map.index(unit.hex) else {
            return ReachSearch {
                reached,
                best,
                prev,
            };
        };
        let me = unit.owner;
        let steps = self.step_table(unit.kind.move_class());
        let factions = self.scenario().factions.len();
        let stance: Vec<Stance> = (0..factions)
            .map(|f| self.stance(FactionId(f as u8), me))
            .collect();
        let stance_of = |f: FactionId| {
            stance
                .get(usize::from(f.0))
                .copied()
                .unwrap_or(Stance::Hostile)
        };
        let lines = self.scenario().agreements.iter().enumerate().any(|(i, a)| {
            a.binds(me)
                && self.agreement_active(i)
                && matches!(a.kind, crate::sim::AgreementKind::Deconfliction { .. })
        });
        let occupants = self.occupants();
        let mut heap = CostQueue::new();
        best[start] = 0;
        heap.push(0, start as u32);
        while let Some((cost, i)) = heap.pop() {
            let i = i as usize;
            // Movement points fit in a `Mp`: the search never goes beyond the unit's.
            let cost = cost as Mp;
            if cost > best[i] {
                continue;
            }
            if i != start && zoc[i] {
                continue;
            }
            let here = map.hex_of_index(i);
            for &(j, step) in &steps[i] {
                if step == u16::MAX {
                    continue;
                }
                let j = j as usize;
                let c = cost.saturating_add(step);
                if c > unit.movement_left || c >= best[j] {
                    continue;
                }
                // Passing through allies is allowed; stopping on them is not, which
                // `reachable` filters out.
                if let Some(other) = occupants[j]
                    && other != id
                    && self
                        .unit(other)
                        .is_none_or(|o| stance_of(o.owner) != Stance::Allied)
                {
                    continue;
                }
                if self.controls()[j].is_some_and(|h| h != me && stance_of(h) == Stance::Neutral) {
                    continue;
                }
                if lines && self.line_crossed(me, here, map.hex_of_index(j)).is_some() {
                    continue;
                }
                if best[j] == Mp::MAX {
                    reached.push(j);
                }
                best[j] = c;
                prev[j] = i as u32;
                heap.push(u32::from(c), j as u32);
            }
        }
        ReachSearch {
            reached,
            best,
            prev,
        }
    }

    /// The path to a hex found by [`Game::reachable`], ready for [`Command::Move`].
    pub fn path_to(&self, id: UnitId, target: Hex) -> Option<Vec<Hex>> {
        let reach = self.reach_through(id);
        let start = self.unit(id)?.hex;
        let mut path = vec![target];
        let mut at = target;
        while at != start {
            let r = reach.get(&(at.x, at.y))?;
            at = r.prev;
            if at != start {
                path.push(at);
            }
        }
        path.reverse();
        self.check_move(id, &path).ok()?;
        Some(path)
    }

    /// Checks a move as the side to move sees the game: under the fog of war, against its
    /// [`Game::view`] (an enemy it cannot see does not stop a move being ordered).
    pub(crate) fn check_move_seen(&self, id: UnitId, path: &[Hex]) -> Result<Mp, RuleError> {
        if self.fog() {
            self.view(self.active_faction()).check_move(id, path)
        } else {
            self.check_move(id, path)
        }
    }

    pub(crate) fn execute_move(&self, id: UnitId, path: &[Hex]) -> Result<Vec<Event>, RuleError> {
        if self.fog() {
            return self.execute_move_in_fog(id, path);
        }
        let cost = self.check_move(id, path)?;
        let unit = self.own_unit(id)?;
        let mut events = vec![Event::UnitMoved {
            unit: id,
            from: unit.hex,
            path: path.to_vec(),
            cost,
        }];
        for (k, &hex) in path.iter().enumerate() {
            if self.takes_ground(unit, hex, k + 1 == path.len()) {
                self.capture_events(unit.owner, hex, &mut events);
            }
        }
        Ok(events)
    }

    /// A move under the fog of war: ordered as the side sees the game, carried out in the
    /// real one, where an enemy it could not see halts it ([`Event::Contact`]): before a hex
    /// that enemy stands on, or on a hex that enemy holds in its zone of control.
    fn execute_move_in_fog(&self, id: UnitId, path: &[Hex]) -> Result<Vec<Event>, RuleError> {
        self.check_move_seen(id, path)?;
        let unit = self.own_unit(id)?;
        let mut from = unit.hex;
        let mut cost: u32 = 0;
        let mut taken = 0;
        let mut contact = None;
        for (k, &to) in path.iter().enumerate() {
            if k > 0
                && !unit.kind.ignores_zoc()
                && let Some(enemy) = self.zoc_source(from, unit.owner)
            {
                contact = Some(enemy);
                break;
            }
            match self.step(unit, from, to, k + 1 == path.len()) {
                Ok(c) => cost += u32::from(c),
                Err(RuleError::Occupied { by, .. }) => {
                    contact = Some(by);
                    break;
                }
                Err(e) => return Err(e),
            }
            taken = k + 1;
            from = to;
        }
        let mut events = Vec::new();
        if taken > 0 {
            let path = &path[..taken];
            events.push(Event::UnitMoved {
                unit: id,
                from: unit.hex,
                path: path.to_vec(),
                cost: cost.min(u32::from(Mp::MAX)) as Mp,
            });
            for (k, &hex) in path.iter().enumerate() {
                if self.takes_ground(unit, hex, k + 1 == taken) {
                    self.capture_events(unit.owner, hex, &mut events);
                }
            }
        }
        if let Some(enemy) = contact {
            events.push(Event::Contact {
                unit: id,
                at: from,
                enemy,
            });
        }
        Ok(events)
    }
}
