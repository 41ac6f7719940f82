//! The HUD, in egui: a top bar (date, turn, whose turn, treasury, oil, fuel, supply, end
//! turn, overlays), a side panel (the selected unit with its orders, the hex under the pointer,
//! economy, diplomacy, objectives, legend), the event log, the attack confirmation and help.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::camera::{HoveredHex, PANEL_WIDTH};
use super::input;
use super::level_asset::LevelStatus;
use super::map_view::Overlays;
use super::orders::{InGameMenu, PlayerAction, Selection, UiFocus};
use super::settings::Settings;
use super::teaching::{Encyclopedia, HISTORY_COLOUR, History};
use super::terrain_texture::terrain_rgb;
use super::{AppState, Session};
use crate::level::schema::ArticleKind;
use crate::sim::{
    Command, FactionId, Goal, IncomeSource, Party, Stance, SupplyState, Terrain, diplomacy, rules,
};

/// Whether the help window is open.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpOpen(pub bool);

/// Height of the event log at the bottom, in points.
pub const LOG_HEIGHT: f32 = 130.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HelpOpen>().add_systems(
        EguiPrimaryContextPass,
        (
            super::overlay::paint_map,
            panels.run_if(not(in_state(AppState::MainMenu))),
            match_clear_colour,
            (attack_window, help_window).run_if(in_state(AppState::InGame)),
            focus,
        )
            .chain(),
    );
    app.add_systems(Update, help_keys);
}

/// Clears the window to the panels' colour while they are shown (they are drawn unfilled over
/// it), to the map's dark background otherwise.
fn match_clear_colour(
    mut contexts: EguiContexts,
    state: Res<State<AppState>>,
    mut clear: ResMut<ClearColor>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let colour = if *state.get() == AppState::MainMenu {
        super::MAP_BACKGROUND
    } else {
        let [r, g, b, _] = ctx.global_style().visuals.panel_fill.to_array();
        Color::srgb_u8(r, g, b)
    };
    if clear.0 != colour {
        clear.0 = colour;
    }
    Ok(())
}

fn color32(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

fn swatch(ui: &mut egui::Ui, c: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, c);
}

/// What the panels read and change.
#[derive(SystemParam)]
struct Hud<'w> {
    session: Res<'w, Session>,
    settings: Res<'w, Settings>,
    hovered: Res<'w, HoveredHex>,
    status: Res<'w, LevelStatus>,
    overlays: ResMut<'w, Overlays>,
    selection: Res<'w, Selection>,
    help: ResMut<'w, HelpOpen>,
    menu: ResMut<'w, InGameMenu>,
    history: ResMut<'w, History>,
    book: ResMut<'w, Encyclopedia>,
    actions: MessageWriter<'w, PlayerAction>,
    orders: MessageWriter<'w, OrderButton>,
    area: ResMut<'w, super::camera::MapArea>,
}

/// An order given by a button (recruits, replacements, requests, diplomacy).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct OrderButton(pub Command);

fn panels(mut contexts: EguiContexts, mut hud: Hud) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    // The panels are not filled: the window is cleared to their colour (see `match_clear_colour`)
    // and nothing of the map is drawn under them, so a software renderer is spared shading
    // a third of the window a second time every frame.
    let frame = egui::Frame::side_top_panel(&ctx.global_style()).fill(egui::Color32::TRANSPARENT);
    egui::Panel::top("top")
        .exact_size(super::camera::TOP_BAR)
        .frame(frame)
        .show(&mut root, |ui| top_bar(ui, &mut hud));
    egui::Panel::left("side")
        .exact_size(PANEL_WIDTH)
        .resizable(false)
        .frame(frame)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| side_panel(ui, &mut hud));
        });
    egui::Panel::bottom("log")
        .exact_size(LOG_HEIGHT)
        .frame(frame)
        .show(&mut root, |ui| log_panel(ui, &mut hud));
    let free = root.available_rect_before_wrap();
    let zoom = ctx.zoom_factor();
    let area = Some(Rect::new(
        free.min.x * zoom,
        free.min.y * zoom,
        free.max.x * zoom,
        free.max.y * zoom,
    ));
    if hud.area.0 != area {
        hud.area.0 = area;
    }
    Ok(())
}

