//! Prepared defences: lines that hold a beaten garrison in its town, broken by won attacks and
//! some air strikes, dug again for money.

use super::*;
use crate::sim::defences::{FORTIFY_COST, STRIKE_BREACH_ROLL, UNDER_FIRE_TURNS};

/// Red's overwhelming infantry next to a blue garrison in a town with `lines` of `max`
/// defences; red also has a patron with air strikes. Blue has money to dig.
fn siege(lines: u8, max: u8) -> (Game, FactionId, FactionId, UnitId, UnitId, PlaceId) {
    let (mut b, red, blue, _) = backed();
    let a = b.unit(red, UnitKind::Infantry, 5, 4);
    b.unit_mut(a).strength = 100;
    let d = b.unit(blue, UnitKind::Infantry, 6, 4);
    b.unit_mut(d).strength = 8;
    let hex = b.hex(6, 4);
    let town = b.place(Place {
        key: "town".into(),
        name: "Town".into(),
        kind: PlaceKind::Town,
        hex,
        population: 0,
        present: 0,
        points: 3,
        defences: max,
    });
    b.faction_mut(blue).treasury = 10;
    let mut game = Game::new(b.build(), 3);
    // Wear the works down to `lines` the way a game would: with breaches.
    for left in (lines..max).rev() {
        game.apply(&Event::DefencesBreached {
            place: town,
            by: red,
            left,
        });
    }
    (game, red, blue, a, d, town)
}

fn attack(game: &mut Game, a: UnitId, target: hexx::Hex) -> Vec<Event> {
    game.perform(&Command::Attack {
        attackers: vec![a],
        target,
    })
    .unwrap()
}

#[test]
fn a_won_fight_breaks_a_line_and_the_garrison_stays() {
    let (mut game, red, _, a, d, town) = siege(2, 2);
    let hex = game.unit(d).unwrap().hex;
    let p = game.preview_attack(&[a], hex).unwrap();
    assert_eq!(p.defences, 2, "the odds window shows the lines");
    assert_eq!(p.win_sixths(), 6, "6:1 always wins");
    let before = game.unit(d).unwrap().strength;
    let events = attack(&mut game, a, hex);
    assert!(events.contains(&Event::DefencesBreached {
        place: town,
        by: red,
        left: 1
    }));
    let d_now = game.unit(d).unwrap();
    assert_eq!(d_now.hex, hex, "behind a line, the garrison holds");
    assert!(
        game.unit(a).unwrap().strength <= 100 - 15,
        "storming the works cost the winner at least 15 %"
    );
    assert!(d_now.strength < before, "but it still takes its losses");
    assert_eq!(game.defences(town), 1);
    assert_eq!(game.advance_offer(), None, "nothing was emptied");
    assert_eq!(game.control(hex), Some(game.unit(d).unwrap().owner));
    assert!(game.check_invariants().is_ok());
}

#[test]
fn with_its_last_line_broken_a_beaten_garrison_is_driven_out() {
    let (mut game, red, _, a, d, town) = siege(1, 3);
    let hex = game.unit(d).unwrap().hex;
    attack(&mut game, a, hex);
    assert_eq!(game.defences(town), 0);
    assert_eq!(game.unit(d).unwrap().hex, hex);
    // Next turn, in the open, the same result drives it out.
    end_round(&mut game);
    let events = attack(&mut game, a, hex);
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::DefencesBreached { .. }))
    );
    assert_ne!(game.unit(d).map(|u| u.hex), Some(hex));
    game.perform(&Command::Advance { unit: a }).unwrap();
    assert_eq!(game.control(hex), Some(red));
    assert_eq!(
        game.defences(town),
        0,
        "works facing the other way are no use"
    );
}

