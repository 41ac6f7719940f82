//! Events: what happened. Applying an event is the only way game state changes.

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::combat::Outcome;
use super::entities::{FactionId, Party, PatronId, Stance, Unit, UnitId};
use super::map::Mp;

/// One thing that happened in the game.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// A unit moved along `path` (which ends at its new hex) and spent `cost` movement points.
    UnitMoved {
        /// The unit.
        unit: UnitId,
        /// Where it started.
        from: Hex,
        /// The hexes it passed, ending where it stopped.
        path: Vec<Hex>,
        /// Movement points spent.
        cost: Mp,
    },
    /// A hex changed hands.
    ControlChanged {
        /// The hex.
        hex: Hex,
        /// The previous controller.
        from: Option<FactionId>,
        /// The new controller.
        to: FactionId,
    },
    /// An attack was fought; losses and movement follow as separate events.
    AttackResolved {
        /// The attacking units (each may attack once per turn).
        attackers: Vec<UnitId>,
        /// The defending unit.
        defender: UnitId,
        /// The hex attacked.
        target: Hex,
        /// Attack power over defence power, in percent.
        ratio_percent: u32,
        /// The die roll, 1..=6.
        roll: u8,
        /// The result from the combat table.
        outcome: Outcome,
    },
    /// A unit lost strength and morale changed (positive or negative).
    UnitDamaged {
        /// The unit.
        unit: UnitId,
        /// Strength points lost.
        loss: u16,
        /// Change of morale.
        morale_change: i16,
    },
    /// A defeated unit fell back one hex.
    UnitRetreated {
        /// The unit.
        unit: UnitId,
        /// Where it was.
        from: Hex,
        /// Where it went.
        to: Hex,
    },
    /// A unit was destroyed or dispersed.
    UnitDestroyed {
        /// The unit.
        unit: UnitId,
        /// Where it was.
        hex: Hex,
    },
    /// A faction finished its turn.
    TurnEnded {
        /// The faction.
        faction: FactionId,
    },
    /// A new game turn began.
    NewTurn {
        /// Its number, from 1.
        turn: u16,
        /// Its date.
        date: Date,
    },
    /// A faction's supply was traced at the start of its turn: each unit's new state. Units
    /// Out of supply move at half speed this turn.
    SupplyTraced {
        /// The faction.
        faction: FactionId,
        /// Every unit of the faction with its new state.
        states: Vec<(UnitId, super::supply::SupplyState)>,
    },
    /// A faction's income statement at the start of its turn, line by line (thousands of US
    /// dollars; spending is negative).
    Income {
        /// The faction.
        faction: FactionId,
        /// Each line of the statement.
        lines: Vec<super::economy::IncomeLine>,
        /// The sum.
        total: i64,
    },
    /// Fighting or bombing damaged an oil or gas field.
    FieldDamaged {
        /// The field (index in the scenario's list).
        field: u16,
    },
    /// A relation moved: its stance is now `stance` and its tension changed by
    /// `tension_change` (clamped to 0..=100).
    RelationChanged {
        /// One party.
        a: Party,
        /// The other.
        b: Party,
        /// The stance after the change.
        stance: Stance,
        /// Change of tension.
        tension_change: i16,
        /// Why.
        reason: super::diplomacy::Reason,
    },
    /// An agreement was breached or agreed (again).
    AgreementChanged {
        /// The agreement (index in the scenario's list).
        agreement: u16,
        /// Whether it is now in force.
        active: bool,
        /// The faction that acted.
        by: FactionId,
    },
    /// A patron's support for the turn arrived: points into the pool (money arrives on the
    /// income statement, fuel with the fuel issue).
    SupportGranted {
        /// The support entry (index in the scenario's list).
        support: u16,
        /// Points added.
        points: u16,
        /// Share of full support given, in percent (cut by tension).
        percent: u8,
    },
    /// Support points were spent on a request.
    SupportSpent {
        /// The support entry.
        support: u16,
        /// Points spent.
        points: u16,
    },
    /// A patron's aircraft struck a hex; damage follows as separate events.
    AirStrike {
        /// The support entry that paid for it.
        support: u16,
        /// The hex struck.
        target: Hex,
        /// The die roll, 1..=6.
        roll: u8,
        /// The unit hit, if one stood there.
        unit: Option<UnitId>,
    },
    /// A patron's own campaign against a faction's oil struck (or missed) a field.
    OilStrike {
        /// The patron.
        patron: PatronId,
        /// The field.
        field: u16,
        /// The die roll, 1..=6.
        roll: u8,
        /// Whether it hit.
        hit: bool,
    },
    /// Supply was dropped from the air to a cut-off unit: it is supplied again.
    AirDrop {
        /// The support entry that paid for it.
        support: u16,
        /// The unit.
        unit: UnitId,
    },
    /// A new unit joined: recruited (for money) or sent by a patron (for support points).
    UnitRaised {
        /// The unit as it arrives.
        unit: Unit,
        /// Money paid, in thousands of US dollars.
        cost: i64,
    },
    /// Replacements brought a unit back toward full strength; it spends the turn refitting.
    UnitReinforced {
        /// The unit.
        unit: UnitId,
        /// Strength gained.
        gain: u16,
        /// Money paid, in thousands of US dollars.
        cost: i64,
    },
    /// Fuel for a faction's motorised units at the start of its turn.
    FuelIssued {
        /// The faction.
        faction: FactionId,
        /// Fuel that came in (fields, rear, patrons).
        produced: u16,
        /// Fuel used by the units that got it.
        used: u16,
        /// Motorised units left without fuel: half movement this turn.
        short: Vec<UnitId>,
    },
    /// The treasury could not pay the troops: morale falls.
    Unpaid {
        /// The faction.
        faction: FactionId,
        /// Change of every unit's morale.
        morale_change: i16,
    },
    /// An objective was met for the first time (checked at the end of each faction's turn).
    ObjectiveAchieved {
        /// The objective (index in the scenario's list).
        objective: u16,
        /// The date.
        date: Date,
    },
    /// Repair of one level of damage began and was paid for.
    RepairStarted {
        /// The field.
        field: u16,
        /// What it cost, in thousands of US dollars.
        cost: i64,
    },
    /// A repair finished: one level of damage less.
    FieldRepaired {
        /// The field.
        field: u16,
    },
    /// A faction's turn began: its units are ready to move and fight again.
    FactionTurnBegan {
        /// The faction.
        faction: FactionId,
    },
    /// A historical event of the level changed the oil price.
    OilPriceChanged {
        /// US dollars a barrel from now on.
        price: u16,
    },
    /// Fighting or an air strike in a populated place drove people from their homes.
    CiviliansDisplaced {
        /// The place.
        place: super::PlaceId,
        /// The faction whose attack or air strike it was.
        by: FactionId,
        /// How many people fled.
        people: u32,
    },
    /// The game ended.
    GameEnded {
        /// Points per faction, in faction order.
        scores: Vec<u32>,
        /// Why it ended.
        reason: super::victory::EndReason,
    },
}

