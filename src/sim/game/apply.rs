//! [`Game::perform`] and [`Game::apply`], the only place where the game state changes: one
//! event at a time, whoever caused it.

use super::{Game, LogEntry};
use crate::sim::command::{Command, RuleError};
use crate::sim::entities::{MAX_MORALE, MAX_TENSION};
use crate::sim::event::Event;
use crate::sim::scenario::relation_key;
use crate::sim::supply::SupplyState;

impl Game {
    /// Checks a command, turns it into events, applies them and logs them.
    /// On a refusal nothing changes.
    pub fn perform(&mut self, command: &Command) -> Result<Vec<Event>, RuleError> {
        let events = self.events_for(command)?;
        for e in &events {
            self.apply(e);
        }
        self.remember_sightings(&events);
        Ok(events)
    }

    /// Applies one event. This is the only mutation of game state; events come from
    /// `execute`, which has already checked them, so apply trusts them but never panics.
    pub(crate) fn apply(&mut self, event: &Event) {
        self.sights.take();
        let entry = LogEntry {
            turn: self.state.turn,
            faction: self.state.active,
            event: event.clone(),
        };
        match event {
            Event::UnitMoved {
                unit, path, cost, ..
            } => {
                // Moving on (or advancing) closes the ground an attack opened.
                self.state.advance = None;
                let map = &self.scenario.map;
                if let (Some(u), Some(&to)) = (self.state.units.get_mut(unit), path.last()) {
                    if let Some(i) = map.index(u.hex)
                        && self.occupant[i] == Some(*unit)
                    {
                        self.occupant[i] = None;
                    }
                    u.hex = to;
                    u.movement_left = u.movement_left.saturating_sub(*cost);
                    u.moved = true;
                    u.dug_in = false;
                    if let Some(i) = map.index(to) {
                        self.occupant[i] = Some(*unit);
                    }
                }
            }
            Event::Contact { unit, .. } => {
                self.state.advance = None;
                if let Some(u) = self.state.units.get_mut(unit) {
                    u.movement_left = 0;
                    u.moved = true;
                    u.dug_in = false;
                }
            }
            Event::ControlChanged { hex, to, .. } => {
                if let Some(i) = self.scenario.map.index(*hex) {
                    self.state.control[i] = Some(*to);
                }
                // Works built to face one way are no use to whoever takes them.
                if let Some((p, _)) = self.scenario.place_at(*hex)
                    && let Some(d) = self.state.defences.get_mut(usize::from(p.0))
                {
                    *d = 0;
                }
            }
            Event::CoordinationProposed { from, to } => {
                if !self.state.proposals.contains(&(*from, *to)) {
                    self.state.proposals.push((*from, *to));
                }
            }
            Event::ProposalAnswered { from, to, .. } => {
                self.state.proposals.retain(|p| *p != (*from, *to));
            }
            Event::DefencesBreached { place, left, .. } => {
                let i = usize::from(place.0);
                if let Some(d) = self.state.defences.get_mut(i) {
                    *d = (*left).min(*d);
                }
                if let Some(b) = self.state.breached.get_mut(i) {
                    *b = self.state.turn;
                }
            }
            Event::Fortified {
                place,
                faction,
                lines,
                cost,
            } => {
                let i = usize::from(place.0);
                if let Some(d) = self.state.defences.get_mut(i) {
                    *d = *lines;
                }
                if let Some(f) = self.state.fortified.get_mut(i) {
                    *f = self.state.turn;
                }
                if let Some(t) = self.state.treasury.get_mut(usize::from(faction.0)) {
                    *t -= cost;
                }
            }
            Event::AdvanceOpen { hex, units } => {
                self.state.advance = Some((*hex, units.clone()));
            }
            Event::AttackResolved { attackers, .. } => {
                self.state.advance = None;
                // The roll recorded in the event was drawn from a copy of this generator;
                // drawing once here keeps the stored generator in step with it.
                self.state.rng.d6();
                for id in attackers {
                    if let Some(u) = self.state.units.get_mut(id) {
                        u.has_attacked = true;
                        u.movement_left = 0;
                    }
                }
            }
            Event::UnitDamaged {
                unit,
                loss,
                morale_change,
            } => {
                if let Some(u) = self.state.units.get_mut(unit) {
                    u.strength = u.strength.saturating_sub(*loss);
                    let m = (i16::from(u.morale) + morale_change).clamp(0, i16::from(MAX_MORALE));
                    u.morale = m as u8;
                }
            }
            Event::UnitRetreated { unit, from, to } => {
                let map = &self.scenario.map;
                if let Some(u) = self.state.units.get_mut(unit) {
                    u.hex = *to;
                    u.movement_left = 0;
                    u.moved = true;
                    u.dug_in = false;
                    if let Some(i) = map.index(*from) {
                        self.occupant[i] = None;
                    }
                    if let Some(i) = map.index(*to) {
                        self.occupant[i] = Some(*unit);
                    }
                }
            }
            Event::UnitDestroyed { unit, hex } => {
                self.state.units.remove(unit);
                if let Some(i) = self.scenario.map.index(*hex)
                    && self.occupant[i] == Some(*unit)
                {
                    self.occupant[i] = None;
                }
            }
            Event::TurnEnded { faction } => {
                self.state.advance = None;
                // A whole turn of its own in one hex is time enough to dig in.
                for u in self.state.units.values_mut() {
                    if u.owner == *faction && !u.moved {
                        u.dug_in = true;
                    }
                }
            }
            Event::NewTurn { turn, date } => {
                self.state.turn = *turn;
                self.state.date = *date;
                // Tension eases by itself when nothing feeds it.
                for r in self.state.relations.values_mut() {
                    r.tension = r
                        .tension
                        .saturating_sub(crate::sim::diplomacy::TENSION_EASING);
                }
            }
            Event::RelationChanged {
                a,
                b,
                stance,
                tension_change,
                reason,
            } => {
                let key = relation_key(*a, *b);
                let mut r = self.relation(*a, *b);
                use crate::sim::{Reason, Stance};
                if *stance != Stance::Cooperating {
                    r.until = None;
                } else if *reason == Reason::Coordination {
                    // Agreed, or renewed, now: it runs its term from this turn.
                    r.until = Some(self.state.turn + crate::sim::diplomacy::COORDINATION_TURNS);
                }
                r.stance = *stance;
                r.tension =
                    (i16::from(r.tension) + tension_change).clamp(0, i16::from(MAX_TENSION)) as u8;
                if a != b {
                    self.state.relations.insert(key, r);
                }
                self.stances = std::sync::OnceLock::new();
            }
            Event::AgreementChanged {
                agreement, active, ..
            } => {
                if let Some(x) = self.state.agreements.get_mut(usize::from(*agreement)) {
                    *x = *active;
                }
            }
            Event::SupportGranted {
                support, points, ..
            } => {
                let i = usize::from(*support);
                let cap = self.scenario.support.get(i).map_or(0, |s| {
                    s.points.saturating_mul(crate::sim::patrons::POOL_TURNS)
                });
                if let Some(p) = self.state.pools.get_mut(i) {
                    *p = p.saturating_add(*points).min(cap);
                }
            }
            Event::SupportSpent { support, points } => {
                if let Some(p) = self.state.pools.get_mut(usize::from(*support)) {
                    *p = p.saturating_sub(*points);
                }
            }
            Event::AirStrike { .. } | Event::OilStrike { .. } => {
                // The roll in the event was drawn from a copy of the generator; keep the
                // stored generator in step.
                self.state.rng.d6();
            }
            Event::AirDrop { unit, .. } => {
                if let Some(u) = self.state.units.get_mut(unit) {
                    u.supply = SupplyState::Supplied;
                }
            }
            Event::UnitRaised { unit, cost } => {
                let owner = usize::from(unit.owner.0);
                if let Some(t) = self.state.treasury.get_mut(owner) {
                    *t -= cost;
                }
                self.state.next_unit = self.state.next_unit.max(unit.id.0 + 1);
                if *cost > 0
                    && let Some(r) = self.state.recruited.get_mut(owner)
                {
                    *r = true;
                }
                if let Some(i) = self.scenario.map.index(unit.hex) {
                    self.occupant[i] = Some(unit.id);
                }
                self.state.units.insert(unit.id, unit.clone());
            }
            Event::UnitReinforced { unit, gain, cost } => {
                if let Some(u) = self.state.units.get_mut(unit) {
                    u.strength = (u.strength + gain).min(crate::sim::entities::MAX_STRENGTH);
                    u.movement_left = 0;
                    u.has_attacked = true;
                    let owner = usize::from(u.owner.0);
                    if let Some(t) = self.state.treasury.get_mut(owner) {
                        *t -= cost;
                    }
                }
            }
            Event::FuelIssued {
                faction,
                produced,
                used,
                short,
            } => {
                if let Some(s) = self.state.fuel.get_mut(usize::from(faction.0)) {
                    *s = s
                        .saturating_add(*produced)
                        .saturating_sub(*used)
                        .min(crate::sim::economy::FUEL_CAP);
                }
                for u in self.state.units.values_mut() {
                    if u.owner == *faction {
                        u.no_fuel = short.contains(&u.id);
                        if u.no_fuel {
                            u.movement_left = u.movement_left.min(u.kind.movement() / 2);
                        }
                    }
                }
            }
            Event::Unpaid {
                faction,
                morale_change,
            } => {
                for u in self.state.units.values_mut() {
                    if u.owner == *faction {
                        let m =
                            (i16::from(u.morale) + morale_change).clamp(0, i16::from(MAX_MORALE));
                        u.morale = m as u8;
                    }
                }
            }
            Event::ObjectiveAchieved { objective, date } => {
                if let Some(a) = self.state.achieved.get_mut(usize::from(*objective))
                    && a.is_none()
                {
                    *a = Some(*date);
                }
            }
            Event::CellsFound { cells, .. } => {
                self.state.found = cells.iter().map(|&(id, _)| id).collect();
            }
            Event::FactionTurnBegan { faction } => {
                self.state.active = *faction;
                self.state.found.clear();
                if let Some(r) = self.state.recruited.get_mut(usize::from(faction.0)) {
                    *r = false;
                }
                for u in self.state.units.values_mut() {
                    if u.owner == *faction {
                        u.movement_left = u.kind.movement();
                        u.has_attacked = false;
                        u.moved = false;
                    }
                }
            }
            Event::SupplyTraced { states, .. } => {
                for (id, state) in states {
                    if let Some(u) = self.state.units.get_mut(id) {
                        u.supply = *state;
                        if *state == SupplyState::Out {
                            u.movement_left = u.movement_left.min(u.kind.movement() / 2);
                        }
                    }
                }
            }
            Event::Income { faction, total, .. } => {
                if let Some(t) = self.state.treasury.get_mut(usize::from(faction.0)) {
                    *t += total;
                }
            }
            Event::OilPriceChanged { price } => self.state.oil_price = Some(*price),
            Event::CiviliansDisplaced {
                place, by, people, ..
            } => {
                if let Some(r) = self.state.residents.get_mut(usize::from(place.0)) {
                    *r = r.saturating_sub(*people);
                }
                if let Some(d) = self.state.displaced.get_mut(usize::from(by.0)) {
                    *d += u64::from(*people);
                }
            }
            Event::FieldDamaged { field } => {
                if let Some(d) = self.state.field_damage.get_mut(usize::from(*field)) {
                    *d = (*d + 1).min(crate::sim::economy::MAX_DAMAGE);
                }
            }
            Event::FuelBought {
                faction,
                points,
                cost,
            } => {
                let f = usize::from(faction.0);
                if let Some(t) = self.state.treasury.get_mut(f) {
                    *t -= cost;
                }
                if let Some(s) = self.state.fuel.get_mut(f) {
                    *s = s.saturating_add(*points).min(crate::sim::economy::FUEL_CAP);
                }
            }
            Event::RepairStarted { field, cost } => {
                let active = usize::from(self.state.active.0);
                if let Some(t) = self.state.treasury.get_mut(active) {
                    *t -= cost;
                }
                if let Some(r) = self.state.repairing.get_mut(usize::from(*field)) {
                    *r = true;
                }
            }
            Event::FieldRepaired { field } => {
                let i = usize::from(*field);
                if let Some(d) = self.state.field_damage.get_mut(i) {
                    *d = d.saturating_sub(1);
                }
                if let Some(r) = self.state.repairing.get_mut(i) {
                    *r = false;
                }
            }
            Event::GameEnded { reason, .. } => {
                self.state.over = true;
                self.state.result = Some(reason.clone());
            }
        }
        self.log.push(entry);
    }
}
