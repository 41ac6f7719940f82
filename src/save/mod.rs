//! Saved games and replays.
//!
//! A save is a replay: the level it was played on (id, where it was, a hash of its content),
//! the seed, and every command in order with the state hash after it. Loading replays the
//! commands; periodic snapshots of the whole state let it start from the latest one instead of
//! the first turn. Because the rules are deterministic, the recorded hashes check every step:
//! a damaged file or a changed level is caught, named and refused, never half loaded.
//!
//! Writes go to a temporary file that is flushed to disk and then renamed over the old save,
//! which is kept beside it as `NAME.sav.bak`: a failed write loses nothing.
//! See `docs/SAVES.md` for the format.

//!
//! [`format`] is what a save holds, [`record`] how a game is recorded, [`restore`] how a save
//! is loaded and checked, and [`file`] how saves are written and read.

mod file;
mod format;
mod record;
mod restore;

pub use file::{
    AUTOSAVES_KEPT, EXTENSION, MAX_SAVE_BYTES, SAVE_DIR_VAR, SaveInfo, autosave, default_dir, list,
    parse, read, write, write_atomic,
};
pub use format::{
    Divergence, FORMAT, LevelRef, Recorded, SNAPSHOT_EVERY, Save, SaveError, Situation, Snapshot,
    TurnStart, level_hash, suggested_name,
};
pub use record::Recorder;
pub use restore::{Verified, find_level};
