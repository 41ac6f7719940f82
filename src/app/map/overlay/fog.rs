//! The fog of war on the map: ground the player's side cannot see is shaded, and enemy units
//! it saw and lost sight of stand as hollow markers with the date they were last seen.

use bevy_egui::egui;

use super::counters::counter_rect;
use super::view::View;
use crate::app::settings::Settings;
use crate::app::theme::colour;
use crate::sim::{Game, Sight, Sighting};

/// Shades every hex on screen the side does not see.
pub(super) fn paint_fog(painter: &egui::Painter, view: &View, game: &Game, sight: &Sight) {
    let map = &game.scenario().map;
    let shade = egui::Color32::from_rgba_unmultiplied(14, 16, 24, 150);
    for hex in map.hexes() {
        if sight.sees_hex(game, hex) {
            continue;
        }
        let Some(c) = view.hex(hex) else { continue };
        if !view.visible(c, 30.0) {
            continue;
        }
        if let Some(shape) = view.hex_shape(hex) {
            painter.add(egui::Shape::convex_polygon(
                shape,
                shade,
                egui::Stroke::NONE,
            ));
        }
    }
}

/// Where the player's side last saw enemy units it no longer sees: a hollow counter in the
/// enemy's colour with a question mark, and the date under it when there is room.
pub(super) fn paint_last_seen(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    settings: &Settings,
    markers: &[&Sighting],
    hex_px: f32,
) {
    for s in markers {
        let Some(c) = view.hex(s.hex) else { continue };
        if !view.visible(c, 40.0) {
            continue;
        }
        let rect = counter_rect(c, hex_px).shrink(2.0);
        let tint = colour(settings.faction_rgb(game, s.owner));
        painter.rect_filled(rect, 3.0, tint.gamma_multiply(0.25));
        dashed_rect(painter, rect, egui::Stroke::new(1.5, tint));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "?",
            egui::FontId::proportional(rect.height() * 0.7),
            egui::Color32::from_white_alpha(220),
        );
        if hex_px >= 34.0 {
            painter.text(
                rect.center_bottom() + egui::vec2(0.0, 1.0),
                egui::Align2::CENTER_TOP,
                short_date(s.date),
                egui::FontId::proportional(10.0),
                egui::Color32::from_white_alpha(210),
            );
        }
    }
}

/// "9 Nov": a marker's date, short enough to sit under a counter.
pub fn short_date(d: crate::sim::Date) -> String {
    let full = d.to_string();
    let mut words = full.split_whitespace();
    match (words.next(), words.next()) {
        (Some(day), Some(month)) => format!("{day} {}", month.chars().take(3).collect::<String>()),
        _ => full,
    }
}

fn dashed_rect(painter: &egui::Painter, r: egui::Rect, stroke: egui::Stroke) {
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
    ];
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        painter.extend(egui::Shape::dashed_line(&[a, b], stroke, 4.0, 3.0));
    }
}
