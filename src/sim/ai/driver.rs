//! Who plays each side, and the one way a game is stepped by its computer players: a command
//! the rules refuse becomes the end of the turn, and no side issues more than
//! [`MAX_COMMANDS_PER_TURN`] commands in one turn, so nothing can stall a game. The client,
//! `simulate` and a hard AI's look-ahead all step games this way.

use crate::sim::command::Command;
use crate::sim::entities::FactionId;
use crate::sim::event::Event;
use crate::sim::game::Game;

use super::difficulty::{Controller, Difficulty, MAX_COMMANDS_PER_TURN};
use super::player::AiPlayer;
use super::random::random_command;

/// Who chooses the commands of one faction.
pub enum Seat {
    /// A person at the machine: the game waits for them.
    Human,
    /// A computer player.
    Ai(Box<AiPlayer>),
    /// The baseline that plays random legal commands.
    Random,
}

impl Seat {
    /// The seat of a controller.
    pub fn of(controller: Controller) -> Seat {
        match controller {
            Controller::Ai(d) => Seat::Ai(Box::new(AiPlayer::new(d))),
            Controller::Random => Seat::Random,
        }
    }
}

/// The seats of every faction, in faction order, and the count of commands that keeps each
/// turn finite.
pub struct Players {
    seats: Vec<Seat>,
    /// The turn and side the count below is of.
    turn_of: (u16, FactionId),
    /// Commands the side to move has been given this turn.
    this_turn: usize,
    /// Commands chosen in the game so far (what varies a random player's choice).
    chosen: u64,
}

impl Players {
    /// Players from their seats, in faction order.
    pub fn new(seats: Vec<Seat>) -> Players {
        Players {
            seats,
            turn_of: (0, FactionId(0)),
            this_turn: 0,
            chosen: 0,
        }
    }

    /// A controller per faction (in faction order); a faction without one is played by the
    /// normal AI.
    pub fn with_controllers(factions: usize, controllers: &[Controller]) -> Players {
        Players::new(
            (0..factions)
                .map(|f| {
                    Seat::of(
                        controllers
                            .get(f)
                            .copied()
                            .unwrap_or(Controller::Ai(Difficulty::Normal)),
                    )
                })
                .collect(),
        )
    }

    /// One person against the computer at a difficulty.
    pub fn against(factions: usize, human: FactionId, difficulty: Difficulty) -> Players {
        Players::people_against(factions, &[human], difficulty)
    }

    /// People at the machine for some sides (a hotseat game), the computer at a difficulty for
    /// the others.
    pub fn people_against(
        factions: usize,
        humans: &[FactionId],
        difficulty: Difficulty,
    ) -> Players {
        Players::new(
            (0..factions)
                .map(|f| {
                    if humans.contains(&FactionId(f as u8)) {
                        Seat::Human
                    } else {
                        Seat::of(Controller::Ai(difficulty))
                    }
                })
                .collect(),
        )
    }

    /// The seat of a faction, if it has one.
    pub fn seat_mut(&mut self, faction: FactionId) -> Option<&mut Seat> {
        self.seats.get_mut(usize::from(faction.0))
    }

    /// Whether a person plays a faction.
    pub fn is_human(&self, faction: FactionId) -> bool {
        matches!(self.seats.get(usize::from(faction.0)), Some(Seat::Human))
    }

    /// Whether the computer is to move now (the game goes on and no person has the turn).
    pub fn computer_to_move(&self, game: &Game) -> bool {
        !game.is_over() && !self.is_human(game.active_faction())
    }

    /// The next command of the side to move when the computer plays it; `None` when the game
    /// is over or a person is to move. Beyond the turn's cap it is the end of the turn. A
    /// computer player checks what it chooses; were the rules to refuse it all the same (a bug),
    /// [`Players::step`] ends the turn instead.
    pub fn choose(&mut self, game: &Game) -> Option<Command> {
        if !self.computer_to_move(game) {
            return None;
        }
        let me = game.active_faction();
        if self.turn_of != (game.turn(), me) {
            self.turn_of = (game.turn(), me);
            self.this_turn = 0;
        }
        let command = if self.this_turn >= MAX_COMMANDS_PER_TURN {
            Command::EndTurn
        } else {
            // Under the fog of war a computer player decides from what its side sees.
            let view;
            let seen = if game.fog() {
                view = game.view(me);
                &view
            } else {
                game
            };
            match self.seats.get_mut(usize::from(me.0)) {
                Some(Seat::Ai(ai)) => ai.choose(seen),
                Some(Seat::Random) => random_command(seen, self.chosen),
                _ => Command::EndTurn,
            }
        };
        self.chosen += 1;
        self.this_turn += 1;
        Some(command)
    }

    /// Carries out a command the computer chose through `perform`; one the rules refuse ends
    /// the turn instead.
    pub fn step<E>(
        command: &Command,
        mut perform: impl FnMut(&Command) -> Result<Vec<Event>, E>,
    ) -> Result<Vec<Event>, E> {
        match perform(command) {
            Err(_) if *command != Command::EndTurn => perform(&Command::EndTurn),
            done => done,
        }
    }
}
