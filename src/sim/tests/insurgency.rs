//! Underground cells: raised in lost ground among its people, through zones of control and
//! without supply, taking back only what their side held, found only by troops next to them
//! as a turn begins, and paid by extortion.

use super::*;
use crate::sim::insurgency::{CELL_COST, CELL_STRENGTH, EXTORTION};

/// Blue held a peopled town in the east at the start, and red has taken it (red's garrison
/// `garrisoned` stands in it or not). Blue may raise two cells and has money; it is blue's
/// turn.
fn lost_town(garrisoned: bool) -> (Game, FactionId, FactionId, PlaceId, hexx::Hex) {
    let (mut b, red, blue) = halves();
    let t = town(&mut b, "town", 8, 4, 5_000);
    let hex = b.hex(8, 4);
    b.unit(blue, UnitKind::Infantry, 11, 9);
    if garrisoned {
        b.unit(red, UnitKind::Infantry, 8, 4);
        // Blue held the town when the game began; red's garrison came since.
        b.control(8, 4, Some(blue));
    } else {
        b.unit(red, UnitKind::Infantry, 1, 1);
    }
    b.faction_mut(blue).cells = 2;
    b.faction_mut(blue).treasury = 10;
    let mut game = Game::new(b.build(), 5);
    game.apply(&Event::ControlChanged {
        hex,
        from: Some(blue),
        to: red,
    });
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    (game, red, blue, t, hex)
}

fn cell_at(game: &Game, hex: hexx::Hex) -> Option<UnitId> {
    game.unit_at(hex)
        .filter(|u| u.kind == UnitKind::Cell)
        .map(|u| u.id)
}

#[test]
fn a_cell_rising_in_an_empty_lost_town_takes_it_back() {
    let (mut game, _, blue, town, hex) = lost_town(false);
    assert!(game.lost_ground(blue, town));
    let money = game.treasury(blue);
    game.perform(&Command::RaiseCell { place: town }).unwrap();
    let cell = cell_at(&game, hex).expect("the cell rises inside the town");
    assert_eq!(game.control(hex), Some(blue));
    assert_eq!(game.treasury(blue), money - CELL_COST);
    let u = game.unit(cell).unwrap();
    assert_eq!(
        (u.strength, u.full_strength),
        (CELL_STRENGTH, CELL_STRENGTH)
    );
    assert_eq!(
        game.check(&Command::RaiseCell { place: town }),
        Err(RuleError::NotLostGround(town)),
        "the town is blue's again"
    );
    assert!(game.check_invariants().is_ok());
}

#[test]
fn beside_a_garrison_a_cell_rises_next_door_and_the_town_stays_taken() {
    let (mut game, red, blue, town, hex) = lost_town(true);
    game.perform(&Command::RaiseCell { place: town }).unwrap();
    assert_eq!(game.control(hex), Some(red));
    let cell = game
        .units()
        .find(|u| u.owner == blue && u.kind == UnitKind::Cell)
        .expect("a cell was raised");
    assert_eq!(cell.hex.unsigned_distance_to(hex), 1);
    // One new unit a turn, cells included.
    assert_eq!(
        game.check(&Command::RaiseCell { place: town }),
        Err(RuleError::RecruitedThisTurn)
    );
}

#[test]
fn cells_rise_only_where_the_side_lost_ground_with_people_in_it_and_within_its_limit() {
    let (mut game, red, blue, town, hex) = lost_town(false);
    // Emptied of its people, the town hides no one.
    let people = game.residents(town);
    game.apply(&Event::CiviliansDisplaced {
        place: town,
        by: red,
        people,
        cause: crate::sim::civilians::Cause::Attack,
    });
    assert_eq!(
        game.check(&Command::RaiseCell { place: town }),
        Err(RuleError::NoOneToHideAmong(town))
    );
    // Red never held the town: it raises no cells at all, and not in blue's ground.
    end_round(&mut game);
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), red);
    assert_eq!(
        game.check(&Command::RaiseCell { place: town }),
        Err(RuleError::NoCells)
    );
    let _ = (blue, hex);
    // The limit, and the price.
    let (mut game, _, blue, town, _) = lost_town(true);
    game.perform(&Command::RaiseCell { place: town }).unwrap();
    end_round(&mut game);
    game.perform(&Command::RaiseCell { place: town }).unwrap();
    end_round(&mut game);
    assert_eq!(game.cells_of(blue), 2);
    assert_eq!(
        game.check(&Command::RaiseCell { place: town }),
        Err(RuleError::CellsAtLimit { max: 2 })
    );
    let (mut poor, _, blue, town, _) = lost_town(false);
    let all = poor.treasury(blue);
    poor.apply(&Event::FuelBought {
        faction: blue,
        points: 0,
        cost: all,
    });
    assert_eq!(
        poor.check(&Command::RaiseCell { place: town }),
        Err(RuleError::NotEnoughMoney {
            needed: CELL_COST,
            have: 0
        })
    );
    assert_eq!(
        poor.check(&Command::Recruit {
            place: town,
            kind: UnitKind::Cell
        }),
        Err(RuleError::CellsRiseUnderground)
    );
}

