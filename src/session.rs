//! The one driver of a game, without Bevy: it carries out commands through the rules, lets
//! the computer players take their steps (see [`Players`]: always legal, a cap per turn),
//! records every command for saves, keeps the turn-by-turn [`Chronicle`], and, when asked,
//! tells what happened in words for the event log. The client, `simulate` and `replay` all
//! step their games through it.

use std::collections::VecDeque;

use crate::chronicle::Chronicle;
use crate::narrate::Narrator;
use crate::save::Recorder;
use crate::sim::ai::Players;
use crate::sim::{Command, Date, Event, FactionId, Game, NoUndo, RuleError, Sight, Sighting};

/// One line of the event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// The game date it happened on.
    pub date: Date,
    /// The faction whose turn it was.
    pub faction: FactionId,
    /// What happened, in words.
    pub text: String,
    /// For a line of real history (not of this game): the level's event id.
    pub history: Option<String>,
}

/// Most lines the event log keeps; older ones scroll away.
pub const LOG_LINES: usize = 400;

/// A game and everything that follows it as it is played.
pub struct Session {
    /// The game state (rules live in `sim`).
    pub game: Game,
    /// Who plays each side.
    pub players: Players,
    /// Every command so far with its state hashes, for saves (none in a batch of
    /// simulated games, which are not saved).
    pub recorder: Option<Recorder>,
    /// The statistics of each turn so far.
    pub chronicle: Chronicle,
    /// What happened in words, newest last (kept only for a narrated session).
    pub log: VecDeque<LogLine>,
    /// Tells events for the log (and keeps the names of units that are gone).
    narrator: Option<Narrator>,
    /// Commands carried out so far.
    commands: usize,
    /// The side whose eyes the screen shows, if one (see [`Session::view`]).
    viewer: Option<FactionId>,
    /// The game as the viewer sees it under the fog of war, what it sees, and where it last
    /// saw the enemies it no longer sees, kept up to date after each command.
    seen: Option<(Game, Sight, Vec<Sighting>)>,
    /// The state before each move a person may still take back, latest last.
    undo: Vec<Before>,
    /// Why the last command of a person cannot be taken back, if it cannot.
    no_undo: Option<NoUndo>,
    /// The latest commands people carried out, oldest first (a few only), for whatever
    /// follows their play: the tutorial's lessons.
    by_people: VecDeque<Command>,
    /// The latest events of every side, oldest first (a few hundred at most), for a screen
    /// that shows them as they happen.
    recent: VecDeque<(FactionId, Event)>,
}

/// How many of the latest events a session keeps for the screen.
const KEPT_EVENTS: usize = 512;

/// How many of people's latest commands a session keeps.
const KEPT_COMMANDS: usize = 16;

/// Everything a command changes in a session, as it stood before it: what taking the command
/// back restores.
struct Before {
    game: Game,
    recorder: Option<Recorder>,
    chronicle: Chronicle,
    log: VecDeque<LogLine>,
    commands: usize,
    seen: Option<(Game, Sight, Vec<Sighting>)>,
}

impl Session {
    /// A game about to be played, neither recorded nor narrated.
    pub fn new(game: Game, players: Players) -> Session {
        Session {
            chronicle: Chronicle::new(&game),
            game,
            players,
            recorder: None,
            log: VecDeque::new(),
            narrator: None,
            commands: 0,
            viewer: None,
            seen: None,
            undo: Vec::new(),
            no_undo: None,
            by_people: VecDeque::new(),
            recent: VecDeque::new(),
        }
    }

    /// Shows the game through a side's eyes: [`Session::view`] holds only what it sees.
    pub fn seen_by(mut self, viewer: FactionId) -> Session {
        self.set_viewer(viewer);
        self
    }

    /// Shows the game through another side's eyes from now on (in a hotseat game, the next
    /// player's): under the fog of war the log is told again as that side would have read it.
    pub fn set_viewer(&mut self, viewer: FactionId) {
        self.viewer = Some(viewer);
        self.refresh_view();
        if self.narrator.is_some() && self.seen.is_some() {
            self.log.clear();
            self.retell();
        }
    }

    /// The game as the screen shows it: under the fog of war, only what the viewer's side sees
    /// (see [`Game::view`]); once the game is over, or without fog, all of it.
    pub fn view(&self) -> &Game {
        self.seen.as_ref().map_or(&self.game, |(g, _, _)| g)
    }

    /// What the viewer's side sees now, under the fog of war.
    pub fn sight(&self) -> Option<&Sight> {
        self.seen.as_ref().map(|(_, s, _)| s)
    }

    /// Where the viewer's side last saw the enemy units it no longer sees.
    pub fn last_seen(&self) -> &[Sighting] {
        self.seen.as_ref().map_or(&[], |(_, _, m)| m.as_slice())
    }

