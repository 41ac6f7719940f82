//! What a click or a key on the map means, as a pure function of the game and the selection,
//! so it can be tested without a window. The Bevy systems in [`super::orders`] only gather
//! the clicks and carry out the answer.

use hexx::Hex;

use crate::narrate;
use crate::sim::entities::Request;
use crate::sim::{Command, FactionId, Game, Preview, UnitId, diplomacy, economy, patrons};

/// What a click on a hex asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Click {
    /// Select this unit (the player's own to give it orders; any other to look at it).
    Select(UnitId),
    /// Clear the selection.
    Deselect,
    /// Carry out this order at once (a move).
    Order(Command),
    /// An attack: show the odds and ask to confirm first.
    ConfirmAttack {
        /// The attack with every unit of the player's that can join it.
        command: Command,
        /// Its odds with those units.
        preview: Box<Preview>,
    },
    /// An enemy out of reach of an attack but not of a move: move next to it (this order),
    /// then show the odds of attacking `target` from there.
    MoveThenAttack {
        /// The move beside the target.
        step: Command,
        /// The enemy's hex.
        target: Hex,
    },
    /// The order cannot be given; the reason comes from the rules' own check.
    Refused(String),
    /// Nothing to do.
    Nothing,
}

/// Units of `player` that could join an attack on `target` now (in range, not yet attacked,
/// supplied), the `first` one first.
pub fn possible_attackers(
    game: &Game,
    player: FactionId,
    first: UnitId,
    target: Hex,
) -> Vec<UnitId> {
    let mut out = vec![first];
    let mut others: Vec<UnitId> = game
        .units()
        .filter(|u| u.owner == player && u.id != first)
        .filter(|u| game.preview_attack(&[u.id], target).is_ok())
        .map(|u| u.id)
        .collect();
    others.sort();
    out.extend(others);
    out.truncate(crate::sim::command::MAX_ATTACKERS);
    out
}

/// What a click on `hex` means for `player` with `selected` selected.
pub fn click(game: &Game, player: FactionId, selected: Option<UnitId>, hex: Hex) -> Click {
    let my_turn = !game.is_over() && game.active_faction() == player;
    let mine = selected
        .and_then(|id| game.unit(id))
        .filter(|u| u.owner == player);
    match game.unit_at(hex) {
        Some(u) if Some(u.id) == selected => Click::Deselect,
        Some(u) if u.owner == player => Click::Select(u.id),
        Some(u) => {
            let Some(me) = mine.filter(|_| my_turn) else {
                return Click::Select(u.id);
            };
            if !game.stance(player, u.owner).fights() {
                // Not an enemy: a click on it just looks at it.
                return Click::Select(u.id);
            }
            let attackers = possible_attackers(game, player, me.id, hex);
            let command = Command::Attack {
                attackers: attackers.clone(),
                target: hex,
            };
            // The selected unit alone tells the real reason when the attack is refused.
            if let Err(e) = game.check(&Command::Attack {
                attackers: vec![me.id],
                target: hex,
            }) {
                if let Some(step) = super::approach::approach(game, me.id, hex) {
                    return Click::MoveThenAttack { step, target: hex };
                }
                return Click::Refused(narrate::explain(game, &e));
            }
            match game.preview_attack(&attackers, hex) {
                Ok(preview) => Click::ConfirmAttack {
                    command,
                    preview: Box::new(preview),
                },
                Err(e) => Click::Refused(narrate::explain(game, &e)),
            }
        }
        None => {
            let Some(me) = mine else {
                return if selected.is_some() {
                    Click::Deselect
                } else {
                    Click::Nothing
                };
            };
            if !my_turn {
                return Click::Refused("It is not your turn.".into());
            }
            if me.hex == hex {
                return Click::Nothing;
            }
            if let Some(path) = game.path_to(me.id, hex) {
                return Click::Order(Command::Move { unit: me.id, path });
            }
            // No way there this turn: a one-step order tells the rules' reason when the hex
            // is next door (a river, a line, a zone of control); otherwise it is too far.
            let step = Command::Move {
                unit: me.id,
                path: vec![hex],
            };
            match game.check(&step) {
                Err(e) if me.hex.unsigned_distance_to(hex) == 1 || me.movement_left == 0 => {
                    Click::Refused(narrate::explain(game, &e))
                }
                _ => Click::Refused(format!(
                    "{} cannot get there this turn ({} movement points left).",
                    me.name, me.movement_left
                )),
            }
        }
    }
}

