//! The side panel: the selected unit and its orders, the hex under the pointer (terrain,
//! holder, crossings, places, fields, and whether supply reaches it), objectives, history.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::input;
use crate::app::map::terrain::terrain_rgb;
use crate::app::session::Session;
use crate::app::teaching::History;
use crate::app::theme::{HISTORY_COLOUR, HOVER_BOX, MESSAGE_BOX, colour};
use crate::sim::{Goal, Terrain};

use super::context::{Hud, swatch};
use super::economy::{diplomacy_panel, economy_panel};
use crate::app::ui_state::OrderButton;

pub(super) fn side_panel(ui: &mut egui::Ui, hud: &mut Hud) {
    // Three parts that never change size: the head with the last refusal's line, the box at
    // the foot describing the hex under the pointer, and between them a scrolled column. So
    // moving the pointer, or a refusal, never moves a button the player is about to click.
    // (The level's name is the window's title and the date's tooltip: the panel's room goes
    // to the game.)
    message_line(
        ui,
        hud.selection.message.as_deref(),
        hud.selection.notice.as_deref(),
    );
    let foot = (ui.ctx().content_rect().height() * 0.28).clamp(110.0, HOVER_BOX);
    egui::Panel::bottom("under_pointer")
        .exact_size(foot)
        .resizable(false)
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            ui.strong("Under the pointer");
            match hud.hovered.0 {
                None => {
                    ui.weak("Move the pointer over the map.");
                }
                Some(hex) => hex_details(ui, &hud.session, hex),
            }
        });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| sections(ui, hud));
}

/// Why the last order was refused (or, in a quieter colour, what the last action did), in a
/// line of fixed height (two lines of text; the rest in its tooltip).
fn message_line(ui: &mut egui::Ui, message: Option<&str>, notice: Option<&str>) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), MESSAGE_BOX),
        egui::Sense::hover(),
    );
    let (message, colour) = match (message, notice) {
        (Some(m), _) => (m, egui::Color32::from_rgb(240, 120, 90)),
        (None, Some(n)) => (n, egui::Color32::from_rgb(150, 210, 150)),
        (None, None) => return,
    };
    let mut line = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    line.set_clip_rect(rect.intersect(ui.clip_rect()));
    line.add(egui::Label::new(egui::RichText::new(message).color(colour)).wrap());
    response.on_hover_text(message);
}

