//! Counters slide to where their units are, and the supply lines of the selected unit are
//! traced again only when the game changes.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::app::map::coords::MapGeometry;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::sim::FactionId;

/// Where each counter is drawn now (world units): it slides along the way its unit last
/// moved, then to its unit's hex.
#[derive(Resource, Default, Debug)]
pub struct UnitAnim {
    pub(super) pos: HashMap<crate::sim::UnitId, Vec2>,
    /// The points a counter still has to pass, in order.
    pub(super) paths: HashMap<crate::sim::UnitId, std::collections::VecDeque<Vec2>>,
}

impl UnitAnim {
    /// Where a unit's counter is drawn now (world units), once it has been drawn.
    pub fn drawn(&self, id: crate::sim::UnitId) -> Option<Vec2> {
        self.pos.get(&id).copied()
    }

    /// The points its counter still has to pass on its way, if it is moving.
    pub fn way(&self, id: crate::sim::UnitId) -> Option<&std::collections::VecDeque<Vec2>> {
        self.paths.get(&id)
    }
}

pub(super) fn animate_units(
    time: Res<Time>,
    settings: Res<Settings>,
    session: Res<Session>,
    geo: Option<Res<MapGeometry>>,
    revision: Res<crate::app::state::MapRevision>,
    mut anim: ResMut<UnitAnim>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(geo) = geo else { return };
    if revision.is_changed() {
        // A new game or level: counters start where their units stand.
        anim.pos.clear();
        anim.paths.clear();
    }
    let game = session.view();
    anim.pos.retain(|id, _| game.unit(*id).is_some());
    let step = settings.animation.hexes_per_second() * geo.tile_size.x * time.delta_secs();
    let mut moving = false;
    let UnitAnim { pos, paths } = &mut *anim;
    paths.retain(|id, _| game.unit(*id).is_some());
    for u in game.units() {
        let home = geo.world(u.hex);
        let p = pos.entry(u.id).or_insert(home);
        if !step.is_finite() {
            *p = home;
            paths.remove(&u.id);
            continue;
        }
        // Along the way, a hex at a time, with the frame's whole step.
        let mut left = step;
        loop {
            let way = paths.get_mut(&u.id);
            let target = way
                .as_ref()
                .and_then(|w| w.front().copied())
                .unwrap_or(home);
            let d = target - *p;
            if d.length() <= left {
                *p = target;
                left -= d.length();
                match paths.get_mut(&u.id) {
                    Some(w) if !w.is_empty() => {
                        w.pop_front();
                        if w.is_empty() {
                            paths.remove(&u.id);
                        }
                    }
                    _ => break,
                }
            } else {
                *p += d.normalize() * left;
                moving = true;
                break;
            }
        }
    }
    if moving {
        redraw.write(RequestRedraw);
    }
}

/// The player's supply network, traced again only when the game changes.
#[derive(Resource, Default, Debug)]
pub struct SupplyCache {
    key: Option<(usize, u16, FactionId)>,
    pub(super) reached: Vec<bool>,
}

pub(super) fn trace_supply(session: Res<Session>, mut cache: ResMut<SupplyCache>) {
    let game = &session.game;
    let key = (game.log().len(), game.turn(), session.player);
    if cache.key != Some(key) {
        let net = game.trace_supply(session.player);
        cache.reached = (0..game.scenario().map.len())
            .map(|i| net.reaches_index(i))
            .collect();
        cache.key = Some(key);
    }
}
