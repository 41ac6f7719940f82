//! The level file format (RON, `format: 1`): parsing, validation with precise diagnostics,
//! and conversion to a [`crate::sim::Scenario`]. See `docs/MODDING.md`.
//!
//! Nothing here panics on any input: every problem becomes a [`Diagnostic`].

pub mod diag;
pub mod geo;
pub mod inspect;
pub mod lessons;
pub mod library;
pub mod limits;
pub mod load;
pub mod locate;
pub mod schema;
pub mod teaching;
mod validate;

pub use diag::Diagnostic;
pub use load::{LoadedLevel, load_path, load_str};

/// The level the game opens when none is named.
pub const DEFAULT_LEVEL: &str = "levels/euphrates_2017.ron";
