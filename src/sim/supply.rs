//! Supply: traced each turn for a faction in one multi-source Dijkstra search from its supply
//! sources over the hex map — roads cheap, open ground dear, rivers only at crossings, never
//! through ground held by anyone but itself and its allies, and not onward from a hex in an
//! enemy zone of control. A unit on a reached hex is supplied; a unit cut off is Low on its
//! first turn and Out from the second, when it moves at half speed, cannot attack and loses
//! strength every turn.
//!
//! Every answer can be explained: [`Game::supply_report`] gives the path supply takes, or the
//! hex where it is cut and by what.

pub use super::entities::SupplyState;
use std::sync::Arc;

use super::combat;
use super::event::Event;
use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::entities::{FactionId, SupplyKind, UnitId};
use super::game::Game;
use super::queue::CostQueue;
use super::scenario::Scenario;

/// How far supply reaches from a road source, in movement points of a lorry (a road step costs
/// 1, open desert 2, valley 4, hills 6).
pub const ROAD_RANGE: u16 = 60;
/// How far supply reaches from an airbase supplied by air.
pub const AIRLIFT_RANGE: u16 = 12;
/// How far supply reaches from a depot in a held town.
pub const DEPOT_RANGE: u16 = 8;
/// Share of its strength, in percent, an Out-of-supply unit loses each turn (at least 1).
pub const ATTRITION_PERCENT: u32 = 10;

/// The result of tracing one faction's supply over the whole map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupplyNet {
    /// The faction traced.
    pub faction: FactionId,
    /// Cost spent to reach each hex (by map index), counting a source's shorter range as cost
    /// already spent; `u32::MAX` where supply does not reach.
    cost: Vec<u32>,
    /// The hex each reached hex was reached from (by map index), or `u32::MAX` at a source.
    from: Vec<u32>,
    /// Which supply source (index in the scenario's list) reaches each hex.
    source: Vec<u16>,
}

impl SupplyNet {
    /// Whether supply reaches a map index.
    pub fn reaches_index(&self, i: usize) -> bool {
        self.cost.get(i).is_some_and(|c| *c != u32::MAX)
    }
}

/// The last supply trace a player asked for, with what it was traced through (see
/// [`Game::trace_supply_memo`]).
#[derive(Clone, Debug, Default)]
pub struct SupplyMemo {
    last: Option<Memo>,
}

#[derive(Clone, Debug)]
struct Memo {
    /// Held so that the pointer compared cannot be reused by another scenario.
    scenario: Arc<Scenario>,
    airlift: bool,
    closed: Vec<bool>,
    zoc: Vec<bool>,
    net: SupplyNet,
}

/// Why supply does not reach a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cut {
    /// The way runs through ground held by another faction.
    Ground {
        /// The first such hex on the way.
        hex: Hex,
        /// Who holds it.
        holder: FactionId,
    },
    /// The way runs through an enemy zone of control.
    ZoneOfControl {
        /// The hex in the zone.
        hex: Hex,
        /// An enemy unit exerting it.
        unit: UnitId,
    },
    /// The nearest source is too far.
    OutOfRange,
    /// No way at all over land and crossings.
    NoRoute,
}

/// The supply picture for one unit, for the "why" panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplyReport {
    /// Its current state.
    pub state: SupplyState,
    /// Whether the trace for its faction reaches it now.
    pub reached: bool,
    /// Name of the source its supply comes (or would come) from.
    pub source: Option<String>,
    /// The way from that source to the unit, source first.
    pub path: Vec<Hex>,
    /// Where and why the way is cut, when it is.
    pub cut: Option<Cut>,
    /// Turns until it starts losing strength if nothing changes (0 when it already does).
    pub turns_to_attrition: Option<u8>,
}

fn range_of(kind: SupplyKind) -> u16 {
    match kind {
        SupplyKind::Road => ROAD_RANGE,
        SupplyKind::Airlift => AIRLIFT_RANGE,
        SupplyKind::Depot => DEPOT_RANGE,
    }
}

impl Game {
    /// Whether `hex` is ground supply may pass for `faction`: unheld, its own, or an ally's.
    fn supply_ground(&self, faction: FactionId, hex: Hex) -> Result<(), FactionId> {
        match self.control(hex) {
            Some(c) if !self.stance(c, faction).friendly() => Err(c),
            _ => Ok(()),
        }
    }

