//! The top bar: date, turn, whose turn, treasury, oil, fuel, supply, overlays, end turn.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::ui_state::{PlayerAction, TopBarLayout};
use crate::sim::{IncomeSource, SupplyState, Verdict};

use super::context::Hud;

pub(super) fn top_bar(ui: &mut egui::Ui, hud: &mut Hud) {
    let mut placed = TopBarLayout::default();
    // The buttons at the right first, so they keep their place; the readouts fill what is left
    // from the left and wrap onto a second row when the window (or the UI scale) leaves too
    // little room, rather than running under the buttons.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        buttons(ui, hud, &mut placed);
        ui.add_space(8.0);
        // Rows as tall as a button (a wrapping layout would otherwise stretch its first row
        // to the whole height left).
        let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        ui.allocate_ui_with_layout(
            row,
            egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
            |ui| readouts(ui, hud, &mut placed),
        );
    });
    let r = ui.min_rect();
    placed.bar = Rect::new(r.min.x, r.min.y, r.max.x, r.max.y);
    if *hud.top_bar != placed {
        *hud.top_bar = placed;
    }
}

/// End turn, the encyclopedia, help and the menu, from the right edge.
fn buttons(ui: &mut egui::Ui, hud: &mut Hud, placed: &mut TopBarLayout) {
    let game = &hud.session.game;
    let my_turn = !game.is_over() && game.active_faction() == hud.session.player;
    let menu = ui.button("☰").on_hover_text("Menu (Esc).");
    placed.note("menu", &menu);
    if menu.clicked() {
        hud.menu.0 = !hud.menu.0;
    }
    let help = ui.button("?").on_hover_text("Help and keys (F1).");
    placed.note("help", &help);
    if help.clicked() {
        hud.help.0 = !hud.help.0;
    }
    let book = ui
        .button("Encyclopedia")
        .on_hover_text("The sides, patrons, places, oil fields and ideas of this level, with sources (R over a place reads about it).");
    placed.note("encyclopedia", &book);
    if book.clicked() {
        hud.book.open = !hud.book.open;
    }
    let end = ui
        .add_enabled(
            my_turn,
            egui::Button::new(egui::RichText::new("End turn").strong()),
        )
        .on_hover_text("Finish your turn; the other sides move (E).");
    placed.note("end turn", &end);
    if end.clicked() {
        hud.actions.write(PlayerAction::EndTurn);
    }
    // Only on the player's turn: while the others move, the bar needs the room for who moves.
    if my_turn {
        let can = hud.session.can_undo();
        let undo = ui
            .add_enabled(can.is_ok(), egui::Button::new("Undo"))
            .on_hover_text("Take back your last move (Ctrl+Z).")
            .on_disabled_hover_text(match can {
                Err(why) => format!("Cannot take back: {}.", why.reason()),
                Ok(()) => String::new(),
            });
        placed.note("undo", &undo);
        if undo.clicked() {
            hud.actions.write(PlayerAction::Undo);
        }
    }
}

/// The widest the side moving is written in the top bar (points): a longer name is cut short,
/// whole in its tooltip.
const WHOSE_TURN_WIDTH: f32 = 170.0;

