//! Oil money: each faction's treasury, the revenue of the fields it holds, damage to fields
//! from fighting, and repairs.
//!
//! Revenue per turn of an oil field = output (barrels per day) × days per turn × the level's
//! oil price × the holder's market access (the share of the price it actually gets: smugglers
//! pay the Islamic State a steep discount, the SDF sells through middlemen) × the share of the
//! field still working. Gas fields feed power stations and earn nothing in this model. Money is
//! counted in thousands of US dollars.

use serde::{Deserialize, Serialize};

use super::entities::{FactionId, FieldKind};
use super::event::Event;
use super::game::Game;

/// Damage levels a field can take; at the last it produces nothing.
pub const MAX_DAMAGE: u8 = 3;
/// Cost of repairing one level of damage, in thousands of US dollars.
pub const REPAIR_COST: i64 = 2_000;

/// One line of a faction's income statement.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IncomeLine {
    /// The field (index in the scenario's list).
    pub field: u16,
    /// Thousands of US dollars earned this turn.
    pub amount: i64,
}

impl Game {
    /// What a field earns its current holder this turn, in thousands of US dollars.
    pub fn field_revenue(&self, field: usize) -> Option<(FactionId, i64)> {
        let s = self.scenario();
        let f = s.oil_fields.get(field)?;
        let holder = self.control(f.hex)?;
        if f.kind == FieldKind::Gas {
            return Some((holder, 0));
        }
        let access = s.faction(holder).map_or(0, |x| i64::from(x.oil_access));
        let working = i64::from(MAX_DAMAGE - self.field_damage(field).min(MAX_DAMAGE));
        let dollars =
            i64::from(f.output) * i64::from(s.days_per_turn) * i64::from(s.oil_price) * access
                / 100
                * working
                / i64::from(MAX_DAMAGE);
        Some((holder, dollars / 1000))
    }

    /// The income a faction receives at the start of its turn, and repairs it completes.
    pub(super) fn income_events(&self, faction: FactionId) -> Vec<Event> {
        let mut events = Vec::new();
        let mut lines = Vec::new();
        for i in 0..self.scenario().oil_fields.len() {
            if let Some((holder, amount)) = self.field_revenue(i)
                && holder == faction
            {
                if amount > 0 {
                    lines.push(IncomeLine {
                        field: i as u16,
                        amount,
                    });
                }
                if self.field_repairing(i) {
                    events.push(Event::FieldRepaired { field: i as u16 });
                }
            }
        }
        let total = lines.iter().map(|l| l.amount).sum();
        events.insert(
            0,
            Event::Income {
                faction,
                lines,
                total,
            },
        );
        events
    }
}
