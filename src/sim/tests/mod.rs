//! Rule and AI tests on small scenarios built in code, one file per part of the rules, with the
//! builders and steps they share here.

pub(super) use crate::sim::diplomacy::{
    BREACH_PATRON_TENSION, BREACH_TENSION, BREAKDOWN_TENSION, COORDINATION_LIMIT, TENSION_EASING,
};
pub(super) use crate::sim::economy::{
    FUEL_CAP, FUEL_START, IncomeSource, RECRUIT_STRENGTH, recruit_cost,
};
pub(super) use crate::sim::patrons::{STRIKE_COVER_PERCENT, strike_loss_percent};
pub(super) use crate::sim::*;

mod campaign;
mod computer;
mod defences;
mod ending;
mod fighting;
mod insurgency;
mod money;
mod moving;
mod patronage;
mod relations;
mod sight;
mod supplying;

pub(super) fn two_sides(terrain: Terrain) -> (ScenarioBuilder, FactionId, FactionId) {
    let mut b = ScenarioBuilder::new(12, 10, terrain);
    let red = b.faction("red");
    let blue = b.faction("blue");
    (b, red, blue)
}

/// Adds an unpeopled place worth `points` at `hex`, named after its key.
pub(super) fn place(
    b: &mut ScenarioBuilder,
    key: &str,
    kind: PlaceKind,
    hex: hexx::Hex,
    points: u16,
) -> PlaceId {
    b.place(Place {
        defences: 0,
        key: key.into(),
        name: key.into(),
        kind,
        hex,
        population: 0,
        present: 0,
        points,
    })
}

pub(super) fn mv(unit: UnitId, path: Vec<hexx::Hex>) -> Command {
    Command::Move { unit, path }
}

/// Red and blue on a 12×10 steppe, each holding its half (red west of column 6).
pub(super) fn halves() -> (ScenarioBuilder, FactionId, FactionId) {
    let mut b = ScenarioBuilder::new(12, 10, Terrain::Steppe);
    let red = b.faction("red");
    let blue = b.faction("blue");
    for r in 0..10 {
        for c in 0..12 {
            b.control(c, r, Some(if c < 6 { red } else { blue }));
        }
    }
    (b, red, blue)
}

pub(super) fn town(
    b: &mut ScenarioBuilder,
    key: &str,
    col: i32,
    row: i32,
    population: u32,
) -> PlaceId {
    let hex = b.hex(col, row);
    b.place(Place {
        defences: 0,
        key: key.into(),
        name: key.into(),
        kind: PlaceKind::Town,
        hex,
        population,
        present: population,
        points: 2,
    })
}

/// The active faction proposes coordination to `to`, and `to` accepts on its turn (the game
/// is left on `to`'s turn).
pub(super) fn agree(game: &mut Game, to: FactionId) {
    let from = game.active_faction();
    game.perform(&Command::ProposeCoordination { with: to })
        .unwrap();
    while game.active_faction() != to {
        game.perform(&Command::EndTurn).unwrap();
    }
    game.perform(&Command::AnswerProposal { from, accept: true })
        .unwrap();
}

/// Ends turns until it is `faction`'s.
pub(super) fn until_turn_of(game: &mut Game, faction: FactionId) {
    while game.active_faction() != faction {
        game.perform(&Command::EndTurn).unwrap();
    }
}

pub(super) fn end_round(game: &mut Game) {
    for _ in 0..game.scenario().factions.len() {
        game.perform(&Command::EndTurn).unwrap();
    }
}

pub(super) fn support(
    patron: PatronId,
    faction: FactionId,
    points: u16,
    offers: Vec<Request>,
) -> Support {
    Support {
        patron,
        faction,
        points,
        money: 0,
        fuel: 0,
        offers,
        reconnaissance: 0,
    }
}

pub(super) fn relation(game: &Game, a: Party, b: Party) -> Relation {
    game.relation(a, b)
}

/// Red holds a road from a source at column 0 along row 2 to a unit at column 6.
pub(super) fn supply_line() -> (ScenarioBuilder, FactionId, FactionId, UnitId) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    for c in 0..6 {
        let (h, n) = (b.hex(c, 2), b.hex(c + 1, 2));
        b.map().add_road(h, n);
    }
    for c in 0..=6 {
        b.control(c, 2, Some(red));
    }
    let u = b.unit(red, UnitKind::Infantry, 6, 2);
    let src = b.hex(0, 2);
    b.supply_source(red, "Rear road", SupplyKind::Road, src);
    (b, red, blue, u)
}

pub(super) fn battle(seed: u64) -> (Game, Vec<Event>) {
    let (mut b, red, blue) = two_sides(Terrain::Steppe);
    let a = b.unit(red, UnitKind::Mechanised, 3, 3);
    let d = b.unit(blue, UnitKind::Militia, 4, 3);
    b.unit_mut(d).strength = 10;
    let target = b.hex(4, 3);
    let mut game = Game::new(b.build(), seed);
    let events = game
        .perform(&Command::Attack {
            attackers: vec![a],
            target,
        })
        .unwrap();
    (game, events)
}

/// Red and blue each hold half a map; an oil field of 10,000 bbl/d stands in red's half.
pub(super) fn oil_war() -> (ScenarioBuilder, FactionId, FactionId) {
    let (mut b, red, blue) = two_sides(Terrain::Desert);
    for r in 0..10 {
        for c in 0..12 {
            b.control(c, r, Some(if c < 6 { red } else { blue }));
        }
    }
    let hex = b.hex(5, 5);
    b.oil_field("field", FieldKind::Oil, hex, 10_000);
    (b, red, blue)
}

/// Red with a patron offering air strikes, drops and militia, against blue.
pub(super) fn backed() -> (ScenarioBuilder, FactionId, FactionId, PatronId) {
    let (mut b, red, blue) = halves();
    let p = b.patron("patron", &[red]);
    b.support(support(
        p,
        red,
        4,
        vec![
            Request::AirStrike,
            Request::AirDrop,
            Request::Reinforcements(UnitKind::Militia),
        ],
    ));
    (b, red, blue, p)
}
