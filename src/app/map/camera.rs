//! The map camera: fits the map when it is shown, pans with keys or a dragged mouse, zooms
//! with the wheel toward the cursor. Input under an egui panel is left to egui.

use bevy::ecs::system::SystemParam;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy_egui::EguiContexts;

use crate::app::map::coords::MapGeometry;
use crate::app::theme::{PANEL_WIDTH, TOP_BAR};
use crate::app::ui_state::{CentreOn, Selection, UiFocus};
use crate::app::ui_state::{HoveredHex, MapArea, MapCamera};

/// The camera: spawned with the map, fitted to it, panned and zoomed; and the hex under the
/// pointer.
pub fn plugin(app: &mut App) {
    app.init_resource::<HoveredHex>()
        .init_resource::<MapArea>()
        .add_systems(Startup, spawn_camera)
        .add_systems(
            Update,
            (
                fit.run_if(resource_exists_and_changed::<MapGeometry>.or_eager(fit_key)),
                (pan_and_zoom, centre_on, hover),
            )
                .chain(),
        );
}

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

fn fit(
    geo: Res<MapGeometry>,
    window: Single<&Window>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    let (mut transform, mut projection) = camera.into_inner();
    let extent = geo.extent();
    let centre = geo.centre();
    let bars = TOP_BAR + crate::app::theme::LOG_HEIGHT;
    let view = Vec2::new(
        (window.width() - PANEL_WIDTH).max(200.0),
        (window.height() - bars).max(200.0),
    );
    let scale = (extent.x / view.x).max(extent.y / view.y) * 1.04;
    if let Projection::Orthographic(o) = projection.as_mut() {
        o.scale = scale.max(0.05);
    }
    // Shift by half the panels so the map is centred in the free area.
    let shift = PANEL_WIDTH / 2.0 * scale;
    let lift = (crate::app::theme::LOG_HEIGHT - TOP_BAR) / 2.0 * scale;
    transform.translation = Vec3::new(centre.x - shift, centre.y - lift, transform.translation.z);
}

fn fit_key(keys: Res<ButtonInput<KeyCode>>, focus: Option<Res<UiFocus>>) -> bool {
    keys.just_pressed(KeyCode::KeyF) && focus.is_none_or(|f| f.keys_for_map())
}

/// Centres on a hex asked for (Tab to a unit), or on the selected unit with Space when the
/// computer is not moving.
fn centre_on(
    mut asked: MessageReader<CentreOn>,
    keys: Res<ButtonInput<KeyCode>>,
    focus: Option<Res<UiFocus>>,
    selection: Option<Res<Selection>>,
    session: Option<Res<crate::app::session::Session>>,
    geo: Option<Res<MapGeometry>>,
    mut camera: Single<&mut Transform, With<MapCamera>>,
) {
    let Some(geo) = geo else { return };
    let mut to = asked.read().last().map(|c| c.0);
    if keys.just_pressed(KeyCode::Space)
        && focus.is_none_or(|f| f.keys_for_map())
        && let (Some(sel), Some(session)) = (selection, session)
        && !session.ai_to_move()
        && let Some(u) = sel.unit.and_then(|id| session.game.unit(id))
    {
        to = Some(u.hex);
    }
    if let Some(hex) = to {
        let p = geo.world(hex);
        camera.translation.x = p.x;
        camera.translation.y = p.y;
    }
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
