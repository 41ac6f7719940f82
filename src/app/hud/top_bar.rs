//! The top bar: date, turn, whose turn, treasury, oil, fuel, supply, overlays, end turn.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::ui_state::PlayerAction;
use crate::sim::{IncomeSource, SupplyState};

use super::context::Hud;

pub(super) fn top_bar(ui: &mut egui::Ui, hud: &mut Hud) {
    let game = &hud.session.game;
    let s = game.scenario();
    let me = hud.session.player;
    ui.horizontal_centered(|ui| {
        ui.strong(game.date().to_string()).on_hover_text(format!(
            "{} — turn {} of {}",
            s.name,
            game.turn(),
            s.turns
        ));
        ui.label(format!("turn {}/{}", game.turn(), s.turns));
        ui.separator();
        let active = game.active_faction();
        let active_name = s.faction(active).map_or("?", |f| f.name.as_str());
        if game.is_over() {
            ui.strong("Game over");
        } else if active == me {
            ui.colored_label(egui::Color32::from_rgb(120, 220, 120), "Your turn");
        } else {
            ui.colored_label(
                egui::Color32::from_rgb(230, 200, 90),
                format!("{active_name} to move…"),
            );
            if ui
                .button("Skip ▶▶")
                .on_hover_text("Play the computer's turns out at once (Space).")
                .clicked()
            {
                hud.actions.write(PlayerAction::SkipAi);
            }
        }
        ui.separator();
        let statement = game.income_statement(me);
        let income: i64 = statement.iter().map(|l| l.amount).sum();
        ui.label(format!("${:.1} M", game.treasury(me) as f64 / 1000.0))
            .on_hover_text(format!(
                "Treasury; {:+.2} million a turn (see Economy).",
                income as f64 / 1000.0
            ));
        let oil: i64 = statement
            .iter()
            .filter(|l| matches!(l.source, IncomeSource::Field(_)))
            .map(|l| l.amount)
            .sum();
        ui.label(format!("oil {:+.2} M", oil as f64 / 1000.0))
            .on_hover_text("Oil and gas income a turn from the fields you hold.");
        ui.label(format!("fuel {}", game.fuel(me)))
            .on_hover_text("Fuel points in store: each motorised unit burns one a turn.");
        let (mut ok, mut low, mut out) = (0, 0, 0);
        for u in game.units().filter(|u| u.owner == me) {
            match u.supply {
                SupplyState::Supplied => ok += 1,
                SupplyState::Low => low += 1,
                SupplyState::Out => out += 1,
            }
        }
        ui.label(format!("supply {ok}/{low}/{out}"))
            .on_hover_text("Your units supplied / low / out of supply.");
        let objectives: Vec<usize> = s
            .objectives
            .iter()
            .enumerate()
            .filter(|(_, o)| o.faction == me)
            .map(|(i, _)| i)
            .collect();
        let met = objectives
            .iter()
            .filter(|i| game.objective_secured(**i))
            .count();
        ui.label(format!("objectives {met}/{}", objectives.len()))
            .on_hover_text("Objectives secured now (see Objectives).");
        ui.separator();
        let o = &mut *hud.overlays;
        ui.toggle_value(&mut o.control, "Control")
            .on_hover_text("Shade hexes by who holds them (C).");
        ui.toggle_value(&mut o.supply, "Supply").on_hover_text(
            "Where your supply reaches (green) and your ground it does not (red) (U).",
        );
        ui.toggle_value(&mut o.objectives, "Objectives")
            .on_hover_text("Ring the objectives: yours in gold with points and deadline (O).");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("☰").on_hover_text("Menu (Esc).").clicked() {
                hud.menu.0 = !hud.menu.0;
            }
            if ui
                .button("?")
                .on_hover_text("Help and keys (F1).")
                .clicked()
            {
                hud.help.0 = !hud.help.0;
            }
            if ui
                .button("Encyclopedia")
                .on_hover_text("The sides, patrons, places, oil fields and ideas of this level, with sources (R over a place reads about it).")
                .clicked()
            {
                hud.book.open = !hud.book.open;
            }
            let my_turn = !game.is_over() && active == me;
            if ui
                .add_enabled(
                    my_turn,
                    egui::Button::new(egui::RichText::new("End turn").strong()),
                )
                .on_hover_text("Finish your turn; the other sides move (E).")
                .clicked()
            {
                hud.actions.write(PlayerAction::EndTurn);
            }
        });
    });
}
