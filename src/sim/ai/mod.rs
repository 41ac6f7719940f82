//! Computer opponents. An AI player issues the same [`Command`]s as a human, one at a time,
//! through the same [`Game::check`]: it cannot cheat. It plays to its faction's objectives —
//! places, fields and routes to take or keep — and to the points of the places it can take;
//! it keeps to its supply, concentrates force for attacks it expects to win, uses its patrons'
//! support and its money, and coordinates with neutral neighbours that fight the same enemy.
//! Above easy, it closes in on a target an enemy holds even where its supply stops short (the
//! enemy there is what cuts it).
//!
//! Difficulty changes how well it plays, never what it may do: an easy AI attacks piecemeal,
//! leaves half its units idle each turn and seldom spends; a hard AI also weighs danger,
//! strikes before it attacks, concentrates on its objectives (and what lies on its way) and
//! lines up its strongest units where an attack will start, keeping its air power for strikes
//! on the place it assaults; it attacks a place it wants at any odds the prize is worth (a
//! rival waiting for better odds gets there first), goes after the enemies that cut its supply
//! lines, and breaks a deconfliction line when all that is left to take lies beyond it. It
//! splits its force into task forces (each target gets the nearest units until they are
//! enough to take it), wears down from the air the defences of the place it closes in on,
//! keeps a garrison where a unit stands in a place on the edge of enemy ground, hunts down an
//! enemy loose in its ground, and under the fog of war reckons with the enemies it remembers
//! but no longer sees. It races: a target another side could reach within two turns goes
//! before those only it can take, and a unit that can walk into an empty place of its own
//! with a loose enemy near keeps out of attacks and goes there.
//!
//! Above easy, it plays the end: in the last turns it garrisons what an enemy could walk
//! into, and in the round that ends the game (the last, or one at whose end another side
//! wins decisively) it walks into empty towns its enemies hold, stays on its own
//! that an enemy still to move could enter, and attacks for ground at any odds (losses no
//! longer count). A side that must survive (the Islamic State) plays as a defender: it holds
//! on to its places, strong garrisons too, spends its money refitting their garrisons, weighs
//! its own losses double, never plays boldly, keeps a reserve near its supply (never the
//! garrison of a place while another unit could go) and raises militia in its rear. Every
//! choice is deterministic for a given game state.

mod difficulty;
mod driver;
mod fields;
mod fight;
mod lookahead;
mod plan;
mod player;
mod random;
mod reach;
mod spend;
mod support;
mod targets;
mod tasks;

pub use difficulty::{Controller, Difficulty, MAX_COMMANDS_PER_TURN};
pub use driver::{Players, Seat};
pub use player::AiPlayer;
pub use random::random_command;
