//! Sight and the fog of war: how far each kind sees, from the hills and into towns, what
//! allies and patrons share, where a side last saw the enemy, and how the fog halts a move,
//! hides a target and keeps what a computer player cannot see out of its choices.

use super::*;

/// Red and blue at war on a 12×10 steppe with the fog of war.
fn fogged(terrain: Terrain) -> (ScenarioBuilder, FactionId, FactionId) {
    let (mut b, red, blue) = two_sides(terrain);
    b.stance(red, blue, Stance::Hostile);
    b.fog(true);
    (b, red, blue)
}

fn seen(game: &Game, by: FactionId, unit: UnitId) -> bool {
    game.sees(by, game.unit(unit).unwrap())
}

#[test]
fn each_kind_sees_as_far_as_its_range_and_one_hex_further_from_the_hills() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    let scout = b.unit(red, UnitKind::Infantry, 1, 4);
    let near = b.unit(blue, UnitKind::Infantry, 3, 4);
    let far = b.unit(blue, UnitKind::Infantry, 4, 4);
    let sf = b.unit(red, UnitKind::SpecialForces, 1, 8);
    let sf_far = b.unit(blue, UnitKind::Infantry, 4, 8);
    let sf_beyond = b.unit(blue, UnitKind::Infantry, 5, 8);
    let game = Game::new(b.clone().build(), 1);
    assert!(seen(&game, red, near), "infantry sees two hexes");
    assert!(!seen(&game, red, far), "but not three");
    assert!(seen(&game, red, sf_far), "special forces see three");
    assert!(!seen(&game, red, sf_beyond));
    assert!(
        !seen(&game, blue, sf),
        "blue's own units see no further either"
    );
    assert!(
        seen(&game, red, scout) && seen(&game, blue, far),
        "a side sees its own"
    );

    let hill = b.hex(1, 4);
    b.map().set_tile(
        hill,
        crate::sim::map::Tile {
            terrain: Terrain::Hills,
            country: None,
        },
    );
    let game = Game::new(b.build(), 1);
    assert!(seen(&game, red, far), "from the hills, three hexes");
}

#[test]
fn a_unit_in_a_town_is_seen_only_from_next_to_it() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    town(&mut b, "keep", 4, 4, 0);
    b.control(4, 4, Some(blue));
    let scout = b.unit(red, UnitKind::Infantry, 2, 4);
    let garrison = b.unit(blue, UnitKind::Infantry, 4, 4);
    let mut game = Game::new(b.build(), 1);
    assert!(
        game.sight(red)
            .sees_hex(&game, game.unit(garrison).unwrap().hex)
    );
    assert!(
        !seen(&game, red, garrison),
        "the town hides its garrison at two hexes"
    );
    let next = game.unit(scout).unwrap().hex;
    let step = next
        .all_neighbors()
        .into_iter()
        .find(|h| h.unsigned_distance_to(game.unit(garrison).unwrap().hex) == 1)
        .unwrap();
    game.perform(&mv(scout, vec![step])).unwrap();
    assert!(
        seen(&game, red, garrison),
        "next to it, the garrison is seen"
    );
    // Stepping back, red sees the town but not into it: the garrison stays marked.
    end_round(&mut game);
    game.perform(&mv(scout, vec![next])).unwrap();
    assert!(!seen(&game, red, garrison));
    let marks = game.last_seen(red);
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].unit, garrison);
}

