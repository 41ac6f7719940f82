//! The real client's interface — panels, windows, menus, the camera and the input that gives
//! orders — in a window without a renderer, driven by synthetic pointer, wheel and key input
//! as winit would deliver it. Over the panels, the log and every window nothing reaches the
//! map; over the map, clicks give orders and the wheel zooms. The top bar fits at every UI
//! scale and window size.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::input::mouse::{MouseButtonInput, MouseScrollUnit, MouseWheel};
use bevy::input::touch::TouchPhase;
use bevy::prelude::*;
use bevy::window::{CursorMoved, ExitCondition, PrimaryWindow, WindowResolution};
use bevy_egui::egui;
use euphrates::app::map::coords::MapGeometry;
use euphrates::app::session::Session;
use euphrates::app::settings::{AnimationSpeed, Settings};
use euphrates::app::state::AppState;
use euphrates::app::ui_state::{InGameMenu, MapArea, MapCamera, Selection, TopBarLayout};
use euphrates::level;
use euphrates::sim::ai::Difficulty;

use crate::at;

/// The game on the default level as `faction`, in a window of `size` logical pixels at UI
/// scale `scale`, everything of the client but the terrain's drawing, a few frames in.
fn game(faction: &str, size: (u32, u32), scale: f32) -> App {
    game_with(faction, size, scale, AnimationSpeed::Off)
}

/// [`game`] with the computer's moves shown at `animation` speed: with any but `Off`, the
/// computer is still moving when this returns.
fn game_with(faction: &str, size: (u32, u32), scale: f32, animation: AnimationSpeed) -> App {
    game_seeded(faction, size, scale, animation, 3)
}

/// [`game_with`] on the dice of `seed`.
fn game_seeded(
    faction: &str,
    size: (u32, u32),
    scale: f32,
    animation: AnimationSpeed,
    seed: u64,
) -> App {
    game_for(&[faction], size, scale, animation, seed)
}

/// [`game_seeded`] for the people at the machine: one side, or several taking turns (hotseat).
fn game_for(
    people: &[&str],
    size: (u32, u32),
    scale: f32,
    animation: AnimationSpeed,
    seed: u64,
) -> App {
    game_on(level::DEFAULT_LEVEL, people, size, scale, animation, seed)
}

/// [`game_for`] on the level at `level` (a path under the repository root).
pub(crate) fn game_on(
    level: &str,
    people: &[&str],
    size: (u32, u32),
    scale: f32,
    animation: AnimationSpeed,
    seed: u64,
) -> App {
    use euphrates::app::{saves, screens, teaching};
    let faction = people[0];
    let path = at(level);
    let loaded = euphrates::level::load_path(&path).expect("the level loads");
    let humans: Vec<_> = people
        .iter()
        .map(|k| loaded.scenario.faction_by_key(k).expect("the faction"))
        .collect();
    let me = humans[0];
    let geometry = MapGeometry::new(&loaded.scenario.map);
    let mut app = App::new();
    euphrates::app::level_asset::register_source(&mut app, &path);
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::input::InputPlugin,
        bevy::window::WindowPlugin {
            primary_window: Some(Window {
                resolution: WindowResolution::new(size.0, size.1),
                ..default()
            }),
            exit_condition: ExitCondition::DontExit,
            close_when_requested: false,
            ..default()
        },
        bevy::asset::AssetPlugin {
            watch_for_changes_override: Some(false),
            ..default()
        },
        bevy::state::app::StatesPlugin,
    ));
    // What egui's plugin and the camera's sizing need of a renderer: asset kinds, no GPU.
    app.init_asset::<Image>()
        .init_asset::<bevy::shader::Shader>()
        .init_resource::<bevy::render::texture::ManualTextureViews>()
        .add_plugins(bevy_egui::EguiPlugin::default())
        .add_systems(PostUpdate, bevy::render::camera::camera_system)
        .insert_resource(Settings {
            ui_scale: scale,
            animation,
            warn_idle: false,
            ..default()
        })
        .insert_resource(saves::Autosave::off())
        .insert_resource(saves::SaveDir(std::env::temp_dir()))
        .insert_resource(teaching::BriefingAtStart(false))
        .insert_resource(screens::NewGame {
            levels: Vec::new(),
            level: path.clone(),
            faction: faction.into(),
            difficulty: Difficulty::Normal,
            seed,
            error: None,
            factions: None,
            notes: Default::default(),
            level_fog: false,
            hotseat: None,
        })
        .init_resource::<euphrates::app::state::FogChoice>()
        .insert_resource(if humans.len() > 1 {
            Session::hotseat(loaded, path, &humans, seed, Difficulty::Normal)
        } else {
            Session::new(loaded, path, me, seed, Difficulty::Normal)
        })
        .insert_resource(geometry)
        .init_resource::<ClearColor>()
        .insert_state(AppState::InGame)
        .add_plugins(euphrates::app::interface);
    for _ in 0..8 {
        app.update();
    }
    // The computer's sides that move before the player's.
    for _ in 0..200 {
        if animation != AnimationSpeed::Off || !app.world().resource::<Session>().ai_to_move() {
            break;
        }
        app.update();
    }
    app
}

