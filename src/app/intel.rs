//! What the player's side knew under the fog of war, set beside what was there: for the
//! debrief, once the fog lifts.

use crate::chronicle::TurnStats;
use crate::narrate::names::place_or_hex;
use crate::sim::{FactionId, Game};

/// Examples of what the player did not see, strongest first.
const EXAMPLES: usize = 6;

/// Sentences on what the side `me` saw of its enemies over the game and at its end, beside
/// what was there; `None` for a game without the fog of war.
pub fn knew_and_was(game: &Game, turns: &[TurnStats], me: FactionId) -> Option<Vec<String>> {
    let s = game.scenario();
    if !s.fog {
        return None;
    }
    let mut lines = Vec::new();
    let shares: Vec<u32> = turns
        .iter()
        .filter_map(|t| t.factions.get(usize::from(me.0)))
        .filter_map(|f| match (f.visible_enemies, f.enemy_units) {
            (Some(seen), Some(all)) if all > 0 => Some(seen * 100 / all),
            _ => None,
        })
        .collect();
    if let (Some(first), Some(last)) = (shares.first(), shares.last()) {
        let mean = shares.iter().sum::<u32>() / shares.len() as u32;
        lines.push(format!(
            "As your turns began you saw on average {mean} % of the enemy units on the map ({first} % on the first turn, {last} % on the last)."
        ));
    }
    let view = game.view(me);
    let mut unseen: Vec<_> = game
        .units()
        .filter(|u| !game.shares_sight(me, u.owner) && view.unit(u.id).is_none())
        .collect();
    let enemies = game
        .units()
        .filter(|u| !game.shares_sight(me, u.owner))
        .count();
    if unseen.is_empty() {
        lines.push(format!(
            "At the end you saw every one of the {enemies} enemy units on the map."
        ));
    } else {
        let mut by_side: Vec<(String, usize)> = Vec::new();
        for u in &unseen {
            let name = s.faction(u.owner).map_or("?", |f| f.name.as_str());
            match by_side.iter_mut().find(|(n, _)| n == name) {
                Some((_, k)) => *k += 1,
                None => by_side.push((name.to_owned(), 1)),
            }
        }
        let parts: Vec<String> = by_side.iter().map(|(n, k)| format!("{n} {k}")).collect();
        lines.push(format!(
            "At the end {} of the {enemies} enemy units on the map were out of your sight: {}.",
            unseen.len(),
            parts.join(", ")
        ));
        unseen.sort_by_key(|u| (std::cmp::Reverse(u.strength), u.id));
        for u in unseen.iter().take(EXAMPLES) {
            let hidden = if crate::sim::Sight::hides_on(game, u.hex) {
                ", hidden in the place"
            } else {
                ""
            };
            lines.push(format!(
                "Unseen: {} ({}, strength {}) at {}{hidden}.",
                u.name,
                u.kind.name(),
                u.strength,
                place_or_hex(s, u.hex)
            ));
        }
    }
    let marks = game.last_seen(me);
    if !marks.is_empty() {
        let stale = marks
            .iter()
            .filter(|m| game.unit(m.unit).is_none_or(|u| u.hex != m.hex))
            .count();
        lines.push(format!(
            "Of your {} marks of where you last saw an enemy, {stale} were out of date: those units had moved on or been destroyed.",
            marks.len()
        ));
    }
    Some(lines)
}
