//! A hard AI's task forces: rather than every unit marching on whatever pulls hardest, each
//! target gets the units nearest to it until they are enough to take it, those worth most for
//! the strength they take first, and only the rest follow the general pull. A besieged town
//! keeps the force that can take it while a detachment races for the village beyond, a beaten
//! garrison loose in the rear draws one unit, not the army, and a unit standing in a place on
//! the edge of enemy ground stays as its garrison. Of the units that would arrive as soon,
//! the weakest go first, so the strongest are kept for what needs them.
//!
//! Races: a target that another side at war with its holder could reach within two turns is
//! now or never (a cooperating partner that takes it holds it for good), so it is worth more
//! and served first. And where a loose enemy could walk into a place or field the side holds
//! with no one in it, the weakest unit that can walk in this turn keeps out of attacks and
//! goes: a beaten garrison falling back into the rear otherwise walks into an empty oil
//! field, and a third side standing by takes the field from it.

use std::collections::BTreeMap;
use std::sync::Arc;

use hexx::Hex;

use crate::sim::entities::{FactionId, Stance, UnitId, UnitKind};
use crate::sim::game::Game;
use crate::sim::map::MoveClass;

use super::fields::{distance_field, reach_from_units};
use super::plan::{Distances, Plan, Rivals, Target, must_survive, worth_by_hex};
use super::player::AiPlayer;

/// Movement points from a rival's unit within which a target is raced for: two turns on foot.
const RACE_REACH: u32 = 16;

/// How many movement points further than the rival a side's nearest unit may be from a
/// target and still run the race: a turn on foot.
const RACE_SLACK: u32 = 8;

/// Hexes from a held place within which a loose enemy could walk into it next.
const GARRISON_REACH: u32 = 3;

/// The most hexes a unit could march in a turn, on a road: only those so near are asked
/// whether they could walk into a place this turn.
const MARCH: u32 = 16;

/// How much more a target raced for is worth to a hard AI than one that can wait.
pub(super) const RACE_WEIGHT: u32 = 2;

/// Where each unit of a task force is sent: the distances to its target.
pub(super) type Tasks = BTreeMap<UnitId, Distances>;

impl AiPlayer {
    /// For a hard AI, how soon each other side could be anywhere: worked out once a turn, as
    /// the others do not move during it.
    pub(super) fn rivals(&mut self, game: &Game) -> Arc<Rivals> {
        let me = game.active_faction();
        if self.difficulty != super::Difficulty::Hard || must_survive(game, me) {
            return Arc::default();
        }
        let key = (game.turn(), me.0);
        if let Some((k, r)) = &self.rivals
            && *k == key
        {
            return r.clone();
        }
        let r: Arc<Rivals> = Arc::new(
            (0..game.scenario().factions.len())
                .map(|f| FactionId(f as u8))
                .filter(|&f| f != me)
                .map(|f| (f, reach_from_units(game, f)))
                .collect(),
        );
        self.rivals = Some((key, r.clone()));
        r
    }

    /// The movement points from every hex to `hex` for units moving as `class`.
    fn distances_to(&mut self, game: &Game, plan: &Plan, hex: Hex, class: MoveClass) -> Distances {
        let key = plan.field_keys[2];
        let memo = &mut self.distances;
        if memo.key != key {
            memo.key = key;
            memo.fields.clear();
        }
        memo.fields
            .entry((hex.x, hex.y, class == MoveClass::Foot))
            .or_insert_with(|| {
                let target = [Target { hex, value: 0 }];
                Arc::new(distance_field(game, plan, &target, 0, class))
            })
            .clone()
    }