    /// The side whose eyes the screen shows.
    pub fn viewer(&self) -> Option<FactionId> {
        self.viewer
    }

    fn refresh_view(&mut self) {
        self.seen = match self.viewer {
            Some(v) if self.game.fog() && !self.game.is_over() => Some((
                self.game.view(v),
                self.game.sight(v),
                self.game.last_seen(v).into_iter().cloned().collect(),
            )),
            _ => None,
        };
    }

    /// Records every command from now on (start the recorder from this game).
    pub fn recorded(mut self, recorder: Recorder) -> Session {
        self.recorder = Some(recorder);
        self
    }

    /// Tells what happens from now on in the log.
    pub fn narrated(mut self) -> Session {
        self.narrator = Some(Narrator::new(&self.game));
        self
    }

    /// A game restored from a save, played on by `players`: the chronicle is rebuilt from
    /// the save's commands and, for a narrated session, the log from the game's own record.
    pub fn restored(
        game: Game,
        players: Players,
        recorder: Recorder,
        commands: &[Command],
        narrated: bool,
    ) -> Session {
        let mut replay = Session::new(
            Game::new(game.scenario_arc(), game.seed()),
            Players::new(Vec::new()),
        );
        for command in commands {
            if replay.perform(command).is_err() {
                break;
            }
        }
        let mut session = Session::new(game, players).recorded(recorder);
        session.chronicle = replay.chronicle;
        session.commands = commands.len();
        if narrated {
            session = session.narrated();
            session.retell();
        }
        session
    }

    /// Writes the game's own record to the log, as [`Session::perform`] would have: a new
    /// turn's lines carry its date, a side's turn start and what follows it are that side's.
    fn retell(&mut self) {
        let start = self.game.scenario().start;
        let days = u32::from(self.game.scenario().days_per_turn);
        let entries = self.game.log().to_vec();
        let mut date = entries
            .first()
            .map(|e| start.plus_days(u32::from(e.turn.saturating_sub(1)) * days));
        let known = self.known_units(&entries);
        for e in entries {
            let units = e.event.units();
            if !units.is_empty() && !units.iter().any(|u| known.contains(u)) {
                if let Some(n) = &mut self.narrator {
                    n.learn(&e.event);
                }
                continue;
            }
            let faction = match e.event {
                Event::NewTurn { date: d, .. } => {
                    date = Some(d);
                    e.faction
                }
                Event::FactionTurnBegan { faction } => faction,
                _ => e.faction,
            };
            self.note(date.unwrap_or(start), faction, &e.event);
        }
        self.trim_log();
    }

