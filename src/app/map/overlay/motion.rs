//! Counters slide to where their units are, and the supply lines of the selected unit are
//! traced again only when the game changes.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::app::map::coords::MapGeometry;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::sim::FactionId;

/// Where each counter is drawn now (world units): it slides toward its unit's hex.
#[derive(Resource, Default, Debug)]
pub struct UnitAnim {
    pub(super) pos: HashMap<crate::sim::UnitId, Vec2>,
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
    }
    let game = session.view();
    anim.pos.retain(|id, _| game.unit(*id).is_some());
    let step = settings.animation.hexes_per_second() * geo.tile_size.x * time.delta_secs();
    let mut moving = false;
    for u in game.units() {
        let target = geo.world(u.hex);
        let p = anim.pos.entry(u.id).or_insert(target);
        let d = target - *p;
        if d.length() <= step || !step.is_finite() {
            *p = target;
        } else {
            *p += d.normalize() * step;
            moving = true;
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
