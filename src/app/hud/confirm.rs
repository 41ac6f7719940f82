//! The question asked before a costly or irreversible order (breaching an agreement, ending
//! coordination, spending much of the treasury), with its cost spelled out.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::app::ui_state::{OrderButton, Selection};

pub(super) fn confirm_window(
    mut contexts: EguiContexts,
    mut selection: ResMut<Selection>,
    mut orders: MessageWriter<OrderButton>,
) -> Result {
    let Some(pending) = selection.confirm.clone() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let mut answer = None;
    egui::Window::new("Are you sure?")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .default_width(380.0)
        .show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.label(&pending.question);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new("Go ahead").strong())
                    .on_hover_text("Give the order (Enter).")
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button("Cancel").on_hover_text("Esc.").clicked() {
                    answer = Some(false);
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Some(true);
            }
        });
    if let Some(yes) = answer {
        selection.confirm = None;
        if yes {
            orders.write(OrderButton::now(pending.command));
        }
    }
    Ok(())
}
