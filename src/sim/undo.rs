//! Taking back a move: which commands a player may undo. A move of one's own that rolled no
//! dice and showed the side nothing it did not already see can be taken back exactly, because
//! nothing was learnt from it and the dice are where they were; the driver keeps the state
//! before it and restores it (see [`crate::session::Session::undo`]), so a save never holds an
//! undone command and the game stays deterministic.

use std::collections::BTreeSet;

use super::command::Command;
use super::entities::UnitId;
use super::event::Event;
use super::game::Game;

/// Why a command cannot be taken back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoUndo {
    /// Nothing of the player's to take back this turn.
    Nothing,
    /// Only moves can be taken back (an attack, an order that spends, a turn's end cannot).
    NotAMove,
    /// The move ran into an enemy the side had not seen.
    Contact,
    /// The move showed the side an enemy unit it did not see before.
    Revealed,
    /// The move rolled dice or changed more than the ground it crossed.
    Consequences,
}

impl NoUndo {
    /// Why, in a few words for the player.
    pub fn reason(self) -> &'static str {
        match self {
            NoUndo::Nothing => "there is no move of yours to take back",
            NoUndo::NotAMove => {
                "only moves can be taken back, not attacks, orders or the end of a turn"
            }
            NoUndo::Contact => "the move ran into an enemy you had not seen",
            NoUndo::Revealed => "the move showed you an enemy you had not seen",
            NoUndo::Consequences => "the move had consequences beyond the ground it crossed",
        }
    }
}

impl Game {
    /// Whether `command`, which turned `before` into this game with `events`, can be taken
    /// back: a move of the side to move that crossed ground, rolled no dice and showed its side
    /// no enemy unit it did not already see.
    pub fn undoable(
        &self,
        before: &Game,
        command: &Command,
        events: &[Event],
    ) -> Result<(), NoUndo> {
        if !matches!(command, Command::Move { .. }) {
            return Err(NoUndo::NotAMove);
        }
        if events.iter().any(|e| matches!(e, Event::Contact { .. })) {
            return Err(NoUndo::Contact);
        }
        if !events
            .iter()
            .all(|e| matches!(e, Event::UnitMoved { .. } | Event::ControlChanged { .. }))
            || !self.same_dice(before)
        {
            return Err(NoUndo::Consequences);
        }
        let me = before.active_faction();
        let seen =
            |g: &Game| -> BTreeSet<UnitId> { g.sight(me).enemies(g).map(|u| u.id).collect() };
        if !seen(self).is_subset(&seen(before)) {
            return Err(NoUndo::Revealed);
        }
        Ok(())
    }
}
