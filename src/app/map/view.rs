//! The map: terrain tiles (bevy_ecs_tilemap) and river, road and border lines, rebuilt
//! whenever a different map is shown; control shading follows the game. Places, oil fields
//! and counters are painted over it by [`crate::app::map::overlay`].
//!
//! The tiles are not drawn every frame. A software renderer (lavapipe, what a machine without a
//! GPU draws with) pays per pixel of every triangle, and a few thousand small hex quads cost
//! it more than the rest of a frame together. So a second camera renders the tilemap into an
//! image whenever a tile changes (a new map, a hex changing hands, the control overlay
//! toggled), and the map camera shows that image as one sprite: panning and zooming redraw two
//! triangles, not thousands.

use bevy::asset::RenderAssetUsages;
use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::render_resource::{PipelineCache, TextureDimension, TextureFormat};
use bevy::render::{Render, RenderApp, RenderSystems};
use bevy::sprite::Anchor;
use bevy::window::RequestRedraw;
use bevy_ecs_tilemap::prelude::*;
use hexx::Hex;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::map::coords::MapGeometry;
use crate::app::map::terrain::{drawn_atlas, drawn_atlas_size, tile_index};
use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::state::MapRevision;
use crate::app::ui_state::Overlays;
use crate::app::ui_state::{MapArea, MapCamera};
use crate::sim::CrossingKind;

/// Marks everything that belongs to the current map view, so it can be cleared.
#[derive(Component)]
pub struct MapView;

/// Whether the map's terrain is drawn with the painted tiles from `assets/` (rather than the
/// plain drawn ones used until they load, or without them).
#[derive(Resource, Default, Debug)]
pub struct TerrainPainted(pub bool);

/// The render layer only the terrain camera sees: the tilemap lives there.
const TERRAIN_LAYER: usize = 1;

/// Frames the terrain camera keeps drawing after a change (and after the renderer has finished
/// compiling pipelines): bevy_ecs_tilemap builds a new tilemap's texture and chunk meshes over
/// the first frames it sees them, and the renderer reports with a frame's delay.
const BAKE_FRAMES: u8 = 4;

/// At most this many frames of drawing for one change, however long pipelines take.
const MAX_BAKE_FRAMES: u16 = 600;

/// Longest side of the terrain image in pixels; a bigger map is drawn at less than one pixel per
/// world unit rather than exceed what a GPU (or lavapipe) takes as a texture.
const MAX_BAKE_SIDE: f32 = 4096.0;

/// The camera that draws the tilemap into the terrain image.
#[derive(Component, Debug)]
pub struct TerrainCamera {
    /// Frames left to draw; zero when the image is up to date.
    frames_left: u8,
    /// Frames drawn since the last change.
    frames_drawn: u16,
}

/// The sprite showing the terrain image.
#[derive(Component, Debug)]
pub struct TerrainSprite {
    /// The world rectangle the whole image covers.
    world: Rect,
    /// Image pixels per world unit.
    texels_per_unit: f32,
}

/// The terrain image and the map's lines, rebuilt when another map is shown.
pub fn plugin(app: &mut App) {
    let busy = RendererBusy::default();
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render
            .insert_resource(busy.clone())
            .add_systems(Render, report_renderer_busy.in_set(RenderSystems::Cleanup));
    }
    app.insert_resource(busy);
    app.init_resource::<Overlays>()
        .add_systems(Startup, spawn_map)
        // Last: after the camera has moved and the panels have claimed their space.
        .add_systems(Last, crop_terrain)
        .add_systems(
            Update,
            (
                spawn_map.run_if(
                    resource_changed::<MapRevision>
                        .or_eager(resource_changed::<crate::app::art::TerrainArtRevision>),
                ),
                tint_control.run_if(
                    resource_changed::<Overlays>
                        .or_eager(resource_changed::<Session>)
                        .or_eager(resource_changed::<Settings>),
                ),
                bake_terrain,
                hide_while_handing_over,
            )
                .chain(),
        );
}

/// What of the map is drawn by the renderer: the terrain image and what belongs to the view
/// (with its render layers: the tilemap, drawn only into the terrain image, stays as it is, so
/// the image is never baked from a hidden map).
type MapDrawn<'w, 's> = Query<
    'w,
    's,
    (&'static mut Visibility, Option<&'static RenderLayers>),
    Or<(With<MapView>, With<TerrainSprite>)>,
