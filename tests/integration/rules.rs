//! Properties of whole games on the shipped tutorial level: invariants hold, the same seed
//! and commands give the same state, and a saved game continues exactly as the original.

use std::collections::BTreeSet;
use std::sync::Arc;

use euphrates::level;
use euphrates::sim::{Command, Game, Scenario};
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
