//! What the AI is after and where its units go: targets and their worth, the cuts in its
//! supply lines, and the score of each hex a unit could move to.

use hexx::Hex;

use crate::sim::command::Command;
use crate::sim::entities::{Unit, UnitId, UnitKind};
use crate::sim::game::Game;
use crate::sim::map::MoveClass;
use crate::sim::supply::{Cut, SupplyState};

use super::difficulty::Difficulty;
use super::plan::{ON_THE_WAY, Plan, Target, must_survive, worth_by_hex};
use super::player::AiPlayer;
use super::tasks::RACE_WEIGHT;

/// What clearing a cut supply line is worth to a hard AI, per point of strength it cuts off:
/// units cut off waste away and cannot attack, so the line is worth more than their strength.
pub(super) const SUPPLY_CUT_WEIGHT: u32 = 3;

/// What hunting down an enemy cell in or next to its ground is worth to an AI.
pub(super) const CELL_HUNT_VALUE: u32 = 4;

impl AiPlayer {
    /// What the AI is after for the faction whose turn it is: hexes and their worth (what a
    /// debugging overlay or a curious player can show).
    pub fn targets(&mut self, game: &Game) -> Vec<(Hex, u32)> {
        let cuts = self.supply_cuts(game);
        let rivals = self.rivals(game);
        let plan = Plan::new(
            game,
            game.active_faction(),
            self.difficulty,
            &cuts,
            &mut self.supply,
            rivals,
        );
        plan.targets.iter().map(|t| (t.hex, t.value)).collect()
    }

    /// How far, in movement points less the worth of the target, a unit moving as `class`
    /// on `hex` is from what the AI is after: lower is better (for debugging overlays).
    pub fn distance_to_targets(&mut self, game: &Game, hex: Hex, class: MoveClass) -> u32 {
        let cuts = self.supply_cuts(game);
        let rivals = self.rivals(game);
        let plan = Plan::new(
            game,
            game.active_faction(),
            self.difficulty,
            &cuts,
            &mut self.supply,
            rivals,
        );
        let map = &game.scenario().map;
        let field = self.field(game, &plan, class, false);
        map.index(hex).map_or(u32::MAX, |i| field.cost[i])
    }

    /// The enemies and enemy ground that cut its units' supply, with the strength they cut
    /// off (weighed by [`SUPPLY_CUT_WEIGHT`] as targets): for a hard AI every cut; for a normal
    /// one the cells and the enemy ground that cut it (a cell on a road, or a desert hex a
    /// raider walked across, starves a whole front); for an easy one the cells.
    pub(super) fn supply_cuts(&mut self, game: &Game) -> Vec<Target> {
        let hard = self.difficulty == Difficulty::Hard;
        let me = game.active_faction();
        // A side that must survive does not go hunting: it hides.
        if must_survive(game, me) {
            return Vec::new();
        }
        let key = (game.turn(), me.0);
        if let Some((k, cuts)) = &self.supply_cuts
            && *k == key
        {
            return cuts.clone();
        }
        let mut cuts: Vec<Target> = Vec::new();
        for u in game.units() {
            if u.owner != me || u.supply == SupplyState::Supplied {
                continue;
            }
            let hex = match game.supply_report(u.id).and_then(|r| r.cut) {
                Some(Cut::ZoneOfControl { unit, .. }) => game
                    .unit(unit)
                    .filter(|e| hard || e.kind == UnitKind::Cell)
                    .map(|e| e.hex),
                Some(Cut::Ground { hex, .. }) if self.difficulty != Difficulty::Easy => Some(hex),
                _ => None,
            };
            let Some(hex) = hex else { continue };
            match cuts.iter_mut().find(|c| c.hex == hex) {
                Some(c) => c.value += u32::from(u.strength),
                None => cuts.push(Target {
                    hex,
                    value: u32::from(u.strength),
                }),
            }
        }
        self.supply_cuts = Some((key, cuts.clone()));
        cuts
    }

