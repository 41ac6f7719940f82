//! Motion on the map, in the real client without a renderer: a counter slides along the way
//! its unit moved, an attack shows its exchange and result and holds up nothing but the
//! computer, and Space skips it all.

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use euphrates::app::map::coords::MapGeometry;
use euphrates::app::map::overlay::UnitAnim;
use euphrates::app::map::overlay::effects::{Effect, Effects};
use euphrates::app::session::Session;
use euphrates::app::settings::AnimationSpeed;
use euphrates::app::ui_state::Selection;

use crate::interface::{click, game_on, hex_on_screen, key};

fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update();
    }
}

#[test]
fn a_counter_slides_along_its_way_and_an_attack_shows_its_result_until_skipped() {
    let mut app = game_on(
        "levels/tutorial.ron",
        &["crown"],
        (1280, 800),
        1.0,
        AnimationSpeed::Slow,
        3,
    );
    key(&mut app, KeyCode::KeyF, Key::Character("f".into()));
    // A unit with a hex three or more steps away in reach, both in view.
    let (id, to) = {
        let session = app.world().resource::<Session>();
        let (game, me) = (session.view(), session.player);
        let mut found = None;
        for u in game.units().filter(|u| u.owner == me) {
            for (x, y) in game.reachable(u.id).keys() {
                let h = hexx::Hex::new(*x, *y);
                if h.unsigned_distance_to(u.hex) >= 3
                    && game.path_to(u.id, h).is_some_and(|p| p.len() >= 3)
                {
                    found = Some((u.id, h));
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        found.expect("a unit that can go three hexes")
    };
    let here = app
        .world()
        .resource::<Session>()
        .view()
        .unit(id)
        .unwrap()
        .hex;
    let at = hex_on_screen(&mut app, here).unwrap();
    click(&mut app, at);
    let there = hex_on_screen(&mut app, to).expect("the destination in view");
    click(&mut app, there);
    let path = {
        let session = app.world().resource::<Session>();
        assert_eq!(session.view().unit(id).unwrap().hex, to, "the unit moved");
        app.world().resource::<UnitAnim>().way(id).map(|w| w.len())
    };
    assert!(
        path.is_some_and(|n| n >= 2),
        "the counter follows the way, hex by hex: {path:?}"
    );
    // It passes the hexes between: at some frame it is drawn off the straight line's end
    // points, near a hex of the way.
    let geo = app.world().resource::<MapGeometry>().clone();
    let way: Vec<Vec2> = app
        .world()
        .resource::<UnitAnim>()
        .way(id)
        .unwrap()
        .iter()
        .copied()
        .collect();
    let mut passed = false;
    for _ in 0..400 {
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update();
        let p = app.world().resource::<UnitAnim>().drawn(id).unwrap();
        if way[..way.len() - 1].iter().any(|w| w.distance(p) < 2.0) {
            passed = true;
        }
        if p.distance(geo.world(to)) < 0.5 {
            break;
        }
    }
    assert!(passed, "the counter passed through the hexes of its way");
    // An attack: the exchange of fire, then losses over the units.
    let (attacker, target) = {
        let session = app.world().resource::<Session>();
        let (game, me) = (session.view(), session.player);
        game.units()
            .filter(|u| u.owner == me && !u.has_attacked)
            .flat_map(|u| game.units().map(move |e| (u.id, e.hex)))
            .find(|(u, h)| {
                matches!(
                    euphrates::app::input::click(game, me, Some(*u), *h),
                    euphrates::app::input::Click::ConfirmAttack { .. }
                        | euphrates::app::input::Click::MoveThenAttack { .. }
                )
            })
            .expect("an attack to make")
    };
    let here = app
        .world()
        .resource::<Session>()
        .view()
        .unit(attacker)
        .unwrap()
        .hex;
    let at = hex_on_screen(&mut app, here).unwrap();
    if app.world().resource::<Selection>().unit != Some(attacker) {
        click(&mut app, at);
    }
    let t = hex_on_screen(&mut app, target).unwrap();
    click(&mut app, t);
    frames(&mut app, 2);
    assert!(
        app.world().resource::<Selection>().pending.is_some(),
        "the odds are shown"
    );
    key(&mut app, KeyCode::Enter, Key::Enter);
    frames(&mut app, 2);
    let effects = app.world().resource::<Effects>();
    let kinds: Vec<&Effect> = effects.shown.iter().map(|t| &t.effect).collect();
    assert!(
        kinds.iter().any(|e| matches!(e, Effect::Exchange { .. })),
        "the exchange of fire is shown: {kinds:?}"
    );
    assert!(
        kinds.iter().any(|e| matches!(e, Effect::Float { .. })),
        "the result is shown over the units: {kinds:?}"
    );
    let now = app.world().resource::<Time>().elapsed_secs();
    assert!(effects.busy(now), "the computer would wait for it");
    // The player is not held up: a click selects at once while it plays.
    // Space ends it.
    key(&mut app, KeyCode::Space, Key::Space);
    frames(&mut app, 1);
    assert!(
        app.world().resource::<Effects>().shown.is_empty(),
        "Space skips the effects"
    );
}
