//! Sight and the fog of war: what each side can see of the others' units.
//!
//! A side sees the hexes within sight of its units (two hexes, three for special forces, one
//! for a cell; one more from the hills, and one more while a patron's reconnaissance flies
//! over its front), the hexes of the places it holds and their neighbours. Allies and sides
//! that coordinate operations share what they see. A unit in a town, a city or a village (any
//! place, or built-up ground) is seen only from next to it, and so is an underground cell
//! unless the side found it as its turn began. Who holds each hex is known to all: a front
//! line is no secret, the troops behind it are.
//!
//! The fog is a rule of the core, not of the screen: an attack or an air strike needs a target
//! the side can see; a move is checked against what the side can see, and stops short where an
//! enemy it could not see stands in the way or holds the ground with its zone of control (the
//! unit halts: it has run into the enemy). A computer player decides from a
//! [`Game::view`] of the game that holds only what its side can see, so what it cannot see
//! never changes what it does. Each side remembers where it last saw the enemy units it no
//! longer sees ([`Sighting`]), until it sees that ground again.
//!
//! Why: the race for the border zone was fought on partial and contested intelligence: who was
//! where along the east bank, the Islamic State's fighters in the desert and among the people
//! of the towns it lost. The coalition's and Russia's drones and aircraft watched the front
//! for their partners.

use std::collections::BTreeMap;

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::entities::{FactionId, Stance, Unit, UnitId, UnitKind};
use super::game::Game;
use super::map::Terrain;

/// The most hexes a patron's reconnaissance may add to a unit's sight.
pub const MAX_RECONNAISSANCE: u8 = 3;

/// What the high ground adds to a unit's sight, in hexes.
pub const HILLS_SIGHT: u32 = 1;

/// How far a unit of a kind sees from open ground, in hexes.
pub fn sight_range(kind: UnitKind) -> u32 {
    match kind {
        UnitKind::SpecialForces => 3,
        UnitKind::Cell => 1,
        UnitKind::Infantry | UnitKind::Mechanised | UnitKind::Militia | UnitKind::Artillery => 2,
    }
}

/// What a side can see now: how closely it sees each hex, and the cells it found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sight {
    /// The side.
    pub faction: FactionId,
    /// Per map index: 0 unseen, 1 seen from afar, 2 seen from next to it (or from inside).
    close: Vec<u8>,
    /// The sides that share what they see (the side itself first).
    sharers: Vec<FactionId>,
    /// Cells the side found as its turn began.
    found: Vec<UnitId>,
    /// Per map index, whether a unit there hides from all but troops next to it.
    cover: std::sync::Arc<Vec<bool>>,
    /// Whether there is no fog: everything is seen.
    clear: bool,
}

impl Sight {
    /// Whether the side sees a hex at all.
    pub fn sees_hex(&self, game: &Game, hex: Hex) -> bool {
        self.clear
            || game
                .scenario()
                .map
                .index(hex)
                .is_some_and(|i| self.close[i] > 0)
    }

    /// Whether the side sees a hex from next to it (or from inside), close enough to see a
    /// unit hiding in a place.
    pub fn sees_close(&self, game: &Game, hex: Hex) -> bool {
        self.clear
            || game
                .scenario()
                .map
                .index(hex)
                .is_some_and(|i| self.close[i] > 1)
    }

    /// Whether a unit on `hex` could hide there from all but troops next to it.
    pub fn hides_on(game: &Game, hex: Hex) -> bool {
        hides(game, hex)
    }

    /// Like [`Sight::hides_on`], from the table worked out with this sight.
    fn cover_at(&self, game: &Game, hex: Hex) -> bool {
        game.scenario()
            .map
            .index(hex)
            .and_then(|i| self.cover.get(i).copied())
            .unwrap_or(false)
    }

    /// Whether the side sees a unit: its own and its partners' always; another's when it
    /// stands in sight (from next to it where it hides).
    pub fn shows(&self, game: &Game, unit: &Unit) -> bool {
        if self.clear || self.sharers.contains(&unit.owner) {
            return true;
        }
        let s = game.scenario();
        let Some(i) = s.map.index(unit.hex) else {
            return false;
        };
        let need = if unit.kind == UnitKind::Cell {
            if self.found.contains(&unit.id) { 1 } else { 2 }
        } else if self.cover.get(i).copied().unwrap_or(false) {
            2
        } else {
            1
        };
        self.close[i] >= need
    }

