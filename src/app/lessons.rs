//! The guided tutorial on screen: a window at the map's upper left with the current lesson —
//! what to do, then, once done, what happened — and buttons to go on, skip a lesson or end
//! the tutorial. The lessons come from the level file ([`crate::level::lessons`]); the
//! progress through them is [`crate::tutorial::Progress`], fed here with what the player does.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::session::Session;
use super::state::{AppState, EguiPass};
use super::ui_state::{CentreOn, MapArea, OpenSections, Overlays, Selection};
use crate::level::lessons::Goal;
use crate::tutorial::{Facts, Progress};

/// The tutorial being played, if the level has one for the player's side.
#[derive(Resource, Default, Debug)]
pub struct Lessons {
    /// Where the player is in the lessons.
    pub progress: Option<Progress>,
    /// The session the lessons were started for (its level, by address, and its seed).
    started_for: Option<(usize, u64)>,
    /// The lesson whose place was last looked at, so the camera moves once per lesson.
    looked_at: Option<usize>,
    /// Where the window's main button ("Next", "Continue") was drawn, for tests that click it.
    pub next_button: Option<egui::Rect>,
}

/// The tutorial's window and its following of the player's play.
pub fn plugin(app: &mut App) {
    app.init_resource::<Lessons>()
        .add_systems(
            Update,
            (start_lessons, follow_play)
                .chain()
                .after(super::orders::handle_actions)
                .run_if(in_state(AppState::InGame)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            lesson_window
                .in_set(EguiPass::Windows)
                .run_if(in_state(AppState::InGame)),
        );
}

/// Starts the lessons when a game begins on a level with a tutorial for the player's side
/// (not in a hotseat game, where several people share the screen).
fn start_lessons(session: Res<Session>, mut lessons: ResMut<Lessons>) {
    let id = (
        std::sync::Arc::as_ptr(&session.level) as usize,
        session.seed,
    );
    if lessons.started_for == Some(id) {
        return;
    }
    lessons.started_for = Some(id);
    lessons.looked_at = None;
    let me = session
        .level
        .scenario
        .faction(session.player)
        .map(|f| f.key.clone());
    lessons.progress = session
        .level
        .file
        .tutorial
        .as_ref()
        .filter(|t| Some(&t.faction) == me.as_ref() && !session.is_hotseat())
        .map(Progress::new);
}

/// Tells the lessons what the player did and what the screen shows; looks at what a new
/// lesson is about.
fn follow_play(
    mut session: ResMut<Session>,
    selection: Res<Selection>,
    overlays: Res<Overlays>,
    sections: Res<OpenSections>,
    mut lessons: ResMut<Lessons>,
    mut centre: MessageWriter<CentreOn>,
    focus: Res<super::ui_state::UiFocus>,
) {
    let Some(progress) = lessons.progress.as_mut() else {
        // Nothing follows people's commands: let them go (without marking the game changed).
        if session.has_people_commands() {
            session.take_people_commands();
        }
        return;
    };
    if session.has_people_commands() {
        for command in session.take_people_commands() {
            progress.command(&session.game, &command);
        }
    }
    let me = session.player;
    let game = session.view();
    let facts = Facts {
        selected: selection
            .unit
            .and_then(|id| game.unit(id))
            .filter(|u| u.owner == me)
            .map(|u| u.key.clone()),
        odds: selection.pending.is_some(),
        overlays: [overlays.control, overlays.supply, overlays.objectives],
        sections: [
            sections.economy,
            sections.diplomacy,
            sections.objectives,
            sections.orders,
        ],
    };
    progress.look(&facts);
    let shown = progress
        .current()
        .and_then(|(i, l)| l.show.as_deref().map(|s| (i, s.to_owned())));
    // Once the briefing (or any window that holds the player's attention) is closed.
    if let Some((i, key)) = shown
        && lessons.looked_at != Some(i)
        && !focus.modal
    {
        lessons.looked_at = Some(i);
        if let Some(hex) = shown_hex(&session, &key) {
            centre.write(CentreOn(hex));
        }
    }
}

/// Where a lesson's `show` (a place, oil field or unit id) is now.
pub fn shown_hex(session: &Session, key: &str) -> Option<hexx::Hex> {
    let game = session.view();
    let s = game.scenario();
    s.places
        .iter()
        .find(|p| p.key == key)
        .map(|p| p.hex)
        .or_else(|| s.oil_fields.iter().find(|f| f.key == key).map(|f| f.hex))
        .or_else(|| game.units().find(|u| u.key == key).map(|u| u.hex))
}

/// A line telling what the lesson waits for.
fn waiting_for(goal: &Goal) -> &'static str {
    match goal {
        Goal::Read => "",
        Goal::Select | Goal::SelectUnit(_) => "Waiting for you to select the unit.",
        Goal::Move | Goal::MoveUnit(_) => "Waiting for you to move.",
        Goal::Odds => "Waiting for you to click an enemy.",
        Goal::Attack => "Waiting for you to attack.",
        Goal::Overlay(_) => "Waiting for you to show the overlay.",
        Goal::Recruit => "Waiting for you to recruit a unit.",
        Goal::Support => "Waiting for you to call on your patron.",
        Goal::Propose => "Waiting for your proposal.",
        Goal::Open(_) => "Waiting for you to open the section.",
        Goal::EndTurn => "Waiting for you to end the turn.",
    }
}

