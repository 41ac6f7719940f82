//! Money and fuel: each faction's treasury and its income statement, the revenue of the fields
//! it holds, taxes, funding from its rear and its patrons, the upkeep of its units, damage to
//! fields and their repair, recruiting and replacements, and fuel for motorised units.
//!
//! Revenue per turn of an oil field = output (barrels per day) × days per turn × the level's
//! oil price × the holder's market access (the share of the price it actually gets: smugglers
//! pay the Islamic State a steep discount, the SDF sells through middlemen) × the share of the
//! field still working. Gas fields feed power stations and earn nothing in this model. Money is
//! counted in thousands of US dollars.
//!
//! Upkeep per turn = the strength of every unit × its kind's cost per strength point × days per
//! turn / [`UPKEEP_DAYS`]. A faction whose treasury is empty after the statement cannot pay its
//! troops, and their morale falls.
//!
//! Every motorised unit burns one fuel point a turn. Fuel comes from the faction's rear, from
//! its working oil fields (one point a turn per [`BARRELS_PER_FUEL`] barrels a day) and from
//! patrons; a unit that gets none moves at half speed.

pub use super::event::{IncomeLine, IncomeSource};

use super::command::RuleError;
use super::diplomacy::{OIL_TENSION, Reason};
use super::entities::{Experience, FactionId, FieldKind, Party, PatronId, PlaceId, Stance, UnitId};
use super::event::Event;
use super::game::Game;
use super::map::MoveClass;

/// Damage levels a field can take; at the last it produces nothing.
pub const MAX_DAMAGE: u8 = 3;
/// Cost of repairing one level of damage, in thousands of US dollars.
pub const REPAIR_COST: i64 = 2_000;
/// Upkeep of a strength point for this many days costs its kind's point cost.
pub const UPKEEP_DAYS: i64 = 100;
/// Strength of a newly recruited unit.
pub const RECRUIT_STRENGTH: u16 = 5;
/// A new unit costs this many times its strength's point cost: training and equipment.
pub const RECRUIT_COST_FACTOR: i64 = 2;
/// Strength replacements bring in one turn (at most up to full strength).
pub const REINFORCE_STEP: u16 = 3;
/// Fuel in store at the start.
pub const FUEL_START: u16 = 10;
/// Most fuel a faction can store.
pub const FUEL_CAP: u16 = 40;
/// Barrels a day of working output that make one fuel point a turn.
pub const BARRELS_PER_FUEL: u32 = 5_000;
/// Bought fuel costs this many times the crude it stands for (refining, transport and the
/// traders' cut; a game estimate).
pub const FUEL_PRICE_FACTOR: i64 = 2;
/// Change of morale of every unit when the troops cannot be paid.
pub const UNPAID_MORALE: i16 = -5;

/// What a unit kind costs per strength point to raise or replace, in thousands of US dollars.
pub fn point_cost(kind: super::entities::UnitKind) -> i64 {
    use super::entities::UnitKind as K;
    match kind {
        K::Militia | K::Cell => 100,
        K::Infantry => 200,
        K::SpecialForces | K::Artillery => 300,
        K::Mechanised => 400,
    }
}

