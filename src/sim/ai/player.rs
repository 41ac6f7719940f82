//! The computer player of one faction: its memory between commands, the way it plays a turn
//! (a hard AI looks ahead), and the order in which it weighs what to do next.

use std::sync::Arc;

use crate::sim::command::Command;
use crate::sim::game::Game;
use crate::sim::map::MoveClass;
use crate::sim::supply::SupplyMemo;

use super::difficulty::Difficulty;
use super::plan::{Field, Plan, Target, ToSupply};
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
    /// For a hard AI, the distances to single targets its task forces march on.
    pub(super) distances: super::plan::DistanceMemo,
    /// For a hard AI, how soon each other side could be anywhere, worked out once a turn (by
    /// turn and faction).
    pub(super) rivals: Option<((u16, u8), Arc<super::plan::Rivals>)>,
}

/// A way of playing a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// Attacks it expects to gain from, keeping to its supply.
    Careful,
    /// Any attack with an even chance, whatever the supply.
    Bold,
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
            distances: Default::default(),
            rivals: None,
        }
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
        let rivals = self.rivals(game);
        let mut plan = Plan::new(game, me, d, &cuts, &mut self.supply, rivals);
        plan.bold = style == Style::Bold;
        if plan.survival || !plan.reserve.is_empty() {
            plan.to_supply = self.supply_distances(game, &plan);
        }
        for step in 0..6 {
            let c = match step {
                0 => plan.advance(),
                1 => plan.diplomacy(),
                2 => plan.air_drop(),
                3 => plan.strike(),
                4 => plan.attack(),
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