pub(crate) fn window_entity(app: &mut App) -> Entity {
    app.world_mut()
        .query_filtered::<Entity, With<PrimaryWindow>>()
        .single(app.world())
        .expect("a window")
}

/// Moves the pointer to `pos` (logical pixels), as winit reports it.
pub(crate) fn pointer_to(app: &mut App, pos: Vec2) {
    let window = window_entity(app);
    app.world_mut()
        .get_mut::<Window>(window)
        .unwrap()
        .set_cursor_position(Some(pos));
    app.world_mut().write_message(CursorMoved {
        window,
        position: pos,
        delta: None,
    });
    app.update();
    app.update();
}

pub(crate) fn button(app: &mut App, state: ButtonState) {
    let window = window_entity(app);
    app.world_mut().write_message(MouseButtonInput {
        button: MouseButton::Left,
        state,
        window,
    });
    app.update();
}

/// A left click at `pos`.
pub(crate) fn click(app: &mut App, pos: Vec2) {
    pointer_to(app, pos);
    button(app, ButtonState::Pressed);
    button(app, ButtonState::Released);
    app.update();
}

/// Turns the wheel by `lines` at `pos`.
fn wheel(app: &mut App, pos: Vec2, lines: f32) {
    pointer_to(app, pos);
    let window = window_entity(app);
    app.world_mut().write_message(MouseWheel {
        unit: MouseScrollUnit::Line,
        x: 0.0,
        y: lines,
        window,
        phase: TouchPhase::Moved,
    });
    app.update();
    app.update();
}

/// Presses and releases a key (held for a few frames, as a person would).
pub(crate) fn key(app: &mut App, code: KeyCode, logical: Key) {
    let window = window_entity(app);
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: logical.clone(),
            state,
            text: None,
            repeat: false,
            window,
        });
        for _ in 0..3 {
            app.update();
        }
    }
}

/// A left click as egui receives it, at `at` (egui points): the harness's window input does
/// not reach egui.
pub(crate) fn egui_click(app: &mut App, at: egui::Pos2) {
    for events in [
        vec![egui::Event::PointerMoved(at)],
        vec![egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Default::default(),
        }],
        vec![egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Default::default(),
        }],
        Vec::new(),
        // The pointer leaves egui again, as it does when it moves on to the map.
        vec![egui::Event::PointerGone],
        Vec::new(),
    ] {
        for mut input in app
            .world_mut()
            .query::<&mut bevy_egui::EguiInput>()
            .iter_mut(app.world_mut())
        {
            input.events.extend(events.clone());
        }
        app.update();
    }
}

/// Where a hex is on the screen (logical pixels), if inside the map's part of the window.
pub(crate) fn hex_on_screen(app: &mut App, hex: hexx::Hex) -> Option<Vec2> {
    let area = map_area(app);
    let (cam, at) = app
        .world_mut()
        .query_filtered::<(&Camera, &GlobalTransform), With<MapCamera>>()
        .single(app.world())
        .expect("the map camera");
    let (cam, at) = (cam.clone(), *at);
    let geo = app.world().resource::<MapGeometry>();
    let p = cam
        .world_to_viewport(&at, geo.world(hex).extend(0.0))
        .ok()?;
    area.inflate(-12.0).contains(p).then_some(p)
}

/// What the map shows and what the game has been told: the camera and the commands given.
#[derive(Debug, PartialEq, Clone)]
struct Seen {
    camera: Vec3,
    scale: f32,
    commands: usize,
}

