//! The end of a side's turn and the start of the next: whose turn it is, the new turn's
//! date, income, supply, patrons' support, the calendar's events and the end of the game.

use crate::sim::entities::FactionId;
use crate::sim::event::Event;
use crate::sim::game::Game;

impl Game {
    pub(crate) fn execute_end_turn(&self) -> Vec<Event> {
        let active = self.active_faction();
        let mut events = self.achievement_events();
        let met = events.clone();
        // Proposals left unanswered lapse: declined.
        events.extend(
            self.proposals_to(active)
                .map(|from| Event::ProposalAnswered {
                    from,
                    to: active,
                    accepted: false,
                }),
        );
        events.push(Event::TurnEnded { faction: active });
        let count = self.scenario().factions.len() as u8;
        let next = active.0 + 1;
        if next < count {
            events.push(Event::FactionTurnBegan {
                faction: FactionId(next),
            });
            events.extend(self.turn_start_events(FactionId(next)));
            return events;
        }
        let reason = match self.decisive_winner(&met) {
            Some(f) => Some(crate::sim::victory::EndReason::Decisive(f)),
            None if self.turn() >= self.scenario().turns => {
                Some(crate::sim::victory::EndReason::LastTurn)
            }
            None => None,
        };
        if let Some(reason) = reason {
            // Score the state the game ends in, objectives met just now included.
            let mut end = self.scratch_copy();
            for e in &met {
                end.apply(e);
            }
            events.push(Event::GameEnded {
                scores: end.scores(),
                reason,
            });
            return events;
        }
        let breakdown = self.new_turn_events();
        let next_date = self
            .date()
            .plus_days(u32::from(self.scenario().days_per_turn));
        events.push(Event::NewTurn {
            turn: self.turn() + 1,
            date: next_date,
        });
        events.extend(self.history_events(self.date(), next_date));
        // The new turn's events are worked out on the state after the round: apply what came
        // so far to a copy, so supply and income see breakdowns and strikes.
        let mut next_state = self.scratch_copy();
        for e in events.iter().chain(&breakdown) {
            next_state.apply(e);
        }
        events.extend(breakdown);
        events.push(Event::FactionTurnBegan {
            faction: FactionId(0),
        });
        next_state.apply(&Event::FactionTurnBegan {
            faction: FactionId(0),
        });
        events.extend(next_state.turn_start_events(FactionId(0)));
        events
    }

    /// What the level's historical events dated after `from` and up to `to` do.
    pub(crate) fn history_events(
        &self,
        from: crate::sim::Date,
        to: crate::sim::Date,
    ) -> Vec<Event> {
        let mut out = Vec::new();
        for d in &self.scenario().history {
            if d.date <= from || d.date > to {
                continue;
            }
            for e in &d.effects {
                out.push(match e {
                    crate::sim::Effect::OilPrice(price) => Event::OilPriceChanged { price: *price },
                    crate::sim::Effect::Tension(a, b, change) => {
                        self.tension_event(*a, *b, *change, crate::sim::diplomacy::Reason::History)
                    }
                    crate::sim::Effect::Support { support, points } => Event::SupportGranted {
                        support: *support,
                        points: *points,
                        percent: 100,
                    },
                });
            }
        }
        out
    }

    /// Everything that happens as a faction's turn begins: supply and attrition, patrons'
    /// support, the income statement and repairs, fuel.
    pub(crate) fn turn_start_events(&self, faction: FactionId) -> Vec<Event> {
        let mut events = self.cell_search_events(faction);
        events.extend(self.supply_events(faction));
        events.extend(self.siege_events(faction));
        events.extend(self.support_events(faction));
        events.extend(self.income_events(faction));
        events.extend(self.fuel_events(faction));
        events
    }
}
