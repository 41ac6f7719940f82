//! `play --bench-pan SECONDS`: measures what a player feels — the time from launch to an
//! interactive map, and the frame rate while the map pans — then exits with a report.

use std::time::{Duration, Instant};

use bevy::prelude::*;

use super::map::coords::MapGeometry;
use super::ui_state::MapCamera;

#[derive(Resource, Debug)]
struct PanBench {
    launched: Instant,
    length: Duration,
    /// When the map was first drawn, and the frame count then.
    ready: Option<(Instant, u32)>,
    frames: u32,
    /// Frame times while panning, in seconds.
    times: Vec<f32>,
    last: Option<Instant>,
}

/// The plugin: pans for `seconds` once the map is shown and prints the numbers.
pub fn plugin(launched: Instant, seconds: f32) -> impl Fn(&mut App) {
    move |app: &mut App| {
        app.insert_resource(PanBench {
            launched,
            length: Duration::from_secs_f32(seconds.clamp(1.0, 600.0)),
            ready: None,
            frames: 0,
            times: Vec::new(),
            last: None,
        })
        .add_systems(Update, pan);
    }
}

fn pan(
    mut bench: ResMut<PanBench>,
    geo: Option<Res<MapGeometry>>,
    mut camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = Instant::now();
    bench.frames += 1;
    let Some(geo) = geo else { return };
    // Two frames after the map exists it has been drawn and input is live.
    let Some((ready, ready_frame)) = bench.ready else {
        if bench.frames >= 3 {
            bench.ready = Some((now, bench.frames));
            let (_, projection) = &mut *camera;
            if let Projection::Orthographic(o) = &mut **projection {
                // A player's working zoom: a region, not the whole map.
                o.scale = 0.8;
            }
        }
        return;
    };
    if let Some(last) = bench.last {
        let dt = (now - last).as_secs_f32();
        bench.times.push(dt);
    }
    bench.last = Some(now);
    // Sweep across the map and back.
    let t = (now - ready).as_secs_f32();
    let extent = geo.extent();
    let centre = geo.centre();
    let (transform, _) = &mut *camera;
    transform.translation.x = centre.x + (t * 0.6).sin() * extent.x * 0.35;
    transform.translation.y = centre.y + (t * 0.4).cos() * extent.y * 0.3;
    if now - ready >= bench.length {
        let mut times = bench.times.clone();
        times.sort_by(f32::total_cmp);
        let n = times.len().max(1);
        let total: f32 = times.iter().sum();
        let median = times.get(n / 2).copied().unwrap_or(0.0);
        let p95 = times.get(n * 95 / 100).copied().unwrap_or(0.0);
        println!(
            "launch to interactive map: {:.2} s (frame {ready_frame})",
            (ready - bench.launched).as_secs_f32()
        );
        println!(
            "panning: {} frames in {:.1} s = {:.1} frames/s; frame time median {:.1} ms, 95th percentile {:.1} ms",
            times.len(),
            total,
            times.len() as f32 / total.max(0.001),
            median * 1000.0,
            p95 * 1000.0
        );
        exit.write(AppExit::Success);
    }
}
