//! How a hard computer player runs its campaign: it wears down the defences of the place it
//! closes in on from the air, splits its force between what it goes after, leaves a garrison
//! where it holds the edge of enemy ground, hunts down an enemy loose in its rear, races a
//! partner for what the partner would take first, and posts a garrison in an empty place an
//! enemy could walk into.

use super::*;

/// Plays `faction`'s turn with an AI at a difficulty; the commands it gave.
fn turn_of(game: &mut Game, d: ai::Difficulty) -> Vec<Command> {
    let mut ai = ai::AiPlayer::new(d);
    let mut given = Vec::new();
    for _ in 0..ai::MAX_COMMANDS_PER_TURN {
        let c = ai.choose(game);
        game.perform(&c).unwrap();
        given.push(c.clone());
        if c == Command::EndTurn {
            break;
        }
    }
    given
}

fn hold(b: &mut ScenarioBuilder, faction: FactionId, key: &str, place: PlaceId, points: u16) {
    b.objective(Objective {
        key: key.into(),
        faction,
        goal: Goal::Hold(place),
        points,
        description: String::new(),
        by: None,
    });
}

/// Red, backed by a patron with air strikes, three hexes from a town behind two lines of
/// defences that a blue garrison holds: too far to attack this turn.
fn fortified_town() -> (Game, hexx::Hex) {
    let (mut b, red, blue, _) = backed();
    b.stance(red, blue, Stance::Hostile);
    let hex = b.hex(8, 5);
    let town = b.place(Place {
        defences: 2,
        key: "town".into(),
        name: "town".into(),
        kind: PlaceKind::Town,
        hex,
        population: 0,
        present: 0,
        points: 5,
    });
    hold(&mut b, red, "town", town, 10);
    let garrison = b.unit(blue, UnitKind::Infantry, 8, 5);
    b.unit_mut(garrison).strength = 12;
    // Marsh before the town holds red back for this turn.
    for c in 6..8 {
        for r in 0..10 {
            let h = b.hex(c, r);
            b.map().set_tile(
                h,
                map::Tile {
                    terrain: Terrain::Marsh,
                    country: None,
                },
            );
        }
    }
    b.unit(red, UnitKind::Infantry, 5, 5);
    (Game::new(b.build(), 1), hex)
}

#[test]
fn a_hard_ai_strikes_the_lines_of_the_town_it_closes_in_on_before_it_can_attack() {
    let (game, hex) = fortified_town();
    assert!(game.defences_at(hex) > 0);
    let struck = |d| {
        let mut g = game.clone();
        turn_of(&mut g, d)
            .iter()
            .any(|c| matches!(c, Command::RequestAirStrike { target, .. } if *target == hex))
    };
    assert!(
        struck(ai::Difficulty::Hard),
        "the hard AI kept its aircraft while the town's lines stood"
    );
    assert!(
        !struck(ai::Difficulty::Normal),
        "a normal AI strikes only where it is about to attack"
    );
}

/// Red's three units in the west; to the east a town worth much, held by a strong blue
/// garrison, and to the south a village worth less held by a weak one.
fn two_prizes() -> (Game, [UnitId; 3], hexx::Hex, hexx::Hex) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    b.stance(red, blue, Stance::Hostile);
    let town_hex = b.hex(10, 2);
    let town = place(&mut b, "town", PlaceKind::Town, town_hex, 6);
    b.control(10, 2, Some(blue));
    hold(&mut b, red, "town", town, 10);
    let village_hex = b.hex(3, 9);
    let village = place(&mut b, "village", PlaceKind::Village, village_hex, 3);
    b.control(3, 9, Some(blue));
    hold(&mut b, red, "village", village, 8);
    let strong = b.unit(blue, UnitKind::Infantry, 10, 2);
    b.unit_mut(strong).strength = 30;
    let weak = b.unit(blue, UnitKind::Militia, 3, 9);
    b.unit_mut(weak).strength = 2;
    let units = [
        b.unit(red, UnitKind::Infantry, 2, 2),
        b.unit(red, UnitKind::Infantry, 2, 3),
        b.unit(red, UnitKind::Infantry, 3, 2),
    ];
    (Game::new(b.build(), 1), units, town_hex, village_hex)
}