    /// For retelling a log under the fog of war, the units the viewer may read of: its own
    /// and its partners', those it sees and those it remembers. Without fog (or a viewer),
    /// every unit in the log.
    fn known_units(
        &self,
        entries: &[crate::sim::LogEntry],
    ) -> std::collections::BTreeSet<crate::sim::UnitId> {
        let game = &self.game;
        let mut owners: std::collections::BTreeMap<crate::sim::UnitId, FactionId> = game
            .scenario()
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (crate::sim::UnitId(i as u32), u.owner))
            .collect();
        for e in entries {
            if let Event::UnitRaised { unit, .. } = &e.event {
                owners.insert(unit.id, unit.owner);
            }
        }
        owners.extend(game.units().map(|u| (u.id, u.owner)));
        match self.viewer.filter(|_| self.seen.is_some()) {
            None => owners.into_keys().collect(),
            Some(v) => {
                let view = self.view();
                owners
                    .into_iter()
                    .filter(|(id, owner)| {
                        game.shares_sight(v, *owner)
                            || view.unit(*id).is_some()
                            || game.sightings(v).contains_key(id)
                    })
                    .map(|(id, _)| id)
                    .collect()
            }
        }
    }

    /// Commands carried out so far.
    pub fn commands(&self) -> usize {
        self.commands
    }

    /// Carries out a command through the rules: records it, notes the turn's statistics and
    /// tells what happened.
    pub fn perform(&mut self, command: &Command) -> Result<Vec<Event>, RuleError> {
        let mut faction = self.game.active_faction();
        let turn = self.game.turn();
        // Under the fog of war the log tells the viewer only of units it saw, before or after.
        let seen_before: Option<Vec<crate::sim::UnitId>> = self
            .seen
            .as_ref()
            .filter(|_| self.narrator.is_some())
            .map(|(g, _, _)| g.units().map(|u| u.id).collect());
        // A person's move may be taken back: keep what it changes.
        let before = (self.players.is_human(faction) && matches!(command, Command::Move { .. }))
            .then(|| Before {
                game: self.game.clone(),
                recorder: self.recorder.clone(),
                chronicle: self.chronicle.clone(),
                log: self.log.clone(),
                commands: self.commands,
                seen: self.seen.clone(),
            });
        let events = self.game.perform(command)?;
        match before {
            Some(b) => match self.game.undoable(&b.game, command, &events) {
                Ok(()) => {
                    self.undo.push(b);
                    self.no_undo = None;
                }
                Err(why) => {
                    self.undo.clear();
                    self.no_undo = Some(why);
                }
            },
            None => {
                self.undo.clear();
                self.no_undo = self.players.is_human(faction).then_some(NoUndo::NotAMove);
            }
        }
        self.commands += 1;
        if self.players.is_human(faction) {
            if self.by_people.len() == KEPT_COMMANDS {
                self.by_people.pop_front();
            }
            self.by_people.push_back(command.clone());
        }
        // Only a session told to a person is shown: batches of simulated games keep nothing.
        for e in events.iter().filter(|_| self.narrator.is_some()) {
            if self.recent.len() == KEPT_EVENTS {
                self.recent.pop_front();
            }
            self.recent.push_back((faction, e.clone()));
        }
        self.refresh_view();
        if let Some(r) = &mut self.recorder {
            r.record(&self.game, command, &events);
        }
        self.chronicle.note(&self.game, turn, &events);
        if self.narrator.is_some() {
            let date = self.game.date();
            for e in &events {
                // An end of turn carries the next side's turn start: its lines are that side's.
                if let Event::FactionTurnBegan { faction: next } = e {
                    faction = *next;
                }
                if let Some(before) = &seen_before {
                    let units = e.units();
                    let view = self.view();
                    if !units.is_empty()
                        && !units
                            .iter()
                            .any(|u| before.contains(u) || view.unit(*u).is_some())
                    {
                        if let Some(n) = &mut self.narrator {
                            n.learn(e);
                        }
                        continue;
                    }
                }
                self.note(date, faction, e);
            }
            self.trim_log();
        }
        Ok(events)
    }

    /// Whether events happened since [`Session::take_events`].
    pub fn has_events(&self) -> bool {
        !self.recent.is_empty()
    }

    /// Takes the events since the last call, oldest first, each with the side whose command
    /// caused it.
    pub fn take_events(&mut self) -> Vec<(FactionId, Event)> {
        self.recent.drain(..).collect()
    }

    /// Whether people carried out commands since [`Session::take_people_commands`].
    pub fn has_people_commands(&self) -> bool {
        !self.by_people.is_empty()
    }

    /// Takes the commands people carried out since the last call, oldest first.
    pub fn take_people_commands(&mut self) -> Vec<Command> {
        self.by_people.drain(..).collect()
    }

    /// Whether the last move of a person can be taken back, and if not, why.
    pub fn can_undo(&self) -> Result<(), NoUndo> {
        if self.undo.is_empty() {
            Err(self.no_undo.unwrap_or(NoUndo::Nothing))
        } else {
            Ok(())
        }
    }

    /// Takes back the last move of a person, if it rolled no dice and showed nothing new (see
    /// [`Game::undoable`]): the game, its record, its chronicle and its log are as they were
    /// before it, so a save holds no trace of it.
    pub fn undo(&mut self) -> Result<(), NoUndo> {
        self.can_undo()?;
        let Some(b) = self.undo.pop() else {
            return Err(NoUndo::Nothing);
        };
        self.game = b.game;
        self.recorder = b.recorder;
        self.chronicle = b.chronicle;
        self.log = b.log;
        self.commands = b.commands;
        self.seen = b.seen;
        Ok(())
    }

    /// Whether the computer is to move now.
    pub fn computer_to_move(&self) -> bool {
        self.players.computer_to_move(&self.game)
    }

    /// Lets the computer choose and carry out one command for the side to move; `None` when
    /// a person is to move or the game is over.
    pub fn computer_step(&mut self) -> Option<Result<Vec<Event>, RuleError>> {
        let command = self.players.choose(&self.game)?;
        Some(Players::step(&command, |c| self.perform(c)))
    }

    /// Lets the computer play until a person is to move or the game is over (or, which would
    /// be a bug, the rules refuse even the end of a turn).
    pub fn play_out(&mut self) {
        while let Some(Ok(_)) = self.computer_step() {}
    }

    fn note(&mut self, date: Date, faction: FactionId, e: &Event) {
        let Some(narrator) = &mut self.narrator else {
            return;
        };
        if let Some(text) = narrator.tell(self.game.scenario(), e) {
            self.log.push_back(LogLine {
                date,
                faction,
                text,
                history: None,
            });
        }
    }

    /// Adds a line to the log (history from the level's calendar, for one).
    pub fn push_line(&mut self, line: LogLine) {
        self.log.push_back(line);
        self.trim_log();
    }

    fn trim_log(&mut self) {
        while self.log.len() > LOG_LINES {
            self.log.pop_front();
        }
    }
}