    /// The best move for the unit that gains most by moving, if any gains at all.
    pub(super) fn movement(&mut self, game: &Game, plan: &Plan) -> Option<Command> {
        let map = &game.scenario().map;
        let mut best: Option<(i64, UnitId, Hex)> = None;
        let easy = self.difficulty == Difficulty::Easy;
        let mut units: Vec<_> = game
            .units()
            .filter(|u| u.owner == plan.me && u.movement_left > 0 && !u.has_attacked)
            // An easy AI commands only half its units each turn, taking turns.
            .filter(|u| !easy || (u.id.0 + u32::from(game.turn())).is_multiple_of(2))
            .map(|u| (u.id, u.kind.move_class(), u.hex))
            .collect();
        units.sort_by_key(|(id, _, _)| *id);
        let tasks = self.tasks(game, plan);
        // Taken out while the distance fields borrow the player, and put back below.
        let mut reach = std::mem::take(&mut self.reach);
        reach.refresh(game);
        for (id, class, here) in units {
            let raids = (!plan.raids.is_empty()).then(|| self.fresh_field(game, plan, class, true));
            let toward = self.fresh_field(game, plan, class, false);
            let raids: &[u32] = raids.map_or(&[], |i| &self.fields[i].1.cost);
            let raid_at = |h: Hex| map.index(h).and_then(|i| raids.get(i).copied());
            // A unit of a task force marches on its own target, the others where the targets
            // pull hardest.
            let field: &[u32] = match tasks.get(&id) {
                Some(d) => d,
                None => &self.fields[toward].1.cost,
            };
            let at = |h: Hex| map.index(h).map_or(u32::MAX, |i| field[i]);
            let here_score = plan.score(game, id, here, at(here), raid_at(here));
            for &h in reach.hexes(game, id) {
                let gain = plan.score(game, id, h, at(h), raid_at(h)) - here_score;
                if gain > 0 && best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, id, h));
                }
            }
        }
        self.reach = reach;
        let (_, id, to) = best?;
        let path = game.path_to(id, to)?;
        Some(Command::Move { unit: id, path })
    }
}

impl<'a> Plan<'a> {
    pub(super) fn find_targets(&mut self, cuts: &[Target]) {
        let game = self.game;
        let s = game.scenario();
        let map = &s.map;
        let add = |targets: &mut Vec<Target>, hex: Hex, value: u32| {
            if value > 0 {
                targets.push(Target { hex, value });
            }
        };
        let mut targets = Vec::new();
        // What the weighting of the faction's own goals adds to a hex, over the points it
        // scores.
        let mut extra: std::collections::BTreeMap<(i32, i32), u32> = Default::default();
        let objectives = self.d != Difficulty::Easy;
        for (i, o) in s.objectives.iter().enumerate() {
            if o.faction != self.me {
                continue;
            }
            // Worth what it scores, a little more for the faction's own goals.
            let weight = u32::from(o.points) * if objectives { 2 } else { 1 };
            let dated_out =
                o.by.is_some_and(|by| game.date() > by && !game.objective_secured(i));
            for h in s.objective_hexes(&o.goal) {
                if self.takeable(h) && !dated_out {
                    add(&mut targets, h, weight);
                    *extra.entry((h.x, h.y)).or_default() += weight - u32::from(o.points);
                } else if game.control(h) == Some(self.me)
                    && let Some(i) = map.index(h)
                {
                    self.guard[i] += weight;
                    // A defender's own objectives draw its units as much as what it could
                    // take: it gathers on them. An attacker holds them only when an enemy comes near.
                    if self.cautious {
                        add(&mut targets, h, weight);
                    }
                }
            }
        }
        for p in &s.places {
            if p.points == 0 {
                continue;
            }
            if self.takeable(p.hex) {
                add(&mut targets, p.hex, u32::from(p.points));
            } else if game.control(p.hex) == Some(self.me)
                && let Some(i) = map.index(p.hex)
            {
                self.guard[i] += u32::from(p.points);
            }
        }
        for (i, f) in s.oil_fields.iter().enumerate() {
            let revenue = game.field_revenue(i).map_or(0, |(_, r)| r);
            if self.takeable(f.hex) && revenue > 0 {
                add(&mut targets, f.hex, 2 + (revenue / 200) as u32);
            }
        }
        // Cells in or next to what the side holds are hunted (short of easy): left alone, they
        // cut roads and walk into empty towns. A hard AI hunts every enemy that comes so near
        // (a beaten garrison that fell back into its rear walks into an empty oil field).
        let mut hunts = Vec::new();
        let mut defend = Vec::new();
        if self.d != Difficulty::Easy {
            let hard = self.d == Difficulty::Hard && !self.cautious;
            for c in game
                .units()
                .filter(|c| (hard || c.kind == UnitKind::Cell) && self.fights(c.owner))
            {
                let near_ours = std::iter::once(c.hex)
                    .chain(map.neighbors(c.hex))
                    .any(|h| game.control(h) == Some(self.me));
                if !near_ours {
                    continue;
                }
                // A hard AI weighs a loose enemy by what it could walk into: one standing
                // outside its own side's ground next to a held oil field is a race to save it.
                let loose = hard && !game.control(c.hex).is_some_and(|h| self.fights(h));
                let threatened: u32 = if loose {
                    hexx::shapes::hexagon(c.hex, 2)
                        .filter_map(|h| map.index(h))
                        .map(|i| self.guard[i])
                        .sum()
                } else {
                    0
                };
                add(&mut targets, c.hex, CELL_HUNT_VALUE + threatened);
                hunts.push(c.hex);
                if threatened > 0 {
                    defend.push(c.hex);
                }
            }
        }
        // Other enemy units draw no one by themselves: the search toward targets would change
        // with every enemy step. They are fought where they stand in the way (see `attack`),
        // and where they cut the side's supply.
        for c in cuts {
            if self.takeable(c.hex) || game.unit_at(c.hex).is_some_and(|u| self.fights(u.owner)) {
                add(&mut targets, c.hex, c.value * SUPPLY_CUT_WEIGHT);
            }
        }
        targets.sort_by_key(|t| (t.hex.x, t.hex.y, t.value));
        if self.d == Difficulty::Hard && !self.cautious {
            // What a rival would take first is now or never, worth more than what can wait.
            self.races = self.find_races(&targets);
            self.races.extend(defend);
            for t in &mut targets {
                if self.races.contains(&t.hex) {
                    t.value *= RACE_WEIGHT;
                }
            }
            // A hard AI concentrates on what matters: its objectives, and nothing else that
            // would score less than a third of its most valuable target draws its units away.
            // What scores decides, not the weight the side's own goals carry: a city worth as
            // much as an objective is no sideshow.
            let mut worth = worth_by_hex(&targets);
            for (hex, w) in &extra {
                if let Some(v) = worth.get_mut(hex) {
                    *v = v.saturating_sub(*w);
                }
            }
            let most = worth.values().copied().max().unwrap_or(0);
            let aims: Vec<Hex> = s
                .objectives
                .iter()
                .filter(|o| o.faction == self.me)
                .flat_map(|o| s.objective_hexes(&o.goal))
                .chain(cuts.iter().map(|c| c.hex))
                .collect();
            // What lies within a short march of its units is on the way, and is taken before
            // a rival gets there.
            let mine: Vec<Hex> = game
                .units()
                .filter(|u| u.owner == self.me)
                .map(|u| u.hex)
                .collect();
            let races = &self.races;
            targets.retain(|t| {
                aims.contains(&t.hex)
                    || races.contains(&t.hex)
                    || hunts.contains(&t.hex)
                    || worth.get(&(t.hex.x, t.hex.y)).copied().unwrap_or(0) * 3 >= most
                    || mine
                        .iter()
                        .any(|h| h.unsigned_distance_to(t.hex) <= ON_THE_WAY)
            });
        }
        self.targets = targets;
    }

