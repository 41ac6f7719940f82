//! Supply: roads cut and open, zones of control, sides without sources, why supply would not
//! reach a hex, airlifts.

use super::*;

#[test]
fn a_cut_road_puts_a_unit_low_then_out() {
    let (mut b, _red, blue, u) = supply_line();
    // Blue sits across the road at column 3, row 2; the rest of red's ground is too narrow to
    // go round (every other hex is blue's).
    for r in 0..10 {
        for c in 0..12 {
            if r != 2 {
                b.control(c, r, Some(blue));
            }
        }
    }
    let militia = b.unit(blue, UnitKind::Militia, 3, 2);
    let target = b.hex(7, 2);
    b.unit(blue, UnitKind::Militia, 7, 2);
    let mut game = Game::new(b.build(), 1);
    assert_eq!(
        game.unit(u).unwrap().supply,
        SupplyState::Low,
        "cut on the first turn"
    );
    let report = game.supply_report(u).unwrap();
    assert!(!report.reached);
    assert_eq!(report.source.as_deref(), Some("Rear road"));
    assert_eq!(report.turns_to_attrition, Some(1));
    // The way is cut one hex short of the militia, by its zone of control.
    match report.cut {
        Some(Cut::ZoneOfControl { hex, unit }) => {
            assert_eq!(
                (game.scenario().map.offset_of(hex), unit),
                ([2, 2], militia)
            )
        }
        other => panic!("expected a cut at column 2, got {other:?}"),
    }
    end_round(&mut game);
    let unit = game.unit(u).unwrap();
    assert_eq!(unit.supply, SupplyState::Out);
    assert_eq!(unit.strength, 20 - 2, "attrition of 10%");
    assert_eq!(unit.movement_left, 4, "half movement");
    let err = game.check(&Command::Attack {
        attackers: vec![u],
        target,
    });
    assert_eq!(err, Err(RuleError::OutOfSupply(u)));
}

#[test]
fn an_open_road_supplies_and_a_zone_of_control_cuts() {
    let (mut open, _red, blue, u) = supply_line();
    let game = Game::new(open.clone().build(), 1);
    let report = game.supply_report(u).unwrap();
    assert!(report.reached && report.cut.is_none());
    assert_eq!(report.path.len(), 7, "column 0 to 6 along the road");
    // An enemy next to the road, on its own ground off the road, cuts it by its zone of
    // control when there is no way round.
    for r in 0..10 {
        for c in 0..12 {
            if r != 2 {
                open.control(c, r, Some(blue));
            }
        }
    }
    open.unit(blue, UnitKind::Militia, 3, 3);
    let game = Game::new(open.build(), 1);
    let report = game.supply_report(u).unwrap();
    assert!(!report.reached, "{report:?}");
    assert!(
        matches!(report.cut, Some(Cut::ZoneOfControl { .. })),
        "{report:?}"
    );
}

#[test]
fn factions_without_supply_sources_are_always_supplied() {
    let (mut b, red, _) = two_sides(Terrain::Desert);
    let u = b.unit(red, UnitKind::Infantry, 5, 5);
    let mut game = Game::new(b.build(), 1);
    end_round(&mut game);
    end_round(&mut game);
    assert_eq!(game.unit(u).unwrap().supply, SupplyState::Supplied);
}

#[test]
fn the_game_says_whether_supply_would_reach_any_hex_and_why_not() {
    let (mut b, red, blue) = halves();
    let src = b.hex(0, 5);
    b.supply_source(red, "rear", SupplyKind::Road, src);
    let game = Game::new(b.build(), 1);
    let map = &game.scenario().map;
    let near = game.supply_report_at(red, map.hex_at(3, 5)).unwrap();
    assert!(near.reached);
    assert_eq!(near.source.as_deref(), Some("rear"));
    assert_eq!(near.path.first(), Some(&src));
    let far = game.supply_report_at(red, map.hex_at(9, 5)).unwrap();
    assert!(!far.reached);
    assert!(
        matches!(far.cut, Some(Cut::Ground { holder, hex }) if holder == blue && hex == map.hex_at(6, 5)),
        "{:?}",
        far.cut
    );
}

#[test]
fn an_airlift_flies_only_while_a_patron_still_supports() {
    let (mut b, red, _blue, p) = backed();
    let base = b.hex(9, 5); // deep in blue's half: only the airlift can supply it
    b.supply_source(red, "airbase", SupplyKind::Airlift, base);
    b.control(9, 5, Some(red));
    let u = b.unit(red, UnitKind::Infantry, 9, 5);
    b.relation(Party::Patron(p), Party::Faction(red), Stance::Allied, 90);
    let game = Game::new(b.build(), 1);
    assert_eq!(game.support_percent(0), 0);
    assert!(!game.airlift_flies(red));
    assert_eq!(game.unit(u).unwrap().supply, SupplyState::Low);
    let (mut b, red, _blue, _p) = backed();
    let base = b.hex(9, 5);
    b.supply_source(red, "airbase", SupplyKind::Airlift, base);
    b.control(9, 5, Some(red));
    let u = b.unit(red, UnitKind::Infantry, 9, 5);
    let game = Game::new(b.build(), 1);
    assert!(game.airlift_flies(red));
    assert_eq!(game.unit(u).unwrap().supply, SupplyState::Supplied);
}
