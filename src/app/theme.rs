//! The look shared by every panel and view: colours and the fixed sizes of the layout.

use bevy::prelude::*;
use bevy_egui::egui;

/// An egui colour from the red, green and blue of a level's faction or a terrain.
pub fn colour(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// The window's colour around the map on the main menu.
pub const MAP_BACKGROUND: Color = Color::srgb(0.10, 0.11, 0.13);

/// Width of the side panel in logical pixels, so fitting leaves the map visible beside it.
pub const PANEL_WIDTH: f32 = 300.0;

/// Height of the top bar in logical pixels.
pub const TOP_BAR: f32 = 34.0;

/// Height of the event log at the bottom, in points.
pub const LOG_HEIGHT: f32 = 130.0;

/// The colour of history in the log and the windows: a muted parchment, apart from every
/// faction's colour.
pub const HISTORY_COLOUR: egui::Color32 = egui::Color32::from_rgb(214, 196, 150);

/// The colour of the part of a place's marker whose people have fled.
pub const EMPTIED: egui::Color32 = egui::Color32::from_rgb(120, 112, 104);
