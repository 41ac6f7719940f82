//! Unit counters: the faction's colour, the kind's symbol, strength and movement, and marks
//! for supply, digging in and having acted.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::art::ArtTextures;
use crate::app::settings::Settings;
use crate::app::theme::colour;
use crate::sim::{FactionId, Game, SupplyState, Unit, UnitKind};

/// The smallest a counter is drawn, in points, however far out the map is zoomed: below it
/// the symbol no longer reads.
pub const COUNTER_MIN: f32 = 24.0;

/// How a counter is marked besides its unit.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CounterState {
    pub(super) selected: bool,
    /// The player's unit has done all it can this turn.
    pub(super) spent: bool,
    /// The unit is the player's: its movement left is shown, not its full allowance.
    pub(super) own: bool,
}

/// Where a counter centred on `centre` is drawn when hexes are `hex_px` points wide (its
/// shadow aside).
pub(super) fn counter_rect(centre: egui::Pos2, hex_px: f32) -> egui::Rect {
    let w = (hex_px * 0.82).clamp(COUNTER_MIN, 56.0);
    egui::Rect::from_center_size(centre, egui::vec2(w, w * 0.74))
}

/// Where a counter's type symbol is drawn: a box of the NATO frame's proportions in its upper
/// part.
pub(super) fn symbol_rect(counter: egui::Rect) -> egui::Rect {
    let h = counter.height();
    let sym_h = h * 0.48;
    egui::Rect::from_min_size(
        egui::pos2(counter.center().x - sym_h * 0.834, counter.top() + h * 0.09),
        egui::vec2(sym_h * 1.667, sym_h),
    )
}

/// A unit counter: a frame whose shape tells the faction apart (not only its colour), a
/// NATO-style type symbol, strength and movement along the foot as on a printed counter, a
/// strength bar, and marks for supply, morale and dug-in positions.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_counter(
    painter: &egui::Painter,
    centre: egui::Pos2,
    hex_px: f32,
    game: &Game,
    settings: &Settings,
    art: &ArtTextures,
    u: &Unit,
    state: CounterState,
) {
    let rect = counter_rect(centre, hex_px);
    let (w, h) = (rect.width(), rect.height());
    let fill = colour(settings.faction_rgb(game, u.owner));
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
    // Type symbol in a white box, upper part: the picture from assets/, or drawn.
    let sym = symbol_rect(rect);
    if let Some(tex) = art.symbol(u.kind) {
        painter.image(tex, sym, crate::app::art::WHOLE, egui::Color32::WHITE);
    } else {
        paint_symbol(painter, sym, w, u.kind);
    }
    // Strength and movement along the foot, when there is room to read them; a strength
    // bar under them in any case.
    let full = u.full_strength.max(u.strength).max(1);
    let frac = f32::from(u.strength) / f32::from(full);
    let bar = egui::Rect::from_min_max(
        egui::pos2(rect.left() + w * 0.08, rect.bottom() - h * 0.11),
        egui::pos2(rect.right() - w * 0.08, rect.bottom() - h * 0.04),
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
        let movement = if state.own {
            u.movement_left
        } else {
            u.kind.movement()
        };
        let size = (h * 0.3).max(9.0);
        let y = bar.top() + 1.0;
        let ink = ink_on(fill);
        painter.text(
            egui::pos2(rect.left() + w * 0.1, y),
            egui::Align2::LEFT_BOTTOM,
            u.strength.to_string(),
            egui::FontId::proportional(size),
            ink,
        );
        painter.text(
            egui::pos2(rect.right() - w * 0.1, y),
            egui::Align2::RIGHT_BOTTOM,
            movement.to_string(),
            egui::FontId::proportional(size),
            ink,
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
pub(super) fn frame_shape(
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

/// The drawn symbol of a kind, for when its picture has not loaded.
fn paint_symbol(painter: &egui::Painter, sym: egui::Rect, w: f32, kind: UnitKind) {
    let dark = egui::Color32::from_rgb(20, 20, 24);
    painter.rect_filled(sym, 0.0, egui::Color32::from_rgb(245, 243, 236));
    let line = egui::Stroke::new((w / 28.0).clamp(1.0, 2.0), dark);
    painter.rect_stroke(sym, 0.0, line, egui::StrokeKind::Inside);
    let (tl, tr, bl, br) = (
        sym.left_top(),
        sym.right_top(),
        sym.left_bottom(),
        sym.right_bottom(),
    );
    match kind {
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
        UnitKind::Cell => {
            // Hidden fighters: three dots in a dashed frame.
            let inner = sym.shrink2(egui::vec2(sym.width() * 0.14, sym.height() * 0.16));
            painter.add(egui::Shape::dashed_line(
                &[
                    inner.left_top(),
                    inner.right_top(),
                    inner.right_bottom(),
                    inner.left_bottom(),
                    inner.left_top(),
                ],
                line,
                (sym.width() * 0.08).max(2.0),
                (sym.width() * 0.06).max(1.5),
            ));
            let r = sym.height() * 0.09;
            for dx in [-0.22, 0.0, 0.22] {
                painter.circle_filled(
                    sym.center() + egui::vec2(sym.width() * dx, 0.0),
                    r.max(1.0),
                    dark,
                );
            }
        }
    }
}

/// Dark or light text, whichever reads on a counter's colour.
fn ink_on(fill: egui::Color32) -> egui::Color32 {
    let l = 0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if l > 140.0 {
        egui::Color32::from_rgb(20, 20, 24)
    } else {
        egui::Color32::from_rgb(250, 248, 240)
    }
}
