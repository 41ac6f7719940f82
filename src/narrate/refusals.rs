//! Refusals in the player's words: why the rules turned an order down, with the names of the
//! units, sides, places and fields involved and hexes by column and row, never an id.

use super::names::{agreement, faction, field, hex, money, patron, place, place_or_hex, unit};
use crate::sim::{Game, RuleError};

/// Why an order was refused, as a sentence for the player.
pub fn explain(game: &Game, error: &RuleError) -> String {
    use RuleError as E;
    let s = game.scenario();
    let at = |h| place_or_hex(s, h);
    // Names may start in lower case ("al-Omar oil field"); the sentence does not.
    capitalised(&match error {
        E::GameOver => "The game is over.".into(),
        E::NoSuchUnit(_) => "That unit is no longer on the map.".into(),
        E::NotYourUnit { unit: id, owner } => format!(
            "{} belongs to {}: it is not yours to command.",
            unit(game, *id),
            faction(s, *owner)
        ),
        E::EmptyPath => "Choose where to move: the path is empty.".into(),
        E::PathTooLong { max, .. } => format!("A move may have at most {max} steps."),
        E::NotAdjacent { hex: h, .. } => format!(
            "The path jumps to {}, which is not next to the hex before it.",
            hex(&s.map, *h)
        ),
        E::OffMap { .. } => "That is off the map.".into(),
        E::Impassable { hex: h, terrain } => {
            format!("{} is {} and cannot be entered.", at(*h), terrain.name())
        }
        E::NoCrossing { river, .. } => {
            format!("The {river} cannot be crossed here: there is no bridge or ford.")
        }
        E::Occupied { by, .. } => format!("{} stands there.", unit(game, *by)),
        E::Deconflicted { hex: h, holder } => format!(
            "{} is held by {}: the deconfliction arrangement forbids contact.",
            at(*h),
            faction(s, *holder)
        ),
        E::ZoneOfControl { .. } => {
            "An enemy zone of control stops the move there; it cannot go on past it.".into()
        }
        E::NotEnoughMovement { needed, left } => {
            format!("That takes {needed} movement points; only {left} are left this turn.")
        }
        E::NoAttackers => "Choose at least one unit to attack with.".into(),
        E::TooManyAttackers { max, .. } => format!("At most {max} units may join one attack."),
        E::DuplicateAttacker(id) => format!("{} is listed twice.", unit(game, *id)),
        E::AlreadyAttacked(id) => format!("{} has already attacked this turn.", unit(game, *id)),
        E::NoDefender { hex: h } => format!("There is no one to attack at {}.", at(*h)),
        E::NotAtWar { with } => format!("You are not at war with {}.", faction(s, *with)),
        E::NoSuchField(_) => "There is no such oil or gas field.".into(),
        E::NotYourField(i) => format!("{} is not yours.", field(s, *i)),
        E::Undamaged(i) => format!("{} is not damaged.", field(s, *i)),
        E::AlreadyRepairing(i) => format!("{} is already being repaired.", field(s, *i)),
        E::NotEnoughMoney { needed, have } => format!(
            "That costs {}; the treasury holds {}.",
            money(*needed),
            money(*have)
        ),
        E::OutOfSupply(id) => format!("{} is out of supply and cannot attack.", unit(game, *id)),
        E::DeconflictionLine { name, partner, .. } => format!(
            "Crossing here would breach the {name} agreed with {} (breach it from Orders first, at a price in tension).",
            faction(s, *partner)
        ),
        E::NoStrikeZone { name, .. } => {
            format!("This lies in the {name}: attacks and air strikes are ruled out there.")
        }
        E::NoSuchPlace(_) => "There is no such place.".into(),
        E::NotYourPlace(p) => format!("{} is not yours.", place(s, *p)),
        E::NotATown(kind) => format!("Units are raised only in a town or city, not in a {kind}."),
        E::RecruitedThisTurn => {
            "A unit has already been recruited this turn: training takes one at a time.".into()
        }
        E::PlaceOccupied { place: p, by } => format!(
            "{} stands in {}: there is no room to raise a unit there.",
            unit(game, *by),
            place(s, *p)
        ),
        E::NotSupplied(h) => format!("Supply does not reach {}.", at(*h)),
        E::AlreadyActed(id) => format!(
            "{} has moved or fought this turn; it can take replacements next turn.",
            unit(game, *id)
        ),
        E::FullStrength(id) => format!("{} is at full strength.", unit(game, *id)),
        E::NoSupport(p) => format!("{} gives you no support.", patron(s, *p)),
        E::NotOffered { patron: p, request } => {
            format!("{} does not offer {request}.", patron(s, *p))
        }
        E::NotEnoughSupport {
            request,
            needed,
            have,
        } => format!(
            "{} needs {needed} support points; the pool holds {have}.",
            request
        ),
        E::NoTarget(h) => format!(
            "There is no enemy unit or enemy-held field to strike at {}.",
            at(*h)
        ),
        E::NotCutOff(id) => format!("{} is in supply and needs no air drop.", unit(game, *id)),
        E::NoSuchFaction(_) => "There is no such side.".into(),
        E::NoDiplomacy(f) => format!("{} does not negotiate.", faction(s, *f)),
        E::WrongStance { needed, is } => format!(
            "This needs relations to be {needed}; they are {}.",
            is.name()
        ),
        E::TooTense {
            with,
            tension,
            limit,
        } => format!(
            "{} refuses: tension is {tension}, and it must be below {limit}.",
            faction(s, *with)
        ),
        E::NoSuchAgreement(_) => "There is no such agreement.".into(),
        E::NotParty(i) => format!("You are not a party to {}.", agreement(s, *i)),
        E::AgreementState(i, state) => format!("{} is already {state}.", agreement(s, *i)),
        E::CannotHandOver(h) => format!(
            "{} cannot be handed over: it is not yours, or your unit stands on it.",
            at(*h)
        ),
        E::OutOfRange {
            unit: id,
            distance,
            range,
        } => format!(
            "{} is {distance} hexes away from the target; its range is {range}.",
            unit(game, *id)
        ),
        E::FuelStoreFull { points: 0, .. } => "Buy at least one fuel point.".into(),
        E::FuelStoreFull { points, store, cap } => format!(
            "The fuel store cannot take {points} more points: it holds {cap} and has {store} already."
        ),
        E::AlreadyProposed { with } => format!(
            "{} has not yet answered your last proposal: it answers on its own turn.",
            faction(s, *with)
        ),
        E::NoProposal { from } => format!(
            "{} has made you no proposal to answer.",
            faction(s, *from)
        ),
        E::CellsRiseUnderground => {
            "Cells are not recruited: they rise underground, in ground your side has lost (Raise a cell).".into()
        }
        E::NoCells => "Your side does not go underground: it raises no cells.".into(),
        E::CellsAtLimit { max } => {
            format!("You already have {max} cells, as many as the level allows.")
        }
        E::NotLostGround(p) => format!(
            "{} is not ground your side held at the start and has lost: cells rise only there.",
            place(s, *p)
        ),
        E::NoOneToHideAmong(p) => format!(
            "No one lives in {} any more: a cell hides among people.",
            place(s, *p)
        ),
        E::NoRoom(p) => format!(
            "There is no free hex in or next to {} for a cell to rise in.",
            place(s, *p)
        ),
        E::Unspotted(h) => format!(
            "The cell at {} is hidden: your troops find a cell by standing next to it as your turn begins, and only then can it be attacked or struck.",
            at(*h)
        ),
        E::NoWorks(p) => format!(
            "{} has no works to dig: it holds no prepared defences.",
            place(s, *p)
        ),
        E::NoGarrison(p) => format!(
            "{} has none of your units in it: a line is dug by a garrison.",
            place(s, *p)
        ),
        E::DefencesFull { place: p, lines } => format!(
            "{} already has all {lines} lines of its defences.",
            place(s, *p)
        ),
        E::UnderFire { place: p, turn } => format!(
            "{} is under fire: its defences were breached on {}, and a line can be dug again from {}.",
            place(s, *p),
            s.date_of_turn(*turn),
            s.date_of_turn(turn + crate::sim::defences::UNDER_FIRE_TURNS)
        ),
        E::FortifiedThisTurn(p) => format!(
            "{} has already been fortified this turn: one line a turn.",
            place(s, *p)
        ),
        E::NothingToAdvanceInto => {
            "There is nothing to advance into: no attack of yours has just emptied a hex.".into()
        }
        E::NotAnAdvancer { unit: id, hex } => format!(
            "{} cannot advance into {}: only a unit that fought from next door and can step there may.",
            unit(game, *id),
            at(*hex)
        ),
    })
}

/// A sentence takes a capital, whatever name starts it ("column 3, row 4", "al-Omar").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
