//! Events as sentences for the event log and `replay`: what changed the situation, with the
//! names of units (even those that are gone), sides, places and fields.

use hexx::Hex;

use super::names::place_or_hex;
use crate::sim::diplomacy::Reason;
use crate::sim::{EndReason, Event, FactionId, Game, Scenario, UnitId};

/// Tells events as sentences for a log, remembering every unit's name so that units that are
/// gone keep theirs. Moves are left to the map: the log keeps what changes the situation.
#[derive(Clone, Debug, Default)]
pub struct Narrator {
    names: std::collections::BTreeMap<UnitId, String>,
}

impl Narrator {
    /// A narrator who knows the units of a game (those of its scenario and those on the map).
    pub fn new(game: &Game) -> Narrator {
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

    /// Learns the name of a unit an event raises, whether or not the event is told.
    pub fn learn(&mut self, e: &Event) {
        if let Event::UnitRaised { unit, .. } = e {
            self.names.insert(unit.id, unit.name.clone());
        }
    }

    /// The sentence for an event, if it is one a player reads.
    pub fn tell(&mut self, scenario: &Scenario, e: &Event) -> Option<String> {
        self.learn(e);
        if matches!(e, Event::UnitMoved { .. }) {
            return None;
        }
        let names = &self.names;
        describe(e, scenario, &|id: UnitId| {
            names.get(&id).cloned().unwrap_or_else(|| "a unit".into())
        })
    }
}

/// A sentence for the event log, or `None` for bookkeeping a player need not read (fuel
/// issues, supply traces with nothing cut, support arriving). `name` gives a unit's name;
/// the log keeps names of units that are gone.
pub fn describe(
    event: &Event,
    scenario: &Scenario,
    name: &dyn Fn(UnitId) -> String,
) -> Option<String> {
    let faction = |f: FactionId| scenario.faction(f).map_or("?", |f| f.name.as_str());
    let at = |h: Hex| place_or_hex(scenario, h);
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
    Some(match event {
        Event::UnitMoved { unit, path, .. } => {
            format!("{} moved to {}.", name(*unit), at(*path.last()?))
        }
        Event::Contact {
            unit,
            at: hex,
            enemy,
        } => format!(
            "{} ran into {} it had not seen, at {}, and halted.",
            name(*unit),
            name(*enemy),
            at(*hex)
        ),
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
        // The choice it offers is the player's to make; the advance itself is told as a
        // capture.
        Event::AdvanceOpen { .. } => return None,
        Event::NewTurn { turn, date } => format!("Turn {turn} begins: {date}."),
        Event::SupplyTraced { faction: f, states } => {
            use crate::sim::SupplyState;
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
            if *reason == Reason::Breakdown {
                format!(
                    "Relations between {a} and {b} broke down: now {}.",
                    stance.name()
                )
            } else if *tension_change == 0 {
                format!(
                    "{a} and {b} are now {} ({}).",
                    stance.name(),
                    reason_phrase(*reason)
                )
            } else {
                format!(
                    "Tension between {a} and {b} {} by {} ({}).",
                    if *tension_change > 0 { "rose" } else { "fell" },
                    tension_change.unsigned_abs(),
                    reason_phrase(*reason)
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
        Event::CellsFound { faction: f, cells } => {
            let found: Vec<String> = cells
                .iter()
                .map(|&(id, h)| format!("{} at {}", name(id), at(h)))
                .collect();
            format!("{} found {}.", faction(*f), found.join(", "))
        }
        Event::UnitRaised { unit, .. } if unit.kind == crate::sim::UnitKind::Cell => format!(
            "{} raised an underground cell, {}, at {}.",
            faction(unit.owner),
            unit.name,
            at(unit.hex)
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
        Event::FuelBought {
            faction: f,
            points,
            cost,
        } => format!(
            "{} bought {points} fuel points for {}.",
            faction(*f),
            super::names::money(*cost)
        ),
        Event::CoordinationProposed { from, to } => format!(
            "{} proposed coordination of operations to {} for {} turns.",
            faction(*from),
            faction(*to),
            crate::sim::diplomacy::COORDINATION_TURNS
        ),
        Event::ProposalAnswered {
            from,
            to,
            accepted: true,
        } => format!(
            "{} accepted coordination with {}.",
            faction(*to),
            faction(*from)
        ),
        Event::ProposalAnswered { from, to, .. } => format!(
            "{} declined coordination with {}.",
            faction(*to),
            faction(*from)
        ),
        Event::DefencesBreached { place, by, left } => {
            let p = scenario.places.get(usize::from(place.0))?;
            match left {
                0 => format!(
                    "{} broke the last line of {}'s defences: the garrison is in the open.",
                    faction(*by),
                    p.name
                ),
                1 => format!(
                    "{} broke a line of {}'s defences; 1 line still stands.",
                    faction(*by),
                    p.name
                ),
                n => format!(
                    "{} broke a line of {}'s defences; {n} lines still stand.",
                    faction(*by),
                    p.name
                ),
            }
        }
        Event::Fortified {
            place,
            faction: f,
            lines,
            cost,
        } => {
            let p = scenario.places.get(usize::from(place.0))?;
            format!(
                "{} dug a new line of defences at {} for {} ({lines} of {} now stand).",
                faction(*f),
                p.name,
                super::names::money(*cost),
                p.defences
            )
        }
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
        Event::CiviliansDisplaced {
            place,
            by,
            people,
            cause,
        } => {
            let p = scenario.places.get(usize::from(place.0))?;
            let why = match cause {
                crate::sim::civilians::Cause::Attack => format!("{} attacked there", faction(*by)),
                crate::sim::civilians::Cause::AirStrike => {
                    format!("an air strike called by {}", faction(*by))
                }
                crate::sim::civilians::Cause::Siege => {
                    format!("besieged, its supply cut by {}", faction(*by))
                }
            };
            format!("{people} people fled {} ({why}).", p.name)
        }
        Event::GameEnded { scores, reason } => {
            let best = scores
                .iter()
                .enumerate()
                .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
                .map(|(i, _)| faction(FactionId(i as u8)))
                .unwrap_or("nobody");
            match reason {
                EndReason::LastTurn => {
                    format!("The game is over: the last turn was played. {best} leads.")
                }
                EndReason::Decisive(f) => format!(
                    "The game is over: {} secured all its objectives.",
                    faction(*f)
                ),
            }
        }
    })
}

/// Why tension moved, as a short phrase.
pub fn reason_phrase(reason: Reason) -> &'static str {
    match reason {
        Reason::Attack => "attack",
        Reason::AirStrike => "air strike",
        Reason::Capture => "ground taken",
        Reason::OilSeized(_) => "oil field seized",
        Reason::Breach(_) => "agreement breached",
        Reason::Agreed(_) => "agreement made",
        Reason::Coordination => "coordination agreed",
        Reason::EndCoordination => "coordination ended",
        Reason::CoordinationLapsed => "coordination lapsed, not renewed",
        Reason::RivalCoordination => "coordination with a side the patron is at odds with",
        Reason::HandOver => "ground handed over",
        Reason::JointOperation => "joint operation",
        Reason::Breakdown => "relations broke down",
        Reason::History => "events",
    }
}
