//! Euphrates: a turn-based strategy game of the Euphrates corridor in autumn 2017.
//!
//! Layers: [`sim`] (pure deterministic rules), [`level`] (the level file format), [`app`]
//! (the Bevy client) and [`cli`] (the command line). See `ARCHITECTURE.md` in the design notes.

pub mod app;
pub mod cli;
pub mod level;
pub mod sim;
pub mod simulate;