fn top_bar(ui: &mut egui::Ui, hud: &mut Hud) {
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
                format!("{active_name} is moving…"),
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

fn side_panel(ui: &mut egui::Ui, hud: &mut Hud) {
    let session = &*hud.session;
    let game = &session.game;
    let s = game.scenario();
    let me = session.player;
    ui.heading(&s.name);
    if let Some(err) = &hud.status.error {
        ui.colored_label(
            egui::Color32::from_rgb(220, 80, 70),
            "The level file has errors; still showing the last good version:",
        );
        egui::ScrollArea::vertical()
            .id_salt("level_errors")
            .max_height(160.0)
            .show(ui, |ui| ui.monospace(err));
    } else if hud.status.reloads > 0 {
        ui.small(format!(
            "Level reloaded from disk ({}×).",
            hud.status.reloads
        ));
    }
    if let Some(msg) = &hud.selection.message {
        ui.colored_label(egui::Color32::from_rgb(240, 120, 90), msg);
    }
    ui.separator();
    if let Some(u) = hud.selection.unit.and_then(|id| game.unit(id)) {
        ui.strong("Selected unit");
        unit_details(ui, session, u);
        let my_turn = !game.is_over() && game.active_faction() == me;
        if u.owner == me && my_turn {
            for offer in input::unit_offers(game, u.id) {
                if ui.button(&offer.label).on_hover_text(&offer.hint).clicked() {
                    hud.orders.write(OrderButton(offer.command));
                }
            }
            ui.small("Click a lit hex to move, a red-ringed enemy to attack; Esc to let go.");
        }
        ui.separator();
    }
    ui.strong("Under the pointer");
    match hud.hovered.0 {
        None => {
            ui.weak("Move the pointer over the map.");
        }
        Some(hex) => hex_details(ui, session, hex),
    }
    ui.separator();
    egui::CollapsingHeader::new("Economy")
        .default_open(true)
        .show(ui, |ui| economy_panel(ui, session));
    egui::CollapsingHeader::new("Diplomacy")
        .default_open(false)
        .show(ui, |ui| {
            diplomacy_panel(ui, session, &hud.settings, &mut hud.book)
        });
    egui::CollapsingHeader::new("Objectives")
        .default_open(false)
        .show(ui, |ui| objectives_panel(ui, session));
    let history = &session.level.file.events;
    if !history.is_empty() {
        egui::CollapsingHeader::new("What really happened")
            .default_open(false)
            .show(ui, |ui| history_panel(ui, session, &mut hud.history));
    }
    let my_turn = !game.is_over() && game.active_faction() == me;
    if my_turn {
        egui::CollapsingHeader::new("Orders")
            .default_open(false)
            .show(ui, |ui| {
                let offers = input::faction_offers(game);
                if offers.is_empty() {
                    ui.weak("Nothing to order now: no money, free towns or support for it.");
                }
                egui::ScrollArea::vertical()
                    .id_salt("offers")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for offer in offers {
                            if ui
                                .small_button(&offer.label)
                                .on_hover_text(&offer.hint)
                                .clicked()
                            {
                                hud.orders.write(OrderButton(offer.command));
                            }
                        }
                    });
            });
    }
    egui::CollapsingHeader::new("Legend")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("legend").num_columns(2).show(ui, |ui| {
                for t in Terrain::ALL {
                    swatch(ui, color32(terrain_rgb(t)));
                    ui.label(t.name());
                    ui.end_row();
                }
            });
            ui.small("Blue lines: rivers (crossings marked across them). Brown: roads. Dashed purple: international border. Black diamonds: oil fields (ringed by holder, red bars for damage).");
            ui.small("Places: white discs sized by population, ringed by holder; the grey part is the share of people who have fled the fighting.");
            ui.small("Counters: the frame's colour and shape tell the faction; ╳ infantry, ╳ in an oval mechanised, one stroke and G militia, SF special forces, a dot artillery. Bar: strength. Yellow/red dot: low/out of supply. Red chevron: low morale. Brown line under: dug in.");
        });
}

