//! Hotseat: several people at one machine, one side each. Between their turns the screen is
//! handed over: nothing of the map, the panels or the log is drawn until the next player says
//! they are ready, so no one sees another side's view (its fog of war, its briefing, its
//! orders). Each then sees only their own side.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::map::camera::{Frame, Framing};
use super::session::Session;
use super::state::{AppState, EguiPass};
use super::teaching::{BriefingAtStart, BriefingOpen, History};
use super::ui_state::Selection;

/// The hand-over screen and what it holds back while it is up.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        EguiPrimaryContextPass,
        (EguiPass::Map, EguiPass::Panels, EguiPass::Windows).run_if(not(hand_over_due)),
    )
    .add_systems(
        EguiPrimaryContextPass,
        hand_over_screen
            .run_if(hand_over_due)
            .after(EguiPass::Windows)
            .before(EguiPass::Focus),
    );
}

/// Whether a game is on screen and waits for the next person at the machine (a run
/// condition).
pub fn hand_over_due(session: Option<Res<Session>>, state: Option<Res<State<AppState>>>) -> bool {
    state.is_some_and(|s| *s.get() == AppState::InGame)
        && session.is_some_and(|s| s.hand_over_due().is_some())
}

/// The side to hand over to, its name and colour.
fn next_side(session: &Session) -> Option<(String, [u8; 3])> {
    let next = session.hand_over_due()?;
    let f = session.game.scenario().faction(next)?;
    Some((f.name.clone(), f.color))
}

/// The hand-over screen: the whole window, opaque, with the next side's name and one button.
fn hand_over_screen(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut selection: ResMut<Selection>,
    mut framing: ResMut<Framing>,
    (mut briefing, at_start): (ResMut<BriefingOpen>, Res<BriefingAtStart>),
    mut history: ResMut<History>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some((name, rgb)) = next_side(&session) else {
        return Ok(());
    };
    let game = &session.game;
    let (turn, date) = (game.turn(), game.date());
    let computer = session.ai_to_move();
    let mut ready = false;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "hand over".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default_margins()
        .frame(egui::Frame::new().fill(egui::Color32::from_rgb(22, 24, 30)))
        .show(&mut root, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space((ui.available_height() / 2.0 - 120.0).max(16.0));
                ui.label(
                    egui::RichText::new(format!("Turn {turn} · {date}"))
                        .size(16.0)
                        .weak(),
                );
                ui.add_space(8.0);
                ui.label(
                    egui::RichText::new(format!("{name} to play"))
                        .size(30.0)
                        .strong()
                        .color(egui::Color32::from_rgb(rgb[0], rgb[1], rgb[2])),
                );
                ui.add_space(12.0);
                ui.label(format!(
                    "Hand the computer to the player of {name}. The map stays hidden until they are ready, so that no side sees another's."
                ));
                ui.add_space(18.0);
                if computer {
                    ui.spinner();
                    ui.weak("The computer is moving its sides first.");
                } else {
                    let button = egui::Button::new(
                        egui::RichText::new(format!("I play {name}: show my map")).size(18.0),
                    );
                    if ui.add(button).on_hover_text("Enter").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Enter))
                    {
                        ready = true;
                    }
                }
            });
        });
    if ready && session.hand_over().is_some() {
        *selection = Selection::default();
        framing.pending = Some(Frame::Forces);
        // Its own briefing at its first turn; the calendar told again in its own log.
        briefing.0 = at_start.0 && session.game.turn() == 1;
        history.told_until = None;
    }
    Ok(())
}