    /// The units of other sides (not sharing its sight) the side sees now.
    pub fn enemies<'g>(&'g self, game: &'g Game) -> impl Iterator<Item = &'g Unit> + 'g {
        game.units()
            .filter(move |u| !self.shared_with(u.owner) && self.shows(game, u))
    }

    /// Whether `faction` shares this side's sight.
    pub fn shared_with(&self, faction: FactionId) -> bool {
        self.sharers.contains(&faction)
    }
}

/// Whether a unit on a hex can be seen only from next to it: in a place or built-up ground.
fn hides(game: &Game, hex: Hex) -> bool {
    let s = game.scenario();
    s.map.terrain(hex) == Some(Terrain::Urban) || s.place_at(hex).is_some()
}

/// Where a side last saw an enemy unit it no longer sees.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sighting {
    /// The unit.
    pub unit: UnitId,
    /// Its side.
    pub owner: FactionId,
    /// Its kind.
    pub kind: UnitKind,
    /// Its name.
    pub name: String,
    /// Where it was.
    pub hex: Hex,
    /// Its strength then.
    pub strength: u16,
    /// The turn it was last seen.
    pub turn: u16,
    /// The date it was last seen.
    pub date: Date,
}

/// Turns a side remembers an enemy unit it no longer sees.
pub const MEMORY_TURNS: u16 = 4;

impl Game {
    /// Whether the fog of war hides what a side cannot see in this game. A side's
    /// [`Game::view`] has no fog of its own: all in it is what that side sees.
    pub fn fog(&self) -> bool {
        self.scenario().fog && self.eyes().is_none()
    }

    /// Whether `a` and `b` share what they see: the same side, allies, or sides coordinating
    /// their operations.
    pub fn shares_sight(&self, a: FactionId, b: FactionId) -> bool {
        a == b || matches!(self.stance(a, b), Stance::Allied | Stance::Cooperating)
    }

    /// The hexes a unit sees from where it stands, with the reconnaissance its side's
    /// patrons add (`bonus`).
    fn sight_of(&self, unit: &Unit, bonus: u32) -> u32 {
        let hills = self.scenario().map.terrain(unit.hex) == Some(Terrain::Hills);
        sight_range(unit.kind) + if hills { HILLS_SIGHT } else { 0 } + bonus
    }