    /// An enemy unit whose zone of control covers `hex` for `faction`, unless a friendly unit
    /// stands there (it holds the hex open).
    fn zoc_blocker(&self, faction: FactionId, hex: Hex) -> Option<UnitId> {
        let held_open = self
            .unit_at(hex)
            .is_some_and(|u| self.stance(u.owner, faction).friendly());
        if held_open {
            None
        } else {
            self.zoc_source(hex, faction)
        }
    }

    /// Per map index: ground closed to `faction`'s supply (held by a non-ally), and hexes in
    /// an enemy zone of control that no friendly unit holds open.
    fn obstacles(&self, faction: FactionId) -> (Vec<bool>, Vec<bool>) {
        let allied: Vec<bool> = (0..self.scenario().factions.len())
            .map(|f| self.stance(FactionId(f as u8), faction).friendly())
            .collect();
        let closed: Vec<bool> = self
            .controls()
            .iter()
            .map(|c| c.is_some_and(|c| !allied.get(usize::from(c.0)).copied().unwrap_or(false)))
            .collect();
        // Every hex an enemy's zone of control reaches, unless a friendly unit holds it open
        // (what `zoc_blocker` says of one hex).
        let mut zoc = self.zoc_map(faction);
        for (i, z) in zoc.iter_mut().enumerate() {
            if *z
                && let Some(u) = self.occupants()[i].and_then(|id| self.unit(id))
                && self.stance(u.owner, faction).friendly()
            {
                *z = false;
            }
        }
        (closed, zoc)
    }

    /// Whether a faction's patrons fly supply to its airbases: they do while at least one
    /// patron supporting it still gives support (tension can stop it). A faction the level
    /// gives no support entries keeps its airlift whatever happens.
    pub fn airlift_flies(&self, faction: FactionId) -> bool {
        let mut entries = self
            .scenario()
            .support
            .iter()
            .enumerate()
            .filter(|(_, s)| s.faction == faction)
            .peekable();
        entries.peek().is_none() || entries.any(|(i, _)| self.support_percent(i) > 0)
    }

    /// Traces a faction's supply from all its sources at once.
    pub fn trace_supply(&self, faction: FactionId) -> SupplyNet {
        self.search(faction, true, Some(ROAD_RANGE))
    }

