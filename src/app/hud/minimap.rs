//! The minimap: the whole map small in a corner of the map's part of the window, tinted by who
//! holds each hex (shaded where the player's side cannot see), with the part on screen framed;
//! a click or a drag on it moves the view there. `M` shows or hides it.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::app::map::coords::MapGeometry;
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::ui_state::{CentreOn, MapArea, MapCamera, Overlays};
use crate::sim::Terrain;

/// The minimap's width in points.
const WIDTH: f32 = 190.0;

/// Where the minimap was drawn last (egui points), for tests and the pointer.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct MinimapRect(pub Option<egui::Rect>);

/// The minimap's picture and what it was drawn from.
#[derive(Default)]
pub(super) struct Picture {
    key: Option<(usize, u16, u8, bool)>,
    texture: Option<egui::TextureHandle>,
}

/// A hex's colour: its terrain, tinted by its holder, darker where the player cannot see.
fn colour(terrain: Option<Terrain>, holder: Option<[u8; 3]>, seen: bool) -> egui::Color32 {
    let base: [u8; 3] = terrain.map_or([30, 30, 34], crate::app::map::terrain::terrain_rgb);
    let mix = |b: u8, h: u8| ((u16::from(b) * 5 + u16::from(h) * 5) / 10) as u8;
    let [r, g, b] = match holder {
        Some(h) if terrain != Some(Terrain::Water) => {
            [mix(base[0], h[0]), mix(base[1], h[1]), mix(base[2], h[2])]
        }
        _ => base,
    };
    let dim = |c: u8| {
        if seen {
            c
        } else {
            (u16::from(c) * 6 / 10) as u8
        }
    };
    egui::Color32::from_rgb(dim(r), dim(g), dim(b))
}

/// Draws the minimap and moves the view where it is clicked.
#[allow(clippy::type_complexity)]
pub(super) fn minimap(
    mut contexts: EguiContexts,
    (session, settings, overlays): (Res<Session>, Res<Settings>, Res<Overlays>),
    (geo, area): (Option<Res<MapGeometry>>, Res<MapArea>),
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    (mut picture, mut rect, mut centre): (
        Local<Picture>,
        ResMut<MinimapRect>,
        MessageWriter<CentreOn>,
    ),
) -> Result {
    let (Some(geo), Some(area)) = (geo, area.0) else {
        rect.0 = None;
        return Ok(());
    };
    if !overlays.minimap {
        rect.0 = None;
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let zoom = ctx.zoom_factor();
    let extent = geo.extent();
    let world_min = geo.centre() - extent / 2.0;
    let height = WIDTH * extent.y / extent.x.max(1.0);
    let (w, h) = (WIDTH.round() as usize, height.round().max(1.0) as usize);
    let game = session.view();
    let key = (
        session.game.log().len(),
        game.turn(),
        settings.palette as u8,
        session.sight().is_some(),
    );
    if picture.key != Some(key) || picture.texture.is_none() {
        let map = &game.scenario().map;
        let sight = session.sight();
        let mut pixels = Vec::with_capacity(w * h);
        for py in 0..h {
            for px in 0..w {
                let world = Vec2::new(
                    world_min.x + (px as f32 + 0.5) / w as f32 * extent.x,
                    world_min.y + (1.0 - (py as f32 + 0.5) / h as f32) * extent.y,
                );
                pixels.push(match geo.hex_at_world(world) {
                    Some(hex) => colour(
                        map.terrain(hex),
                        game.control(hex).map(|f| settings.faction_rgb(game, f)),
                        sight.is_none_or(|s| s.sees_hex(game, hex)),
                    ),
                    None => egui::Color32::from_rgb(30, 30, 34),
                });
            }
        }
        let image = egui::ColorImage::new([w, h], pixels);
        picture.texture = Some(ctx.load_texture("minimap", image, egui::TextureOptions::NEAREST));
        picture.key = Some(key);
    }
    let Some(texture) = picture.texture.clone() else {
        return Ok(());
    };
    // The bottom right of the map's part of the window, in points.
    let corner = egui::pos2(area.max.x / zoom - 8.0, area.max.y / zoom - 8.0);
    let frame = egui::Rect::from_min_max(corner - egui::vec2(WIDTH, height), corner);
    rect.0 = Some(frame);
    let (cam, at) = *camera;
    let to_mini = |world: Vec2| {
        egui::pos2(
            frame.min.x + (world.x - world_min.x) / extent.x * WIDTH,
            frame.min.y + (1.0 - (world.y - world_min.y) / extent.y) * height,
        )
    };
    let view = [area.min, area.max]
        .map(|p| cam.viewport_to_world_2d(at, p).ok())
        .map(|w| w.map(to_mini));
    egui::Area::new(egui::Id::new("minimap"))
        .fixed_pos(frame.min)
        // Not a window: under any window, over the map painted before it.
        .order(egui::Order::Background)
        .show(ctx, |ui| {
            // Not focusable: keyboard focus on it would hold back the map's keys.
            let response = ui.add(
                egui::Image::new((texture.id(), frame.size()))
                    .sense(egui::Sense::CLICK | egui::Sense::DRAG),
            );
            let painter = ui.painter();
            painter.rect_stroke(
                frame,
                0.0,
                egui::Stroke::new(1.0, egui::Color32::from_gray(20)),
                egui::StrokeKind::Outside,
            );
            if let [Some(a), Some(b)] = view {
                painter.rect_stroke(
                    egui::Rect::from_two_pos(a, b).intersect(frame),
                    0.0,
                    egui::Stroke::new(1.5, egui::Color32::WHITE),
                    egui::StrokeKind::Middle,
                );
            }
            if (response.clicked() || response.dragged())
                && let Some(p) = response.interact_pointer_pos()
            {
                let world = Vec2::new(
                    world_min.x + (p.x - frame.min.x) / WIDTH * extent.x,
                    world_min.y + (1.0 - (p.y - frame.min.y) / height) * extent.y,
                );
                if let Some(hex) = geo.hex_at_world(world) {
                    centre.write(CentreOn(hex));
                }
            }
            response.on_hover_text("The whole map: click or drag to look there (M hides it).");
        });
    Ok(())
}
