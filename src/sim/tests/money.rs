//! Money and fuel: oil revenue and capture, damage and repair, the income statement, unpaid
//! troops, recruits, replacements, fuel and patrons' oil campaigns.

use super::*;

#[test]
fn oil_revenue_feeds_the_holder_and_follows_capture() {
    let (mut b, red, blue) = oil_war();
    let attacker = b.unit(blue, UnitKind::Mechanised, 6, 5);
    let mut s = b.build();
    s.factions[usize::from(red.0)].oil_access = 50;
    let mut game = Game::new(s, 1);
    // 10,000 bbl/d × 2 days × $54 × 50 % = $540,000 a turn, paid as red's turn begins.
    assert_eq!(game.field_revenue(0), Some((red, 540)));
    assert_eq!(game.treasury(red), 540);
    assert!(matches!(
        game.log()
            .iter()
            .find(|e| matches!(e.event, Event::Income { .. }))
            .map(|e| &e.event),
        Some(Event::Income { total: 540, .. })
    ));
    game.perform(&Command::EndTurn).unwrap();
    // Blue walks in: the field now pays blue, at blue's full access.
    let field = game.scenario().map.hex_at(5, 5);
    game.perform(&Command::Move {
        unit: attacker,
        path: vec![field],
    })
    .unwrap();
    assert_eq!(game.field_revenue(0), Some((blue, 1080)));
    let before = game.treasury(blue);
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.treasury(blue), before + 1080);
    assert_eq!(
        game.treasury(red),
        540,
        "red earns nothing from a field it lost"
    );
}

#[test]
fn fighting_damages_a_field_and_repairs_cost_money_and_a_turn() {
    let (mut b, red, blue) = oil_war();
    // A defender far too strong to be moved: the attack can only damage the field.
    let defender = b.unit(red, UnitKind::Infantry, 5, 5);
    b.unit_mut(defender).strength = 100;
    let attacker = b.unit(blue, UnitKind::Mechanised, 6, 5);
    let mut game = Game::new(b.build(), 1);
    assert_eq!(
        game.treasury(red),
        1080,
        "no funds at the start, one turn of oil"
    );
    game.perform(&Command::EndTurn).unwrap();
    let target = game.scenario().map.hex_at(5, 5);
    let events = game
        .perform(&Command::Attack {
            attackers: vec![attacker],
            target,
        })
        .unwrap();
    assert!(events.contains(&Event::FieldDamaged { field: 0 }));
    assert_eq!(game.field_damage(0), 1);
    assert_eq!(
        game.check(&Command::Repair { field: 0 }),
        Err(RuleError::NotYourField(0))
    );
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.control(target), Some(red));
    // Two thirds of the field still work: 720 this turn.
    assert_eq!(game.treasury(red), 1080 + 720);
    assert_eq!(
        game.check(&Command::Repair { field: 0 }),
        Err(RuleError::NotEnoughMoney {
            needed: 2000,
            have: 1800
        })
    );
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::Repair { field: 0 }).unwrap();
    assert_eq!(game.treasury(red), 1800 + 720 - 2000);
    assert_eq!(
        game.check(&Command::Repair { field: 0 }),
        Err(RuleError::AlreadyRepairing(0))
    );
    assert_eq!(game.field_damage(0), 1, "repairs take a turn");
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.field_damage(0), 0);
    assert_eq!(
        game.check(&Command::Repair { field: 0 }),
        Err(RuleError::Undamaged(0))
    );
}

#[test]
fn the_income_statement_lists_taxes_funding_subsidies_and_upkeep() {
    let (mut b, red, _) = halves();
    town(&mut b, "rtown", 2, 2, 30_000);
    b.faction_mut(red).tax = 10; // $10 a head per 30 days
    b.faction_mut(red).funding = 100; // $100k a day
    let ally = b.patron("ally", &[red]);
    b.support(Support {
        money: 250,
        ..support(ally, red, 0, vec![])
    });
    b.unit(red, UnitKind::Infantry, 1, 1); // 20 strength
    b.upkeep_percent(100);
    let game = Game::new(b.build(), 1);
    let lines = game.income_statement(red);
    let amount = |src| lines.iter().find(|l| l.source == src).map(|l| l.amount);
    // 30,000 people × $10 × 2 days / 30 = $20,000.
    assert_eq!(amount(IncomeSource::Taxes), Some(20));
    assert_eq!(amount(IncomeSource::Funding), Some(200));
    assert_eq!(amount(IncomeSource::Subsidy(ally)), Some(250));
    // 20 strength × $200k × 2 days / 100.
    assert_eq!(amount(IncomeSource::Upkeep), Some(-80));
    assert_eq!(game.treasury(red), 20 + 200 + 250 - 80);
}

