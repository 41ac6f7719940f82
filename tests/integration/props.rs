//! Property tests over random games and random command sequences: the rules' invariants hold
//! after every event, the books balance, a save loads to the identical state, and the same
//! seed gives the same game.

use std::sync::{Arc, LazyLock};

use euphrates::level;
use euphrates::save::{self, Recorder};
use euphrates::sim::ai::{AiPlayer, Controller, Difficulty, Players, random_command};
use euphrates::sim::{
    Command, Event, FactionId, Game, PatronId, PlaceId, Scenario, SupplyMemo, UnitId,
};
use hexx::Hex;
use proptest::prelude::*;

use crate::at;

static DEFAULT: LazyLock<Arc<Scenario>> = LazyLock::new(|| {
    Arc::new(
        level::load_path(&at(level::DEFAULT_LEVEL))
            .unwrap()
            .scenario,
    )
});

static TUTORIAL: LazyLock<(Arc<Scenario>, String)> = LazyLock::new(|| {
    let l = level::load_path(&at("levels/tutorial.ron")).unwrap();
    (Arc::new(l.scenario), l.file.name)
});

/// The money a set of events adds to each faction's treasury (income less spending).
fn money(game_before: &Game, events: &[Event], books: &mut [i64]) {
    let mut active = game_before.active_faction();
    for e in events {
        match e {
            Event::FactionTurnBegan { faction } => active = *faction,
            Event::Income { faction, total, .. } => books[usize::from(faction.0)] += total,
            Event::UnitRaised { unit, cost } => books[usize::from(unit.owner.0)] -= cost,
            Event::UnitReinforced { unit, cost, .. } => {
                let owner = game_before.unit(*unit).map_or(active, |u| u.owner);
                books[usize::from(owner.0)] -= cost;
            }
            Event::RepairStarted { cost, .. } => books[usize::from(active.0)] -= cost,
            Event::FuelBought { faction, cost, .. } => books[usize::from(faction.0)] -= cost,
            _ => {}
        }
    }
}

/// One command drawn from everything a player could type, legal or not.
fn any_command() -> impl Strategy<Value = Command> {
    let hex = (-5i32..40, -5i32..40).prop_map(|(x, y)| Hex::new(x, y));
    let unit = (0u32..40).prop_map(UnitId);
    let faction = (0u8..6).prop_map(FactionId);
    prop_oneof![
        (unit.clone(), prop::collection::vec(hex.clone(), 0..6))
            .prop_map(|(unit, path)| Command::Move { unit, path }),
        (prop::collection::vec(unit.clone(), 0..4), hex.clone())
            .prop_map(|(attackers, target)| Command::Attack { attackers, target }),
        (0u16..6).prop_map(|field| Command::Repair { field }),
        unit.clone().prop_map(|unit| Command::Advance { unit }),
        (0u16..50).prop_map(|points| Command::BuyFuel { points }),
        unit.clone().prop_map(|unit| Command::Reinforce { unit }),
        ((0u8..4).prop_map(PatronId), hex.clone())
            .prop_map(|(patron, target)| Command::RequestAirStrike { patron, target }),
        ((0u8..4).prop_map(PatronId), unit.clone())
            .prop_map(|(patron, unit)| Command::RequestAirDrop { patron, unit }),
        ((0u8..4).prop_map(PatronId), (0u16..12).prop_map(PlaceId))
            .prop_map(|(patron, place)| Command::RequestReinforcements { patron, place }),
        faction
            .clone()
            .prop_map(|with| Command::ProposeCoordination { with }),
        faction
            .clone()
            .prop_map(|with| Command::EndCoordination { with }),
        (hex, faction).prop_map(|(hex, to)| Command::HandOver { hex, to }),
        (0u16..4).prop_map(|agreement| Command::Breach { agreement }),
        (0u16..4).prop_map(|agreement| Command::Agree { agreement }),
        Just(Command::EndTurn),
    ]
}

/// Performs a command and checks everything that must hold afterwards.
fn step(game: &mut Game, command: &Command, books: &mut [i64]) -> Result<(), TestCaseError> {
    let before = game.clone();
    match game.perform(command) {
        Ok(events) => {
            money(&before, &events, books);
            if let Err(e) = game.check_invariants() {
                return Err(TestCaseError::fail(format!("after {command:?}: {e}")));
            }
            for (f, &expected) in books.iter().enumerate() {
                prop_assert_eq!(
                    game.treasury(FactionId(f as u8)),
                    expected,
                    "treasury of faction {} after {:?}",
                    f,
                    command
                );
            }
        }
        Err(_) => prop_assert_eq!(
            game.state_hash(),
            before.state_hash(),
            "a refused {:?} changed the game",
            command
        ),
    }
    Ok(())
}