#[test]
fn an_air_strike_breaks_a_line_on_a_high_roll() {
    let mut seen = [false, false];
    for seed in 0..30 {
        let (mut b, red, blue, patron) = backed();
        let d = b.unit(blue, UnitKind::Infantry, 8, 5);
        b.unit_mut(d).strength = 60;
        let hex = b.hex(8, 5);
        let town = b.place(Place {
            key: "town".into(),
            name: "Town".into(),
            kind: PlaceKind::Town,
            hex,
            population: 0,
            present: 0,
            points: 3,
            defences: 2,
        });
        let mut game = Game::new(b.build(), seed);
        let events = game
            .perform(&Command::RequestAirStrike {
                patron,
                target: hex,
            })
            .unwrap();
        let roll = events
            .iter()
            .find_map(|e| match e {
                Event::AirStrike { roll, .. } => Some(*roll),
                _ => None,
            })
            .unwrap();
        let breached = events.contains(&Event::DefencesBreached {
            place: town,
            by: red,
            left: 1,
        });
        assert_eq!(breached, roll >= STRIKE_BREACH_ROLL, "roll {roll}");
        assert_eq!(game.defences(town), if breached { 1 } else { 2 });
        seen[usize::from(breached)] = true;
    }
    assert_eq!(seen, [true, true], "both kinds of roll came up");
}

#[test]
fn a_garrison_with_money_digs_a_line_again_once_a_turn_and_not_under_fire() {
    let (mut game, red, blue, a, d, town) = siege(2, 3);
    let hex = game.unit(d).unwrap().hex;
    // Red's turn: red cannot dig in blue's town.
    assert_eq!(
        game.check(&Command::Fortify { place: town }),
        Err(RuleError::NotYourPlace(town))
    );
    attack(&mut game, a, hex);
    assert_eq!(game.defences(town), 1);
    let breach_turn = game.turn();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    assert_eq!(
        game.check(&Command::Fortify { place: town }),
        Err(RuleError::UnderFire {
            place: town,
            turn: breach_turn
        })
    );
    // Two quiet turns later the works can be dug again.
    while game.turn() < breach_turn + UNDER_FIRE_TURNS || game.active_faction() != blue {
        game.perform(&Command::EndTurn).unwrap();
    }
    let money = game.treasury(blue);
    let events = game.perform(&Command::Fortify { place: town }).unwrap();
    assert_eq!(
        events,
        vec![Event::Fortified {
            place: town,
            faction: blue,
            lines: 2,
            cost: FORTIFY_COST
        }]
    );
    assert_eq!(game.defences(town), 2);
    assert_eq!(game.treasury(blue), money - FORTIFY_COST);
    assert_eq!(
        game.check(&Command::Fortify { place: town }),
        Err(RuleError::FortifiedThisTurn(town))
    );
    let _ = red;
    assert!(game.check_invariants().is_ok());
}

#[test]
fn digging_needs_works_a_garrison_room_and_money() {
    let (mut b, red, _blue) = halves();
    let g = b.unit(red, UnitKind::Infantry, 2, 2);
    let village = b.hex(1, 1);
    let open = place(&mut b, "open", PlaceKind::Village, village, 1);
    let (here, there) = (b.hex(2, 2), b.hex(3, 3));
    let full = b.place(Place {
        key: "full".into(),
        name: "Full".into(),
        kind: PlaceKind::Town,
        hex: here,
        population: 0,
        present: 0,
        points: 1,
        defences: 2,
    });
    let empty = b.place(Place {
        key: "empty".into(),
        name: "Empty".into(),
        kind: PlaceKind::Town,
        hex: there,
        population: 0,
        present: 0,
        points: 1,
        defences: 2,
    });
    let _ = g;
    let mut game = Game::new(b.build(), 1);
    let fortify = |place| Command::Fortify { place };
    assert_eq!(game.check(&fortify(open)), Err(RuleError::NoWorks(open)));
    assert_eq!(
        game.check(&fortify(full)),
        Err(RuleError::DefencesFull {
            place: full,
            lines: 2
        })
    );
    assert_eq!(
        game.check(&fortify(empty)),
        Err(RuleError::NoGarrison(empty))
    );
    // A line broken, but no money to dig it again.
    game.apply(&Event::DefencesBreached {
        place: full,
        by: FactionId(1),
        left: 1,
    });
    while game.turn() < 1 + UNDER_FIRE_TURNS || game.active_faction() != red {
        game.perform(&Command::EndTurn).unwrap();
    }
    assert_eq!(
        game.check(&fortify(full)),
        Err(RuleError::NotEnoughMoney {
            needed: FORTIFY_COST,
            have: 0
        })
    );
}
