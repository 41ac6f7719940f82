//! Combat: odds and dice, the preview, truces, digging in and fortification, and the people
//! fighting drives from towns.

use super::*;

#[test]
fn combat_is_reproducible_by_seed_and_varies_across_seeds() {
    let (g1, e1) = battle(42);
    let (g2, e2) = battle(42);
    assert_eq!(e1, e2);
    assert_eq!(g1.state_hash(), g2.state_hash());
    let rolls: std::collections::BTreeSet<u8> = (0..40)
        .filter_map(|s| match &battle(s).1[0] {
            Event::AttackResolved { roll, .. } => Some(*roll),
            _ => None,
        })
        .collect();
    assert!(rolls.len() > 3, "dice should vary with the seed: {rolls:?}");
}

#[test]
fn preview_matches_the_resolved_attack() {
    let (mut b, red, blue) = two_sides(Terrain::Urban);
    let a1 = b.unit(red, UnitKind::Infantry, 3, 3);
    let a2 = b.unit(red, UnitKind::Artillery, 2, 3);
    b.unit(blue, UnitKind::Infantry, 4, 3);
    let target = b.hex(4, 3);
    let mut game = Game::new(b.build(), 3);
    let p = game.preview_attack(&[a1, a2], target).unwrap();
    // 20 infantry at 70 morale (85%) plus 20 artillery (120% × 85%) against 20 infantry in
    // a city (200% × 85%): 17.00 + 20.40 = 37.40 against 34.00.
    assert_eq!((p.attack, p.defence), (3740, 3400));
    assert_eq!(p.odds(), "1:1");
    assert_eq!(p.chances.iter().sum::<u8>(), 6);
    let ev = game
        .perform(&Command::Attack {
            attackers: vec![a1, a2],
            target,
        })
        .unwrap();
    assert!(matches!(
        &ev[0],
        Event::AttackResolved {
            ratio_percent: 110,
            ..
        }
    ));
    assert_eq!(
        game.check(&Command::Attack {
            attackers: vec![a1],
            target
        }),
        Err(RuleError::AlreadyAttacked(a1))
    );
}

#[test]
fn no_attacks_on_a_truce_partner() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    b.stance(red, blue, Stance::Neutral);
    let a = b.unit(red, UnitKind::Infantry, 3, 3);
    b.unit(blue, UnitKind::Infantry, 4, 3);
    let target = b.hex(4, 3);
    let game = Game::new(b.build(), 3);
    assert_eq!(
        game.check(&Command::Attack {
            attackers: vec![a],
            target
        }),
        Err(RuleError::NotAtWar { with: blue })
    );
}

#[test]
fn a_unit_that_holds_its_ground_a_whole_turn_digs_in_and_moving_ends_it() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let a = b.unit(red, UnitKind::Infantry, 3, 3);
    let d = b.unit(blue, UnitKind::Infantry, 5, 3);
    let (next_to, away) = (b.hex(4, 3), b.hex(6, 3));
    let mut game = Game::new(b.build(), 1);
    let defence = |g: &Game| {
        g.preview_attack(&[a], g.unit(d).unwrap().hex)
            .unwrap()
            .defence
    };
    assert!(!game.unit(d).unwrap().dug_in);
    // Red's turn passes; blue's turn passes without a move: blue digs in as it ends.
    game.perform(&Command::EndTurn).unwrap();
    assert!(
        !game.unit(d).unwrap().dug_in,
        "not before its own turn has passed"
    );
    game.perform(&Command::EndTurn).unwrap();
    assert!(game.unit(d).unwrap().dug_in);
    // Red moves next to it: the defence counts the earthworks (+25 % in open ground).
    game.perform(&mv(a, vec![next_to])).unwrap();
    let p = game
        .preview_attack(&[a], game.unit(d).unwrap().hex)
        .unwrap();
    assert!(
        p.defence_modifiers
            .iter()
            .any(|m| m.label == "dug in" && m.percent == 125)
    );
    let dug = defence(&game);
    // Blue steps out and back: no longer dug in, and weaker for it.
    game.perform(&Command::EndTurn).unwrap();
    let here = game.unit(d).unwrap().hex;
    game.perform(&mv(d, vec![away, here])).unwrap();
    assert!(!game.unit(d).unwrap().dug_in);
    game.perform(&Command::EndTurn).unwrap();
    assert!(!game.unit(d).unwrap().dug_in, "it moved during its turn");
    assert!(defence(&game) < dug);
}

