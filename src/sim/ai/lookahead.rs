//! A hard AI's look-ahead: it plays its turn both carefully and boldly, and the round after it
//! with normal opponents, on copies of the game with imagined dice, and keeps the way that
//! leaves it better placed.

use crate::sim::entities::FactionId;
use crate::sim::game::Game;

use super::difficulty::{Difficulty, MAX_COMMANDS_PER_TURN};
use super::driver::{Players, Seat};
use super::plan::must_survive;
use super::player::{AiPlayer, Style};

/// How many imagined futures a hard AI plays out for each way of playing a turn.
pub(super) const LOOKAHEAD_SAMPLES: u64 = 2;

/// How a hard AI sees a position: its score, then its strength and ground, less its enemies'
/// strength, in tenths of a point.
pub(super) fn judge(game: &Game, me: FactionId) -> i64 {
    let score = i64::from(game.scores()[usize::from(me.0)]) * 10;
    let mut strength = 0i64;
    for u in game.units() {
        if u.owner == me {
            strength += i64::from(u.strength);
        } else if game.stance(u.owner, me).fights() {
            strength -= i64::from(u.strength) / 2;
        }
    }
    let map = &game.scenario().map;
    let ground = (0..map.len())
        .filter(|&i| game.control(map.hex_of_index(i)) == Some(me))
        .count() as i64;
    score + strength * 2 + ground / 20
}

impl AiPlayer {
    /// The style for this turn: a hard AI plays the turn out both ways, and the round after
    /// it with normal opponents, on copies of the game, and keeps the way that leaves it
    /// better placed (its search depth); the others are careful.
    pub(super) fn pick_style(&mut self, game: &Game) -> Style {
        if self.difficulty != Difficulty::Hard {
            return Style::Careful;
        }
        let turn = game.turn();
        if let Some((t, s)) = self.style
            && t == turn
        {
            return s;
        }
        let me = game.active_faction();
        // A side that must survive never plays boldly.
        if must_survive(game, me) {
            self.style = Some((turn, Style::Careful));
            return Style::Careful;
        }
        let mut best = (i64::MIN, Style::Careful);
        for style in [Style::Careful, Style::Bold] {
            // Each way is tried with the same imagined dice, so they are compared fairly.
            let mut value = 0;
            for sample in 0..LOOKAHEAD_SAMPLES {
                value += Self::imagine(game, me, style, sample);
            }
            if value > best.0 {
                best = (value, style);
            }
        }
        self.style = Some((turn, best.1));
        best.1
    }

    /// Plays this turn in a style and the round after it with normal opponents, on a copy of
    /// the game with imagined dice, and judges where that leaves `me`.
    pub(super) fn imagine(game: &Game, me: FactionId, style: Style, sample: u64) -> i64 {
        let turn = game.turn();
        let mut g = game.imagined_copy(sample);
        let mine = AiPlayer {
            style: Some((turn, style)),
            ..AiPlayer::new(Difficulty::Normal)
        };
        let mut players = Players::new(
            (0..g.scenario().factions.len())
                .map(|_| Seat::Ai(Box::new(AiPlayer::new(Difficulty::Normal))))
                .collect(),
        );
        if let Some(seat) = players.seat_mut(me) {
            *seat = Seat::Ai(Box::new(mine));
        }
        let mut steps = 0;
        // My turn, then everyone else's, until my next turn.
        while steps < 4 * MAX_COMMANDS_PER_TURN {
            if g.active_faction() == me && g.turn() != turn {
                break;
            }
            let Some(c) = players.choose(&g) else { break };
            if Players::step(&c, |c| g.perform(c)).is_err() {
                break;
            }
            steps += 1;
        }
        judge(&g, me)
    }
}
