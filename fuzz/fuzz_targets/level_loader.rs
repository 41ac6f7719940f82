//! Any bytes given as a level: the loader answers with a level or diagnostics, never a panic,
//! and a level it accepts starts a game whose state holds the rules' invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(level) = euphrates::level::load_str("fuzz.ron", text) {
        let game = euphrates::sim::Game::new(level.scenario, 1);
        if let Err(e) = game.check_invariants() {
            panic!("a level the loader accepted starts a broken game: {e}");
        }
    }
});