#[test]
fn allies_and_partners_share_what_they_see_and_patrons_reconnaissance_adds_to_it() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    let green = b.faction("green");
    b.stance(green, blue, Stance::Hostile);
    b.stance(red, green, Stance::Allied);
    b.unit(red, UnitKind::Infantry, 1, 1);
    b.unit(green, UnitKind::Infantry, 8, 8);
    let enemy = b.unit(blue, UnitKind::Infantry, 10, 8);
    let lone = b.unit(blue, UnitKind::Infantry, 4, 1);
    let game = Game::new(b.clone().build(), 1);
    assert!(seen(&game, red, enemy), "red sees what its ally sees");
    assert!(!seen(&game, red, lone), "three hexes from red's infantry");

    let eyes = b.patron("eyes", &[red]);
    b.support(Support {
        reconnaissance: 1,
        ..support(eyes, red, 0, vec![])
    });
    let game = Game::new(b.build(), 1);
    assert_eq!(game.reconnaissance(red), 1);
    assert!(seen(&game, red, lone), "drones overhead: one hex further");
    assert!(!seen(
        &game,
        blue,
        game.units().find(|u| u.owner == red).unwrap().id
    ));
}

#[test]
fn a_side_remembers_where_it_last_saw_an_enemy_until_it_sees_that_ground_again() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    let scout = b.unit(red, UnitKind::Infantry, 1, 4);
    let enemy = b.unit(blue, UnitKind::Infantry, 3, 4);
    let mut game = Game::new(b.build(), 1);
    let was = game.unit(enemy).unwrap().hex;
    assert!(game.last_seen(red).is_empty(), "seen now: no marker");
    // Red falls back out of sight of the enemy: it stays marked where it was seen.
    let back = game.scenario().map.hex_at(0, 4);
    game.perform(&mv(scout, vec![back])).unwrap();
    assert!(!seen(&game, red, enemy));
    let marks = game.last_seen(red);
    assert_eq!(marks.len(), 1);
    assert_eq!((marks[0].unit, marks[0].hex), (enemy, was));
    assert_eq!(marks[0].date, game.scenario().start);
    // The view red's computer player decides from keeps the marker but not the unit.
    let view = game.view(red);
    assert!(view.unit(enemy).is_none());
    assert_eq!(view.last_seen(red).len(), 1);
    // Blue moves off unseen; the marker stays until red looks at that ground again.
    until_turn_of(&mut game, blue);
    let away: Vec<_> = (4..=6).map(|c| game.scenario().map.hex_at(c, 4)).collect();
    game.perform(&mv(enemy, away)).unwrap();
    assert_eq!(game.last_seen(red).len(), 1, "still remembered");
    until_turn_of(&mut game, red);
    let again = game.scenario().map.hex_at(1, 4);
    game.perform(&mv(scout, vec![again])).unwrap();
    assert!(
        game.last_seen(red).is_empty(),
        "the ground is seen empty: forgotten"
    );
}

#[test]
fn a_side_forgets_an_enemy_it_has_not_seen_for_turns() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    let scout = b.unit(red, UnitKind::Infantry, 1, 4);
    b.unit(blue, UnitKind::Infantry, 3, 4);
    let mut game = Game::new(b.build(), 1);
    let back = game.scenario().map.hex_at(0, 4);
    game.perform(&mv(scout, vec![back])).unwrap();
    assert_eq!(game.last_seen(red).len(), 1);
    for _ in 0..crate::sim::sight::MEMORY_TURNS {
        end_round(&mut game);
    }
    assert!(
        game.last_seen(red).is_empty(),
        "an old sighting is forgotten"
    );
}

#[test]
fn a_move_stops_where_an_unseen_enemy_stands_in_the_way_and_the_unit_halts() {
    let (mut b, red, blue) = fogged(Terrain::Desert);
    let mover = b.unit(red, UnitKind::Infantry, 0, 4);
    let hidden = b.unit(blue, UnitKind::Infantry, 3, 3);
    let mut game = Game::new(b.build(), 1);
    assert!(!seen(&game, red, hidden));
    let path: Vec<_> = (1..=4).map(|c| game.scenario().map.hex_at(c, 4)).collect();
    assert_eq!(
        game.check(&mv(mover, path.clone())),
        Ok(()),
        "ordered as red sees it"
    );
    let events = game.perform(&mv(mover, path.clone())).unwrap();
    let stop = events
        .iter()
        .find_map(|e| match e {
            Event::Contact { unit, at, enemy } => Some((*unit, *at, *enemy)),
            _ => None,
        })
        .expect("it runs into the enemy");
    assert_eq!(stop.0, mover);
    assert_eq!(stop.2, hidden);
    let u = game.unit(mover).unwrap();
    assert_eq!(u.hex, stop.1);
    assert!(path.contains(&u.hex) && u.hex != *path.last().unwrap());
    assert!(
        game.in_enemy_zoc(u.hex, red),
        "halted in the enemy's zone of control"
    );
    assert_eq!(u.movement_left, 0, "its movement spent");
    assert!(seen(&game, red, hidden), "now it sees the enemy");
}

