//! The map camera: fits the map when it is shown, pans with keys or a dragged mouse, zooms
//! with the wheel toward the cursor. Input under an egui panel is left to egui.

use bevy::ecs::system::SystemParam;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy_egui::EguiContexts;

use crate::app::map::coords::MapGeometry;
use crate::app::ui_state::{CentreOn, Selection, UiFocus};
use crate::app::ui_state::{HoveredHex, MapArea, MapCamera};

/// The camera: spawned with the map, framed on the player's forces when a game opens (on the
/// whole map with F), panned and zoomed; and the hex under the pointer.
pub fn plugin(app: &mut App) {
    app.init_resource::<HoveredHex>()
        .init_resource::<MapArea>()
        .init_resource::<Framing>()
        .add_systems(Startup, spawn_camera)
        .add_systems(
            Update,
            (
                ask_framing,
                frame.run_if(|f: Res<Framing>| f.pending.is_some()),
                (pan_and_zoom, centre_on, hover),
            )
                .chain(),
        );
}

/// How the camera should be framed once the part of the window the map shows is known.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Framing {
    /// The framing asked for and not yet done.
    pub pending: Option<Frame>,
}

/// A way to frame the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The player's own forces, at a zoom where counters are easy to read (a game's start).
    Forces,
    /// The whole map (F, and behind the main menu).
    Whole,
}

/// The smallest a counter's height may be at the opening zoom, in logical pixels.
pub const OPENING_COUNTER_PX: f32 = 28.0;

/// A counter's height as a share of a hex's width on screen (see the overlay's counters).
pub const COUNTER_HEIGHT_PER_HEX: f32 = 0.82 * 0.74;

fn spawn_camera(mut commands: Commands) {
    // No multisampling: the map is made of tiles and egui shapes, which egui antialiases
    // itself; 4× MSAA would quadruple the fill work of a software renderer.
    // egui draws on this camera, named here rather than left to whichever camera is first.
    commands.spawn((
        Camera2d,
        Msaa::Off,
        MapCamera,
        bevy_egui::PrimaryEguiContext,
    ));
}

/// A new map frames the player's forces (the whole map on the main menu); F frames the
/// whole map.
fn ask_framing(
    geo: Option<Res<MapGeometry>>,
    keys: Res<ButtonInput<KeyCode>>,
    focus: Option<Res<UiFocus>>,
    state: Option<Res<State<crate::app::state::AppState>>>,
    mut framing: ResMut<Framing>,
) {
    let menu = state.is_some_and(|s| *s.get() == crate::app::state::AppState::MainMenu);
    if geo.is_some_and(|g| g.is_changed()) {
        framing.pending = Some(if menu { Frame::Whole } else { Frame::Forces });
    }
    if keys.just_pressed(KeyCode::KeyF) && focus.is_none_or(|f| f.keys_for_map()) {
        framing.pending = Some(Frame::Whole);
    }
}