    /// What the patrons' reconnaissance adds to the sight of a faction's units now.
    pub fn reconnaissance(&self, faction: FactionId) -> u32 {
        self.scenario()
            .support
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                s.faction == faction && s.reconnaissance > 0 && self.support_percent(*i) > 0
            })
            .map(|(_, s)| u32::from(s.reconnaissance.min(MAX_RECONNAISSANCE)))
            .max()
            .unwrap_or(0)
    }

    /// What `faction` sees now.
    pub fn sight(&self, faction: FactionId) -> Sight {
        let n = self.scenario().factions.len();
        let cover = || {
            let s = self.scenario();
            let map = &s.map;
            let mut cover: Vec<bool> = if self.fog() {
                (0..map.len())
                    .map(|i| map.terrain(map.hex_of_index(i)) == Some(Terrain::Urban))
                    .collect()
            } else {
                Vec::new()
            };
            if !cover.is_empty() {
                for p in &s.places {
                    if let Some(i) = map.index(p.hex) {
                        cover[i] = true;
                    }
                }
            }
            std::sync::Arc::new(cover)
        };
        if usize::from(faction.0) >= n {
            return self.work_out_sight(faction, cover());
        }
        self.cached_sights(|| {
            let cover = cover();
            (0..n)
                .map(|f| self.work_out_sight(FactionId(f as u8), cover.clone()))
                .collect()
        })[usize::from(faction.0)]
        .clone()
    }

    fn work_out_sight(&self, faction: FactionId, cover: std::sync::Arc<Vec<bool>>) -> Sight {
        let s = self.scenario();
        let map = &s.map;
        let sharers: Vec<FactionId> = std::iter::once(faction)
            .chain(
                (0..s.factions.len())
                    .map(|f| FactionId(f as u8))
                    .filter(|&f| f != faction && self.shares_sight(faction, f)),
            )
            .collect();
        let found = if self.active_faction() == faction {
            self.found_cells().to_vec()
        } else {
            Vec::new()
        };
        if !self.fog() {
            return Sight {
                faction,
                close: Vec::new(),
                sharers,
                found,
                cover,
                clear: true,
            };
        }
        let mut close = vec![0u8; map.len()];
        let mut mark = |hex: Hex, how: u8| {
            if let Some(i) = map.index(hex) {
                close[i] = close[i].max(how);
            }
        };
        let bonus: Vec<u32> = sharers.iter().map(|&f| self.reconnaissance(f)).collect();
        for u in self.units() {
            let Some(k) = sharers.iter().position(|&f| f == u.owner) else {
                continue;
            };
            let range = self.sight_of(u, bonus[k]);
            for h in u.hex.range(range) {
                mark(
                    h,
                    if h.unsigned_distance_to(u.hex) <= 1 {
                        2
                    } else {
                        1
                    },
                );
            }
        }
        for p in &s.places {
            if self.control(p.hex).is_some_and(|c| sharers.contains(&c)) {
                mark(p.hex, 2);
                for n in map.neighbors(p.hex) {
                    mark(n, 1);
                }
            }
        }
        Sight {
            faction,
            close,
            sharers,
            found,
            cover,
            clear: false,
        }
    }

    /// Whether `faction` sees a unit now.
    pub fn sees(&self, faction: FactionId, unit: &Unit) -> bool {
        self.sight(faction).shows(self, unit)
    }

    /// The units of other sides (not sharing its sight) that `faction` sees now.
    pub fn enemies_seen(&self, faction: FactionId) -> usize {
        self.sight(faction).enemies(self).count()
    }

    /// The units of other sides (not sharing its sight) on the map.
    pub fn enemies_there(&self, faction: FactionId) -> usize {
        self.units()
            .filter(|u| !self.shares_sight(faction, u.owner))
            .count()
    }

    /// The game as `faction` knows it: every unit it cannot see taken away, the other sides'
    /// memories and the log left out. A computer player decides from this, so what it cannot
    /// see never changes what it does. Without fog it is the whole game (without the log).
    pub fn view(&self, faction: FactionId) -> Game {
        let sight = self.sight(faction);
        self.seen_copy(faction, &|u| sight.shows(self, u))
    }

    /// The enemy units `faction` remembers but does not see now, where it last saw them.
    pub fn last_seen(&self, faction: FactionId) -> Vec<&Sighting> {
        let sight = self.sight(faction);
        self.sightings(faction)
            .values()
            .filter(|s| self.unit(s.unit).is_none_or(|u| !sight.shows(self, u)))
            .collect()
    }

    /// Updates what every side remembers of the units of others after a command that gave
    /// `events`: where it sees one now. It forgets one it saw destroyed, one it sees is no
    /// longer where it was (the hex in sight, close enough to see into a place), and any not
    /// seen for [`MEMORY_TURNS`] turns.
    pub(crate) fn remember_sightings(&mut self, events: &[super::event::Event]) {
        if !self.fog() {
            return;
        }
        let (turn, date) = (self.turn(), self.date());
        let destroyed: Vec<(UnitId, Hex)> = events
            .iter()
            .filter_map(|e| match e {
                super::event::Event::UnitDestroyed { unit, hex } => Some((*unit, *hex)),
                _ => None,
            })
            .collect();
        let factions = self.scenario().factions.len();
        let mut all: Vec<BTreeMap<UnitId, Sighting>> = Vec::with_capacity(factions);
        for f in 0..factions {
            let faction = FactionId(f as u8);
            let sight = self.sight(faction);
            let mut memory = self.sightings(faction).clone();
            memory.retain(|id, s| {
                let could_be_there = !sight.sees_hex(self, s.hex)
                    || (sight.cover_at(self, s.hex) && !sight.sees_close(self, s.hex));
                let saw_it_die = destroyed
                    .iter()
                    .any(|(u, h)| u == id && sight.sees_hex(self, *h));
                could_be_there && !saw_it_die && turn.saturating_sub(s.turn) < MEMORY_TURNS
            });
            for u in sight.enemies(self) {
                memory.insert(
                    u.id,
                    Sighting {
                        unit: u.id,
                        owner: u.owner,
                        kind: u.kind,
                        name: u.name.clone(),
                        hex: u.hex,
                        strength: u.strength,
                        turn,
                        date,
                    },
                );
            }
            all.push(memory);
        }
        self.set_sightings(all);
    }
}