/// The scrolled part of the side panel: the selected unit and its orders, then the sections.
fn sections(ui: &mut egui::Ui, hud: &mut Hud) {
    let session = &*hud.session;
    let game = session.view();
    let me = session.player;
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
    if let Some(u) = hud.selection.unit.and_then(|id| game.unit(id)) {
        ui.strong("Selected unit");
        unit_details(ui, session, u);
        if u.owner == me {
            // Read from the log only while the section is open, not every frame.
            egui::CollapsingHeader::new("Its fights")
                .id_salt("unit fights")
                .default_open(false)
                .show(ui, |ui| {
                    let fights = super::roster::fights_of(session, u.id, 6);
                    if fights.is_empty() {
                        ui.weak("No fight yet.");
                    }
                    for f in &fights {
                        ui.small(f);
                    }
                });
        }
        let my_turn = !game.is_over() && game.active_faction() == me;
        if u.owner == me && my_turn {
            for offer in input::unit_offers(game, u.id) {
                if ui.button(&offer.label).on_hover_text(&offer.hint).clicked() {
                    hud.orders.write(OrderButton::from(offer));
                }
            }
            ui.small("Click a lit hex to move, a red-ringed enemy to attack; Esc to let go.");
        }
        ui.separator();
    } else {
        ui.weak("Click one of your units, or press Tab, to give it orders.");
        ui.separator();
    }
    hud.targets.clear("section ");
    hud.targets.clear("order ");
    let mut headers = Vec::new();
    let economy = egui::CollapsingHeader::new("Economy")
        .default_open(true)
        .show(ui, |ui| economy_panel(ui, session));
    headers.push(("section Economy", economy.header_response.rect));
    let economy = economy.openness > 0.0;
    let count = game.units().filter(|u| u.owner == me).count();
    egui::CollapsingHeader::new(format!("Your units ({count})"))
        .id_salt("roster")
        .default_open(false)
        .show(ui, |ui| {
            let mut order = *hud.roster;
            let picked = super::roster::roster_panel(ui, session, &hud.selection, &mut order);
            if *hud.roster != order {
                *hud.roster = order;
            }
            if let Some(id) = picked {
                hud.actions
                    .write(crate::app::ui_state::PlayerAction::Select(id));
            }
        });
    let diplomacy = egui::CollapsingHeader::new("Diplomacy")
        .default_open(false)
        .show(ui, |ui| {
            diplomacy_panel(ui, session, &hud.settings, &mut hud.book)
        });
    headers.push(("section Diplomacy", diplomacy.header_response.rect));
    let diplomacy = diplomacy.openness > 0.0;
    let objectives = egui::CollapsingHeader::new("Objectives")
        .default_open(false)
        .show(ui, |ui| objectives_panel(ui, session));
    headers.push(("section Objectives", objectives.header_response.rect));
    let objectives = objectives.openness > 0.0;
    let history = &session.level.file.events;
    if !history.is_empty() && session.calendar_shown() {
        let words = crate::app::teaching::calendar_words(session.level.file.fictional);
        egui::CollapsingHeader::new(words.title)
            .default_open(false)
            .show(ui, |ui| history_panel(ui, session, &mut hud.history));
    }
    let my_turn = !game.is_over() && game.active_faction() == me;
    let mut orders = false;
    let mut buttons = Vec::new();
    if my_turn {
        let shown = egui::CollapsingHeader::new("Orders")
            .default_open(false)
            .show(ui, |ui| {
                let mut offers = input::faction_offers(game);
                if offers.is_empty() {
                    ui.weak(nothing_to_order(game, me));
                }
                // In groups under their headings, in the panel's own scroll (a list scrolled
                // inside a scrolled panel hides most of itself).
                offers.sort_by_key(|o| order_group(&o.command).0);
                let mut heading = None;
                for offer in offers {
                    let (rank, title) = order_group(&offer.command);
                    if heading != Some(rank) {
                        heading = Some(rank);
                        ui.small(title);
                    }
                    let button = ui.small_button(&offer.label).on_hover_text(&offer.hint);
                    buttons.push((format!("order {}", offer.label), button.rect));
                    if button.clicked() {
                        hud.orders.write(OrderButton::from(offer));
                    }
                }
            });
        headers.push(("section Orders", shown.header_response.rect));
        orders = shown.openness > 0.0;
    }
    hud.targets
        .0
        .extend(headers.into_iter().map(|(n, r)| (n.to_owned(), r)));
    hud.targets.0.extend(buttons);
    let open = crate::app::ui_state::OpenSections {
        economy,
        diplomacy,
        objectives,
        orders,
    };
    if *hud.sections != open {
        *hud.sections = open;
    }
    egui::CollapsingHeader::new("Legend")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("legend").num_columns(2).show(ui, |ui| {
                for t in Terrain::ALL {
                    swatch(ui, colour(terrain_rgb(t)));
                    ui.label(t.name());
                    ui.end_row();
                }
            });
            ui.small("Blue lines: rivers (crossings marked across them). Brown: roads. Dashed purple: international border. Black diamonds: oil fields (ringed by holder, red bars for damage).");
            ui.small("Places: white discs sized by population, ringed by holder; the grey part is the share of the pre-war population that has fled, before the game or in it. Sand blocks beside a place or its garrison: lines of prepared defences (hollow once broken).");
            ui.small("Counters: the frame's colour and shape tell the faction; ╳ infantry, ╳ in an oval mechanised, one stroke and G militia, SF special forces, a dot artillery, three dots in a dashed box an underground cell. Bar: strength. Yellow/red dot: low/out of supply. Red chevron: low morale. Brown line under: dug in.");
        });
}

/// A cell's supply, in place of a supply line it does not have.
const CELL_SUPPLY: &str = "Supply: none needed — a cell lives off the land and is never cut off.";

pub(super) fn unit_details(ui: &mut egui::Ui, session: &Session, u: &crate::sim::Unit) {
    let game = session.view();
    let s = game.scenario();
    let owner = s.faction(u.owner).map_or("?", |f| f.name.as_str());
    ui.label(format!("{} — {}, {owner}", u.name, u.kind.name()));
    ui.small(format!(
        "strength {}/{}, morale {}, {}, movement {}/{}{}{}",
        u.strength,
        u.full_strength,
        u.morale,
        crate::narrate::names::experience(u.experience),
        u.movement_left,
        u.kind.movement(),
        if u.has_attacked { ", has attacked" } else { "" },
        if u.dug_in { ", dug in" } else { "" },
    ));
    if u.kind == crate::sim::UnitKind::Cell {
        ui.small(CELL_SUPPLY);
    } else if let Some(r) = game.supply_report(u.id) {
        ui.small(supply_text(session, &r));
    }
    if let Some(sight) = crate::narrate::names::cell_sight(game, session.player, u) {
        ui.small(sight);
    }
    if u.no_fuel {
        ui.small("No fuel this turn: half movement.");
    }
}

