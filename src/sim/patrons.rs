//! Patrons: the support each gives its clients (air strikes, air drops, reinforcements and
//! money, as pools refilled each turn), what a request costs and when it is refused, and how
//! support falls with tension: to half at [`HALF_SUPPORT_TENSION`], to nothing at
//! [`NO_SUPPORT_TENSION`].

use hexx::Hex;

use super::command::RuleError;
use super::diplomacy::{ATTACK_TENSION, Reason};
use super::entities::{
    Agreement, AgreementKind, Experience, FactionId, Party, PatronId, PlaceId, PlaceKind, Request,
    Unit, UnitKind,
};
use super::event::Event;
use super::game::Game;
use super::supply::SupplyState;

/// Tension with a client at which a patron halves its support.
pub const HALF_SUPPORT_TENSION: u8 = 30;

/// Tension with a client at which a patron stops its support.
pub const NO_SUPPORT_TENSION: u8 = 60;

/// A support pool holds at most this many turns' worth of points.
pub const POOL_TURNS: u16 = 3;

/// Strength of a unit a patron sends.
pub const REINFORCEMENT_STRENGTH: u16 = 5;

/// Percent of its strength a unit loses to an air strike with a die roll of `roll` (1..=6).
pub fn strike_loss_percent(roll: u8) -> u32 {
    5 + 3 * u32::from(roll)
}

/// Percent of the usual air-strike loss that a unit dug in inside a town or a city suffers:
/// cellars, tunnels and people around it give it cover from the air (the coalition bombed
/// Hajin for a year before the SDF took it).
pub const STRIKE_COVER_PERCENT: u32 = 50;

/// Percent of its strength a unit loses to an air strike with a die roll of `roll`, with or
/// without cover from the air (see [`Game::under_cover`]).
pub fn strike_loss_percent_under(roll: u8, covered: bool) -> u32 {
    let p = strike_loss_percent(roll);
    if covered {
        p * STRIKE_COVER_PERCENT / 100
    } else {
        p
    }
}

impl Game {
    /// A no-strike zone in force that covers `hex` for `faction`, if any.
    pub fn no_strike_zone(&self, faction: FactionId, hex: Hex) -> Option<&Agreement> {
        self.scenario()
            .agreements
            .iter()
            .enumerate()
            .find(|(i, a)| {
                a.binds(faction)
                    && self.agreement_active(*i)
                    && matches!(&a.kind, AgreementKind::NoStrike { hexes }
                        if hexes.binary_search_by_key(&(hex.x, hex.y), |h| (h.x, h.y)).is_ok())
            })
            .map(|(_, a)| a)
    }

    /// Share of a support entry's full support the patron gives now, in percent.
    pub fn support_percent(&self, support: usize) -> u8 {
        let Some(s) = self.scenario().support.get(support) else {
            return 0;
        };
        let r = self.relation(Party::Patron(s.patron), Party::Faction(s.faction));
        if !r.stance.friendly() || r.tension >= NO_SUPPORT_TENSION {
            0
        } else if r.tension >= HALF_SUPPORT_TENSION {
            50
        } else {
            100
        }
    }

    /// The support entry through which `patron` backs the faction whose turn it is.
    pub(super) fn my_support(&self, patron: PatronId) -> Result<usize, RuleError> {
        let me = self.active_faction();
        self.scenario()
            .support
            .iter()
            .position(|s| s.patron == patron && s.faction == me)
            .ok_or(RuleError::NoSupport(patron))
    }

    /// Checks that a patron offers a request and the pool can pay for it.
    pub(super) fn check_request(
        &self,
        patron: PatronId,
        want: Request,
    ) -> Result<usize, RuleError> {
        let i = self.my_support(patron)?;
        let s = &self.scenario().support[i];
        let offered = s
            .offers
            .iter()
            .find(|o| std::mem::discriminant(*o) == std::mem::discriminant(&want))
            .copied()
            .ok_or(RuleError::NotOffered {
                patron,
                request: want.name(),
            })?;
        if self.pool(i) < offered.cost() {
            return Err(RuleError::NotEnoughSupport {
                request: want.name(),
                needed: offered.cost(),
                have: self.pool(i),
            });
        }
        Ok(i)
    }

    /// The faction that holds an oil field at `hex` and the field, if there is one.
    fn field_at(&self, hex: Hex) -> Option<u16> {
        self.scenario().field_at(hex).map(|i| i as u16)
    }

