//! One way to name things everywhere a player reads them: a hex by its column and row (as the
//! level file and the side panel give it), a place by its name, units, sides and fields by
//! theirs.

use hexx::Hex;

use crate::sim::{Experience, FactionId, Game, Map, PatronId, PlaceId, Scenario, UnitId};

/// A hex as the level file and the side panel name it: "column 37, row 26".
pub fn hex(map: &Map, hex: Hex) -> String {
    let [c, r] = map.offset_of(hex);
    format!("column {c}, row {r}")
}

/// The place on a hex by its name, or else the hex by its column and row.
pub fn place_or_hex(scenario: &Scenario, h: Hex) -> String {
    match scenario.place_at(h) {
        Some((_, p)) => p.name.clone(),
        None => hex(&scenario.map, h),
    }
}

/// A unit on the map by its name.
pub fn unit(game: &Game, id: UnitId) -> String {
    game.unit(id)
        .map_or_else(|| "that unit".to_owned(), |u| u.name.clone())
}

/// A side by its name.
pub fn faction(scenario: &Scenario, f: FactionId) -> String {
    scenario
        .faction(f)
        .map_or_else(|| "that side".to_owned(), |f| f.name.clone())
}

/// A patron by its name.
pub fn patron(scenario: &Scenario, p: PatronId) -> String {
    scenario
        .patron(p)
        .map_or_else(|| "that patron".to_owned(), |p| p.name.clone())
}

/// A place by its name.
pub fn place(scenario: &Scenario, p: PlaceId) -> String {
    scenario
        .places
        .get(usize::from(p.0))
        .map_or_else(|| "that place".to_owned(), |p| p.name.clone())
}

/// An oil or gas field by its name.
pub fn field(scenario: &Scenario, i: u16) -> String {
    scenario
        .oil_fields
        .get(usize::from(i))
        .map_or_else(|| "that field".to_owned(), |f| f.name.clone())
}

/// An agreement by its name.
pub fn agreement(scenario: &Scenario, i: u16) -> String {
    scenario
        .agreements
        .get(usize::from(i))
        .map_or_else(|| "that agreement".to_owned(), |a| a.name.clone())
}

/// Thousands of US dollars as a player reads money: "$2.0 M", "$450 k".
pub fn money(thousands: i64) -> String {
    if thousands.abs() >= 1000 {
        format!("${:.1} M", thousands as f64 / 1000.0)
    } else {
        format!("${thousands} k")
    }
}

/// A unit's experience, as the side panel shows it.
pub fn experience(e: Experience) -> &'static str {
    match e {
        Experience::Green => "green",
        Experience::Regular => "regular",
        Experience::Veteran => "veteran",
        Experience::Elite => "elite",
    }
}

/// Names joined as a sentence lists them: "A", "A and B", "A, B and C".
pub fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A side's verdict and what it rests on: "victory: 24 of 35 objective points (68 %)".
pub fn verdict(game: &crate::sim::Game, faction: crate::sim::FactionId) -> String {
    let v = game.verdict(faction);
    let (got, all) = game.objective_share(faction);
    match game.objective_percent(faction) {
        None => format!("{}: no objectives to judge by", v.name()),
        Some(share) => format!("{}: {got} of {all} objective points ({share} %)", v.name()),
    }
}

/// What each verdict needs, for a tooltip: "decisive victory from 80 %, victory from 55 %,
/// draw from 30 % of the side's objective points".
pub fn verdict_levels(game: &crate::sim::Game, faction: crate::sim::FactionId) -> String {
    let l = game.verdict_levels(faction);
    format!(
        "Decisive victory from {} % of your objective points, victory from {} %, draw from {} %; less is a defeat.",
        l.decisive, l.victory, l.draw
    )
}

/// Whether a cell is hidden from `viewer` or found, for the unit card and the hover box;
/// `None` for a unit that is not a cell.
pub fn cell_sight(game: &Game, viewer: FactionId, cell: &crate::sim::Unit) -> Option<String> {
    if cell.kind != crate::sim::UnitKind::Cell {
        return None;
    }
    Some(if cell.owner == viewer {
        "Hidden: the enemy finds it only if its troops stand next to it as their turn begins."
            .to_owned()
    } else if game.active_faction() == viewer && game.exposed(cell) {
        "Found as your turn began: it can be attacked and struck this turn.".to_owned()
    } else {
        "Hidden: troops of yours next to it as your turn begins will find it; only then can it be attacked or struck."
            .to_owned()
    })
}

/// A place's prepared defences in a few words, e.g. "defences 2 of 3 lines", with whether they
/// can be dug again yet.
pub fn defences(game: &Game, place: PlaceId) -> String {
    let s = game.scenario();
    let Some(p) = s.place(place) else {
        return String::new();
    };
    let lines = game.defences(place);
    let under_fire = game
        .last_breach(place)
        .filter(|t| game.turn() < t + crate::sim::defences::UNDER_FIRE_TURNS);
    match under_fire {
        Some(t) => format!(
            "defences {lines} of {} lines (breached {})",
            p.defences,
            s.date_of_turn(t)
        ),
        None => format!("defences {lines} of {} lines", p.defences),
    }
}

/// The patrons of `me` that coordinating with `with` would displease, each as "name (tension
/// +N)".
pub fn displeased_patrons(game: &Game, me: FactionId, with: FactionId) -> Vec<String> {
    use crate::sim::{Event, Party};
    let s = game.scenario();
    game.coordination_events(me, with)
        .iter()
        .filter_map(|e| match e {
            Event::RelationChanged {
                a: Party::Faction(f),
                b: Party::Patron(p),
                tension_change,
                ..
            } if *f == me && *tension_change > 0 => {
                Some(format!("{} (tension +{tension_change})", patron(s, *p)))
            }
            _ => None,
        })
        .collect()
}

/// A proposal of coordination from `from` put to `me`, with what it gives and costs.
pub fn proposal(game: &Game, from: FactionId, me: FactionId) -> String {
    let s = game.scenario();
    let displeased = displeased_patrons(game, me, from);
    let price = if displeased.is_empty() {
        "None of your patrons objects.".to_owned()
    } else {
        format!(
            "Patrons at odds with them will take it ill: {}.",
            list(&displeased.iter().map(String::as_str).collect::<Vec<_>>())
        )
    };
    // "A proposal from …": the names of sides take a singular or a plural verb.
    format!(
        "A proposal from {}: to coordinate operations for {} turns. Your units and theirs may cross each other's ground, and fully supplied units next to a target join each other's attacks at half strength. {price} Accept?",
        faction(s, from),
        crate::sim::diplomacy::COORDINATION_TURNS
    )
}
