//! egui panels: the side panel (level, date, factions, the hovered hex, the legend) and
//! place names drawn over the map, thinned out so they never pile up.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Session;
use super::camera::{HoveredHex, PANEL_WIDTH};
use super::coords::MapGeometry;
use super::level_asset::LevelStatus;
use super::map_view::Overlays;
use super::terrain_texture::terrain_rgb;
use crate::sim::{IncomeSource, Party, Stance, Terrain};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, (side_panel, map_labels).chain());
}

fn color32(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

fn swatch(ui: &mut egui::Ui, c: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, c);
}

fn side_panel(
    mut contexts: EguiContexts,
    session: Res<Session>,
    hovered: Res<HoveredHex>,
    status: Res<LevelStatus>,
    overlays: Res<Overlays>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let game = &session.game;
    let s = game.scenario();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::left("side")
        .exact_size(PANEL_WIDTH)
        .resizable(false)
        .show(&mut root, |ui| {
            ui.heading(&s.name);
            ui.label(format!(
                "{} — turn {} of {}",
                game.date(),
                game.turn(),
                s.turns
            ));
            if let Some(err) = &status.error {
                ui.separator();
                ui.colored_label(
                    egui::Color32::from_rgb(220, 80, 70),
                    "The level file has errors; still showing the last good version:",
                );
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .show(ui, |ui| ui.monospace(err));
            } else if status.reloads > 0 {
                ui.small(format!("Level reloaded from disk ({}×).", status.reloads));
            }
            economy_panel(ui, &session);
            ui.separator();
            ui.strong("Factions");
            for (i, f) in s.factions.iter().enumerate() {
                let id = crate::sim::FactionId(i as u8);
                ui.horizontal(|ui| {
                    swatch(ui, color32(f.color));
                    let mut name = f.name.clone();
                    if id == session.player {
                        name.push_str("  (you)");
                    }
                    if id == game.active_faction() {
                        ui.strong(name);
                    } else {
                        ui.label(name);
                    }
                });
                if id == session.player {
                    for (j, g) in s.factions.iter().enumerate() {
                        let other = crate::sim::FactionId(j as u8);
                        if other != id {
                            let r = game.relation(Party::Faction(id), Party::Faction(other));
                            let stance = match r.stance {
                                Stance::Hostile => "hostile to",
                                Stance::Rival => "rival of",
                                Stance::Neutral => "neutral toward",
                                Stance::Cooperating => "cooperating with",
                                Stance::Allied => "allied with",
                            };
                            let tension = if r.stance == Stance::Hostile {
                                String::new()
                            } else {
                                format!(" — tension {}", r.tension)
                            };
                            ui.small(format!("    {stance} {}{tension}", g.name));
                        }
                    }
                }
            }
            ui.separator();
            ui.strong("Under the pointer");
            match hovered.0 {
                None => {
                    ui.weak("Move the pointer over the map.");
                }
                Some(hex) => hex_details(ui, &session, hex),
            }
            ui.separator();
            ui.strong("Legend");
            egui::Grid::new("legend").num_columns(2).show(ui, |ui| {
                for t in Terrain::ALL {
                    swatch(ui, color32(terrain_rgb(t)));
                    ui.label(t.name());
                    ui.end_row();
                }
            });
            ui.small("Blue lines: rivers (crossings marked across them). Brown: roads. Dashed purple: international border.");
            ui.small(format!(
                "Keys: arrows/WASD pan, wheel zooms, drag to move; C toggles control shading ({}).",
                if overlays.control { "on" } else { "off" }
            ));
        });
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
    if let Some((_, p)) = s.place_at(hex) {
        ui.label(format!(
            "{} — {}, population {}, {} points",
            p.name,
            p.kind.name(),
            p.population,
            p.points
        ));
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

fn map_labels(
    mut contexts: EguiContexts,
    session: Res<Session>,
    geo: Option<Res<MapGeometry>>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<Camera2d>>,
) -> Result {
    let Some(geo) = geo else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let (cam, cam_global, projection) = *camera;
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let painter = ctx.layer_painter(egui::LayerId::background());
    let mut places: Vec<_> = session.game.scenario().places.iter().collect();
    // Biggest first, so when labels would overlap the smaller place gives way.
    places.sort_by(|a, b| b.population.cmp(&a.population).then(a.key.cmp(&b.key)));
    let mut taken: Vec<egui::Rect> = Vec::new();
    let font = egui::FontId::proportional(13.0);
    for p in places {
        let Ok(v) = cam.world_to_viewport(cam_global, geo.world(p.hex).extend(0.0)) else {
            continue;
        };
        if v.x < PANEL_WIDTH {
            continue;
        }
        // Villages only when zoomed in.
        if scale > 1.5 && p.population < 20_000 {
            continue;
        }
        let galley = painter.layout_no_wrap(p.name.clone(), font.clone(), egui::Color32::WHITE);
        let size = galley.size();
        let pos = egui::pos2(v.x - size.x / 2.0, v.y + 8.0);
        let rect = egui::Rect::from_min_size(pos, size).expand(2.0);
        if taken.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        taken.push(rect);
        painter.rect_filled(rect, 3.0, egui::Color32::from_black_alpha(150));
        painter.galley(pos, galley, egui::Color32::WHITE);
    }
    Ok(())
}