#[test]
fn a_cell_slips_through_red_ground_without_taking_it_and_needs_no_supply() {
    let (mut b, red, blue) = halves();
    let far = town(&mut b, "far", 3, 4, 5_000);
    b.unit(red, UnitKind::Infantry, 5, 3);
    b.unit(red, UnitKind::Infantry, 5, 5);
    let (src, far_hex) = (b.hex(11, 4), b.hex(3, 4));
    b.supply_source(blue, "rear", SupplyKind::Road, src);
    let red_src = b.hex(0, 4);
    b.supply_source(red, "rear", SupplyKind::Road, red_src);
    let cell = b.unit(blue, UnitKind::Cell, 6, 4);
    b.unit_mut(cell).strength = CELL_STRENGTH;
    let mut game = Game::new(b.build(), 1);
    game.perform(&Command::EndTurn).unwrap();
    // Between two red units (through their zones of control) and on into red ground.
    let path: Vec<_> = (1..=2)
        .map(|k| game.scenario().map.hex_at(6 - k, 4))
        .collect();
    game.perform(&mv(cell, path.clone())).unwrap();
    for h in &path {
        assert_eq!(game.control(*h), Some(red), "it hides rather than holds");
    }
    // Inside red ground, the next trace leaves it supplied.
    end_round(&mut game);
    assert_eq!(game.unit(cell).unwrap().supply, SupplyState::Supplied);
    // Stopping in a red town blue never held takes nothing.
    let to_far = game.path_to(cell, far_hex).unwrap();
    game.perform(&mv(cell, to_far)).unwrap();
    assert_eq!(game.unit(cell).unwrap().hex, far_hex);
    assert_eq!(game.control(far_hex), Some(red));
    let _ = far;
}

#[test]
fn a_cell_walks_back_into_its_lost_town_once_the_garrison_leaves() {
    let (mut game, red, blue, town, hex) = lost_town(true);
    game.perform(&Command::RaiseCell { place: town }).unwrap();
    let cell = game
        .units()
        .find(|u| u.owner == blue && u.kind == UnitKind::Cell)
        .map(|u| u.id)
        .unwrap();
    // Red's garrison marches off.
    end_round(&mut game);
    while game.active_faction() != red {
        game.perform(&Command::EndTurn).unwrap();
    }
    let garrison = game.unit_at(hex).unwrap().id;
    let (&(x, y), _) = game.reachable(garrison).iter().next().unwrap();
    let path = game.path_to(garrison, hexx::Hex::new(x, y)).unwrap();
    game.perform(&mv(garrison, path)).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    game.perform(&mv(cell, vec![hex])).unwrap();
    assert_eq!(game.control(hex), Some(blue), "the town is taken back");
}

#[test]
fn a_cell_is_found_only_by_troops_next_to_it_as_their_turn_begins_and_cells_extort() {
    let (mut b, red, blue, patron) = backed();
    town(&mut b, "town", 8, 4, 5_000);
    let cell = b.unit(blue, UnitKind::Cell, 9, 4);
    b.unit_mut(cell).strength = CELL_STRENGTH;
    let hex = b.hex(9, 4);
    let scout = b.unit(red, UnitKind::Infantry, 9, 7);
    b.control(8, 4, Some(red));
    let mut game = Game::new(b.build(), 2);
    let town_hex = game.scenario().map.hex_at(8, 4);
    let near = game
        .scenario()
        .map
        .neighbors(hex)
        .find(|&n| n != town_hex && game.unit_at(n).is_none())
        .unwrap();
    let strike = Command::RequestAirStrike {
        patron,
        target: hex,
    };
    let attack = Command::Attack {
        attackers: vec![scout],
        target: hex,
    };
    assert_eq!(game.check(&strike), Err(RuleError::Unspotted(hex)));
    // Walking up to the cell does not find it: the search is made as a turn begins.
    let path = game.path_to(scout, near).unwrap();
    game.perform(&mv(scout, path)).unwrap();
    assert_eq!(game.check(&strike), Err(RuleError::Unspotted(hex)));
    assert_eq!(game.check(&attack), Err(RuleError::Unspotted(hex)));
    // Blue's cell stays put; as red's next turn begins, the scout finds it.
    end_round(&mut game);
    assert_eq!(game.active_faction(), red);
    assert!(game.log().iter().any(|e| e.event
        == Event::CellsFound {
            faction: red,
            cells: vec![(cell, hex)]
        }));
    assert!(game.exposed(game.unit(cell).unwrap()));
    assert_eq!(game.check(&strike), Ok(()));
    assert_eq!(game.check(&attack), Ok(()));
    // Found by red only, for red's turn only: on blue's turn the search starts again.
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    assert!(game.found_cells().is_empty());
    // Next to a peopled town red holds, the cell extorts.
    assert_eq!(game.extortion(blue), EXTORTION);
    assert!(
        game.income_statement(blue)
            .iter()
            .any(|l| l.source == IncomeSource::Extortion && l.amount == EXTORTION)
    );
    assert_eq!(game.extortion(red), 0);
}

#[test]
fn a_cell_that_slips_away_before_the_search_is_not_found() {
    let (mut b, red, blue) = halves();
    let cell = b.unit(blue, UnitKind::Cell, 7, 4);
    b.unit_mut(cell).strength = CELL_STRENGTH;
    let scout = b.unit(red, UnitKind::Infantry, 5, 4);
    let mut game = Game::new(b.build(), 3);
    let hex = game.unit(cell).unwrap().hex;
    let near = game.scenario().map.hex_at(6, 4);
    let path = game.path_to(scout, near).unwrap();
    game.perform(&mv(scout, path)).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    // The cell goes to ground away from the scout.
    let away = game.scenario().map.hex_at(9, 4);
    let path = game.path_to(cell, away).unwrap();
    game.perform(&mv(cell, path)).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), red);
    assert!(!game.exposed(game.unit(cell).unwrap()));
    assert!(
        !game
            .log()
            .iter()
            .any(|e| matches!(e.event, Event::CellsFound { .. })),
        "nobody stood next to it"
    );
    assert_ne!(hex, away);
}
