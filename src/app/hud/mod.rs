//! The HUD, in egui: a top bar (date, turn, whose turn, treasury, oil, fuel, supply, end
//! turn, overlays), a side panel (the selected unit with its orders, the hex under the pointer,
//! economy, diplomacy, objectives, legend), the event log, the attack confirmation and help.
//!
//! One file per part: [`top_bar`], [`side_panel`], [`economy`], [`log`], [`attack`], [`help`];
//! [`context`] holds what they all read.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::state::{AppState, EguiPass};
use super::theme::{TOP_BAR, panel_sizes};
use super::ui_state::{HelpOpen, MapArea, UiFocus, on_map};

mod attack;
mod confirm;
mod context;
mod economy;
mod help;
mod log;
pub mod minimap;
mod roster;
mod side_panel;
mod top_bar;

use context::Hud;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HelpOpen>()
        .init_resource::<super::ui_state::TopBarLayout>()
        .init_resource::<minimap::MinimapRect>()
        .init_resource::<roster::RosterOrder>()
        .init_resource::<crate::app::ui_state::OpenSections>()
        .init_resource::<crate::app::ui_state::ClickTargets>()
        .add_systems(
            EguiPrimaryContextPass,
            (
                (
                    panels.run_if(not(in_state(AppState::MainMenu))),
                    match_clear_colour,
                )
                    .chain()
                    .in_set(EguiPass::Panels),
                (
                    attack::attack_window,
                    attack::advance_window,
                    help::help_window,
                    confirm::confirm_window,
                    minimap::minimap,
                )
                    .run_if(in_state(AppState::InGame))
                    .in_set(EguiPass::Windows),
                focus.in_set(EguiPass::Focus),
            ),
        )
        .add_systems(Update, help::help_keys)
        .add_systems(
            Update,
            confirm::put_proposals.run_if(in_state(AppState::InGame)),
        )
        .add_systems(
            PreUpdate,
            keep_tab_for_units
                .run_if(in_state(AppState::InGame))
                .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        );
}

/// In a game, Tab (and Shift+Tab) cycle the player's units: egui does not get them, or they
/// would move its keyboard focus from button to button and every other press would be lost.
fn keep_tab_for_units(mut inputs: Query<&mut bevy_egui::EguiInput>) {
    for mut input in &mut inputs {
        input.0.events.retain(|e| {
            !matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab,
                    ..
                }
            )
        });
    }
}

/// Clears the window to the panels' colour while they are shown (they are drawn unfilled over
/// it), to the map's dark background otherwise.
fn match_clear_colour(
    mut contexts: EguiContexts,
    state: Res<State<AppState>>,
    mut clear: ResMut<ClearColor>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let colour = if *state.get() == AppState::MainMenu {
        super::theme::MAP_BACKGROUND
    } else {
        let [r, g, b, _] = ctx.global_style().visuals.panel_fill.to_array();
        Color::srgb_u8(r, g, b)
    };
    if clear.0 != colour {
        clear.0 = colour;
    }
    Ok(())
}

fn panels(
    mut contexts: EguiContexts,
    mut hud: Hud,
    window: Single<&Window, With<bevy::window::PrimaryWindow>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    // The panels are not filled: the window is cleared to their colour (see `match_clear_colour`)
    // and nothing of the map is drawn under them, so a software renderer is spared shading
    // a third of the window a second time every frame.
    let frame = egui::Frame::side_top_panel(&ctx.global_style()).fill(egui::Color32::TRANSPARENT);
    let sizes = panel_sizes(Vec2::new(
        ctx.viewport_rect().width(),
        ctx.viewport_rect().height(),
    ));
    // The bar is as tall as its rows, and keeps the tallest it has been for this window size
    // and scale: when a long "… to move" wraps a row, the map and the panel do not jump down
    // and back up at every change of turn.
    let tallest = egui::Id::new("top bar's tallest");
    let screen = ctx.viewport_rect().size();
    let kept = ctx
        .data(|d| d.get_temp::<(egui::Vec2, f32)>(tallest))
        .filter(|(size, _)| *size == screen)
        .map_or(TOP_BAR, |(_, h)| h);
    let bar = egui::Panel::top("top")
        .resizable(false)
        .min_size(kept)
        .frame(frame)
        .show(&mut root, |ui| top_bar::top_bar(ui, &mut hud));
    let height = bar.response.rect.height().max(kept);
    ctx.data_mut(|d| d.insert_temp(tallest, (screen, height)));
    egui::Panel::left("side")
        .exact_size(sizes.side)
        .resizable(false)
        .frame(frame)
        .show(&mut root, |ui| side_panel::side_panel(ui, &mut hud));
    egui::Panel::bottom("log")
        .exact_size(sizes.log)
        .resizable(false)
        .frame(frame)
        .show(&mut root, |ui| log::log_panel(ui, &mut hud));
    let free = root.available_rect_before_wrap();
    let zoom = ctx.zoom_factor();
    // Until egui has been told the window's size (its first pass), it lays out on a huge
    // default screen: no map area from that.
    let screen = ctx.viewport_rect().size() * zoom;
    if (screen.x - window.width()).abs() > 1.0 || (screen.y - window.height()).abs() > 1.0 {
        return Ok(());
    }
    let area = Some(Rect::new(
        free.min.x * zoom,
        free.min.y * zoom,
        free.max.x * zoom,
        free.max.y * zoom,
    ));
    if hud.area.0 != area {
        hud.area.0 = area;
    }
    Ok(())
}

/// What egui holds after this frame's drawing: the keyboard, and the pointer when it is over a
/// window, over a panel (outside the map's area, which the panels' layer does not claim for
/// egui) or busy with a widget.
fn focus(
    mut contexts: EguiContexts,
    mut focus: ResMut<UiFocus>,
    window: Option<Single<&Window>>,
    area: Res<MapArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let off_map = window
        .and_then(|w| w.cursor_position())
        .is_some_and(|c| !on_map(&area, c));
    let typing = ctx.egui_wants_keyboard_input();
    let pointer_over_ui = off_map || ctx.is_pointer_over_egui() || ctx.egui_wants_pointer_input();
    if focus.typing != typing || focus.pointer_over_ui != pointer_over_ui {
        focus.typing = typing;
        focus.pointer_over_ui = pointer_over_ui;
    }
    Ok(())
}
