//! `euphrates inspect`: the resolved level, as text or as JSON for tools.

use std::path::Path;
use std::process::ExitCode;

use super::check::{print_diagnostics, summary};
use crate::level::{self};

pub(super) fn run(path: &Path, json: bool) -> ExitCode {
    match level::load_path(path) {
        Ok(l) => {
            if json {
                let v = level::inspect::to_json(&l);
                match serde_json::to_string_pretty(&v) {
                    Ok(s) => out!("{s}"),
                    Err(e) => {
                        eprintln!("error: cannot write JSON: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                out!("{}", summary(&l));
                print_opening(&l.scenario);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            ExitCode::from(1)
        }
    }
}

/// Each faction's opening position — units, money, income, fuel — then relations,
/// agreements and patrons' support: what a modder balancing a level needs to see.
fn print_opening(s: &crate::sim::Scenario) {
    use crate::sim::{AgreementKind, FactionId, Game, MoveClass, Party};
    let game = Game::new(s.clone(), 0);
    for (i, f) in s.factions.iter().enumerate() {
        let id = FactionId(i as u8);
        let units: Vec<_> = game.units().filter(|u| u.owner == id).collect();
        let motor = units
            .iter()
            .filter(|u| u.kind.move_class() == MoveClass::Motor)
            .count();
        let income: i64 = game.income_statement(id).iter().map(|l| l.amount).sum();
        out!(
            "  faction {:<12} {:<40} {:>2} units, ${:.1} M, {:+.2} M a turn, fuel {:+} a turn for {motor} motorised",
            f.key,
            f.name,
            units.len(),
            f.treasury,
            income as f64 / 1000.0,
            game.fuel_income(id),
        );
    }
    let parties = s.parties();
    for (i, &a) in parties.iter().enumerate() {
        for &b in &parties[i + 1..] {
            let r = game.relation(a, b);
            let default = s.default_relation(a, b);
            if r != default || matches!((a, b), (Party::Faction(_), Party::Faction(_))) {
                out!(
                    "  relation {} – {}: {}, tension {}",
                    s.party_name(a),
                    s.party_name(b),
                    r.stance.name(),
                    r.tension
                );
            }
        }
    }
    for a in &s.agreements {
        let what = match &a.kind {
            AgreementKind::Deconfliction { edges } => {
                format!("deconfliction line of {} hex edges", edges.len())
            }
            AgreementKind::NoStrike { hexes } => format!("no-strike zone of {} hexes", hexes.len()),
        };
        let name = |f: FactionId| s.faction(f).map_or("?", |f| f.key.as_str());
        out!(
            "  agreement {} ({what}) between {} and {}",
            a.name,
            name(a.parties.0),
            name(a.parties.1)
        );
    }
    for x in &s.support {
        let offers: Vec<&str> = x.offers.iter().map(|o| o.name()).collect();
        out!(
            "  support {} → {}: {} points, ${}k, {} fuel a turn; offers {}",
            s.party_name(Party::Patron(x.patron)),
            s.party_name(Party::Faction(x.faction)),
            x.points,
            x.money,
            x.fuel,
            if offers.is_empty() {
                "nothing".to_owned()
            } else {
                offers.join(", ")
            }
        );
    }
}
