//! The hexes each unit could move to, kept by an AI player from one command to the next.
//!
//! The AI weighs every move of every unit before each command, and most commands move one
//! unit: the others' reach is the same as before unless something their search met has
//! changed. The search steps from each hex it reaches (passing allies included) to the
//! neighbours, and looks there at who stands on a hex (blocking it, or exerting a zone of
//! control on the hexes next to it) and who holds it. So an entry stays while the unit has
//! not moved and no hex next to one its search reached changed occupant or holder; anything
//! else that moves reach (stances, agreements, the scenario) starts afresh. Entries outlive
//! the turn: a unit's reach next turn is searched again anyway (its movement points are
//! back), but the units that did not move keep theirs through the other factions' turns.

use std::sync::Arc;

use hexx::Hex;

use crate::sim::entities::{FactionId, Stance, UnitId};
use crate::sim::game::Game;
use crate::sim::scenario::Scenario;

/// More changed hexes than this between two commands, and it is quicker to start afresh
/// than to compare every entry against them.
const MAX_CHANGES: usize = 512;

/// One unit's reach, as [`Game::reachable`] lists it.
struct Entry {
    unit: UnitId,
    hex: Hex,
    movement_left: u16,
    /// Hexes in the order [`Game::reachable`] yields them.
    hexes: Vec<Hex>,
    /// Map indices of every hex the search reached, its start and passing allies
    /// included, sorted.
    searched: Vec<usize>,
}

/// The kept reach of a faction's units (see the module documentation).
#[derive(Default)]
pub(super) struct ReachMemo {
    /// Held so that the pointer compared cannot be reused by another scenario.
    scenario: Option<Arc<Scenario>>,
    /// Stances and agreements the entries were made under.
    epoch: (Vec<Stance>, Vec<bool>),
    occupants: Vec<Option<UnitId>>,
    control: Vec<Option<FactionId>>,
    entries: Vec<Entry>,
    /// Zone of control maps of the current position, by the faction they hinder (the
    /// default for units that ignore them).
    zoc: Vec<(Option<FactionId>, Vec<bool>)>,
}

/// What else a unit's reach depends on: the stances between factions and which agreements
/// are in force.
fn epoch(game: &Game) -> (Vec<Stance>, Vec<bool>) {
    let s = game.scenario();
    let n = s.factions.len();
    let stances = (0..n * n)
        .map(|k| game.stance(FactionId((k / n) as u8), FactionId((k % n) as u8)))
        .collect();
    let agreements = (0..s.agreements.len())
        .map(|i| game.agreement_active(i))
        .collect();
    (stances, agreements)
}

