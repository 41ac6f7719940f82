//! The player's side: its income statement and money, and its diplomacy with every other
//! side and patron.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::session::Session;
use crate::app::settings::Settings;
use crate::app::teaching::Encyclopedia;
use crate::app::theme::colour;
use crate::level::schema::ArticleKind;
use crate::sim::{FactionId, IncomeSource, Party, Stance, diplomacy, patrons};

use super::context::swatch;

/// Treasury, the coming income statement, fuel, patrons' support and agreements of the
/// player's faction.
pub(super) fn economy_panel(ui: &mut egui::Ui, session: &Session) {
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
                    IncomeSource::Extortion => "extortion and smuggling by cells".to_owned(),
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

pub(super) fn diplomacy_panel(
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
        match crate::app::teaching::article_about(articles, kind, key) {
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
            swatch(ui, colour(settings.faction_rgb(game, id)));
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
            let term = match r.until {
                Some(t) if r.stance == Stance::Cooperating => {
                    format!(", lapses at the start of turn {t} unless renewed")
                }
                _ => String::new(),
            };
            ui.small(format!("    {stance}{tension}{term}")).on_hover_text(format!(
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
            patrons::HALF_SUPPORT_TENSION,
            patrons::NO_SUPPORT_TENSION
        ));
    }
}
