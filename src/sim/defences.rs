//! Prepared defences: the lines of works (berms, trenches, mined approaches, tunnels) a place
//! can hold. While a line stands, a garrison beaten in the field does not leave: the line
//! breaks instead. Won attacks and some air strikes break lines; a holder with a garrison and
//! money digs them again, once a turn and never under fire.
//!
//! Why: the towns of the Euphrates valley had been prepared for months, and fell after days
//! of fighting, not to one assault — Rawa took Iraqi forces six days (11–17 November 2017),
//! and the Hajin pocket held until December 2018.

use crate::sim::command::RuleError;
use crate::sim::entities::PlaceId;
use crate::sim::game::Game;

/// The most lines of defences a place can hold.
pub const MAX_DEFENCES: u8 = 5;

/// What a new line of defences costs, in thousands of US dollars.
pub const FORTIFY_COST: i64 = 1_500;

/// An air strike on a garrison breaks a line of its defences on this die roll or higher.
pub const STRIKE_BREACH_ROLL: u8 = 5;

/// Percent of its strength each fighting attacker loses at least when it storms prepared
/// defences, whatever the result: the mined approaches and the berms cost blood.
pub const STORMING_LOSS_PERCENT: u32 = 15;

/// Percent of its strength a fighting attacker loses for `outcome`, against a target with
/// `lines` of prepared defences standing.
pub fn attacker_loss_percent(outcome: crate::sim::Outcome, lines: u8) -> u32 {
    let p = outcome.attacker_loss_percent();
    if lines > 0 {
        p.max(STORMING_LOSS_PERCENT)
    } else {
        p
    }
}

/// Turns after a breach during which a place cannot be fortified: the turn of the breach and
/// the next.
pub const UNDER_FIRE_TURNS: u16 = 2;

impl Game {
    /// The lines of defences standing at `hex`, if a place is there.
    pub fn defences_at(&self, hex: hexx::Hex) -> u8 {
        self.scenario()
            .place_at(hex)
            .map_or(0, |(p, _)| self.defences(p))
    }

    /// Checks an order to fortify a place; gives the lines it will have and the cost.
    pub(crate) fn check_fortify(&self, place: PlaceId) -> Result<(u8, i64), RuleError> {
        let me = self.active_faction();
        let p = self
            .scenario()
            .place(place)
            .ok_or(RuleError::NoSuchPlace(place))?;
        if p.defences == 0 {
            return Err(RuleError::NoWorks(place));
        }
        if self.control(p.hex) != Some(me) {
            return Err(RuleError::NotYourPlace(place));
        }
        if self.unit_at(p.hex).is_none_or(|u| u.owner != me) {
            return Err(RuleError::NoGarrison(place));
        }
        let lines = self.defences(place);
        if lines >= p.defences {
            return Err(RuleError::DefencesFull {
                place,
                lines: p.defences,
            });
        }
        if self.last_fortified(place) == Some(self.turn()) {
            return Err(RuleError::FortifiedThisTurn(place));
        }
        if let Some(turn) = self.last_breach(place)
            && self.turn() < turn + UNDER_FIRE_TURNS
        {
            return Err(RuleError::UnderFire { place, turn });
        }
        self.can_pay(FORTIFY_COST)?;
        Ok((lines + 1, FORTIFY_COST))
    }
}
