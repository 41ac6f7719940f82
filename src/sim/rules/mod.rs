//! Checking commands and turning them into events: movement with zones of control, rivers and
//! deconfliction, combat, and the turn sequence.
//!
//! [`movement`], [`attack`] and [`turn`] hold the rules of each; this file checks a command
//! (the one gate every order passes) and turns it into events.

use crate::sim::command::{Command, RuleError};
use crate::sim::entities::{Unit, UnitId};
use crate::sim::event::Event;
use crate::sim::game::Game;

mod attack;
mod movement;
mod turn;

pub use attack::DUG_IN_PERCENT;
pub use movement::Reach;
pub(crate) use movement::zoc_reaches;

impl Game {
    pub(crate) fn own_unit(&self, id: UnitId) -> Result<&Unit, RuleError> {
        let unit = self.unit(id).ok_or(RuleError::NoSuchUnit(id))?;
        if unit.owner != self.active_faction() {
            return Err(RuleError::NotYourUnit {
                unit: id,
                owner: unit.owner,
            });
        }
        Ok(unit)
    }

    /// Whether a command is legal now, and if not, why.
    pub fn check(&self, command: &Command) -> Result<(), RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        match command {
            Command::Move { unit, path } => self.check_move_seen(*unit, path).map(|_| ()),
            Command::Attack { attackers, target } => {
                self.preview_attack(attackers, *target).map(|_| ())
            }
            Command::Advance { unit } => self.check_advance(*unit).map(|_| ()),
            Command::BuyFuel { points } => self.check_buy_fuel(*points).map(|_| ()),
            Command::Repair { field } => self.check_repair(*field),
            Command::Fortify { place } => self.check_fortify(*place).map(|_| ()),
            Command::RaiseCell { place } => self.check_raise_cell(*place).map(|_| ()),
            Command::Recruit { place, kind } => self.check_recruit(*place, *kind),
            Command::Reinforce { unit } => self.reinforcement(*unit).map(|_| ()),
            Command::RequestAirStrike { patron, target } => self.check_air_strike(*patron, *target),
            Command::RequestAirDrop { patron, unit } => self.check_air_drop(*patron, *unit),
            Command::RequestReinforcements { patron, place } => {
                self.check_request_reinforcements(*patron, *place)
            }
            Command::ProposeCoordination { .. }
            | Command::AnswerProposal { .. }
            | Command::EndCoordination { .. }
            | Command::HandOver { .. }
            | Command::Breach { .. }
            | Command::Agree { .. } => self.check_diplomacy(command),
            Command::EndTurn => Ok(()),
        }
    }

    /// Turns a command into the events it causes, without changing anything.
    pub fn events_for(&self, command: &Command) -> Result<Vec<Event>, RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        // A move and an attack are checked as they are worked out (the path's cost, the
        // odds); every other command is checked first.
        match command {
            Command::Move { unit, path } => return self.execute_move(*unit, path),
            Command::Attack { attackers, target } => {
                return self.execute_attack(attackers, *target);
            }
            _ => self.check(command)?,
        }
        Ok(match command {
            Command::Move { .. } | Command::Attack { .. } => Vec::new(),
            Command::Advance { unit } => self.execute_advance(*unit)?,
            Command::BuyFuel { points } => vec![Event::FuelBought {
                faction: self.active_faction(),
                points: *points,
                cost: self.check_buy_fuel(*points)?,
            }],
            Command::Repair { field } => vec![Event::RepairStarted {
                field: *field,
                cost: crate::sim::economy::REPAIR_COST,
            }],
            Command::Fortify { place } => {
                let (lines, cost) = self.check_fortify(*place)?;
                vec![Event::Fortified {
                    place: *place,
                    faction: self.active_faction(),
                    lines,
                    cost,
                }]
            }
            Command::RaiseCell { place } => self.execute_raise_cell(*place)?,
            Command::Recruit { place, kind } => self.execute_recruit(*place, *kind),
            Command::Reinforce { unit } => {
                let (gain, cost) = self.reinforcement(*unit)?;
                vec![Event::UnitReinforced {
                    unit: *unit,
                    gain,
                    cost,
                }]
            }
            Command::RequestAirStrike { patron, target } => {
                self.execute_air_strike(*patron, *target)
            }
            Command::RequestAirDrop { patron, unit } => {
                let support = self.my_support(*patron)? as u16;
                vec![
                    Event::SupportSpent {
                        support,
                        points: crate::sim::entities::Request::AirDrop.cost(),
                    },
                    Event::AirDrop {
                        support,
                        unit: *unit,
                    },
                ]
            }
            Command::RequestReinforcements { patron, place } => {
                self.execute_reinforcements(*patron, *place)
            }
            Command::ProposeCoordination { .. }
            | Command::AnswerProposal { .. }
            | Command::EndCoordination { .. }
            | Command::HandOver { .. }
            | Command::Breach { .. }
            | Command::Agree { .. } => self.execute_diplomacy(command),
            Command::EndTurn => self.execute_end_turn(),
        })
    }
}