fn unit_details(ui: &mut egui::Ui, session: &Session, u: &crate::sim::Unit) {
    let game = &session.game;
    let s = game.scenario();
    let owner = s.faction(u.owner).map_or("?", |f| f.name.as_str());
    ui.label(format!("{} — {}, {owner}", u.name, u.kind.name()));
    ui.small(format!(
        "strength {}/{}, morale {}, {:?}, movement {}/{}{}{}",
        u.strength,
        u.full_strength,
        u.morale,
        u.experience,
        u.movement_left,
        u.kind.movement(),
        if u.has_attacked { ", has attacked" } else { "" },
        if u.dug_in { ", dug in" } else { "" },
    ));
    if let Some(r) = game.supply_report(u.id) {
        ui.small(supply_text(session, &r));
    }
    if u.no_fuel {
        ui.small("No fuel this turn: half movement.");
    }
}

fn diplomacy_panel(
    ui: &mut egui::Ui,
    session: &Session,
    settings: &Settings,
    book: &mut Encyclopedia,
) {
    let game = &session.game;
    let s = game.scenario();
    let me = session.player;
    let articles = &session.level.file.articles;
    // A name that opens its article in the encyclopedia, where the level has one.
    let mut name_link = |ui: &mut egui::Ui, text: egui::RichText, kind, key: &str| {
        match super::teaching::article_about(articles, kind, key) {
            Some(a) => {
                if ui
                    .add(egui::Label::new(text).sense(egui::Sense::click()))
                    .on_hover_text(format!(
                        "Click to read \"{}\" in the encyclopedia.",
                        a.title
                    ))
                    .clicked()
                {
                    book.show(&a.id);
                }
            }
            None => {
                ui.label(text);
            }
        }
    };
    for (i, f) in s.factions.iter().enumerate() {
        let id = FactionId(i as u8);
        ui.horizontal(|ui| {
            swatch(ui, color32(settings.faction_rgb(game, id)));
            let mut name = f.name.clone();
            if id == me {
                name.push_str("  (you)");
            }
            let text = egui::RichText::new(name);
            let text = if id == game.active_faction() {
                text.strong()
            } else {
                text
            };
            name_link(ui, text, ArticleKind::Faction, &f.key);
        });
        if id != me {
            let r = game.relation(Party::Faction(me), Party::Faction(id));
            let stance = r.stance.name();
            let tension = if r.stance == Stance::Hostile {
                String::new()
            } else {
                format!(", tension {}/100", r.tension)
            };
            ui.small(format!("    {stance}{tension}")).on_hover_text(format!(
                "Tension rises with attacks, captures and breaches, eases {} a turn; at {} relations break down a step.",
                diplomacy::TENSION_EASING,
                diplomacy::BREAKDOWN_TENSION
            ));
        }
    }
    ui.separator();
    for (i, sup) in s
        .support
        .iter()
        .enumerate()
        .filter(|(_, x)| x.faction == me)
    {
        let patron = s.party_name(Party::Patron(sup.patron));
        let r = game.relation(Party::Faction(me), Party::Patron(sup.patron));
        if let Some(p) = s.patrons.get(usize::from(sup.patron.0)) {
            name_link(
                ui,
                egui::RichText::new(patron).small().strong(),
                ArticleKind::Patron,
                &p.key,
            );
        }
        ui.small(format!(
            "    {} % of full support (tension {}); {} points in the pool",
            game.support_percent(i),
            r.tension,
            game.pool(i)
        ))
        .on_hover_text(format!(
            "Support is halved at tension {} and stops at {}.",
            diplomacy::HALF_SUPPORT_TENSION,
            diplomacy::NO_SUPPORT_TENSION
        ));
    }
}

fn objectives_panel(ui: &mut egui::Ui, session: &Session) {
    let game = &session.game;
    let s = game.scenario();
    let me = session.player;
    for (i, o) in s
        .objectives
        .iter()
        .enumerate()
        .filter(|(_, o)| o.faction == me)
    {
        let secured = game.objective_secured(i);
        let mark = if secured { "✔" } else { "○" };
        let mut text = format!("{mark} {} — {} points", o.description, o.points);
        if let Some(by) = o.by {
            text.push_str(&format!(", by {by}"));
        }
        if let Some(d) = game.achieved(i) {
            let late = if game.met_too_late(i) {
                ", too late to score"
            } else {
                ""
            };
            text.push_str(&format!(" (met {d}{late})"));
        }
        if matches!(o.goal, Goal::Survive) {
            text.push_str(" — scored at the end");
        }
        ui.small(text);
    }
}