    /// How good it is for `unit` to stand on `hex`, given the distance field there.
    pub(super) fn score(
        &self,
        game: &Game,
        unit: UnitId,
        hex: Hex,
        field: u32,
        raid: Option<u32>,
    ) -> i64 {
        let map = &game.scenario().map;
        let Some(i) = map.index(hex) else {
            return i64::MIN / 2;
        };
        let Some(u) = game.unit(unit) else {
            return i64::MIN / 2;
        };
        let grab = self.last_grab(hex);
        if u.kind == UnitKind::Cell {
            return self.cell_score(u, hex) + grab;
        }
        if self.survival || self.reserve.contains(&unit) {
            return self.hiding_score(u, i, grab, raid);
        }
        // Closer to what is worth having; the field is in movement points with the targets'
        // value subtracted, so valuable targets pull harder.
        let mut score = -i64::from(field.min(1_000_000)) * 10;
        // Outrunning supply is a risk, not a wall: a unit cut off is only Low for a turn, and
        // ground taken carries supply forward; a unit already cut off heads back. Next to a
        // place it assaults, a unit that can still attack pays nothing: the enemy there is
        // what cuts the supply.
        let assaults = self.assault[i] && u.supply != SupplyState::Out;
        if self.d != Difficulty::Easy && !self.bold && !self.supplied[i] && !assaults {
            score -= if u.supply == SupplyState::Supplied {
                60
            } else {
                250
            };
        }
        if u.dug_in && hex == u.hex && self.contested[i] && (self.guard[i] > 0 || self.cautious) {
            // Leaving prepared positions under threat gives away their defence.
            score += 60;
        }
        // An attacker garrisons what it holds when an enemy comes near: a place left empty
        // next to an enemy is walked into, and won back only from a garrison dug in and
        // refitted (the government lost Mayadin so). A defender holds on to its places before
        // then too, strong units as much as weak ones, the more so the more a place is worth:
        // a strong garrison that marched off to another objective left the first to a fresh
        // militia (Hajin fell that way), and a unit in a town it holds stays in supply.
        if self.guard[i] > 0 && (self.contested[i] || self.cautious) {
            score += i64::from(self.guard[i]) * if self.cautious { 20 } else { 40 };
        }
        if self.cautious {
            let threat = i64::from(self.threat[i]);
            let own = i64::from(u.strength);
            // A side that must survive keeps out of reach of anything stronger.
            let (bar, per) = (own, 12);
            if threat > bar {
                score -= (threat - bar) * per;
            }
            let terrain = map.terrain(hex).map_or(100, |t| t.defence_percent());
            if self.threat[i] > 0 {
                score += i64::from(terrain) / 5;
            }
        }
        // Taking ground is good in itself.
        if self.takeable(hex) && game.control(hex) != Some(self.me) {
            score += 5;
        }
        if self.assault[i] && !self.cautious && self.d == Difficulty::Hard {
            // Weak units make room at the assault for strong ones; guns fire from further back.
            score += if u.kind == UnitKind::Artillery {
                -60
            } else {
                (i64::from(u.strength) - 8) * 15
            };
        }
        score + grab
    }