fn seen(app: &mut App) -> Seen {
    let (t, p) = app
        .world_mut()
        .query_filtered::<(&Transform, &Projection), With<MapCamera>>()
        .single(app.world())
        .expect("the map camera");
    let scale = match p {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let camera = t.translation;
    Seen {
        camera,
        scale,
        commands: app.world().resource::<Session>().commands(),
    }
}

pub(crate) fn map_area(app: &App) -> Rect {
    app.world()
        .resource::<MapArea>()
        .0
        .expect("the panels have been drawn and left the map its part of the window")
}

/// Where a unit of the player's that can move is on the screen (logical pixels), and one
/// empty hex it can reach, if both are in view.
fn unit_and_reach_on_screen(app: &mut App) -> Option<(Vec2, Vec2)> {
    let area = map_area(app);
    let (cam, at) = app
        .world_mut()
        .query_filtered::<(&Camera, &GlobalTransform), With<MapCamera>>()
        .single(app.world())
        .expect("the map camera");
    let (cam, at) = (cam.clone(), *at);
    let geo = app.world().resource::<MapGeometry>();
    let session = app.world().resource::<Session>();
    let game = &session.game;
    let screen = |hex: hexx::Hex| -> Option<Vec2> {
        let p = cam
            .world_to_viewport(&at, geo.world(hex).extend(0.0))
            .ok()?;
        area.inflate(-20.0).contains(p).then_some(p)
    };
    for u in game.units().filter(|u| u.owner == session.player) {
        let Some(here) = screen(u.hex) else { continue };
        let reach = game.reachable(u.id);
        if let Some(there) = reach
            .keys()
            .map(|(x, y)| hexx::Hex::new(*x, *y))
            .filter(|h| *h != u.hex && game.unit_at(*h).is_none())
            .find_map(screen)
        {
            return Some((here, there));
        }
    }
    None
}

/// Places over the interface to try input on: points of the top bar, the side panel (its
/// head, its sections, the box under the pointer) and the log.
fn panel_points(app: &App) -> Vec<(&'static str, Vec2)> {
    let area = map_area(app);
    let window = app
        .world()
        .iter_entities()
        .find_map(|e| e.get::<Window>().map(|w| Vec2::new(w.width(), w.height())))
        .unwrap();
    vec![
        ("the top bar", Vec2::new(window.x * 0.4, area.min.y / 2.0)),
        (
            "the side panel's head",
            Vec2::new(area.min.x / 2.0, area.min.y + 30.0),
        ),
        (
            "the side panel's sections",
            Vec2::new(area.min.x / 2.0, window.y * 0.45),
        ),
        (
            "the box under the pointer",
            Vec2::new(area.min.x / 2.0, window.y - 60.0),
        ),
        (
            "the event log",
            Vec2::new((area.min.x + window.x) / 2.0, (area.max.y + window.y) / 2.0),
        ),
    ]
}

#[test]
fn over_the_map_clicks_give_orders_and_the_wheel_zooms() {
    let mut app = game("sdf", (1280, 800), 1.0);
    let (unit, target) = unit_and_reach_on_screen(&mut app)
        .expect("the opening view shows a unit of the player's and ground it can reach");
    let before = seen(&mut app);
    click(&mut app, unit);
    assert!(
        app.world().resource::<Selection>().unit.is_some(),
        "a click on the player's unit selects it"
    );
    click(&mut app, target);
    let after = seen(&mut app);
    assert_eq!(
        after.commands,
        before.commands + 1,
        "a click on a hex in reach moves the unit"
    );
    let middle = map_area(&app).center();
    wheel(&mut app, middle, 2.0);
    assert!(
        seen(&mut app).scale < after.scale,
        "the wheel over the map zooms in"
    );
}

#[test]
fn over_the_panels_and_the_log_nothing_reaches_the_map() {
    let mut app = game("sdf", (1280, 800), 1.0);
    let (unit, _) = unit_and_reach_on_screen(&mut app).expect("a unit of the player's in view");
    click(&mut app, unit);
    let selected = app.world().resource::<Selection>().unit;
    assert!(selected.is_some());
    for (name, at) in panel_points(&app) {
        let before = seen(&mut app);
        click(&mut app, at);
        wheel(&mut app, at, 3.0);
        wheel(&mut app, at, -3.0);
        let after = seen(&mut app);
        assert_eq!(after, before, "input over {name} reached the map");
        assert_eq!(
            app.world().resource::<Selection>().unit,
            selected,
            "a click on {name} changed the selection"
        );
        assert!(
            app.world()
                .resource::<euphrates::app::ui_state::HoveredHex>()
                .0
                .is_none(),
            "{name} describes a hex of the map hidden beneath it"
        );
    }
}

/// Opens a window over the game.
type Opener = fn(&mut World);

/// The windows the player can open over a game, how to open each, and whether it opens from
/// the menu (which stays open behind it).
fn windows() -> Vec<(&'static str, Opener, bool)> {
    vec![
        ("Menu", |w| w.resource_mut::<InGameMenu>().0 = true, false),
        (
            "Settings",
            |w| w.resource_mut::<Settings>().open = true,
            false,
        ),
        (
            "Help",
            |w| w.resource_mut::<euphrates::app::ui_state::HelpOpen>().0 = true,
            false,
        ),
        (
            "Briefing",
            |w| w.resource_mut::<euphrates::app::teaching::BriefingOpen>().0 = true,
            false,
        ),
        (
            "Encyclopedia",
            |w| {
                w.resource_mut::<euphrates::app::teaching::Encyclopedia>()
                    .open = true
            },
            false,
        ),
        (
            "Save",
            |w| {
                w.resource_mut::<InGameMenu>().0 = true;
                w.resource_scope(|w, mut saves: Mut<euphrates::app::saves::SaveWindows>| {
                    let dir = w.resource::<euphrates::app::saves::SaveDir>();
                    saves.open_save(w.resource::<Session>(), dir);
                });
            },
            true,
        ),
        (
            "Are you sure?",
            |w| {
                let game = &w.resource::<Session>().game;
                let (command, question) = euphrates::app::input::faction_offers(game)
                    .into_iter()
                    .find_map(|o| {
                        euphrates::app::input::confirmation(game, &o.command)
                            .map(|q| (o.command, q))
                    })
                    .expect("an order that asks first (a breach)");
                w.resource_mut::<Selection>().confirm = Some(
                    euphrates::app::ui_state::PendingOrder::confirm(command, question),
                );
            },
            false,
        ),
    ]
}

/// The rectangle of the window on top, in logical pixels of the window.
fn top_window_rect(app: &mut App) -> Option<Rect> {
    let mut contexts = app.world_mut().query::<&mut bevy_egui::EguiContext>();
    let ctx = contexts.iter_mut(app.world_mut()).next()?.get_mut().clone();
    let zoom = ctx.zoom_factor();
    let top = ctx.memory(|m| {
        m.layer_ids()
            .filter(|l| l.order == egui::Order::Middle && m.areas().visible_last_frame(l))
            .last()
            .and_then(|l| m.area_rect(l.id))
    })?;
    Some(Rect::new(
        top.min.x * zoom,
        top.min.y * zoom,
        top.max.x * zoom,
        top.max.y * zoom,
    ))
}

#[test]
fn over_every_window_nothing_reaches_the_map_and_its_keys_wait() {
    let mut app = game("sdf", (1280, 800), 1.0);
    let (unit, _) = unit_and_reach_on_screen(&mut app).expect("a unit of the player's in view");
    click(&mut app, unit);
    for (title, open, from_menu) in windows() {
        open(app.world_mut());
        for _ in 0..4 {
            app.update();
        }
        let rect =
            top_window_rect(&mut app).unwrap_or_else(|| panic!("the {title} window is not shown"));
        let before = seen(&mut app);
        let turn = app.world().resource::<Session>().game.turn();
        // Its middle, and the map just beside it: a window holds the pointer and the keys.
        let beside = Vec2::new(
            (rect.max.x + 12.0).min(map_area(&app).max.x - 4.0),
            rect.center().y,
        );
        for at in [rect.center(), beside] {
            wheel(&mut app, at, 3.0);
            pointer_to(&mut app, at);
        }
        key(&mut app, KeyCode::KeyE, Key::Character("e".into()));
        key(&mut app, KeyCode::ArrowLeft, Key::ArrowLeft);
        key(&mut app, KeyCode::Tab, Key::Tab);
        key(&mut app, KeyCode::KeyF, Key::Character("f".into()));
        let after = seen(&mut app);
        assert_eq!(
            after, before,
            "input over the {title} window reached the map"
        );
        assert_eq!(
            app.world().resource::<Session>().game.turn(),
            turn,
            "E ended the turn behind the {title} window"
        );
        // Esc closes it, and only it: the menu it was opened from is left, and closes next.
        key(&mut app, KeyCode::Escape, Key::Escape);
        if from_menu {
            assert!(
                app.world().resource::<InGameMenu>().0,
                "Esc over the {title} window closed the menu behind it too"
            );
            key(&mut app, KeyCode::Escape, Key::Escape);
        }
        for _ in 0..3 {
            app.update();
        }
        assert!(
            top_window_rect(&mut app).is_none(),
            "Esc did not close the {title} window"
        );
        assert!(
            !app.world().resource::<InGameMenu>().0,
            "Esc over the {title} window opened the menu behind it"
        );
    }
}

#[test]
fn the_top_bar_fits_at_every_ui_scale_and_window_size() {
    let mut cases: Vec<((u32, u32), f32)> = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
        .into_iter()
        .map(|s| ((1280, 800), s))
        .collect();
    for size in [(1024, 768), (1920, 1080), (2560, 1440)] {
        cases.push((size, 1.0));
    }
    cases.push(((1024, 768), 2.0));
    cases.push(((2560, 1440), 2.0));
    // On the player's turn, and while the computer moves (the widest: "Syrian government and
    // allies to move…" and a Skip button).
    for (faction, animation) in [
        ("syria", AnimationSpeed::Off),
        ("sdf", AnimationSpeed::Slow),
    ] {
        for (size, scale) in &cases {
            let mut app = game_with(faction, *size, *scale, animation);
            for _ in 0..3 {
                app.update();
            }
            let layout = app.world().resource::<TopBarLayout>().clone();
            for name in [
                "end turn",
                "menu",
                "help",
                "encyclopedia",
                "date",
                "treasury",
                "verdict",
            ] {
                assert!(
                    layout.controls.iter().any(|c| c.name == name),
                    "{size:?} at {scale}: no {name} in the top bar"
                );
            }
            let problems = layout.problems();
            assert!(
                problems.is_empty(),
                "{size:?} at UI scale {scale} as {faction}: {problems:?} in {layout:#?}"
            );
            // In the usual window, one row, whoever moves: a second row appearing while the
            // computer moves would push the panels down under the pointer.
            if *size == (1280, 800) && *scale == 1.0 {
                let top = layout
                    .controls
                    .iter()
                    .map(|c| c.rect.min.y)
                    .fold(f32::MAX, f32::min);
                let below: Vec<&str> = layout
                    .controls
                    .iter()
                    .filter(|c| c.rect.min.y > top + 8.0)
                    .map(|c| c.name)
                    .collect();
                assert!(below.is_empty(), "as {faction}: on a second row: {below:?}");
            }
            // The map keeps a useful part of the window.
            let area = map_area(&app);
            let window = Vec2::new(size.0 as f32, size.1 as f32);
            assert!(
                area.width() >= window.x * 0.3 && area.height() >= window.y * 0.3,
                "{size:?} at {scale}: the map has only {area:?}"
            );
        }
    }
}

#[test]
fn the_game_opens_on_the_players_forces_with_counters_easy_to_read() {
    for faction in ["sdf", "syria", "iraq", "isis"] {
        let mut app = game(faction, (1280, 800), 1.0);
        let area = map_area(&app);
        let s = seen(&mut app);
        let tile = app.world().resource::<MapGeometry>().tile_size.x;
        let counter_px = euphrates::app::map::camera::COUNTER_HEIGHT_PER_HEX * tile / s.scale;
        assert!(
            counter_px >= 24.0,
            "{faction}: counters {counter_px:.1} px high at the opening zoom"
        );
        let (cam, at) = app
            .world_mut()
            .query_filtered::<(&Camera, &GlobalTransform), With<MapCamera>>()
            .single(app.world())
            .unwrap();
        let (cam, at) = (cam.clone(), *at);
        let geo = app.world().resource::<MapGeometry>();
        let session = app.world().resource::<Session>();
        let mine: Vec<_> = session
            .game
            .units()
            .filter(|u| u.owner == session.player)
            .collect();
        let shown = mine
            .iter()
            .filter(|u| {
                cam.world_to_viewport(&at, geo.world(u.hex).extend(0.0))
                    .is_ok_and(|p| area.contains(p))
            })
            .count();
        assert!(
            shown * 2 >= mine.len().min(8),
            "{faction}: only {shown} of {} units in the opening view",
            mine.len()
        );
    }
}

#[test]
fn after_an_attack_that_empties_its_hex_the_player_is_asked_whether_to_advance() {
    use euphrates::sim::Command;
    for seed in 1..60 {
        let mut app = game_seeded("sdf", (1280, 800), 1.0, AnimationSpeed::Off, seed);
        // The al-Omar guard steps next to the al-Tanak field's guard (open ground, no prepared
        // defences) and attacks with all it can.
        let attack = {
            let mut session = app.world_mut().resource_mut::<Session>();
            let me = session.player;
            let game = &session.game;
            let guard = game.units().find(|u| u.name == "al-Omar guard").unwrap();
            let target = game
                .units()
                .find(|u| u.name == "al-Tanak guard")
                .unwrap()
                .hex;
            if guard.hex.unsigned_distance_to(target) > 1 {
                let id = guard.id;
                let path = target
                    .all_neighbors()
                    .into_iter()
                    .filter(|h| game.unit_at(*h).is_none())
                    .find_map(|h| game.path_to(id, h))
                    .expect("a way next to the al-Tanak guard");
                session.perform(&Command::Move { unit: id, path }).unwrap();
            }
            let game = &session.game;
            let guard = game.units().find(|u| u.name == "al-Omar guard").unwrap();
            assert_eq!(guard.hex.unsigned_distance_to(target), 1);
            assert_eq!(game.defences_at(target), 0);
            let attacker = guard.id;
            let attackers =
                euphrates::app::input::possible_attackers(&session.game, me, attacker, target);
            session
                .perform(&Command::Attack { attackers, target })
                .unwrap();
            session.game.advance_offer().map(|(h, units)| (h, units[0]))
        };
        for _ in 0..4 {
            app.update();
        }
        let Some((hex, unit)) = attack else {
            assert!(
                top_window_rect(&mut app).is_none(),
                "no window when the hex was not emptied"
            );
            continue;
        };
        assert!(
            top_window_rect(&mut app).is_some(),
            "the player is asked whether to advance"
        );
        let before = seen(&mut app);
        // Enter takes the first attacker offered in, as the window's first button does.
        key(&mut app, KeyCode::Enter, Key::Enter);
        let session = app.world().resource::<Session>();
        assert_eq!(session.game.unit(unit).map(|u| u.hex), Some(hex));
        assert_eq!(session.commands(), before.commands + 1);
        assert!(top_window_rect(&mut app).is_none(), "the question is gone");
        return;
    }
    panic!("no seed emptied the hex");
}

#[test]
fn a_proposal_to_the_players_side_is_put_to_the_player_who_accepts_with_enter() {
    use euphrates::sim::Stance;
    let mut app = game_seeded("iraq", (1280, 800), 1.0, AnimationSpeed::Off, 1);
    for _ in 0..4 {
        app.update();
    }
    let (me, syria) = {
        let s = app.world().resource::<Session>();
        (s.player, s.game.scenario().faction_by_key("syria").unwrap())
    };
    let game = &app.world().resource::<Session>().game;
    assert_eq!(game.active_faction(), me);
    assert!(
        game.proposal_pending(syria, me),
        "the government proposed on its turn"
    );
    assert_eq!(
        game.stance(me, syria),
        Stance::Neutral,
        "nothing agreed yet"
    );
    assert!(
        top_window_rect(&mut app).is_some(),
        "the question is on screen"
    );
    key(&mut app, KeyCode::Enter, Key::Enter);
    for _ in 0..2 {
        app.update();
    }
    let game = &app.world().resource::<Session>().game;
    assert_eq!(game.stance(me, syria), Stance::Cooperating);
    assert!(!game.proposal_pending(syria, me));
    assert!(top_window_rect(&mut app).is_none(), "the question is gone");
}

/// A source tag in a text is a link: clicking `[S15]` opens the encyclopedia's Sources page at
/// that entry; a tag the bibliography does not list stays text.
#[test]
fn a_source_tag_in_a_text_opens_its_entry() {
    use euphrates::app::citations::cited;
    use euphrates::level::schema::Source;
    let sources = vec![Source {
        id: "S15".into(),
        title: "Hajin".into(),
        publisher: Some("An agency".into()),
        date: None,
        url: Some("https://example.org".into()),
        note: None,
    }];
    let text = "Hajin held until December 2018 [S15], said another [S99].";
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |events: Vec<egui::Event>| {
        time += 0.05;
        let input = egui::RawInput {
            time: Some(time),
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(800.0, 400.0),
            )),
            events,
            ..Default::default()
        };
        let mut links = Vec::new();
        let mut out = ctx.run_ui(input, |ui| {
            links = cited(ui, text, &sources, |t| t);
        });
        // No renderer takes the font atlas here.
        out.textures_delta.clear();
        links
    };
    frame(Vec::new());
    let links = frame(Vec::new());
    assert_eq!(
        links.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        ["S15"],
        "[S15] is a link; [S99], which names no source, is not"
    );
    let at = links[0].rect.center();
    let press = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    frame(vec![egui::Event::PointerMoved(at)]);
    assert!(!frame(vec![press(true)])[0].clicked);
    let clicked = frame(vec![press(false)]);
    assert!(clicked[0].clicked, "the click lands on the link");
    // What the encyclopedia does with it: the Sources page, at that entry.
    let mut book = euphrates::app::teaching::Encyclopedia::default();
    book.show_source(&clicked[0].id);
    assert!(book.open);
    assert_eq!(
        book.article.as_deref(),
        Some(euphrates::app::teaching::SOURCES_PAGE)
    );
    assert_eq!(book.source.as_deref(), Some("S15"));
}