#[test]
fn a_hard_ai_sends_a_detachment_to_the_weakly_held_village_while_its_force_marches_on_the_town() {
    let (game, units, town, village) = two_prizes();
    let toward = |d| {
        let mut g = game.clone();
        turn_of(&mut g, d);
        let mut closer = (0, 0);
        for id in units {
            let before = game.unit(id).unwrap().hex;
            let after = g.unit(id).unwrap().hex;
            if after.unsigned_distance_to(village) < before.unsigned_distance_to(village) {
                closer.1 += 1;
            } else if after.unsigned_distance_to(town) < before.unsigned_distance_to(town) {
                closer.0 += 1;
            }
        }
        closer
    };
    let (to_town, to_village) = toward(ai::Difficulty::Hard);
    assert!(
        to_village >= 1 && to_town >= 1,
        "hard: {to_town} toward the town, {to_village} toward the village"
    );
    let (_, to_village) = toward(ai::Difficulty::Normal);
    assert_eq!(to_village, 0, "the normal AI follows the strongest pull");
}

/// Red holds a village on the edge of blue ground with one unit in it, and has an objective
/// to take far to the east; no blue unit is in sight under the fog of war.
fn edge_village() -> (Game, UnitId) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    b.stance(red, blue, Stance::Hostile);
    b.fog(true);
    let village_hex = b.hex(2, 7);
    place(&mut b, "village", PlaceKind::Village, village_hex, 3);
    b.control(2, 7, Some(red));
    for c in 0..5 {
        b.control(c, 9, Some(blue));
    }
    let far_hex = b.hex(11, 1);
    let far = place(&mut b, "far", PlaceKind::Town, far_hex, 5);
    b.control(11, 1, Some(blue));
    hold(&mut b, red, "far", far, 10);
    let garrison = b.unit(red, UnitKind::Infantry, 2, 7);
    b.unit(red, UnitKind::Infantry, 4, 3);
    b.unit(blue, UnitKind::Militia, 11, 9);
    let mut game = Game::new(b.build(), 1);
    // The blue unit stands out of sight of red.
    assert_eq!(game.enemies_seen(red), 0);
    game.perform(&Command::EndTurn).unwrap();
    until_turn_of(&mut game, red);
    (game, garrison)
}

#[test]
fn a_hard_ai_leaves_a_garrison_in_a_place_on_the_edge_of_enemy_ground() {
    let (game, garrison) = edge_village();
    let stays = |d| {
        let mut g = game.clone();
        let mut ai = ai::AiPlayer::new(d);
        // Every command decided from what red sees, as the computer does under the fog.
        for _ in 0..ai::MAX_COMMANDS_PER_TURN {
            let c = ai.choose(&g.view(g.active_faction()));
            g.perform(&c).unwrap();
            if c == Command::EndTurn {
                break;
            }
        }
        g.unit(garrison).unwrap().hex == game.unit(garrison).unwrap().hex
    };
    assert!(
        stays(ai::Difficulty::Hard),
        "the hard AI left the village to whoever walks in from the ground next to it"
    );
    assert!(
        !stays(ai::Difficulty::Normal),
        "with no enemy in sight a normal AI marches everyone on"
    );
}

/// Red holds the ground west of column 6; a beaten blue unit has fallen back into it.
fn intruder() -> (Game, hexx::Hex) {
    let (mut b, red, blue) = halves();
    b.stance(red, blue, Stance::Hostile);
    b.unit(red, UnitKind::Infantry, 1, 1);
    let stray = b.unit(blue, UnitKind::Infantry, 3, 6);
    b.unit_mut(stray).strength = 2;
    b.control(3, 6, Some(blue));
    let hex = b.hex(3, 6);
    (Game::new(b.build(), 1), hex)
}

#[test]
fn a_hard_ai_hunts_an_enemy_loose_in_its_ground() {
    let (game, stray) = intruder();
    let hunts = |d| {
        ai::AiPlayer::new(d)
            .targets(&game)
            .iter()
            .any(|(h, _)| *h == stray)
    };
    assert!(hunts(ai::Difficulty::Hard), "the hard AI let it roam");
    assert!(
        !hunts(ai::Difficulty::Normal),
        "a normal AI hunts only cells"
    );
}

