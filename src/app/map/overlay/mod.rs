//! Everything drawn over the terrain that changes as the game goes on, painted with egui in
//! screen space so it stays crisp at every zoom: places (ringed in the holder's colour), oil
//! fields, overlays (supply, objectives), the selected unit's reach, path and supply line,
//! unit counters in the wargame tradition, and place names that give way to each other.
//!
//! [`motion`] moves counters, [`view`] places the map on screen, [`layers`] paints what lies
//! under the counters and [`counters`] the counters themselves.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::map::coords::MapGeometry;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::ui_state::{HoveredHex, MapArea, MapCamera, Overlays, Selection, UiFocus};

mod counters;
pub mod effects;
mod fog;
mod front;
mod layers;
mod motion;
mod view;

pub use motion::{SupplyCache, UnitAnim};

use crate::app::state::EguiPass;
use counters::{CounterState, counter_rect, paint_counter, symbol_rect};
use layers::{
    paint_defences, paint_labels, paint_objectives, paint_places, paint_reach, paint_supply,
    paint_supply_line,
};
use view::View;

/// What is painted over the map each frame, and the counters' slide.
pub fn plugin(app: &mut App) {
    app.init_resource::<UnitAnim>()
        .init_resource::<effects::Effects>()
        .init_resource::<MapPainted>()
        .init_resource::<SupplyCache>()
        .init_resource::<Overlays>()
        .add_systems(
            Update,
            (motion::animate_units, motion::trace_supply, toggle_overlays),
        )
        .add_systems(
            Update,
            effects::show_events
                .after(crate::app::orders::run_ai)
                .before(motion::animate_units)
                .run_if(in_state(crate::app::state::AppState::InGame)),
        )
        .add_systems(EguiPrimaryContextPass, paint_map.in_set(EguiPass::Map));
}

/// What the map's overlay shows: the game, the player's choices on screen, and where counters
/// stand as they slide.
#[derive(SystemParam)]
pub struct MapScene<'w> {
    session: Res<'w, Session>,
    settings: Res<'w, Settings>,
    selection: Res<'w, Selection>,
    hovered: Res<'w, HoveredHex>,
    overlays: Res<'w, Overlays>,
    supply: Res<'w, SupplyCache>,
    anim: Res<'w, UnitAnim>,
    area: Res<'w, MapArea>,
    state: Res<'w, State<crate::app::state::AppState>>,
    art: Res<'w, crate::app::art::ArtTextures>,
    lessons: Res<'w, crate::app::lessons::Lessons>,
    effects: Res<'w, effects::Effects>,
    time: Res<'w, Time>,
}

/// How many frames the map's overlay has been painted, so a test can tell that nothing of the
/// map is drawn while a hotseat game is handed over.
#[derive(Resource, Default, Debug)]
pub struct MapPainted(pub u64, pub Vec<PaintedCounter>);

/// A counter as last painted, in physical pixels of the window, for the screenshot's layout
/// report (a test reads what it shows).
#[derive(Clone, Debug)]
pub struct PaintedCounter {
    /// The unit's kind.
    pub kind: crate::sim::UnitKind,
    /// The counter.
    pub rect: egui::Rect,
    /// Its type symbol.
    pub symbol: egui::Rect,
}

