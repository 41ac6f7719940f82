//! What the panels read and change, as one system parameter, and small drawing helpers.

use bevy::ecs::system::SystemParam;
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

/// What the panels read and change.
#[derive(SystemParam)]
pub(super) struct Hud<'w> {
    pub(super) session: Res<'w, Session>,
    pub(super) settings: Res<'w, Settings>,
    pub(super) hovered: Res<'w, HoveredHex>,
    pub(super) status: Res<'w, LevelStatus>,
    pub(super) overlays: ResMut<'w, Overlays>,
    pub(super) selection: Res<'w, Selection>,
    pub(super) help: ResMut<'w, HelpOpen>,
    pub(super) menu: ResMut<'w, InGameMenu>,
    pub(super) history: ResMut<'w, History>,
    pub(super) book: ResMut<'w, Encyclopedia>,
    pub(super) actions: MessageWriter<'w, PlayerAction>,
    pub(super) orders: MessageWriter<'w, OrderButton>,
    pub(super) area: ResMut<'w, crate::app::ui_state::MapArea>,
}

pub(super) fn swatch(ui: &mut egui::Ui, c: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, c);
}
