//! Tests of the rules that make the 2017 race: money, fuel, patrons' support, relations,
//! agreements and victory, each on a small scenario built in code.

use super::diplomacy::{
    BREACH_PATRON_TENSION, BREACH_TENSION, BREAKDOWN_TENSION, COORDINATION_LIMIT, TENSION_EASING,
};
use super::economy::{FUEL_START, IncomeSource, RECRUIT_STRENGTH, recruit_cost};
use super::patrons::{STRIKE_COVER_PERCENT, strike_loss_percent};
use super::*;

/// Red and blue on a 12×10 steppe, each holding its half (red west of column 6).
fn halves() -> (ScenarioBuilder, FactionId, FactionId) {
    let mut b = ScenarioBuilder::new(12, 10, Terrain::Steppe);
    let red = b.faction("red");
    let blue = b.faction("blue");
    for r in 0..10 {
        for c in 0..12 {
            b.control(c, r, Some(if c < 6 { red } else { blue }));
        }
    }
    (b, red, blue)
}

fn town(b: &mut ScenarioBuilder, key: &str, col: i32, row: i32, population: u32) -> PlaceId {
    let hex = b.hex(col, row);
    b.place(Place {
        key: key.into(),
        name: key.into(),
        kind: PlaceKind::Town,
        hex,
        population,
        points: 2,
    })
}

fn end_round(game: &mut Game) {
    for _ in 0..game.scenario().factions.len() {
        game.perform(&Command::EndTurn).unwrap();
    }
}

fn support(patron: PatronId, faction: FactionId, points: u16, offers: Vec<Request>) -> Support {
    Support {
        patron,
        faction,
        points,
        money: 0,
        fuel: 0,
        offers,
    }
}

fn relation(game: &Game, a: Party, b: Party) -> Relation {
    game.relation(a, b)
}

// --- Money -------------------------------------------------------------------------------

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

// --- Patrons' support ----------------------------------------------------------------------

/// Red with a patron offering air strikes, drops and militia, against blue.
fn backed() -> (ScenarioBuilder, FactionId, FactionId, PatronId) {
    let (mut b, red, blue) = halves();
    let p = b.patron("patron", &[red]);
    b.support(support(
        p,
        red,
        4,
        vec![
            Request::AirStrike,
            Request::AirDrop,
            Request::Reinforcements(UnitKind::Militia),
        ],
    ));
    (b, red, blue, p)
}

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

// --- Relations and agreements --------------------------------------------------------------

/// Red and blue on either bank of a river along column 5/6, neutral under a deconfliction line
/// along it; green (hostile to both) holds the south. Red has a patron.
fn river_line() -> (ScenarioBuilder, FactionId, FactionId, PatronId) {
    let (mut b, red, blue, p) = backed();
    let river = b.map().add_river("r", "River");
    let mut edges = Vec::new();
    for r in 0..10 {
        let (a, c) = (b.hex(5, r), b.hex(6, r));
        b.map().add_river_edge(a, c, river);
        edges.push(EdgeKey::new(a, c));
    }
    edges.sort();
    b.stance(red, blue, Stance::Neutral);
    b.agreement(Agreement {
        key: "line".into(),
        name: "deconfliction line".into(),
        kind: AgreementKind::Deconfliction { edges },
        parties: (red, blue),
    });
    (b, red, blue, p)
}

/// Red, bound by the line, stands on its own bank; a town of green's (at war with red) lies on
/// blue's bank beyond the line, and, if `near_prize`, another on red's own bank.
fn prize_beyond_the_line(near_prize: bool) -> Game {
    let (mut b, red, _blue, _p) = river_line();
    let green = b.faction("green");
    b.stance(red, green, Stance::Hostile);
    let prizes: &[(i32, i32)] = if near_prize {
        &[(9, 8), (2, 8)]
    } else {
        &[(9, 8)]
    };
    for &(col, row) in prizes {
        let hex = b.hex(col, row);
        b.place(Place {
            key: format!("prize{col}"),
            name: "prize".into(),
            kind: PlaceKind::Town,
            hex,
            population: 0,
            points: 6,
        });
        b.control(col, row, Some(green));
    }
    b.unit(red, UnitKind::Infantry, 3, 4);
    b.turns(10);
    Game::new(b.build(), 1)
}

#[test]
fn a_hard_ai_breaks_a_deconfliction_line_when_all_it_can_take_lies_beyond() {
    let first = |d, near_prize| ai::AiPlayer::new(d).choose(&prize_beyond_the_line(near_prize));
    let breach = Command::Breach { agreement: 0 };
    assert_eq!(first(ai::Difficulty::Hard, false), breach);
    assert_ne!(
        first(ai::Difficulty::Normal, false),
        breach,
        "a normal AI keeps its agreements"
    );
    assert_ne!(
        first(ai::Difficulty::Hard, true),
        breach,
        "it broke the line with a prize still on its own bank"
    );
}

