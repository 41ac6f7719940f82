//! Money: recruits, replacements, repairs, and where new units are raised.

use std::cmp::Reverse;

use crate::sim::command::Command;
use crate::sim::entities::{Place, PlaceId, PlaceKind, Request, UnitKind};

use super::difficulty::Difficulty;
use super::plan::Plan;

/// A side raises a cell only with this many times its price to spare.
const CELL_SAVINGS: i64 = 4;
/// Cells' worth of money a side that can go underground keeps back from everything else, so
/// that it still can when its last towns fall.
const UNDERGROUND_FUND: i64 = 2;

impl<'a> Plan<'a> {
    /// Money and reinforcements: recruits, replacements, patrons' units, repairs.
    pub(super) fn spend(&self) -> Option<Command> {
        let game = self.game;
        // An easy AI spends only on every fourth turn.
        if self.d == Difficulty::Easy && !game.turn().is_multiple_of(4) {
            return None;
        }
        // Patrons' units cost no money: always worth asking for.
        if self.d != Difficulty::Easy
            && let Some(c) = self.ask_for_units()
        {
            return Some(c);
        }
        // Down to its last fighters, a side that can go underground does, whatever it keeps
        // for pay: a cell is how it survives.
        if self.survival
            && let Some(c) =
                self.raise_cell(!game.recruited_this_turn(self.me), game.treasury(self.me))
        {
            return Some(c);
        }
        let (spare, turns_left) = self.spare_money();
        // One recruit a turn: once raised, the money goes to what else it can buy.
        let recruits = !game.recruited_this_turn(self.me);
        if spare <= 0 {
            // The underground fund is all that is left.
            return self.raise_cell(recruits, spare);
        }
        // Cells come after the garrisons' needs: a side holds its towns before it goes
        // underground in those it lost.
        self.garrison_the_exposed(recruits, spare)
            .or_else(|| self.buy_fuel(spare))
            .or_else(|| self.fortify(spare))
            .or_else(|| self.repair_a_field(spare, turns_left))
            .or_else(|| self.refit_a_garrison(spare))
            .or_else(|| self.raise_cell(recruits, spare))
            .or_else(|| self.refit_the_worn(spare))
            .or_else(|| self.recruit(recruits, spare))
    }

    /// The money it can spend now, and the turns left. It keeps enough to pay the troops for
    /// a while, and no more than the rest of the game needs: money left at the end buys
    /// nothing.
    fn spare_money(&self) -> (i64, i64) {
        let game = self.game;
        let income: i64 = game
            .income_statement(self.me)
            .iter()
            .map(|l| l.amount)
            .sum();
        let upkeep = (-income).max(0);
        // Pay days still to come (each turn's is paid as it begins).
        let turns_left = i64::from(game.scenario().turns.saturating_sub(game.turn()));
        if turns_left == 0 {
            return (game.treasury(self.me), 0);
        }
        let mut reserve = (3_000 + upkeep * 8).min(500 + upkeep * turns_left);
        if self.d != Difficulty::Easy && self.cells_left() > 0 {
            reserve += crate::sim::insurgency::CELL_COST * UNDERGROUND_FUND;
        }
        (game.treasury(self.me) - reserve, turns_left)
    }

    /// The cells the side may still raise under the level's limit.
    fn cells_left(&self) -> usize {
        let game = self.game;
        let cap = game
            .scenario()
            .factions
            .get(usize::from(self.me.0))
            .map_or(0, |f| usize::from(f.cells));
        cap.saturating_sub(game.cells_of(self.me))
    }

    /// Reinforcements from a patron that offers them, for a place in danger or at the front.
    fn ask_for_units(&self) -> Option<Command> {
        for (i, patron) in self.pools() {
            if !self.offers(i, |o| matches!(o, Request::Reinforcements(_))) {
                continue;
            }
            if let Some(place) = self.exposed_place(false).or(self.front_place(false)) {
                return Some(Command::RequestReinforcements { patron, place });
            }
        }
        None
    }

    /// At the end, a place left empty within an enemy's reach needs a garrison more than
    /// anything else: militia will do.
    fn garrison_the_exposed(&self, recruits: bool, spare: i64) -> Option<Command> {
        let militia = crate::sim::economy::recruit_cost(UnitKind::Militia);
        if recruits
            && spare > militia
            && let Some(place) = self.exposed_place(true)
        {
            return Some(Command::Recruit {
                place,
                kind: UnitKind::Militia,
            });
        }
        None
    }

