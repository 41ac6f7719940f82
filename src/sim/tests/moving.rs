//! Movement: terrain and roads, the movement allowance, water, zones of control, rivers and
//! their crossings, truce ground.

use super::*;

#[test]
fn movement_costs_follow_terrain_and_roads() {
    let (mut b, red, _) = two_sides(Terrain::Valley);
    let u = b.unit(red, UnitKind::Infantry, 1, 1);
    let path = vec![b.hex(2, 1), b.hex(3, 1)];
    let road = (b.hex(1, 1), b.hex(2, 1));
    b.map().add_road(road.0, road.1);
    let mut game = Game::new(b.build(), 1);
    let events = game.perform(&mv(u, path.clone())).unwrap();
    // One road step (1) and one valley step (3) for infantry.
    assert!(matches!(&events[0], Event::UnitMoved { cost: 4, .. }));
    assert_eq!(game.unit(u).unwrap().movement_left, 8 - 4);
    assert_eq!(game.unit(u).unwrap().hex, path[1]);
    assert_eq!(game.control(path[1]), Some(red));
}

#[test]
fn a_move_beyond_the_allowance_is_refused_and_changes_nothing() {
    let (mut b, red, _) = two_sides(Terrain::Hills);
    let u = b.unit(red, UnitKind::Infantry, 0, 0);
    let path: Vec<_> = (1..=3).map(|c| b.hex(c, 0)).collect();
    let mut game = Game::new(b.build(), 1);
    let before = game.state_hash();
    let err = game.perform(&mv(u, path)).unwrap_err();
    assert_eq!(
        err,
        RuleError::NotEnoughMovement {
            needed: 12,
            left: 8
        }
    );
    assert_eq!(game.state_hash(), before);
}

#[test]
fn water_cannot_be_entered() {
    let (mut b, red, _) = two_sides(Terrain::Steppe);
    let u = b.unit(red, UnitKind::Infantry, 1, 1);
    let lake = b.hex(2, 1);
    b.map().set_tile(
        lake,
        map::Tile {
            terrain: Terrain::Water,
            country: None,
        },
    );
    let game = Game::new(b.build(), 1);
    assert!(matches!(
        game.check(&mv(u, vec![lake])),
        Err(RuleError::Impassable { .. })
    ));
}

#[test]
fn zones_of_control_stop_movement_but_not_special_forces() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let inf = b.unit(red, UnitKind::Infantry, 1, 4);
    let sf = b.unit(red, UnitKind::SpecialForces, 1, 6);
    b.unit(blue, UnitKind::Militia, 3, 5);
    let game = Game::new(b.build(), 1);
    let s = &game.scenario().map;
    // (3,4) is next to the enemy at (3,5): entering it is fine, going on is not.
    let path = vec![s.hex_at(2, 4), s.hex_at(3, 4), s.hex_at(4, 4)];
    assert_eq!(
        game.check(&mv(inf, path[..2].to_vec())),
        Ok(()),
        "may enter the zone"
    );
    assert_eq!(
        game.check(&mv(inf, path.clone())),
        Err(RuleError::ZoneOfControl {
            hex: s.hex_at(3, 4)
        })
    );
    let sf_path = vec![s.hex_at(2, 6), s.hex_at(3, 6), s.hex_at(4, 6)];
    assert_eq!(game.check(&mv(sf, sf_path)), Ok(()));
    // The reachable set agrees with check: it stops at the zone.
    let reach = game.reachable(inf);
    assert!(reach[&(path[1].x, path[1].y)].stops);
    // (4,4) may be reachable another way round, but never through the zone.
    assert!(
        reach
            .get(&(path[2].x, path[2].y))
            .is_none_or(|r| r.prev != path[1])
    );
}

#[test]
fn rivers_are_crossed_only_at_bridges_and_fords() {
    let (mut b, red, _) = two_sides(Terrain::Steppe);
    let u = b.unit(red, UnitKind::Mechanised, 3, 3);
    let (west, east) = (b.hex(3, 3), b.hex(4, 3));
    let r = b.map().add_river("euphrates", "Euphrates");
    b.map().add_river_edge(west, east, r);
    let scenario = b.build();
    let game = Game::new(scenario.clone(), 1);
    assert_eq!(
        game.check(&mv(u, vec![east])),
        Err(RuleError::NoCrossing {
            river: "Euphrates".into(),
            from: west,
            to: east
        })
    );
    for (kind, cost) in [
        (CrossingKind::Bridge, Some(2)),
        (CrossingKind::Ford, Some(4)),
        (CrossingKind::Ruined, None),
    ] {
        let mut s = scenario.clone();
        s.map.set_crossing(
            EdgeKey::new(west, east),
            Crossing {
                name: "x".into(),
                kind,
            },
        );
        let mut game = Game::new(s, 1);
        match cost {
            Some(c) => {
                let ev = game.perform(&mv(u, vec![east])).unwrap();
                assert!(matches!(&ev[0], Event::UnitMoved { cost, .. } if *cost == c));
            }
            None => assert!(game.check(&mv(u, vec![east])).is_err()),
        }
    }
}

#[test]
fn truce_ground_is_off_limits_and_allies_can_be_passed() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let green = b.faction("green");
    b.stance(red, blue, Stance::Neutral);
    b.stance(red, green, Stance::Allied);
    let u = b.unit(red, UnitKind::Infantry, 1, 1);
    b.control(2, 1, Some(blue));
    b.unit(green, UnitKind::Militia, 1, 2);
    let game = Game::new(b.build(), 1);
    let m = &game.scenario().map;
    assert!(matches!(
        game.check(&mv(u, vec![m.hex_at(2, 1)])),
        Err(RuleError::Deconflicted { .. })
    ));
    // Through the ally at (1,2) to (1,3), but not stopping on it.
    let ally = m.hex_at(1, 2);
    let beyond = *ally
        .all_neighbors()
        .iter()
        .find(|h| m.offset_of(**h) == [1, 3] || m.offset_of(**h) == [2, 3])
        .unwrap();
    assert_eq!(game.check(&mv(u, vec![ally, beyond])), Ok(()));
    assert!(matches!(
        game.check(&mv(u, vec![ally])),
        Err(RuleError::Occupied { .. })
    ));
}