#[test]
fn without_fog_the_same_move_is_refused_as_before() {
    let (mut b, red, blue) = fogged(Terrain::Desert);
    b.fog(false);
    let mover = b.unit(red, UnitKind::Infantry, 0, 4);
    b.unit(blue, UnitKind::Infantry, 3, 3);
    let game = Game::new(b.build(), 1);
    let path: Vec<_> = (1..=4).map(|c| game.scenario().map.hex_at(c, 4)).collect();
    assert!(matches!(
        game.check(&mv(mover, path)),
        Err(RuleError::ZoneOfControl { .. })
    ));
}

#[test]
fn an_unseen_unit_cannot_be_attacked_or_struck_and_reads_as_empty_ground() {
    let (mut b, red, blue) = fogged(Terrain::Steppe);
    town(&mut b, "keep", 4, 4, 0);
    b.control(4, 4, Some(blue));
    let gun = b.unit(red, UnitKind::Artillery, 2, 4);
    let garrison = b.unit(blue, UnitKind::Infantry, 4, 4);
    let patron = b.patron("air", &[red]);
    b.support(support(patron, red, 6, vec![Request::AirStrike]));
    let mut game = Game::new(b.build(), 1);
    end_round(&mut game);
    let target = game.unit(garrison).unwrap().hex;
    assert!(!seen(&game, red, garrison));
    assert_eq!(
        game.check(&Command::Attack {
            attackers: vec![gun],
            target
        }),
        Err(RuleError::NoDefender { hex: target })
    );
    assert_eq!(
        game.check(&Command::RequestAirStrike { patron, target }),
        Err(RuleError::NoTarget(target))
    );
}

#[test]
fn a_computer_player_decides_the_same_whatever_it_cannot_see() {
    // Blue's unseen reserve stands in one corner or another: red's choices do not change.
    let build = |col: i32| {
        let (mut b, red, blue) = fogged(Terrain::Steppe);
        for r in 0..10 {
            for c in 0..12 {
                b.control(c, r, Some(if c < 6 { red } else { blue }));
            }
        }
        town(&mut b, "prize", 7, 4, 0);
        b.objective(Objective {
            key: "prize".into(),
            faction: red,
            goal: Goal::Hold(PlaceId(0)),
            points: 10,
            description: String::new(),
            by: None,
        });
        b.unit(red, UnitKind::Infantry, 3, 4);
        b.unit(red, UnitKind::Mechanised, 3, 5);
        b.unit(blue, UnitKind::Infantry, 7, 4);
        b.unit(blue, UnitKind::Mechanised, col, 9);
        Game::new(b.build(), 3)
    };
    let (a, b) = (build(10), build(11));
    let red = FactionId(0);
    assert_ne!(a.state_hash(), b.state_hash());
    assert_eq!(a.view(red).state_hash(), b.view(red).state_hash());
    for d in [
        ai::Difficulty::Easy,
        ai::Difficulty::Normal,
        ai::Difficulty::Hard,
    ] {
        let mut pa = ai::Players::with_controllers(2, &[ai::Controller::Ai(d)]);
        let mut pb = ai::Players::with_controllers(2, &[ai::Controller::Ai(d)]);
        assert_eq!(pa.choose(&a), pb.choose(&b), "{d:?}");
    }
}