#[test]
fn fighting_and_air_strikes_in_a_town_displace_its_people_counted_against_the_attacker() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let a = b.unit(red, UnitKind::Mechanised, 3, 3);
    let d = b.unit(blue, UnitKind::Militia, 4, 3);
    b.unit_mut(d).strength = 30;
    let target = b.hex(4, 3);
    let town = b.place(Place {
        defences: 0,
        key: "town".into(),
        name: "Town".into(),
        kind: PlaceKind::Town,
        hex: target,
        population: 20_000,
        present: 20_000,
        points: 1,
    });
    let mut game = Game::new(b.build(), 7);
    assert_eq!(game.residents(town), 20_000);
    let events = game
        .perform(&Command::Attack {
            attackers: vec![a],
            target,
        })
        .unwrap();
    let fled = civilians::ATTACK_DISPLACES_PERCENT * 200;
    assert!(events.contains(&Event::CiviliansDisplaced {
        place: town,
        by: red,
        people: fled,
        cause: civilians::Cause::Attack,
    }));
    assert_eq!(game.residents(town), 20_000 - fled);
    assert_eq!(game.displaced(red), u64::from(fled));
    assert_eq!(game.displaced(blue), 0);
    // Each attack drives out a share of those still there, so a town empties slowly.
    let left = game.residents(town);
    let again = game.displacement(red, target, civilians::Cause::Attack);
    assert_eq!(
        again,
        Some(Event::CiviliansDisplaced {
            place: town,
            by: red,
            people: left * civilians::ATTACK_DISPLACES_PERCENT / 100,
            cause: civilians::Cause::Attack,
        })
    );
    // Open ground has no one to displace.
    assert_eq!(
        game.displacement(
            red,
            game.scenario().map.hex_at(0, 0),
            civilians::Cause::AirStrike
        ),
        None
    );
    assert!(game.check_invariants().is_ok());
}

/// Red attacks a weak blue unit with a strong one until the attack empties the hex (the dice
/// decide; a few seeds are tried), and a red unit that took no part waits far off.
fn emptied_by_attack() -> (Game, UnitId, UnitId, hexx::Hex) {
    for seed in 0..40 {
        let (mut b, red, blue) = two_sides(Terrain::Steppe);
        let attacker = b.unit(red, UnitKind::Infantry, 3, 3);
        let idle = b.unit(red, UnitKind::Infantry, 0, 8);
        let weak = b.unit(blue, UnitKind::Militia, 4, 3);
        b.unit_mut(weak).strength = 2;
        let target = b.hex(4, 3);
        let mut game = Game::new(b.build(), seed);
        let from = game.unit(attacker).unwrap().hex;
        game.perform(&Command::Attack {
            attackers: vec![attacker],
            target,
        })
        .unwrap();
        assert_eq!(
            game.unit(attacker).map(|u| u.hex),
            Some(from),
            "winning an attack does not move the attacker by itself"
        );
        if game.unit_at(target).is_none() {
            return (game, attacker, idle, target);
        }
    }
    panic!("no seed emptied the hex");
}

#[test]
fn advancing_after_an_attack_is_the_attackers_choice() {
    let (game, attacker, idle, target) = emptied_by_attack();
    assert_eq!(game.advance_offer(), Some((target, &[attacker][..])));
    assert!(matches!(
        game.check(&Command::Advance { unit: idle }),
        Err(RuleError::NotAnAdvancer { .. })
    ));

    // Taking it: the attacker steps in at no cost, takes the hex, and the offer is used up.
    let mut taken = game.clone();
    let red = taken.unit(attacker).unwrap().owner;
    taken.perform(&Command::Advance { unit: attacker }).unwrap();
    assert_eq!(taken.unit(attacker).unwrap().hex, target);
    assert_eq!(taken.control(target), Some(red));
    assert_eq!(taken.advance_offer(), None);
    assert_eq!(
        taken.check(&Command::Advance { unit: attacker }),
        Err(RuleError::NothingToAdvanceInto)
    );

    // Moving another unit first lets the chance go.
    let mut moved_on = game.clone();
    let here = moved_on.unit(idle).unwrap().hex;
    let step = moved_on
        .scenario()
        .map
        .neighbors(here)
        .find_map(|h| moved_on.path_to(idle, h))
        .expect("the idle unit can step somewhere");
    moved_on.perform(&mv(idle, step)).unwrap();
    assert_eq!(
        moved_on.check(&Command::Advance { unit: attacker }),
        Err(RuleError::NothingToAdvanceInto)
    );

    // And so does the end of the turn.
    let mut ended = game;
    ended.perform(&Command::EndTurn).unwrap();
    assert_eq!(ended.advance_offer(), None);
}