#[test]
fn the_history_overlay_sets_the_real_front_line_beside_the_map() {
    use euphrates::app::frontline;
    use euphrates::app::ui_state::Overlays;
    let mut app = game("sdf", (1280, 800), 1.0);
    // Off at first; L turns it on, and the top bar has its switch.
    assert!(!app.world().resource::<Overlays>().history);
    key(&mut app, KeyCode::KeyL, Key::Character("l".into()));
    app.update();
    assert!(
        app.world().resource::<Overlays>().history,
        "L shows the history"
    );
    let layout = app.world().resource::<TopBarLayout>();
    assert!(
        layout.controls.iter().any(|c| c.name == "history overlay"),
        "the top bar has a History switch"
    );
    // On the first day the line in force is the record's 3 November, and the hover box tells
    // what it says of a place, with its source.
    let session = app.world().resource::<Session>();
    let (line, rows) = frontline::current(session).expect("a line is in force");
    assert_eq!((line.date.month, line.date.day), (11, 3));
    assert!(rows.len() >= 40);
    let hajin = session
        .game
        .scenario()
        .places
        .iter()
        .find(|p| p.key == "hajin")
        .unwrap()
        .hex;
    let said = frontline::hover_line(session, hajin).expect("Hajin is on the line");
    assert!(
        said.starts_with("History, 3 November 2017: Hajin held by Islamic State"),
        "{said}"
    );
    assert!(said.contains("[S58b]"), "{said}");
    let summary = frontline::summary(session).unwrap();
    assert!(
        summary.starts_with("Front line of 3 November 2017: your map agrees on"),
        "{summary}"
    );
}