/// The next of the player's units that can still act, after `after` (for Tab).
pub fn next_ready(game: &Game, player: FactionId, after: Option<UnitId>) -> Option<UnitId> {
    let ready = ready(game, player);
    let next = after.and_then(|a| ready.iter().find(|id| **id > a).copied());
    next.or_else(|| ready.first().copied())
}

/// The player's unit before `before` that can still act, going round (Shift+Tab).
pub fn previous_ready(game: &Game, player: FactionId, before: Option<UnitId>) -> Option<UnitId> {
    let ready = ready(game, player);
    let previous = before.and_then(|b| ready.iter().rev().find(|id| **id < b).copied());
    previous.or_else(|| ready.last().copied())
}

/// The player's units that have neither moved nor fought this turn and could still move,
/// except those told to keep their place: what ending the turn asks about.
pub fn idle_units(
    game: &Game,
    player: FactionId,
    keep: &std::collections::BTreeSet<UnitId>,
) -> Vec<UnitId> {
    game.units()
        .filter(|u| {
            u.owner == player
                && !u.moved
                && !u.has_attacked
                && u.movement_left > 0
                && !keep.contains(&u.id)
        })
        .map(|u| u.id)
        .filter(|&id| !game.reachable(id).is_empty())
        .collect()
}

/// The question asked before ending a turn while units have not acted.
pub fn idle_question(game: &Game, idle: &[UnitId]) -> String {
    let names: Vec<&str> = idle
        .iter()
        .filter_map(|id| game.unit(*id).map(|u| u.name.as_str()))
        .collect();
    let shown = names.len().min(4);
    let mut list = narrate::names::list(&names[..shown]);
    if names.len() > shown {
        list = format!("{list} and {} more", names.len() - shown);
    }
    format!(
        "{} of your units {} neither moved nor fought this turn: {list}. End the turn all the same?",
        names.len(),
        if names.len() == 1 { "has" } else { "have" }
    )
}

/// The player's units that can still move or attack, in order.
fn ready(game: &Game, player: FactionId) -> Vec<UnitId> {
    let mut ready: Vec<UnitId> = game
        .units()
        .filter(|u| u.owner == player && (u.movement_left > 0 || !u.has_attacked))
        .map(|u| u.id)
        .collect();
    ready.sort();
    ready
}

/// An order offered as a button, with what it would cost in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The button's text.
    pub label: String,
    /// Its tooltip: what it does and costs.
    pub hint: String,
    /// The command it gives (a costly one asks first: see [`confirmation`]).
    pub command: Command,
}

impl Offer {
    fn new(label: String, hint: String, command: Command) -> Offer {
        Offer {
            label,
            hint,
            command,
        }
    }
}

/// Spending more than this share of the treasury on one order asks first (in percent).
pub const SPEND_CONFIRM_PERCENT: i64 = 25;