/// The historical calendar so far: what happened in the real campaign up to the game's date.
fn history_panel(ui: &mut egui::Ui, session: &Session, history: &mut History) {
    let start = session.game.scenario().start;
    let now = session.game.date();
    let events = &session.level.file.events;
    let told = super::teaching::due_events(events, start, now, None);
    ui.small("The real campaign, as your calendar reaches it. Click one to read it.");
    for e in &told {
        let date = super::teaching::date_of(&e.date).map_or_else(String::new, |d| d.to_string());
        if ui
            .add(
                egui::Label::new(
                    egui::RichText::new(format!("{date}: {}", e.title))
                        .small()
                        .color(HISTORY_COLOUR),
                )
                .sense(egui::Sense::click()),
            )
            .clicked()
        {
            history.open = Some(e.id.clone());
        }
    }
    let later = events
        .iter()
        .filter(|e| super::teaching::date_of(&e.date).is_some_and(|d| d > now))
        .count();
    if later > 0 {
        ui.weak(format!("{later} more as the weeks pass."));
    }
}

fn log_panel(ui: &mut egui::Ui, hud: &mut Hud) {
    let session = &*hud.session;
    let game = &session.game;
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if session.log.is_empty() {
                ui.weak("The event log: what happens in the game appears here, with its date.");
            }
            for line in &session.log {
                if let Some(id) = &line.history {
                    ui.horizontal(|ui| {
                        swatch(ui, HISTORY_COLOUR);
                        let text = egui::RichText::new(format!("{}  {}", line.date, line.text))
                            .small()
                            .italics()
                            .color(HISTORY_COLOUR);
                        if ui
                            .add(egui::Label::new(text).sense(egui::Sense::click()))
                            .on_hover_text("What really happened on this date (not in your game). Click to read more.")
                            .clicked()
                        {
                            hud.history.open = Some(id.clone());
                        }
                    });
                    continue;
                }
                let c = color32(hud.settings.faction_rgb(game, line.faction));
                ui.horizontal(|ui| {
                    swatch(ui, c);
                    ui.small(format!("{}  {}", line.date, line.text));
                });
            }
        });
}

