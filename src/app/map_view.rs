//! The map: terrain tiles (bevy_ecs_tilemap) and river, road and border lines, rebuilt
//! whenever a different map is shown; control shading follows the game. Places, oil fields
//! and counters are painted over it by [`super::overlay`].

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy_ecs_tilemap::prelude::*;
use hexx::Hex;

use super::coords::MapGeometry;
use super::orders::UiFocus;
use super::settings::Settings;
use super::terrain_texture::{terrain_strip, tile_index};
use super::{MapRevision, Session};
use crate::sim::CrossingKind;

/// Marks everything that belongs to the current map view, so it can be cleared.
#[derive(Component)]
pub struct MapView;

/// Which overlays are shown.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    /// Tint hexes by who controls them.
    pub control: bool,
    /// Where the player's supply reaches.
    pub supply: bool,
    /// Objectives ringed on the map.
    pub objectives: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Overlays {
            control: true,
            supply: false,
            objectives: true,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Overlays>()
        .add_systems(Startup, spawn_map)
        .add_systems(
            Update,
            (
                spawn_map.run_if(resource_changed::<MapRevision>),
                toggle_overlays,
                tint_control.run_if(
                    resource_changed::<Overlays>
                        .or_eager(resource_changed::<Session>)
                        .or_eager(resource_changed::<Settings>),
                ),
            )
                .chain(),
        );
}

/// Triangles for thick line segments, with per-vertex colour.
#[derive(Default)]
struct LineMesh {
    positions: Vec<[f32; 3]>,
    colors: Vec<[f32; 4]>,
    indices: Vec<u32>,
}

impl LineMesh {
    fn segment(&mut self, a: Vec2, b: Vec2, width: f32, color: Color) {
        let dir = (b - a).normalize_or_zero();
        // Extend each end by half the width so that joined segments meet without gaps.
        let (a, b) = (a - dir * width * 0.5, b + dir * width * 0.5);
        let n = dir.perp() * width * 0.5;
        let base = self.positions.len() as u32;
        for p in [a + n, a - n, b - n, b + n] {
            self.positions.push([p.x, p.y, 0.0]);
            self.colors.push(color.to_linear().to_f32_array());
        }
        self.indices
            .extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }

    fn build(self) -> Mesh {
        let mut mesh = Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        );
        mesh.insert_attribute(Mesh::ATTRIBUTE_POSITION, self.positions);
        mesh.insert_attribute(Mesh::ATTRIBUTE_COLOR, self.colors);
        mesh.insert_indices(Indices::U32(self.indices));
        mesh
    }
}

#[allow(clippy::too_many_arguments)]
fn spawn_map(
    mut commands: Commands,
    session: Res<Session>,
    old: Query<Entity, With<MapView>>,
    mut images: ResMut<Assets<Image>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let game = &session.game;
    let map = &game.scenario().map;
    let geo = MapGeometry::new(map);
    let texture = images.add(terrain_strip(
        geo.tile_size.x as u32,
        geo.tile_size.y as u32,
        map.orientation(),
    ));

    let tilemap = commands.spawn(MapView).id();
    let mut storage = TileStorage::empty(geo.size);
    for hex in map.hexes() {
        let (Some(pos), Some(t)) = (geo.tile_pos(hex), map.terrain(hex)) else {
            continue;
        };
        let tile = commands
            .spawn((
                TileBundle {
                    position: pos,
                    tilemap_id: TilemapId(tilemap),
                    texture_index: TileTextureIndex(tile_index(t)),
                    ..default()
                },
                MapView,
            ))
            .id();
        storage.set(&pos, tile);
    }
    commands.entity(tilemap).insert(TilemapBundle {
        grid_size: geo.grid_size,
        map_type: geo.map_type,
        size: geo.size,
        storage,
        texture: TilemapTexture::Single(texture),
        tile_size: geo.tile_size,
        anchor: TilemapAnchor::None,
        ..default()
    });

    // Lines: roads under rivers under borders.
    let mut lines = LineMesh::default();
    let road = Color::srgb(0.42, 0.30, 0.20);
    for e in map.roads() {
        let (a, b) = e.hexes();
        lines.segment(geo.world(a), geo.world(b), 2.0, road);
    }
    let river = Color::srgb(0.16, 0.38, 0.78);
    for (e, edge) in map.river_edges() {
        let (a, b) = e.hexes();
        let (p, q) = geo.edge_ends(a, b);
        lines.segment(p, q, 4.0, river);
        if let Some(c) = &edge.crossing {
            let mid = (p + q) / 2.0;
            let across = (geo.world(b) - geo.world(a)).normalize_or_zero() * 7.0;
            let color = match c.kind {
                CrossingKind::Ruined => Color::srgb(0.55, 0.10, 0.10),
                CrossingKind::Bridge => Color::srgb(0.15, 0.15, 0.15),
                _ => Color::srgb(0.85, 0.70, 0.20),
            };
            lines.segment(mid - across, mid + across, 3.0, color);
        }
    }
    let border = Color::srgb(0.55, 0.15, 0.45);
    for hex in map.hexes() {
        for n in map.neighbors(hex) {
            let (ch, cn) = (map.country(hex), map.country(n));
            if (hex.x, hex.y) < (n.x, n.y) && ch.is_some() && cn.is_some() && ch != cn {
                let (p, q) = geo.edge_ends(hex, n);
                // Dashed: draw the middle half of each edge only.
                lines.segment(p.lerp(q, 0.2), p.lerp(q, 0.8), 2.5, border);
            }
        }
    }
    commands.spawn((
        MapView,
        Mesh2d(meshes.add(lines.build())),
        MeshMaterial2d(materials.add(ColorMaterial::from_color(Color::WHITE))),
        Transform::from_xyz(0.0, 0.0, 1.0),
    ));

    commands.insert_resource(geo);
}

fn toggle_overlays(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut overlays: ResMut<Overlays>,
) {
    if focus.typing {
        return;
    }
    if keys.just_pressed(KeyCode::KeyC) {
        overlays.control = !overlays.control;
    }
    if keys.just_pressed(KeyCode::KeyU) {
        overlays.supply = !overlays.supply;
    }
    if keys.just_pressed(KeyCode::KeyO) {
        overlays.objectives = !overlays.objectives;
    }
}

fn tint_control(
    session: Res<Session>,
    settings: Res<Settings>,
    overlays: Res<Overlays>,
    geo: Option<Res<MapGeometry>>,
    mut tiles: Query<(&TilePos, &mut TileColor)>,
) {
    let Some(geo) = geo else { return };
    let game = &session.game;
    for (pos, mut color) in &mut tiles {
        let hex: Hex = geo.hex(*pos);
        let tint = match game.control(hex) {
            Some(f) if overlays.control => {
                let [r, g, b] = settings.faction_rgb(game, f);
                let c = Color::srgb_u8(r, g, b).to_srgba();
                let k = 0.16;
                Color::srgb(
                    1.0 - k + k * c.red * 1.2,
                    1.0 - k + k * c.green * 1.2,
                    1.0 - k + k * c.blue * 1.2,
                )
            }
            _ => Color::WHITE,
        };
        if color.0 != tint {
            color.0 = tint;
        }
    }
}