>;

/// In a hotseat game, nothing of the map is drawn while the machine is handed over.
fn hide_while_handing_over(
    session: Res<Session>,
    state: Res<State<crate::app::state::AppState>>,
    mut shown: MapDrawn,
) {
    let hidden =
        *state.get() == crate::app::state::AppState::InGame && session.hand_over_due().is_some();
    let want = if hidden {
        Visibility::Hidden
    } else {
        Visibility::Inherited
    };
    for (mut v, layers) in &mut shown {
        if layers.is_some_and(|l| l.intersects(&RenderLayers::layer(TERRAIN_LAYER))) {
            continue;
        }
        if *v != want {
            *v = want;
        }
    }
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
    (art, server): (Option<Res<crate::app::art::Art>>, Res<AssetServer>),
    mut drawn: Local<[Option<Handle<Image>>; 2]>,
    mut images: ResMut<Assets<Image>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let game = session.view();
    let map = &game.scenario().map;
    let geo = MapGeometry::new(map);
    // The tiles from assets/ once loaded; while they load, nothing (drawing them here costs
    // more than the few frames they take); without them, the same drawn here, once per
    // orientation. Twice the map's resolution either way, so the tilemap is scaled by a half.
    let texel_scale = 2.0;
    let orientation = map.orientation();
    let painted = art.as_ref().and_then(|a| a.terrain(orientation, &images));
    commands.insert_resource(TerrainPainted(painted.is_some()));
    let loading = art
        .as_ref()
        .is_some_and(|a| !a.terrain_failed(orientation, &server));
    let slot = usize::from(orientation == crate::sim::Orientation::Flat);
    let texture = match painted {
        Some(h) => h,
        None if loading => {
            let blank = drawn_atlas_size(orientation);
            images.add(Image::new_fill(
                blank,
                TextureDimension::D2,
                &[0, 0, 0, 0],
                TextureFormat::Rgba8UnormSrgb,
                RenderAssetUsages::RENDER_WORLD,
            ))
        }
        None => drawn[slot]
            .get_or_insert_with(|| images.add(drawn_atlas(orientation)))
            .clone(),
    };
    let tilemap = commands
        .spawn((MapView, RenderLayers::layer(TERRAIN_LAYER)))
        .id();
    let mut storage = TileStorage::empty(geo.size);
    for hex in map.hexes() {
        let (Some(pos), Some(t)) = (geo.tile_pos(hex), map.terrain(hex)) else {
            continue;
        };
        // Neighbouring hexes of one terrain take different tiles, chosen by place so that the
        // map looks the same every time.
        let variant = (hex.x.wrapping_mul(7) + hex.y.wrapping_mul(13))
            .rem_euclid(crate::art::terrain::VARIANTS as i32) as u32;
        let tile = commands
            .spawn((
                TileBundle {
                    position: pos,
                    tilemap_id: TilemapId(tilemap),
                    texture_index: TileTextureIndex(tile_index(t) + variant),
                    ..default()
                },
                MapView,
            ))
            .id();
        storage.set(&pos, tile);
    }
    let tile_size = TilemapTileSize {
        x: geo.tile_size.x * texel_scale,
        y: geo.tile_size.y * texel_scale,
    };
    commands.entity(tilemap).insert(TilemapBundle {
        grid_size: TilemapGridSize {
            x: geo.grid_size.x * texel_scale,
            y: geo.grid_size.y * texel_scale,
        },
        map_type: geo.map_type,
        size: geo.size,
        storage,
        texture: TilemapTexture::Single(texture),
        tile_size,
        anchor: TilemapAnchor::None,
        transform: Transform::from_scale(Vec3::new(1.0 / texel_scale, 1.0 / texel_scale, 1.0)),
        ..default()
    });
    spawn_terrain_image(&mut commands, &mut images, &geo, map, texel_scale);

    // Lines: river banks and lake shores, roads, rivers, crossings, borders, in that order.
    let mut lines = LineMesh::default();
    let bank = Color::srgb(0.47, 0.56, 0.36);
    for (e, _) in map.river_edges() {
        let (a, b) = e.hexes();
        let (p, q) = geo.edge_ends(a, b);
        lines.segment(p, q, 8.0, bank);
    }
    let shore = Color::srgb(0.82, 0.76, 0.56);
    for hex in map.hexes() {
        if map.terrain(hex) != Some(crate::sim::Terrain::Water) {
            continue;
        }
        for n in map.neighbors(hex) {
            if map
                .terrain(n)
                .is_some_and(|t| t != crate::sim::Terrain::Water)
            {
                let (p, q) = geo.edge_ends(hex, n);
                lines.segment(p, q, 2.5, shore);
            }
        }
    }
    // Roads: a dark casing under a pale track, as printed maps draw them.
    let casing = Color::srgb(0.30, 0.22, 0.15);
    let track = Color::srgb(0.88, 0.80, 0.62);
    for e in map.roads() {
        let (a, b) = e.hexes();
        lines.segment(geo.world(a), geo.world(b), 3.2, casing);
    }
    for e in map.roads() {
        let (a, b) = e.hexes();
        lines.segment(geo.world(a), geo.world(b), 1.6, track);
    }
    let river = Color::srgb(0.16, 0.38, 0.78);
    let current = Color::srgb(0.36, 0.58, 0.90);
    for (e, _) in map.river_edges() {
        let (a, b) = e.hexes();
        let (p, q) = geo.edge_ends(a, b);
        lines.segment(p, q, 4.0, river);
        lines.segment(p, q, 1.2, current);
    }
    for (e, edge) in map.river_edges() {
        let Some(c) = &edge.crossing else { continue };
        let (a, b) = e.hexes();
        let (p, q) = geo.edge_ends(a, b);
        let mid = (p + q) / 2.0;
        let dir = (geo.world(b) - geo.world(a)).normalize_or_zero();
        let across = dir * 7.0;
        let side = dir.perp() * 2.2;
        match c.kind {
            CrossingKind::Bridge => {
                // A deck with a parapet on each side.
                lines.segment(mid - across, mid + across, 4.0, track);
                lines.segment(mid - across + side, mid + across + side, 1.0, casing);
                lines.segment(mid - across - side, mid + across - side, 1.0, casing);
            }
            CrossingKind::Ruined => {
                // A broken deck: two stubs with a gap over the water.
                let red = Color::srgb(0.55, 0.10, 0.10);
                lines.segment(mid - across, mid - across * 0.3, 3.0, red);
                lines.segment(mid + across * 0.3, mid + across, 3.0, red);
            }
            _ => {
                let ferry = Color::srgb(0.85, 0.70, 0.20);
                lines.segment(mid - across, mid + across, 2.0, ferry);
                lines.segment(mid - side * 1.2, mid + side * 1.2, 3.0, ferry);
            }
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
        // Drawn into the terrain image with the tiles: the lines never change during a game.
        RenderLayers::layer(TERRAIN_LAYER),
    ));

    commands.insert_resource(geo);
}