#[test]
fn troops_that_cannot_be_paid_lose_morale() {
    let (mut b, red, _) = halves();
    let u = b.unit(red, UnitKind::Mechanised, 1, 1);
    b.upkeep_percent(100);
    let game = Game::new(b.build(), 1);
    assert!(game.treasury(red) < 0);
    assert_eq!(game.unit(u).unwrap().morale, 70 - 5);
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, Event::Unpaid { faction, .. } if faction == red))
    );
}

#[test]
fn recruits_cost_money_and_need_a_free_supplied_town() {
    let (mut b, red, blue) = halves();
    let home = town(&mut b, "home", 1, 1, 5_000);
    let second = town(&mut b, "second", 2, 3, 5_000);
    let far = town(&mut b, "far", 4, 8, 5_000);
    let theirs = town(&mut b, "theirs", 9, 1, 5_000);
    let hex = b.hex(0, 1);
    b.supply_source(red, "rear", SupplyKind::Road, hex);
    b.supply_source(blue, "rear", SupplyKind::Road, b.hex(11, 1));
    // A blue unit in red's half cuts "far" off from the road.
    for c in 0..6 {
        b.control(c, 7, Some(blue));
        b.control(c, 9, Some(blue));
    }
    b.control(3, 8, Some(blue));
    b.control(5, 8, Some(blue));
    b.faction_mut(red).treasury = 2; // $2M
    let mut game = Game::new(b.build(), 1);
    let cost = recruit_cost(UnitKind::Infantry);
    assert_eq!(
        cost, 2000,
        "5 strength at $200k, twice over for training and equipment"
    );
    let recruit = |place, kind| Command::Recruit { place, kind };
    assert_eq!(
        game.check(&recruit(theirs, UnitKind::Infantry)),
        Err(RuleError::NotYourPlace(theirs))
    );
    assert!(matches!(
        game.check(&recruit(far, UnitKind::Infantry)),
        Err(RuleError::NotSupplied(_))
    ));
    assert_eq!(
        game.check(&recruit(home, UnitKind::Mechanised)),
        Err(RuleError::NotEnoughMoney {
            needed: 4000,
            have: 2000
        })
    );
    let events = game.perform(&recruit(home, UnitKind::Infantry)).unwrap();
    let Event::UnitRaised { unit, cost: paid } = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(*paid, 2000);
    assert_eq!(game.treasury(red), 0);
    let id = unit.id;
    let raised = game.unit(id).unwrap();
    assert_eq!(
        (raised.strength, raised.movement_left),
        (RECRUIT_STRENGTH, 0)
    );
    assert!(matches!(
        game.check(&recruit(home, UnitKind::Militia)),
        Err(RuleError::PlaceOccupied { .. })
    ));
    assert_eq!(
        game.check(&recruit(second, UnitKind::Militia)),
        Err(RuleError::RecruitedThisTurn),
        "one new unit a turn"
    );
    // It moves on red's next turn.
    end_round(&mut game);
    assert_eq!(
        game.unit(id).unwrap().movement_left,
        UnitKind::Infantry.movement()
    );
}

#[test]
fn replacements_need_supply_and_a_quiet_turn_and_stop_at_full_strength() {
    let (mut b, red, _) = halves();
    let u = b.unit(red, UnitKind::Infantry, 2, 2);
    b.unit_mut(u).strength = 15; // full strength is 20
    let full = b.unit(red, UnitKind::Militia, 2, 4);
    b.faction_mut(red).treasury = 10;
    let mut game = Game::new(b.build(), 1);
    assert_eq!(
        game.check(&Command::Reinforce { unit: full }),
        Err(RuleError::FullStrength(full))
    );
    game.perform(&Command::Reinforce { unit: u }).unwrap();
    let unit = game.unit(u).unwrap();
    assert_eq!(unit.strength, 18);
    assert_eq!(unit.movement_left, 0, "a refitting unit does not move");
    assert_eq!(game.treasury(red), 10_000 - 3 * 200);
    assert_eq!(
        game.check(&Command::Reinforce { unit: u }),
        Err(RuleError::AlreadyActed(u))
    );
    end_round(&mut game);
    game.perform(&Command::Reinforce { unit: u }).unwrap();
    assert_eq!(game.unit(u).unwrap().strength, 20, "never beyond full");
}

