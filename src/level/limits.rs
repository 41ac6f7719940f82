//! Bounds on what a level may hold, so that a hostile file cannot exhaust memory or time.

/// Largest level file accepted.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Longest string accepted, in bytes.
pub const MAX_STRING_BYTES: usize = 4096;

/// Most units in a level.
pub const MAX_UNITS: usize = 5000;

/// Most entries in any other list (places, fields, roads, …).
pub const MAX_ITEMS: usize = 5000;

/// Most factions (they are drawn in distinct colours and indexed by a byte).
pub const MAX_FACTIONS: usize = 16;

/// Most points in one line or road.
pub const MAX_LINE_POINTS: usize = 100_000;

/// Deepest nesting the parser follows.
pub const RECURSION_LIMIT: usize = 64;

/// Most problems reported for one file; the rest are counted.
pub const MAX_DIAGNOSTICS: usize = 100;
