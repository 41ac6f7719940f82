//! The help window: every key.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::app::ui_state::{HelpOpen, UiFocus};
use crate::sim::rules;

pub(super) fn help_keys(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut help: ResMut<HelpOpen>,
) {
    if !focus.typing && (keys.just_pressed(KeyCode::F1) || keys.just_pressed(KeyCode::KeyH)) {
        help.0 = !help.0;
    }
}

pub(super) fn help_window(mut contexts: EguiContexts, mut help: ResMut<HelpOpen>) -> Result {
    if !help.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new("Help")
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label("Your turn: move and attack with your units, give orders, then End turn. The other sides then move; their actions appear in the log at the bottom.");
            ui.label("Supply comes along roads from your sources. Units low on supply have two turns before they lose strength; out of supply they move at half speed and cannot attack.");
            ui.label(format!(
                "Units that stay a whole turn in place dig in: +{} % defence.",
                rules::DUG_IN_PERCENT - 100,
            ));
            ui.label(format!(
                "Towns may hold lines of prepared defences (the column of sand blocks beside the counter or the town, hollow once broken). While one stands, a won attack breaks a line instead of driving the garrison out, and storming them costs each attacker at least {} %; an air strike breaks one on a roll of {} or more. The holder can dig a line again ({}) where it has a garrison, once a turn, but not within {} turns of a breach.",
                crate::sim::defences::STORMING_LOSS_PERCENT,
                crate::sim::defences::STRIKE_BREACH_ROLL,
                crate::narrate::names::money(crate::sim::defences::FORTIFY_COST),
                crate::sim::defences::UNDER_FIRE_TURNS,
            ));
            ui.label("Where a side that goes underground has lost a peopled town, it can raise a cell (dotted counter): it slips through zones of control, needs no supply, takes back an empty town its side once held, and extorts money from the people around it. A cell is hidden: your troops find it by standing next to it as your turn begins, and only then can you attack or strike it; one that slips away in between is lost again. Garrison what you take, and hunt the cells.");
            ui.label("Fog of war (when the level or the menu has it on): you see only what your troops, your places and your patrons' aircraft can, about two hexes around each unit (three for special forces, one more from the hills or with a patron's reconnaissance). Troops in a town or village are seen only from next to them. Shaded ground is out of sight; a hollow counter with a question mark marks where you last saw an enemy, with the date. A move ordered into the unknown halts where it runs into an enemy you could not see.");
            ui.separator();
            egui::Grid::new("keys").striped(true).num_columns(2).show(ui, |ui| {
                for (key, what) in crate::app::orders::SHORTCUTS {
                    ui.strong(*key);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    help.0 = open;
    Ok(())
}
