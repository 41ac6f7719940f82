//! The computer player of one faction: its memory between commands, the way it plays a turn
//! (a hard AI looks ahead), and the order in which it weighs what to do next.

use std::sync::Arc;


use crate::sim::command::Command;
use crate::sim::entities::FactionId;
use crate::sim::game::Game;
use crate::sim::map::MoveClass;
use crate::sim::supply::SupplyMemo;

use super::difficulty::{Difficulty, MAX_COMMANDS_PER_TURN};
use super::plan::{Plan, Target, ToSupply, Field, must_survive};
use super::reach;

/// An AI player for one faction. It keeps a little cached analysis between commands, which
/// never changes what it chooses, only how fast.
pub struct AiPlayer {
    /// How well it plays.
    pub difficulty: Difficulty,
    /// Distance fields by unit class, toward the targets (`false`) or toward the places a
    /// hiding unit could raid at the end (`true`).
    pub(super) fields: Vec<((MoveClass, bool), Field)>,
    /// The way of playing chosen for a turn (a hard AI tries both and keeps the better).
    pub(super) style: Option<(u16, Style)>,
    /// Distances to supply for the hiding units, kept while the supplied hexes stay the same.
    pub(super) supply_distances: Option<(u64, Arc<ToSupply>)>,
    /// For a hard AI, where enemies cut the supply of its units, worked out once a turn (by
    /// turn and faction).
    pub(super) supply_cuts: Option<((u16, u8), Vec<Target>)>,
    /// The last trace of its own supply, traced again only when it could differ.
    pub(super) supply: SupplyMemo,
    /// Where its units could move, searched again only for those whose reach could differ.
    pub(super) reach: reach::ReachMemo,
}

/// How many imagined futures a hard AI plays out for each way of playing a turn.
pub(super) const LOOKAHEAD_SAMPLES: u64 = 2;

/// A way of playing a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// Attacks it expects to gain from, keeping to its supply.
    Careful,
    /// Any attack with an even chance, whatever the supply.
    Bold,
}

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
    /// An AI at a difficulty.
    pub fn new(difficulty: Difficulty) -> AiPlayer {
        AiPlayer {
            difficulty,
            fields: Vec::new(),
            style: None,
            supply_distances: None,
            supply_cuts: None,
            supply: SupplyMemo::default(),
            reach: reach::ReachMemo::default(),
        }
    }

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
        let mut mine = AiPlayer {
            style: Some((turn, style)),
            ..AiPlayer::new(Difficulty::Normal)
        };
        let mut others: Vec<AiPlayer> = (0..g.scenario().factions.len())
            .map(|_| AiPlayer::new(Difficulty::Normal))
            .collect();
        let mut steps = 0;
        // My turn, then everyone else's, until my next turn.
        while !g.is_over() && steps < 4 * MAX_COMMANDS_PER_TURN {
            let active = g.active_faction();
            if active == me && g.turn() != turn {
                break;
            }
            let c = if active == me {
                mine.choose(&g)
            } else {
                others[usize::from(active.0)].choose(&g)
            };
            if g.perform(&c).is_err() && g.perform(&Command::EndTurn).is_err() {
                break;
            }
            steps += 1;
        }
        judge(&g, me)
    }

    /// The next command for the faction whose turn it is. It is always legal; the last of a
    /// turn is [`Command::EndTurn`].
    pub fn choose(&mut self, game: &Game) -> Command {
        if game.is_over() {
            return Command::EndTurn;
        }
        let me = game.active_faction();
        let d = self.difficulty;
        let style = self
            .style
            .filter(|(t, _)| *t == game.turn())
            .map(|(_, s)| s)
            .unwrap_or_else(|| self.pick_style(game));
        let cuts = self.supply_cuts(game);
        let mut plan = Plan::new(game, me, d, &cuts, &mut self.supply);
        plan.bold = style == Style::Bold;
        if plan.survival || !plan.reserve.is_empty() {
            plan.to_supply = self.supply_distances(game, &plan);
        }
        for step in 0..5 {
            let c = match step {
                0 => plan.diplomacy(),
                1 => plan.air_drop(),
                2 => plan.strike(),
                3 => plan.attack(),
                _ => plan.spend(),
            };
            if let Some(c) = c
                && game.check(&c).is_ok()
            {
                return c;
            }
        }
        if let Some(c) = self.movement(game, &plan)
            && game.check(&c).is_ok()
        {
            return c;
        }
        if d == Difficulty::Hard {
            plan.finishing = true;
            for c in [plan.strike(), plan.air_drop()].into_iter().flatten() {
                if game.check(&c).is_ok() {
                    return c;
                }
            }
        }
        Command::EndTurn
    }
}