    /// The task forces of a hard attacker: for each target, those worth most for the strength
    /// they take first, the nearest units not yet sent elsewhere until their strength is what
    /// taking it needs (see [`Plan::need`]); and the garrisons of what it holds on the edge of
    /// enemy ground, from the units already there. Units left over, and every unit of an AI
    /// short of hard, of a side that must survive or in the round that ends the game (which
    /// plays for what stands at the end), have no task.
    pub(super) fn tasks(&mut self, game: &Game, plan: &Plan) -> Tasks {
        let mut tasks = Tasks::new();
        if plan.d != super::Difficulty::Hard || plan.cautious || plan.last_turn {
            return tasks;
        }
        let map = &game.scenario().map;
        // What each is worth for the strength it takes: the village beyond a besieged town
        // is raced for while the siege goes on.
        let mut order: Vec<(u32, u32, Hex, bool)> = worth_by_hex(&plan.targets)
            .into_iter()
            .map(|((x, y), v)| {
                let hex = Hex::new(x, y);
                (v, plan.need(hex), hex, false)
            })
            .collect();
        // A unit standing in what the side holds on the edge of enemy ground stays there as its
        // garrison: under the fog of war a cell or a raider is seen only once it has walked
        // in. No unit is called back from the front for it.
        for i in 0..map.len() {
            let hex = map.hex_of_index(i);
            if plan.guard[i] > 0 && (plan.contested[i] || plan.borders_enemy_ground(hex)) {
                order.push((plan.guard[i], 1, hex, true));
            }
        }
        // Those posted to an empty place with an enemy near walk in (see `pick_garrisons`).
        for &(id, hex) in &plan.garrisons {
            if let Some(u) = game.unit(id) {
                tasks.insert(id, self.distances_to(game, plan, hex, u.kind.move_class()));
            }
        }
        // Races first: what a rival would take otherwise is now or never.
        order.sort_by_key(|&(v, need, h, _)| {
            let race = plan.races.contains(&h);
            (!race, std::cmp::Reverse(v * 1000 / need.max(1)), h.x, h.y)
        });
        let mut free: Vec<(UnitId, Hex, MoveClass, u32, u32)> = game
            .units()
            .filter(|u| u.owner == plan.me && u.kind != UnitKind::Cell)
            .filter(|u| !plan.reserve.contains(&u.id) && !tasks.contains_key(&u.id))
            .map(|u| {
                let mp = u32::from(u.kind.movement()).max(1);
                (u.id, u.hex, u.kind.move_class(), u32::from(u.strength), mp)
            })
            .collect();
        for (_, need, hex, stay) in order {
            if free.is_empty() {
                break;
            }
            // Those that arrive soonest go, and of those the weakest first: the strongest are
            // kept for what needs them. A garrison is taken over by the weakest unit that can
            // be there this turn, freeing a stronger one standing in it.
            let mut by_arrival: Vec<((u32, u32), usize, Distances)> = Vec::new();
            for (k, &(_, at, class, strength, mp)) in free.iter().enumerate() {
                let d = self.distances_to(game, plan, hex, class);
                let far = map.index(at).map_or(u32::MAX, |i| d[i]);
                let turns = if at == hex { 0 } else { far.div_ceil(mp) };
                if far != u32::MAX && (!stay || turns <= 1) {
                    let rank = if stay {
                        (strength, turns)
                    } else {
                        (turns, strength)
                    };
                    by_arrival.push((rank, k, d));
                }
            }
            by_arrival.sort_by_key(|(rank, k, _)| (*rank, free[*k].0));
            let mut sent = 0;
            let mut taken = Vec::new();
            for (_, k, d) in by_arrival {
                if sent >= need {
                    break;
                }
                let (id, _, _, strength, _) = free[k];
                sent += strength;
                tasks.insert(id, d);
                taken.push(k);
            }
            taken.sort_unstable();
            for k in taken.into_iter().rev() {
                free.swap_remove(k);
            }
        }
        tasks
    }
}

