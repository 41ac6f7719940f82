//! The attack window: the odds with every modifier, the chance of each result, which units
//! join, confirm or cancel.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::app::input;
use crate::app::session::Session;
use crate::app::ui_state::{OrderButton, PlayerAction, Selection};

pub(super) fn attack_window(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
    mut orders: MessageWriter<OrderButton>,
    mut targets: ResMut<crate::app::ui_state::ClickTargets>,
) -> Result {
    targets.clear("attack ");
    let Some(pending) = selection.pending.clone() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let game = session.view();
    let mut chosen = pending.chosen.clone();
    let attackers = pending.attackers();
    let preview = game.preview_attack(&attackers, pending.target);
    let defender = game.unit_at(pending.target);
    egui::Window::new("Attack")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 46.0))
        .show(ctx, |ui| {
            if let Some(d) = defender {
                ui.label(format!(
                    "Target: {} ({}), strength {}",
                    d.name,
                    d.kind.name(),
                    d.strength
                ));
            }
            ui.strong("Attackers");
            for (k, id) in pending.candidates.iter().enumerate() {
                if let Some(u) = game.unit(*id) {
                    ui.checkbox(
                        &mut chosen[k],
                        format!("{} ({}, strength {})", u.name, u.kind.name(), u.strength),
                    );
                }
            }
            match &preview {
                Ok(p) => {
                    ui.separator();
                    ui.label(format!(
                        "Odds {} — {:.1} : 1 (attack {:.1} against defence {:.1})",
                        p.odds(),
                        f64::from(p.ratio_percent) / 100.0,
                        p.attack as f64 / 100.0,
                        p.defence as f64 / 100.0
                    ));
                    if !p.joint.is_empty() {
                        ui.small(format!(
                            "{} allied unit(s) next to the target join with half their power.",
                            p.joint.len()
                        ));
                    }
                    ui.small("Defence modifiers:");
                    for m in &p.defence_modifiers {
                        ui.small(format!(
                            "   {} ×{:.2}",
                            m.label,
                            f64::from(m.percent) / 100.0
                        ));
                    }
                    if p.defences > 0 {
                        ui.colored_label(
                            egui::Color32::from_rgb(230, 190, 90),
                            format!(
                                "Behind prepared defences ({} line{}): a win breaks a line and the garrison stays; storming the works costs each attacker at least {} % of its strength.",
                                p.defences,
                                if p.defences == 1 { "" } else { "s" },
                                crate::sim::defences::STORMING_LOSS_PERCENT
                            ),
                        );
                    }
                    ui.small("Chances (in sixths):");
                    for (outcome, sixths) in crate::sim::Outcome::ALL.iter().zip(p.chances) {
                        if sixths > 0 {
                            let name = if p.defences > 0 && outcome.defender_retreats() {
                                format!("{} (a line breaks)", outcome.name())
                            } else {
                                outcome.name().to_owned()
                            };
                            ui.small(format!("   {name}: {sixths}/6"));
                        }
                    }
                }
                Err(e) => {
                    ui.colored_label(
                        egui::Color32::from_rgb(240, 120, 90),
                        crate::narrate::explain(game, e),
                    );
                }
            }
            let strikes = input::strike_offers(game, pending.target);
            ui.separator();
            ui.horizontal(|ui| {
                let attack = ui
                    .add_enabled(preview.is_ok(), egui::Button::new("Attack"))
                    .on_hover_text("Roll the die (Enter).");
                targets.0.push(("attack Attack".into(), attack.rect));
                if attack.clicked() {
                    actions.write(PlayerAction::ConfirmAttack);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Esc or right click.")
                    .clicked()
                {
                    actions.write(PlayerAction::Cancel);
                }
            });
            for s in strikes {
                let button = ui.button(&s.label).on_hover_text(&s.hint);
                targets.0.push((format!("attack {}", s.label), button.rect));
                if button.clicked() {
                    orders.write(OrderButton::from(s));
                    actions.write(PlayerAction::Cancel);
                }
            }
        });
    if let Some(p) = selection.pending.as_mut()
        && p.chosen != chosen
    {
        p.chosen = chosen;
    }
    Ok(())
}

/// After the player's attack emptied its target: which attacker, if any, steps in. The window
/// stays until the player chooses, moves or attacks again, or ends the turn.
pub(super) fn advance_window(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut selection: ResMut<Selection>,
    mut orders: MessageWriter<OrderButton>,
) -> Result {
    let game = session.view();
    let Some((hex, units)) = selection.advance(game, session.player) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let s = game.scenario();
    let place = crate::narrate::names::place_or_hex(s, hex);
    egui::Window::new("Advance?")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 46.0))
        .show(ctx, |ui| {
            ui.set_max_width(320.0);
            ui.label(format!(
                "The defender is gone from {place}. One attacker may step in at no cost and take it."
            ));
            if s.place_at(hex).is_none() {
                ui.small("A unit that guards a town or an oil field may do better to stay.");
            }
            for (k, id) in units.iter().enumerate() {
                let Some(u) = game.unit(*id) else { continue };
                let from = crate::narrate::names::place_or_hex(s, u.hex);
                let key = if k == 0 { " (Enter)" } else { "" };
                if ui
                    .button(format!("Advance with {}", u.name))
                    .on_hover_text(format!("{} leaves {from}{key}.", u.name))
                    .clicked()
                {
                    orders.write(OrderButton::now(crate::sim::Command::Advance { unit: *id }));
                }
            }
            if ui
                .button("Hold where you stand")
                .on_hover_text("Nobody advances; the hex stays empty.")
                .clicked()
            {
                selection.held = Some((hex, game.turn()));
            }
        });
    Ok(())
}
