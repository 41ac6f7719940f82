//! `--screenshot PNG --frames N`: render N frames, save the window to a PNG and exit.
//! Used by the window smoke test, for documentation and for bug reports.

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
    busy: Option<Res<crate::app::ui_state::AutoEndTurns>>,
    session: Res<crate::app::session::Session>,
    mut exit: MessageWriter<AppExit>,
) {
    // Frames are counted once turns to end by themselves are ended and the computer is done.
    if busy.is_some_and(|b| b.0 > 0) || session.ai_to_move() {
        return;
    }
    plan.counted += 1;
    if !plan.requested && plan.counted >= plan.frames {
        plan.requested = true;
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