    pub(super) fn check_air_strike(&self, patron: PatronId, target: Hex) -> Result<(), RuleError> {
        self.check_request(patron, Request::AirStrike)?;
        let me = self.active_faction();
        if !self.scenario().map.contains(target) {
            return Err(RuleError::OffMap { hex: target });
        }
        if let Some(z) = self.no_strike_zone(me, target) {
            return Err(RuleError::NoStrikeZone {
                hex: target,
                name: z.name.clone(),
            });
        }
        let enemy = self
            .unit_at(target)
            .filter(|u| self.stance(u.owner, me).fights() && (!self.fog() || self.sees(me, u)));
        let enemy_unit = enemy.is_some();
        if enemy.is_some_and(|u| !self.exposed(u)) {
            return Err(RuleError::Unspotted(target));
        }
        let enemy_field = self.field_at(target).is_some()
            && self
                .control(target)
                .is_some_and(|c| self.stance(c, me).fights());
        if !enemy_unit && !enemy_field {
            return Err(RuleError::NoTarget(target));
        }
        Ok(())
    }

    /// Whether a unit has cover from the air: dug in inside a town or a city.
    pub fn under_cover(&self, u: &Unit) -> bool {
        use super::entities::PlaceKind;
        u.dug_in
            && self
                .scenario()
                .place_at(u.hex)
                .is_some_and(|(_, p)| matches!(p.kind, PlaceKind::City | PlaceKind::Town))
    }

    pub(super) fn execute_air_strike(&self, patron: PatronId, target: Hex) -> Vec<Event> {
        let me = self.active_faction();
        let Ok(support) = self.check_request(patron, Request::AirStrike) else {
            return Vec::new();
        };
        let roll = self.rng_copy().d6();
        let unit = self
            .unit_at(target)
            .filter(|u| self.stance(u.owner, me).fights());
        let mut events = vec![
            Event::SupportSpent {
                support: support as u16,
                points: Request::AirStrike.cost(),
            },
            Event::AirStrike {
                support: support as u16,
                target,
                roll,
                unit: unit.map(|u| u.id),
            },
        ];
        events.extend(self.displacement(me, target, super::civilians::Cause::AirStrike));
        if let Some(u) = unit {
            // 8 % of its strength on a 1, up to 23 % on a 6; half as much under cover.
            let percent = strike_loss_percent_under(roll, self.under_cover(u));
            let loss = super::combat::loss(u.strength, percent);
            events.push(Event::UnitDamaged {
                unit: u.id,
                loss,
                morale_change: -10,
            });
            if loss >= u.strength {
                events.push(Event::UnitDestroyed {
                    unit: u.id,
                    hex: u.hex,
                });
            }
            events.extend(self.harm_events(me, u.owner, ATTACK_TENSION, Reason::AirStrike));
            // Precision strikes on positions open a breach for the troops on the ground.
            let lines = self.defences_at(target);
            if lines > 0
                && roll >= super::defences::STRIKE_BREACH_ROLL
                && loss < u.strength
                && let Some((place, _)) = self.scenario().place_at(target)
            {
                events.push(Event::DefencesBreached {
                    place,
                    by: me,
                    left: lines - 1,
                });
            }
        }
        if let Some(f) = self.field_at(target)
            && let Some(holder) = self.control(target)
            && self.stance(holder, me).fights()
            && roll >= 3
            && self.field_damage(usize::from(f)) < super::economy::MAX_DAMAGE
        {
            events.push(Event::FieldDamaged { field: f });
            if unit.is_none() {
                events.extend(self.harm_events(me, holder, ATTACK_TENSION, Reason::AirStrike));
            }
        }
        events
    }

    pub(super) fn check_air_drop(
        &self,
        patron: PatronId,
        unit: super::entities::UnitId,
    ) -> Result<(), RuleError> {
        self.check_request(patron, Request::AirDrop)?;
        let u = self.unit(unit).ok_or(RuleError::NoSuchUnit(unit))?;
        if u.owner != self.active_faction() {
            return Err(RuleError::NotYourUnit {
                unit,
                owner: u.owner,
            });
        }
        if u.supply == SupplyState::Supplied {
            return Err(RuleError::NotCutOff(unit));
        }
        Ok(())
    }

    /// A place where the faction whose turn it is may raise a unit: held by it, a town or
    /// city (or an airbase or crossing for patrons' units), free, and reached by supply.
    pub(super) fn check_raise_at(
        &self,
        place: PlaceId,
        towns_only: bool,
    ) -> Result<Hex, RuleError> {
        let hex = self.check_raise_site(place, towns_only)?;
        self.check_raise_supplied(hex)?;
        Ok(hex)
    }