/// Paints the map layer. Runs before the panels, on the same background layer, so the panels
/// cover it.
pub fn paint_map(
    mut contexts: EguiContexts,
    scene: MapScene,
    mut painted: ResMut<MapPainted>,
    geo: Option<Res<MapGeometry>>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<MapCamera>>,
) -> Result {
    let MapScene {
        session,
        settings,
        selection,
        hovered,
        overlays,
        supply,
        anim,
        area,
        state,
        art,
        lessons,
        effects,
        time,
    } = scene;
    // Behind the main menu the map is a backdrop, not a side's view of it.
    let fogged = *state.get() != crate::app::state::AppState::MainMenu;
    let Some(geo) = geo else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    painted.0 += 1;
    let (cam, cam_global, projection) = *camera;
    let world_scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let zoom = ctx.zoom_factor();
    let view = View {
        cam,
        at: cam_global,
        scale: 1.0 / (world_scale * zoom),
        zoom,
        geo: &geo,
        // What the panels leave visible: nothing is painted under them.
        screen: area.0.map_or_else(
            || ctx.content_rect(),
            |a| {
                egui::Rect::from_min_max(
                    egui::pos2(a.min.x / zoom, a.min.y / zoom),
                    egui::pos2(a.max.x / zoom, a.max.y / zoom),
                )
            },
        ),
    };
    let painter = ctx
        .layer_painter(egui::LayerId::background())
        .with_clip_rect(view.screen);
    let game = session.view();
    let me = session.player;
    let hex_px = geo.tile_size.x * view.scale;

    if overlays.supply {
        paint_supply(&painter, &view, game, me, &supply.reached);
    }
    paint_places(&painter, &view, game, &settings, &art);
    if let Some(sight) = session.sight().filter(|_| fogged) {
        fog::paint_fog(&painter, &view, game, sight);
    }
    let front = (overlays.history && session.calendar_shown())
        .then(|| crate::app::frontline::current(&session))
        .flatten();
    if let Some((_, rows)) = &front {
        front::paint_front_line(&painter, &view, game, &settings, rows);
    }
    if overlays.objectives {
        paint_objectives(&painter, &view, game, me, &settings);
    }
    let my_turn = !game.is_over() && game.active_faction() == me;
    let selected = selection.unit.and_then(|id| game.unit(id));
    if let Some(u) = selected {
        if let Some(r) = game.supply_report(u.id) {
            paint_supply_line(&painter, &view, &r);
        }
        if u.owner == me && my_turn && selection.pending.is_none() {
            paint_reach(&painter, &view, game, u, hovered.0, hex_px);
        }
    }
    let mut counters = Vec::new();
    for u in game.units() {
        let at = anim
            .pos
            .get(&u.id)
            .copied()
            .unwrap_or_else(|| geo.world(u.hex));
        let Some(p) = view.point(at) else { continue };
        if view.visible(p, 40.0) {
            counters.push((u, p));
        }
    }
    // Labels give way to counters: none is drawn over one.
    let taken: Vec<egui::Rect> = counters
        .iter()
        .map(|(_, p)| counter_rect(*p, hex_px).expand(2.0))
        .collect();
    paint_labels(&painter, &view, game, taken);
    let markers: Vec<&crate::sim::Sighting> = session.last_seen().iter().collect();
    fog::paint_last_seen(&painter, &view, game, &settings, &markers, hex_px);
    let ppp = ctx.pixels_per_point();
    painted.1.clear();
    for (u, p) in counters {
        let rect = counter_rect(p, hex_px);
        if view.screen.contains_rect(rect) {
            let px = |r: egui::Rect| egui::Rect::from_min_max(r.min * ppp, r.max * ppp);
            painted.1.push(PaintedCounter {
                kind: u.kind,
                rect: px(rect),
                symbol: px(symbol_rect(rect)),
            });
        }
        let state = CounterState {
            selected: selection.unit == Some(u.id),
            spent: u.owner == me && my_turn && u.movement_left == 0 && u.has_attacked,
            own: u.owner == me,
        };
        paint_counter(&painter, p, hex_px, game, &settings, &art, u, state);
    }
    paint_defences(&painter, &view, game, hex_px);
    effects::paint(&painter, &view, &effects, &art, time.elapsed_secs(), hex_px);
    if let Some(pending) = &selection.pending
        && let Some(p) = view.hex(pending.target)
    {
        let r = hex_px * 0.55;
        let red = egui::Stroke::new(3.0, egui::Color32::from_rgb(230, 40, 40));
        painter.circle_stroke(p, r, red);
        painter.line_segment(
            [p - egui::vec2(r * 1.4, 0.0), p + egui::vec2(r * 1.4, 0.0)],
            red,
        );
        painter.line_segment(
            [p - egui::vec2(0.0, r * 1.4), p + egui::vec2(0.0, r * 1.4)],
            red,
        );
    }
    // Ground an attack of the player's has just emptied: ringed in gold, with the attackers
    // that may step in, until the player chooses.
    if let Some((hex, units)) = selection.advance(game, me)
        && let Some(shape) = view.hex_shape(hex)
    {
        let gold = egui::Color32::from_rgb(255, 210, 70);
        painter.add(egui::Shape::closed_line(
            shape,
            egui::Stroke::new(3.0, gold),
        ));
        for id in units {
            if let (Some(u), Some(to)) = (game.unit(*id), view.hex(hex))
                && let Some(from) = view.hex(u.hex)
            {
                painter.arrow(from, (to - from) * 0.7, egui::Stroke::new(2.5, gold));
            }
        }
    }
    if let Some(h) = hovered.0
        && let Some(shape) = view.hex_shape(h)
    {
        painter.add(egui::Shape::closed_line(
            shape,
            egui::Stroke::new(1.5, egui::Color32::from_white_alpha(200)),
        ));
    }
    // What the tutorial's lesson is about: ringed twice in gold.
    let shown = lessons
        .progress
        .as_ref()
        .and_then(|p| p.current())
        .and_then(|(_, l)| l.show.as_deref())
        .and_then(|key| crate::app::lessons::shown_hex(&session, key));
    if let Some(c) = shown.and_then(|h| view.hex(h)) {
        let gold = egui::Color32::from_rgb(255, 205, 60);
        painter.circle_stroke(c, hex_px * 0.62, egui::Stroke::new(3.0, gold));
        painter.circle_stroke(
            c,
            hex_px * 0.78,
            egui::Stroke::new(1.5, gold.gamma_multiply(0.7)),
        );
    }
    if let Some((line, rows)) = &front {
        let (same, known) = crate::history::agreement(rows);
        let legend = format!(
            "History, {}: each flag shows who really held the place; a red ring marks where your map differs ({same} of {known} places agree).",
            crate::history::day_of(line).map_or_else(String::new, |d| d.to_string()),
        );
        front::paint_legend(&painter, &view, &legend);
    }
    Ok(())
}

/// The overlays' keys: C control, U supply, O objectives, L the real front line.
fn toggle_overlays(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut overlays: ResMut<Overlays>,
) {
    if !focus.keys_for_map() {
        return;
    }
    if keys.just_pressed(KeyCode::KeyC) {
        overlays.control = !overlays.control;
    }
    if keys.just_pressed(KeyCode::KeyU) {
        overlays.supply = !overlays.supply;
    }
    if keys.just_pressed(KeyCode::KeyO) {
        overlays.objectives = !overlays.objectives;
    }
    if keys.just_pressed(KeyCode::KeyL) {
        overlays.history = !overlays.history;
    }
    if keys.just_pressed(KeyCode::KeyM) {
        overlays.minimap = !overlays.minimap;
    }
}
