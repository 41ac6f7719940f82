//! Distance fields: movement points from every hex to what the AI is after or to its supply,
//! searched once and kept while the targets stay the same.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::sim::entities::{FactionId, Unit, UnitKind};
use crate::sim::game::{Game, StableHasher, Steps};
use crate::sim::map::MoveClass;
use crate::sim::queue::CostQueue;

use super::plan::{Field, Plan, Target, ToSupply, neutral_ground};
use super::player::AiPlayer;

impl AiPlayer {
    /// The plan's distances to supply, searched again only when the supplied hexes (or the
    /// ground closed to its units) change, and only for the ways of moving of the units that
    /// hide: a field is a search of the whole map.
    pub(super) fn supply_distances(&mut self, game: &Game, plan: &Plan) -> Arc<ToSupply> {
        let seeds = plan.supply_seeds();
        let hiding =
            |u: &&Unit| u.owner == plan.me && (plan.survival || plan.reserve.contains(&u.id));
        let mut needed = [false; 2];
        for u in game.units().filter(hiding) {
            needed[usize::from(u.kind.move_class() == MoveClass::Foot)] = true;
        }
        let mut h = StableHasher::default();
        plan.field_keys[2].hash(&mut h);
        seeds.hash(&mut h);
        let key = h.finish();
        // What was kept serves while the supplied ground is the same; a way of moving that
        // no hiding unit used then is searched now if one uses it.
        let kept = self
            .supply_distances
            .take()
            .filter(|(k, _)| *k == key)
            .map(|(_, d)| d);
        let d = match kept {
            Some(d) if (0..2).all(|c| !needed[c] || !d[c].is_empty()) => d,
            kept => {
                let map = &game.scenario().map;
                let targets: Vec<Target> = seeds
                    .iter()
                    .map(|&i| Target {
                        hex: map.hex_of_index(i),
                        value: 0,
                    })
                    .collect();
                Arc::new([MoveClass::Motor, MoveClass::Foot].map(|class| {
                    let c = usize::from(class == MoveClass::Foot);
                    match &kept {
                        Some(d) if !d[c].is_empty() => d[c].clone(),
                        _ if needed[c] => distance_field(game, plan, &targets, 0, class),
                        _ => Vec::new(),
                    }
                }))
            }
        };
        self.supply_distances = Some((key, d.clone()));
        d
    }

    pub(super) fn field(
        &mut self,
        game: &Game,
        plan: &Plan,
        class: MoveClass,
        raid: bool,
    ) -> &Field {
        let i = self.fresh_field(game, plan, class, raid);
        &self.fields[i].1
    }

    /// Where the distance field for a class of units toward the targets (or the raids) is
    /// kept, searched again first if the plan's targets changed.
    pub(super) fn fresh_field(
        &mut self,
        game: &Game,
        plan: &Plan,
        class: MoveClass,
        raid: bool,
    ) -> usize {
        let (targets, bonus) = if raid {
            (&plan.raids, 0)
        } else {
            (&plan.targets, 2)
        };
        let key = plan.field_keys[usize::from(raid)];
        let which = (class, raid);
        let pos = self.fields.iter().position(|(c, _)| *c == which);
        if let Some(i) = pos
            && self.fields[i].1.key == key
        {
            return i;
        }
        let f = Field {
            key,
            cost: distance_field(game, plan, targets, bonus, class),
        };
        match pos {
            Some(i) => {
                self.fields[i] = (which, f);
                i
            }
            None => {
                self.fields.push((which, f));
                self.fields.len() - 1
            }
        }
    }
}

/// Movement-point distance from every hex to the nearest of `targets`, plus `bonus` for each
/// point the target is worth less than the most valuable one (a multi-source search over the
/// map with the unit class's step costs, not entering ground the faction may not enter).
pub(super) fn distance_field(
    game: &Game,
    plan: &Plan,
    targets: &[Target],
    bonus: u32,
    class: MoveClass,
) -> Vec<u32> {
    let map = &game.scenario().map;
    let n = map.len();
    let max_value = targets.iter().map(|t| t.value).max().unwrap_or(0);
    let mut cost = vec![u32::MAX; n];
    let mut heap = CostQueue::new();
    for t in targets {
        if let Some(i) = map.index(t.hex) {
            let c = (max_value - t.value.min(max_value)) * bonus;
            if c < cost[i] {
                cost[i] = c;
                heap.push(c, i as u32);
            }
        }
    }
    let closed = &plan.neutral;
    let steps = game.step_table(class);
    // Searching outward from the targets, the step a unit would take is j → i: the opposite
    // direction, three further round.
    let step = |i: usize, d: usize, j: usize| {
        let (back, step) = steps[j][(d + 3) % 6];
        debug_assert_eq!(back as usize, i, "opposite directions are three apart");
        (!closed[j] && step != u16::MAX).then_some(step)
    };
    spread(&mut cost, &mut heap, steps, step, |_, _| true);
    // Hexes from which no target can be reached are as far as can be.
    for c in &mut cost {
        if *c == u32::MAX {
            *c = 100_000;
        }
    }
    cost
}

/// Movement points on foot from the nearest unit of `f` (cells aside) to every hex, never
/// across a deconfliction line that binds it nor through the ground of a side neutral to it:
/// how soon that side could be anywhere.
pub(super) fn reach_from_units(game: &Game, f: FactionId) -> Vec<u32> {
    let map = &game.scenario().map;
    let closed = neutral_ground(game, f);
    let mut cost = vec![u32::MAX; map.len()];
    let mut heap = CostQueue::new();
    for u in game
        .units()
        .filter(|u| u.owner == f && u.kind != UnitKind::Cell)
    {
        if let Some(i) = map.index(u.hex)
            && cost[i] != 0
        {
            cost[i] = 0;
            heap.push(0, i as u32);
        }
    }
    let steps = game.step_table(MoveClass::Foot);
    let step = |i: usize, d: usize, j: usize| {
        let step = steps[i][d].1;
        (step != u16::MAX && !closed[j]).then_some(step)
    };
    // The line is asked about only for a step that would shorten a way: it is the dearer test.
    let permit = |i: usize, j: usize| {
        game.line_crossed(f, map.hex_of_index(i), map.hex_of_index(j))
            .is_none()
    };
    spread(&mut cost, &mut heap, steps, step, permit);
    cost
}

/// Spreads a search from its seeds until every hex holds its least cost: `cost` holds the
/// seeds' costs (queued in `heap`) and `u32::MAX` elsewhere; `step(i, d, j)` prices the step
/// between hex `i` and its neighbour `j` in direction `d`, or `None` where none is made, and
/// `permit(i, j)` may still forbid a step that would shorten the way to `j`.
fn spread(
    cost: &mut [u32],
    heap: &mut CostQueue,
    steps: &[Steps],
    step: impl Fn(usize, usize, usize) -> Option<u16>,
    permit: impl Fn(usize, usize) -> bool,
) {
    while let Some((c, i)) = heap.pop() {
        let i = i as usize;
        if c > cost[i] {
            continue;
        }
        for (d, &(j, _)) in steps[i].iter().enumerate() {
            if j == u32::MAX {
                continue;
            }
            let j = j as usize;
            let Some(s) = step(i, d, j) else { continue };
            let nc = c + u32::from(s);
            if nc < cost[j] && permit(i, j) {
                cost[j] = nc;
                heap.push(nc, j as u32);
            }
        }
    }
}
