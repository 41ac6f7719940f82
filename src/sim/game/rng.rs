//! The game's dice (a seeded ChaCha stream kept in the state, so saves and replays roll the
//! same) and the stable hasher of state hashes, the same on every machine and run.

use std::hash::{Hash, Hasher};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The game's random number generator: ChaCha8 seeded from the game seed, stored in the
/// state so that saves and replays continue the same sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "RngState", from = "RngState")]
pub struct SimRng(ChaCha8Rng);

/// The generator's position in plain integers (formats like RON have no 128-bit integers).
#[derive(Clone, Serialize, Deserialize)]
struct RngState {
    seed: [u8; 32],
    stream: u64,
    word_pos_high: u64,
    word_pos_low: u64,
}

impl From<SimRng> for RngState {
    fn from(r: SimRng) -> Self {
        let pos = r.0.get_word_pos();
        RngState {
            seed: r.0.get_seed(),
            stream: r.0.get_stream(),
            word_pos_high: (pos >> 64) as u64,
            word_pos_low: pos as u64,
        }
    }
}

impl From<RngState> for SimRng {
    fn from(s: RngState) -> Self {
        let mut rng = ChaCha8Rng::from_seed(s.seed);
        rng.set_stream(s.stream);
        rng.set_word_pos((u128::from(s.word_pos_high) << 64) | u128::from(s.word_pos_low));
        SimRng(rng)
    }
}

impl SimRng {
    /// A generator for a game seed.
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// One roll of a six-sided die.
    pub fn d6(&mut self) -> u8 {
        self.0.random_range(1..=6u8)
    }
}

impl Hash for SimRng {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.get_seed().hash(state);
        self.0.get_stream().hash(state);
        self.0.get_word_pos().hash(state);
    }
}

/// A 64-bit FNV-1a hasher that writes integers little-endian, so hashes agree on every
/// platform (the standard hasher is neither stable across releases nor specified).
#[derive(Clone, Debug)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u16(&mut self, n: u16) {
        self.write(&n.to_le_bytes());
    }
    fn write_u32(&mut self, n: u32) {
        self.write(&n.to_le_bytes());
    }
    fn write_u64(&mut self, n: u64) {
        self.write(&n.to_le_bytes());
    }
    fn write_u128(&mut self, n: u128) {
        self.write(&n.to_le_bytes());
    }
    fn write_usize(&mut self, n: usize) {
        self.write(&(n as u64).to_le_bytes());
    }
    fn write_i32(&mut self, n: i32) {
        self.write(&n.to_le_bytes());
    }
    fn write_i64(&mut self, n: i64) {
        self.write(&n.to_le_bytes());
    }
    fn write_isize(&mut self, n: isize) {
        self.write(&(n as i64).to_le_bytes());
    }
}
