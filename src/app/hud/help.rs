//! The help window: every key.

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

pub(super) fn help_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut help: ResMut<HelpOpen>,
) {
    if !focus.typing && (keys.just_pressed(KeyCode::F1) || keys.just_pressed(KeyCode::KeyH)) {
        help.0 = !help.0;
    }
}

pub(super) fn help_window(mut contexts: EguiContexts, mut help: ResMut<HelpOpen>) -> Result {
    if !help.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new("Help")
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label("Your turn: move and attack with your units, give orders, then End turn. The other sides then move; their actions appear in the log at the bottom.");
            ui.label("Supply comes along roads from your sources. Units low on supply have two turns before they lose strength; out of supply they move at half speed and cannot attack.");
            ui.label(format!(
                "Units that stay a whole turn in place dig in: +{} % defence, +{} % in a town or city.",
                rules::DUG_IN_PERCENT - 100,
                rules::FORTIFIED_PERCENT - 100
            ));
            ui.separator();
            egui::Grid::new("keys").striped(true).num_columns(2).show(ui, |ui| {
                for (key, what) in crate::app::orders::SHORTCUTS {
                    ui.strong(*key);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    help.0 = open;
    Ok(())
}