/// The date, whose turn it is, the treasury and the state of the player's side, and the
/// overlays' switches.
fn readouts(ui: &mut egui::Ui, hud: &mut Hud, placed: &mut TopBarLayout) {
    // Each readout moves to the next row whole rather than breaking across two.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    let game = &hud.session.game;
    let s = game.scenario();
    let me = hud.session.player;
    let date = ui.strong(game.date().to_string()).on_hover_text(format!(
        "{} — turn {} of {}",
        s.name,
        game.turn(),
        s.turns
    ));
    placed.note("date", &date);
    placed.note(
        "turn",
        &ui.label(format!("turn {}/{}", game.turn(), s.turns)),
    );
    let active = game.active_faction();
    let active_name = s.faction(active).map_or("?", |f| f.name.as_str());
    let whose = if game.is_over() {
        ui.strong("Game over")
    } else if active == me {
        ui.colored_label(egui::Color32::from_rgb(120, 220, 120), "Your turn")
    } else {
        // At most as wide as a long name needs on a small window: cut short (whole in its
        // tooltip) rather than push the overlays' switches onto a second row, which would move
        // the panels under the pointer each time the computer moves.
        let colour = egui::Color32::from_rgb(230, 200, 90);
        let full = format!("{active_name} to move…");
        let font = egui::TextStyle::Body.resolve(ui.style());
        let width = |t: &str| {
            ui.ctx().fonts_mut(|f| {
                f.layout_no_wrap(t.to_owned(), font.clone(), colour)
                    .size()
                    .x
            })
        };
        let mut shown = full.clone();
        if width(&full) > WHOSE_TURN_WIDTH {
            let mut name: Vec<char> = active_name.chars().collect();
            while !name.is_empty() {
                name.pop();
                let cut: String = name.iter().collect();
                shown = format!("{}… to move…", cut.trim_end());
                if width(&shown) <= WHOSE_TURN_WIDTH {
                    break;
                }
            }
        }
        ui.colored_label(colour, shown)
            .on_hover_text(format!("{active_name} to move"))
    };
    placed.note("whose turn", &whose);
    if !game.is_over() && active != me {
        let skip = ui
            .button("Skip ▶▶")
            .on_hover_text("Play the computer's turns out at once (Space).");
        placed.note("skip", &skip);
        if skip.clicked() {
            hud.actions.write(PlayerAction::SkipAi);
        }
    }
    ui.add_space(6.0);
    let statement = game.income_statement(me);
    let income: i64 = statement.iter().map(|l| l.amount).sum();
    let treasury = ui
        .label(format!("${:.1} M", game.treasury(me) as f64 / 1000.0))
        .on_hover_text(format!(
            "Treasury; {:+.2} million a turn (see Economy).",
            income as f64 / 1000.0
        ));
    placed.note("treasury", &treasury);
    let oil: i64 = statement
        .iter()
        .filter(|l| matches!(l.source, IncomeSource::Field(_)))
        .map(|l| l.amount)
        .sum();
    let oil = ui
        .label(format!("oil {:+.2} M", oil as f64 / 1000.0))
        .on_hover_text("Oil and gas income a turn from the fields you hold.");
    placed.note("oil", &oil);
    let fuel = ui
        .label(format!("fuel {}", game.fuel(me)))
        .on_hover_text("Fuel points in store: each motorised unit burns one a turn.");
    placed.note("fuel", &fuel);
    let (mut ok, mut low, mut out) = (0, 0, 0);
    for u in game.units().filter(|u| u.owner == me) {
        match u.supply {
            SupplyState::Supplied => ok += 1,
            SupplyState::Low => low += 1,
            SupplyState::Out => out += 1,
        }
    }
    let supply = ui
        .label(format!("supply {ok}/{low}/{out}"))
        .on_hover_text("Your units supplied / low / out of supply.");
    placed.note("supply", &supply);
    // The verdict as it stands: what the player is playing for, always in sight.
    let verdict = game.verdict(me);
    let share = game.objective_percent(me).unwrap_or(0);
    let tone = match verdict {
        Verdict::DecisiveVictory | Verdict::Victory => egui::Color32::from_rgb(120, 220, 120),
        Verdict::Draw => egui::Color32::from_rgb(230, 200, 90),
        Verdict::Defeat => egui::Color32::from_rgb(235, 110, 95),
    };
    let lead = if game.is_over() {
        "The verdict"
    } else {
        "If the game ended now"
    };
    let verdict = ui
        .colored_label(tone, format!("{} · {share} %", verdict.name()))
        .on_hover_text(format!(
            "{lead} — {}. {} Objectives to hold score only if held at the end (or by their date); see Objectives.",
            crate::narrate::names::verdict(game, me),
            crate::narrate::names::verdict_levels(game, me)
        ));
    placed.note("verdict", &verdict);
    ui.add_space(6.0);
    let o = &mut *hud.overlays;
    let control = ui
        .toggle_value(&mut o.control, "Control")
        .on_hover_text("Shade hexes by who holds them (C).");
    placed.note("control overlay", &control);
    let supply = ui
        .toggle_value(&mut o.supply, "Supply")
        .on_hover_text("Where your supply reaches (green) and your ground it does not (red) (U).");
    placed.note("supply overlay", &supply);
    let rings = ui
        .toggle_value(&mut o.objectives, "Objectives")
        .on_hover_text("Ring the objectives: yours in gold with points and deadline (O).");
    placed.note("objectives overlay", &rings);
    if !hud.session.level.file.front_lines.is_empty() && hud.session.calendar_shown() {
        let history = ui.toggle_value(&mut o.history, "History").on_hover_text(
            "Flag each place with who really held it on the last dated day of the record (L).",
        );
        placed.note("history overlay", &history);
    }
}
