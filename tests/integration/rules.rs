//! Properties of whole games on the shipped tutorial level: invariants hold, the same seed
//! and commands give the same state, and a saved game continues exactly as the original.

use std::collections::BTreeSet;
use std::sync::Arc;

use euphrates::level;
use euphrates::sim::{Command, Event, FactionId, Game, PatronId, PlaceId, Scenario, UnitKind};
use hexx::Hex;
use proptest::prelude::*;

use crate::at;

fn tutorial() -> Arc<Scenario> {
    Arc::new(
        level::load_path(&at("levels/tutorial.ron"))
            .unwrap()
            .scenario,
    )
}

/// A legal command picked by `choice` among the active faction's moves and attacks.
fn pick(game: &Game, choice: u32) -> Command {
    let me = game.active_faction();
    let mine: Vec<_> = game
        .units()
        .filter(|u| u.owner == me)
        .map(|u| u.id)
        .collect();
    if mine.is_empty() || choice.is_multiple_of(7) {
        return Command::EndTurn;
    }
    if choice.is_multiple_of(5) {
        let others = others(game, choice);
        if !others.is_empty() {
            return others[(choice as usize / 5) % others.len()].clone();
        }
    }
    let unit = mine[(choice as usize / 7) % mine.len()];
    let u = game.unit(unit).unwrap();
    // Try an attack on any enemy next to it first, then a move.
    for n in u.hex.all_neighbors() {
        let c = Command::Attack {
            attackers: vec![unit],
            target: n,
        };
        if choice.is_multiple_of(3) && game.check(&c).is_ok() {
            return c;
        }
    }
    let reach = game.reachable(unit);
    if reach.is_empty() {
        return Command::EndTurn;
    }
    let (&(x, y), _) = reach
        .iter()
        .nth((choice as usize / 3) % reach.len())
        .unwrap();
    match game.path_to(unit, Hex::new(x, y)) {
        Some(path) => Command::Move { unit, path },
        None => Command::EndTurn,
    }
}

/// Legal commands other than moves and attacks: money, patrons' support and diplomacy.
fn others(game: &Game, choice: u32) -> Vec<Command> {
    let s = game.scenario();
    let me = game.active_faction();
    let mut all = Vec::new();
    let kind = UnitKind::ALL[choice as usize % UnitKind::ALL.len()];
    for p in 0..s.places.len() {
        let place = PlaceId(p as u16);
        all.push(Command::Recruit { place, kind });
        all.push(Command::Fortify { place });
        all.push(Command::RaiseCell { place });
        for q in 0..s.patrons.len() {
            all.push(Command::RequestReinforcements {
                patron: PatronId(q as u8),
                place,
            });
        }
    }
    for u in game.units() {
        all.push(Command::Reinforce { unit: u.id });
        for q in 0..s.patrons.len() {
            let patron = PatronId(q as u8);
            all.push(Command::RequestAirStrike {
                patron,
                target: u.hex,
            });
            all.push(Command::RequestAirDrop { patron, unit: u.id });
        }
        if u.owner == me {
            continue;
        }
        // Hand over a hex next to the other side's unit.
        for n in u.hex.all_neighbors() {
            all.push(Command::HandOver {
                hex: n,
                to: u.owner,
            });
        }
    }
    for f in 0..s.factions.len() {
        let with = FactionId(f as u8);
        all.push(Command::ProposeCoordination { with });
        all.push(Command::EndCoordination { with });
    }
    for a in 0..s.agreements.len() {
        all.push(Command::Breach {
            agreement: a as u16,
        });
        all.push(Command::Agree {
            agreement: a as u16,
        });
    }
    for f in 0..s.oil_fields.len() {
        all.push(Command::Repair { field: f as u16 });
    }
    all.retain(|c| game.check(c).is_ok());
    all
}

fn play(scenario: &Arc<Scenario>, seed: u64, choices: &[u32]) -> (Game, Vec<Command>) {
    let mut game = Game::new(scenario.clone(), seed);
    let mut done = Vec::new();
    for &c in choices {
        if game.is_over() {
            break;
        }
        let cmd = pick(&game, c);
        game.perform(&cmd)
            .unwrap_or_else(|e| panic!("a command the game offered was refused: {cmd:?}: {e}"));
        done.push(cmd);
    }
    (game, done)
}

