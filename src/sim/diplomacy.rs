//! Alliances: relations between factions and patrons, agreements, patron support and the
//! requests paid from it, and the diplomacy commands.
//!
//! Every relation has a stance (hostile, rival, neutral, cooperating, allied) and a tension
//! score from 0 to 100. Actions move tension: attacking or bombing a rival, crossing into
//! ground it held, seizing oil a patron wants someone else to hold, breaching an agreement.
//! Tension eases by [`TENSION_EASING`] each turn. At [`BREAKDOWN_TENSION`] a relation breaks
//! down one stance at the start of the next turn: this is how clashes between rival camps
//! begin. A patron's support to a client falls to half at [`HALF_SUPPORT_TENSION`] and stops at
//! [`NO_SUPPORT_TENSION`].

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::command::RuleError;
use super::entities::{
    Agreement, AgreementKind, Experience, FactionId, Party, PatronId, PlaceId, PlaceKind, Request,
    Stance, Unit, UnitKind,
};
use super::event::Event;
use super::game::Game;
use super::map::EdgeKey;
use super::supply::SupplyState;

/// Tension lost by every relation at the start of each turn.
pub const TENSION_EASING: u8 = 5;
/// Tension at which a relation breaks down one stance at the start of the next turn.
pub const BREAKDOWN_TENSION: u8 = 80;
/// Where tension stands after a breakdown.
pub const AFTER_BREAKDOWN: u8 = 50;
/// Tension with a client at which a patron halves its support.
pub const HALF_SUPPORT_TENSION: u8 = 30;
/// Tension with a client at which a patron stops its support.
pub const NO_SUPPORT_TENSION: u8 = 60;
/// A support pool holds at most this many turns' worth of points.
pub const POOL_TURNS: u16 = 3;
/// Tension below which a neutral faction accepts coordination.
pub const COORDINATION_LIMIT: u8 = 40;
/// Tension below which a party accepts an agreement again.
pub const AGREEMENT_LIMIT: u8 = 30;
/// Tension an attack or air strike on a rival adds.
pub const ATTACK_TENSION: i16 = 10;
/// Tension taking a place from a rival adds.
pub const CAPTURE_TENSION: i16 = 10;
/// Tension breaching an agreement adds with the other party.
pub const BREACH_TENSION: i16 = 40;
/// Tension breaching an agreement adds with every patron of either party.
pub const BREACH_PATRON_TENSION: i16 = 35;
/// Tension seizing a field a patron wants for someone else adds with that patron.
pub const OIL_TENSION: i16 = 15;
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

/// Why a relation changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// An attack on the other side's units.
    Attack,
    /// An air strike on the other side's units or oil.
    AirStrike,
    /// Ground or a place taken from the other side.
    Capture,
    /// An oil field the patron wants was seized (by its client: tension falls; by anyone
    /// else: it rises).
    OilSeized(u16),
    /// An agreement (index) was breached.
    Breach(u16),
    /// An agreement (index) was agreed again.
    Agreed(u16),
    /// Coordination of operations began.
    Coordination,
    /// Coordination ended.
    EndCoordination,
    /// Ground was handed over.
    HandOver,
    /// A joint attack on a common enemy.
    JointOperation,
    /// Tension reached the breaking point: relations fell one stance.
    Breakdown,
    /// A historical event of the level.
    History,
}

impl Reason {
    /// A short human phrase.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Attack => "attack",
            Reason::AirStrike => "air strike",
            Reason::Capture => "ground taken",
            Reason::OilSeized(_) => "oil field seized",
            Reason::Breach(_) => "agreement breached",
            Reason::Agreed(_) => "agreement made",
            Reason::Coordination => "coordination agreed",
            Reason::EndCoordination => "coordination ended",
            Reason::HandOver => "ground handed over",
            Reason::JointOperation => "joint operation",
            Reason::Breakdown => "relations broke down",
            Reason::History => "events",
        }
    }
}

impl Game {
    /// The patrons that back a faction: cooperating with it or allied.
    pub fn backers(&self, f: FactionId) -> Vec<PatronId> {
        (0..self.scenario().patrons.len())
            .map(|i| PatronId(i as u8))
            .filter(|&p| {
                self.relation(Party::Patron(p), Party::Faction(f))
                    .stance
                    .friendly()
            })
            .collect()
    }

    /// An event moving the tension between two parties, keeping the stance.
    pub fn tension_event(&self, a: Party, b: Party, change: i16, reason: Reason) -> Event {
        Event::RelationChanged {
            a,
            b,
            stance: self.relation(a, b).stance,
            tension_change: change,
            reason,
        }
    }

    /// What `actor` doing harm to `target` does to relations: tension with the target when
    /// they are rivals (between hostile sides there is nothing left to lose), and half as much
    /// with every patron backing the target — even one that backs the actor too, for a patron
    /// dislikes its clients fighting each other.
    pub(super) fn harm_events(
        &self,
        actor: FactionId,
        target: FactionId,
        change: i16,
        reason: Reason,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        if actor == target || self.stance(actor, target) != Stance::Rival {
            return events;
        }
        events.push(self.tension_event(
            Party::Faction(actor),
            Party::Faction(target),
            change,
            reason,
        ));
        for p in self.backers(target) {
            events.push(self.tension_event(
                Party::Patron(p),
                Party::Faction(actor),
                change / 2,
                reason,
            ));
        }
        events
    }

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

