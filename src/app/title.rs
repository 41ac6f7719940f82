//! The main menu's backdrop: the title picture of the corridor (drawn from the default level's
//! map by `euphrates art`), covering the window, with the game's name over it. Without the
//! picture, the map shows through as before.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::art::ArtTextures;
use super::state::{AppState, EguiPass};

/// Below this width the name sits above the form, centred, rather than beside it.
pub const WIDE: f32 = 1000.0;

/// Paints the title screen behind the main menu.
pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        paint_title
            .in_set(EguiPass::Panels)
            .run_if(in_state(AppState::MainMenu)),
    );
}

fn paint_title(mut contexts: EguiContexts, art: Res<ArtTextures>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::background());
    if let Some((tex, size)) = art.title() {
        // Cover the window, cropping the picture's sides or top and bottom.
        let k = (screen.width() / size.x).max(screen.height() / size.y);
        let shown = size * k;
        let uv_w = (screen.width() / shown.x).min(1.0);
        let uv_h = (screen.height() / shown.y).min(1.0);
        let uv = egui::Rect::from_center_size(egui::pos2(0.5, 0.5), egui::vec2(uv_w, uv_h));
        painter.image(tex, screen, uv, egui::Color32::WHITE);
    }
    let wide = screen.width() >= WIDE;
    let (anchor, at, size) = if wide {
        (
            egui::Align2::LEFT_TOP,
            screen.left_top() + egui::vec2(48.0, 40.0),
            64.0,
        )
    } else {
        (
            egui::Align2::CENTER_TOP,
            screen.center_top() + egui::vec2(0.0, 16.0),
            44.0,
        )
    };
    let shadow = egui::Color32::from_black_alpha(200);
    let ink = egui::Color32::from_rgb(250, 240, 214);
    let lines = [
        ("EUPHRATES", size, ink),
        (
            "The race for the border zone, autumn 2017",
            size * 0.36,
            ink,
        ),
        (
            "Supply lines, oil money and rival alliances from Raqqa to Haditha",
            size * 0.25,
            egui::Color32::from_rgb(226, 214, 186),
        ),
    ];
    let mut y = at.y;
    for (text, px, colour) in lines {
        let font = egui::FontId::proportional(px);
        let p = egui::pos2(at.x, y);
        for d in [
            egui::vec2(2.0, 2.0),
            egui::vec2(1.0, 1.0),
            egui::vec2(0.0, 2.0),
        ] {
            painter.text(p + d, anchor, text, font.clone(), shadow);
        }
        let r = painter.text(p, anchor, text, font, colour);
        y = r.bottom() + px * 0.25;
    }
    Ok(())
}
