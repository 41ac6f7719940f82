//! Any bytes given as a save of the tutorial: parsing, restoring from a snapshot and
//! replaying answer with a game or an error, never a panic or a half-built game.
#![no_main]

use std::sync::LazyLock;

use euphrates::level::{LoadedLevel, load_str};
use libfuzzer_sys::fuzz_target;

static TUTORIAL: LazyLock<LoadedLevel> = LazyLock::new(|| {
    load_str("tutorial.ron", include_str!("../../levels/tutorial.ron")).expect("the tutorial loads")
});

fuzz_target!(|data: &[u8]| {
    let Ok(save) = euphrates::save::parse("fuzz.sav", data) else {
        return;
    };
    // The level's hash is not checked here, so the fuzzer can reach the replay with any
    // commands and snapshots; `turns` is bounded as the loader bounds a level's.
    let mut scenario = TUTORIAL.scenario.clone();
    scenario.turns = save.turns.min(500);
    if let Ok((game, _)) = save.restore(scenario.clone()) {
        if let Err(e) = game.check_invariants() {
            panic!("a restored game breaks an invariant: {e}");
        }
    }
    let _ = save.verify(scenario);
});