    /// Like [`Game::trace_supply`], but searching again only when something the trace
    /// depends on has changed since the one kept in `memo`: who holds which ground, which
    /// hexes an enemy zone of control closes, and whether the airlift flies. A player that
    /// asks after every move, as the AI does, mostly gets the last trace back.
    pub fn trace_supply_memo<'m>(
        &self,
        faction: FactionId,
        memo: &'m mut SupplyMemo,
    ) -> &'m SupplyNet {
        let (closed, zoc) = self.obstacles(faction);
        let airlift = self.airlift_flies(faction);
        let same = memo.last.as_ref().is_some_and(|m| {
            Arc::ptr_eq(&m.scenario, &self.scenario_arc())
                && m.net.faction == faction
                && m.airlift == airlift
                && m.closed == closed
                && m.zoc == zoc
        });
        let kept = match memo.last.take() {
            Some(m) if same => m,
            _ => Memo {
                net: self.search_through(faction, &closed, &zoc, airlift, Some(ROAD_RANGE)),
                scenario: self.scenario_arc(),
                airlift,
                closed,
                zoc,
            },
        };
        &memo.last.insert(kept).net
    }

    /// The search behind [`Game::trace_supply`]. With `blocking` off it ignores who holds
    /// ground and zones of control, and with no `limit` it ignores range: both are used to
    /// find where a cut way would have run.
    fn search(&self, faction: FactionId, blocking: bool, limit: Option<u16>) -> SupplyNet {
        let map = &self.scenario().map;
        let n = map.len();
        // Who blocks is worked out once per trace, not once per step.
        let (closed, zoc) = if blocking {
            self.obstacles(faction)
        } else {
            (vec![false; n], vec![false; n])
        };
        self.search_through(faction, &closed, &zoc, self.airlift_flies(faction), limit)
    }

    /// The search itself, through ground `closed` to the faction and hexes where an enemy
    /// `zoc` stops it, by map index.
    fn search_through(
        &self,
        faction: FactionId,
        closed: &[bool],
        zoc: &[bool],
        airlift: bool,
        limit: Option<u16>,
    ) -> SupplyNet {
        let map = &self.scenario().map;
        let n = map.len();
        let limit = limit.map_or(u32::MAX, u32::from);
        let steps = self.motor_steps();
        let mut net = SupplyNet {
            faction,
            cost: vec![u32::MAX; n],
            from: vec![u32::MAX; n],
            source: vec![u16::MAX; n],
        };
        let mut heap = CostQueue::new();
        for (s, src) in self.scenario().supply_sources.iter().enumerate() {
            let Some(i) = map.index(src.hex) else {
                continue;
            };
            if src.faction != faction || closed[i] || src.kind == SupplyKind::Airlift && !airlift {
                continue; // a source on lost ground supplies no one
            }
            // A shorter-ranged source starts with part of the range already spent.
            let start = u32::from(ROAD_RANGE - range_of(src.kind));
            if start < net.cost[i] {
                net.cost[i] = start;
                net.source[i] = s as u16;
                heap.push(start, i as u32);
            }
        }
        while let Some((cost, i)) = heap.pop() {
            let i = i as usize;
            if cost > net.cost[i] {
                continue;
            }
            if zoc[i] && net.from[i] != u32::MAX {
                continue; // supply reaches into a zone of control but not through it
            }
            for &(j, step) in &steps[i] {
                let j = j as usize;
                if step == u16::MAX || closed[j] {
                    continue;
                }
                let c = cost + u32::from(step);
                if c <= limit && c < net.cost[j] {
                    net.cost[j] = c;
                    net.from[j] = i as u32;
                    net.source[j] = net.source[i];
                    heap.push(c, j as u32);
                }
            }
        }
        net
    }

    /// Whether a trace reaches a hex.
    pub fn supplied_at(&self, net: &SupplyNet, hex: Hex) -> bool {
        self.scenario()
            .map
            .index(hex)
            .is_some_and(|i| net.reaches_index(i))
    }

    /// Why a unit is or is not supplied: its state, the way supply takes or would take, and
    /// where and by what the way is cut.
    pub fn supply_report(&self, id: UnitId) -> Option<SupplyReport> {
        let unit = self.unit(id)?;
        self.report_at(unit.owner, unit.hex, unit.supply)
    }

    /// Whether supply of `faction` would reach a unit standing on `hex`, and why not: the same
    /// picture as [`Game::supply_report`] for any hex, e.g. one a unit is about to move to.
    /// The state is the one a fresh unit there would get.
    pub fn supply_report_at(&self, faction: FactionId, hex: hexx::Hex) -> Option<SupplyReport> {
        self.report_at(faction, hex, SupplyState::Supplied)
    }

    fn report_at(
        &self,
        owner: FactionId,
        hex: hexx::Hex,
        current: SupplyState,
    ) -> Option<SupplyReport> {
        let map = &self.scenario().map;
        let i = map.index(hex)?;
        let real = self.trace_supply(owner);
        let reached = real.reaches_index(i);
        let open = if reached {
            real.clone()
        } else {
            // Where would supply have come from, had nothing stood in the way? Beyond range even
            // on open ground, the way with no range limit.
            let free = self.search(owner, false, Some(ROAD_RANGE));
            if free.reaches_index(i) {
                free
            } else {
                self.search(owner, false, None)
            }
        };
        let mut path = Vec::new();
        let mut at = i;
        if open.reaches_index(at) {
            loop {
                path.push(map.hex_of_index(at));
                let f = open.from[at];
                if f == u32::MAX {
                    break;
                }
                at = f as usize;
            }
            path.reverse();
        }
        let source = path.first().and_then(|_| {
            let s = open.source[i];
            self.scenario()
                .supply_sources
                .get(usize::from(s))
                .map(|s| s.name.clone())
        });
        let cut = if reached {
            None
        } else if path.is_empty() {
            Some(Cut::NoRoute)
        } else {
            Some(self.first_cut(owner, &path))
        };
        let turns_to_attrition = match (reached, current) {
            (true, _) => None,
            (false, SupplyState::Supplied) => Some(2),
            (false, SupplyState::Low) => Some(1),
            (false, SupplyState::Out) => Some(0),
        };
        Some(SupplyReport {
            state: current,
            reached,
            source,
            path,
            cut,
            turns_to_attrition,
        })
    }

    fn first_cut(&self, faction: FactionId, path: &[Hex]) -> Cut {
        for (k, &h) in path.iter().enumerate() {
            if let Err(holder) = self.supply_ground(faction, h) {
                return Cut::Ground { hex: h, holder };
            }
            if k + 1 < path.len()
                && k > 0
                && let Some(unit) = self.zoc_blocker(faction, h)
            {
                return Cut::ZoneOfControl { hex: h, unit };
            }
        }
        Cut::OutOfRange
    }
}

impl Game {
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
            // A cell lives off the land.
            let lives_off_land = u.kind == crate::sim::UnitKind::Cell;
            let state = u
                .supply
                .next(!modelled || lives_off_land || self.supplied_at(&net, u.hex));
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