fn lesson_window(
    mut contexts: EguiContexts,
    mut lessons: ResMut<Lessons>,
    session: Res<Session>,
    area: Res<MapArea>,
    mut targets: ResMut<super::ui_state::ClickTargets>,
    focus: Res<super::ui_state::UiFocus>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    lessons.next_button = None;
    targets.clear("lesson ");
    // Not over the briefing, the menu or another window that holds the player's attention.
    if session.hand_over_due().is_some() || focus.modal {
        return Ok(());
    }
    let Some(progress) = lessons.progress.as_ref() else {
        return Ok(());
    };
    let Some((i, lesson)) = progress.current() else {
        return Ok(());
    };
    let (total, met) = (progress.len(), progress.is_met());
    let lesson = lesson.clone();
    let zoom = ctx.zoom_factor();
    // The map's upper left: the odds window takes its upper right, the minimap its foot.
    let left_top = area.0.map_or_else(
        || ctx.content_rect().left_top() + egui::vec2(10.0, 40.0),
        |a| egui::pos2(a.min.x / zoom + 10.0, a.min.y / zoom + 10.0),
    );
    let (mut next, mut skip, mut end) = (false, false, false);
    let mut button = None;
    egui::Window::new(format!("Lesson {} of {total}: {}", i + 1, lesson.title))
        .id(egui::Id::new("lesson"))
        .collapsible(true)
        .resizable(false)
        .fixed_pos(left_top)
        .pivot(egui::Align2::LEFT_TOP)
        .fixed_size(egui::vec2(330.0, 0.0))
        .show(ctx, |ui| {
            ui.label(&lesson.text);
            if met {
                if !lesson.done.trim().is_empty() {
                    ui.separator();
                    ui.colored_label(egui::Color32::from_rgb(150, 215, 150), &lesson.done);
                }
                ui.add_space(4.0);
                let label = if i + 1 == total {
                    "Finish the tutorial"
                } else if lesson.goal == Goal::Read {
                    "Continue ›"
                } else {
                    "Next lesson ›"
                };
                let r = ui.button(egui::RichText::new(label).strong());
                button = Some(r.rect);
                next = r.clicked();
            } else {
                ui.add_space(4.0);
                ui.weak(waiting_for(&lesson.goal));
                ui.horizontal(|ui| {
                    let s = ui
                        .small_button("Skip this lesson")
                        .on_hover_text("Go on to the next lesson without doing this one.");
                    let e = ui
                        .small_button("End the tutorial")
                        .on_hover_text("Play on without lessons.");
                    skip = s.clicked();
                    end = e.clicked();
                    targets.0.push(("lesson skip".into(), s.rect));
                    targets.0.push(("lesson end".into(), e.rect));
                });
            }
        });
    lessons.next_button = button;
    if let Some(p) = lessons.progress.as_mut() {
        if next || skip {
            p.next();
        } else if end {
            p.finish();
        }
    }
    Ok(())
}
