//! A side's view of the game and what the sides remember of each other (the fog of war,
//! whose rules are in [`crate::sim::sight`]).

use std::collections::BTreeMap;

use super::Game;
use crate::sim::entities::{FactionId, Unit, UnitId};
use crate::sim::map::MoveClass;
use crate::sim::sight::{Sight, Sighting};

impl Game {
    /// A copy holding only the units `keep` lets through, as `faction` sees the game: without
    /// the log or the other sides' memories (see [`Game::view`]).
    pub(crate) fn seen_copy(&self, faction: FactionId, keep: &dyn Fn(&Unit) -> bool) -> Game {
        // The map's tables are worked out once here and shared with every view, rather than
        // once by each view a computer player looks at.
        self.step_table(MoveClass::Motor);
        self.step_table(MoveClass::Foot);
        self.zoc_links();
        let mut g = self.scratch_copy();
        g.state.units.retain(|_, u| keep(u));
        for (f, memory) in g.state.sightings.iter_mut().enumerate() {
            if f != usize::from(faction.0) {
                memory.clear();
            }
        }
        g.eyes = Some(faction);
        g.rebuild_occupancy();
        g
    }

    /// The side whose view of the game this is, if it is one.
    pub fn eyes(&self) -> Option<FactionId> {
        self.eyes
    }

    /// What a side remembers of the units of others it has seen (those it sees now included).
    pub fn sightings(&self, faction: FactionId) -> &BTreeMap<UnitId, Sighting> {
        static NONE: BTreeMap<UnitId, Sighting> = BTreeMap::new();
        self.state
            .sightings
            .get(usize::from(faction.0))
            .unwrap_or(&NONE)
    }

    pub(crate) fn set_sightings(&mut self, all: Vec<BTreeMap<UnitId, Sighting>>) {
        self.state.sightings = all;
    }

    /// Whether this game's dice stand where `other`'s do (no roll between them).
    pub(crate) fn same_dice(&self, other: &Game) -> bool {
        self.state.rng == other.state.rng
    }

    /// What every side sees, worked out with `make` once for each state of the game.
    pub(crate) fn cached_sights(&self, make: impl FnOnce() -> Vec<Sight>) -> &[Sight] {
        self.sights.get_or_init(make)
    }
}