#[test]
fn the_deconfliction_line_holds_until_breached_and_a_breach_costs_support() {
    let (mut b, red, blue, p) = river_line();
    // A bridge at row 4 and an empty far-bank hex with nobody's flag.
    let (near, far) = (b.hex(5, 4), b.hex(6, 4));
    b.map().set_crossing(
        EdgeKey::new(near, far),
        Crossing {
            name: "bridge".into(),
            kind: CrossingKind::Bridge,
        },
    );
    b.control(6, 4, None);
    let u = b.unit(red, UnitKind::Infantry, 5, 4);
    let mut game = Game::new(b.build(), 1);
    assert_eq!(game.support_percent(0), 100);
    let err = game.check(&Command::Move {
        unit: u,
        path: vec![far],
    });
    assert!(
        matches!(err, Err(RuleError::DeconflictionLine { partner, .. }) if partner == blue),
        "{err:?}"
    );
    let before = relation(&game, Party::Faction(red), Party::Faction(blue)).tension;
    game.perform(&Command::Breach { agreement: 0 }).unwrap();
    assert!(!game.agreement_active(0));
    let after = relation(&game, Party::Faction(red), Party::Faction(blue));
    assert_eq!(after.tension, before + BREACH_TENSION as u8);
    assert_eq!(
        after.stance,
        Stance::Rival,
        "breaching the line makes rivals"
    );
    let patron = relation(&game, Party::Patron(p), Party::Faction(red));
    assert_eq!(patron.tension, BREACH_PATRON_TENSION as u8);
    game.perform(&Command::Move {
        unit: u,
        path: vec![far],
    })
    .unwrap();
    // Next turn the patron, still angry after the turn's easing, gives half.
    end_round(&mut game);
    assert_eq!(
        relation(&game, Party::Patron(p), Party::Faction(red)).tension,
        BREACH_PATRON_TENSION as u8 - TENSION_EASING
    );
    assert_eq!(game.support_percent(0), 50);
    let granted: Vec<u16> = game
        .log()
        .iter()
        .filter_map(|e| match e.event {
            Event::SupportGranted { points, .. } => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(granted, vec![4, 2]);
    // Tension is too high to agree again at once.
    assert!(matches!(
        game.check(&Command::Agree { agreement: 0 }),
        Err(RuleError::TooTense { .. })
    ));
}

#[test]
fn attacking_a_rival_raises_tension_with_it_and_its_patrons_but_not_with_an_enemy() {
    let (mut b, red, blue) = halves();
    let green = b.faction("green");
    let blue_patron = b.patron("bp", &[blue]);
    b.stance(red, blue, Stance::Rival);
    let a = b.unit(red, UnitKind::Infantry, 5, 4);
    b.unit(blue, UnitKind::Infantry, 6, 4);
    let a2 = b.unit(red, UnitKind::Infantry, 5, 7);
    b.unit(green, UnitKind::Militia, 6, 7);
    let mut game = Game::new(b.build(), 1);
    let target = game.scenario().map.hex_at(6, 4);
    game.perform(&Command::Attack {
        attackers: vec![a],
        target,
    })
    .unwrap();
    assert_eq!(
        relation(&game, Party::Faction(red), Party::Faction(blue)).tension,
        10
    );
    assert_eq!(
        relation(&game, Party::Patron(blue_patron), Party::Faction(red)).tension,
        5
    );
    let target = game.scenario().map.hex_at(6, 7);
    game.perform(&Command::Attack {
        attackers: vec![a2],
        target,
    })
    .unwrap();
    assert_eq!(
        relation(&game, Party::Faction(red), Party::Faction(green)),
        Relation {
            stance: Stance::Hostile,
            tension: 0
        }
    );
}

#[test]
fn relations_break_down_at_the_breaking_point_and_tension_eases() {
    let (mut b, red, blue) = halves();
    let green = b.faction("green");
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        BREAKDOWN_TENSION,
    );
    b.relation(
        Party::Faction(red),
        Party::Faction(green),
        Stance::Cooperating,
        30,
    );
    let mut game = Game::new(b.build(), 1);
    end_round(&mut game);
    let rb = relation(&game, Party::Faction(red), Party::Faction(blue));
    assert_eq!(rb.stance, Stance::Rival, "a clash: neutral became rival");
    assert!(rb.tension < BREAKDOWN_TENSION);
    let rg = relation(&game, Party::Faction(red), Party::Faction(green));
    assert_eq!(
        rg,
        Relation {
            stance: Stance::Cooperating,
            tension: 30 - TENSION_EASING
        }
    );
}

#[test]
fn coordination_is_refused_when_tense_and_then_opens_ground_and_joint_attacks() {
    let (mut b, red, blue) = halves();
    let green = b.faction("green");
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        COORDINATION_LIMIT,
    );
    // Green, the common enemy, holds the east edge.
    for r in 0..10 {
        b.control(11, r, Some(green));
    }
    let r1 = b.unit(red, UnitKind::Infantry, 5, 4);
    let b1 = b.unit(blue, UnitKind::Infantry, 10, 5);
    let enemy = b.unit(green, UnitKind::Infantry, 11, 4);
    b.unit_mut(enemy).strength = 40;
    let mut game = Game::new(b.build(), 1);
    let propose = Command::ProposeCoordination { with: blue };
    assert!(matches!(
        game.check(&propose),
        Err(RuleError::TooTense { tension: 40, .. })
    ));
    end_round(&mut game); // tension eases to 35
    game.perform(&propose).unwrap();
    assert_eq!(game.stance(red, blue), Stance::Cooperating);
    // Red crosses blue's ground without taking it.
    let path: Vec<_> = (6..=10).map(|c| game.scenario().map.hex_at(c, 4)).collect();
    game.perform(&Command::Move {
        unit: r1,
        path: path.clone(),
    })
    .unwrap_err();
    let short: Vec<_> = path[..4].to_vec();
    game.perform(&Command::Move {
        unit: r1,
        path: short.clone(),
    })
    .unwrap();
    assert_eq!(
        game.control(short[3]),
        Some(blue),
        "cooperating ground stays blue's"
    );
    end_round(&mut game);
    let next = game.scenario().map.hex_at(10, 4);
    game.perform(&Command::Move {
        unit: r1,
        path: vec![next],
    })
    .unwrap();
    // Blue's unit next to the enemy joins red's attack.
    let target = game.scenario().map.hex_at(11, 4);
    let p = game.preview_attack(&[r1], target).unwrap();
    assert_eq!(p.joint, vec![b1]);
    assert_eq!(p.attack, 1700 + 850, "red 17.00 plus half of blue's 17.00");
    // And ending coordination makes them neutral again.
    game.perform(&Command::EndCoordination { with: blue })
        .unwrap();
    assert_eq!(game.stance(red, blue), Stance::Neutral);
    assert!(
        game.preview_attack(&[r1], target).unwrap().joint.is_empty(),
        "no joint attack without coordination"
    );
}