fn check_invariants(game: &Game) {
    // Every hex the movement search offers is a legal move, by the same rules as `check`.
    if !game.is_over() {
        for u in game.units().filter(|u| u.owner == game.active_faction()) {
            for &(x, y) in game.reachable(u.id).keys() {
                assert!(
                    game.path_to(u.id, Hex::new(x, y)).is_some(),
                    "{} can reach ({x}, {y}) by the search but not by the rules",
                    u.name
                );
            }
        }
    }
    // Every dollar is accounted for: the treasury is the starting funds plus every income
    // statement minus every payment.
    for (i, f) in game.scenario().factions.iter().enumerate() {
        let id = FactionId(i as u8);
        let mut money = i64::from(f.treasury) * 1000;
        for e in game.log() {
            match &e.event {
                Event::Income { faction, total, .. } if *faction == id => money += total,
                Event::RepairStarted { cost, .. } if e.faction == id => money -= cost,
                Event::UnitRaised { unit, cost } if unit.owner == id => money -= cost,
                Event::UnitReinforced { cost, .. } if e.faction == id => money -= cost,
                _ => {}
            }
        }
        assert_eq!(game.treasury(id), money, "{}", f.key);
    }
    for (i, s) in game.scenario().support.iter().enumerate() {
        assert!(game.pool(i) <= s.points * 3);
    }
    // The score a faction is told is the sum of the lines that explain it.
    let scores = game.scores();
    for (i, f) in game.scenario().factions.iter().enumerate() {
        let lines: u32 = game
            .score_breakdown(FactionId(i as u8))
            .iter()
            .map(|l| l.points)
            .sum();
        assert_eq!(scores[i], lines, "{}", f.key);
    }
    let mut seen = BTreeSet::new();
    for u in game.units() {
        assert!(seen.insert((u.hex.x, u.hex.y)), "two units on {:?}", u.hex);
        assert!((1..=100).contains(&u.strength), "{u:?}");
        assert!(u.morale <= 100);
        assert!(u.movement_left <= u.kind.movement());
        assert!(
            game.scenario()
                .map
                .terrain(u.hex)
                .is_some_and(|t| t.passable())
        );
        assert_eq!(game.unit_at(u.hex).map(|x| x.id), Some(u.id));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn random_games_keep_the_invariants_and_replay_exactly(
        seed in any::<u64>(),
        choices in proptest::collection::vec(any::<u32>(), 1..120),
    ) {
        let scenario = tutorial();
        let (game, commands) = play(&scenario, seed, &choices);
        check_invariants(&game);
        // Replaying the recorded commands reproduces the state exactly.
        let mut again = Game::new(scenario.clone(), seed);
        for c in &commands {
            again.perform(c).unwrap();
        }
        prop_assert_eq!(again.state_hash(), game.state_hash());
        // A game saved and restored mid-way continues identically.
        let saved = ron::to_string(&game).unwrap();
        let mut restored: Game = ron::from_str(&saved).unwrap();
        prop_assert_eq!(restored.state_hash(), game.state_hash());
        let mut original = game.clone();
        for c in [1u32, 5, 9, 13, 0] {
            if original.is_over() { break; }
            let cmd = pick(&original, c);
            original.perform(&cmd).unwrap();
            restored.perform(&cmd).unwrap();
        }
        prop_assert_eq!(restored.state_hash(), original.state_hash());
    }
}

#[test]
fn a_whole_game_on_the_default_level_is_determined_by_its_seed() {
    let scenario = Arc::new(
        level::load_path(&at("levels/euphrates_2017.ron"))
            .unwrap()
            .scenario,
    );
    let choices: Vec<u32> = (0..3000u32)
        .map(|i| i.wrapping_mul(2_654_435_761) >> 7)
        .collect();
    let (a, commands) = play(&scenario, 42, &choices);
    assert!(
        a.is_over(),
        "{} commands did not finish the game",
        commands.len()
    );
    let special: BTreeSet<String> = commands
        .iter()
        .filter(|c| {
            !matches!(
                c,
                Command::Move { .. } | Command::Attack { .. } | Command::EndTurn
            )
        })
        .map(|c| {
            format!("{c:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    // Random play reaches the economy, the patrons and diplomacy, not only moves.
    for k in [
        "Recruit",
        "Reinforce",
        "RequestAirStrike",
        "Breach",
        "ProposeCoordination",
    ] {
        assert!(special.contains(k), "no {k} in {special:?}");
    }
    check_invariants(&a);
    let (b, _) = play(&scenario, 42, &choices);
    assert_eq!(a.state_hash(), b.state_hash());
    assert_eq!(a.scores(), b.scores());
    let (c, _) = play(&scenario, 43, &choices);
    assert_ne!(
        a.state_hash(),
        c.state_hash(),
        "the dice depend on the seed"
    );
    // Every kind of event of the race happened at least once in such a game.
    let kinds: BTreeSet<&str> = a
        .log()
        .iter()
        .map(|e| match e.event {
            Event::SupportGranted { .. } => "support",
            Event::FuelIssued { .. } => "fuel",
            Event::Income { .. } => "income",
            Event::OilStrike { .. } => "oil strike",
            Event::GameEnded { .. } => "end",
            _ => "",
        })
        .collect();
    for k in ["support", "fuel", "income", "oil strike", "end"] {
        assert!(kinds.contains(k), "no {k} event");
    }
}

#[test]
fn refused_commands_change_nothing() {
    let scenario = tutorial();
    let mut game = Game::new(scenario, 5);
    let before = game.state_hash();
    let enemy = game
        .units()
        .find(|u| u.owner != game.active_faction())
        .unwrap()
        .id;
    let far = game.scenario().map.hex_at(23, 15);
    for bad in [
        Command::Move {
            unit: enemy,
            path: vec![far],
        },
        Command::Attack {
            attackers: vec![],
            target: far,
        },
        Command::Attack {
            attackers: vec![enemy],
            target: far,
        },
    ] {
        assert!(game.perform(&bad).is_err());
        assert_eq!(game.state_hash(), before);
    }
}