/// Frames the map as asked, inside the part of the window the panels leave free (once the
/// panels have been drawn and that part is known; the whole window when there are none).
fn frame(
    geo: Res<MapGeometry>,
    viewport: Viewport,
    session: Option<Res<crate::app::session::Session>>,
    state: Option<Res<State<crate::app::state::AppState>>>,
    mut framing: ResMut<Framing>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let Some(asked) = framing.pending else { return };
    let in_game = state.is_none_or(|s| *s.get() != crate::app::state::AppState::MainMenu);
    if in_game && viewport.area.0.is_none() {
        // The panels have not been drawn yet: the map's part of the window is not known.
        return;
    }
    framing.pending = None;
    let (window_size, view) = (viewport.size(), viewport.map());
    let (mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = projection.as_mut() else {
        return;
    };
    let forces: Vec<Vec2> = match (asked, session) {
        (Frame::Forces, Some(session)) => session
            .game
            .units()
            .filter(|u| u.owner == session.player)
            .map(|u| geo.world(u.hex))
            .collect(),
        _ => Vec::new(),
    };
    let (centre, scale) = if forces.is_empty() {
        let extent = geo.extent();
        let scale = (extent.x / view.width()).max(extent.y / view.height()) * 1.04;
        (geo.centre(), scale.max(0.05))
    } else {
        frame_forces(&forces, view.size(), geo.tile_size.x)
    };
    ortho.scale = scale;
    transform.translation =
        camera_for(centre, view, window_size, scale).extend(transform.translation.z);
}

/// The camera position that shows world point `p` at the centre of `view` (a rectangle of the
/// window, in logical pixels, y down) at `scale` world units per pixel.
pub fn camera_for(p: Vec2, view: Rect, window: Vec2, scale: f32) -> Vec2 {
    let offset = view.center() - window / 2.0;
    p - Vec2::new(offset.x, -offset.y) * scale
}

/// Where to look and how closely to frame a side's units (world positions) in a view of
/// `view` logical pixels, for hexes `tile` world units wide: as many of them as fit at a zoom
/// where every counter is at least [`OPENING_COUNTER_PX`] high, and no closer than needed to
/// show them all. When they do not all fit, the view goes where most of them are.
pub fn frame_forces(units: &[Vec2], view: Vec2, tile: f32) -> (Vec2, f32) {
    let legible = COUNTER_HEIGHT_PER_HEX * tile / OPENING_COUNTER_PX;
    // No closer than counters of about 44 pixels, however few the units.
    let closest = COUNTER_HEIGHT_PER_HEX * tile / 44.0;
    let (min, max) = units.iter().fold(
        (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)),
        |(lo, hi), p| (lo.min(*p), hi.max(*p)),
    );
    let margin = Vec2::splat(tile * 1.5);
    let span = max - min + margin * 2.0;
    let fit = (span.x / view.x).max(span.y / view.y);
    if fit <= legible {
        return ((min + max) / 2.0, fit.max(closest));
    }
    // Not all of them at a legible zoom: the window's worth of ground with most units in it.
    let half = view * legible / 2.0 - margin;
    let inside = |c: Vec2| {
        units
            .iter()
            .filter(|p| (**p - c).abs().cmplt(half.max(Vec2::ZERO)).all())
            .count()
    };
    let centroid = units.iter().copied().sum::<Vec2>() / units.len() as f32;
    let best = units
        .iter()
        .copied()
        .max_by(|a, b| {
            inside(*a)
                .cmp(&inside(*b))
                .then(b.distance(centroid).total_cmp(&a.distance(centroid)))
        })
        .unwrap_or(centroid);
    // Centre on the middle of the units around that spot, not on one counter.
    let group: Vec<Vec2> = units
        .iter()
        .copied()
        .filter(|p| (*p - best).abs().cmplt(half.max(Vec2::ZERO)).all())
        .collect();
    let (lo, hi) = group.iter().fold(
        (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)),
        |(lo, hi), p| (lo.min(*p), hi.max(*p)),
    );
    ((lo + hi) / 2.0, legible)
}

/// The window and the part of it the map shows, in logical pixels.
#[derive(SystemParam)]
struct Viewport<'w, 's> {
    window: Single<'w, 's, &'static Window>,
    area: Res<'w, MapArea>,
}

impl Viewport<'_, '_> {
    fn size(&self) -> Vec2 {
        Vec2::new(self.window.width(), self.window.height())
    }

    /// The map's part of the window: all of it while no panels are shown.
    fn map(&self) -> Rect {
        self.area
            .0
            .unwrap_or(Rect::from_corners(Vec2::ZERO, self.size()))
    }
}

/// Centres on a hex asked for (Tab to a unit), or on the selected unit with Space when the
/// computer is not moving, in the middle of the part of the window the map shows.
fn centre_on(
    mut asked: MessageReader<CentreOn>,
    keys: Res<ButtonInput<KeyCode>>,
    focus: Option<Res<UiFocus>>,
    (selection, session): (
        Option<Res<Selection>>,
        Option<Res<crate::app::session::Session>>,
    ),
    geo: Option<Res<MapGeometry>>,
    viewport: Viewport,
    camera: Single<(&mut Transform, &Projection), With<MapCamera>>,
) {
    let Some(geo) = geo else { return };
    let mut to = asked.read().last().map(|c| c.0);
    if keys.just_pressed(KeyCode::Space)
        && focus.is_none_or(|f| f.keys_for_map())
        && let (Some(sel), Some(session)) = (selection, session)
        && !session.ai_to_move()
        && let Some(u) = sel.unit.and_then(|id| session.view().unit(id))
    {
        to = Some(u.hex);
    }
    let Some(hex) = to else { return };
    let (mut transform, projection) = camera.into_inner();
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let p = camera_for(geo.world(hex), viewport.map(), viewport.size(), scale);
    transform.translation.x = p.x;
    transform.translation.y = p.y;
}