/// What recruiting a unit of a kind costs, in thousands of US dollars.
pub fn recruit_cost(kind: super::entities::UnitKind) -> i64 {
    point_cost(kind) * i64::from(RECRUIT_STRENGTH) * RECRUIT_COST_FACTOR
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
        let dollars =
            i64::from(f.output) * i64::from(s.days_per_turn) * i64::from(self.oil_price()) * access
                / 100
                * i64::from(self.working_thirds(field))
                / i64::from(MAX_DAMAGE);
        Some((holder, dollars / 1000))
    }

    fn working_thirds(&self, field: usize) -> u8 {
        MAX_DAMAGE - self.field_damage(field).min(MAX_DAMAGE)
    }

    /// A faction's income statement for its coming turn, as it stands now.
    pub fn income_statement(&self, faction: FactionId) -> Vec<IncomeLine> {
        let s = self.scenario();
        let days = i64::from(s.days_per_turn);
        let mut lines = Vec::new();
        for i in 0..s.oil_fields.len() {
            if let Some((holder, amount)) = self.field_revenue(i)
                && holder == faction
                && amount > 0
            {
                lines.push(IncomeLine {
                    source: IncomeSource::Field(i as u16),
                    amount,
                });
            }
        }
        let Some(f) = s.faction(faction) else {
            return lines;
        };
        let people: i64 = s
            .places
            .iter()
            .filter(|p| self.control(p.hex) == Some(faction))
            .map(|p| i64::from(p.population))
            .sum();
        let taxes = people * i64::from(f.tax) * days / 30 / 1000;
        if taxes > 0 {
            lines.push(IncomeLine {
                source: IncomeSource::Taxes,
                amount: taxes,
            });
        }
        if f.funding > 0 {
            lines.push(IncomeLine {
                source: IncomeSource::Funding,
                amount: i64::from(f.funding) * days,
            });
        }
        for (i, sup) in s.support.iter().enumerate() {
            let money = i64::from(sup.money) * i64::from(self.support_percent(i)) / 100;
            if sup.faction == faction && money > 0 {
                lines.push(IncomeLine {
                    source: IncomeSource::Subsidy(sup.patron),
                    amount: money,
                });
            }
        }
        let extortion = self.extortion(faction);
        if extortion > 0 {
            lines.push(IncomeLine {
                source: IncomeSource::Extortion,
                amount: extortion,
            });
        }
        let upkeep: i64 = self
            .units()
            .filter(|u| u.owner == faction)
            .map(|u| i64::from(u.strength) * point_cost(u.kind) * days)
            .sum::<i64>()
            * i64::from(s.upkeep_percent)
            / 100
            / UPKEEP_DAYS;
        if upkeep > 0 {
            lines.push(IncomeLine {
                source: IncomeSource::Upkeep,
                amount: -upkeep,
            });
        }
        lines
    }

    /// The income statement paid at the start of a faction's turn, repairs it completes, and
    /// the troops' anger when it cannot pay them.
    pub(super) fn income_events(&self, faction: FactionId) -> Vec<Event> {
        let lines = self.income_statement(faction);
        let total: i64 = lines.iter().map(|l| l.amount).sum();
        let mut events = vec![Event::Income {
            faction,
            lines,
            total,
        }];
        if self.treasury(faction) + total < 0 {
            events.push(Event::Unpaid {
                faction,
                morale_change: UNPAID_MORALE,
            });
        }
        for (i, f) in self.scenario().oil_fields.iter().enumerate() {
            if self.field_repairing(i) && self.control(f.hex) == Some(faction) {
                events.push(Event::FieldRepaired { field: i as u16 });
            }
        }
        events
    }

    /// Fuel coming in for a faction this turn: from its rear, its working oil fields and its
    /// patrons.
    pub fn fuel_income(&self, faction: FactionId) -> u16 {
        let s = self.scenario();
        let rear = s.faction(faction).map_or(0, |f| u32::from(f.fuel));
        let fields: u32 = s
            .oil_fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FieldKind::Oil && self.control(f.hex) == Some(faction))
            .map(|(i, f)| f.output * u32::from(self.working_thirds(i)) / 3 / BARRELS_PER_FUEL)
            .sum();
        let patrons: u32 = s
            .support
            .iter()
            .enumerate()
            .filter(|(_, x)| x.faction == faction)
            .map(|(i, x)| u32::from(x.fuel) * u32::from(self.support_percent(i)) / 100)
            .sum();
        (rear + fields + patrons).min(u32::from(u16::MAX)) as u16
    }

    /// Fuel issued at the start of a faction's turn: motorised units in id order take one
    /// point each while the store lasts.
    pub(super) fn fuel_events(&self, faction: FactionId) -> Vec<Event> {
        let produced = self.fuel_income(faction);
        let mut store = (self.fuel(faction).saturating_add(produced)).min(FUEL_CAP);
        let mut used = 0;
        let mut short = Vec::new();
        for u in self.units().filter(|u| u.owner == faction) {
            if u.kind.move_class() != MoveClass::Motor {
                continue;
            }
            if store > 0 {
                store -= 1;
                used += 1;
            } else {
                short.push(u.id);
            }
        }
        vec![Event::FuelIssued {
            faction,
            produced,
            used,
            short,
        }]
    }

    /// How many motorised units a faction has: each burns a fuel point a turn.
    pub fn motorised_units(&self, faction: FactionId) -> u16 {
        self.units()
            .filter(|u| u.owner == faction && u.kind.move_class() == MoveClass::Motor)
            .count() as u16
    }

    /// What a fuel point costs from traders now, thousands of US dollars: the crude it
    /// stands for at the day's price, twice over for refining and the middlemen (a game
    /// estimate).
    pub fn fuel_price(&self) -> i64 {
        i64::from(BARRELS_PER_FUEL) * i64::from(self.oil_price()) * FUEL_PRICE_FACTOR / 1000
    }

    /// Checks a fuel purchase and gives its cost.
    pub(super) fn check_buy_fuel(&self, points: u16) -> Result<i64, RuleError> {
        let store = self.fuel(self.active_faction());
        if points == 0 || store.saturating_add(points) > FUEL_CAP {
            return Err(RuleError::FuelStoreFull {
                points,
                store,
                cap: FUEL_CAP,
            });
        }
        let cost = self.fuel_price() * i64::from(points);
        self.can_pay(cost)?;
        Ok(cost)
    }

    pub(super) fn check_recruit(
        &self,
        place: PlaceId,
        kind: super::entities::UnitKind,
    ) -> Result<(), RuleError> {
        if kind == super::entities::UnitKind::Cell {
            return Err(RuleError::CellsRiseUnderground);
        }
        let hex = self.check_raise_site(place, true)?;
        if self.recruited_this_turn(self.active_faction()) {
            return Err(RuleError::RecruitedThisTurn);
        }
        self.can_pay(recruit_cost(kind))?;
        // Last, as it traces supply: the quick refusals cost nothing.
        self.check_raise_supplied(hex)
    }

    /// Refuses a cost the active faction's treasury cannot pay.
    pub(crate) fn can_pay(&self, cost: i64) -> Result<(), RuleError> {
        let have = self.treasury(self.active_faction());
        if have < cost {
            return Err(RuleError::NotEnoughMoney { needed: cost, have });
        }
        Ok(())
    }

    pub(super) fn execute_recruit(
        &self,
        place: PlaceId,
        kind: super::entities::UnitKind,
    ) -> Vec<Event> {
        let Ok(hex) = self.check_raise_at(place, true) else {
            return Vec::new();
        };
        let name = self
            .scenario()
            .place(place)
            .map_or_else(String::new, |p| p.name.clone());
        let unit = self.new_unit(
            kind,
            hex,
            RECRUIT_STRENGTH,
            Experience::Green,
            format!("{name} {} ({})", kind.name(), self.next_unit_id().0),
        );
        let mut events = vec![Event::UnitRaised {
            unit,
            cost: recruit_cost(kind),
        }];
        self.capture_events(self.active_faction(), hex, &mut events);
        events
    }

    /// Strength replacements would bring a unit now, and their cost.
    pub fn reinforcement(&self, id: UnitId) -> Result<(u16, i64), RuleError> {
        let u = self.unit(id).ok_or(RuleError::NoSuchUnit(id))?;
        if u.owner != self.active_faction() {
            return Err(RuleError::NotYourUnit {
                unit: id,
                owner: u.owner,
            });
        }
        if u.supply != super::supply::SupplyState::Supplied {
            return Err(RuleError::NotSupplied(u.hex));
        }
        let full_move = if u.no_fuel {
            u.kind.movement() / 2
        } else {
            u.kind.movement()
        };
        if u.has_attacked || u.movement_left < full_move {
            return Err(RuleError::AlreadyActed(id));
        }
        let gain = REINFORCE_STEP.min(u.full_strength.saturating_sub(u.strength));
        if gain == 0 {
            return Err(RuleError::FullStrength(id));
        }
        let cost = point_cost(u.kind) * i64::from(gain);
        self.can_pay(cost)?;
        Ok((gain, cost))
    }
}