#[test]
fn the_glossary_finds_a_word_by_any_of_its_spellings() {
    use euphrates::app::classroom::term_matches;
    let l = level::load_path(&at(level::DEFAULT_LEVEL)).unwrap();
    let found = |s: &str| -> Vec<&str> {
        l.file
            .glossary
            .iter()
            .filter(|t| term_matches(t, s))
            .map(|t| t.term.as_str())
            .collect()
    };
    assert!(found("Bukamal").contains(&"Abu Kamal"));
    assert!(found("pmf").contains(&"Hashd al-Shaabi"));
    assert!(
        found("").len() == l.file.glossary.len(),
        "an empty search shows every word"
    );
    assert!(found("zzzz").is_empty());
}

#[test]
fn in_a_hotseat_game_nothing_of_the_map_is_drawn_until_the_next_player_is_ready() {
    use bevy::ecs::system::RunSystemOnce;
    use euphrates::app::handover::hand_over_due;
    use euphrates::app::map::overlay::MapPainted;
    let painted = |app: &App| app.world().resource::<MapPainted>().0;
    let due = |app: &App| app.world().resource::<Session>().hand_over_due();
    let mut app = game_for(&["sdf", "iraq"], (1280, 800), 1.0, AnimationSpeed::Off, 3);
    for _ in 0..200 {
        if !app.world().resource::<Session>().ai_to_move() {
            break;
        }
        app.update();
    }
    let scenario = app.world().resource::<Session>().game.scenario_arc();
    let (sdf, iraq) = (
        scenario.faction_by_key("sdf").unwrap(),
        scenario.faction_by_key("iraq").unwrap(),
    );
    // The game opens on the hand-over screen for the first player: no map yet.
    assert_eq!(due(&app), Some(sdf));
    let before = painted(&app);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        painted(&app),
        before,
        "the map is drawn behind the hand-over screen"
    );
    // A key for the map does nothing while the screen is up.
    let commands = app.world().resource::<Session>().commands();
    key(&mut app, KeyCode::KeyE, Key::Character("e".into()));
    assert_eq!(app.world().resource::<Session>().commands(), commands);
    // The SDF's player is ready: their map, through their eyes.
    key(&mut app, KeyCode::Enter, Key::Enter);
    assert_eq!(due(&app), None);
    let session = app.world().resource::<Session>();
    assert_eq!(session.player, sdf);
    assert_eq!(session.view().eyes(), Some(sdf));
    let shown = painted(&app);
    app.update();
    assert!(painted(&app) > shown, "the map is drawn again");
    // The SDF ends its turn; Iraq moves next: the map goes dark until Iraq's player is ready.
    key(&mut app, KeyCode::KeyE, Key::Character("e".into()));
    for _ in 0..50 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<Session>().game.active_faction(),
        iraq
    );
    assert_eq!(due(&app), Some(iraq));
    let dark = painted(&app);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        painted(&app),
        dark,
        "nothing of the map while it is handed over"
    );
    assert_eq!(app.world().resource::<Session>().player, sdf);
    key(&mut app, KeyCode::Enter, Key::Enter);
    let session = app.world().resource::<Session>();
    assert_eq!(session.player, iraq);
    assert_eq!(session.view().eyes(), Some(iraq));
    assert!(!app.world_mut().run_system_once(hand_over_due).unwrap());
}

