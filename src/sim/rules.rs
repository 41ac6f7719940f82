//! Checking commands and turning them into events: movement with zones of control, rivers and
//! deconfliction, combat, and the turn sequence.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use hexx::Hex;

use super::combat::{self, Modifier, Preview};
use super::command::{Command, MAX_ATTACKERS, MAX_PATH, RuleError};
use super::entities::{FactionId, Stance, Unit, UnitId, UnitKind};
use super::event::Event;
use super::game::Game;
use super::map::{CrossingKind, Mp};
use super::queue::CostQueue;

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
pub(super) struct ReachSearch {
    /// Every hex reached, in the order first reached (the start not included).
    pub reached: Vec<usize>,
    /// The cheapest cost to each hex, `Mp::MAX` where not reached.
    pub best: Vec<Mp>,
    /// The hex each was reached from.
    pub prev: Vec<u32>,
}

pub(super) fn zoc_reaches(map: &super::map::Map, from: Hex, to: Hex) -> bool {
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
    fn step(&self, unit: &Unit, from: Hex, to: Hex, last: bool) -> Result<Mp, RuleError> {
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

    fn own_unit(&self, id: UnitId) -> Result<&Unit, RuleError> {
        let unit = self.unit(id).ok_or(RuleError::NoSuchUnit(id))?;
        if unit.owner != self.active_faction() {
            return Err(RuleError::NotYourUnit {
                unit: id,
                owner: unit.owner,
            });
        }
        Ok(unit)
    }

    /// Whether a command is legal now, and if not, why.
    pub fn check(&self, command: &Command) -> Result<(), RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        match command {
            Command::Move { unit, path } => self.check_move(*unit, path).map(|_| ()),
            Command::Attack { attackers, target } => {
                self.preview_attack(attackers, *target).map(|_| ())
            }
            Command::Repair { field } => self.check_repair(*field),
            Command::Recruit { place, kind } => self.check_recruit(*place, *kind),
            Command::Reinforce { unit } => self.reinforcement(*unit).map(|_| ()),
            Command::RequestAirStrike { patron, target } => self.check_air_strike(*patron, *target),
            Command::RequestAirDrop { patron, unit } => self.check_air_drop(*patron, *unit),
            Command::RequestReinforcements { patron, place } => {
                self.check_request_reinforcements(*patron, *place)
            }
            Command::ProposeCoordination { .. }
            | Command::EndCoordination { .. }
            | Command::HandOver { .. }
            | Command::Breach { .. }
            | Command::Agree { .. } => self.check_diplomacy(command),
            Command::EndTurn => Ok(()),
        }
    }

    fn check_request_reinforcements(
        &self,
        patron: crate::sim::PatronId,
        place: crate::sim::PlaceId,
    ) -> Result<(), RuleError> {
        // Which kind the patron sends does not matter for the check.
        self.check_request(
            patron,
            crate::sim::entities::Request::Reinforcements(UnitKind::Militia),
        )?;
        self.check_raise_at(place, false).map(|_| ())
    }

    fn check_repair(&self, field: u16) -> Result<(), RuleError> {
        let i = usize::from(field);
        let f = self
            .scenario()
            .oil_fields
            .get(i)
            .ok_or(RuleError::NoSuchField(field))?;
        let me = self.active_faction();
        if self.control(f.hex) != Some(me) {
            return Err(RuleError::NotYourField(field));
        }
        if self.field_damage(i) == 0 {
            return Err(RuleError::Undamaged(field));
        }
        if self.field_repairing(i) {
            return Err(RuleError::AlreadyRepairing(field));
        }
        let cost = crate::sim::economy::REPAIR_COST;
        if self.treasury(me) < cost {
            return Err(RuleError::NotEnoughMoney {
                needed: cost,
                have: self.treasury(me),
            });
        }
        Ok(())
    }

    /// Checks a move and returns its cost.
    fn check_move(&self, id: UnitId, path: &[Hex]) -> Result<Mp, RuleError> {
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
    pub(super) fn reach_through(&self, id: UnitId) -> BTreeMap<(i32, i32), Reach> {
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
    pub(super) fn reach_search(&self, unit: &Unit, zoc: &[bool]) -> ReachSearch {
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

    /// The odds of an attack, with every modifier, without rolling. Fails exactly when the
    /// attack would be refused.
    pub fn preview_attack(&self, attackers: &[UnitId], target: Hex) -> Result<Preview, RuleError> {
        if attackers.is_empty() {
            return Err(RuleError::NoAttackers);
        }
        if attackers.len() > MAX_ATTACKERS {
            return Err(RuleError::TooManyAttackers {
                count: attackers.len(),
                max: MAX_ATTACKERS,
            });
        }
        let map = &self.scenario().map;
        let defender = self
            .unit_at(target)
            .ok_or(RuleError::NoDefender { hex: target })?;
        let mut attack: u64 = 0;
        let mut weakest_crossing: u32 = 100;
        for (i, &id) in attackers.iter().enumerate() {
            if attackers[..i].contains(&id) {
                return Err(RuleError::DuplicateAttacker(id));
            }
            let unit = self.own_unit(id)?;
            if unit.has_attacked {
                return Err(RuleError::AlreadyAttacked(id));
            }
            if unit.supply == crate::sim::SupplyState::Out {
                return Err(RuleError::OutOfSupply(id));
            }
            let distance = unit.hex.unsigned_distance_to(target);
            let range = unit.kind.attack_range();
            if distance > range || distance == 0 {
                return Err(RuleError::OutOfRange {
                    unit: id,
                    distance,
                    range,
                });
            }
            if !self.stance(unit.owner, defender.owner).fights() {
                return Err(RuleError::NotAtWar {
                    with: defender.owner,
                });
            }
            // Strength × 100, then each percent factor applied in turn: integer arithmetic
            // that keeps two decimal places of a strength point.
            attack += [
                unit.kind.attack_percent(),
                unit.morale_percent(),
                unit.experience.percent(),
            ]
            .iter()
            .fold(u64::from(unit.strength) * 100, |v, p| {
                v * u64::from(*p) / 100
            });
            if distance == 1
                && let Some(edge) = map.river_between(unit.hex, target)
            {
                let p = CrossingKind::defence_percent(edge.crossing.as_ref().map(|c| c.kind));
                weakest_crossing = weakest_crossing.max(p);
            }
        }
        if let Some(z) = self.no_strike_zone(self.active_faction(), target) {
            return Err(RuleError::NoStrikeZone {
                hex: target,
                name: z.name.clone(),
            });
        }
        // Joint operation: units of cooperating or allied factions next to the target that
        // also fight the defender add half their attack.
        let me = self.active_faction();
        let mut joint = Vec::new();
        for n in map.neighbors(target) {
            if let Some(u) = self.unit_at(n)
                && u.owner != me
                && self.stance(u.owner, me).friendly()
                && self.stance(u.owner, defender.owner).fights()
                && u.supply != crate::sim::SupplyState::Out
            {
                joint.push(u.id);
                attack += [
                    u.kind.attack_percent(),
                    u.morale_percent(),
                    u.experience.percent(),
                    50,
                ]
                .iter()
                .fold(u64::from(u.strength) * 100, |v, p| v * u64::from(*p) / 100);
            }
        }
        let terrain = map.terrain(target).unwrap_or(super::map::Terrain::Desert);
        let mut mods = vec![
            Modifier {
                label: format!("{} ({})", defender.kind.name(), "defence"),
                percent: defender.kind.defence_percent(),
            },
            Modifier {
                label: format!("{} terrain", terrain.name()),
                percent: terrain.defence_percent(),
            },
            Modifier {
                label: format!("morale {}", defender.morale),
                percent: defender.morale_percent(),
            },
            Modifier {
                label: format!("{:?} experience", defender.experience).to_lowercase(),
                percent: defender.experience.percent(),
            },
        ];
        if defender.dug_in {
            mods.push(dug_in_modifier(self.scenario(), target));
        }
        if weakest_crossing > 100 {
            mods.push(Modifier {
                label: "attacked across a river".into(),
                percent: weakest_crossing,
            });
        }
        let defence = mods
            .iter()
            .fold(u64::from(defender.strength) * 100, |v, m| {
                v * u64::from(m.percent) / 100
            });
        let ratio = combat::ratio_percent(attack, defence);
        let column = combat::column(ratio);
        Ok(Preview {
            attack,
            defence,
            ratio_percent: ratio,
            column,
            defence_modifiers: mods,
            chances: combat::chances(column),
            joint,
        })
    }

    /// Turns a command into the events it causes, without changing anything.
    pub fn events_for(&self, command: &Command) -> Result<Vec<Event>, RuleError> {
        self.check(command)?;
        Ok(match command {
            Command::Move { unit, path } => self.execute_move(*unit, path)?,
            Command::Attack { attackers, target } => self.execute_attack(attackers, *target)?,
            Command::Repair { field } => vec![Event::RepairStarted {
                field: *field,
                cost: crate::sim::economy::REPAIR_COST,
            }],
            Command::Recruit { place, kind } => self.execute_recruit(*place, *kind),
            Command::Reinforce { unit } => {
                let (gain, cost) = self.reinforcement(*unit)?;
                vec![Event::UnitReinforced {
                    unit: *unit,
                    gain,
                    cost,
                }]
            }
            Command::RequestAirStrike { patron, target } => {
                self.execute_air_strike(*patron, *target)
            }
            Command::RequestAirDrop { patron, unit } => {
                let support = self.my_support(*patron)? as u16;
                vec![
                    Event::SupportSpent {
                        support,
                        points: crate::sim::entities::Request::AirDrop.cost(),
                    },
                    Event::AirDrop {
                        support,
                        unit: *unit,
                    },
                ]
            }
            Command::RequestReinforcements { patron, place } => {
                self.execute_reinforcements(*patron, *place)
            }
            Command::ProposeCoordination { .. }
            | Command::EndCoordination { .. }
            | Command::HandOver { .. }
            | Command::Breach { .. }
            | Command::Agree { .. } => self.execute_diplomacy(command),
            Command::EndTurn => self.execute_end_turn(),
        })
    }

    /// What `faction` entering `hex` does: it takes the hex unless it or a cooperating or
    /// allied faction holds it; taking a rival's place raises tension, and taking an oil
    /// field moves the patrons who want it.
    pub(super) fn capture_events(&self, faction: FactionId, hex: Hex, events: &mut Vec<Event>) {
        let from = self.control(hex);
        let keep = from.is_some_and(|f| f == faction || self.stance(f, faction).friendly());
        if keep {
            return;
        }
        events.push(Event::ControlChanged {
            hex,
            from,
            to: faction,
        });
        if let Some(prev) = from
            && self.scenario().place_at(hex).is_some()
        {
            events.extend(self.harm_events(
                faction,
                prev,
                crate::sim::diplomacy::CAPTURE_TENSION,
                crate::sim::diplomacy::Reason::Capture,
            ));
        }
        if let Some(i) = self.scenario().oil_fields.iter().position(|f| f.hex == hex) {
            events.extend(self.oil_seized_events(faction, i as u16));
        }
    }

    fn execute_move(&self, id: UnitId, path: &[Hex]) -> Result<Vec<Event>, RuleError> {
        let cost = self.check_move(id, path)?;
        let unit = self.own_unit(id)?;
        let mut events = vec![Event::UnitMoved {
            unit: id,
            from: unit.hex,
            path: path.to_vec(),
            cost,
        }];
        for &hex in path {
            self.capture_events(unit.owner, hex, &mut events);
        }
        Ok(events)
    }

    /// Where a beaten defender can fall back to: a free, enterable neighbour, not into an
    /// enemy zone of control if it can help it, preferring its own ground and hexes farther
    /// from the attackers.
    fn retreat_hex(&self, defender: &Unit, attackers: &[&Unit]) -> Option<Hex> {
        let map = &self.scenario().map;
        map.neighbors(defender.hex)
            .filter(|&n| {
                self.unit_at(n).is_none()
                    && map
                        .step_cost(defender.hex, n, defender.kind.move_class())
                        .is_some()
                    && self.control(n).is_none_or(|c| {
                        c == defender.owner || self.stance(c, defender.owner) != Stance::Neutral
                    })
            })
            .min_by_key(|&n| {
                let zoc = self.in_enemy_zoc(n, defender.owner);
                let own = self.control(n) == Some(defender.owner);
                let dist: u32 = attackers
                    .iter()
                    .map(|a| a.hex.unsigned_distance_to(n))
                    .sum();
                (zoc, !own, Reverse(dist), (n.x, n.y))
            })
    }

    fn execute_attack(&self, ids: &[UnitId], target: Hex) -> Result<Vec<Event>, RuleError> {
        let preview = self.preview_attack(ids, target)?;
        let defender = self
            .unit_at(target)
            .ok_or(RuleError::NoDefender { hex: target })?;
        let attackers: Vec<&Unit> = ids.iter().filter_map(|id| self.unit(*id)).collect();
        let roll = self.rng_copy().d6();
        let outcome = combat::outcome(preview.column, roll);
        let mut events = vec![Event::AttackResolved {
            attackers: ids.to_vec(),
            defender: defender.id,
            target,
            ratio_percent: preview.ratio_percent,
            roll,
            outcome,
        }];
        let me = self.active_faction();
        events.extend(self.harm_events(
            me,
            defender.owner,
            crate::sim::diplomacy::ATTACK_TENSION,
            crate::sim::diplomacy::Reason::Attack,
        ));
        // Fighting together eases tension between the partners.
        let mut partners: Vec<FactionId> = preview
            .joint
            .iter()
            .filter_map(|id| self.unit(*id).map(|u| u.owner))
            .collect();
        partners.dedup();
        for p in partners {
            events.push(self.tension_event(
                crate::sim::Party::Faction(me),
                crate::sim::Party::Faction(p),
                -2,
                crate::sim::diplomacy::Reason::JointOperation,
            ));
        }
        // Fighting in a town drives people from it.
        events.extend(self.displacement(
            me,
            target,
            crate::sim::civilians::ATTACK_DISPLACES_PERCENT,
        ));
        // Fighting over an oil or gas field damages it.
        for (i, f) in self.scenario().oil_fields.iter().enumerate() {
            if f.hex == target && self.field_damage(i) < crate::sim::economy::MAX_DAMAGE {
                events.push(Event::FieldDamaged { field: i as u16 });
            }
        }
        let won = outcome.attacker_won();
        let mut destroyed = Vec::new();
        for a in &attackers {
            let loss = if a.kind == UnitKind::Artillery {
                0
            } else {
                combat::loss(a.strength, outcome.attacker_loss_percent())
            };
            events.push(Event::UnitDamaged {
                unit: a.id,
                loss,
                morale_change: if won { 5 } else { -5 },
            });
            if loss >= a.strength {
                destroyed.push(Event::UnitDestroyed {
                    unit: a.id,
                    hex: a.hex,
                });
            }
        }
        events.extend(destroyed);
        let d_loss = combat::loss(defender.strength, outcome.defender_loss_percent());
        events.push(Event::UnitDamaged {
            unit: defender.id,
            loss: d_loss,
            morale_change: if won { -10 } else { 5 },
        });
        let mut vacated = false;
        if d_loss >= defender.strength {
            events.push(Event::UnitDestroyed {
                unit: defender.id,
                hex: target,
            });
            vacated = true;
        } else if outcome.defender_retreats() {
            match self.retreat_hex(defender, &attackers) {
                Some(to) => events.push(Event::UnitRetreated {
                    unit: defender.id,
                    from: target,
                    to,
                }),
                None => events.push(Event::UnitDestroyed {
                    unit: defender.id,
                    hex: target,
                }),
            }
            vacated = true;
        }
        if vacated {
            let map = &self.scenario().map;
            let advancing = attackers.iter().find(|a| {
                a.kind.attack_range() == 1
                    && a.strength > combat::loss(a.strength, outcome.attacker_loss_percent())
                    && map.step_cost(a.hex, target, a.kind.move_class()).is_some()
            });
            if let Some(a) = advancing {
                events.push(Event::UnitMoved {
                    unit: a.id,
                    from: a.hex,
                    path: vec![target],
                    cost: 0,
                });
                self.capture_events(a.owner, target, &mut events);
            }
        }
        Ok(events)
    }

    fn execute_end_turn(&self) -> Vec<Event> {
        let active = self.active_faction();
        let mut events = self.achievement_events();
        let met = events.clone();
        events.push(Event::TurnEnded { faction: active });
        let count = self.scenario().factions.len() as u8;
        let next = active.0 + 1;
        if next < count {
            events.push(Event::FactionTurnBegan {
                faction: FactionId(next),
            });
            events.extend(self.turn_start_events(FactionId(next)));
            return events;
        }
        let reason = match self.decisive_winner(&met) {
            Some(f) => Some(crate::sim::victory::EndReason::Decisive(f)),
            None if self.turn() >= self.scenario().turns => {
                Some(crate::sim::victory::EndReason::LastTurn)
            }
            None => None,
        };
        if let Some(reason) = reason {
            // Score the state the game ends in, objectives met just now included.
            let mut end = self.scratch_copy();
            for e in &met {
                end.apply(e);
            }
            events.push(Event::GameEnded {
                scores: end.scores(),
                reason,
            });
            return events;
        }
        let breakdown = self.new_turn_events();
        let next_date = self
            .date()
            .plus_days(u32::from(self.scenario().days_per_turn));
        events.push(Event::NewTurn {
            turn: self.turn() + 1,
            date: next_date,
        });
        events.extend(self.history_events(self.date(), next_date));
        // The new turn's events are worked out on the state after the round: apply what came
        // so far to a copy, so supply and income see breakdowns and strikes.
        let mut next_state = self.scratch_copy();
        for e in events.iter().chain(&breakdown) {
            next_state.apply(e);
        }
        events.extend(breakdown);
        events.push(Event::FactionTurnBegan {
            faction: FactionId(0),
        });
        next_state.apply(&Event::FactionTurnBegan {
            faction: FactionId(0),
        });
        events.extend(next_state.turn_start_events(FactionId(0)));
        events
    }

    /// What the level's historical events dated after `from` and up to `to` do.
    fn history_events(&self, from: super::Date, to: super::Date) -> Vec<Event> {
        let mut out = Vec::new();
        for d in &self.scenario().history {
            if d.date <= from || d.date > to {
                continue;
            }
            for e in &d.effects {
                out.push(match e {
                    super::Effect::OilPrice(price) => Event::OilPriceChanged { price: *price },
                    super::Effect::Tension(a, b, change) => {
                        self.tension_event(*a, *b, *change, crate::sim::diplomacy::Reason::History)
                    }
                    super::Effect::Support { support, points } => Event::SupportGranted {
                        support: *support,
                        points: *points,
                        percent: 100,
                    },
                });
            }
        }
        out
    }

    /// Everything that happens as a faction's turn begins: supply and attrition, patrons'
    /// support, the income statement and repairs, fuel.
    pub(super) fn turn_start_events(&self, faction: FactionId) -> Vec<Event> {
        let mut events = self.supply_events(faction);
        events.extend(self.support_events(faction));
        events.extend(self.income_events(faction));
        events.extend(self.fuel_events(faction));
        events
    }

    /// The supply trace at the start of a faction's turn, and the attrition it causes.
    pub(super) fn supply_events(&self, faction: FactionId) -> Vec<Event> {
        let net = self.trace_supply(faction);
        // A faction for which the level gives no supply source is always in supply: the level
        // does not model its logistics.
        let modelled = self
            .scenario()
            .supply_sources
            .iter()
            .any(|s| s.faction == faction);
        let mut states = Vec::new();
        let mut attrition = Vec::new();
        for u in self.units().filter(|u| u.owner == faction) {
            let state = u.supply.next(!modelled || self.supplied_at(&net, u.hex));
            states.push((u.id, state));
            if state == crate::sim::SupplyState::Out {
                let loss = combat::loss(u.strength, crate::sim::supply::ATTRITION_PERCENT);
                attrition.push(Event::UnitDamaged {
                    unit: u.id,
                    loss,
                    morale_change: -5,
                });
                if loss >= u.strength {
                    attrition.push(Event::UnitDestroyed {
                        unit: u.id,
                        hex: u.hex,
                    });
                }
            }
        }
        let mut events = vec![Event::SupplyTraced { faction, states }];
        events.extend(attrition);
        events
    }
}

/// Defence bonus of a dug-in unit, in percent.
pub const DUG_IN_PERCENT: u32 = 125;
/// Defence bonus of a unit dug in inside a town or city (prepared defences, tunnels, mines).
pub const FORTIFIED_PERCENT: u32 = 150;

/// The defence modifier of a unit dug in at `hex`: stronger inside a town or a city.
fn dug_in_modifier(scenario: &super::Scenario, hex: Hex) -> Modifier {
    use super::entities::PlaceKind;
    let fortified = scenario
        .place_at(hex)
        .is_some_and(|(_, p)| matches!(p.kind, PlaceKind::City | PlaceKind::Town));
    if fortified {
        Modifier {
            label: "dug in (fortified town)".into(),
            percent: FORTIFIED_PERCENT,
        }
    } else {
        Modifier {
            label: "dug in".into(),
            percent: DUG_IN_PERCENT,
        }
    }
}