#[test]
fn handing_over_ground_eases_tension() {
    let (mut b, red, blue) = halves();
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        20,
    );
    let hex = b.hex(5, 5);
    let mut game = Game::new(b.build(), 1);
    game.perform(&Command::HandOver { hex, to: blue }).unwrap();
    assert_eq!(game.control(hex), Some(blue));
    assert_eq!(
        relation(&game, Party::Faction(red), Party::Faction(blue)).tension,
        15
    );
    assert_eq!(
        game.check(&Command::HandOver { hex, to: blue }),
        Err(RuleError::CannotHandOver(hex))
    );
}

#[test]
fn a_no_strike_zone_rules_out_attacks_and_air_strikes_inside_it() {
    let (mut b, red, blue, p) = backed();
    let centre = b.hex(8, 5);
    let hexes: Vec<hexx::Hex> = {
        let mut v: Vec<_> = hexx::shapes::hexagon(centre, 1).collect();
        v.sort_by_key(|h| (h.x, h.y));
        v
    };
    b.agreement(Agreement {
        key: "zone".into(),
        name: "garrison zone".into(),
        kind: AgreementKind::NoStrike { hexes },
        parties: (red, blue),
    });
    let a = b.unit(red, UnitKind::Infantry, 7, 5);
    b.unit(blue, UnitKind::Infantry, 8, 5);
    let mut game = Game::new(b.build(), 1);
    let attack = Command::Attack {
        attackers: vec![a],
        target: centre,
    };
    assert!(matches!(
        game.check(&attack),
        Err(RuleError::NoStrikeZone { .. })
    ));
    assert!(matches!(
        game.check(&Command::RequestAirStrike {
            patron: p,
            target: centre
        }),
        Err(RuleError::NoStrikeZone { .. })
    ));
    game.perform(&Command::Breach { agreement: 0 }).unwrap();
    assert!(game.check(&attack).is_ok());
}

#[test]
fn seizing_oil_a_patron_wants_pleases_it_for_its_client_and_angers_it_otherwise() {
    let (mut b, red, _blue) = halves();
    let hex = b.hex(6, 5);
    b.oil_field("f", FieldKind::Oil, hex, 1000);
    let rp = b.patron("red_patron", &[red]);
    b.patron_mut(rp).wants = vec![0];
    b.relation(Party::Patron(rp), Party::Faction(red), Stance::Allied, 20);
    let u = b.unit(red, UnitKind::Infantry, 5, 5);
    let mut game = Game::new(b.build(), 1);
    game.perform(&Command::Move {
        unit: u,
        path: vec![hex],
    })
    .unwrap();
    assert_eq!(
        relation(&game, Party::Patron(rp), Party::Faction(red)).tension,
        5
    );
}