    /// A cell in lost ground (short of easy): in an empty town first, which it takes back,
    /// the more valuable the better; else beside the garrison with the fewest troops about.
    /// `spare` is what the side can spend beyond its underground fund.
    fn raise_cell(&self, recruits: bool, spare: i64) -> Option<Command> {
        let game = self.game;
        if !recruits || self.d == Difficulty::Easy {
            return None;
        }
        let cost = crate::sim::insurgency::CELL_COST;
        let fund = cost * UNDERGROUND_FUND;
        let s = game.scenario();
        let enemies = self.enemy_hexes();
        let place = s
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (PlaceId(i as u16), p))
            .filter_map(|(id, p)| game.check_raise_cell(id).ok().map(|hex| (id, p, hex)))
            .map(|(id, p, hex)| {
                // Troops next to where it rises find it as their turn begins.
                let unseen = game.watchers(self.me, hex).next().is_none();
                (id, p, unseen)
            })
            // A cell raised to survive is no use where it is found at once.
            .filter(|&(_, _, unseen)| unseen || !self.survival || self.last_turn)
            .max_by_key(|&(id, p, unseen)| {
                let empty = game.unit_at(p.hex).is_none();
                let near = enemies
                    .iter()
                    .filter(|e| e.unsigned_distance_to(p.hex) <= 2)
                    .count();
                let far = enemies
                    .iter()
                    .map(|e| e.unsigned_distance_to(p.hex))
                    .min()
                    .unwrap_or(u32::MAX);
                // To survive, a cell rises where the enemy is furthest; otherwise where it
                // takes a town back, or does most harm.
                if self.survival {
                    (unseen, false, 0, far, Reverse(0), Reverse(id.0))
                } else {
                    (unseen, empty, p.points, 0, Reverse(near), Reverse(id.0))
                }
            })
            .map(|(id, _, _)| id)?;
        // What the fund is for: going underground to survive, and the last turn, when a cell
        // rising in an empty town holds it at the end and money kept buys nothing. Otherwise a
        // cell is bought from what a long siege would not need.
        let afford = if self.survival || self.last_turn {
            spare + fund >= cost
        } else {
            spare >= cost * CELL_SAVINGS
        };
        afford.then_some(Command::RaiseCell { place })
    }

    /// A new line of defences at the most valuable place it garrisons within an enemy's
    /// reach: each line costs an attacker a won fight.
    fn fortify(&self, spare: i64) -> Option<Command> {
        if self.d == Difficulty::Easy || spare < crate::sim::defences::FORTIFY_COST {
            return None;
        }
        let game = self.game;
        let s = game.scenario();
        s.places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.defences > 0)
            .filter_map(|(i, p)| {
                let m = s.map.index(p.hex)?;
                let place = PlaceId(i as u16);
                let worth = self.guard[m].max(u32::from(p.points));
                (self.contested[m] && game.check_fortify(place).is_ok()).then_some((worth, i))
            })
            .max_by_key(|&(worth, i)| (worth, Reverse(i)))
            .map(|(_, i)| Command::Fortify {
                place: PlaceId(i as u16),
            })
    }

    /// A hard AI repairs its damaged fields while there are turns left to earn from them.
    fn repair_a_field(&self, spare: i64, turns_left: i64) -> Option<Command> {
        let game = self.game;
        if self.d != Difficulty::Hard || turns_left <= 0 {
            return None;
        }
        for (i, f) in game.scenario().oil_fields.iter().enumerate() {
            let c = Command::Repair { field: i as u16 };
            if game.control(f.hex) == Some(self.me)
                && game.field_damage(i) > 0
                && spare > crate::sim::economy::REPAIR_COST
                && game.check(&c).is_ok()
            {
                return Some(c);
            }
        }
        None
    }

    /// A side that must survive keeps the garrisons of its places at full strength, the most
    /// valuable place first, in contact or not: a garrison stays put anyway (a unit refitting
    /// does not move), and a point of replacements costs half what a point of a new unit
    /// does, delivered where it is needed.
    fn refit_a_garrison(&self, spare: i64) -> Option<Command> {
        if !self.cautious {
            return None;
        }
        let game = self.game;
        let map = &game.scenario().map;
        let (_, unit) = game
            .units()
            .filter(|u| u.owner == self.me && u.strength < u.full_strength)
            .filter_map(|u| {
                let g = self.guard[map.index(u.hex)?];
                let ok = g > 0 && game.reinforcement(u.id).is_ok_and(|(_, c)| c < spare);
                ok.then_some((g, u.id))
            })
            .max_by_key(|&(g, id)| (g, Reverse(id)))?;
        Some(Command::Reinforce { unit })
    }

    /// Replacements for units worn down and out of contact.
    fn refit_the_worn(&self, spare: i64) -> Option<Command> {
        if self.d == Difficulty::Easy {
            return None;
        }
        let game = self.game;
        let map = &game.scenario().map;
        let worn = game.units().find(|u| {
            u.owner == self.me
                && u.strength * 3 < u.full_strength * 2
                && map.index(u.hex).is_some_and(|i| self.threat[i] == 0)
                && game.reinforcement(u.id).is_ok_and(|(_, cost)| cost < spare)
        })?;
        Some(Command::Reinforce { unit: worn.id })
    }

    /// Fuel, when what comes in next turn and the store would leave motorised units short
    /// (at half speed): enough for all of them, if the money allows.
    fn buy_fuel(&self, spare: i64) -> Option<Command> {
        let game = self.game;
        if self.d == Difficulty::Easy {
            return None;
        }
        let motorised = game.motorised_units(self.me);
        let coming = game.fuel(self.me).saturating_add(game.fuel_income(self.me));
        let short = motorised.saturating_sub(coming);
        let price = game.fuel_price().max(1);
        let affordable = u16::try_from(spare / price).unwrap_or(u16::MAX);
        let points = short.min(affordable);
        (points > 0).then_some(Command::BuyFuel { points })
    }

    /// A new unit: infantry at the front, or, for a side that must survive (which counts
    /// fighters), militia for half the price, raised where the enemy is furthest away.
    fn recruit(&self, recruits: bool, spare: i64) -> Option<Command> {
        let kind = match self.d {
            Difficulty::Easy => UnitKind::Militia,
            _ if self.cautious => UnitKind::Militia,
            _ => UnitKind::Infantry,
        };
        let cost = crate::sim::economy::recruit_cost(kind);
        let place = if self.cautious {
            self.rear_place()
        } else {
            self.front_place(true)
        };
        if recruits
            && spare > cost * if self.d == Difficulty::Easy { 4 } else { 1 }
            && let Some(place) = place
        {
            return Some(Command::Recruit { place, kind });
        }
        None
    }

    /// The held, supplied, free places where a unit could be raised (towns and cities only
    /// when `towns_only`).
    pub(super) fn free_places(&self, towns_only: bool) -> impl Iterator<Item = (usize, &Place)> {
        let game = self.game;
        let s = game.scenario();
        s.places.iter().enumerate().filter(move |(_, p)| {
            game.control(p.hex) == Some(self.me)
                && game.unit_at(p.hex).is_none()
                && (!towns_only || matches!(p.kind, PlaceKind::City | PlaceKind::Town))
                && s.map.index(p.hex).is_some_and(|i| self.supplied[i])
        })
    }

    /// The town where a recruit is raised furthest from any enemy.
    pub(super) fn rear_place(&self) -> Option<PlaceId> {
        let enemies = self.enemy_hexes();
        self.free_places(true)
            .max_by_key(|(i, p)| {
                let d = enemies
                    .iter()
                    .map(|e| e.unsigned_distance_to(p.hex))
                    .min()
                    .unwrap_or(u32::MAX);
                (d, Reverse(*i))
            })
            .map(|(i, _)| PlaceId(i as u16))
    }

    /// Near the end, the most valuable held place left empty with an enemy near enough to
    /// walk in (towns and cities only when `towns_only`): a unit raised there holds it.
    pub(super) fn exposed_place(&self, towns_only: bool) -> Option<PlaceId> {
        if !self.endgame {
            return None;
        }
        let map = &self.game.scenario().map;
        self.free_places(towns_only)
            .filter_map(|(i, p)| {
                let m = map.index(p.hex)?;
                (self.contested[m] && self.guard[m] > 0).then_some((self.guard[m], i))
            })
            .max_by_key(|&(g, i)| (g, Reverse(i)))
            .map(|(_, i)| PlaceId(i as u16))
    }

    /// The held, supplied, free place nearest to the faction's targets where a unit could be
    /// raised (towns and cities only when `towns_only`).
    pub(super) fn front_place(&self, towns_only: bool) -> Option<PlaceId> {
        self.free_places(towns_only)
            .min_by_key(|(i, p)| {
                let d = self
                    .targets
                    .iter()
                    .map(|t| t.hex.unsigned_distance_to(p.hex))
                    .min()
                    .unwrap_or(u32::MAX);
                (d, *i)
            })
            .map(|(i, _)| PlaceId(i as u16))
    }
}
