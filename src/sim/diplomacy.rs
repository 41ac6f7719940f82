//! Alliances: relations between factions and patrons, tension, agreements, and the
//! diplomacy commands. What patrons give is in [`super::patrons`].
//!
//! Every relation has a stance (hostile, rival, neutral, cooperating, allied) and a tension
//! score from 0 to 100. Actions move tension: attacking or bombing a rival, crossing into
//! ground it held, seizing oil a patron wants someone else to hold, breaching an agreement.
//! Tension eases by [`TENSION_EASING`] each turn. At [`BREAKDOWN_TENSION`] a relation breaks
//! down one stance at the start of the next turn: this is how clashes between rival camps
//! begin. A patron's support to a client falls with tension (see [`super::patrons`]).

pub use super::event::Reason;
use hexx::Hex;

use super::command::RuleError;
use super::entities::{Agreement, AgreementKind, FactionId, Party, PatronId, Stance};
use super::event::Event;
use super::game::Game;
use super::map::EdgeKey;

/// Tension lost by every relation at the start of each turn.
pub const TENSION_EASING: u8 = 5;
/// Tension at which a relation breaks down one stance at the start of the next turn.
pub const BREAKDOWN_TENSION: u8 = 80;
/// Where tension stands after a breakdown.
pub const AFTER_BREAKDOWN: u8 = 50;
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
/// Tension added between two sides when one ends their coordination.
pub const END_COORDINATION_TENSION: i16 = 10;
/// Turns that coordination agreed in the game lasts before it lapses, unless renewed: joint
/// operations were agreed for an operation, not for good.
pub const COORDINATION_TURNS: u16 = 5;
/// Tension added between a side and each of its patrons that is a rival or enemy of the side
/// it coordinates with (and between the partner and each of its patrons that is one of the
/// side's): a patron does not arm a client to work with its rival's.
pub const COORDINATION_PATRON_TENSION: i16 = 15;
/// Tension seizing a field a patron wants for someone else adds with that patron.
pub const OIL_TENSION: i16 = 15;

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

    /// Whether `a` and `b` may (re)agree coordination now: neutral, or cooperating under a
    /// term agreed in the game, and tension below [`COORDINATION_LIMIT`].
    fn coordination_open(&self, a: FactionId, b: FactionId) -> Result<(), RuleError> {
        let r = self.relation(Party::Faction(a), Party::Faction(b));
        // Coordination agreed in the game may be renewed before it lapses.
        let renewal = r.stance == Stance::Cooperating && r.until.is_some();
        if r.stance != Stance::Neutral && !renewal {
            return Err(RuleError::WrongStance {
                needed: "neutral",
                is: r.stance,
            });
        }
        if r.tension >= COORDINATION_LIMIT {
            return Err(RuleError::TooTense {
                with: b,
                tension: r.tension,
                limit: COORDINATION_LIMIT,
            });
        }
        Ok(())
    }

    /// What agreeing coordination between `a` and `b` does: their relation, and their
    /// patrons' displeasure.
    pub fn coordination_events(&self, a: FactionId, b: FactionId) -> Vec<Event> {
        let mut events = vec![Event::RelationChanged {
            a: Party::Faction(a),
            b: Party::Faction(b),
            stance: Stance::Cooperating,
            tension_change: -10,
            reason: Reason::Coordination,
        }];
        events.extend(self.coordination_displeasure(a, b));
        events
    }

    /// Checks a diplomacy command.
    pub(super) fn check_diplomacy(&self, command: &super::Command) -> Result<(), RuleError> {
        use super::Command as C;
        let me = self.active_faction();
        match command {
            C::ProposeCoordination { with } => {
                self.other_faction(*with)?;
                self.coordination_open(me, *with)?;
                if self.proposal_pending(me, *with) {
                    return Err(RuleError::AlreadyProposed { with: *with });
                }
                Ok(())
            }
            C::AnswerProposal { from, accept } => {
                if !self.proposal_pending(*from, me) {
                    return Err(RuleError::NoProposal { from: *from });
                }
                if *accept {
                    self.coordination_open(me, *from)?;
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
            C::ProposeCoordination { with } => vec![Event::CoordinationProposed {
                from: me,
                to: *with,
            }],
            C::AnswerProposal { from, accept } => {
                let mut events = vec![Event::ProposalAnswered {
                    from: *from,
                    to: me,
                    accepted: *accept,
                }];
                if *accept {
                    events.extend(self.coordination_events(*from, me));
                }
                events
            }
            C::EndCoordination { with } => {
                let (a, b) = pair(*with);
                vec![Event::RelationChanged {
                    a,
                    b,
                    stance: Stance::Neutral,
                    tension_change: END_COORDINATION_TENSION,
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

    /// What coordinating costs: tension between each side and those of its patrons that are
    /// rivals or enemies of the other side.
    fn coordination_displeasure(&self, me: FactionId, with: FactionId) -> Vec<Event> {
        let mut events = Vec::new();
        for (side, other) in [(me, with), (with, me)] {
            for p in self.backers(side) {
                let stance = self
                    .relation(Party::Patron(p), Party::Faction(other))
                    .stance;
                if matches!(stance, Stance::Rival | Stance::Hostile) {
                    events.push(self.tension_event(
                        Party::Faction(side),
                        Party::Patron(p),
                        COORDINATION_PATRON_TENSION,
                        Reason::RivalCoordination,
                    ));
                }
            }
        }
        events
    }

    /// What happens as a new turn begins, before the first faction moves: relations at the
    /// breaking point fall one stance, and patrons' own oil campaigns strike.
    pub(super) fn new_turn_events(&self) -> Vec<Event> {
        let mut events = Vec::new();
        let parties = self.scenario().parties();
        let next = self.turn() + 1;
        for (i, &a) in parties.iter().enumerate() {
            for &b in &parties[i + 1..] {
                let r = self.relation(a, b);
                if r.stance == Stance::Cooperating && r.until.is_some_and(|t| t <= next) {
                    events.push(Event::RelationChanged {
                        a,
                        b,
                        stance: Stance::Neutral,
                        tension_change: 0,
                        reason: Reason::CoordinationLapsed,
                    });
                    continue;
                }
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
