//! The look shared by every panel and view: colours and the fixed sizes of the layout.

use bevy::prelude::*;
use bevy_egui::egui;

/// An egui colour from the red, green and blue of a level's faction or a terrain.
pub fn colour(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// The window's colour around the map on the main menu.
pub const MAP_BACKGROUND: Color = Color::srgb(0.10, 0.11, 0.13);

/// The sizes of the side panel and the event log, in points, for a window whose logical size
/// (after the UI scale) is `window`: on a small window or at a large scale they give up room,
/// so the map keeps about half the window; the top bar sizes itself to its contents.
pub fn panel_sizes(window: Vec2) -> PanelSizes {
    PanelSizes {
        side: (window.x * 0.27).clamp(230.0, 320.0),
        log: (window.y * 0.17).clamp(64.0, 130.0),
    }
}

/// See [`panel_sizes`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelSizes {
    /// The side panel's width.
    pub side: f32,
    /// The event log's height.
    pub log: f32,
}

/// The top bar's height before it has been drawn once (one row of buttons).
pub const TOP_BAR: f32 = 34.0;

/// Height of the fixed box at the foot of the side panel that describes the hex under the
/// pointer (less on a short window): it never grows or shrinks with what it says, so nothing
/// above it moves as the pointer does.
pub const HOVER_BOX: f32 = 168.0;

/// Height of the fixed line for the last refusal or warning, above the selected unit.
pub const MESSAGE_BOX: f32 = 36.0;

/// The colour of history in the log and the windows: a muted parchment, apart from every
/// faction's colour.
pub const HISTORY_COLOUR: egui::Color32 = egui::Color32::from_rgb(214, 196, 150);

/// The colour of the part of a place's marker whose people have fled.
pub const EMPTIED: egui::Color32 = egui::Color32::from_rgb(120, 112, 104);
