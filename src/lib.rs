//! Euphrates: a turn-based strategy game of the Euphrates corridor in autumn 2017.
//!
//! Layers, each using only those above it: [`sim`] (the pure, deterministic rules and the
//! computer players), [`level`] (the level file format), [`save`] (saved games and replays),
//! [`narrate`] (every sentence a player reads), [`session`] (the one driver that steps a
//! game, with [`chronicle`] of its turns), [`history`] (the real front line beside a game's map), [`simulate`] and [`report`] (all-AI games and
//! classroom reports), `app` (the Bevy client, with the `client` feature) and [`cli`] (the
//! command line). `tools/module_graph.py` checks that no files import each other in a circle
//! (the rules' `impl Game` blocks aside) and that none grows past 700 lines.

#[cfg(feature = "client")]
pub mod app;
pub mod art;
pub mod chronicle;
pub mod cli;
pub mod history;
pub mod level;
pub mod narrate;
pub mod report;
pub mod save;
pub mod session;
pub mod sim;
pub mod simulate;
pub mod tutorial;