    /// Whether a step from `from` to `to` by a unit of `faction` crosses an agreed
    /// deconfliction line into ground its side does not hold; the agreement if so.
    pub fn line_crossed(&self, faction: FactionId, from: Hex, to: Hex) -> Option<&Agreement> {
        let holder_ok = self
            .control(to)
            .is_some_and(|c| self.stance(c, faction) == Stance::Allied);
        if holder_ok {
            return None;
        }
        let key = EdgeKey::new(from, to);
        self.scenario()
            .agreements
            .iter()
            .enumerate()
            .find(|(i, a)| {
                a.binds(faction)
                    && self.agreement_active(*i)
                    && matches!(&a.kind, AgreementKind::Deconfliction { edges }
                        if edges.binary_search(&key).is_ok())
            })
            .map(|(_, a)| a)
    }

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
        self.scenario()
            .oil_fields
            .iter()
            .position(|f| f.hex == hex)
            .map(|i| i as u16)
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
        let enemy_unit = self
            .unit_at(target)
            .is_some_and(|u| self.stance(u.owner, me).fights());
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
        events.extend(self.displacement(me, target, super::civilians::STRIKE_DISPLACES_PERCENT));
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

    fn other_faction(&self, with: FactionId) -> Result<(), RuleError> {
        let me = self.active_faction();
        let theirs = self
            .scenario()
            .faction(with)
            .ok_or(RuleError::NoSuchFaction(with))?;
        let mine_negotiates = self.scenario().faction(me).is_some_and(|f| f.negotiates);
        if with == me || !theirs.negotiates {
            return Err(RuleError::NoDiplomacy(with));
        }
        if !mine_negotiates {
            return Err(RuleError::NoDiplomacy(me));
        }
        Ok(())
    }

