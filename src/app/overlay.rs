//! Everything drawn over the terrain that changes as the game goes on, painted with egui in
//! screen space so it stays crisp at every zoom: places (ringed in the holder's colour), oil
//! fields, overlays (supply, objectives), the selected unit's reach, path and supply line,
//! unit counters in the wargame tradition, and place names that give way to each other.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, egui};
use hexx::Hex;

use super::Session;
use super::camera::{HoveredHex, MapArea, MapCamera};
use super::coords::MapGeometry;
use super::map_view::Overlays;
use super::orders::Selection;
use super::settings::Settings;
use crate::sim::{FactionId, Game, SupplyState, Unit, UnitKind};

/// Where each counter is drawn now (world units): it slides toward its unit's hex.
#[derive(Resource, Default, Debug)]
pub struct UnitAnim {
    pos: HashMap<crate::sim::UnitId, Vec2>,
}

/// The player's supply network, traced again only when the game changes.
#[derive(Resource, Default, Debug)]
pub struct SupplyCache {
    key: Option<(usize, u16, FactionId)>,
    reached: Vec<bool>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UnitAnim>()
        .init_resource::<SupplyCache>()
        .add_systems(Update, (animate_units, trace_supply));
}

fn animate_units(
    time: Res<Time>,
    settings: Res<Settings>,
    session: Res<Session>,
    geo: Option<Res<MapGeometry>>,
    revision: Res<super::MapRevision>,
    mut anim: ResMut<UnitAnim>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(geo) = geo else { return };
    if revision.is_changed() {
        // A new game or level: counters start where their units stand.
        anim.pos.clear();
    }
    let game = &session.game;
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

fn trace_supply(session: Res<Session>, mut cache: ResMut<SupplyCache>) {
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

fn c32(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// World to screen (egui points) for the current camera.
struct View<'a> {
    cam: &'a Camera,
    at: &'a GlobalTransform,
    /// egui points per world unit.
    scale: f32,
    zoom: f32,
    geo: &'a MapGeometry,
    screen: egui::Rect,
}

impl View<'_> {
    fn point(&self, world: Vec2) -> Option<egui::Pos2> {
        let v = self
            .cam
            .world_to_viewport(self.at, world.extend(0.0))
            .ok()?;
        Some(egui::pos2(v.x / self.zoom, v.y / self.zoom))
    }

    fn hex(&self, hex: Hex) -> Option<egui::Pos2> {
        self.point(self.geo.world(hex))
    }

    fn visible(&self, p: egui::Pos2, margin: f32) -> bool {
        self.screen.expand(margin).contains(p)
    }

    fn hex_shape(&self, hex: Hex) -> Option<Vec<egui::Pos2>> {
        self.geo
            .corners(hex)
            .iter()
            .map(|c| self.point(*c))
            .collect()
    }
}

/// Paints the map layer. Runs before the panels, on the same background layer, so the panels
/// cover it.
#[allow(clippy::too_many_arguments)]
pub fn paint_map(
    mut contexts: EguiContexts,
    session: Res<Session>,
    settings: Res<Settings>,
    selection: Res<Selection>,
    hovered: Res<HoveredHex>,
    overlays: Res<Overlays>,
    supply: Res<SupplyCache>,
    anim: Res<UnitAnim>,
    geo: Option<Res<MapGeometry>>,
    area: Res<MapArea>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<MapCamera>>,
) -> Result {
    let Some(geo) = geo else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
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
    let game = &session.game;
    let me = session.player;
    let hex_px = geo.tile_size.x * view.scale;

    if overlays.supply {
        paint_supply(&painter, &view, game, me, &supply.reached);
    }
    paint_places(&painter, &view, game, &settings);
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
    paint_labels(&painter, &view, game);
    for u in game.units() {
        let at = anim
            .pos
            .get(&u.id)
            .copied()
            .unwrap_or_else(|| geo.world(u.hex));
        let Some(p) = view.point(at) else { continue };
        if !view.visible(p, 40.0) {
            continue;
        }
        let state = CounterState {
            selected: selection.unit == Some(u.id),
            spent: u.owner == me && my_turn && u.movement_left == 0 && u.has_attacked,
        };
        paint_counter(&painter, p, hex_px, game, &settings, u, state);
    }
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
    if let Some(h) = hovered.0
        && let Some(shape) = view.hex_shape(h)
    {
        painter.add(egui::Shape::closed_line(
            shape,
            egui::Stroke::new(1.5, egui::Color32::from_white_alpha(200)),
        ));
    }
    Ok(())
}

fn paint_supply(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    me: FactionId,
    reached: &[bool],
) {
    let map = &game.scenario().map;
    let green = egui::Color32::from_rgba_unmultiplied(40, 200, 80, 55);
    let red = egui::Color32::from_rgba_unmultiplied(230, 40, 40, 70);
    for hex in map.hexes() {
        let Some(i) = map.index(hex) else { continue };
        let fill = if reached.get(i).copied().unwrap_or(false) {
            green
        } else if game.control(hex) == Some(me) {
            // Own ground the supply does not reach: where the line is cut.
            red
        } else {
            continue;
        };
        let Some(c) = view.hex(hex) else { continue };
        if !view.visible(c, 30.0) {
            continue;
        }
        if let Some(shape) = view.hex_shape(hex) {
            painter.add(egui::Shape::convex_polygon(shape, fill, egui::Stroke::NONE));
        }
    }
}

/// The colour of the part of a place's marker whose people have fled.
pub const EMPTIED: egui::Color32 = egui::Color32::from_rgb(120, 112, 104);

fn paint_places(painter: &egui::Painter, view: &View, game: &Game, settings: &Settings) {
    let s = game.scenario();
    for (i, p) in s.places.iter().enumerate() {
        let Some(c) = view.hex(p.hex) else { continue };
        if !view.visible(c, 20.0) {
            continue;
        }
        let r =
            ((3.0 + (p.population as f32).sqrt() / 60.0).min(10.0) * view.scale).clamp(2.5, 14.0);
        let ring = match game.place_holder(crate::sim::PlaceId(i as u16)) {
            Some(f) => c32(settings.faction_rgb(game, f)),
            None => egui::Color32::GRAY,
        };
        painter.circle_filled(c, r + 2.5, ring);
        // A town its people have fled looks emptied: the light core shrinks with the share
        // still living there.
        let left = if p.population > 0 {
            game.residents(crate::sim::PlaceId(i as u16)) as f32 / p.population as f32
        } else {
            1.0
        };
        if left < 0.995 {
            painter.circle_filled(c, r, EMPTIED);
        }
        painter.circle_filled(c, r * left.sqrt(), egui::Color32::from_rgb(247, 245, 235));
    }
    for (i, f) in s.oil_fields.iter().enumerate() {
        let Some(c) = view.hex(f.hex) else { continue };
        if !view.visible(c, 20.0) {
            continue;
        }
        let c = c + egui::vec2(8.0, 7.0) * view.scale.max(0.5);
        let r = (4.5 * view.scale).clamp(3.5, 9.0);
        let holder = game.control(f.hex);
        let ring = holder.map_or(egui::Color32::GRAY, |h| c32(settings.faction_rgb(game, h)));
        let diamond = |r: f32| {
            vec![
                c + egui::vec2(0.0, -r),
                c + egui::vec2(r, 0.0),
                c + egui::vec2(0.0, r),
                c + egui::vec2(-r, 0.0),
            ]
        };
        painter.add(egui::Shape::convex_polygon(
            diamond(r + 2.0),
            ring,
            egui::Stroke::NONE,
        ));
        painter.add(egui::Shape::convex_polygon(
            diamond(r),
            egui::Color32::from_rgb(20, 20, 20),
            egui::Stroke::NONE,
        ));
        // Damage: one red bar per level.
        for k in 0..game.field_damage(i) {
            let y = c.y + r + 3.0 + f32::from(k) * 3.0;
            painter.line_segment(
                [egui::pos2(c.x - r, y), egui::pos2(c.x + r, y)],
                egui::Stroke::new(2.0, egui::Color32::from_rgb(220, 40, 30)),
            );
        }
    }
}

fn paint_objectives(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    me: FactionId,
    settings: &Settings,
) {
    let s = game.scenario();
    for o in &s.objectives {
        let mine = o.faction == me;
        let color = if mine {
            egui::Color32::from_rgb(255, 205, 40)
        } else {
            c32(settings.faction_rgb(game, o.faction))
        };
        for h in s.objective_hexes(&o.goal) {
            let Some(c) = view.hex(h) else { continue };
            let r = (14.0 * view.scale).clamp(9.0, 30.0);
            let width = if mine { 3.0 } else { 1.5 };
            painter.circle_stroke(c, r, egui::Stroke::new(width, color));
            if mine && view.scale > 0.5 {
                let text = match o.by {
                    Some(_) => format!("★{} ⏱", o.points),
                    None => format!("★{}", o.points),
                };
                painter.text(
                    c + egui::vec2(0.0, -r - 2.0),
                    egui::Align2::CENTER_BOTTOM,
                    text,
                    egui::FontId::proportional(12.0),
                    color,
                );
            }
        }
    }
}

fn paint_supply_line(painter: &egui::Painter, view: &View, r: &crate::sim::SupplyReport) {
    let points: Vec<egui::Pos2> = r.path.iter().filter_map(|h| view.hex(*h)).collect();
    let color = if r.reached {
        egui::Color32::from_rgb(60, 210, 90)
    } else {
        egui::Color32::from_rgb(230, 60, 50)
    };
    for w in points.windows(2) {
        painter.add(egui::Shape::dashed_line(
            &[w[0], w[1]],
            egui::Stroke::new(2.0, color),
            6.0,
            4.0,
        ));
    }
    let cut = match &r.cut {
        Some(crate::sim::Cut::Ground { hex, .. })
        | Some(crate::sim::Cut::ZoneOfControl { hex, .. }) => Some(*hex),
        _ => None,
    };
    if let Some(p) = cut.and_then(|h| view.hex(h)) {
        let d = 7.0;
        let s = egui::Stroke::new(3.0, egui::Color32::from_rgb(230, 40, 40));
        painter.line_segment([p + egui::vec2(-d, -d), p + egui::vec2(d, d)], s);
        painter.line_segment([p + egui::vec2(-d, d), p + egui::vec2(d, -d)], s);
    }
}

fn paint_reach(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    u: &Unit,
    hovered: Option<Hex>,
    hex_px: f32,
) {
    let reach = game.reachable(u.id);
    let fill = egui::Color32::from_rgba_unmultiplied(255, 255, 255, 60);
    let edge = egui::Stroke::new(1.0, egui::Color32::from_white_alpha(120));
    for (&(x, y), r) in &reach {
        let h = Hex::new(x, y);
        let Some(shape) = view.hex_shape(h) else {
            continue;
        };
        painter.add(egui::Shape::convex_polygon(shape, fill, edge));
        if hex_px >= 30.0
            && let Some(c) = view.hex(h)
        {
            painter.text(
                c + egui::vec2(0.0, hex_px * 0.28),
                egui::Align2::CENTER_CENTER,
                r.cost.to_string(),
                egui::FontId::proportional(10.0),
                egui::Color32::from_black_alpha(200),
            );
        }
    }
    // Enemies it could attack now.
    for e in game.units() {
        if e.owner != u.owner
            && game.stance(u.owner, e.owner).fights()
            && game.preview_attack(&[u.id], e.hex).is_ok()
            && let Some(c) = view.hex(e.hex)
        {
            painter.circle_stroke(
                c,
                hex_px * 0.5,
                egui::Stroke::new(2.5, egui::Color32::from_rgb(235, 50, 40)),
            );
        }
    }
    // The way to the hex under the pointer.
    if let Some(to) = hovered
        && let Some(path) = game.path_to(u.id, to)
    {
        let mut points: Vec<egui::Pos2> = Vec::with_capacity(path.len() + 1);
        points.extend(view.hex(u.hex));
        points.extend(path.iter().filter_map(|h| view.hex(*h)));
        painter.add(egui::Shape::line(
            points.clone(),
            egui::Stroke::new(3.0, egui::Color32::from_rgb(255, 220, 60)),
        ));
        if let (Some(last), Some(r)) = (points.last(), reach.get(&(to.x, to.y))) {
            painter.circle_filled(*last, 4.0, egui::Color32::from_rgb(255, 220, 60));
            painter.text(
                *last + egui::vec2(8.0, -8.0),
                egui::Align2::LEFT_BOTTOM,
                format!("{} MP", r.cost),
                egui::FontId::proportional(12.0),
                egui::Color32::from_rgb(255, 230, 120),
            );
        }
    }
}

fn paint_labels(painter: &egui::Painter, view: &View, game: &Game) {
    let mut places: Vec<_> = game.scenario().places.iter().collect();
    // Biggest first, so when labels would overlap the smaller place gives way.
    places.sort_by(|a, b| b.population.cmp(&a.population).then(a.key.cmp(&b.key)));
    let mut taken: Vec<egui::Rect> = Vec::new();
    let font = egui::FontId::proportional(13.0);
    for p in places {
        let Some(v) = view.hex(p.hex) else { continue };
        if !view.visible(v, 0.0) {
            continue;
        }
        // Villages only when zoomed in.
        if view.scale < 0.66 && p.population < 20_000 {
            continue;
        }
        let galley = painter.layout_no_wrap(p.name.clone(), font.clone(), egui::Color32::WHITE);
        let size = galley.size();
        let pos = egui::pos2(v.x - size.x / 2.0, v.y + 9.0);
        let rect = egui::Rect::from_min_size(pos, size).expand(2.0);
        if taken.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        taken.push(rect);
        painter.rect_filled(rect, 3.0, egui::Color32::from_black_alpha(150));
        painter.galley(pos, galley, egui::Color32::WHITE);
    }
}

/// How a counter is marked besides its unit.
#[derive(Clone, Copy, Debug, Default)]
struct CounterState {
    selected: bool,
    /// The player's unit has done all it can this turn.
    spent: bool,
}

/// A unit counter: a frame whose shape tells the faction apart (not only its colour), a
/// NATO-style type symbol, a strength bar with the strength, and marks for supply, morale
/// and dug-in positions.
fn paint_counter(
    painter: &egui::Painter,
    centre: egui::Pos2,
    hex_px: f32,
    game: &Game,
    settings: &Settings,
    u: &Unit,
    state: CounterState,
) {
    let w = (hex_px * 0.82).clamp(16.0, 52.0);
    let h = w * 0.74;
    let rect = egui::Rect::from_center_size(centre, egui::vec2(w, h));
    let fill = c32(settings.faction_rgb(game, u.owner));
    let fill = if state.spent {
        fill.gamma_multiply(0.55)
    } else {
        fill
    };
    let dark = egui::Color32::from_rgb(20, 20, 24);
    let frame = if state.selected {
        egui::Stroke::new(3.0, egui::Color32::from_rgb(255, 230, 60))
    } else {
        egui::Stroke::new(1.5, dark)
    };
    // Shadow, then the faction's frame shape.
    painter.add(frame_shape(
        rect.translate(egui::vec2(2.0, 2.0)),
        u.owner,
        egui::Color32::from_black_alpha(110),
        egui::Stroke::NONE,
    ));
    painter.add(frame_shape(rect, u.owner, fill, frame));
    // Type symbol in a white box, upper part.
    let sym = egui::Rect::from_center_size(
        rect.center() - egui::vec2(0.0, h * 0.12),
        egui::vec2(w * 0.56, h * 0.42),
    );
    painter.rect_filled(sym, 0.0, egui::Color32::from_rgb(245, 243, 236));
    let line = egui::Stroke::new((w / 28.0).clamp(1.0, 2.0), dark);
    painter.rect_stroke(sym, 0.0, line, egui::StrokeKind::Inside);
    let (tl, tr, bl, br) = (
        sym.left_top(),
        sym.right_top(),
        sym.left_bottom(),
        sym.right_bottom(),
    );
    match u.kind {
        UnitKind::Infantry => {
            painter.line_segment([tl, br], line);
            painter.line_segment([bl, tr], line);
        }
        UnitKind::Mechanised => {
            painter.line_segment([tl, br], line);
            painter.line_segment([bl, tr], line);
            painter.rect_stroke(
                sym.shrink2(egui::vec2(sym.width() * 0.2, sym.height() * 0.22)),
                egui::CornerRadius::same((sym.height() * 0.3) as u8),
                line,
                egui::StrokeKind::Middle,
            );
        }
        UnitKind::Militia => {
            // Irregulars: a single diagonal and a "G" for guerrilla-style fighters.
            painter.line_segment([bl, tr], line);
            if w >= 26.0 {
                painter.text(
                    sym.left_top() + egui::vec2(sym.width() * 0.25, sym.height() * 0.5),
                    egui::Align2::CENTER_CENTER,
                    "G",
                    egui::FontId::proportional(sym.height() * 0.6),
                    dark,
                );
            }
        }
        UnitKind::SpecialForces => {
            painter.text(
                sym.center(),
                egui::Align2::CENTER_CENTER,
                "SF",
                egui::FontId::proportional(sym.height() * 0.75),
                dark,
            );
        }
        UnitKind::Artillery => {
            painter.circle_filled(sym.center(), sym.height() * 0.2, dark);
        }
    }
    // Strength bar along the bottom, and the number when there is room.
    let full = u.full_strength.max(u.strength).max(1);
    let frac = f32::from(u.strength) / f32::from(full);
    let bar = egui::Rect::from_min_max(
        egui::pos2(rect.left() + w * 0.1, rect.bottom() - h * 0.2),
        egui::pos2(rect.right() - w * 0.1, rect.bottom() - h * 0.08),
    );
    painter.rect_filled(bar, 0.0, egui::Color32::from_black_alpha(160));
    let bar_color = if frac > 0.66 {
        egui::Color32::from_rgb(80, 210, 90)
    } else if frac > 0.33 {
        egui::Color32::from_rgb(240, 200, 50)
    } else {
        egui::Color32::from_rgb(235, 70, 50)
    };
    painter.rect_filled(
        egui::Rect::from_min_size(bar.min, egui::vec2(bar.width() * frac, bar.height())),
        0.0,
        bar_color,
    );
    if w >= 30.0 {
        painter.text(
            egui::pos2(rect.right() - 2.0, rect.top() + 1.0),
            egui::Align2::RIGHT_TOP,
            u.strength.to_string(),
            egui::FontId::proportional((h * 0.26).max(9.0)),
            dark,
        );
    }
    // Supply: a yellow or red dot at the top left.
    let mark = match u.supply {
        SupplyState::Supplied => None,
        SupplyState::Low => Some(egui::Color32::from_rgb(250, 210, 40)),
        SupplyState::Out => Some(egui::Color32::from_rgb(235, 40, 40)),
    };
    if let Some(c) = mark {
        let p = rect.left_top() + egui::vec2(0.0, 0.0);
        painter.circle_filled(p, (w * 0.13).max(3.5), c);
        painter.circle_stroke(p, (w * 0.13).max(3.5), egui::Stroke::new(1.0, dark));
    }
    // Low morale: a down chevron at the bottom left.
    if u.morale < 40 {
        let p = rect.left_bottom() + egui::vec2(0.0, 0.0);
        let d = (w * 0.1).max(3.0);
        let s = egui::Stroke::new(2.0, egui::Color32::from_rgb(235, 40, 40));
        painter.line_segment([p + egui::vec2(-d, -d), p], s);
        painter.line_segment([p, p + egui::vec2(d, -d)], s);
    }
    // Dug in: an earthwork line under the counter.
    if u.dug_in {
        let y = rect.bottom() + 3.0;
        painter.line_segment(
            [
                egui::pos2(rect.left() - 2.0, y),
                egui::pos2(rect.right() + 2.0, y),
            ],
            egui::Stroke::new(2.5, egui::Color32::from_rgb(120, 85, 45)),
        );
    }
}

/// The frame of a counter: its shape differs by faction, so factions can be told apart
/// without colour.
fn frame_shape(
    rect: egui::Rect,
    owner: FactionId,
    fill: egui::Color32,
    stroke: egui::Stroke,
) -> egui::Shape {
    let cut = rect.height() * 0.22;
    match owner.0 % 4 {
        // Square corners.
        0 => egui::Shape::Rect(egui::epaint::RectShape::new(
            rect,
            0.0,
            fill,
            stroke,
            egui::StrokeKind::Inside,
        )),
        // Rounded.
        1 => egui::Shape::Rect(egui::epaint::RectShape::new(
            rect,
            (rect.height() * 0.35) as u8,
            fill,
            stroke,
            egui::StrokeKind::Inside,
        )),
        // Cut corners (an octagon).
        2 => {
            let (l, r, t, b) = (rect.left(), rect.right(), rect.top(), rect.bottom());
            egui::Shape::convex_polygon(
                vec![
                    egui::pos2(l + cut, t),
                    egui::pos2(r - cut, t),
                    egui::pos2(r, t + cut),
                    egui::pos2(r, b - cut),
                    egui::pos2(r - cut, b),
                    egui::pos2(l + cut, b),
                    egui::pos2(l, b - cut),
                    egui::pos2(l, t + cut),
                ],
                fill,
                stroke,
            )
        }
        // Pointed ends (a lozenge-sided counter).
        _ => {
            let (l, r, t, b) = (rect.left(), rect.right(), rect.top(), rect.bottom());
            let m = rect.center().y;
            egui::Shape::convex_polygon(
                vec![
                    egui::pos2(l + cut, t),
                    egui::pos2(r - cut, t),
                    egui::pos2(r, m),
                    egui::pos2(r - cut, b),
                    egui::pos2(l + cut, b),
                    egui::pos2(l, m),
                ],
                fill,
                stroke,
            )
        }
    }
}