#[test]
fn ctrl_z_takes_back_a_move_that_showed_nothing_new() {
    let mut app = game("sdf", (1280, 800), 1.0);
    let hash = app.world().resource::<Session>().game.state_hash();
    let (unit, target) = unit_and_reach_on_screen(&mut app).expect("a unit and ground in reach");
    click(&mut app, unit);
    click(&mut app, target);
    let session = app.world().resource::<Session>();
    assert_ne!(session.game.state_hash(), hash, "the unit moved");
    let undoable = session.can_undo();
    assert_eq!(undoable, Ok(()), "the opening move revealed nothing");
    let window = window_entity(&mut app);
    let press = |app: &mut App, code: KeyCode, logical: Key, state: ButtonState| {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: logical,
            state,
            text: None,
            repeat: false,
            window,
        });
        app.update();
    };
    press(
        &mut app,
        KeyCode::ControlLeft,
        Key::Control,
        ButtonState::Pressed,
    );
    press(
        &mut app,
        KeyCode::KeyZ,
        Key::Character("z".into()),
        ButtonState::Pressed,
    );
    press(
        &mut app,
        KeyCode::KeyZ,
        Key::Character("z".into()),
        ButtonState::Released,
    );
    press(
        &mut app,
        KeyCode::ControlLeft,
        Key::Control,
        ButtonState::Released,
    );
    app.update();
    let session = app.world().resource::<Session>();
    let message = app
        .world()
        .resource::<Selection>()
        .notice
        .clone()
        .unwrap_or_default();
    assert_eq!(session.game.state_hash(), hash, "Ctrl+Z put the unit back");
    assert_eq!(message, "Move taken back.");
}

