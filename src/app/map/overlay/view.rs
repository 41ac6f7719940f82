//! Where the map is on the screen, for painting over it.

use bevy::prelude::*;
use bevy_egui::egui;
use hexx::Hex;

use crate::app::map::coords::MapGeometry;

/// World to screen (egui points) for the current camera.
pub(super) struct View<'a> {
    pub(super) cam: &'a Camera,
    pub(super) at: &'a GlobalTransform,
    /// egui points per world unit.
    pub(super) scale: f32,
    pub(super) zoom: f32,
    pub(super) geo: &'a MapGeometry,
    pub(super) screen: egui::Rect,
}

impl View<'_> {
    pub(super) fn point(&self, world: Vec2) -> Option<egui::Pos2> {
        let v = self
            .cam
            .world_to_viewport(self.at, world.extend(0.0))
            .ok()?;
        Some(egui::pos2(v.x / self.zoom, v.y / self.zoom))
    }

    pub(super) fn hex(&self, hex: Hex) -> Option<egui::Pos2> {
        self.point(self.geo.world(hex))
    }

    pub(super) fn visible(&self, p: egui::Pos2, margin: f32) -> bool {
        self.screen.expand(margin).contains(p)
    }

    pub(super) fn hex_shape(&self, hex: Hex) -> Option<Vec<egui::Pos2>> {
        self.geo
            .corners(hex)
            .iter()
            .map(|c| self.point(*c))
            .collect()
    }
}
