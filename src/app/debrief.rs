//! The debrief: at the end of a game (and at any time from the menu) — the result, charts of
//! every side over the turns, the player's objectives beside the historical calendar, the
//! score line by line, and an export for class (Markdown, SVG charts, CSV).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot};

use super::session::Session;
use super::settings::Settings;
use super::state::{AppState, Navigation};
use super::theme::{HISTORY_COLOUR, colour};
use crate::report::Measure;

/// The debrief window's state.
#[derive(Resource, Debug)]
pub struct Debrief {
    /// Shown during a game (from the menu); always shown once the game is over.
    pub open: bool,
    /// The measure charted.
    pub measure: Measure,
    /// What the last export did.
    pub exported: Option<(bool, String)>,
    /// Once the game is over, the player has put the debrief aside to look at the final map.
    pub aside: bool,
}

impl Default for Debrief {
    fn default() -> Self {
        Debrief {
            open: false,
            measure: Measure::Territory,
            exported: None,
            aside: false,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Debrief>()
        // Each game's end opens on its debrief.
        .add_systems(OnEnter(AppState::Debrief), |mut d: ResMut<Debrief>| {
            d.aside = false;
        })
        .add_systems(
            EguiPrimaryContextPass,
            debrief_window.run_if(|s: Res<State<AppState>>| {
                matches!(s.get(), AppState::Debrief | AppState::InGame)
            }),
        );
}

/// The debrief's width in points: wide enough for the chart, narrow enough for 1280×800.
const WIDTH: f32 = 880.0;

/// Where exported reports go: beside the saves folder.
fn reports_dir() -> std::path::PathBuf {
    let saves = crate::save::default_dir();
    saves.parent().map_or_else(
        || std::path::PathBuf::from("reports"),
        |p| p.join("reports"),
    )
}

fn export(session: &Session) -> Result<std::path::PathBuf, String> {
    let game = &session.game;
    let stats = crate::simulate::summarise(
        game,
        session.recorder().len(),
        session.chronicle.turns.clone(),
    );
    let me = game
        .scenario()
        .faction(session.player)
        .map_or_else(String::new, |f| f.name.clone());
    let mut summary = String::new();
    for (i, f) in game.scenario().factions.iter().enumerate() {
        summary += &format!(
            "{:<34} {:>4} points\n",
            f.name,
            stats.scores.get(i).copied().unwrap_or(0)
        );
    }
    summary += "\nYour score, line by line:\n";
    for line in game.score_breakdown(session.player) {
        summary += &format!("  {:<50} {:>4}\n", line.label, line.points);
    }
    let title = format!("A game as {me}, seed {}", session.seed);
    let dir = reports_dir().join(format!(
        "{}-{}-turn-{:02}",
        game.scenario().id,
        game.scenario()
            .faction(session.player)
            .map_or("player", |f| f.key.as_str()),
        game.turn()
    ));
    let ctx = crate::report::Context {
        title: &title,
        summary: &summary,
    };
    crate::report::write(&dir, &session.level, &[stats], &ctx)
        .map_err(|e| format!("cannot write the report into {}: {e}", dir.display()))
}

fn debrief_window(
    mut contexts: EguiContexts,
    session: Res<Session>,
    settings: Res<Settings>,
    state: Res<State<AppState>>,
    mut view: ResMut<Debrief>,
    mut history: ResMut<super::teaching::History>,
    nav: Navigation,
) -> Result {
    let Navigation { mut next, mut exit } = nav;
    let over = *state.get() == AppState::Debrief;
    if !over && !view.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    if over && view.aside {
        // The final map, with a way back: under the top bar, clear of the panels.
        egui::Area::new(egui::Id::new("back_to_debrief"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
            .show(ctx, |ui| {
                if ui
                    .button(egui::RichText::new("Back to the debrief").size(16.0))
                    .on_hover_text("The final map is shown; L sets the real front line beside it.")
                    .clicked()
                {
                    view.aside = false;
                }
            });
        return Ok(());
    }
    let game = &session.game;
    let s = game.scenario();
    let scores = game.scores();
    let me = session.player;
    let mut keep = true;
    let mut window = egui::Window::new(if over { "Debrief" } else { "Debrief so far" })
        .collapsible(false)
        .resizable(false)
        .max_height(ctx.content_rect().height() - 60.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 10.0));
    if !over {
        window = window.open(&mut keep);
    }
    window.show(ctx, |ui| {
        ui.set_width(WIDTH);
        let reason = match game.result() {
            Some(crate::sim::EndReason::Decisive(f)) => format!(
                "{} secured all its objectives on {}.",
                s.faction(*f).map_or("?", |f| f.name.as_str()),
                game.date()
            ),
            Some(crate::sim::EndReason::LastTurn) => {
                format!("The last turn was played ({}).", game.date())
            }
            None => format!("Turn {} of {}, {}: the game goes on.", game.turn(), s.turns, game.date()),
        };
        ui.label(reason);
        let mut order: Vec<usize> = (0..s.factions.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(scores.get(i).copied().unwrap_or(0)));
        // The player's verdict: judged by its own objectives, not against rivals' different
        // totals.
        let verdict = crate::narrate::capitalised(&crate::narrate::names::verdict(game, me));
        ui.heading(if over { verdict } else { format!("If the game ended now — {verdict}") })
            .on_hover_text(crate::narrate::names::verdict_levels(game, me));
        if let Some(&w) = order.first() {
            ui.weak(if w == usize::from(me.0) {
                "You hold the most points.".to_string()
            } else {
                format!("{} holds the most points.", s.factions.get(w).map_or("?", |f| f.name.as_str()))
            });
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.set_width(WIDTH - 16.0);
            ui.columns(2, |cols| {
                let left = &mut cols[0];
                egui::Grid::new("scores").striped(true).num_columns(4).show(left, |ui| {
                    for &i in &order {
                        let f = &s.factions[i];
                        let rgb = settings.faction_rgb(game, crate::sim::FactionId(i as u8));
                        ui.colored_label(colour(rgb), "■");
                        ui.label(if i == usize::from(me.0) { format!("{} (you)", f.name) } else { f.name.clone() });
                        ui.label(format!("{} points", scores.get(i).copied().unwrap_or(0)));
                        ui.label(game.verdict(crate::sim::FactionId(i as u8)).name());
                        ui.end_row();
                    }
                });
                let right = &mut cols[1];
                right.strong("Your game beside history");
                timeline(right, &session, &mut history);
            });
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                ui.strong("Over the turns:");
                for m in Measure::ALL {
                    ui.selectable_value(&mut view.measure, m, m.short().replace('_', " "));
                }
            });
            let m = view.measure;
            ui.weak(m.title());
            let lines = crate::report::series_of_turns(&session.level, &[&session.chronicle.turns], m);
            Plot::new("debrief_plot")
                .height(230.0)
                .width(WIDTH - 24.0)
                .legend(Legend::default().position(egui_plot::Corner::RightBottom))
                .x_axis_label("turn")
                .include_y(0.0)
                .allow_scroll(false)
                .show(ui, |plot| {
                    for (i, l) in lines.into_iter().enumerate() {
                        let rgb = settings.faction_rgb(game, crate::sim::FactionId(i as u8));
                        let pts: Vec<[f64; 2]> = l.points.iter().map(|&(x, y)| [x, y]).collect();
                        plot.line(Line::new(l.name, pts).color(colour(rgb)).width(2.5));
                    }
                });
            egui::CollapsingHeader::new("Your score, line by line")
                .default_open(over)
                .show(ui, |ui| {
                    egui::Grid::new("breakdown").striped(true).num_columns(3).show(ui, |ui| {
                        for line in game.score_breakdown(me) {
                            ui.label(&line.label);
                            ui.label(format!("{}", line.points));
                            ui.label(match (line.achieved, line.by) {
                                (Some(d), Some(by)) => format!("met {d} (deadline {by})"),
                                (Some(d), None) => format!("met {d}"),
                                (None, Some(by)) => format!("not met (deadline {by})"),
                                (None, None) => String::new(),
                            });
                            ui.end_row();
                        }
                    });
                });
            if let Some(lines) = super::intel::knew_and_was(game, &session.chronicle.turns, me) {
                egui::CollapsingHeader::new("What you knew, and what was there")
                    .default_open(over)
                    .show(ui, |ui| {
                        for line in lines {
                            ui.label(line);
                        }
                        if over {
                            ui.weak("The fog has lifted: Look at the map shows every unit where it stood.");
                        }
                    });
            }
            if m == Measure::Displaced {
                let total: u64 = (0..s.factions.len()).map(|f| game.displaced(crate::sim::FactionId(f as u8))).sum();
                // The real figures for scale are the level's own, in its perspective note.
                let mine = game.displaced_by_cause(me);
                let causes: Vec<String> = crate::sim::civilians::Cause::ALL
                    .iter()
                    .zip(mine)
                    .filter(|(_, n)| *n > 0)
                    .map(|(c, n)| format!("{n} by {}", c.name()))
                    .collect();
                if !causes.is_empty() {
                    ui.small(format!("Counted against your side: {}.", causes.join(", ")));
                }
                ui.small(format!(
                    "{total} people displaced in this game from the towns it models.{}",
                    if session.level.file.perspective.is_empty() {
                        ""
                    } else {
                        " For scale, the level's note on perspective (Esc → Briefing) gives the real figures."
                    }
                ));
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            if ui
                .button("Export for class")
                .on_hover_text("Write a Markdown report with these charts (SVG) and the tables (CSV).")
                .clicked()
            {
                view.exported = Some(match export(&session) {
                    Ok(p) => (true, format!("Report written to {}", p.display())),
                    Err(e) => (false, e),
                });
            }
            if over {
                if ui
                    .button("Look at the map")
                    .on_hover_text("Put the debrief aside to look at the final map; History (L) sets the real front line beside it.")
                    .clicked()
                {
                    view.aside = true;
                }
                if ui.button("Main menu").clicked() {
                    next.set(AppState::MainMenu);
                }
                if ui.button("Quit").clicked() {
                    exit.write(AppExit::Success);
                }
            }
        });
        if let Some((ok, m)) = &view.exported {
            let c = if *ok { egui::Color32::from_rgb(120, 200, 120) } else { egui::Color32::from_rgb(230, 90, 80) };
            ui.colored_label(c, m);
        }
    });
    if !keep {
        view.open = false;
    }
    Ok(())
}

/// The player's objectives (met or not, with dates) beside the historical calendar.
fn timeline(ui: &mut egui::Ui, session: &Session, history: &mut super::teaching::History) {
    let game = &session.game;
    let s = game.scenario();
    let mut rows: Vec<(crate::sim::Date, String, bool, Option<String>)> = Vec::new();
    for (i, o) in s.objectives.iter().enumerate() {
        if o.faction != session.player {
            continue;
        }
        if let Some(d) = game.achieved(i) {
            let who = if game.met_too_late(i) {
                "You, too late to score"
            } else {
                "You"
            };
            rows.push((d, format!("{who}: {}", o.description), false, None));
        }
    }
    for e in &session.level.file.events {
        if let Some(d) = super::teaching::date_of(&e.date)
            && d >= s.start
            && d <= game.date()
        {
            rows.push((d, e.title.clone(), true, Some(e.id.clone())));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    egui::ScrollArea::vertical()
        .id_salt("timeline")
        .max_height(220.0)
        .show(ui, |ui| {
            if rows.is_empty() {
                ui.weak("Nothing yet.");
            }
            for (d, text, is_history, id) in rows {
                let line = format!("{d}  {text}");
                if is_history {
                    let r = ui.add(
                        egui::Label::new(
                            egui::RichText::new(line)
                                .small()
                                .italics()
                                .color(HISTORY_COLOUR),
                        )
                        .sense(egui::Sense::click()),
                    );
                    if r.on_hover_text("History (click to read)").clicked() {
                        history.open = id;
                    }
                } else {
                    ui.label(egui::RichText::new(line).small().strong());
                }
            }
        });
    epilogue(ui, session, history);
    super::frontline::debrief_section(ui, session);
    let unmet: Vec<&str> = s
        .objectives
        .iter()
        .enumerate()
        .filter(|(i, o)| o.faction == session.player && game.achieved(*i).is_none())
        .map(|(_, o)| o.description.trim_end_matches('.'))
        .collect();
    if !unmet.is_empty() {
        ui.small(format!("Not met: {}", unmet.join("; ")));
    }
}

/// Once the game is over, what the level's calendar says came after its last turn: how the
/// real campaign went on, for the player to set beside the game's end.
fn epilogue(ui: &mut egui::Ui, session: &Session, history: &mut super::teaching::History) {
    let game = &session.game;
    if !game.is_over() {
        return;
    }
    let mut after: Vec<(crate::sim::Date, &crate::level::schema::HistoricalEvent)> = session
        .level
        .file
        .events
        .iter()
        .filter_map(|e| Some((super::teaching::date_of(&e.date)?, e)))
        .filter(|(d, _)| *d > game.date())
        .collect();
    if after.is_empty() {
        return;
    }
    after.sort_by_key(|(d, _)| *d);
    let words = super::teaching::calendar_words(session.level.file.fictional);
    ui.add_space(4.0);
    ui.strong(if session.level.file.fictional {
        "After the last turn, in the level's story"
    } else {
        "What came after"
    });
    for (d, e) in after {
        let r = ui.add(
            egui::Label::new(
                egui::RichText::new(format!("{d}  {}", e.title))
                    .small()
                    .italics()
                    .color(HISTORY_COLOUR),
            )
            .sense(egui::Sense::click()),
        );
        if r.on_hover_text(words.hover).clicked() {
            history.open = Some(e.id.clone());
        }
    }
}
