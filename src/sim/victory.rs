//! Victory: points for the places held and the objectives met, dated objectives that must be
//! met by a deadline, the end of the game (at the last turn, or early on a decisive result) and
//! a score breakdown that explains every point.
//!
//! An objective without a date scores if it is met when the game ends. An objective with a
//! date (`by`) scores if it was met at the end of some faction's turn on or before that date,
//! and then stays scored whatever happens later: it is a race. From the middle of the game on,
//! it ends early, at the end of a full turn, when one faction has secured every one of its
//! objectives, won at least one of them during the game (holding on to what one had at the
//! start is not a decisive result), and scores at least half as much again as any other
//! faction.

pub use super::event::EndReason;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::entities::{FactionId, Objective, Place};
use super::event::Event;
use super::game::Game;

/// One line of a faction's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// What it is for, e.g. "holds Mayadin" or an objective's description.
    pub label: String,
    /// Points it scores now (0 for an objective not secured).
    pub points: u32,
    /// The objective (index in the scenario's list), when the line is one.
    pub objective: Option<u16>,
    /// The deadline of a dated objective.
    pub by: Option<Date>,
    /// When the objective was first met.
    pub achieved: Option<Date>,
}

/// How a side's game went, judged against what it set out to do: the share of its own
/// objectives' points it secured (every side's objectives are worth what the level says, so
/// sides are judged by their own aims, not against each other's different totals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Less than the level's share for a draw.
    Defeat,
    /// Neither won nor lost.
    Draw,
    /// The share for a victory.
    Victory,
    /// The share for a decisive victory, and no rival's decisive result ended the game.
    DecisiveVictory,
}

impl Verdict {
    /// As the player reads it.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Defeat => "defeat",
            Verdict::Draw => "draw",
            Verdict::Victory => "victory",
            Verdict::DecisiveVictory => "decisive victory",
        }
    }
}

/// The shares of a side's objective points (in percent) each verdict needs; a level may set
/// its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerdictLevels {
    /// At least this share: a decisive victory.
    pub decisive: u8,
    /// At least this share: a victory.
    pub victory: u8,
    /// At least this share: a draw; below it, a defeat.
    pub draw: u8,
}

impl Default for VerdictLevels {
    fn default() -> Self {
        VerdictLevels {
            decisive: 80,
            victory: 55,
            draw: 30,
        }
    }
}

impl Game {
    /// The points of `faction`'s objectives secured now (a hold objective without a date
    /// counts as if the game ended now) and their total.
    pub fn objective_share(&self, faction: FactionId) -> (u32, u32) {
        self.objectives_of(faction)
            .fold((0, 0), |(got, all), (i, o)| {
                (got + self.objective_points(i, o), all + u32::from(o.points))
            })
    }

    /// The shares of its objective points `faction` needs for each verdict: its own, or the
    /// level's.
    pub fn verdict_levels(&self, faction: FactionId) -> VerdictLevels {
        let s = self.scenario();
        s.faction(faction)
            .and_then(|f| f.verdicts)
            .unwrap_or(s.verdicts)
    }

    /// The share of its objective points `faction` has secured, in percent (none without
    /// objectives).
    pub fn objective_percent(&self, faction: FactionId) -> Option<u32> {
        let (got, all) = self.objective_share(faction);
        (got * 100).checked_div(all)
    }

    /// `faction`'s verdict: at the end, how its game went; before, how it would go if the
    /// game ended now. A rival's decisive result, ending the game early, leaves every other
    /// side a draw at best. A side with no objectives is judged a draw.
    pub fn verdict(&self, faction: FactionId) -> Verdict {
        let Some(share) = self.objective_percent(faction) else {
            return Verdict::Draw;
        };
        let levels = self.verdict_levels(faction);
        let by_share = if share >= u32::from(levels.decisive) {
            Verdict::DecisiveVictory
        } else if share >= u32::from(levels.victory) {
            Verdict::Victory
        } else if share >= u32::from(levels.draw) {
            Verdict::Draw
        } else {
            Verdict::Defeat
        };
        match self.result() {
            Some(EndReason::Decisive(w)) if *w != faction => by_share.min(Verdict::Draw),
            _ => by_share,
        }
    }

    /// Whether an objective scores now: met now, or for a dated one, met by its date.
    pub fn objective_secured(&self, index: usize) -> bool {
        let Some(o) = self.scenario().objectives.get(index) else {
            return false;
        };
        match o.by {
            Some(by) => self.achieved(index).is_some_and(|d| d <= by),
            None => self.objective_met(o),
        }
    }