#[test]
fn ending_a_turn_with_units_that_have_not_acted_asks_first() {
    let mut app = game("sdf", (1280, 800), 1.0);
    app.world_mut().resource_mut::<Settings>().warn_idle = true;
    let commands = app.world().resource::<Session>().commands();
    key(&mut app, KeyCode::KeyE, Key::Character("e".into()));
    let asked = app.world().resource::<Selection>().confirm.clone();
    let asked = asked.expect("E asks first");
    assert!(
        asked.question.contains("neither moved nor fought"),
        "{}",
        asked.question
    );
    assert_eq!(
        app.world().resource::<Session>().commands(),
        commands,
        "the turn goes on"
    );
    // Back to the units: Esc. A unit told to keep its place (K) is no longer asked about.
    key(&mut app, KeyCode::Escape, Key::Escape);
    assert!(app.world().resource::<Selection>().confirm.is_none());
    key(&mut app, KeyCode::Tab, Key::Tab);
    let kept = app
        .world()
        .resource::<Selection>()
        .unit
        .expect("Tab selects a unit");
    key(&mut app, KeyCode::KeyK, Key::Character("k".into()));
    assert!(app.world().resource::<Selection>().keep.contains(&kept));
    key(&mut app, KeyCode::Tab, Key::Tab);
    assert_ne!(
        app.world().resource::<Selection>().unit,
        Some(kept),
        "Tab passes a unit that keeps its place"
    );
    let session = app.world().resource::<Session>();
    let idle = euphrates::app::input::idle_units(
        session.view(),
        session.player,
        &app.world().resource::<Selection>().keep,
    );
    assert!(!idle.contains(&kept));
    // Asked again, the player ends the turn all the same (Enter).
    key(&mut app, KeyCode::KeyE, Key::Character("e".into()));
    assert!(app.world().resource::<Selection>().confirm.is_some());
    key(&mut app, KeyCode::Enter, Key::Enter);
    for _ in 0..5 {
        app.update();
    }
    assert!(
        app.world().resource::<Session>().commands() > commands,
        "the turn ended"
    );
}

