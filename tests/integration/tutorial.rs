//! The tutorial level's guided lessons, taken from the first to the last in the real client
//! (without a renderer) through synthetic input: clicks and keys on the map as winit delivers
//! them, and clicks on the panels' buttons and the lesson window as egui receives them.

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use euphrates::app::input::{self, Click};
use euphrates::app::lessons::Lessons;
use euphrates::app::session::Session;
use euphrates::app::settings::AnimationSpeed;
use euphrates::app::ui_state::{ClickTargets, OpenSections, Selection};
use euphrates::level::lessons::{Goal, Section};
use euphrates::sim::UnitId;

use crate::interface::{click, egui_click, game_on, hex_on_screen, key};

/// The lesson shown: its number, goal, and whether the goal is met.
fn lesson(app: &App) -> Option<(usize, Goal, bool)> {
    let p = app.world().resource::<Lessons>().progress.as_ref()?;
    p.current().map(|(i, l)| (i, l.goal.clone(), p.is_met()))
}

/// Clicks a panel's button or section header by the start of its name.
fn press(app: &mut App, prefix: &str) {
    let r = app
        .world()
        .resource::<ClickTargets>()
        .find(prefix)
        .unwrap_or_else(|| {
            panic!(
                "no `{prefix}` on screen: {:?}",
                app.world().resource::<ClickTargets>().0
            )
        });
    egui_click(app, r.center());
    app.update();
}

fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update();
    }
}

/// Clicks the hex of a unit.
fn click_unit(app: &mut App, id: UnitId) {
    let hex = app
        .world()
        .resource::<Session>()
        .view()
        .unit(id)
        .unwrap()
        .hex;
    let at = hex_on_screen(app, hex).expect("the unit is in view");
    click(app, at);
}

/// A unit of the player's and an enemy a click on whom, with that unit selected, shows the
/// odds (from where it stands, or after a move beside it).
fn attack_pair(app: &mut App) -> (UnitId, hexx::Hex) {
    let session = app.world().resource::<Session>();
    let (game, me) = (session.view(), session.player);
    let pairs: Vec<(UnitId, hexx::Hex)> = game
        .units()
        .filter(|u| u.owner == me && !u.has_attacked)
        .flat_map(|u| {
            game.units()
                .filter(|e| game.stance(me, e.owner).fights())
                .map(move |e| (u.id, e.hex))
        })
        .filter(|(u, hex)| {
            matches!(
                input::click(game, me, Some(*u), *hex),
                Click::ConfirmAttack { .. } | Click::MoveThenAttack { .. }
            )
        })
        .collect();
    pairs
        .into_iter()
        .find(|(u, hex)| {
            let at = app
                .world()
                .resource::<Session>()
                .view()
                .unit(*u)
                .unwrap()
                .hex;
            hex_on_screen(app, at).is_some() && hex_on_screen(app, *hex).is_some()
        })
        .expect("a unit of the player's that can attack an enemy in view")
}

/// Selects a unit and moves it to a hex in its reach, by clicks.
fn move_somewhere(app: &mut App, id: UnitId) {
    if app.world().resource::<Selection>().unit != Some(id) {
        click_unit(app, id);
    }
    let reach: Vec<hexx::Hex> = {
        let game = app.world().resource::<Session>().view();
        game.reachable(id)
            .keys()
            .map(|(x, y)| hexx::Hex::new(*x, *y))
            .collect()
    };
    let to = reach
        .into_iter()
        .find_map(|h| hex_on_screen(app, h))
        .expect("a hex in reach and in view");
    click(app, to);
    frames(app, 2);
}

/// Shows the odds of an attack, as the player would: select a unit, click an enemy.
fn show_odds(app: &mut App) {
    let (unit, target) = attack_pair(app);
    if app.world().resource::<Selection>().unit != Some(unit) {
        click_unit(app, unit);
    }
    let at = hex_on_screen(app, target).unwrap();
    click(app, at);
    frames(app, 2);
    assert!(
        app.world().resource::<Selection>().pending.is_some(),
        "the odds are shown: {:?}",
        app.world().resource::<Selection>().message
    );
}

fn open_section(app: &mut App, section: Section) {
    let open = *app.world().resource::<OpenSections>();
    let (is_open, name) = match section {
        Section::Economy => (open.economy, "Economy"),
        Section::Diplomacy => (open.diplomacy, "Diplomacy"),
        Section::Objectives => (open.objectives, "Objectives"),
        Section::Orders => (open.orders, "Orders"),
    };
    if !is_open {
        press(app, &format!("section {name}"));
        frames(app, 3);
    }
}