#[test]
fn no_attacker_advances_across_a_deconfliction_line() {
    let mut seen_offer = false;
    for seed in 0..40 {
        let (mut b, red, blue) = two_sides(Terrain::Steppe);
        let green = b.faction("green");
        b.stance(red, blue, Stance::Neutral);
        b.stance(red, green, Stance::Hostile);
        // The line runs between columns 5 and 6: every edge joining them.
        let mut edges = Vec::new();
        for r in 0..10 {
            for r2 in (r - 1).max(0)..=(r + 1).min(9) {
                let (west, east) = (b.hex(5, r), b.hex(6, r2));
                if west.unsigned_distance_to(east) == 1 {
                    edges.push(EdgeKey::new(west, east));
                }
            }
        }
        edges.sort();
        edges.dedup();
        b.agreement(Agreement {
            key: "line".into(),
            name: "deconfliction line".into(),
            kind: AgreementKind::Deconfliction { edges },
            parties: (red, blue),
        });
        let across = b.unit(red, UnitKind::Infantry, 5, 4);
        let beside = b.unit(red, UnitKind::Infantry, 7, 4);
        let weak = b.unit(green, UnitKind::Militia, 6, 4);
        b.unit_mut(weak).strength = 2;
        b.control(6, 4, Some(green));
        let target = b.hex(6, 4);
        assert_eq!(b.hex(5, 4).unsigned_distance_to(target), 1);
        let mut game = Game::new(b.build(), seed);
        game.perform(&Command::Attack {
            attackers: vec![across, beside],
            target,
        })
        .unwrap();
        if let Some((hex, units)) = game.advance_offer() {
            seen_offer = true;
            assert_eq!(hex, target);
            assert_eq!(
                units,
                &[beside][..],
                "only the unit on the near side may step in"
            );
            assert!(matches!(
                game.check(&Command::Advance { unit: across }),
                Err(RuleError::NotAnAdvancer { .. })
            ));
        }
        assert_eq!(game.unit(across).unwrap().hex, b_hex(&game, across));
    }
    assert!(seen_offer, "some seed emptied the hex");
}

/// Where a unit stands (for the assertion that it has not moved).
fn b_hex(game: &Game, id: UnitId) -> hexx::Hex {
    game.scenario().units[id.0 as usize].hex
}

#[test]
fn a_town_cut_off_from_its_holders_supply_loses_people_each_turn_counted_against_the_besieger() {
    let (mut b, red, blue, _) = supply_line();
    // Blue holds everything but red's road, and then the road itself at one hex: the way from
    // red's rear to its town at the end of the road is cut by blue's ground.
    for r in 0..10 {
        for c in 0..12 {
            if r != 2 || c > 6 {
                b.control(c, r, Some(blue));
            }
        }
    }
    let hex = b.hex(5, 2);
    let town = b.place(Place {
        defences: 0,
        key: "town".into(),
        name: "Town".into(),
        kind: PlaceKind::Town,
        hex,
        population: 10_000,
        present: 10_000,
        points: 1,
    });
    let mut open = Game::new(b.clone().build(), 3);
    b.control(3, 2, Some(blue));
    let mut cut = Game::new(b.build(), 3);
    let round = |game: &mut Game| -> Vec<Event> {
        let mut all = Vec::new();
        for _ in 0..2 {
            all.extend(game.perform(&Command::EndTurn).unwrap());
        }
        all
    };
    let sieges = |events: &[Event]| -> Vec<Event> {
        events
            .iter()
            .filter(|e| matches!(e, Event::CiviliansDisplaced { .. }))
            .cloned()
            .collect()
    };
    // With the road open, no one flees; cut, a share of those there flee as red's turn
    // begins, counted against blue.
    assert!(sieges(&round(&mut open)).is_empty());
    assert_eq!(open.residents(town), 10_000);
    // The first turn began cut off: 3 % of 10,000 have fled already; each turn after, 3 % of
    // those left.
    assert_eq!(cut.residents(town), 9_700);
    let fled = sieges(&round(&mut cut));
    assert_eq!(
        fled,
        [Event::CiviliansDisplaced {
            place: town,
            by: blue,
            people: 9_700 * civilians::SIEGE_DISPLACES_PERCENT / 100,
            cause: civilians::Cause::Siege,
        }]
    );
    assert_eq!(cut.displaced(blue), 300 + 291);
    assert_eq!(cut.displaced(red), 0);
    assert!(cut.check_invariants().is_ok());
}