    /// Whether a dated objective was first met only after its deadline: it then scores
    /// nothing, and every place that reports the date says so.
    pub fn met_too_late(&self, index: usize) -> bool {
        let o = self.scenario().objectives.get(index);
        o.zip(self.achieved(index))
            .is_some_and(|(o, d)| o.too_late(d))
    }

    /// Points per faction, in faction order.
    pub fn scores(&self) -> Vec<u32> {
        (0..self.scenario().factions.len())
            .map(|f| self.score(FactionId(f as u8)))
            .collect()
    }

    /// A faction's points: the sum of its [`Game::score_breakdown`], without the labels (the
    /// AI and the end-of-round check ask for it far more often than anyone reads them).
    pub fn score(&self, faction: FactionId) -> u32 {
        let places: u32 = self
            .places_scoring_for(faction)
            .map(|p| u32::from(p.points))
            .sum();
        let objectives: u32 = self
            .objectives_of(faction)
            .map(|(i, o)| self.objective_points(i, o))
            .sum();
        places + objectives
    }

    /// Every line of a faction's score: each place it holds, then each of its objectives
    /// (secured or not, with deadline and date met).
    pub fn score_breakdown(&self, faction: FactionId) -> Vec<ScoreLine> {
        let places = self.places_scoring_for(faction).map(|p| ScoreLine {
            label: format!("holds {}", p.name),
            points: u32::from(p.points),
            objective: None,
            by: None,
            achieved: None,
        });
        let objectives = self.objectives_of(faction).map(|(i, o)| ScoreLine {
            label: o.description.clone(),
            points: self.objective_points(i, o),
            objective: Some(i as u16),
            by: o.by,
            achieved: self.achieved(i),
        });
        places.chain(objectives).collect()
    }

    /// The places worth points that `faction` holds: one score line each.
    fn places_scoring_for(&self, faction: FactionId) -> impl Iterator<Item = &Place> {
        self.scenario()
            .places
            .iter()
            .filter(move |p| p.points > 0 && self.control(p.hex) == Some(faction))
    }

    /// `faction`'s objectives with their indices in the scenario's list.
    fn objectives_of(&self, faction: FactionId) -> impl Iterator<Item = (usize, &Objective)> {
        self.scenario()
            .objectives
            .iter()
            .enumerate()
            .filter(move |(_, o)| o.faction == faction)
    }

    /// What an objective scores now: its points if secured, else nothing.
    fn objective_points(&self, index: usize, o: &Objective) -> u32 {
        if self.objective_secured(index) {
            u32::from(o.points)
        } else {
            0
        }
    }

    /// Objectives met for the first time now, as events (checked at the end of each
    /// faction's turn).
    pub(super) fn achievement_events(&self) -> Vec<Event> {
        self.scenario()
            .objectives
            .iter()
            .enumerate()
            .filter(|(i, o)| self.achieved(*i).is_none() && self.objective_met(o))
            .map(|(i, _)| Event::ObjectiveAchieved {
                objective: i as u16,
                date: self.date(),
            })
            .collect()
    }

    /// Whether `f`'s score, counting objectives met just now, is at least 1.5 times every
    /// other faction's.
    fn leads_by_half(&self, f: FactionId, just_met: &[Event]) -> bool {
        let scores = if just_met.is_empty() {
            self.scores()
        } else {
            let mut end = self.scratch_copy();
            for e in just_met {
                end.apply(e);
            }
            end.scores()
        };
        let mine = scores[usize::from(f.0)];
        scores
            .iter()
            .enumerate()
            .all(|(i, s)| i == usize::from(f.0) || mine * 2 >= s * 3)
    }

    /// A faction that has secured every one of its objectives, counting those met just now,
    /// won at least one of them during the game, and leads every other faction by half.
    pub(super) fn decisive_winner(&self, just_met: &[Event]) -> Option<FactionId> {
        let s = self.scenario();
        if !s.decisive_end || u32::from(self.turn()) * 2 < u32::from(s.turns) {
            return None;
        }
        let won_in_game = |i: usize| !self.met_at_start(i);
        let secured = |i: usize, o: &Objective| {
            let now = just_met.iter().any(
                |e| matches!(e, Event::ObjectiveAchieved { objective, .. } if usize::from(*objective) == i),
            );
            match o.by {
                Some(by) => self.objective_secured(i) || now && self.date() <= by,
                None => self.objective_met(o),
            }
        };
        (0..s.factions.len())
            .map(|f| FactionId(f as u8))
            .find(|&f| {
                let mine: Vec<_> = s
                    .objectives
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.faction == f)
                    .collect();
                !mine.is_empty()
                    && mine.iter().all(|(i, o)| secured(*i, o))
                    && mine.iter().any(|(i, _)| won_in_game(*i))
                    && self.leads_by_half(f, just_met)
            })
    }
}
