//! The question asked before a costly or irreversible order (breaching an agreement, ending
//! coordination, spending much of the treasury), with its cost spelled out.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::app::session::Session;
use crate::app::ui_state::{OrderButton, PendingOrder, Selection};
use crate::sim::Command;

pub(super) fn confirm_window(
    mut contexts: EguiContexts,
    mut selection: ResMut<Selection>,
    mut orders: MessageWriter<OrderButton>,
) -> Result {
    let Some(mut pending) = selection.confirm.clone() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let mut answer = None;
    let proposal = pending.decline.is_some();
    let (title, yes, yes_hint, no, no_hint) = if proposal {
        (
            "A proposal",
            "Accept",
            "Agree to coordinate (Enter).",
            "Decline",
            "Say no. Esc puts the question off: it is still in the Diplomacy orders until your turn ends.",
        )
    } else if pending.quiet.is_some() {
        (
            "Units still to act",
            "End turn",
            "End the turn all the same (Enter).",
            "Back to my units",
            "Give them orders first (Esc). K tells a unit to keep its place.",
        )
    } else {
        (
            "Are you sure?",
            "Go ahead",
            "Give the order (Enter).",
            "Cancel",
            "Esc.",
        )
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .default_width(380.0)
        .show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.label(&pending.question);
            ui.add_space(6.0);
            if let Some((_, quiet)) = &mut pending.quiet {
                ui.checkbox(quiet, "Don't ask again this turn");
            }
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new(yes).strong())
                    .on_hover_text(yes_hint)
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button(no).on_hover_text(no_hint).clicked() {
                    answer = Some(false);
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Some(true);
            }
        });
    if answer.is_none() && selection.confirm.as_ref() != Some(&pending) {
        selection.confirm = Some(pending.clone());
    }
    if let Some(yes) = answer {
        selection.confirm = None;
        if let Some((turn, true)) = pending.quiet {
            selection.quiet_turn = Some(turn);
        }
        if yes {
            orders.write(OrderButton::now(pending.command));
        } else if let Some(no) = pending.decline {
            orders.write(OrderButton::now(no));
        }
    }
    Ok(())
}

/// On the player's turn, a proposal of coordination made to the player's side is put to the
/// player once: accept, decline, or (Esc) answer later from the Diplomacy orders.
pub(super) fn put_proposals(
    session: Res<Session>,
    mut selection: ResMut<Selection>,
    focus: Res<crate::app::ui_state::UiFocus>,
    mut asked: Local<Vec<(u16, crate::sim::FactionId)>>,
) {
    let game = session.view();
    let me = session.player;
    // After the briefing, the menu or any other window the player has open.
    if game.is_over()
        || game.active_faction() != me
        || focus.modal
        || selection.confirm.is_some()
        || selection.pending.is_some()
    {
        return;
    }
    asked.retain(|(turn, _)| *turn == game.turn());
    let Some(from) = game
        .proposals_to(me)
        .find(|f| !asked.contains(&(game.turn(), *f)))
    else {
        return;
    };
    asked.push((game.turn(), from));
    selection.confirm = Some(PendingOrder {
        command: Command::AnswerProposal { from, accept: true },
        question: crate::narrate::names::proposal(game, from, me),
        decline: Some(Command::AnswerProposal {
            from,
            accept: false,
        }),
        quiet: None,
    });
}