#[test]
fn motorised_units_without_fuel_move_at_half_speed() {
    let (mut b, red, _) = halves();
    let tanks: Vec<UnitId> = (0..(FUEL_START as i32 + 2))
        .map(|i| b.unit(red, UnitKind::Mechanised, i % 6, i / 6))
        .collect();
    let foot = b.unit(red, UnitKind::Infantry, 0, 8);
    let game = Game::new(b.build(), 1);
    let fuelled = tanks
        .iter()
        .filter(|t| !game.unit(**t).unwrap().no_fuel)
        .count();
    assert_eq!(fuelled, usize::from(FUEL_START));
    let last = game.unit(*tanks.last().unwrap()).unwrap();
    assert!(last.no_fuel);
    assert_eq!(last.movement_left, UnitKind::Mechanised.movement() / 2);
    assert!(!game.unit(foot).unwrap().no_fuel, "infantry needs no fuel");
    assert_eq!(game.fuel(red), 0);
}

#[test]
fn an_oil_field_and_a_patron_bring_fuel() {
    let (mut b, red, _) = halves();
    let hex = b.hex(3, 3);
    b.oil_field("f", FieldKind::Oil, hex, 12_000);
    let p = b.patron("p", &[red]);
    b.support(Support {
        fuel: 3,
        ..support(p, red, 0, vec![])
    });
    b.unit(red, UnitKind::Mechanised, 1, 1);
    let game = Game::new(b.build(), 1);
    // 12,000 bbl/d make two points a turn; the patron sends three; one tank burns one.
    assert_eq!(game.fuel_income(red), 5);
    assert_eq!(game.fuel(red), FUEL_START + 5 - 1);
}

#[test]
fn a_patrons_oil_campaign_strikes_the_targets_best_field() {
    let hits: usize = (0..30)
        .map(|seed| {
            let (mut b, red, blue) = halves();
            let small = b.hex(8, 2);
            let big = b.hex(8, 6);
            b.oil_field("small", FieldKind::Oil, small, 1_000);
            b.oil_field("big", FieldKind::Oil, big, 20_000);
            let c = b.patron("coalition", &[red]);
            b.patron_mut(c).oil_campaign = Some(blue);
            let mut game = Game::new(b.build(), seed);
            end_round(&mut game);
            assert_eq!(game.field_damage(0), 0, "the small field is spared");
            let strikes: Vec<_> = game
                .log()
                .iter()
                .filter_map(|e| match e.event {
                    Event::OilStrike { field, hit, .. } => Some((field, hit)),
                    _ => None,
                })
                .collect();
            assert_eq!(strikes.len(), 1);
            assert_eq!(strikes[0].0, 1);
            assert_eq!(game.field_damage(1), u8::from(strikes[0].1));
            usize::from(strikes[0].1)
        })
        .sum();
    assert!((5..=25).contains(&hits), "about half hit: {hits}/30");
}

#[test]
fn fuel_bought_from_traders_fills_the_store_for_the_next_turn() {
    let (mut b, red, _) = halves();
    let tanks: Vec<UnitId> = (0..(FUEL_START as i32 + 2))
        .map(|i| b.unit(red, UnitKind::Mechanised, i % 6, i / 6))
        .collect();
    let mut s = b.build();
    s.factions[usize::from(red.0)].treasury = 8;
    let mut game = Game::new(s, 1);
    assert_eq!(game.fuel(red), 0, "the store went to the first tanks");
    // A point stands for 5,000 barrels at $54, twice over: $540,000.
    assert_eq!(game.fuel_price(), 540);
    let money = game.treasury(red);
    let n = tanks.len() as u16;
    game.perform(&Command::BuyFuel { points: n }).unwrap();
    assert_eq!(game.fuel(red), n);
    assert_eq!(game.treasury(red), money - i64::from(n) * 540);
    // Next turn every tank is fuelled.
    end_round(&mut game);
    assert!(tanks.iter().all(|t| !game.unit(*t).unwrap().no_fuel));
    // Nothing, more than the store holds, or more than the treasury: refused.
    assert!(matches!(
        game.check(&Command::BuyFuel { points: 0 }),
        Err(RuleError::FuelStoreFull { .. })
    ));
    assert!(matches!(
        game.check(&Command::BuyFuel {
            points: FUEL_CAP + 1
        }),
        Err(RuleError::FuelStoreFull { .. })
    ));
    assert!(matches!(
        game.check(&Command::BuyFuel { points: 30 }),
        Err(RuleError::NotEnoughMoney { .. })
    ));
}
