//! The event log at the bottom: what happened, with dates, and real history in its own colour.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::input;
use crate::app::level_asset::LevelStatus;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::state::AppState;
use crate::app::teaching::{Encyclopedia, History};
use crate::app::terrain_texture::terrain_rgb;
use crate::app::theme::HISTORY_COLOUR;
use crate::app::theme::PANEL_WIDTH;
use crate::app::theme::colour;
use crate::app::ui_state::HoveredHex;
use crate::app::ui_state::Overlays;
use crate::app::ui_state::{InGameMenu, PlayerAction, Selection, UiFocus};
use crate::level::schema::ArticleKind;
use crate::sim::{
    Command, FactionId, Goal, IncomeSource, Party, Stance, SupplyState, Terrain, diplomacy, rules,
};

use super::context::{Hud, swatch};

pub(super) fn log_panel(ui: &mut egui::Ui, hud: &mut Hud) {
    let session = &*hud.session;
    let game = &session.game;
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if session.log.is_empty() {
                ui.weak("The event log: what happens in the game appears here, with its date.");
            }
            for line in &session.log {
                if let Some(id) = &line.history {
                    ui.horizontal(|ui| {
                        swatch(ui, HISTORY_COLOUR);
                        let text = egui::RichText::new(format!("{}  {}", line.date, line.text))
                            .small()
                            .italics()
                            .color(HISTORY_COLOUR);
                        if ui
                            .add(egui::Label::new(text).sense(egui::Sense::click()))
                            .on_hover_text("What really happened on this date (not in your game). Click to read more.")
                            .clicked()
                        {
                            hud.history.open = Some(id.clone());
                        }
                    });
                    continue;
                }
                let c = colour(hud.settings.faction_rgb(game, line.faction));
                ui.horizontal(|ui| {
                    swatch(ui, c);
                    ui.small(format!("{}  {}", line.date, line.text));
                });
            }
        });
}