    /// [`Game::check_raise_at`] without the supply trace, the costly part: callers with
    /// quick checks of their own make them in between.
    pub(super) fn check_raise_site(
        &self,
        place: PlaceId,
        towns_only: bool,
    ) -> Result<Hex, RuleError> {
        let p = self
            .scenario()
            .place(place)
            .ok_or(RuleError::NoSuchPlace(place))?;
        let me = self.active_faction();
        if self.control(p.hex) != Some(me) {
            return Err(RuleError::NotYourPlace(place));
        }
        let town = matches!(p.kind, PlaceKind::City | PlaceKind::Town);
        if towns_only && !town || !towns_only && p.kind == PlaceKind::PumpingStation {
            return Err(RuleError::NotATown(p.kind.name()));
        }
        if let Some(u) = self.unit_at(p.hex) {
            return Err(RuleError::PlaceOccupied { place, by: u.id });
        }
        Ok(p.hex)
    }

    /// Whether the supply of the faction whose turn it is reaches a place where it would
    /// raise a unit (always, when the level does not model its supply).
    pub(super) fn check_raise_supplied(&self, hex: Hex) -> Result<(), RuleError> {
        let me = self.active_faction();
        let modelled = self
            .scenario()
            .supply_sources
            .iter()
            .any(|s| s.faction == me);
        if modelled && !self.supplied_at(&self.trace_supply(me), hex) {
            return Err(RuleError::NotSupplied(hex));
        }
        Ok(())
    }

    /// A new unit as it arrives: it cannot move or fight until the owner's next turn.
    pub(super) fn new_unit(
        &self,
        kind: UnitKind,
        hex: Hex,
        strength: u16,
        experience: Experience,
        name: String,
    ) -> Unit {
        let id = self.next_unit_id();
        Unit {
            id,
            key: format!("raised_{}", id.0),
            name,
            kind,
            owner: self.active_faction(),
            hex,
            strength,
            morale: 70,
            experience,
            movement_left: 0,
            has_attacked: true,
            supply: SupplyState::Supplied,
            full_strength: strength * 2,
            no_fuel: false,
            dug_in: false,
            moved: true,
        }
    }

    pub(super) fn execute_reinforcements(&self, patron: PatronId, place: PlaceId) -> Vec<Event> {
        let (Ok(i), Ok(hex)) = (
            self.check_request(patron, Request::Reinforcements(UnitKind::Militia)),
            self.check_raise_at(place, false),
        ) else {
            return Vec::new();
        };
        let s = &self.scenario().support[i];
        let Some(Request::Reinforcements(kind)) = s
            .offers
            .iter()
            .find(|o| matches!(o, Request::Reinforcements(_)))
            .copied()
        else {
            return Vec::new();
        };
        let patron_name = self
            .scenario()
            .patron(patron)
            .map_or("", |p| p.name.as_str());
        let unit = self.new_unit(
            kind,
            hex,
            REINFORCEMENT_STRENGTH,
            Experience::Regular,
            format!(
                "{} {} ({})",
                patron_name,
                kind.name(),
                self.next_unit_id().0
            ),
        );
        let mut events = vec![
            Event::SupportSpent {
                support: i as u16,
                points: Request::Reinforcements(kind).cost(),
            },
            Event::UnitRaised { unit, cost: 0 },
        ];
        self.capture_events(self.active_faction(), hex, &mut events);
        events
    }

    /// What patrons give a faction at the start of its turn (points into the pools; money
    /// and fuel are counted on the income statement and the fuel issue).
    pub(super) fn support_events(&self, faction: FactionId) -> Vec<Event> {
        self.scenario()
            .support
            .iter()
            .enumerate()
            .filter(|(_, s)| s.faction == faction)
            .map(|(i, s)| {
                let percent = self.support_percent(i);
                Event::SupportGranted {
                    support: i as u16,
                    points: s.points * u16::from(percent) / 100,
                    percent,
                }
            })
            .collect()
    }

    pub(super) fn check_request_reinforcements(
        &self,
        patron: crate::sim::PatronId,
        place: crate::sim::PlaceId,
    ) -> Result<(), RuleError> {
        // Which kind the patron sends does not matter for the check.
        self.check_request(
            patron,
            crate::sim::entities::Request::Reinforcements(UnitKind::Militia),
        )?;
        self.check_raise_at(place, false).map(|_| ())
    }
}
