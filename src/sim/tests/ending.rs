//! Turns, the calendar and the end: objectives, routes, survival, deadlines, decisive results,
//! the state hash and the calendar's events.

use super::*;

#[test]
fn turns_advance_the_calendar_and_end_the_game() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let u = b.unit(red, UnitKind::Infantry, 1, 1);
    b.unit(blue, UnitKind::Infantry, 8, 8);
    b.turns(2);
    let mut game = Game::new(b.build(), 3);
    let to = game.scenario().map.hex_at(2, 1);
    game.perform(&mv(u, vec![to])).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(game.active_faction(), blue);
    assert!(matches!(
        game.check(&mv(u, vec![to])),
        Err(RuleError::NotYourUnit { .. })
    ));
    game.perform(&Command::EndTurn).unwrap();
    assert_eq!(
        (game.turn(), game.date().to_string().as_str()),
        (2, "5 November 2017")
    );
    assert_eq!(
        game.unit(u).unwrap().movement_left,
        8,
        "movement is restored"
    );
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert!(game.is_over());
    assert_eq!(game.check(&Command::EndTurn), Err(RuleError::GameOver));
}

#[test]
fn state_hash_survives_a_serde_round_trip() {
    let (game, _) = battle(9);
    let text = ron::to_string(&game).unwrap();
    let back: Game = ron::from_str(&text).unwrap();
    assert_eq!(back.state_hash(), game.state_hash());
    // And the restored game continues identically, dice included.
    let mut a = game.clone();
    let mut b = back;
    for g in [&mut a, &mut b] {
        g.perform(&Command::EndTurn).unwrap();
    }
    assert_eq!(a.state_hash(), b.state_hash());
}

#[test]
fn objectives_score_holding_routes_and_survival() {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    b.unit(red, UnitKind::Infantry, 1, 1);
    let mut s = b.build();
    let place = |key: &str, hex| Place {
        defences: 0,
        key: key.into(),
        name: key.into(),
        kind: PlaceKind::Town,
        hex,
        population: 0,
        present: 0,
        points: 1,
    };
    let (west, east) = (s.map.hex_at(0, 4), s.map.hex_at(6, 4));
    s.places = vec![place("west", west), place("east", east)];
    // Red holds row 4 from column 0 to 6, except one hex in the middle.
    for c in 0..=6 {
        let i = s.map.index(s.map.hex_at(c, 4)).unwrap();
        s.control[i] = (c != 3).then_some(red);
    }
    let objective = |goal| Objective {
        key: "o".into(),
        faction: red,
        goal,
        points: 10,
        description: String::new(),
        by: None,
    };
    s.objectives = vec![
        objective(Goal::Route(PlaceId(0), PlaceId(1))),
        objective(Goal::Survive),
        Objective {
            faction: blue,
            ..objective(Goal::Survive)
        },
    ];
    let game = Game::new(s.clone(), 1);
    assert!(!game.objective_met(&s.objectives[0]), "the route is broken");
    assert!(game.objective_met(&s.objectives[1]), "red has a unit");
    assert!(!game.objective_met(&s.objectives[2]), "blue has none");
    assert_eq!(game.scores(), vec![2 + 10, 0]);
    let i = s.map.index(s.map.hex_at(3, 4)).unwrap();
    s.control[i] = Some(red);
    let game = Game::new(s.clone(), 1);
    assert!(game.objective_met(&s.objectives[0]), "the route is whole");
    // A river with no crossing cuts the route.
    let r = s.map.add_river("r", "R");
    for row in 0..10 {
        let (a, b) = (s.map.hex_at(3, row), s.map.hex_at(4, row));
        s.map.add_river_edge(a, b, r);
    }
    assert!(!Game::new(s, 1).objective_met(&objective(Goal::Route(PlaceId(0), PlaceId(1)))));
}