/// Tells events as sentences for a log, remembering every unit's name so that units that are
/// gone keep theirs. Moves are left to the map: the log keeps what changes the situation.
#[derive(Clone, Debug, Default)]
pub struct Narrator {
    names: std::collections::BTreeMap<UnitId, String>,
}

impl Narrator {
    /// A narrator who knows the units of a game (those of its scenario and those on the map).
    pub fn new(game: &super::Game) -> Narrator {
        let names = game
            .scenario()
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (UnitId(i as u32), u.name.clone()))
            .chain(game.units().map(|u| (u.id, u.name.clone())))
            .collect();
        Narrator { names }
    }

    /// The sentence for an event, if it is one a player reads.
    pub fn tell(&mut self, scenario: &super::Scenario, e: &Event) -> Option<String> {
        if let Event::UnitRaised { unit, .. } = e {
            self.names.insert(unit.id, unit.name.clone());
        }
        if matches!(e, Event::UnitMoved { .. }) {
            return None;
        }
        let names = &self.names;
        e.describe(scenario, &|id: UnitId| {
            names.get(&id).cloned().unwrap_or_else(|| "a unit".into())
        })
    }
}

impl Event {
    /// A sentence for the event log, or `None` for bookkeeping a player need not read (fuel
    /// issues, supply traces with nothing cut, support arriving). `name` gives a unit's name;
    /// the log keeps names of units that are gone.
    pub fn describe(
        &self,
        scenario: &super::Scenario,
        name: &dyn Fn(UnitId) -> String,
    ) -> Option<String> {
        let faction = |f: FactionId| scenario.faction(f).map_or("?", |f| f.name.as_str());
        let at = |h: Hex| match scenario.place_at(h) {
            Some((_, p)) => p.name.clone(),
            None => format!("hex {},{}", h.x, h.y),
        };
        let field = |i: u16| {
            scenario
                .oil_fields
                .get(usize::from(i))
                .map_or("an oil field", |f| f.name.as_str())
                .to_string()
        };
        let patron_of = |s: u16| {
            scenario
                .support
                .get(usize::from(s))
                .and_then(|s| scenario.patron(s.patron))
                .map_or("A patron", |p| p.name.as_str())
                .to_string()
        };
        Some(match self {
            Event::UnitMoved { unit, path, .. } => {
                format!("{} moved to {}.", name(*unit), at(*path.last()?))
            }
            Event::ControlChanged { hex, to, .. } => {
                // Only places are worth a line; every hex changing hands would flood the log.
                let (_, p) = scenario.place_at(*hex)?;
                format!("{} took {}.", faction(*to), p.name)
            }
            Event::AttackResolved {
                attackers,
                defender,
                target,
                ratio_percent,
                roll,
                outcome,
            } => {
                let who: Vec<String> = attackers.iter().map(|u| name(*u)).collect();
                format!(
                    "{} attacked {} at {} (odds {}.{}:1, roll {}): {}.",
                    who.join(", "),
                    name(*defender),
                    at(*target),
                    ratio_percent / 100,
                    ratio_percent % 100 / 10,
                    roll,
                    outcome.name()
                )
            }
            Event::UnitDamaged { unit, loss, .. } if *loss > 0 => {
                format!("{} lost {} strength.", name(*unit), loss)
            }
            Event::UnitDamaged { .. } => return None,
            Event::UnitRetreated { unit, to, .. } => {
                format!("{} fell back to {}.", name(*unit), at(*to))
            }
            Event::UnitDestroyed { unit, hex } => {
                format!("{} was destroyed at {}.", name(*unit), at(*hex))
            }
            Event::TurnEnded { .. } => return None,
            Event::NewTurn { turn, date } => format!("Turn {turn} begins: {date}."),
            Event::SupplyTraced { faction: f, states } => {
                use super::supply::SupplyState;
                let out = states
                    .iter()
                    .filter(|(_, s)| *s == SupplyState::Out)
                    .count();
                let low = states
                    .iter()
                    .filter(|(_, s)| *s == SupplyState::Low)
                    .count();
                if out + low == 0 {
                    return None;
                }
                format!(
                    "{}: {} units low on supply, {} out of supply.",
                    faction(*f),
                    low,
                    out
                )
            }
            Event::Income {
                faction: f, total, ..
            } => {
                format!("{}: income {:+} thousand US dollars.", faction(*f), total)
            }
            Event::FieldDamaged { field: i } => format!("{} was damaged.", field(*i)),
            Event::RelationChanged {
                a,
                b,
                stance,
                tension_change,
                reason,
            } => {
                let (a, b) = (scenario.party_name(*a), scenario.party_name(*b));
                if *reason == super::diplomacy::Reason::Breakdown {
                    format!(
                        "Relations between {a} and {b} broke down: now {}.",
                        stance.name()
                    )
                } else if *tension_change == 0 {
                    format!(
                        "{a} and {b} are now {} ({}).",
                        stance.name(),
                        reason.describe()
                    )
                } else {
                    format!(
                        "Tension between {a} and {b} {} by {} ({}).",
                        if *tension_change > 0 { "rose" } else { "fell" },
                        tension_change.unsigned_abs(),
                        reason.describe()
                    )
                }
            }
            Event::AgreementChanged {
                agreement,
                active,
                by,
            } => {
                let name = scenario
                    .agreements
                    .get(usize::from(*agreement))
                    .map_or("an agreement", |a| a.name.as_str());
                if *active {
                    format!("{} agreed to {} again.", faction(*by), name)
                } else {
                    format!("{} breached {}.", faction(*by), name)
                }
            }
            Event::SupportGranted { .. } | Event::SupportSpent { .. } => return None,
            Event::AirStrike {
                support,
                target,
                unit,
                ..
            } => match unit {
                Some(u) => format!(
                    "{} aircraft struck {} at {}.",
                    patron_of(*support),
                    name(*u),
                    at(*target)
                ),
                None => format!("{} aircraft struck {}.", patron_of(*support), at(*target)),
            },
            Event::OilStrike {
                patron,
                field: i,
                hit,
                ..
            } => {
                let p = scenario
                    .patron(*patron)
                    .map_or("A patron", |p| p.name.as_str());
                if *hit {
                    format!("{p} bombed {}.", field(*i))
                } else {
                    format!("{p} bombed {} and missed.", field(*i))
                }
            }
            Event::AirDrop { support, unit } => format!(
                "{} dropped supplies to {}.",
                patron_of(*support),
                name(*unit)
            ),
            Event::UnitRaised { unit, cost } if *cost > 0 => format!(
                "{} recruited {} at {}.",
                faction(unit.owner),
                unit.name,
                at(unit.hex)
            ),
            Event::UnitRaised { unit, .. } => format!(
                "{} arrived at {} ({}).",
                unit.name,
                at(unit.hex),
                faction(unit.owner)
            ),
            Event::UnitReinforced { unit, gain, .. } => {
                format!(
                    "{} received {} strength in replacements.",
                    name(*unit),
                    gain
                )
            }
            Event::FuelIssued {
                faction: f, short, ..
            } if !short.is_empty() => format!(
                "{}: {} motorised units without fuel (half movement).",
                faction(*f),
                short.len()
            ),
            Event::FuelIssued { .. } => return None,
            Event::Unpaid { faction: f, .. } => {
                format!("{} could not pay its troops: morale falls.", faction(*f))
            }
            Event::ObjectiveAchieved { objective, date } => {
                let o = scenario.objectives.get(usize::from(*objective))?;
                match o.by {
                    // A race lost still reads as one: the deadline is what it was about.
                    Some(by) if o.too_late(*date) => format!(
                        "{} met an objective too late to score it (the deadline was {by}): {} \
                         ({date}).",
                        faction(o.faction),
                        o.description
                    ),
                    _ => format!(
                        "{} met an objective: {} ({date}).",
                        faction(o.faction),
                        o.description
                    ),
                }
            }
            Event::RepairStarted { field: i, .. } => format!("Repairs began at {}.", field(*i)),
            Event::FieldRepaired { field: i } => format!("{} was repaired.", field(*i)),
            Event::FactionTurnBegan { faction: f } => format!("{} to move.", faction(*f)),
            Event::OilPriceChanged { price } => {
                format!("Oil now sells at ${price} a barrel.")
            }
            Event::CiviliansDisplaced { place, by, people } => {
                let p = scenario.places.get(usize::from(place.0))?;
                format!(
                    "{people} people fled {} ({} attacked there).",
                    p.name,
                    faction(*by)
                )
            }
            Event::GameEnded { scores, reason } => {
                let best = scores
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
                    .map(|(i, _)| faction(FactionId(i as u8)))
                    .unwrap_or("nobody");
                match reason {
                    super::victory::EndReason::LastTurn => {
                        format!("The game is over: the last turn was played. {best} leads.")
                    }
                    super::victory::EndReason::Decisive(f) => format!(
                        "The game is over: {} secured all its objectives.",
                        faction(*f)
                    ),
                }
            }
        })
    }
}