/// The terrain camera and the sprite that shows what it draws.
fn spawn_terrain_image(
    commands: &mut Commands,
    images: &mut Assets<Image>,
    geo: &MapGeometry,
    map: &crate::sim::Map,
    texel_scale: f32,
) {
    // The tiles' bounds: every tile's quad around its centre.
    let half = Vec2::new(geo.tile_size.x, geo.tile_size.y) / 2.0;
    let (mut lo, mut hi) = (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN));
    for hex in map.hexes() {
        let c = geo.world(hex);
        lo = lo.min(c - half);
        hi = hi.max(c + half);
    }
    if lo.x > hi.x {
        return;
    }
    let size = hi - lo;
    // As many pixels per world unit as the tiles have, within what a texture may hold.
    let pixels_per_unit = (MAX_BAKE_SIDE / size.max_element()).min(texel_scale);
    let px = (size * pixels_per_unit).ceil().max(Vec2::ONE);
    // Whole pixels: the image covers a little more than the tiles, centred on them.
    let covered = px / pixels_per_unit;
    let centre = (lo + hi) / 2.0;
    let image = images.add(Image::new_target_texture(
        px.x as u32,
        px.y as u32,
        TextureFormat::Rgba8UnormSrgb,
        None,
    ));
    commands.spawn((
        MapView,
        Camera2d,
        Camera {
            order: -1,
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
        RenderTarget::Image(image.clone().into()),
        Projection::Orthographic(OrthographicProjection {
            scale: 1.0 / pixels_per_unit,
            ..OrthographicProjection::default_2d()
        }),
        Msaa::Off,
        RenderLayers::layer(TERRAIN_LAYER),
        Transform::from_translation(centre.extend(0.0)),
        TerrainCamera {
            frames_left: BAKE_FRAMES,
            frames_drawn: 0,
        },
    ));
    commands.spawn((
        MapView,
        Sprite {
            image,
            custom_size: Some(covered),
            ..default()
        },
        TerrainSprite {
            world: Rect::from_center_size(centre, covered),
            texels_per_unit: pixels_per_unit,
        },
        // Cropped to the view after visibility is computed; it is always on screen anyway.
        bevy::camera::visibility::NoFrustumCulling,
    ));
}

