//! What is painted over the map under the counters: supply, places, objectives, the selected
//! unit's supply line and reach, and place names.

use bevy::prelude::*;
use bevy_egui::egui;
use hexx::Hex;

use super::view::View;
use crate::app::settings::Settings;
use crate::app::theme::{EMPTIED, colour};
use crate::sim::{FactionId, Game, Unit};

pub(super) fn paint_supply(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    me: FactionId,
    reached: &[bool],
) {
    let map = &game.scenario().map;
    // Strong enough to read over the textured terrain.
    let green = egui::Color32::from_rgba_unmultiplied(40, 210, 80, 90);
    let red = egui::Color32::from_rgba_unmultiplied(235, 40, 40, 110);
    let edge = egui::Stroke::new(1.0, egui::Color32::from_rgba_unmultiplied(20, 90, 40, 120));
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
            painter.add(egui::Shape::convex_polygon(shape, fill, edge));
        }
    }
}

/// Prepared defences: a column of blocks along the left of the garrison's counter (or of the
/// place when it stands empty), filled for each line standing and hollow for each broken,
/// clear of the objective's points above the counter.
pub(super) fn paint_defences(painter: &egui::Painter, view: &View, game: &Game, hex_px: f32) {
    let s = game.scenario();
    let size = (hex_px * 0.12).clamp(4.0, 7.5);
    let gap = (size * 0.35).max(1.0);
    let sand = egui::Color32::from_rgb(222, 190, 110);
    let dark = egui::Stroke::new(1.0, egui::Color32::from_rgb(30, 26, 20));
    for (i, p) in s.places.iter().enumerate().filter(|(_, p)| p.defences > 0) {
        let Some(c) = view.hex(p.hex) else { continue };
        if !view.visible(c, 20.0) {
            continue;
        }
        let (left, top) = if game.unit_at(p.hex).is_some() {
            let r = super::counters::counter_rect(c, hex_px);
            (r.left() - size - 2.0, r.top())
        } else {
            let r = (hex_px * 0.12).clamp(4.0, 12.0);
            let n = f32::from(p.defences);
            (
                c.x - r - size - 4.0,
                c.y - (n * size + (n - 1.0) * gap) / 2.0,
            )
        };
        let lines = game.defences(crate::sim::PlaceId(i as u16));
        for k in 0..p.defences {
            let y = top + f32::from(k) * (size + gap);
            let r = egui::Rect::from_min_size(egui::pos2(left, y), egui::vec2(size, size));
            if k < lines {
                painter.rect(r, 1.0, sand, dark, egui::StrokeKind::Inside);
            } else {
                painter.rect(
                    r,
                    1.0,
                    egui::Color32::from_black_alpha(120),
                    egui::Stroke::new(1.0, sand),
                    egui::StrokeKind::Inside,
                );
            }
        }
    }
}