#[test]
fn a_click_on_the_minimap_moves_the_view_there_and_gives_no_order() {
    use euphrates::app::hud::minimap::MinimapRect;
    let mut app = game("sdf", (1280, 800), 1.0);
    app.update();
    let rect = app
        .world()
        .resource::<MinimapRect>()
        .0
        .expect("the minimap is drawn in the corner of the map");
    let area = map_area(&app);
    assert!(
        area.contains(Vec2::new(rect.center().x, rect.center().y)),
        "inside the map's part of the window"
    );
    let before = seen(&mut app);
    // Its far corners: the view moves one way, then the other.
    egui_click(&mut app, rect.min + egui::vec2(6.0, 6.0));
    let top_left = seen(&mut app);
    egui_click(&mut app, rect.max - egui::vec2(6.0, 6.0));
    let bottom_right = seen(&mut app);
    assert_eq!(bottom_right.commands, before.commands, "no order was given");
    assert!(
        top_left.camera.x < bottom_right.camera.x,
        "{top_left:?} {bottom_right:?}"
    );
    assert!(
        top_left.camera.y > bottom_right.camera.y,
        "{top_left:?} {bottom_right:?}"
    );
    // M hides it.
    key(&mut app, KeyCode::KeyM, Key::Character("m".into()));
    app.update();
    assert!(app.world().resource::<MinimapRect>().0.is_none());
}

#[test]
fn choosing_a_unit_from_the_roster_selects_it_and_looks_at_it() {
    use euphrates::app::ui_state::PlayerAction;
    let mut app = game("sdf", (1280, 800), 1.0);
    let session = app.world().resource::<Session>();
    let me = session.player;
    // The unit farthest from the view's centre, so the camera must move to show it.
    let camera = seen(&mut app).camera;
    let geo = app.world().resource::<MapGeometry>();
    let session = app.world().resource::<Session>();
    let far = session
        .view()
        .units()
        .filter(|u| u.owner == me)
        .max_by(|a, b| {
            let d = |u: &euphrates::sim::Unit| geo.world(u.hex).distance(camera.truncate());
            d(a).total_cmp(&d(b))
        })
        .map(|u| (u.id, geo.world(u.hex)))
        .unwrap();
    app.world_mut().write_message(PlayerAction::Select(far.0));
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(app.world().resource::<Selection>().unit, Some(far.0));
    let now = seen(&mut app).camera.truncate();
    assert!(
        now.distance(far.1) < camera.truncate().distance(far.1),
        "the view moved toward the unit"
    );
}