/// Redraws the terrain image while tiles change and for a few frames after, then stops.
fn bake_terrain(
    changed: Query<(), TileChanged>,
    busy: Res<RendererBusy>,
    mut cameras: Query<(&mut Camera, &mut TerrainCamera)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let dirty = !changed.is_empty();
    // While the renderer still compiles pipelines, a frame may draw nothing of the tilemap;
    // keep drawing until it has settled (bounded, should a pipeline never compile).
    let settling = busy.0.load(Ordering::Relaxed);
    for (mut camera, mut bake) in &mut cameras {
        if dirty {
            bake.frames_left = BAKE_FRAMES;
            bake.frames_drawn = 0;
        }
        if settling && bake.frames_left > 0 && bake.frames_drawn < MAX_BAKE_FRAMES {
            bake.frames_left = BAKE_FRAMES;
        }
        let drawing = bake.frames_left > 0;
        if camera.is_active != drawing {
            camera.is_active = drawing;
        }
        if drawing {
            bake.frames_left -= 1;
            bake.frames_drawn = bake.frames_drawn.saturating_add(1);
            // A waiting client draws only on input; the image must finish all the same.
            redraw.write(RequestRedraw);
        }
    }
}

/// A tile whose look changed.
type TileChanged = Or<(Changed<TileColor>, Changed<TileTextureIndex>)>;

/// Whether the render world still has pipelines compiling, shared with the main world.
#[derive(Resource, Clone, Default, Debug)]
struct RendererBusy(Arc<AtomicBool>);

fn report_renderer_busy(cache: Res<PipelineCache>, busy: Res<RendererBusy>) {
    busy.0.store(
        cache.waiting_pipelines().next().is_some(),
        Ordering::Relaxed,
    );
}

/// Shows only the part of the terrain image that falls in the map area: the panels cover the
/// rest, and a software renderer would shade it all the same.
fn crop_terrain(
    area: Res<MapArea>,
    window: Single<&Window>,
    camera: Single<(&GlobalTransform, &Projection), With<MapCamera>>,
    mut sprites: Query<(&mut Sprite, &mut Anchor, &TerrainSprite)>,
) {
    let (at, projection) = *camera;
    let Projection::Orthographic(ortho) = projection else {
        return;
    };
    let screen = Rect::new(0.0, 0.0, window.width(), window.height());
    let shown = area.0.map_or(screen, |a| a.intersect(screen));
    // Logical pixels (y down, from the window's corner) to world units (y up).
    let centre = at.translation().truncate();
    let to_world = |p: Vec2| {
        let d = (p - screen.center()) * ortho.scale;
        centre + Vec2::new(d.x, -d.y)
    };
    let view = Rect::from_corners(to_world(shown.min), to_world(shown.max));
    for (mut sprite, mut anchor, terrain) in &mut sprites {
        let visible = view.intersect(terrain.world);
        let texels = Rect {
            min: Vec2::new(
                visible.min.x - terrain.world.min.x,
                terrain.world.max.y - visible.max.y,
            ) * terrain.texels_per_unit,
            max: Vec2::new(
                visible.max.x - terrain.world.min.x,
                terrain.world.max.y - visible.min.y,
            ) * terrain.texels_per_unit,
        };
        let size = if visible.is_empty() {
            Vec2::ZERO
        } else {
            visible.size()
        };
        // The sprite's transform stays at the origin (transforms were propagated before this
        // runs); its anchor puts the quad on the visible part.
        let offset = if size == Vec2::ZERO {
            Vec2::ZERO
        } else {
            -visible.center() / size
        };
        if sprite.custom_size != Some(size) || sprite.rect != Some(texels) {
            sprite.custom_size = Some(size);
            sprite.rect = Some(texels);
        }
        if anchor.0 != offset {
            anchor.0 = offset;
        }
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
    let game = session.view();
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