    /// A cell goes where it hurts the enemy and stays hidden: into an empty place it can take
    /// back, onto enemy ground (its supply roads), among people another side rules (extortion
    /// pays), and out of sight of enemy troops, who would find it as their turn begins.
    fn cell_score(&self, u: &Unit, hex: Hex) -> i64 {
        let game = self.game;
        let s = game.scenario();
        let mut score = 0;
        if self.takeable(hex) && game.control(hex) != Some(self.me) {
            score += 30;
            if s.map.neighbors(hex).any(|n| s.map.has_road(hex, n)) {
                score += 30;
            }
        }
        if game.takes_ground(u, hex, true)
            && game.control(hex) != Some(self.me)
            && let Some((_, p)) = s.place_at(hex)
        {
            score += i64::from(p.points.max(1)) * 200;
        }
        if game.extorts_at(self.me, hex) {
            score += 40;
        }
        let watchers: i64 = game
            .watchers(self.me, hex)
            .map(|e| i64::from(e.strength))
            .sum();
        if watchers > 0 {
            score -= 150 + watchers * 20;
        }
        score
    }

    /// The last fighters (and the reserve) keep away from every enemy, where their supply
    /// still reaches (the desert hideouts): staying alive is the objective, and cut off they
    /// would waste away as surely as in battle. At the very end, a place no one can take back
    /// is worth the walk.
    fn hiding_score(&self, u: &Unit, i: usize, grab: i64, raid: Option<u32>) -> i64 {
        let class = usize::from(u.kind.move_class() == MoveClass::Foot);
        let to_supply = self.to_supply[class].get(i).copied().unwrap_or(0);
        // 150 a hex of open desert, for as far as a unit could march in a few turns.
        let cut_off = if self.supply_matters(u) {
            i64::from(to_supply.min(100)) * 75
        } else {
            0
        };
        let safe = self.threat[i] == 0 && !self.contested[i];
        let safe_grab = if self.threat[i] == 0 { grab } else { 0 };
        // Before the end, a hideout within a turn's march of an empty place.
        let full = u32::from(u.kind.movement());
        let march = if u.supply == SupplyState::Supplied {
            full
        } else {
            full / 2
        };
        let poised = match raid {
            // Not in it yet: taken early, it would draw the enemy back.
            Some(r) if safe && r > 0 && r <= march => 1_000 - i64::from(r) * 20,
            // Further out, closing in while there is time.
            Some(r) if safe && r > march && r <= march * 3 => 500 - i64::from(r) * 10,
            _ => 0,
        };
        -i64::from(self.threat[i]) * 50 - if self.contested[i] { 300 } else { 0 } - cut_off
            + safe_grab
            + poised
    }

    /// Whether being cut off could still cost `u` anything before the game ends: a unit in
    /// supply is only Low at the next turn's trace, and out of supply (half movement,
    /// attrition) from the one after.
    pub(super) fn supply_matters(&self, u: &Unit) -> bool {
        let left = self.game.scenario().turns.saturating_sub(self.game.turn());
        left >= 2 || left == 1 && u.supply != SupplyState::Supplied
    }

    /// On the last turn, what standing on `hex` adds: the points of a place taken by entering
    /// it, or kept by standing on it where an enemy still to move could walk in (contested),
    /// which then count at the end.
    pub(super) fn last_grab(&self, hex: Hex) -> i64 {
        if !self.last_turn {
            return 0;
        }
        let counts = if self.game.control(hex) == Some(self.me) {
            let map = &self.game.scenario().map;
            map.index(hex).is_some_and(|i| self.contested[i])
        } else {
            self.takeable(hex)
        };
        if !counts {
            return 0;
        }
        self.game
            .scenario()
            .place_at(hex)
            .map_or(0, |(_, p)| i64::from(p.points) * 400)
    }
}