/// Red's one unit halfway between two empty blue places: a village to the west that green,
/// red's cooperating partner and also at war with blue, is about to walk into, and a town
/// worth more to the east that only red can reach.
fn race() -> (Game, UnitId, hexx::Hex, hexx::Hex) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    let green = b.faction("green");
    b.stance(red, blue, Stance::Hostile);
    b.stance(green, blue, Stance::Hostile);
    b.stance(red, green, Stance::Cooperating);
    let village_hex = b.hex(2, 2);
    place(&mut b, "village", PlaceKind::Village, village_hex, 3);
    b.control(2, 2, Some(blue));
    let town_hex = b.hex(10, 2);
    place(&mut b, "town", PlaceKind::Town, town_hex, 5);
    b.control(10, 2, Some(blue));
    let unit = b.unit(red, UnitKind::Infantry, 6, 2);
    b.unit(green, UnitKind::Infantry, 0, 2);
    b.unit(blue, UnitKind::Militia, 11, 9);
    (Game::new(b.build(), 1), unit, village_hex, town_hex)
}

#[test]
fn a_hard_ai_races_a_partner_for_the_place_it_would_take_first() {
    let (game, unit, village, town) = race();
    let start = game.unit(unit).unwrap().hex;
    assert_eq!(
        start.unsigned_distance_to(village),
        start.unsigned_distance_to(town)
    );
    let heads_west = |d| {
        let mut g = game.clone();
        turn_of(&mut g, d);
        let at = g.unit(unit).unwrap().hex;
        at.unsigned_distance_to(village) < start.unsigned_distance_to(village)
    };
    assert!(
        heads_west(ai::Difficulty::Hard),
        "the hard AI left the village to its partner, who would hold it for good"
    );
    assert!(
        !heads_west(ai::Difficulty::Normal),
        "a normal AI goes for what is worth most"
    );
}

/// Red holds a town on the west with no one in it; a beaten blue unit stands three hexes
/// from it, next to a strong red unit and a weak one. What red goes after lies to the east.
fn empty_town_and_a_stray() -> (Game, hexx::Hex, UnitId, [UnitId; 2]) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    b.stance(red, blue, Stance::Hostile);
    let town_hex = b.hex(2, 5);
    place(&mut b, "town", PlaceKind::Town, town_hex, 5);
    b.control(2, 5, Some(red));
    let far_hex = b.hex(11, 5);
    place(&mut b, "far", PlaceKind::Town, far_hex, 5);
    b.control(11, 5, Some(blue));
    let stray = b.unit(blue, UnitKind::Infantry, 5, 5);
    b.unit_mut(stray).strength = 2;
    let strong = b.unit(red, UnitKind::Infantry, 6, 5);
    b.unit_mut(strong).strength = 15;
    let weak = b.unit(red, UnitKind::Militia, 4, 5);
    b.unit_mut(weak).strength = 4;
    (Game::new(b.build(), 1), town_hex, stray, [strong, weak])
}

#[test]
fn a_hard_ai_posts_a_garrison_in_an_empty_town_an_enemy_could_walk_into() {
    let (game, town, stray, units) = empty_town_and_a_stray();
    let stray_at = game.unit(stray).unwrap().hex;
    assert_eq!(stray_at.unsigned_distance_to(town), 3);
    assert!(
        units
            .iter()
            .all(|&u| game.unit(u).unwrap().hex.unsigned_distance_to(stray_at) == 1)
    );
    let garrisoned = |d| {
        let mut g = game.clone();
        turn_of(&mut g, d);
        g.unit_at(town).is_some_and(|u| units.contains(&u.id))
    };
    assert!(
        garrisoned(ai::Difficulty::Hard),
        "the hard AI left the town open to the enemy next to it"
    );
    assert!(
        !garrisoned(ai::Difficulty::Normal),
        "a normal AI throws both units at the enemy"
    );
}