/// Does what a lesson asks.
fn do_goal(app: &mut App, goal: &Goal) {
    let unit_by_key = |app: &App, key: &str| {
        app.world()
            .resource::<Session>()
            .view()
            .units()
            .find(|u| u.key == key)
            .map(|u| u.id)
            .expect("the lesson's unit")
    };
    match goal {
        Goal::Read => {}
        Goal::Select => {
            key(app, KeyCode::Tab, Key::Tab);
        }
        Goal::SelectUnit(k) => {
            let id = unit_by_key(app, k);
            click_unit(app, id);
        }
        Goal::Move | Goal::MoveUnit(_) => {
            let id = match goal {
                Goal::MoveUnit(k) => unit_by_key(app, k),
                _ => app
                    .world()
                    .resource::<Selection>()
                    .unit
                    .expect("a unit selected"),
            };
            move_somewhere(app, id);
        }
        Goal::Odds => show_odds(app),
        Goal::Attack => {
            if app.world().resource::<Selection>().pending.is_none() {
                show_odds(app);
            }
            key(app, KeyCode::Enter, Key::Enter);
        }
        Goal::Overlay(_) => key(app, KeyCode::KeyU, Key::Character("u".into())),
        Goal::Open(section) => open_section(app, *section),
        Goal::Recruit => {
            // Harun's garrison steps out, so the town is empty.
            let militia = unit_by_key(app, "crown_militia");
            move_somewhere(app, militia);
            open_section(app, Section::Orders);
            press(app, "order Recruit");
        }
        Goal::Support => {
            show_odds(app);
            frames(app, 2);
            press(app, "attack Air strike");
        }
        Goal::Propose => {
            open_section(app, Section::Orders);
            press(app, "order Propose coordination");
            // Should the order ask first, yes.
            if app.world().resource::<Selection>().confirm.is_some() {
                key(app, KeyCode::Enter, Key::Enter);
            }
        }
        Goal::EndTurn => key(app, KeyCode::KeyE, Key::Character("e".into())),
    }
    frames(app, 3);
}

#[test]
fn the_tutorial_is_played_lesson_by_lesson_to_the_end() {
    let mut app = game_on(
        "levels/tutorial.ron",
        &["crown"],
        (1280, 800),
        1.0,
        AnimationSpeed::Off,
        3,
    );
    let total = app
        .world()
        .resource::<Lessons>()
        .progress
        .as_ref()
        .expect("the tutorial level has lessons for the Crown Army")
        .len();
    assert!(total >= 10, "{total} lessons");
    // The whole valley in view.
    key(&mut app, KeyCode::KeyF, Key::Character("f".into()));
    let mut taken = Vec::new();
    while let Some((i, goal, met)) = lesson(&app) {
        assert!(taken.len() < total, "the lessons do not end");
        if goal != Goal::Read {
            assert!(
                !met,
                "lesson {i} ({goal:?}) is met before the player did anything"
            );
        }
        if !met {
            do_goal(&mut app, &goal);
            let (j, _, met) = lesson(&app).expect("the lesson is still shown");
            assert_eq!(j, i, "the lesson moved on by itself");
            assert!(
                met,
                "lesson {i} ({goal:?}) is not met after doing it: {:?}",
                app.world().resource::<Selection>().message
            );
        }
        let next = app
            .world()
            .resource::<Lessons>()
            .next_button
            .expect("the lesson window offers to go on");
        egui_click(&mut app, next.center());
        frames(&mut app, 2);
        assert_ne!(
            lesson(&app).map(|l| l.0),
            Some(i),
            "the lesson window's button did not go on from lesson {i}"
        );
        taken.push(goal);
    }
    assert_eq!(taken.len(), total, "every lesson was taken");
    assert!(
        app.world()
            .resource::<Lessons>()
            .progress
            .as_ref()
            .unwrap()
            .is_finished()
    );
}

#[test]
fn a_lesson_can_be_skipped_and_the_tutorial_ended() {
    let mut app = game_on(
        "levels/tutorial.ron",
        &["crown"],
        (1280, 800),
        1.0,
        AnimationSpeed::Off,
        3,
    );
    let next = app.world().resource::<Lessons>().next_button.unwrap();
    egui_click(&mut app, next.center());
    frames(&mut app, 2);
    assert_eq!(lesson(&app).map(|l| (l.0, l.2)), Some((1, false)));
    let skip = app
        .world()
        .resource::<ClickTargets>()
        .find("lesson skip")
        .expect("a Skip button");
    egui_click(&mut app, skip.center());
    frames(&mut app, 2);
    assert_eq!(lesson(&app).map(|l| l.0), Some(2));
    let end = app
        .world()
        .resource::<ClickTargets>()
        .find("lesson end")
        .expect("an End button");
    egui_click(&mut app, end.center());
    frames(&mut app, 2);
    assert!(
        lesson(&app).is_none(),
        "no lesson is shown after ending the tutorial"
    );
    // Another side of the same level has no lessons.
    let app = game_on(
        "levels/tutorial.ron",
        &["alliance"],
        (1280, 800),
        1.0,
        AnimationSpeed::Off,
        3,
    );
    assert!(app.world().resource::<Lessons>().progress.is_none());
}
