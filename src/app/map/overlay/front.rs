//! The History overlay: a pennant by each place and field of the real front line in force on
//! the game's date, in the colour of the side that held it, ringed where the player's map
//! differs; and a legend saying which day it is.

use bevy_egui::egui;

use super::view::View;
use crate::app::settings::Settings;
use crate::app::theme::{HISTORY_COLOUR, colour};
use crate::history::Beside;
use crate::sim::Game;

/// Paints the pennants of a front line's rows (under the counters).
pub(super) fn paint_front_line(
    painter: &egui::Painter,
    view: &View,
    game: &Game,
    settings: &Settings,
    rows: &[Beside],
) {
    let k = view.scale.clamp(0.6, 1.6);
    for r in rows {
        let Some(c) = view.hex(r.hex) else { continue };
        if !view.visible(c, 30.0) {
            continue;
        }
        // The pole rises from the place's upper left, clear of its ring and its counter.
        let foot = c + egui::vec2(-9.0, -4.0) * k;
        let top = foot + egui::vec2(0.0, -18.0) * k;
        let fill = r.history.map_or(egui::Color32::GRAY, |f| {
            colour(settings.faction_rgb(game, f))
        });
        let differs = r.agrees() == Some(false);
        painter.line_segment(
            [foot, top],
            egui::Stroke::new(1.5 * k, egui::Color32::from_rgb(40, 34, 25)),
        );
        let flag = vec![
            top,
            top + egui::vec2(-13.0, 4.5) * k,
            top + egui::vec2(0.0, 9.0) * k,
        ];
        let edge = if differs {
            egui::Stroke::new(2.2 * k, egui::Color32::from_rgb(235, 60, 45))
        } else {
            egui::Stroke::new(1.0, egui::Color32::from_rgb(40, 34, 25))
        };
        painter.add(egui::Shape::convex_polygon(flag, fill, edge));
        if r.history.is_none() {
            painter.text(
                top + egui::vec2(-5.0, 4.5) * k,
                egui::Align2::CENTER_CENTER,
                "?",
                egui::FontId::proportional(8.0 * k),
                egui::Color32::WHITE,
            );
        }
        if differs {
            painter.circle_stroke(
                c,
                14.0 * k,
                egui::Stroke::new(2.0, egui::Color32::from_rgb(235, 60, 45)),
            );
        }
    }
}

/// Paints the overlay's legend in the map's lower right corner, over everything on the map.
pub(super) fn paint_legend(painter: &egui::Painter, view: &View, legend: &str) {
    let font = egui::FontId::proportional(13.0);
    let galley = painter.layout(
        legend.to_owned(),
        font,
        HISTORY_COLOUR,
        (view.screen.width() - 24.0).max(80.0),
    );
    let at = egui::pos2(
        view.screen.right() - galley.size().x - 12.0,
        view.screen.bottom() - galley.size().y - 12.0,
    );
    let back = egui::Rect::from_min_size(at, galley.size()).expand(6.0);
    painter.rect_filled(back, 4.0, egui::Color32::from_black_alpha(235));
    painter.galley(at, galley, HISTORY_COLOUR);
}
