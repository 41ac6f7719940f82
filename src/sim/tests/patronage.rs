//! Patrons' support: air strikes and cover from the air, what a patron offers and to whom,
//! air drops, reinforcements and support pools.

use super::*;

#[test]
fn an_air_strike_spends_support_and_hurts_the_target() {
    let (mut b, _red, blue, p) = backed();
    let enemy = b.unit(blue, UnitKind::Infantry, 8, 5);
    let target = b.hex(8, 5);
    let empty = b.hex(9, 9);
    let mut game = Game::new(b.build(), 4);
    assert_eq!(game.pool(0), 4);
    let strike = |target| Command::RequestAirStrike { patron: p, target };
    assert_eq!(game.check(&strike(empty)), Err(RuleError::NoTarget(empty)));
    let events = game.perform(&strike(target)).unwrap();
    assert_eq!(game.pool(0), 2);
    let loss = events
        .iter()
        .find_map(|e| match e {
            Event::UnitDamaged { loss, .. } => Some(*loss),
            _ => None,
        })
        .unwrap();
    assert!((2..=5).contains(&loss), "8-23 % of 20: {loss}");
    assert_eq!(game.unit(enemy).unwrap().strength, 20 - loss);
    game.perform(&strike(target)).unwrap();
    assert_eq!(
        game.check(&strike(target)),
        Err(RuleError::NotEnoughSupport {
            request: "air strike",
            needed: 2,
            have: 0
        })
    );
}

#[test]
fn a_unit_dug_in_inside_a_town_has_cover_from_the_air() {
    // The same strike, with the same dice, on the same unit: in the open, in a town it has not
    // dug into yet, and dug in inside the town.
    let strike = |in_town: bool, dug_in: bool| {
        let (mut b, _red, blue, p) = backed();
        let enemy = b.unit(blue, UnitKind::Infantry, 8, 5);
        b.unit_mut(enemy).dug_in = dug_in;
        if in_town {
            town(&mut b, "town", 8, 5, 0);
        }
        let target = b.hex(8, 5);
        let mut game = Game::new(b.build(), 4);
        let events = game
            .perform(&Command::RequestAirStrike { patron: p, target })
            .unwrap();
        let roll = events.iter().find_map(|e| match e {
            Event::AirStrike { roll, .. } => Some(*roll),
            _ => None,
        });
        let loss = events.iter().find_map(|e| match e {
            Event::UnitDamaged { loss, .. } => Some(*loss),
            _ => None,
        });
        (roll.unwrap(), loss.unwrap())
    };
    let (roll, open) = strike(false, true);
    let percent = strike_loss_percent(roll);
    assert_eq!(open, combat::loss(20, percent));
    assert_eq!(
        strike(true, false),
        (roll, open),
        "a town gives cover once dug into"
    );
    let (_, covered) = strike(true, true);
    assert_eq!(
        covered,
        combat::loss(20, percent * STRIKE_COVER_PERCENT / 100)
    );
    assert!(
        covered < open,
        "{covered} against {open} on a roll of {roll}"
    );
}

#[test]
fn the_ai_strikes_a_unit_in_the_open_before_a_weaker_one_under_cover() {
    let (mut b, red, blue, p) = backed();
    b.unit(red, UnitKind::Infantry, 7, 5);
    let covered = b.unit(blue, UnitKind::Militia, 8, 5);
    b.unit_mut(covered).strength = 4;
    b.unit_mut(covered).dug_in = true;
    town(&mut b, "town", 8, 5, 0);
    let open = b.unit(blue, UnitKind::Infantry, 6, 5);
    b.unit_mut(open).strength = 8;
    let game = Game::new(b.build(), 1);
    let first = ai::AiPlayer::new(ai::Difficulty::Normal).choose(&game);
    assert_eq!(
        first,
        Command::RequestAirStrike {
            patron: p,
            target: game.unit(open).unwrap().hex
        }
    );
}

#[test]
fn a_patron_gives_only_what_it_offers_and_only_to_its_clients() {
    let (mut b, red, _blue, p) = backed();
    let u = b.unit(red, UnitKind::Infantry, 8, 5);
    let mut s = b.build();
    s.support[0].offers = vec![Request::AirStrike];
    let mut game = Game::new(s, 1);
    assert_eq!(
        game.check(&Command::RequestAirDrop { patron: p, unit: u }),
        Err(RuleError::NotOffered {
            patron: p,
            request: "air drop"
        })
    );
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(
        game.check(&Command::RequestAirStrike {
            patron: p,
            target: game.scenario().map.hex_at(1, 1)
        }),
        Err(RuleError::NoSupport(p))
    );
}

#[test]
fn an_air_drop_supplies_a_cut_off_unit() {
    let (mut b, red, _blue, p) = backed();
    let src = b.hex(0, 0);
    b.supply_source(red, "rear", SupplyKind::Road, src);
    // A red unit deep in blue ground: cut off.
    let u = b.unit(red, UnitKind::Infantry, 9, 5);
    let home = b.unit(red, UnitKind::Infantry, 1, 1);
    let mut game = Game::new(b.build(), 1);
    assert_eq!(game.unit(u).unwrap().supply, SupplyState::Low);
    assert_eq!(
        game.check(&Command::RequestAirDrop {
            patron: p,
            unit: home
        }),
        Err(RuleError::NotCutOff(home))
    );
    game.perform(&Command::RequestAirDrop { patron: p, unit: u })
        .unwrap();
    assert_eq!(game.unit(u).unwrap().supply, SupplyState::Supplied);
    end_round(&mut game);
    assert_eq!(
        game.unit(u).unwrap().supply,
        SupplyState::Low,
        "a drop buys a turn: cut off again, it is Low, not Out"
    );
}

#[test]
fn patron_reinforcements_arrive_at_a_held_place() {
    let (mut b, red, _, p) = backed();
    let home = town(&mut b, "home", 2, 2, 1000);
    let mut s = b.build();
    s.support[0].points = 6;
    let mut game = Game::new(s, 1);
    let events = game
        .perform(&Command::RequestReinforcements {
            patron: p,
            place: home,
        })
        .unwrap();
    let raised = events
        .iter()
        .find_map(|e| match e {
            Event::UnitRaised { unit, cost } => Some((unit.clone(), *cost)),
            _ => None,
        })
        .unwrap();
    assert_eq!(raised.0.kind, UnitKind::Militia);
    assert_eq!(raised.0.owner, red);
    assert_eq!(raised.1, 0, "patrons' units cost support, not money");
    assert_eq!(game.pool(0), 0);
    assert_eq!(
        game.unit_at(game.scenario().places[0].hex).unwrap().id,
        raised.0.id
    );
}

#[test]
fn support_pools_fill_each_turn_up_to_three_turns_worth() {
    let (b, _, _, _) = backed();
    let mut game = Game::new(b.build(), 1);
    for _ in 0..5 {
        end_round(&mut game);
    }
    assert_eq!(game.pool(0), 12);
}