impl Game {
    /// What seizing a field does to patrons that want it: pleased when their client takes it,
    /// displeased when anyone else does.
    pub(super) fn oil_seized_events(&self, taker: FactionId, field: u16) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, p) in self.scenario().patrons.iter().enumerate() {
            if !p.wants.contains(&field) {
                continue;
            }
            let patron = Party::Patron(PatronId(i as u8));
            let r = self.relation(patron, Party::Faction(taker));
            if r.stance == Stance::Hostile {
                continue;
            }
            let change = if r.stance.friendly() {
                -OIL_TENSION
            } else {
                OIL_TENSION
            };
            events.push(self.tension_event(
                patron,
                Party::Faction(taker),
                change,
                Reason::OilSeized(field),
            ));
        }
        events
    }

    pub(super) fn check_repair(&self, field: u16) -> Result<(), RuleError> {
        let i = usize::from(field);
        let f = self
            .scenario()
            .oil_fields
            .get(i)
            .ok_or(RuleError::NoSuchField(field))?;
        let me = self.active_faction();
        if self.control(f.hex) != Some(me) {
            return Err(RuleError::NotYourField(field));
        }
        if self.field_damage(i) == 0 {
            return Err(RuleError::Undamaged(field));
        }
        if self.field_repairing(i) {
            return Err(RuleError::AlreadyRepairing(field));
        }
        let cost = crate::sim::economy::REPAIR_COST;
        if self.treasury(me) < cost {
            return Err(RuleError::NotEnoughMoney {
                needed: cost,
                have: self.treasury(me),
            });
        }
        Ok(())
    }
}