/// The hex under the pointer in a few lines, for the fixed box at the foot of the side panel:
/// where it is and who holds it, its rivers, its place, field and unit, and whether the
/// player's supply would reach a unit sent there.
pub(super) fn hex_details(ui: &mut egui::Ui, session: &Session, hex: hexx::Hex) {
    let game = session.view();
    let s = game.scenario();
    let map = &s.map;
    let terrain = map.terrain(hex).map_or("?", Terrain::name);
    let holder = game
        .control(hex)
        .and_then(|f| s.faction(f))
        .map_or("nobody", |f| f.name.as_str());
    ui.label(format!(
        "{} — {terrain}, held by {holder}",
        crate::narrate::names::hex(map, hex)
    ));
    let mut whereabouts = Vec::new();
    if let Some(c) = map
        .country(hex)
        .and_then(|c| map.countries.get(usize::from(c)))
    {
        whereabouts.push(c.name.clone());
    }
    if let Some(p) = session.level.projection {
        let (lat, lon) = p.lat_lon(map.layout().hex_to_world_pos(hex));
        whereabouts.push(format!("{lat:.3}° N, {lon:.3}° E"));
    }
    let mut banks = Vec::new();
    for n in map.neighbors(hex) {
        if let Some(e) = map.river_between(hex, n) {
            let river = map
                .rivers
                .get(usize::from(e.river))
                .map_or("river", |r| r.name.as_str());
            let bank = match &e.crossing {
                Some(c) => format!("{river}: {} ({})", c.name, c.kind.name()),
                None => format!("{river} bank"),
            };
            if !banks.contains(&bank) {
                banks.push(bank);
            }
        }
    }
    whereabouts.extend(banks);
    if !whereabouts.is_empty() {
        ui.small(whereabouts.join(" · "));
    }
    if let Some((id, p)) = s.place_at(hex) {
        let people = if p.population > 0 {
            format!(", population {} before the war", p.population)
        } else {
            String::new()
        };
        ui.label(format!(
            "{} — {}{people}, {} points",
            p.name,
            p.kind.name(),
            p.points
        ));
        let left = game.residents(id);
        let mut notes = Vec::new();
        if p.defences > 0 {
            notes.push(crate::narrate::names::defences(game, id));
        }
        if left < p.population {
            notes.push(format!(
                "{left} live there now; {} have fled, {} of them in this game",
                p.population - left,
                p.present.saturating_sub(left)
            ));
        }
        if crate::app::teaching::article_about(
            &session.level.file.articles,
            crate::level::schema::ArticleKind::Place,
            &p.key,
        )
        .is_some()
        {
            notes.push("R: read about it".to_owned());
        }
        if !notes.is_empty() {
            ui.small(notes.join(" · "));
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
        let revenue = game.field_revenue(i).map_or(0, |(_, k)| k);
        ui.small(format!(
            "{}: {} {unit}, {} a turn to its holder; damage {} of {}{}",
            f.name,
            f.output,
            crate::narrate::names::money(revenue),
            game.field_damage(i),
            crate::sim::economy::MAX_DAMAGE,
            if game.field_repairing(i) {
                ", under repair"
            } else {
                ""
            }
        ));
    }
    if let Some(line) = crate::app::frontline::hover_line(session, hex) {
        ui.label(egui::RichText::new(line).small().color(HISTORY_COLOUR));
    }
    if let Some(sight) = session.sight() {
        let fog = if !sight.sees_hex(game, hex) {
            Some("Out of sight: none of your troops or places sees this ground.")
        } else if crate::sim::Sight::hides_on(game, hex) && !sight.sees_close(game, hex) {
            Some("Troops here are hidden from all but units next to them.")
        } else {
            None
        };
        if let Some(text) = fog {
            ui.small(text);
        }
    }
    if let Some(m) = session.last_seen().iter().find(|m| m.hex == hex) {
        let owner = s.faction(m.owner).map_or("?", |f| f.name.as_str());
        ui.label(format!(
            "Last seen here on {}: {} ({}), {owner}, strength {}",
            m.date,
            m.name,
            m.kind.name(),
            m.strength
        ));
    }
    if let Some(u) = game.unit_at(hex) {
        let owner = s.faction(u.owner).map_or("?", |f| f.name.as_str());
        ui.label(format!("{} ({}), {owner}", u.name, u.kind.name()));
        ui.small(format!(
            "strength {}, morale {}, {}, movement {}/{}",
            u.strength,
            u.morale,
            crate::narrate::names::experience(u.experience),
            u.movement_left,
            u.kind.movement()
        ));
        if u.kind == crate::sim::UnitKind::Cell {
            ui.small(CELL_SUPPLY);
        } else if let Some(r) = game.supply_report(u.id) {
            ui.small(supply_text(session, &r));
        }
        if let Some(sight) = crate::narrate::names::cell_sight(game, session.player, u) {
            ui.small(sight);
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
pub(super) fn supply_text(session: &Session, r: &crate::sim::SupplyReport) -> String {
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
pub(super) fn supply_why(session: &Session, r: &crate::sim::SupplyReport) -> String {
    use crate::sim::Cut;
    let s = session.view().scenario();
    let at = |h: hexx::Hex| crate::narrate::names::place_or_hex(s, h);
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
                .view()
                .unit(*unit)
                .map_or("an enemy unit unseen", |u| u.name.as_str())
        ),
        Some(Cut::OutOfRange) => format!("too far from {source}"),
        Some(Cut::NoRoute) => "no way to any supply source".into(),
    }
}

pub(super) fn objectives_panel(ui: &mut egui::Ui, session: &Session) {
    let game = session.view();
    let s = game.scenario();
    let me = session.player;
    let lead = if game.is_over() {
        "Verdict"
    } else {
        "If the game ended now"
    };
    ui.label(format!(
        "{lead}: {}.",
        crate::narrate::names::verdict(game, me)
    ));
    // The thresholds in sight, not only in a tooltip: what a win or a draw needs.
    ui.small(crate::narrate::names::verdict_levels(game, me));
    ui.small("✔ secured · ◐ held now, scores only if still held at the end · ○ not yet");
    for (i, o) in s
        .objectives
        .iter()
        .enumerate()
        .filter(|(_, o)| o.faction == me)
    {
        let secured = game.objective_secured(i);
        // A goal to hold without a date is scored at the end: until then it is only held.
        let only_held = secured && o.by.is_none() && !game.is_over();
        let mark = match (secured, only_held) {
            (true, false) => "✔",
            (true, true) => "◐",
            _ => "○",
        };
        let mut text = format!("{mark} {} — {} points", o.description, o.points);
        if only_held {
            text.push_str(" — held now, scores if still held at the end");
        }
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
        if matches!(o.goal, Goal::Survive) && !only_held {
            text.push_str(" — scored at the end");
        }
        ui.small(text);
    }
}

/// The historical calendar so far: what happened in the real campaign up to the game's date.
pub(super) fn history_panel(ui: &mut egui::Ui, session: &Session, history: &mut History) {
    let start = session.view().scenario().start;
    let now = session.view().date();
    let events = &session.level.file.events;
    let told = crate::app::teaching::due_events(events, start, now, None);
    ui.small(crate::app::teaching::calendar_words(session.level.file.fictional).intro);
    for e in &told {
        let date =
            crate::app::teaching::date_of(&e.date).map_or_else(String::new, |d| d.to_string());
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
        .filter(|e| crate::app::teaching::date_of(&e.date).is_some_and(|d| d > now))
        .count();
    if later > 0 {
        ui.weak(format!("{later} more as the weeks pass."));
    }
    if let Some(line) = crate::app::frontline::summary(session) {
        ui.small(line);
    }
}

/// Why there is nothing to order, as the rules see it: the one recruit a turn, money, or a
/// town to raise a unit in.
fn nothing_to_order(game: &crate::sim::Game, me: crate::sim::FactionId) -> String {
    let cheapest = crate::sim::UnitKind::ALL
        .into_iter()
        .filter(|k| *k != crate::sim::UnitKind::Cell)
        .map(crate::sim::economy::recruit_cost)
        .min()
        .unwrap_or(0);
    let why = if game.recruited_this_turn(me) {
        "a unit was recruited this turn, and training takes one at a time".to_owned()
    } else if game.treasury(me) < cheapest {
        format!(
            "the cheapest recruit costs {}",
            crate::narrate::names::money(cheapest)
        )
    } else {
        "no free town of yours that your supply reaches to raise a unit in".to_owned()
    };
    format!("Nothing to order now: {why}.")
}

/// Where an order goes in the Orders list: its group's place and heading.
fn order_group(command: &crate::sim::Command) -> (u8, &'static str) {
    use crate::sim::Command as C;
    match command {
        C::Recruit { .. } | C::RaiseCell { .. } => (0, "Raise units"),
        C::RequestReinforcements { .. } => (1, "Ask patrons for units"),
        C::BuyFuel { .. } => (2, "Fuel"),
        C::Fortify { .. } => (3, "Defences"),
        C::Repair { .. } => (4, "Repairs"),
        _ => (5, "Diplomacy"),
    }
}