fn attack_window(
    mut contexts: EguiContexts,
    session: Res<Session>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
    mut orders: MessageWriter<OrderButton>,
) -> Result {
    let Some(pending) = selection.pending.clone() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let game = &session.game;
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
                    ui.small("Chances (in sixths):");
                    for (outcome, sixths) in crate::sim::Outcome::ALL.iter().zip(p.chances) {
                        if sixths > 0 {
                            ui.small(format!("   {}: {}/6", outcome.name(), sixths));
                        }
                    }
                }
                Err(e) => {
                    ui.colored_label(egui::Color32::from_rgb(240, 120, 90), e.to_string());
                }
            }
            let strikes = input::strike_offers(game, pending.target);
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(preview.is_ok(), egui::Button::new("Attack"))
                    .on_hover_text("Roll the die (Enter).")
                    .clicked()
                {
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
                if ui.button(&s.label).on_hover_text(&s.hint).clicked() {
                    orders.write(OrderButton(s.command));
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

fn help_keys(keys: Res<ButtonInput<KeyCode>>, focus: Res<UiFocus>, mut help: ResMut<HelpOpen>) {
    if !focus.typing && (keys.just_pressed(KeyCode::F1) || keys.just_pressed(KeyCode::KeyH)) {
        help.0 = !help.0;
    }
}

fn help_window(mut contexts: EguiContexts, mut help: ResMut<HelpOpen>) -> Result {
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
                "Units that stay a whole turn in place dig in: +{} % defence, +{} % in a town or city.",
                rules::DUG_IN_PERCENT - 100,
                rules::FORTIFIED_PERCENT - 100
            ));
            ui.separator();
            egui::Grid::new("keys").striped(true).num_columns(2).show(ui, |ui| {
                for (key, what) in super::orders::SHORTCUTS {
                    ui.strong(*key);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    help.0 = open;
    Ok(())
}

fn focus(mut contexts: EguiContexts, mut focus: ResMut<UiFocus>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let now = UiFocus {
        typing: ctx.egui_wants_keyboard_input(),
        pointer_over_ui: ctx.is_pointer_over_egui() || ctx.egui_wants_pointer_input(),
    };
    if focus.typing != now.typing || focus.pointer_over_ui != now.pointer_over_ui {
        *focus = now;
    }
    Ok(())
}

/// Treasury, the coming income statement, fuel, patrons' support and agreements of the
/// player's faction.
fn economy_panel(ui: &mut egui::Ui, session: &Session) {
    let game = &session.game;
    let s = game.scenario();
    let me = session.player;
    let lines = game.income_statement(me);
    let total: i64 = lines.iter().map(|l| l.amount).sum();
    ui.label(format!(
        "Treasury: ${:.1} million ({:+.2} million a turn)",
        game.treasury(me) as f64 / 1000.0,
        total as f64 / 1000.0
    ));
    egui::CollapsingHeader::new("Income statement")
        .id_salt("income")
        .show(ui, |ui| {
            for l in &lines {
                let what = match l.source {
                    IncomeSource::Field(f) => s
                        .oil_fields
                        .get(usize::from(f))
                        .map_or("oil".to_owned(), |f| f.name.clone()),
                    IncomeSource::Taxes => "taxes and levies".to_owned(),
                    IncomeSource::Funding => "funding from the rear".to_owned(),
                    IncomeSource::Subsidy(p) => {
                        format!("subsidy from {}", s.party_name(Party::Patron(p)))
                    }
                    IncomeSource::Upkeep => "pay and upkeep of units".to_owned(),
                };
                ui.small(format!("{:>+8} k$  {what}", l.amount));
            }
        });
    ui.label(format!(
        "Fuel: {} in store, {:+} a turn",
        game.fuel(me),
        game.fuel_income(me)
    ));
    for (i, sup) in s
        .support
        .iter()
        .enumerate()
        .filter(|(_, x)| x.faction == me)
    {
        let offers: Vec<&str> = sup.offers.iter().map(|o| o.name()).collect();
        ui.small(format!(
            "{}: {} support points ({} % of full support) for {}",
            s.party_name(Party::Patron(sup.patron)),
            game.pool(i),
            game.support_percent(i),
            offers.join(", ")
        ));
    }
    for (i, a) in s.agreements.iter().enumerate().filter(|(_, a)| a.binds(me)) {
        let state = if game.agreement_active(i) {
            "in force"
        } else {
            "breached"
        };
        ui.small(format!("{} ({state})", a.name));
    }
}

fn hex_details(ui: &mut egui::Ui, session: &Session, hex: hexx::Hex) {
    let game = &session.game;
    let s = game.scenario();
    let map = &s.map;
    let [col, row] = map.offset_of(hex);
    let terrain = map.terrain(hex).map_or("?", Terrain::name);
    ui.label(format!("Hex column {col}, row {row}: {terrain}"));
    if let Some(c) = map
        .country(hex)
        .and_then(|c| map.countries.get(usize::from(c)))
    {
        ui.label(format!("Country: {}", c.name));
    }
    if let Some(p) = session.level.projection {
        let w = map.layout().hex_to_world_pos(hex);
        let (lat, lon) = p.lat_lon(w);
        ui.small(format!("{lat:.3}° N, {lon:.3}° E"));
    }
    let holder = game
        .control(hex)
        .and_then(|f| s.faction(f))
        .map_or("nobody", |f| f.name.as_str());
    ui.label(format!("Held by: {holder}"));
    for n in map.neighbors(hex) {
        if let Some(e) = map.river_between(hex, n) {
            let river = map
                .rivers
                .get(usize::from(e.river))
                .map_or("river", |r| r.name.as_str());
            match &e.crossing {
                Some(c) => ui.small(format!("{river}: {} ({})", c.name, c.kind.name())),
                None => ui.small(format!("{river} bank")),
            };
        }
    }
    if let Some((id, p)) = s.place_at(hex) {
        ui.label(format!(
            "{} — {}, population {}, {} points",
            p.name,
            p.kind.name(),
            p.population,
            p.points
        ));
        let left = game.residents(id);
        if left < p.population {
            ui.small(format!(
                "{} people have fled the fighting here; {left} remain.",
                p.population - left
            ));
        }
        if super::teaching::article_about(
            &session.level.file.articles,
            crate::level::schema::ArticleKind::Place,
            &p.key,
        )
        .is_some()
        {
            ui.small("R: read about it in the encyclopedia.");
        }
    }
    for (i, f) in s
        .oil_fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.hex == hex)
    {
        let unit = match f.kind {
            crate::sim::FieldKind::Oil => "barrels/day",
            crate::sim::FieldKind::Gas => "thousand m³/day",
        };
        ui.label(format!("{}: {} {unit}", f.name, f.output));
        let damage = game.field_damage(i);
        let revenue = game.field_revenue(i).map_or(0, |(_, k)| k);
        ui.small(format!(
            "earns its holder ${:.2} million a turn; damage {damage} of {}{}",
            revenue as f64 / 1000.0,
            crate::sim::economy::MAX_DAMAGE,
            if game.field_repairing(i) {
                ", under repair"
            } else {
                ""
            }
        ));
    }
    if let Some(u) = game.unit_at(hex) {
        let owner = s.faction(u.owner).map_or("?", |f| f.name.as_str());
        ui.label(format!("{} ({}), {owner}", u.name, u.kind.name()));
        ui.small(format!(
            "strength {}, morale {}, {:?}, movement {}/{}",
            u.strength,
            u.morale,
            u.experience,
            u.movement_left,
            u.kind.movement()
        ));
        if let Some(r) = game.supply_report(u.id) {
            ui.small(supply_text(session, &r));
        }
    } else if map.terrain(hex).is_some_and(Terrain::passable)
        && let Some(r) = game.supply_report_at(session.player, hex)
    {
        // Would the player's supply reach a unit sent here?
        let lead = if r.reached {
            "Your supply reaches here"
        } else {
            "Your supply does not reach here"
        };
        ui.small(format!("{lead}: {}", supply_why(session, &r)));
    }
}

/// The supply line of a unit in words: where it comes from, or where and why it is cut.
fn supply_text(session: &Session, r: &crate::sim::SupplyReport) -> String {
    let attrition = match r.turns_to_attrition {
        Some(0) => "; losing strength every turn",
        Some(1) => "; attrition from next turn",
        Some(_) => "; attrition in two turns",
        None => "",
    };
    format!(
        "Supply: {} — {}{attrition}",
        r.state.name(),
        supply_why(session, r)
    )
}

/// Where supply comes from, or where and why it is cut.
fn supply_why(session: &Session, r: &crate::sim::SupplyReport) -> String {
    use crate::sim::Cut;
    let s = session.game.scenario();
    let at = |h: hexx::Hex| {
        let [c, row] = s.map.offset_of(h);
        match s.place_at(h) {
            Some((_, p)) => p.name.clone(),
            None => format!("column {c}, row {row}"),
        }
    };
    let source = r.source.clone().unwrap_or_else(|| "no source".into());
    match &r.cut {
        None => format!(
            "from {source}, {} hexes away",
            r.path.len().saturating_sub(1)
        ),
        Some(Cut::Ground { hex, holder }) => format!(
            "cut at {} (held by {})",
            at(*hex),
            s.faction(*holder).map_or("?", |f| f.name.as_str())
        ),
        Some(Cut::ZoneOfControl { hex, unit }) => format!(
            "cut at {} by the zone of control of {}",
            at(*hex),
            session
                .game
                .unit(*unit)
                .map_or("an enemy unit", |u| u.name.as_str())
        ),
        Some(Cut::OutOfRange) => format!("too far from {source}"),
        Some(Cut::NoRoute) => "no way to any supply source".into(),
    }
}
