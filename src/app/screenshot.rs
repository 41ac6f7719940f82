//! `--screenshot PNG --frames N`: render N frames, save the window to a PNG and exit.
//! Used by the window smoke test, for documentation and for bug reports. Beside the PNG, a
//! `.layout.txt` lists where the top bar's controls were drawn and any cut off or overlapping,
//! so a test can check the layout of the very frame in the picture.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

#[derive(Resource)]
struct ScreenshotPlan {
    path: PathBuf,
    frames: u32,
    counted: u32,
    requested: bool,
}

/// Frames to wait for the file after asking for it before giving up.
const PATIENCE: u32 = 600;

/// The plugin for a screenshot at `path` after `frames` frames.
pub fn plugin(path: PathBuf, frames: u32) -> impl Fn(&mut App) {
    move |app: &mut App| {
        // A stale file from an earlier run must not pass for this one.
        let _ = std::fs::remove_file(&path);
        app.insert_resource(ScreenshotPlan {
            path: path.clone(),
            frames,
            counted: 0,
            requested: false,
        })
        .add_systems(Update, take);
    }
}

fn take(
    mut commands: Commands,
    mut plan: ResMut<ScreenshotPlan>,
    layout: Option<Res<crate::app::ui_state::TopBarLayout>>,
    busy: Option<Res<crate::app::ui_state::AutoEndTurns>>,
    session: Res<crate::app::session::Session>,
    (painted, terrain): (
        Option<Res<crate::app::map::overlay::MapPainted>>,
        Option<Res<crate::app::map::view::TerrainPainted>>,
    ),
    mut exit: MessageWriter<AppExit>,
) {
    // Frames are counted once turns to end by themselves are ended and the computer is done.
    if busy.is_some_and(|b| b.0 > 0) || session.ai_to_move() {
        return;
    }
    plan.counted += 1;
    if !plan.requested && plan.counted >= plan.frames {
        plan.requested = true;
        if let Some(layout) = layout {
            let mut report = layout_report(&layout);
            if terrain.is_some_and(|t| t.0) {
                report.push_str("terrain: painted tiles from assets\n");
            }
            for c in painted.iter().flat_map(|p| &p.1) {
                let r = |r: bevy_egui::egui::Rect| {
                    format!(
                        "{:.0} {:.0} {:.0} {:.0}",
                        r.min.x, r.min.y, r.max.x, r.max.y
                    )
                };
                report.push_str(&format!(
                    "counter {}: {} symbol {}\n",
                    crate::art::symbols::symbol_name(c.kind),
                    r(c.rect),
                    r(c.symbol)
                ));
            }
            let path = plan.path.with_extension("layout.txt");
            if let Err(e) = std::fs::write(&path, report) {
                warn!(
                    "the layout report was not written to {}: {e}",
                    path.display()
                );
            }
        }
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(plan.path.clone()));
        return;
    }
    if plan.requested {
        if std::fs::metadata(&plan.path).is_ok_and(|m| m.len() > 0) {
            exit.write(AppExit::Success);
        } else if plan.counted > plan.frames + PATIENCE {
            error!("the screenshot was not written to {}", plan.path.display());
            exit.write(AppExit::error());
        }
    }
}

/// The top bar's controls, one a line, then its problems (none when it fits).
fn layout_report(layout: &crate::app::ui_state::TopBarLayout) -> String {
    let mut out = String::new();
    for c in &layout.controls {
        out.push_str(&format!(
            "control {}: {}\n",
            c.name,
            crate::app::ui_state::corners(c.rect)
        ));
    }
    for p in layout.problems() {
        out.push_str(&format!("problem: {p}\n"));
    }
    out
}
