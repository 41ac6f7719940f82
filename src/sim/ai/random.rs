//! A baseline player that issues random legal commands.

use std::hash::{Hash, Hasher};

use hexx::Hex;

use crate::sim::command::Command;
use crate::sim::game::{Game, StableHasher};

/// A random legal command: the baseline the AI is measured against. `salt` varies the choice
/// between calls on the same state.
pub fn random_command(game: &Game, salt: u64) -> Command {
    let mut h = StableHasher::default();
    (game.state_hash(), salt).hash(&mut h);
    let mut r = h.finish();
    let mut next = |n: usize| -> usize {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        (r % n.max(1) as u64) as usize
    };
    let me = game.active_faction();
    // Ground an attack just emptied: a random attacker always steps in, as every winner did
    // before advancing became a choice (so random play stays the yardstick it was).
    if let Some((_, units)) = game.advance_offer()
        && !units.is_empty()
    {
        return Command::Advance {
            unit: units[next(units.len())],
        };
    }
    if next(8) == 0 {
        return Command::EndTurn;
    }
    let mine: Vec<_> = game
        .units()
        .filter(|u| u.owner == me && u.movement_left > 0 && !u.has_attacked)
        .map(|u| u.id)
        .collect();
    if mine.is_empty() {
        return Command::EndTurn;
    }
    let unit = mine[next(mine.len())];
    let Some(u) = game.unit(unit) else {
        return Command::EndTurn;
    };
    let attacks: Vec<Command> = hexx::shapes::hexagon(u.hex, u.kind.attack_range())
        .map(|t| Command::Attack {
            attackers: vec![unit],
            target: t,
        })
        .filter(|c| game.check(c).is_ok())
        .collect();
    if !attacks.is_empty() && next(2) == 0 {
        return attacks[next(attacks.len())].clone();
    }
    let reach: Vec<(i32, i32)> = game.reachable(unit).keys().copied().collect();
    if reach.is_empty() {
        return Command::EndTurn;
    }
    let (x, y) = reach[next(reach.len())];
    match game.path_to(unit, Hex::new(x, y)) {
        Some(path) => Command::Move { unit, path },
        None => Command::EndTurn,
    }
}