/// Whether the pointer is the map's: not over a panel, a window or a widget in use (as egui
/// saw it now and as the HUD saw it after the last frame's drawing), and no window holds the
/// player's attention.
fn pointer_free(egui: &mut EguiContexts, focus: Option<&UiFocus>) -> bool {
    let now = egui
        .ctx_mut()
        .map(|c| !c.egui_wants_pointer_input() && !c.is_pointer_over_egui())
        .unwrap_or(true);
    now && focus.is_none_or(|f| !f.pointer_over_ui && !f.modal)
}

/// The keys, buttons, motion and wheel that pan and zoom the map.
#[derive(SystemParam)]
struct PointerInput<'w> {
    keys: Res<'w, ButtonInput<KeyCode>>,
    buttons: Res<'w, ButtonInput<MouseButton>>,
    motion: Res<'w, AccumulatedMouseMotion>,
    scroll: Res<'w, AccumulatedMouseScroll>,
}

fn pan_and_zoom(
    input: PointerInput,
    time: Res<Time>,
    window: Single<&Window>,
    camera: Single<(&Camera, &GlobalTransform, &mut Transform, &mut Projection), With<MapCamera>>,
    mut egui: EguiContexts,
    focus: Option<Res<UiFocus>>,
) {
    let PointerInput {
        keys,
        buttons,
        motion,
        scroll,
    } = input;
    let (cam, cam_global, mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = projection.as_mut() else {
        return;
    };
    let typing = egui
        .ctx_mut()
        .map(|c| c.egui_wants_keyboard_input())
        .unwrap_or(false);
    if !typing && focus.as_deref().is_none_or(UiFocus::keys_for_map) {
        let mut dir = Vec2::ZERO;
        for (k, d) in [
            (KeyCode::ArrowLeft, Vec2::NEG_X),
            (KeyCode::KeyA, Vec2::NEG_X),
            (KeyCode::ArrowRight, Vec2::X),
            (KeyCode::KeyD, Vec2::X),
            (KeyCode::ArrowUp, Vec2::Y),
            (KeyCode::KeyW, Vec2::Y),
            (KeyCode::ArrowDown, Vec2::NEG_Y),
            (KeyCode::KeyS, Vec2::NEG_Y),
        ] {
            if keys.pressed(k) {
                dir += d;
            }
        }
        let step = 600.0 * ortho.scale * time.delta_secs();
        transform.translation += (dir.normalize_or_zero() * step).extend(0.0);
    }
    if !pointer_free(&mut egui, focus.as_deref()) {
        return;
    }
    if buttons.pressed(MouseButton::Left)
        || buttons.pressed(MouseButton::Right)
        || buttons.pressed(MouseButton::Middle)
    {
        let d = motion.delta * ortho.scale;
        transform.translation += Vec3::new(-d.x, d.y, 0.0);
    }
    let mut lines = match scroll.unit {
        MouseScrollUnit::Line => scroll.delta.y,
        MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
    };
    if !typing {
        if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
            lines += 2.0;
        }
        if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
            lines -= 2.0;
        }
    }
    if lines != 0.0 {
        let before = window
            .cursor_position()
            .and_then(|c| cam.viewport_to_world_2d(cam_global, c).ok());
        let factor = (1.0 - 0.12 * lines.clamp(-5.0, 5.0)).clamp(0.3, 3.0);
        let new_scale = (ortho.scale * factor).clamp(0.05, 20.0);
        // Keep the point under the cursor where it is.
        if let Some(p) = before {
            let t = transform.translation.truncate();
            let k = new_scale / ortho.scale;
            let nt = p + (t - p) * k;
            transform.translation = nt.extend(transform.translation.z);
        }
        ortho.scale = new_scale;
    }
}

fn hover(
    window: Single<&Window>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    geo: Option<Res<MapGeometry>>,
    mut hovered: ResMut<HoveredHex>,
    mut egui: EguiContexts,
    focus: Option<Res<UiFocus>>,
) {
    let (cam, cam_global) = *camera;
    let over_map = pointer_free(&mut egui, focus.as_deref());
    let hex = geo.and_then(|geo| {
        let c = window.cursor_position()?;
        let p = cam.viewport_to_world_2d(cam_global, c).ok()?;
        over_map.then(|| geo.hex_at_world(p)).flatten()
    });
    hovered.set_if_neq(HoveredHex(hex));
}
