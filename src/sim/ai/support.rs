//! Patrons and neighbours: coordination, breaking a deconfliction line, and air drops.

use std::cmp::Reverse;

use crate::sim::command::Command;
use crate::sim::entities::{AgreementKind, FactionId, Party, PatronId, Request, Stance};
use crate::sim::event::Event;
use crate::sim::supply::SupplyState;

use super::difficulty::Difficulty;
use super::plan::{BREACH_WORTH, Plan};

impl<'a> Plan<'a> {
    /// Answers to proposals of coordination, then coordination with a neutral faction that
    /// fights the same enemy; for a hard AI, a breach of a deconfliction line when it pays.
    pub(super) fn diplomacy(&self) -> Option<Command> {
        let game = self.game;
        // A proposal is answered whatever the difficulty: left alone it lapses, declined. An
        // easy AI takes any offer it may; the others weigh it as they would their own.
        if let Some(from) = game.proposals_to(self.me).next() {
            let yes = Command::AnswerProposal { from, accept: true };
            let accept = match self.d {
                Difficulty::Easy => game.check(&yes).is_ok(),
                _ => self.would_coordinate(from),
            };
            return Some(Command::AnswerProposal { from, accept });
        }
        if self.d == Difficulty::Easy {
            return None;
        }
        if let Some(c) = self.breach() {
            return Some(c);
        }
        let n = game.scenario().factions.len();
        (0..n).map(|f| FactionId(f as u8)).find_map(|with| {
            let c = Command::ProposeCoordination { with };
            let r = game.relation(Party::Faction(self.me), Party::Faction(with));
            // Renew only as the term runs out.
            let due = match (r.stance, r.until) {
                (Stance::Neutral, _) => true,
                (Stance::Cooperating, Some(until)) => until <= game.turn() + 1,
                _ => false,
            };
            (due && self.would_coordinate(with) && game.check(&c).is_ok()).then_some(c)
        })
    }

    /// Whether it would coordinate with `with`: they fight a common enemy, share a patron
    /// (sides with none in common compete for the same ground), and its patrons would bear it.
    fn would_coordinate(&self, with: FactionId) -> bool {
        let game = self.game;
        let n = game.scenario().factions.len();
        let common_enemy = (0..n).map(|e| FactionId(e as u8)).any(|e| {
            e != with
                && e != self.me
                && game.stance(self.me, e) == Stance::Hostile
                && game.stance(with, e) == Stance::Hostile
        });
        let patrons = |f: FactionId| game.scenario().faction(f).map(|x| x.patrons.clone());
        let same_camp = patrons(self.me)
            .zip(patrons(with))
            .is_some_and(|(a, b)| a.iter().any(|p| b.contains(p)));
        common_enemy && same_camp && self.patrons_bear(&game.coordination_events(self.me, with))
    }

    /// Whether the patrons would bear what an agreement does: it would not bring any of
    /// them to the tension at which its support is halved.
    fn patrons_bear(&self, events: &[Event]) -> bool {
        events.iter().all(|e| match e {
            Event::RelationChanged {
                a: Party::Faction(f),
                b: Party::Patron(p),
                tension_change,
                ..
            } if *f == self.me => {
                let now = self
                    .game
                    .relation(Party::Faction(*f), Party::Patron(*p))
                    .tension;
                i16::from(now) + tension_change
                    < i16::from(crate::sim::patrons::HALF_SUPPORT_TENSION)
            }
            _ => true,
        })
    }

    /// A hard AI breaks a deconfliction line by interest: when what it can still take on its
    /// side is worth less than a third of what lies beyond the line, what lies beyond is worth
    /// at least [`BREACH_WORTH`], and the breach would not bring the partner to open war.
    /// Its patrons' displeasure (less support) is a price it pays then; a side that must
    /// survive never starts a quarrel.
    pub(super) fn breach(&self) -> Option<Command> {
        if self.d != Difficulty::Hard || self.cautious || self.beyond < BREACH_WORTH {
            return None;
        }
        let here: u32 = self.targets.iter().map(|t| t.value).sum();
        if here * 3 >= self.beyond {
            return None;
        }
        let game = self.game;
        game.scenario()
            .agreements
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                let partner = a.partner(self.me)?;
                let tension = game
                    .relation(Party::Faction(self.me), Party::Faction(partner))
                    .tension;
                let calm = i16::from(tension) + crate::sim::diplomacy::BREACH_TENSION
                    < i16::from(crate::sim::diplomacy::BREAKDOWN_TENSION);
                let line = matches!(a.kind, AgreementKind::Deconfliction { .. });
                (line && calm && game.agreement_active(i)).then_some(Command::Breach {
                    agreement: i as u16,
                })
            })
    }

    /// The support entries of the faction and their patrons.
    pub(super) fn pools(&self) -> Vec<(usize, PatronId)> {
        self.game
            .scenario()
            .support
            .iter()
            .enumerate()
            .filter(|(_, s)| s.faction == self.me)
            .map(|(i, s)| (i, s.patron))
            .collect()
    }

    pub(super) fn offers(&self, i: usize, want: fn(&Request) -> bool) -> bool {
        let s = &self.game.scenario().support[i];
        s.offers.iter().any(want)
            && s.offers
                .iter()
                .any(|o| want(o) && self.game.pool(i) >= o.cost())
    }

    /// Supply dropped to a unit that is out of supply (or low, for a hard AI).
    pub(super) fn air_drop(&self) -> Option<Command> {
        if self.d == Difficulty::Easy {
            return None;
        }
        // A hard AI helps units merely running low too, but only once its turn is done: the
        // same air power may be wanted for a strike on the place it assaults.
        let low_too = self.d == Difficulty::Hard && self.finishing;
        let map = &self.game.scenario().map;
        let needy = self
            .game
            .units()
            .filter(|u| u.owner == self.me)
            .filter(|u| u.supply == SupplyState::Out || low_too && u.supply == SupplyState::Low)
            // Units cut off at the place being assaulted first: supplied again, they can join
            // the attack; the strongest of them first.
            .min_by_key(|u| {
                let at_assault = map.index(u.hex).is_some_and(|i| self.assault[i]);
                (
                    u.supply != SupplyState::Out,
                    !at_assault,
                    Reverse(u.strength),
                    u.id,
                )
            })?;
        let (_, patron) = self
            .pools()
            .into_iter()
            .find(|(i, _)| self.offers(*i, |o| *o == Request::AirDrop))?;
        Some(Command::RequestAirDrop {
            patron,
            unit: needy.id,
        })
    }
}