fn start_books(game: &Game) -> Vec<i64> {
    (0..game.scenario().factions.len())
        .map(|f| game.treasury(FactionId(f as u8)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Whatever a player types, legal or not: a refusal changes nothing, and after every
    /// accepted command the invariants hold and the treasury is income less spending.
    #[test]
    fn random_commands_keep_the_rules_invariants(
        seed in 0u64..1_000,
        commands in prop::collection::vec(any_command(), 1..120),
    ) {
        let mut game = Game::new(TUTORIAL.0.clone(), seed);
        prop_assert!(game.check_invariants().is_ok());
        let mut books = start_books(&game);
        for c in &commands {
            step(&mut game, c, &mut books)?;
        }
    }

    /// Random games (random legal play mixed with the AI's) keep every invariant, and a save
    /// of them loads to the identical state.
    #[test]
    fn random_games_keep_invariants_and_save_load_round_trips(
        seed in 0u64..10_000,
        ai_share in 0u8..4,
        turns in 2u16..6,
    ) {
        let mut scenario = (*TUTORIAL.0).clone();
        scenario.turns = turns;
        let scenario = Arc::new(scenario);
        let mut game = Game::new(scenario.clone(), seed);
        let mut recorder = Recorder::new(&TUTORIAL.1, &at("levels/tutorial.ron"), &game, Some(FactionId(0)), Difficulty::Normal);
        let mut ai = AiPlayer::new(Difficulty::Easy);
        let mut books = start_books(&game);
        let mut n = 0u64;
        while !game.is_over() && n < 3_000 {
            let command = if (n + seed) % 4 < u64::from(ai_share) {
                ai.choose(&game)
            } else {
                random_command(&game, seed ^ n)
            };
            // The random player may pick an order the rules refuse; as in `simulate`, it
            // then ends its turn.
            let command = if game.check(&command).is_ok() { command } else { Command::EndTurn };
            let before = game.clone();
            let events = game.perform(&command);
            prop_assert!(events.is_ok(), "{:?} was refused", command);
            let events = events.unwrap();
            money(&before, &events, &mut books);
            recorder.record(&game, &command, &events);
            if let Err(e) = game.check_invariants() {
                return Err(TestCaseError::fail(format!("after {command:?}: {e}")));
            }
            n += 1;
        }
        for (f, &expected) in books.iter().enumerate() {
            prop_assert_eq!(game.treasury(FactionId(f as u8)), expected);
        }
        // Save → text → load: the identical state.
        let saved = recorder.save(&game);
        let text = ron::to_string(&saved).unwrap();
        let loaded = save::parse("prop.sav", text.as_bytes()).unwrap();
        let (restored, _) = loaded.restore((*scenario).clone()).unwrap();
        prop_assert_eq!(restored.state_hash(), game.state_hash());
        prop_assert_eq!(restored.state(), game.state());
    }

    /// A supply trace kept between commands (as the AI keeps one) is always the trace made
    /// afresh, whatever was played in between: moves, captures, battles, air strikes, broken
    /// agreements.
    #[test]
    fn a_remembered_supply_trace_is_the_fresh_one(
        seed in 0u64..10_000,
        on_default in any::<bool>(),
        ai_share in 0u8..4,
    ) {
        let scenario = if on_default { DEFAULT.clone() } else { TUTORIAL.0.clone() };
        let mut game = Game::new(scenario, seed);
        let factions = game.scenario().factions.len();
        let mut memos = vec![SupplyMemo::default(); factions];
        let mut ai = AiPlayer::new(Difficulty::Normal);
        for n in 0..400u64 {
            if game.is_over() {
                break;
            }
            for (f, memo) in memos.iter_mut().enumerate() {
                let f = FactionId(f as u8);
                let fresh = game.trace_supply(f);
                prop_assert!(game.trace_supply_memo(f, memo) == &fresh, "after {n} commands");
            }
            let command = if (n + seed) % 4 < u64::from(ai_share) {
                ai.choose(&game)
            } else {
                random_command(&game, seed ^ n)
            };
            let command = if game.check(&command).is_ok() { command } else { Command::EndTurn };
            game.perform(&command).unwrap();
        }
    }

    /// The same seed and the same players give the same game, move for move.
    #[test]
    fn the_same_seed_gives_the_same_game(seed in 0u64..100_000) {
        let play = || {
            let mut game = Game::new(TUTORIAL.0.clone(), seed);
            let mut ais: Vec<AiPlayer> = (0..game.scenario().factions.len()).map(|_| AiPlayer::new(Difficulty::Normal)).collect();
            let mut hashes = Vec::new();
            for _ in 0..150 {
                if game.is_over() { break; }
                let f = usize::from(game.active_faction().0);
                let c = ais[f].choose(&game);
                game.perform(&c).unwrap();
                hashes.push(game.state_hash());
            }
            hashes
        };
        prop_assert_eq!(play(), play());
    }

    /// No unit ever steps across a deconfliction line that binds it — not by a move, and not
    /// by advancing after an attack — in random games on the default level (which has one)
    /// and the tutorial, random legal play mixed with the AI's.
    #[test]
    fn no_unit_ever_crosses_a_deconfliction_line_that_binds_it(
        seed in 0u64..10_000,
        ai_share in 0u8..4,
        on_default in any::<bool>(),
    ) {
        let base = if on_default { &*DEFAULT } else { &TUTORIAL.0 };
        let mut scenario = (**base).clone();
        scenario.turns = scenario.turns.min(4);
        let mut game = Game::new(Arc::new(scenario), seed);
        let mut ai = AiPlayer::new(Difficulty::Normal);
        let mut n = 0u64;
        while !game.is_over() && n < 4_000 {
            let command = if (n + seed) % 4 < u64::from(ai_share) {
                ai.choose(&game)
            } else {
                random_command(&game, seed ^ n)
            };
            let command = if game.check(&command).is_ok() { command } else { Command::EndTurn };
            let before = game.clone();
            let events = game.perform(&command).unwrap();
            for e in &events {
                if let Event::UnitMoved { unit, from, path, .. } = e {
                    let owner = before.unit(*unit).map(|u| u.owner).unwrap();
                    let mut at = *from;
                    for to in path {
                        prop_assert!(
                            before.line_crossed(owner, at, *to).is_none(),
                            "{:?} took {:?} across a deconfliction line, from {:?} to {:?}",
                            command, unit, at, to
                        );
                        at = *to;
                    }
                }
            }
            n += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// Under the fog of war, a computer player's commands are the same whether an enemy unit
    /// it cannot see stands where it does or somewhere else it cannot see.
    #[test]
    fn what_a_side_cannot_see_never_changes_its_commands(
        seed in 0u64..100_000,
        played in 0usize..1_500,
        pick in any::<u64>(),
    ) {
        let mut game = Game::new(DEFAULT.clone(), seed);
        prop_assert!(game.fog());
        let n = game.scenario().factions.len();
        let mut players = Players::with_controllers(n, &[]);
        for _ in 0..played {
            let Some(c) = players.choose(&game) else { break };
            Players::step(&c, |c| game.perform(c)).unwrap();
        }
        if game.is_over() {
            return Ok(());
        }
        let me = game.active_faction();
        let sight = game.sight(me);
        let hidden: Vec<UnitId> = game
            .units()
            .filter(|u| !sight.shows(&game, u))
            .map(|u| u.id)
            .collect();
        let map = &game.scenario().map;
        let free: Vec<Hex> = map
            .hexes()
            .filter(|&h| {
                !sight.sees_hex(&game, h)
                    && map.terrain(h).is_some_and(|t| t.passable())
                    && game.unit_at(h).is_none()
            })
            .collect();
        prop_assume!(!hidden.is_empty() && !free.is_empty());
        let unit = hidden[(pick % hidden.len() as u64) as usize];
        let to = free[((pick >> 20) % free.len() as u64) as usize];
        let moved = game.with_unit_at(unit, to).unwrap();
        prop_assert_ne!(game.state_hash(), moved.state_hash());
        prop_assert_eq!(game.view(me).state_hash(), moved.view(me).state_hash());
        for d in [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard] {
            let controllers = vec![Controller::Ai(d); n];
            let a = Players::with_controllers(n, &controllers).choose(&game);
            let b = Players::with_controllers(n, &controllers).choose(&moved);
            prop_assert_eq!(a, b, "{:?} chose differently", d);
        }
    }
}