pub(super) fn paint_places(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    settings: &Settings,
    art: &crate::app::art::ArtTextures,
) {
    let s = game.scenario();
    for (i, p) in s.places.iter().enumerate() {
        let Some(c) = view.hex(p.hex) else { continue };
        if !view.visible(c, 20.0) {
            continue;
        }
        let r =
            ((3.0 + (p.population as f32).sqrt() / 60.0).min(10.0) * view.scale).clamp(2.5, 14.0);
        let ring = match game.place_holder(crate::sim::PlaceId(i as u16)) {
            Some(f) => colour(settings.faction_rgb(game, f)),
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
        let ring = holder.map_or(egui::Color32::GRAY, |h| {
            colour(settings.faction_rgb(game, h))
        });
        let icon = art.icon(match f.kind {
            crate::sim::FieldKind::Oil => "oil",
            crate::sim::FieldKind::Gas => "gas",
        });
        if let Some(tex) = icon {
            // The field's picture in a ring of its holder's colour.
            let r = r * 1.5;
            painter.circle_filled(c, r + 2.0, ring);
            painter.image(
                tex,
                egui::Rect::from_center_size(c, egui::vec2(r * 2.0, r * 2.0)),
                crate::app::art::WHOLE,
                egui::Color32::WHITE,
            );
        } else {
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
        }
        // Damage: one red bar per level.
        for k in 0..game.field_damage(i) {
            let y = c.y + r + 3.0 + f32::from(k) * 3.0;
            painter.line_segment(
                [egui::pos2(c.x - r, y), egui::pos2(c.x + r, y)],
                egui::Stroke::new(2.0, egui::Color32::from_rgb(220, 40, 30)),
            );
        }
    }
    // Where supply comes from: a crate with an arrow, at the hex's lower left.
    if let Some(tex) = art.icon("supply") {
        for src in &s.supply_sources {
            let Some(c) = view.hex(src.hex) else { continue };
            if !view.visible(c, 20.0) {
                continue;
            }
            let size = (11.0 * view.scale).clamp(9.0, 20.0);
            let at = c + egui::vec2(-8.0, 7.0) * view.scale.max(0.5);
            painter.image(
                tex,
                egui::Rect::from_center_size(at, egui::vec2(size, size)),
                crate::app::art::WHOLE,
                egui::Color32::WHITE,
            );
        }
    }
}

pub(super) fn paint_objectives(
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
            colour(settings.faction_rgb(game, o.faction))
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

pub(super) fn paint_supply_line(
    painter: &egui::Painter,
    view: &View,
    r: &crate::sim::SupplyReport,
) {
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

pub(super) fn paint_reach(
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
    // An enemy under the pointer that a move would bring within reach: the way beside it,
    // dashed, and what a click does.
    let approach = hovered
        .filter(|h| {
            game.unit_at(*h).is_some_and(|e| {
                game.stance(u.owner, e.owner).fights() && game.preview_attack(&[u.id], *h).is_err()
            })
        })
        .and_then(|h| crate::app::approach::approach(game, u.id, h).map(|step| (h, step)));
    if let Some((target, crate::sim::Command::Move { path, .. })) = &approach {
        let mut points: Vec<egui::Pos2> = Vec::with_capacity(path.len() + 2);
        points.extend(view.hex(u.hex));
        points.extend(path.iter().filter_map(|h| view.hex(*h)));
        let orange = egui::Color32::from_rgb(255, 150, 60);
        painter.add(egui::Shape::dashed_line(
            &points,
            egui::Stroke::new(3.0, orange),
            8.0,
            5.0,
        ));
        if let Some(c) = view.hex(*target) {
            painter.circle_stroke(c, hex_px * 0.5, egui::Stroke::new(2.5, orange));
            painter.text(
                c + egui::vec2(hex_px * 0.45, -hex_px * 0.45),
                egui::Align2::LEFT_BOTTOM,
                "move beside and attack",
                egui::FontId::proportional(12.0),
                egui::Color32::from_rgb(255, 200, 140),
            );
        }
        return;
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

/// Place names, the biggest places first; a label goes below its place, else above, right or
/// left, wherever it covers neither a counter (`taken` holds theirs) nor a label already
/// placed, and is left out when there is no such spot.
pub(super) fn paint_labels(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    mut taken: Vec<egui::Rect>,
) {
    let mut places: Vec<_> = game.scenario().places.iter().collect();
    places.sort_by(|a, b| b.population.cmp(&a.population).then(a.key.cmp(&b.key)));
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
        let spots = [
            egui::pos2(v.x - size.x / 2.0, v.y + 9.0),
            egui::pos2(v.x - size.x / 2.0, v.y - 9.0 - size.y),
            egui::pos2(v.x + 10.0, v.y - size.y / 2.0),
            egui::pos2(v.x - 10.0 - size.x, v.y - size.y / 2.0),
        ];
        let Some((pos, rect)) = spots
            .into_iter()
            .map(|pos| (pos, egui::Rect::from_min_size(pos, size).expand(2.0)))
            .find(|(_, rect)| !taken.iter().any(|r| r.intersects(*rect)))
        else {
            continue;
        };
        taken.push(rect);
        painter.rect_filled(rect, 3.0, egui::Color32::from_black_alpha(150));
        painter.galley(pos, galley, egui::Color32::WHITE);
    }
}
