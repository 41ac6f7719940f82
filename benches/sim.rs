//! Benchmarks, run with `cargo bench` (release profile). They print timings; they do not
//! fail on them. Targets: load + validate of the default level under 20 ms; supply for all
//! factions of the default level under 1 ms; on a 256×256 map with 2,000 units under 50 ms;
//! one AI turn for all factions under 20 ms; a whole all-AI game under 300 ms.
//!
//! Words after `--` pick the benchmarks whose names contain one of them, e.g.
//! `cargo bench --bench sim -- "AI turn"` (for profiling one figure).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use euphrates::level;
use euphrates::sim::ai::{AiPlayer, Controller, Difficulty};
use euphrates::sim::{
    Command, FactionId, Game, MoveClass, ScenarioBuilder, SupplyKind, Terrain, UnitKind,
};

/// Whether a benchmark was asked for: every one when no filter is given.
fn wanted(name: &str) -> bool {
    // Cargo passes `--bench` itself; the other arguments are the filters.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

fn measure(name: &str, target: Option<Duration>, mut f: impl FnMut()) {
    if !wanted(name) {
        return;
    }
    // Warm up, then time enough runs for a stable figure.
    f();
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 10 || (start.elapsed() < Duration::from_secs(2) && times.len() < 1000) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    let verdict = match target {
        Some(t) if times[times.len() / 2] <= t => format!("  (target {t:?}: met)"),
        Some(t) => format!("  (target {t:?}: MISSED)"),
        None => String::new(),
    };
    println!(
        "{name:<44} median {:>10.3?}  mean {:>10.3?}  min {:>10.3?}  max {:>10.3?}  runs {}{verdict}",
        times[times.len() / 2],
        mean,
        times[0],
        times[times.len() - 1],
        times.len()
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("levels"))
        .expect("levels/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).expect("level text");
        let target = (name == level::DEFAULT_LEVEL.rsplit('/').next().unwrap())
            .then_some(Duration::from_millis(20));
        measure(&format!("load + validate {name}"), target, || {
            black_box(level::load_str(&name, black_box(&text)).is_ok());
        });
        let Ok(l) = level::load_str(&name, &text) else {
            continue;
        };
        let game = Game::new(l.scenario, 1);
        // The map's step tables are built once a game, on first use, and shared by its
        // copies: built here, so that no figure below counts them, whichever are run.
        for class in [MoveClass::Foot, MoveClass::Motor] {
            black_box(game.step_table(class).len());
        }
        let units: Vec<_> = game.units().map(|u| u.id).collect();
        measure(
            &format!("reachable hexes, all {} units, {name}", units.len()),
            None,
            || {
                for u in &units {
                    black_box(game.reachable(*u).len());
                }
            },
        );
        let factions = game.scenario().factions.len();
        let target = (name == "euphrates_2017.ron").then_some(Duration::from_millis(1));
        measure(
            &format!("supply, all {factions} factions, {name}"),
            target,
            || {
                for f in 0..factions {
                    black_box(game.trace_supply(FactionId(f as u8)));
                }
            },
        );
        // Each side's view of the game: what a computer player decides from under the fog of
        // war, taken before each of its commands.
        measure(
            &format!("a side's view of the game, all {factions} factions, {name}"),
            None,
            || {
                for f in 0..factions {
                    black_box(game.view(FactionId(f as u8)).units().count());
                }
            },
        );
        // A full round: every faction's turn starts (supply, support, income, fuel), the new
        // turn's relations and oil strikes. The game copy is included in the time.
        measure(
            &format!("a full round of turn starts, {factions} factions, {name}"),
            None,
            || {
                let mut g = game.clone();
                for _ in 0..factions {
                    black_box(g.perform(&Command::EndTurn).is_ok());
                }
            },
        );
        // One full turn of AI play for every faction (normal difficulty), from the start.
        measure(
            &format!("one AI turn for all {factions} factions, {name}"),
            (name == "euphrates_2017.ron").then_some(Duration::from_millis(20)),
            || {
                let mut g = game.clone();
                let mut ais: Vec<AiPlayer> = (0..factions)
                    .map(|_| AiPlayer::new(Difficulty::Normal))
                    .collect();
                let turn = g.turn();
                while g.turn() == turn && !g.is_over() {
                    let c = ais[usize::from(g.active_faction().0)].choose(&g);
                    black_box(g.perform(&c).is_ok());
                }
            },
        );
        let scenario = game.scenario_arc();
        let controllers = vec![Controller::Ai(Difficulty::Normal); factions];
        // A game that runs to the last turn: one side securing all its objectives ends a game
        // early, and a short game would flatter the figure.
        let full = scenario.turns;
        let whole = format!("a whole {full}-turn all-AI game");
        let seed = if wanted(&format!("{whole} (seed ?), {name}")) {
            (1..=100)
                .find(|&seed| {
                    let (g, _) = euphrates::simulate::play(scenario.clone(), seed, &controllers);
                    g.turn() >= full
                })
                .unwrap_or(1)
        } else {
            1
        };
        measure(
            &format!("{whole} (seed {seed}), {name}"),
            (name == "euphrates_2017.ron").then_some(Duration::from_millis(300)),
            || {
                black_box(
                    euphrates::simulate::play(scenario.clone(), seed, &controllers)
                        .1
                        .commands,
                );
            },
        );
        let turns = game.scenario().turns;
        measure(
            &format!("{turns} turns of end-turns only, {name}"),
            None,
            || {
                let mut g = game.clone();
                while !g.is_over() {
                    black_box(g.perform(&Command::EndTurn).is_ok());
                }
            },
        );
    }
    // A hostile-size map: 256 x 256 hexes, 2,000 units, four factions with road networks.
    let mut b = ScenarioBuilder::new(256, 256, Terrain::Steppe);
    let factions: Vec<FactionId> = (0..4).map(|i| b.faction(&format!("f{i}"))).collect();
    for row in (0..256).step_by(16) {
        for col in 0..255 {
            let (h, n) = (b.hex(col, row), b.hex(col + 1, row));
            b.map().add_road(h, n);
        }
    }
    for (k, f) in factions.iter().enumerate() {
        for row in 0..256 {
            for col in (k as i32 * 64)..(k as i32 * 64 + 64) {
                b.control(col, row, Some(*f));
            }
        }
        for row in (0..256).step_by(32) {
            let at = b.hex(k as i32 * 64, row);
            b.supply_source(*f, "edge", SupplyKind::Road, at);
        }
    }
    for i in 0..2000 {
        let (col, row) = ((i * 37) % 256, (i * 53 + i / 256 * 7) % 256);
        let f = factions[(col / 64) as usize];
        b.unit(f, UnitKind::Infantry, col, row);
    }
    let game = Game::new(b.build(), 1);
    measure(
        "supply, 4 factions, 256x256 map, 2,000 units",
        Some(Duration::from_millis(50)),
        || {
            for f in &factions {
                black_box(game.trace_supply(*f));
            }
        },
    );
}