/// The question to ask before a costly or irreversible order, with its cost spelled out:
/// breaching an agreement, ending coordination, and spending a large share of the treasury
/// or more than would be left to pay the next turn's bills. `None` for every other order.
pub fn confirmation(game: &Game, command: &Command) -> Option<String> {
    let s = game.scenario();
    let me = game.active_faction();
    let faction = |f: FactionId| s.faction(f).map_or("?", |f| f.name.as_str());
    match command {
        Command::Breach { agreement } => {
            let a = s.agreements.get(usize::from(*agreement))?;
            let partner = a.partner(me)?;
            let mut patrons = game.backers(me);
            for p in game.backers(partner) {
                if !patrons.contains(&p) {
                    patrons.push(p);
                }
            }
            let names: Vec<&str> = patrons
                .iter()
                .filter_map(|p| s.patron(*p).map(|p| p.name.as_str()))
                .collect();
            let patrons = if names.is_empty() {
                String::new()
            } else {
                format!(
                    " Tension with {} rises by {} each.",
                    narrate::names::list(&names),
                    diplomacy::BREACH_PATRON_TENSION
                )
            };
            Some(format!(
                "Breach {}? You are no longer bound by it, but tension with {} rises by {} and relations sink to rival at best.{patrons} Agreeing to it again needs tension below {}.",
                a.name,
                faction(partner),
                diplomacy::BREACH_TENSION,
                diplomacy::AGREEMENT_LIMIT
            ))
        }
        Command::ProposeCoordination { with } => {
            // Patrons at odds with the partner take it ill if it accepts: ask when one would.
            game.check(command).ok()?;
            let displeased = narrate::names::displeased_patrons(game, me, *with);
            if displeased.is_empty() {
                return None;
            }
            let names: Vec<&str> = displeased.iter().map(String::as_str).collect();
            Some(format!(
                "Propose to coordinate with {} for {} turns? If they accept, tension rises with {}, at odds with them: a patron's support is halved from tension {} and stops at {}.",
                faction(*with),
                diplomacy::COORDINATION_TURNS,
                narrate::names::list(&names),
                crate::sim::patrons::HALF_SUPPORT_TENSION,
                crate::sim::patrons::NO_SUPPORT_TENSION
            ))
        }
        Command::EndCoordination { with } => Some(format!(
            "End coordination with {}? Your units will no longer cross each other's ground or join each other's attacks, and tension rises by {}.",
            faction(*with),
            diplomacy::END_COORDINATION_TENSION
        )),
        Command::Recruit { kind, place } => {
            let at = s
                .places
                .get(usize::from(place.0))
                .map_or("?", |p| p.name.as_str());
            spending(
                game,
                me,
                economy::recruit_cost(*kind),
                &format!("Recruit {} at {at}", kind.name()),
            )
        }
        Command::BuyFuel { points } => spending(
            game,
            me,
            game.fuel_price() * i64::from(*points),
            &format!("Buy {points} fuel points"),
        ),
        Command::RaiseCell { place } => {
            let at = s
                .places
                .get(usize::from(place.0))
                .map_or("?", |p| p.name.as_str());
            spending(
                game,
                me,
                crate::sim::insurgency::CELL_COST,
                &format!("Raise a cell at {at}"),
            )
        }
        Command::Fortify { place } => {
            let at = s
                .places
                .get(usize::from(place.0))
                .map_or("?", |p| p.name.as_str());
            spending(
                game,
                me,
                crate::sim::defences::FORTIFY_COST,
                &format!("Fortify {at}"),
            )
        }
        Command::Repair { field } => {
            let name = s
                .oil_fields
                .get(usize::from(*field))
                .map_or("the field", |f| f.name.as_str());
            spending(game, me, economy::REPAIR_COST, &format!("Repair {name}"))
        }
        _ => None,
    }
}

/// Asks before spending `cost` when it is a large share of the treasury, or when what is
/// left would not pay the next turn's bills.
fn spending(game: &Game, me: FactionId, cost: i64, what: &str) -> Option<String> {
    let treasury = game.treasury(me);
    let income: i64 = game.income_statement(me).iter().map(|l| l.amount).sum();
    let left = treasury - cost;
    let large = cost * 100 >= treasury * SPEND_CONFIRM_PERCENT;
    let short = income < 0 && left + income < 0;
    if !large && !short {
        return None;
    }
    let money = narrate::names::money;
    let share = if treasury > 0 {
        format!(" ({} % of it)", cost * 100 / treasury)
    } else {
        String::new()
    };
    let bills = if short {
        format!(
            " Next turn's bills come to {} more than your income, and units go unpaid when the treasury is empty.",
            money(-income)
        )
    } else {
        format!(" Your income is {} a turn.", signed_money(income))
    };
    Some(format!(
        "{what} for {}? Your treasury holds {}{share}; {} would be left.{bills}",
        money(cost),
        money(treasury),
        money(left),
    ))
}

fn signed_money(amount: i64) -> String {
    let sign = if amount < 0 { "−" } else { "+" };
    format!("{sign}{}", narrate::names::money(amount.abs()))
}

/// Orders for one unit besides moving and attacking, each already accepted by the rules and
/// labelled with its price: replacements and air drops.
pub fn unit_offers(game: &Game, unit: UnitId) -> Vec<Offer> {
    let s = game.scenario();
    let mut out = Vec::new();
    let reinforce = Command::Reinforce { unit };
    if let Ok((gain, cost)) = game.reinforcement(unit)
        && game.check(&reinforce).is_ok()
    {
        out.push(Offer::new(
            format!("Replacements: +{gain} strength ({})", narrate::names::money(cost)),
            format!(
                "Up to {} strength points back, never beyond its strength at the start; the unit spends its turn refitting.",
                economy::REINFORCE_STEP
            ),
            reinforce,
        ));
    }
    for (i, p) in s.patrons.iter().enumerate() {
        let command = Command::RequestAirDrop {
            patron: crate::sim::PatronId(i as u8),
            unit,
        };
        if game.check(&command).is_ok() {
            out.push(Offer::new(
                format!(
                    "Air drop by {} ({} support)",
                    p.name,
                    Request::AirDrop.cost()
                ),
                format!(
                    "Supplies dropped from the air: the unit is supplied again at once; costs {} of {}'s support points.",
                    Request::AirDrop.cost(),
                    p.name
                ),
                command,
            ));
        }
    }
    out
}

