//! The event log at the bottom: what happened, with dates, and real history in its own colour.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::theme::{HISTORY_COLOUR, colour};

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
                            .on_hover_text(
                                crate::app::teaching::calendar_words(session.level.file.fictional)
                                    .hover,
                            )
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