impl<'a> Plan<'a> {
    /// The targets a rival could take first: a side at war with its holder could have a unit
    /// there within [`RACE_REACH`] movement points, and ours is no more than [`RACE_SLACK`]
    /// further. A cooperating partner is a rival here: what it takes, the side can never take
    /// back. Distances are on foot, never across a deconfliction line nor through the ground
    /// of a side neutral to the one moving.
    pub(super) fn find_races(&self, targets: &[Target]) -> Vec<Hex> {
        let game = self.game;
        let map = &game.scenario().map;
        if self.rivals.is_empty() {
            return Vec::new();
        }
        let mut own: Option<Vec<u32>> = None;
        let mut races = Vec::new();
        for t in targets {
            let holder = game.control(t.hex);
            if holder == Some(self.me) || races.contains(&t.hex) {
                continue;
            }
            let Some(i) = map.index(t.hex) else { continue };
            let rival = self
                .rivals
                .iter()
                .filter(|(f, _)| {
                    holder.is_none_or(|h| h != *f && game.stance(*f, h) == Stance::Hostile)
                })
                .map(|(_, reach)| reach[i])
                .min()
                .unwrap_or(u32::MAX);
            if rival > RACE_REACH {
                continue;
            }
            let own = own.get_or_insert_with(|| reach_from_units(game, self.me));
            if own[i] <= rival.saturating_add(RACE_SLACK) {
                races.push(t.hex);
            }
        }
        races
    }

    /// The garrisons a hard attacker posts now, with where each goes: for each place or field
    /// it holds with none of its units in it and a loose enemy (not the garrison of a place of
    /// its own) within [`GARRISON_REACH`] hexes, the weakest unit near enough to walk in this
    /// turn. They keep out of attacks until they are in: a beaten garrison that falls back
    /// into the side's rear walks into an empty oil field, and a third side standing by takes
    /// the field from it for good.
    pub(super) fn pick_garrisons(&self) -> Vec<(UnitId, Hex)> {
        let game = self.game;
        if self.cautious || self.last_turn {
            return Vec::new();
        }
        let map = &game.scenario().map;
        let mut posted: Vec<(UnitId, Hex)> = Vec::new();
        for i in 0..map.len() {
            if self.guard[i] == 0 {
                continue;
            }
            let hex = map.hex_of_index(i);
            // A garrison standing in its own side's place is not loose: it holds it.
            let s = game.scenario();
            let loose = |u: &crate::sim::entities::Unit| {
                let site = s.place_at(u.hex).is_some() || s.field_at(u.hex).is_some();
                !(site && game.control(u.hex) == Some(u.owner))
            };
            let enemy_near = game.units().any(|u| {
                self.fights(u.owner)
                    && u.hex.unsigned_distance_to(hex) <= GARRISON_REACH
                    && loose(u)
            });
            if game.unit_at(hex).is_some() || !enemy_near {
                continue;
            }
            let pick = game
                .units()
                .filter(|u| {
                    u.owner == self.me
                        && u.kind != UnitKind::Cell
                        && !u.has_attacked
                        && u.movement_left > 0
                        && !posted.iter().any(|(id, _)| *id == u.id)
                        && u.hex.unsigned_distance_to(hex) <= MARCH
                        && game.path_to(u.id, hex).is_some()
                })
                .min_by_key(|u| (u.strength, u.hex.unsigned_distance_to(hex), u.id));
            if let Some(u) = pick {
                posted.push((u.id, hex));
            }
        }
        posted
    }

    /// Whether ground held by an enemy lies within two hexes of `hex`.
    fn borders_enemy_ground(&self, hex: Hex) -> bool {
        hexx::shapes::hexagon(hex, 2).any(|h| {
            self.game
                .control(h)
                .is_some_and(|c| c != self.me && self.fights(c))
        })
    }

    /// The strength it takes to take a target: twice that of the enemy it knows stands there
    /// (seen now, or remembered under the fog of war), and otherwise one unit's.
    pub(super) fn need(&self, hex: Hex) -> u32 {
        let game = self.game;
        let seen = game
            .unit_at(hex)
            .filter(|u| self.fights(u.owner))
            .map(|u| u32::from(u.strength));
        let remembered = || {
            game.sightings(self.me)
                .values()
                .filter(|s| s.hex == hex && game.unit(s.unit).is_none())
                .map(|s| u32::from(s.strength))
                .max()
        };
        seen.or_else(remembered).map_or(1, |s| s * 2)
    }
}