/// Air strikes the player's patrons would fly against `hex` now.
pub fn strike_offers(game: &Game, hex: Hex) -> Vec<Offer> {
    let s = game.scenario();
    s.patrons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let command = Command::RequestAirStrike {
                patron: crate::sim::PatronId(i as u8),
                target: hex,
            };
            let covered = game.unit_at(hex).is_some_and(|u| game.under_cover(u));
            let cover = if covered {
                " (it is dug in inside a town: half the usual loss)"
            } else {
                ""
            };
            game.check(&command).is_ok().then(|| {
                Offer::new(
                    format!(
                        "Air strike by {} ({} support)",
                        p.name,
                        Request::AirStrike.cost()
                    ),
                    format!(
                        "The target loses {} to {} % of its strength{cover}, or a field is damaged. Tension rises with the victim's friends.",
                        patrons::strike_loss_percent_under(1, covered),
                        patrons::strike_loss_percent_under(6, covered)
                    ),
                    command,
                )
            })
        })
        .collect()
}

/// Orders for the player's faction as a whole, each already accepted by the rules and
/// labelled with its price: recruits and patrons' units at its towns, repairs of its oil
/// fields, and diplomacy.
pub fn faction_offers(game: &Game) -> Vec<Offer> {
    use crate::sim::{PatronId, PlaceId, UnitKind};
    let s = game.scenario();
    let me = game.active_faction();
    let mut out = Vec::new();
    let mut push = |label: String, hint: String, command: Command| {
        if game.check(&command).is_ok() {
            out.push(Offer::new(label, hint, command));
        }
    };
    for (i, p) in s.places.iter().enumerate() {
        let place = PlaceId(i as u16);
        if game.lost_ground(me, place) {
            let inside = game.unit_at(p.hex).is_none();
            // Enemy troops next to where it would rise find it as their turn begins.
            let watched = game
                .check_raise_cell(place)
                .is_ok_and(|hex| game.watchers(me, hex).next().is_some());
            push(
                format!(
                    "Raise a cell at {} ({})",
                    p.name,
                    narrate::names::money(crate::sim::insurgency::CELL_COST)
                ),
                format!(
                    "{} fighters go underground {}. A cell moves through zones of control, needs no supply, is hidden until enemy troops stand next to it as their turn begins, and extorts {} a turn near people another side rules. Counts as the turn's new unit.{}",
                    crate::sim::insurgency::CELL_STRENGTH,
                    if inside {
                        "inside the empty town, which they take back"
                    } else {
                        "next to the town, beside its garrison"
                    },
                    narrate::names::money(crate::sim::insurgency::EXTORTION),
                    if watched {
                        " Here it would rise next to enemy troops: they will find it, and it cannot move away before their turn."
                    } else {
                        ""
                    }
                ),
                Command::RaiseCell { place },
            );
        }
        if game.control(p.hex) != Some(me) {
            continue;
        }
        for kind in UnitKind::ALL {
            let cost = crate::sim::economy::recruit_cost(kind);
            push(
                format!(
                    "Recruit {} at {} ({})",
                    kind.name(),
                    p.name,
                    narrate::names::money(cost)
                ),
                format!(
                    "A green {}-strength unit at this supplied town; one recruit a turn.",
                    economy::RECRUIT_STRENGTH
                ),
                Command::Recruit { place, kind },
            );
        }
        for (j, patron) in s.patrons.iter().enumerate() {
            let cost = Request::Reinforcements(UnitKind::Infantry).cost();
            push(
                format!(
                    "{}'s reinforcements to {} ({cost} support)",
                    patron.name, p.name
                ),
                format!(
                    "A patron's unit arrives here; costs {cost} of {}'s support points.",
                    patron.name
                ),
                Command::RequestReinforcements {
                    patron: PatronId(j as u8),
                    place,
                },
            );
        }
    }
    // Fuel for the store: a turn's worth for the side's motorised units, and one point.
    let motorised = game.motorised_units(me);
    let mut amounts = vec![1u16];
    if motorised > 1 {
        amounts.push(motorised);
    }
    for points in amounts {
        push(
            format!(
                "Buy {points} fuel ({})",
                narrate::names::money(game.fuel_price() * i64::from(points))
            ),
            format!(
                "From traders, at {} a point: into the store, issued to motorised units from your next turn. You have {} motorised units and {} fuel, with {} coming in a turn.",
                narrate::names::money(game.fuel_price()),
                motorised,
                game.fuel(me),
                game.fuel_income(me)
            ),
            Command::BuyFuel { points },
        );
    }
    for (i, p) in s.places.iter().enumerate().filter(|(_, p)| p.defences > 0) {
        let place = PlaceId(i as u16);
        let lines = game.defences(place);
        push(
            format!(
                "Fortify {} ({} of {} lines, {})",
                p.name,
                lines + 1,
                p.defences,
                narrate::names::money(crate::sim::defences::FORTIFY_COST)
            ),
            "Your garrison digs a new line of prepared defences: each line costs an attacker a won fight before it can drive the garrison out. One line a turn, not while under fire."
                .to_owned(),
            Command::Fortify { place },
        );
    }
    for (i, f) in s.oil_fields.iter().enumerate() {
        push(
            format!(
                "Repair {} ({})",
                f.name,
                narrate::names::money(economy::REPAIR_COST)
            ),
            "Repairs one level of damage.".to_owned(),
            Command::Repair { field: i as u16 },
        );
    }
    for from in game.proposals_to(me) {
        let name = narrate::names::faction(s, from);
        push(
            format!("Accept coordination with {name}"),
            narrate::names::proposal(game, from, me),
            Command::AnswerProposal { from, accept: true },
        );
        push(
            format!("Decline coordination with {name}"),
            "Say no; relations stay as they are. Unanswered, it lapses when your turn ends."
                .to_owned(),
            Command::AnswerProposal {
                from,
                accept: false,
            },
        );
    }
    for (i, f) in s.factions.iter().enumerate() {
        let with = FactionId(i as u8);
        let renewal = game.stance(me, with) == crate::sim::Stance::Cooperating;
        // A renewal is offered as the term runs out, not on the turn it was agreed.
        let term = game
            .relation(
                crate::sim::Party::Faction(me),
                crate::sim::Party::Faction(with),
            )
            .until;
        let early = renewal && term.is_some_and(|until| until > game.turn() + 1);
        if !early {
            push(
                if renewal {
                    format!(
                        "Renew coordination with {} ({} turns)",
                        f.name,
                        diplomacy::COORDINATION_TURNS
                    )
                } else {
                    format!(
                        "Propose coordination to {} ({} turns)",
                        f.name,
                        diplomacy::COORDINATION_TURNS
                    )
                },
                format!(
                    "They answer on their own turn, and can accept only below tension {}: for {} turns you may then cross each other's ground, and your fully supplied units join each other's attacks at half strength. Patrons at odds with the other side take it ill.",
                    diplomacy::COORDINATION_LIMIT,
                    diplomacy::COORDINATION_TURNS
                ),
                Command::ProposeCoordination { with },
            );
        }
        push(
            format!(
                "End coordination with {} (tension +{})",
                f.name,
                diplomacy::END_COORDINATION_TENSION
            ),
            "Back to neutral relations: no more crossing each other's ground or joint attacks."
                .to_owned(),
            Command::EndCoordination { with },
        );
    }
    for (i, a) in s.agreements.iter().enumerate() {
        push(
            format!("Breach {} (tension +{})", a.name, diplomacy::BREACH_TENSION),
            format!(
                "Frees you of the agreement; tension +{} with the other party and +{} with every patron of either.",
                diplomacy::BREACH_TENSION,
                diplomacy::BREACH_PATRON_TENSION
            ),
            Command::Breach {
                agreement: i as u16,
            },
        );
        push(
            format!("Agree to {} again", a.name),
            format!(
                "Accepted below tension {}; tension falls.",
                diplomacy::AGREEMENT_LIMIT
            ),
            Command::Agree {
                agreement: i as u16,
            },
        );
    }
    out
}
