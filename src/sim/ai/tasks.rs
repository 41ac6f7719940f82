//! A hard AI's task forces: rather than every unit marching on whatever pulls hardest, each
//! target gets the units nearest to it until they are enough to take it, those worth most for
//! the strength they take first, and only the rest follow the general pull. A besieged town
//! keeps the force that can take it while a detachment races for the village beyond, a beaten
//! garrison loose in the rear draws one unit, not the army, and a unit standing in a place on
//! the edge of enemy ground stays as its garrison.

use std::collections::BTreeMap;
use std::sync::Arc;

use hexx::Hex;

use crate::sim::entities::{UnitId, UnitKind};
use crate::sim::game::Game;
use crate::sim::map::MoveClass;

use super::fields::distance_field;
use super::plan::{Distances, Plan, Target, worth_by_hex};
use super::player::AiPlayer;

/// Where each unit of a task force is sent: the distances to its target.
pub(super) type Tasks = BTreeMap<UnitId, Distances>;

impl AiPlayer {
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
            if plan.guard[i] > 0 && plan.borders_enemy_ground(hex) {
                order.push((plan.guard[i], 1, hex, true));
            }
        }
        order.sort_by_key(|&(v, need, h, _)| (std::cmp::Reverse(v * 1000 / need.max(1)), h.x, h.y));
        let mut free: Vec<(UnitId, Hex, MoveClass, u32)> = game
            .units()
            .filter(|u| u.owner == plan.me && u.kind != UnitKind::Cell)
            .filter(|u| !plan.reserve.contains(&u.id))
            .map(|u| (u.id, u.hex, u.kind.move_class(), u32::from(u.strength)))
            .collect();
        for (_, need, hex, stay) in order {
            if free.is_empty() {
                break;
            }
            let mut by_distance: Vec<(u32, usize, Distances)> = Vec::new();
            for (k, &(_, at, class, _)) in free.iter().enumerate() {
                let d = self.distances_to(game, plan, hex, class);
                let far = map.index(at).map_or(u32::MAX, |i| d[i]);
                if far != u32::MAX && (!stay || at == hex) {
                    by_distance.push((far, k, d));
                }
            }
            by_distance.sort_by_key(|(far, k, _)| (*far, free[*k].0));
            let mut sent = 0;
            let mut taken = Vec::new();
            for (_, k, d) in by_distance {
                if sent >= need {
                    break;
                }
                let (id, _, _, strength) = free[k];
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
