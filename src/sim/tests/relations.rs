//! Relations and agreements: deconfliction lines and their breach, tension and breakdown,
//! coordination, handing over ground, no-strike zones, oil seized.

use super::*;

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
            defences: 0,
            key: format!("prize{col}"),
            name: "prize".into(),
            kind: PlaceKind::Town,
            hex,
            population: 0,
            present: 0,
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
            tension: 0,
            until: None,
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
            tension: 30 - TENSION_EASING,
            until: None,
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
    assert_eq!(
        game.stance(red, blue),
        Stance::Neutral,
        "blue answers on its own turn"
    );
    assert_eq!(
        game.check(&propose),
        Err(RuleError::AlreadyProposed { with: blue })
    );
    until_turn_of(&mut game, blue);
    game.perform(&Command::AnswerProposal {
        from: red,
        accept: true,
    })
    .unwrap();
    assert_eq!(game.stance(red, blue), Stance::Cooperating);
    until_turn_of(&mut game, red);
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

#[test]
fn coordination_runs_its_term_and_lapses_unless_renewed() {
    let (mut b, red, blue) = halves();
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        0,
    );
    b.turns(20);
    let mut game = Game::new(b.build(), 1);
    agree(&mut game, blue);
    let until = 1 + crate::sim::diplomacy::COORDINATION_TURNS;
    assert_eq!(
        relation(&game, Party::Faction(red), Party::Faction(blue)).until,
        Some(until)
    );
    // Renewed on the turn before it lapses: a new term from then.
    while game.turn() < until - 1 {
        end_round(&mut game);
    }
    assert_eq!(game.stance(red, blue), Stance::Cooperating);
    until_turn_of(&mut game, red);
    let renewed = game.turn() + crate::sim::diplomacy::COORDINATION_TURNS;
    agree(&mut game, blue);
    assert_eq!(
        relation(&game, Party::Faction(red), Party::Faction(blue)).until,
        Some(renewed)
    );
    // Not renewed again: at the start of that turn it lapses, and the log says why.
    let mut told = Vec::new();
    while game.turn() < renewed {
        let before = game.log().len();
        end_round(&mut game);
        told.extend(game.log()[before..].iter().filter_map(|e| {
            crate::narrate::describe(&e.event, game.scenario(), &|_| "a unit".into())
        }));
    }
    assert_eq!(game.stance(red, blue), Stance::Neutral);
    assert!(
        told.iter().any(|t| t.contains("coordination lapsed")),
        "{told:?}"
    );
}

#[test]
fn coordinating_with_a_side_its_patron_is_at_odds_with_costs_a_client_its_patrons_goodwill() {
    let (mut b, red, blue, p) = backed();
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        0,
    );
    b.relation(Party::Patron(p), Party::Faction(blue), Stance::Rival, 10);
    let mut game = Game::new(b.build(), 1);
    let before = relation(&game, Party::Faction(red), Party::Patron(p)).tension;
    agree(&mut game, blue);
    assert_eq!(
        i16::from(relation(&game, Party::Faction(red), Party::Patron(p)).tension),
        i16::from(before) + crate::sim::diplomacy::COORDINATION_PATRON_TENSION
    );
}

#[test]
fn only_fully_supplied_partners_join_an_attack() {
    let (mut b, red, blue) = halves();
    let green = b.faction("green");
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Cooperating,
        0,
    );
    let r1 = b.unit(red, UnitKind::Infantry, 5, 4);
    let b1 = b.unit(blue, UnitKind::Infantry, 6, 5);
    b.unit(green, UnitKind::Infantry, 6, 4);
    let target = b.hex(6, 4);
    assert_eq!(b.hex(6, 5).unsigned_distance_to(target), 1);
    let game = Game::new(b.clone().build(), 1);
    assert_eq!(game.preview_attack(&[r1], target).unwrap().joint, vec![b1]);
    b.unit_mut(b1).supply = SupplyState::Low;
    let short = Game::new(b.build(), 1);
    assert!(
        short
            .preview_attack(&[r1], target)
            .unwrap()
            .joint
            .is_empty(),
        "a partner low on supply holds back"
    );
}

#[test]
fn a_proposal_waits_for_the_partner_who_may_decline_or_let_it_lapse() {
    let (mut b, red, blue) = halves();
    b.relation(
        Party::Faction(red),
        Party::Faction(blue),
        Stance::Neutral,
        0,
    );
    let mut game = Game::new(b.build(), 1);
    let propose = Command::ProposeCoordination { with: blue };
    game.perform(&propose).unwrap();
    assert!(game.proposal_pending(red, blue));
    assert_eq!(
        game.check(&Command::AnswerProposal {
            from: blue,
            accept: true
        }),
        Err(RuleError::NoProposal { from: blue }),
        "red cannot answer its own proposal"
    );
    until_turn_of(&mut game, blue);
    assert_eq!(game.proposals_to(blue).collect::<Vec<_>>(), vec![red]);
    let events = game
        .perform(&Command::AnswerProposal {
            from: red,
            accept: false,
        })
        .unwrap();
    assert_eq!(game.stance(red, blue), Stance::Neutral);
    let said = crate::narrate::describe(&events[0], game.scenario(), &|_| String::new()).unwrap();
    assert_eq!(said, "blue declined coordination with red.");
    // Unanswered, the next one lapses when blue's turn ends.
    until_turn_of(&mut game, red);
    game.perform(&propose).unwrap();
    until_turn_of(&mut game, blue);
    let events = game.perform(&Command::EndTurn).unwrap();
    assert!(events.contains(&Event::ProposalAnswered {
        from: red,
        to: blue,
        accepted: false
    }));
    assert!(!game.proposal_pending(red, blue));
    assert_eq!(game.stance(red, blue), Stance::Neutral);
}
