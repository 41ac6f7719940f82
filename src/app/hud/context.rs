//! What the panels read and change, as one system parameter, and small drawing helpers.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::level_asset::LevelStatus;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::teaching::{Encyclopedia, History};
use crate::app::ui_state::{
    HelpOpen, HoveredHex, InGameMenu, OrderButton, Overlays, PlayerAction, Selection,
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
    pub(super) top_bar: ResMut<'w, crate::app::ui_state::TopBarLayout>,
    pub(super) roster: ResMut<'w, super::roster::RosterOrder>,
    pub(super) sections: ResMut<'w, crate::app::ui_state::OpenSections>,
    pub(super) targets: ResMut<'w, crate::app::ui_state::ClickTargets>,
}

pub(super) fn swatch(ui: &mut egui::Ui, c: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, c);
}
