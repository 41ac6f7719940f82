//! Attacks and air strikes: which units join, against whom, and whether the odds are worth it.

use std::cmp::Reverse;

use hexx::Hex;

use crate::sim::combat::{Outcome, Preview};
use crate::sim::command::Command;
use crate::sim::entities::{Request, Stance, UnitId, UnitKind};
use crate::sim::supply::SupplyState;

use super::difficulty::Difficulty;
use super::plan::{ON_THE_WAY, Plan};

impl<'a> Plan<'a> {
    /// Attack targets: enemy units next to ours, with the best attack on each.
    pub(super) fn attack_options(&self) -> Vec<(i64, Vec<UnitId>, Hex)> {
        let game = self.game;
        let map = &game.scenario().map;
        let mut out = Vec::new();
        let ready: Vec<_> = game
            .units()
            .filter(|u| u.owner == self.me && !u.has_attacked && u.supply != SupplyState::Out)
            .filter(|u| {
                !self.reserve.contains(&u.id) && !self.garrisons.iter().any(|(id, _)| *id == u.id)
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for a in &ready {
            for t in hexx::shapes::hexagon(a.hex, a.kind.attack_range()) {
                let Some(def) = game.unit_at(t) else { continue };
                if !self.fights(def.owner) || !seen.insert((t.x, t.y)) {
                    continue;
                }
                let target_value: u32 = self
                    .targets
                    .iter()
                    .filter(|x| x.hex == t)
                    .map(|x| x.value)
                    .sum();
                // A garrison may join (winning no longer walks it out of what it guards, see
                // `advance`), except that a side that must survive keeps the garrison of a
                // threatened place whole for its defence, rather than bleed it for less.
                let mut attackers: Vec<_> = ready
                    .iter()
                    .filter(|x| {
                        let d = x.hex.unsigned_distance_to(t);
                        let holding = self.cautious
                            && self.d != Difficulty::Easy
                            && x.kind.attack_range() == 1
                            && map
                                .index(x.hex)
                                .is_some_and(|i| self.guard[i] > target_value && self.contested[i]);
                        d >= 1 && d <= x.kind.attack_range() && !holding
                    })
                    .collect();
                // Guns first: they take no losses.
                attackers
                    .sort_by_key(|x| (x.kind != UnitKind::Artillery, Reverse(x.strength), x.id));
                attackers.truncate(crate::sim::command::MAX_ATTACKERS);
                let all: Vec<UnitId> = match self.d {
                    Difficulty::Easy => attackers.iter().take(1).map(|x| x.id).collect(),
                    _ => attackers.iter().map(|x| x.id).collect(),
                };
                // Behind prepared defences, the guns alone may wear the lines down at no cost
                // in blood before the infantry storms them.
                let guns: Vec<UnitId> = attackers
                    .iter()
                    .filter(|x| x.kind == UnitKind::Artillery)
                    .map(|x| x.id)
                    .collect();
                let bombard = self.d != Difficulty::Easy
                    && game.defences_at(t) > 0
                    && !guns.is_empty()
                    && guns.len() < all.len();
                let choices = if bombard { vec![all, guns] } else { vec![all] };
                for ids in choices {
                    let Ok(p) = game.preview_attack(&ids, t) else {
                        continue;
                    };
                    let win = i64::from(p.win_sixths());
                    let value = i64::from(target_value)
                        + map.index(t).map_or(0, |i| i64::from(self.guard[i]));
                    let score = match self.d {
                        // Any even chance will do.
                        Difficulty::Easy if win >= 2 => win * 10,
                        Difficulty::Easy => continue,
                        _ => {
                            let own: u32 = attackers
                                .iter()
                                .filter(|x| ids.contains(&x.id) && x.kind != UnitKind::Artillery)
                                .map(|x| u32::from(x.strength))
                                .sum();
                            // On the last turn losses cost nothing when there is ground worth
                            // points to take: only what stands at the end scores, so any
                            // chance at it is worth taking (a fight for nothing is still
                            // weighed).
                            let final_grab = self.last_turn && value > 0;
                            let own = if final_grab { 0 } else { own };
                            let ev = expected_value(&p, def.strength, own, value, self.cautious);
                            // A hard attacker also takes any chance at a place it wants (when
                            // the expected gain is worth it): waiting for better odds lets a
                            // rival get there first. Guns firing cost nothing: any chance.
                            let free = own == 0;
                            let any_chance = final_grab
                                || free
                                || self.d == Difficulty::Hard && !self.cautious && target_value > 0;
                            let least = if any_chance { 1 } else { 2 };
                            if win < least || ev <= 0 && !self.bold {
                                continue;
                            }
                            ev.max(1)
                        }
                    };
                    out.push((score, ids, t));
                }
            }
        }
        out.sort_by_key(|(score, _, t)| (Reverse(*score), t.x, t.y));
        out
    }

    /// After an attack that emptied its target: step in with an attacker that leaves nothing
    /// worth more behind — a garrison does not walk out of the town or field it guards for
    /// lesser ground. The strongest such attacker goes; with none, the side holds.
    pub(super) fn advance(&self) -> Option<Command> {
        let (hex, units) = self.game.advance_offer()?;
        if self.survival {
            return None;
        }
        let s = self.game.scenario();
        let map = &s.map;
        let worth = |h: Hex| -> u32 {
            let place = s.place_at(h).map_or(0, |(_, p)| u32::from(p.points));
            let field = if s.field_at(h).is_some() { 5 } else { 0 };
            place + field
        };
        let there = worth(hex);
        units
            .iter()
            .filter_map(|id| self.game.unit(*id))
            .filter(|u| u.owner == self.me)
            .filter(|u| {
                let guarding = map
                    .index(u.hex)
                    .and_then(|i| self.guard.get(i))
                    .copied()
                    .unwrap_or(0);
                guarding == 0 || guarding < there
            })
            .max_by_key(|u| (u.strength, Reverse(u.id)))
            .map(|u| Command::Advance { unit: u.id })
    }

    pub(super) fn attack(&self) -> Option<Command> {
        if self.survival && !self.last_turn {
            return None;
        }
        let (_, attackers, target) = self.attack_options().into_iter().next()?;
        Some(Command::Attack { attackers, target })
    }

    /// An air strike on the enemy unit we most want to beat (a hard AI strikes the target of
    /// its next attack first, softening it up).
    pub(super) fn strike(&self) -> Option<Command> {
        if self.d == Difficulty::Easy && (self.game.turn() % 2 == 1) {
            return None;
        }
        let (_, patron) = self
            .pools()
            .into_iter()
            .find(|(i, _)| self.offers(*i, |o| *o == Request::AirStrike))?;
        let game = self.game;
        let target = match self.d {
            // A hard AI softens the target of its next attack on a place it wants; what is
            // left at the end of its turn goes to the weakest enemy in reach.
            Difficulty::Hard => self
                .key_strike()
                .or_else(|| self.siege_strike())
                .or_else(|| self.finishing.then(|| self.weakest_enemy_near()).flatten()),
            // A strike may open a breach in the defences of a place it is about to assault.
            Difficulty::Normal => self.breach_strike().or_else(|| self.weakest_enemy_near()),
            Difficulty::Easy => self.weakest_enemy_near(),
        }?;
        let c = Command::RequestAirStrike { patron, target };
        game.check(&c).is_ok().then_some(c)
    }

    /// For a hard AI, the best attack it has on an enemy standing on one of its targets, whose
    /// hex an air strike would soften first.
    pub(super) fn key_strike(&self) -> Option<Hex> {
        if self.d != Difficulty::Hard {
            return None;
        }
        self.attack_options()
            .into_iter()
            .map(|(_, _, t)| t)
            .find(|t| self.targets.iter().any(|x| x.hex == *t))
    }

    /// The garrison of the place it wants most among those its units close in on, while
    /// prepared defences still stand there: each strike that lands breaks a line, so the
    /// assault meets a garrison in the open.
    pub(super) fn siege_strike(&self) -> Option<Hex> {
        let game = self.game;
        let mine: Vec<Hex> = game
            .units()
            .filter(|u| u.owner == self.me)
            .map(|u| u.hex)
            .collect();
        self.targets
            .iter()
            .filter(|t| game.defences_at(t.hex) > 0)
            .filter(|t| {
                game.unit_at(t.hex)
                    .is_some_and(|u| self.fights(u.owner) && game.exposed(u))
            })
            .filter(|t| {
                mine.iter()
                    .any(|h| h.unsigned_distance_to(t.hex) <= ON_THE_WAY)
            })
            .max_by_key(|t| (t.value, Reverse((t.hex.x, t.hex.y))))
            .map(|t| t.hex)
    }

    /// The target of its best attack on a place it wants that stands behind prepared
    /// defences.
    pub(super) fn breach_strike(&self) -> Option<Hex> {
        self.attack_options()
            .into_iter()
            .map(|(_, _, t)| t)
            .find(|t| self.game.defences_at(*t) > 0 && self.targets.iter().any(|x| x.hex == *t))
    }

    /// The weakest hostile unit next to one of ours, those without cover from the air first.
    /// A garrison under cover on ground the side does not want is left alone (short of easy):
    /// it takes half as much from the air, and wearing it down would only open the way for
    /// whoever does want the place.
    pub(super) fn weakest_enemy_near(&self) -> Option<Hex> {
        let game = self.game;
        let map = &game.scenario().map;
        game.units()
            .filter(|e| game.stance(e.owner, self.me) == Stance::Hostile)
            .filter(|e| {
                map.neighbors(e.hex)
                    .any(|n| game.unit_at(n).is_some_and(|x| x.owner == self.me))
            })
            .filter(|e| {
                self.d == Difficulty::Easy
                    || !game.under_cover(e)
                    || self.targets.iter().any(|t| t.hex == e.hex)
            })
            .min_by_key(|e| (game.under_cover(e), e.strength, e.id))
            .map(|e| e.hex)
    }
}

/// What an attack is worth, in hundredths of a strength point: the defender's expected losses
/// and a share of the value of taking its hex, less the attackers' expected losses (doubled
/// for a faction that must keep its units alive).
pub(super) fn expected_value(
    p: &Preview,
    defender: u16,
    attackers: u32,
    value: i64,
    cautious: bool,
) -> i64 {
    let mut ev = 0i64;
    for (o, sixths) in Outcome::ALL.iter().zip(p.chances) {
        let odds = i64::from(sixths);
        let hurt = i64::from(defender) * i64::from(o.defender_loss_percent());
        let cost = i64::from(attackers)
            * i64::from(crate::sim::defences::attacker_loss_percent(*o, p.defences));
        // Behind prepared defences a win breaks a line: a share of the way to the hex.
        let gain = if o.attacker_won() {
            value * 100 / (i64::from(p.defences) + 1)
        } else {
            0
        };
        ev += odds * (hurt + gain - cost * if cautious { 2 } else { 1 }) / 6;
    }
    ev
}