    /// Checks a diplomacy command.
    pub(super) fn check_diplomacy(&self, command: &super::Command) -> Result<(), RuleError> {
        use super::Command as C;
        let me = self.active_faction();
        match command {
            C::ProposeCoordination { with } => {
                self.other_faction(*with)?;
                let r = self.relation(Party::Faction(me), Party::Faction(*with));
                if r.stance != Stance::Neutral {
                    return Err(RuleError::WrongStance {
                        needed: "neutral",
                        is: r.stance,
                    });
                }
                if r.tension >= COORDINATION_LIMIT {
                    return Err(RuleError::TooTense {
                        with: *with,
                        tension: r.tension,
                        limit: COORDINATION_LIMIT,
                    });
                }
                Ok(())
            }
            C::EndCoordination { with } => {
                self.other_faction(*with)?;
                let s = self.stance(me, *with);
                if s != Stance::Cooperating {
                    return Err(RuleError::WrongStance {
                        needed: "cooperating",
                        is: s,
                    });
                }
                Ok(())
            }
            C::HandOver { hex, to } => {
                self.other_faction(*to)?;
                let s = self.stance(me, *to);
                if s.fights() {
                    return Err(RuleError::WrongStance {
                        needed: "neutral or better",
                        is: s,
                    });
                }
                if self.control(*hex) != Some(me)
                    || self.unit_at(*hex).is_some_and(|u| u.owner == me)
                {
                    return Err(RuleError::CannotHandOver(*hex));
                }
                Ok(())
            }
            C::Breach { agreement } => {
                self.own_agreement(*agreement)?;
                if !self.agreement_active(usize::from(*agreement)) {
                    return Err(RuleError::AgreementState(*agreement, "breached"));
                }
                Ok(())
            }
            C::Agree { agreement } => {
                let a = self.own_agreement(*agreement)?;
                if self.agreement_active(usize::from(*agreement)) {
                    return Err(RuleError::AgreementState(*agreement, "in force"));
                }
                let partner = a.partner(me).unwrap_or(me);
                self.other_faction(partner)?;
                let r = self.relation(Party::Faction(me), Party::Faction(partner));
                if r.stance == Stance::Hostile {
                    return Err(RuleError::WrongStance {
                        needed: "rival or better",
                        is: r.stance,
                    });
                }
                if r.tension >= AGREEMENT_LIMIT {
                    return Err(RuleError::TooTense {
                        with: partner,
                        tension: r.tension,
                        limit: AGREEMENT_LIMIT,
                    });
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn own_agreement(&self, i: u16) -> Result<&Agreement, RuleError> {
        let a = self
            .scenario()
            .agreements
            .get(usize::from(i))
            .ok_or(RuleError::NoSuchAgreement(i))?;
        if !a.binds(self.active_faction()) {
            return Err(RuleError::NotParty(i));
        }
        Ok(a)
    }

    /// The events of a checked diplomacy command.
    pub(super) fn execute_diplomacy(&self, command: &super::Command) -> Vec<Event> {
        use super::Command as C;
        let me = self.active_faction();
        let pair = |with: FactionId| (Party::Faction(me), Party::Faction(with));
        match command {
            C::ProposeCoordination { with } => {
                let (a, b) = pair(*with);
                vec![Event::RelationChanged {
                    a,
                    b,
                    stance: Stance::Cooperating,
                    tension_change: -10,
                    reason: Reason::Coordination,
                }]
            }
            C::EndCoordination { with } => {
                let (a, b) = pair(*with);
                vec![Event::RelationChanged {
                    a,
                    b,
                    stance: Stance::Neutral,
                    tension_change: 10,
                    reason: Reason::EndCoordination,
                }]
            }
            C::HandOver { hex, to } => {
                let (a, b) = pair(*to);
                let place = self.scenario().place_at(*hex).is_some();
                vec![
                    Event::ControlChanged {
                        hex: *hex,
                        from: Some(me),
                        to: *to,
                    },
                    self.tension_event(a, b, if place { -15 } else { -5 }, Reason::HandOver),
                ]
            }
            C::Breach { agreement } => {
                let Some(ag) = self.scenario().agreements.get(usize::from(*agreement)) else {
                    return Vec::new();
                };
                let partner = ag.partner(me).unwrap_or(me);
                let (a, b) = pair(partner);
                let stance = self.stance(me, partner).min(Stance::Rival);
                let mut events = vec![
                    Event::AgreementChanged {
                        agreement: *agreement,
                        active: false,
                        by: me,
                    },
                    Event::RelationChanged {
                        a,
                        b,
                        stance,
                        tension_change: BREACH_TENSION,
                        reason: Reason::Breach(*agreement),
                    },
                ];
                // The patrons who brokered the agreement, on both sides, hold it against the
                // one who broke it.
                let mut patrons = self.backers(me);
                for p in self.backers(partner) {
                    if !patrons.contains(&p) {
                        patrons.push(p);
                    }
                }
                for p in patrons {
                    events.push(self.tension_event(
                        Party::Patron(p),
                        Party::Faction(me),
                        BREACH_PATRON_TENSION,
                        Reason::Breach(*agreement),
                    ));
                }
                events
            }
            C::Agree { agreement } => {
                let Some(ag) = self.scenario().agreements.get(usize::from(*agreement)) else {
                    return Vec::new();
                };
                let partner = ag.partner(me).unwrap_or(me);
                let (a, b) = pair(partner);
                vec![
                    Event::AgreementChanged {
                        agreement: *agreement,
                        active: true,
                        by: me,
                    },
                    Event::RelationChanged {
                        a,
                        b,
                        stance: self.stance(me, partner).max(Stance::Neutral),
                        tension_change: -10,
                        reason: Reason::Agreed(*agreement),
                    },
                ]
            }
            _ => Vec::new(),
        }
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

    /// What happens as a new turn begins, before the first faction moves: relations at the
    /// breaking point fall one stance, and patrons' own oil campaigns strike.
    pub(super) fn new_turn_events(&self) -> Vec<Event> {
        let mut events = Vec::new();
        let parties = self.scenario().parties();
        for (i, &a) in parties.iter().enumerate() {
            for &b in &parties[i + 1..] {
                let r = self.relation(a, b);
                if r.tension >= BREAKDOWN_TENSION && r.stance != Stance::Hostile {
                    events.push(Event::RelationChanged {
                        a,
                        b,
                        stance: r.stance.worse(),
                        tension_change: i16::from(AFTER_BREAKDOWN) - i16::from(r.tension),
                        reason: Reason::Breakdown,
                    });
                }
            }
        }
        let mut rng = self.rng_copy();
        for (i, p) in self.scenario().patrons.iter().enumerate() {
            let Some(target) = p.oil_campaign else {
                continue;
            };
            // The strike goes for the target's best-earning working field.
            let best = (0..self.scenario().oil_fields.len())
                .filter(|&f| self.field_damage(f) < super::economy::MAX_DAMAGE)
                .filter_map(|f| {
                    self.field_revenue(f)
                        .filter(|(h, amount)| *h == target && *amount > 0)
                        .map(|(_, amount)| (amount, std::cmp::Reverse(f)))
                })
                .max();
            if let Some((_, std::cmp::Reverse(f))) = best {
                let roll = rng.d6();
                let hit = roll >= 4;
                events.push(Event::OilStrike {
                    patron: PatronId(i as u8),
                    field: f as u16,
                    roll,
                    hit,
                });
                if hit {
                    events.push(Event::FieldDamaged { field: f as u16 });
                }
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_are_ordered_from_worst_to_best() {
        assert!(Stance::Hostile < Stance::Rival && Stance::Cooperating < Stance::Allied);
        assert!(Stance::Rival.fights() && !Stance::Neutral.fights());
        assert!(Stance::Cooperating.friendly() && !Stance::Neutral.friendly());
        assert_eq!(Stance::Neutral.worse(), Stance::Rival);
        assert_eq!(Stance::Hostile.worse(), Stance::Hostile);
    }
}
