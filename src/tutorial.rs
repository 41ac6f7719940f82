//! A guided tutorial as it is played: which lesson the player is on, whether its goal is met,
//! and moving on. Pure and deterministic, like the rules: the client feeds it what the
//! player did ([`Progress::command`]) and what the screen shows ([`Facts`]), and shows the
//! lesson it points at.

use crate::level::lessons::{Goal, Lesson, OverlayKind, Section, Tutorial};
use crate::sim::{Command, Game};

/// What the screen shows that a lesson may wait for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The level id of the player's selected unit, if one of the player's units is selected.
    pub selected: Option<String>,
    /// The odds of an attack are shown.
    pub odds: bool,
    /// The overlays shown: control, supply, objectives.
    pub overlays: [bool; 3],
    /// The side panel's sections open: economy, diplomacy, objectives, orders.
    pub sections: [bool; 4],
}

/// Where the player is in the lessons.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    lessons: Vec<Lesson>,
    at: usize,
    met: bool,
}

impl Progress {
    /// The start of a tutorial.
    pub fn new(tutorial: &Tutorial) -> Progress {
        let mut p = Progress {
            lessons: tutorial.lessons.clone(),
            at: 0,
            met: false,
        };
        p.arrive();
        p
    }

    /// The lesson shown now (its index from 0) and the count of lessons; `None` when done.
    pub fn current(&self) -> Option<(usize, &Lesson)> {
        self.lessons.get(self.at).map(|l| (self.at, l))
    }

    /// How many lessons there are.
    pub fn len(&self) -> usize {
        self.lessons.len()
    }

    /// Whether there are no lessons at all.
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty()
    }

    /// Whether the current lesson's goal is met, so its explanation shows and the player may
    /// go on.
    pub fn is_met(&self) -> bool {
        self.met
    }

    /// Whether every lesson is done or skipped.
    pub fn is_finished(&self) -> bool {
        self.at >= self.lessons.len()
    }

    /// Goes on to the next lesson (after its goal is met, or to skip it).
    pub fn next(&mut self) {
        if self.at < self.lessons.len() {
            self.at += 1;
            self.arrive();
        }
    }

    /// Ends the tutorial: no more lessons are shown.
    pub fn finish(&mut self) {
        self.at = self.lessons.len();
        self.met = false;
    }

    fn arrive(&mut self) {
        self.met = matches!(self.current(), Some((_, l)) if l.goal == Goal::Read);
    }

    /// A command the player carried out (it passed the rules' check). `game` is the game after
    /// it, to name the unit it was given to.
    pub fn command(&mut self, game: &Game, command: &Command) {
        let Some((_, lesson)) = self.current() else {
            return;
        };
        let key = |id| game.unit(id).map(|u| u.key.as_str());
        let done = match (&lesson.goal, command) {
            (Goal::Move, Command::Move { .. }) => true,
            (Goal::MoveUnit(want), Command::Move { unit, .. }) => key(*unit) == Some(want),
            (Goal::Attack, Command::Attack { .. }) => true,
            (Goal::Recruit, Command::Recruit { .. }) => true,
            (
                Goal::Support,
                Command::RequestAirStrike { .. }
                | Command::RequestAirDrop { .. }
                | Command::RequestReinforcements { .. },
            ) => true,
            (Goal::Propose, Command::ProposeCoordination { .. }) => true,
            (Goal::EndTurn, Command::EndTurn) => true,
            _ => false,
        };
        if done {
            self.met = true;
        }
    }

    /// What the screen shows now.
    pub fn look(&mut self, facts: &Facts) {
        let Some((_, lesson)) = self.current() else {
            return;
        };
        let done = match &lesson.goal {
            Goal::Select => facts.selected.is_some(),
            Goal::SelectUnit(want) => facts.selected.as_deref() == Some(want.as_str()),
            Goal::Odds => facts.odds,
            Goal::Overlay(o) => {
                facts.overlays[match o {
                    OverlayKind::Control => 0,
                    OverlayKind::Supply => 1,
                    OverlayKind::Objectives => 2,
                }]
            }
            Goal::Open(s) => {
                facts.sections[match s {
                    Section::Economy => 0,
                    Section::Diplomacy => 1,
                    Section::Objectives => 2,
                    Section::Orders => 3,
                }]
            }
            _ => false,
        };
        if done {
            self.met = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(goal: Goal) -> Lesson {
        Lesson {
            title: "t".into(),
            text: "x".into(),
            goal,
            done: String::new(),
            show: None,
        }
    }

    #[test]
    fn a_lesson_waits_for_its_goal_and_reading_needs_none() {
        let t = Tutorial {
            faction: "a".into(),
            lessons: vec![
                lesson(Goal::Read),
                lesson(Goal::Select),
                lesson(Goal::Overlay(OverlayKind::Supply)),
                lesson(Goal::Open(Section::Orders)),
            ],
        };
        let mut p = Progress::new(&t);
        assert!(p.is_met(), "a lesson to read is met at once");
        p.next();
        assert!(!p.is_met());
        p.look(&Facts::default());
        assert!(!p.is_met());
        p.look(&Facts {
            selected: Some("u".into()),
            ..Facts::default()
        });
        assert!(p.is_met());
        p.next();
        p.look(&Facts {
            overlays: [true, false, true],
            ..Facts::default()
        });
        assert!(!p.is_met(), "control and objectives are not supply");
        p.look(&Facts {
            overlays: [true, true, true],
            ..Facts::default()
        });
        assert!(p.is_met());
        p.next();
        p.look(&Facts {
            sections: [false, false, false, true],
            ..Facts::default()
        });
        assert!(p.is_met());
        p.next();
        assert!(p.is_finished() && p.current().is_none());
        p.next();
        assert!(p.is_finished());
    }
}
