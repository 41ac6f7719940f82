//! Attacks: the odds with every modifier, the dice, losses, retreats and routs, advancing
//! into the ground won and the places captured with it, and digging in.

use std::cmp::Reverse;

use hexx::Hex;

use crate::sim::combat::{self, Modifier, Preview};
use crate::sim::command::{MAX_ATTACKERS, RuleError};
use crate::sim::entities::{FactionId, Stance, Unit, UnitId, UnitKind};
use crate::sim::event::Event;
use crate::sim::game::Game;
use crate::sim::map::CrossingKind;

impl Game {
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
        // Under the fog of war a unit the side cannot see is as good as absent to it.
        let defender = self
            .unit_at(target)
            .filter(|d| !self.fog() || self.sees(self.active_faction(), d))
            .ok_or(RuleError::NoDefender { hex: target })?;
        if !self.exposed(defender) {
            return Err(RuleError::Unspotted(target));
        }
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
        // also fight the defender, and are fully supplied, add half their attack.
        let me = self.active_faction();
        let mut joint = Vec::new();
        for n in map.neighbors(target) {
            if let Some(u) = self.unit_at(n)
                && u.owner != me
                && self.stance(u.owner, me).friendly()
                && self.stance(u.owner, defender.owner).fights()
                && u.supply == crate::sim::SupplyState::Supplied
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
        let terrain = map
            .terrain(target)
            .unwrap_or(crate::sim::map::Terrain::Desert);
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
            mods.push(dug_in_modifier());
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
            defences: self.defences_at(target),
        })
    }

    /// Where a beaten defender can fall back to: a free, enterable neighbour, not into an
    /// enemy zone of control if it can help it, preferring its own ground and hexes farther
    /// from the attackers.
    pub(crate) fn retreat_hex(&self, defender: &Unit, attackers: &[&Unit]) -> Option<Hex> {
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

    pub(crate) fn execute_attack(
        &self,
        ids: &[UnitId],
        target: Hex,
    ) -> Result<Vec<Event>, RuleError> {
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
        events.extend(self.displacement(me, target, crate::sim::civilians::Cause::Attack));
        // Fighting over an oil or gas field damages it.
        for (i, f) in self.scenario().oil_fields.iter().enumerate() {
            if f.hex == target && self.field_damage(i) < crate::sim::economy::MAX_DAMAGE {
                events.push(Event::FieldDamaged { field: i as u16 });
            }
        }
        let won = outcome.attacker_won();
        let place = self.scenario().place_at(target).map(|(p, _)| p);
        let lines = place.map_or(0, |p| self.defences(p));
        let loss_percent = crate::sim::defences::attacker_loss_percent(outcome, lines);
        let mut destroyed = Vec::new();
        for a in &attackers {
            let loss = if a.kind == UnitKind::Artillery {
                0
            } else {
                combat::loss(a.strength, loss_percent)
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
        } else if outcome.defender_retreats()
            && lines > 0
            && let Some(place) = place
        {
            // The garrison falls back behind its next line instead of out of the town.
            events.push(Event::DefencesBreached {
                place,
                by: me,
                left: lines - 1,
            });
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
            // Whether to step in is the attacker's choice (see `Command::Advance`): a winner
            // may do better to hold what it stands on.
            let units: Vec<UnitId> = attackers
                .iter()
                .filter(|a| {
                    a.strength > combat::loss(a.strength, loss_percent)
                        && self.may_step_into_emptied(a, target)
                })
                .map(|a| a.id)
                .collect();
            if !units.is_empty() {
                events.push(Event::AdvanceOpen { hex: target, units });
            }
        }
        Ok(events)
    }

    /// Whether attacker `a` may step into `target` once its defender is gone: a unit fighting
    /// from next door, by a step the map allows, not into ground an agreement closes to it
    /// nor across a deconfliction line.
    fn may_step_into_emptied(&self, a: &Unit, target: Hex) -> bool {
        if a.kind.attack_range() != 1 {
            return false;
        }
        match self.step(a, a.hex, target, true) {
            Ok(_) => true,
            // The defender is still there as the attack is worked out: the checks that come
            // after the occupant's, by hand.
            Err(RuleError::Occupied { .. }) => {
                let closed = self
                    .control(target)
                    .is_some_and(|holder| self.stance(holder, a.owner) == Stance::Neutral);
                !closed && self.line_crossed(a.owner, a.hex, target).is_none()
            }
            Err(_) => false,
        }
    }

    /// Checks an advance into the hex the side's last attack emptied.
    pub(crate) fn check_advance(&self, id: UnitId) -> Result<Hex, RuleError> {
        let unit = self.own_unit(id)?;
        let Some((hex, units)) = self.advance_offer() else {
            return Err(RuleError::NothingToAdvanceInto);
        };
        if !units.contains(&id) {
            return Err(RuleError::NotAnAdvancer { unit: id, hex });
        }
        self.step(unit, unit.hex, hex, true)?;
        Ok(hex)
    }

    /// An advance: the unit steps into the emptied hex at no cost and takes it.
    pub(crate) fn execute_advance(&self, id: UnitId) -> Result<Vec<Event>, RuleError> {
        let hex = self.check_advance(id)?;
        let unit = self.unit(id).ok_or(RuleError::NoSuchUnit(id))?;
        let mut events = vec![Event::UnitMoved {
            unit: id,
            from: unit.hex,
            path: vec![hex],
            cost: 0,
        }];
        if self.takes_ground(unit, hex, true) {
            self.capture_events(unit.owner, hex, &mut events);
        }
        Ok(events)
    }

    /// What `faction` entering `hex` does: it takes the hex unless it or a cooperating or
    /// allied faction holds it; taking a rival's place raises tension, and taking an oil
    /// field moves the patrons who want it.
    pub(crate) fn capture_events(&self, faction: FactionId, hex: Hex, events: &mut Vec<Event>) {
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
        if let Some(i) = self.scenario().field_at(hex) {
            events.extend(self.oil_seized_events(faction, i as u16));
        }
    }
}

/// Defence bonus of a dug-in unit, in percent.
pub const DUG_IN_PERCENT: u32 = 125;

/// The defence modifier of a unit dug in where it stands.
pub(crate) fn dug_in_modifier() -> Modifier {
    Modifier {
        label: "dug in".into(),
        percent: DUG_IN_PERCENT,
    }
}