// --- Victory -------------------------------------------------------------------------------

fn race(by: Option<Date>) -> (Game, FactionId, UnitId, hexx::Hex) {
    let (mut b, red, blue) = halves();
    let goal = town(&mut b, "goal", 7, 5, 0);
    b.control(7, 5, Some(blue));
    let u = b.unit(red, UnitKind::Infantry, 5, 5);
    b.objective(Objective {
        key: "take".into(),
        faction: red,
        goal: Goal::Hold(goal),
        points: 25,
        description: "take the town".into(),
        by,
    });
    b.objective(Objective {
        key: "live".into(),
        faction: blue,
        goal: Goal::Survive,
        points: 5,
        description: "survive".into(),
        by: None,
    });
    b.unit(blue, UnitKind::Infantry, 10, 9);
    b.turns(2);
    let game = Game::new(b.build(), 1);
    let hex = game.scenario().map.hex_at(7, 5);
    (game, red, u, hex)
}

#[test]
fn a_dated_objective_met_in_time_stays_scored_and_ends_the_game_decisively() {
    let start = Date::new(2017, 11, 3).unwrap();
    let (mut game, red, u, hex) = race(Some(start.plus_days(2)));
    let path = game.path_to(u, hex).unwrap();
    game.perform(&Command::Move { unit: u, path }).unwrap();
    let events = game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.achieved(0), Some(start));
    assert!(!game.met_too_late(0));
    let said = events
        .iter()
        .find(|e| matches!(e, Event::ObjectiveAchieved { .. }))
        .and_then(|e| crate::narrate::describe(e, game.scenario(), &|_| "a unit".into()))
        .unwrap();
    assert!(said.contains("met an objective: take the town"), "{said}");
    // Red has met all its objectives: the game ends at the end of the full turn.
    let events = game.perform(&Command::EndTurn).unwrap();
    assert!(game.is_over());
    assert_eq!(game.result(), Some(&EndReason::Decisive(red)));
    assert!(matches!(events.last(), Some(Event::GameEnded { scores, .. }) if scores[0] == 25 + 2));
    let lines = game.score_breakdown(red);
    assert_eq!(
        lines.iter().map(|l| l.points).sum::<u32>(),
        game.scores()[0]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.objective == Some(0) && l.achieved == Some(start))
    );
}

#[test]
fn a_dated_objective_met_too_late_scores_nothing() {
    let start = Date::new(2017, 11, 3).unwrap();
    let (mut game, red, u, hex) = race(Some(start));
    end_round(&mut game); // the deadline passes; this is the last turn
    let path = game.path_to(u, hex).unwrap();
    game.perform(&Command::Move { unit: u, path }).unwrap();
    let mut events = Vec::new();
    while !game.is_over() {
        events.extend(game.perform(&Command::EndTurn).unwrap());
    }
    assert_eq!(game.result(), Some(&EndReason::LastTurn));
    assert_eq!(game.achieved(0), Some(start.plus_days(2)));
    assert!(!game.objective_secured(0));
    assert!(game.met_too_late(0));
    // The log does not congratulate a race lost.
    let said: Vec<String> = events
        .iter()
        .filter(|e| matches!(e, Event::ObjectiveAchieved { .. }))
        .filter_map(|e| crate::narrate::describe(e, game.scenario(), &|_| "a unit".into()))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("too late to score it (the deadline was 3 November 2017)"),
        "{}",
        said[0]
    );
    assert_eq!(
        game.scores()[usize::from(red.0)],
        2,
        "only the town's own points"
    );
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

#[test]
fn units_dug_in_inside_a_town_are_fortified() {
    let mut b = ScenarioBuilder::new(10, 8, Terrain::Steppe);
    let red = b.faction("red");
    let blue = b.faction("blue");
    let a = b.unit(red, UnitKind::Infantry, 3, 3);
    let d = b.unit(blue, UnitKind::Infantry, 4, 3);
    let town = b.hex(4, 3);
    self::town(&mut b, "town", 4, 3, 5000);
    b.unit_mut(d).dug_in = true;
    let game = Game::new(b.build(), 1);
    let p = game.preview_attack(&[a], town).unwrap();
    assert!(
        p.defence_modifiers
            .iter()
            .any(|m| m.label == "dug in (fortified town)" && m.percent == 150),
        "{:?}",
        p.defence_modifiers
    );
}
