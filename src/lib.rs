//! Euphrates: a turn-based strategy game of the Euphrates corridor in autumn 2017.
//!
//! Layers: [`sim`] (pure deterministic rules), [`level`] (the level file format), [`save`]
//! (saved games and replays), `app` (the Bevy client, with the `client` feature) and [`cli`] (the command line). See `ARCHITECTURE.md` in the design notes.

#[cfg(feature = "client")]
pub mod app;
pub mod chronicle;
pub mod cli;
pub mod level;
pub mod narrate;
pub mod report;
pub mod save;
pub mod session;
pub mod sim;
pub mod simulate;
