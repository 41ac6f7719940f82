//! Benchmarks, run with `cargo bench` (release profile). They print timings; they do not
//! fail on them. Targets: load + validate of the default level under 20 ms.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use euphrates::level;
use euphrates::sim::Game;

fn measure(name: &str, target: Option<Duration>, mut f: impl FnMut()) {
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
    }
}