impl ReachMemo {
    /// Brings the entries up to date with `game`: drops those something may have changed.
    pub(super) fn refresh(&mut self, game: &Game) {
        let scenario = game.scenario_arc();
        let same_scenario = self
            .scenario
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, &scenario));
        if !same_scenario {
            self.scenario = Some(scenario);
        }
        let epoch = epoch(game);
        let occupants = game.occupants();
        let control = game.controls();
        let map = &game.scenario().map;
        let comparable =
            same_scenario && epoch == self.epoch && self.occupants.len() == occupants.len();
        let changed: Vec<usize> = if comparable {
            (0..occupants.len())
                .filter(|&i| occupants[i] != self.occupants[i] || control[i] != self.control[i])
                .take(MAX_CHANGES + 1)
                .collect()
        } else {
            Vec::new()
        };
        if !comparable || changed.len() > MAX_CHANGES {
            self.entries.clear();
        } else if !changed.is_empty() {
            // Each changed hex with its neighbours: a search that reached none of them met
            // nothing that changed.
            let mut touched: Vec<usize> = changed
                .iter()
                .flat_map(|&i| {
                    let h = map.hex_of_index(i);
                    std::iter::once(h).chain(map.neighbors(h))
                })
                .filter_map(|h| map.index(h))
                .collect();
            touched.sort_unstable();
            touched.dedup();
            self.entries
                .retain(|e| touched.iter().all(|i| e.searched.binary_search(i).is_err()));
        }
        self.zoc.clear();
        self.epoch = epoch;
        self.occupants.clear();
        self.occupants.extend_from_slice(occupants);
        self.control.clear();
        self.control.extend_from_slice(control);
    }

    /// The zones of control that hinder `faction`'s units in the current position (none for
    /// units that ignore them).
    fn zoc_for(&mut self, game: &Game, faction: FactionId, ignores: bool) -> &[bool] {
        let key = (!ignores).then_some(faction);
        let i = match self.zoc.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let map = match key {
                    Some(f) => game.zoc_map(f),
                    None => vec![false; game.scenario().map.len()],
                };
                self.zoc.push((key, map));
                self.zoc.len() - 1
            }
        };
        &self.zoc[i].1
    }

    /// The hexes `unit` could move to, in the order [`Game::reachable`] gives them: kept
    /// if still true, searched afresh otherwise. Call [`ReachMemo::refresh`] first.
    pub(super) fn hexes(&mut self, game: &Game, unit: UnitId) -> &[Hex] {
        let (hex, movement_left) = game
            .unit(unit)
            .map_or((Hex::ZERO, 0), |u| (u.hex, u.movement_left));
        let pos = self.entries.iter().position(|e| e.unit == unit);
        let fresh = pos.is_none_or(|i| {
            let e = &self.entries[i];
            e.hex != hex || e.movement_left != movement_left
        });
        let i = match (pos, fresh) {
            (Some(i), false) => i,
            _ => {
                let map = &game.scenario().map;
                let reached = match game.unit(unit) {
                    Some(u) => {
                        let zoc = self.zoc_for(game, u.owner, u.kind.ignores_zoc());
                        game.reach_search(u, zoc).reached
                    }
                    None => Vec::new(),
                };
                let mut searched = reached.clone();
                searched.extend(map.index(hex));
                searched.sort_unstable();
                // As `Game::reachable` lists them: no stopping where someone already stands,
                // in the order of (x, y).
                let mut hexes: Vec<Hex> = reached
                    .iter()
                    .filter(|&&j| game.occupants()[j].is_none())
                    .map(|&j| map.hex_of_index(j))
                    .collect();
                hexes.sort_unstable_by_key(|h| (h.x, h.y));
                let entry = Entry {
                    unit,
                    hex,
                    movement_left,
                    hexes,
                    searched,
                };
                match pos {
                    Some(i) => {
                        self.entries[i] = entry;
                        i
                    }
                    None => {
                        self.entries.push(entry);
                        self.entries.len() - 1
                    }
                }
            }
        };
        &self.entries[i].hexes
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::sim::ai::{AiPlayer, Difficulty, random_command};
    use crate::sim::command::Command;

    /// Kept reach is always the reach searched afresh, for every unit of every faction,
    /// through games of AI and random play (moves, battles, captures, raised units).
    #[test]
    fn kept_reach_is_the_fresh_reach() {
        for (file, seeds) in [
            ("levels/tutorial.ron", 0..6u64),
            ("levels/euphrates_2017.ron", 0..2),
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let scenario = Arc::new(crate::level::load_path(&path).unwrap().scenario);
            for seed in seeds {
                let mut game = Game::new(scenario.clone(), seed);
                let factions = game.scenario().factions.len();
                let mut memos: Vec<ReachMemo> =
                    (0..factions).map(|_| ReachMemo::default()).collect();
                let mut ai = AiPlayer::new(Difficulty::Normal);
                for n in 0..600u64 {
                    if game.is_over() {
                        break;
                    }
                    for (f, memo) in memos.iter_mut().enumerate() {
                        memo.refresh(&game);
                        let ids: Vec<UnitId> = game
                            .units()
                            .filter(|u| usize::from(u.owner.0) == f)
                            .map(|u| u.id)
                            .collect();
                        for id in ids {
                            let fresh: Vec<Hex> = game
                                .reachable(id)
                                .keys()
                                .map(|&(x, y)| Hex::new(x, y))
                                .collect();
                            assert_eq!(memo.hexes(&game, id), fresh, "{file} seed {seed} #{n}");
                        }
                    }
                    let c = if (n + seed) % 3 == 0 {
                        random_command(&game, seed ^ n)
                    } else {
                        ai.choose(&game)
                    };
                    let c = if game.check(&c).is_ok() {
                        c
                    } else {
                        Command::EndTurn
                    };
                    game.perform(&c).unwrap();
                }
            }
        }
    }
}