#[test]
fn a_historical_event_changes_the_oil_price_on_the_first_turn_after_its_date() {
    let (b, red, _) = oil_war();
    let mut s = b.build();
    let start = s.start;
    s.history = vec![Dated {
        date: start.plus_days(1),
        effects: vec![Effect::OilPrice(80)],
    }];
    let mut game = Game::new(s, 3);
    assert_eq!(game.oil_price(), 54);
    let before = game.income_statement(red);
    end_round(&mut game);
    assert_eq!(game.oil_price(), 80, "the price changed on the next turn");
    assert!(
        game.log()
            .iter()
            .any(|e| e.event == Event::OilPriceChanged { price: 80 })
    );
    // Fields earn more at the higher price.
    let field = |lines: &[IncomeLine]| -> i64 {
        lines
            .iter()
            .filter(|l| matches!(l.source, IncomeSource::Field(_)))
            .map(|l| l.amount)
            .sum()
    };
    let after = game.income_statement(red);
    assert!(field(&after) > field(&before), "{after:?} vs {before:?}");
    // It happens once.
    end_round(&mut game);
    let n = game
        .log()
        .iter()
        .filter(|e| matches!(e.event, Event::OilPriceChanged { .. }))
        .count();
    assert_eq!(n, 1);
}

fn race(by: Option<Date>) -> (Game, FactionId, UnitId, hexx::Hex) {
    race_on(by, true)
}

fn race_on(by: Option<Date>, decisive_end: bool) -> (Game, FactionId, UnitId, hexx::Hex) {
    let (mut b, red, blue) = halves();
    b.decisive_end(decisive_end);
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
fn a_level_of_parallel_campaigns_plays_every_turn_after_a_decisive_result() {
    let start = Date::new(2017, 11, 3).unwrap();
    let (mut game, red, u, hex) = race_on(Some(start.plus_days(2)), false);
    let path = game.path_to(u, hex).unwrap();
    game.perform(&Command::Move { unit: u, path }).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    game.perform(&Command::EndTurn).unwrap();
    assert!(!game.is_over(), "the others play on");
    assert_eq!(game.verdict(red), Verdict::DecisiveVictory);
    end_round(&mut game);
    assert_eq!(game.result(), Some(&EndReason::LastTurn));
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
fn each_side_is_judged_by_the_share_of_its_own_objectives() {
    // Red's one objective, to take the town, is all its points; blue's is to survive.
    let (mut game, red, u, hex) = race(None);
    let blue = FactionId(1);
    assert_eq!(game.objective_share(red), (0, 25));
    assert_eq!(game.verdict(red), Verdict::Defeat);
    // Blue survives: all its points, if the game ended now.
    assert_eq!(game.verdict(blue), Verdict::DecisiveVictory);
    let path = game.path_to(u, hex).unwrap();
    game.perform(&Command::Move { unit: u, path }).unwrap();
    assert_eq!(game.objective_share(red), (25, 25));
    assert_eq!(game.verdict(red), Verdict::DecisiveVictory);
    // Red's decisive result ends the game: blue, though it survives, gets a draw at best.
    while !game.is_over() {
        game.perform(&Command::EndTurn).unwrap();
    }
    assert_eq!(game.result(), Some(&EndReason::Decisive(red)));
    assert_eq!(game.verdict(blue), Verdict::Draw);
}

#[test]
fn a_level_and_a_faction_set_their_own_verdict_levels() {
    let (mut b, red, blue) = halves();
    let a = town(&mut b, "a", 2, 2, 0);
    let c = town(&mut b, "c", 3, 3, 0);
    for (key, place, points) in [("a", a, 6), ("c", c, 4)] {
        b.objective(Objective {
            key: key.into(),
            faction: red,
            goal: Goal::Hold(place),
            points,
            description: key.into(),
            by: None,
        });
    }
    b.control(3, 3, Some(blue));
    b.unit(red, UnitKind::Infantry, 0, 0);
    b.unit(blue, UnitKind::Infantry, 11, 9);
    // Red holds a, not c: 6 of 10 points, 60 %.
    let game = Game::new(b.clone().build(), 1);
    assert_eq!(game.objective_share(red), (6, 10));
    assert_eq!(
        game.verdict(red),
        Verdict::Victory,
        "55 % is a victory by default"
    );
    b.faction_mut(red).verdicts = Some(VerdictLevels {
        decisive: 90,
        victory: 75,
        draw: 60,
    });
    let strict = Game::new(b.build(), 1);
    assert_eq!(strict.verdict(red), Verdict::Draw, "its own levels");
}
