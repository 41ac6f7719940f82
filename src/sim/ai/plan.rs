//! What the AI works out once per command: its side, its enemies, its reserve, the ground
//! closed to it, and what it is after.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use hexx::Hex;

use crate::sim::entities::{AgreementKind, FactionId, Goal, Stance, UnitId, UnitKind};
use crate::sim::game::{Game, StableHasher};
use crate::sim::map::MoveClass;
use crate::sim::supply::SupplyMemo;

use super::difficulty::Difficulty;

/// A side that must survive and has no more units than this hides them all. With more, only
/// its reserve hides: the rest hold what they can, since places held at the end score.
pub(super) const SURVIVAL_UNITS: usize = 4;

/// Units a side that must survive keeps back from the fighting while it has more.
pub(super) const RESERVE_UNITS: usize = 2;

/// Hexes from one of its units within which a hard AI also goes for what is worth much less
/// than its main aims.
pub(super) const ON_THE_WAY: u32 = 3;

/// Something worth reaching: a hex and how much it is worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Target {
    pub(super) hex: Hex,
    pub(super) value: u32,
}

/// Movement points from each hex (by map index) to the nearest hex the faction's supply
/// reaches, by road-bound units and by units on foot; empty for a way of moving no hiding
/// unit uses.
pub(super) type ToSupply = [Vec<u32>; 2];

/// What lies at each hex among `targets`, summed: one entry a hex (by its coordinates).
pub(super) fn worth_by_hex(targets: &[Target]) -> BTreeMap<(i32, i32), u32> {
    let mut worth = BTreeMap::new();
    for t in targets {
        *worth.entry((t.hex.x, t.hex.y)).or_default() += t.value;
    }
    worth
}

/// Movement points from every hex to one target, by map index.
pub(super) type Distances = Arc<Vec<u32>>;

/// The distances to single targets a hard AI has worked out, kept while the ground closed to
/// its units stays the same (they depend on nothing else).
#[derive(Default)]
pub(super) struct DistanceMemo {
    /// The key of the closed ground they were worked out for.
    pub(super) key: u64,
    /// By target hex and whether for units on foot.
    pub(super) fields: BTreeMap<(i32, i32, bool), Distances>,
}

/// Distances from every hex to the faction's targets, lower is better (by map index).
pub(super) struct Field {
    pub(super) key: u64,
    pub(super) cost: Vec<u32>,
}

/// How far, in hexes, an enemy unit can be from a place and still take it before the game
/// ends.
pub(super) const ENDGAME_REACH: u32 = 10;

/// The least that targets beyond a deconfliction line must be worth before a hard AI breaks
/// the line for them: a village or two is not worth its patrons' displeasure.
pub(super) const BREACH_WORTH: u32 = 5;

/// For each other side, the movement points on foot from its nearest unit to every hex (by
/// map index): how soon it could be anywhere.
pub(super) type Rivals = Vec<(FactionId, Vec<u32>)>;

/// Everything the AI works out once per command.
pub(super) struct Plan<'a> {
    pub(super) game: &'a Game,
    pub(super) me: FactionId,
    pub(super) d: Difficulty,
    pub(super) targets: Vec<Target>,
    /// Whether the faction's supply reaches each hex (by map index); all true when the level
    /// does not model its supply.
    pub(super) supplied: Vec<bool>,
    /// Points of the places and objectives the faction holds, by map index.
    pub(super) guard: Vec<u32>,
    /// Enemy strength next to each hex, by map index.
    pub(super) threat: Vec<u32>,
    /// Whether an enemy unit is within two hexes, by map index.
    pub(super) contested: Vec<bool>,
    /// Whether the faction must keep units alive (it has an objective to survive): it then
    /// weighs its own losses and danger more.
    pub(super) cautious: bool,
    /// Playing boldly this turn: any attack with an even chance, supply no object.
    pub(super) bold: bool,
    /// A side that must survive and is down to its last few units: they hide.
    pub(super) survival: bool,
    /// A side that must survive keeps a few units far from the fighting, whatever happens to
    /// the rest, so that losing a battle never loses the war: these hide like the last few.
    pub(super) reserve: Vec<UnitId>,
    /// Movement points from each hex (by map index) to the nearest the faction's supply
    /// reaches, for units moving by road and on foot (computed only for a side that hides
    /// units).
    pub(super) to_supply: Arc<ToSupply>,
    /// The round that ends the game (for a player short of easy): the level's last, or one
    /// at whose end another side wins decisively. What stands when it ends is what scores,
    /// and only the factions still to move this round can take it back.
    pub(super) last_turn: bool,
    /// In the two turns before the last, for a side that hides units: the empty places they
    /// could slip into at the very end.
    pub(super) raids: Vec<Target>,
    /// Hexes next to an enemy unit that stands on a target, by map index: where an attack on
    /// it starts, so worth standing on though supply stops short of them, and for a hard AI
    /// places for strong units rather than weak ones.
    pub(super) assault: Vec<bool>,
    /// Nothing is left to move this turn: what air power remains can go where it is less
    /// needed.
    pub(super) finishing: bool,
    /// The last three turns, for a player short of easy: held places an enemy could reach
    /// by the end count as contested.
    pub(super) endgame: bool,
    /// Ground held by a neutral faction, by map index: closed to its units.
    pub(super) neutral: Vec<bool>,
    /// For a hard AI bound by a deconfliction line, what its targets beyond the line are
    /// worth (they are left out of `targets`: its units cannot reach them).
    pub(super) beyond: u32,
    /// Targets a rival could take first (for a hard attacker): they are now or never, and go
    /// before those only the side itself can reach.
    pub(super) races: Vec<Hex>,
    /// For a hard attacker, how soon each other side could be anywhere (see [`Rivals`]).
    pub(super) rivals: Arc<Rivals>,
    /// For a hard attacker, the units posted to stand in what it holds with an enemy near
    /// and no one there, and where: they keep out of attacks until they are in.
    pub(super) garrisons: Vec<(UnitId, Hex)>,
    /// What the distance fields toward the targets and the raids are worked out from, as
    /// hashes, and the ground closed to the faction's units alone: a field is searched again
    /// only when its key changes.
    pub(super) field_keys: [u64; 3],
}

impl<'a> Plan<'a> {
    pub(super) fn new(
        game: &'a Game,
        me: FactionId,
        d: Difficulty,
        cuts: &[Target],
        memo: &mut SupplyMemo,
        rivals: Arc<Rivals>,
    ) -> Plan<'a> {
        let s = game.scenario();
        let map = &s.map;
        let n = map.len();
        // The round the game ends in: the level's last, or one at whose end another side
        // wins decisively, as things stand. Either way, what stands then is what scores.
        let last_turn = d != Difficulty::Easy
            && (game.turn() >= s.turns || game.decisive_winner(&[]).is_some_and(|f| f != me));
        let modelled = s.supply_sources.iter().any(|x| x.faction == me);
        let supplied = if modelled && d != Difficulty::Easy {
            let net = game.trace_supply_memo(me, memo);
            (0..n).map(|i| net.reaches_index(i)).collect()
        } else {
            vec![true; n]
        };
        let (threat, contested) = threats(game, me, last_turn, d == Difficulty::Hard);
        let neutral = neutral_ground(game, me);
        let mut plan = Plan {
            game,
            me,
            d,
            targets: Vec::new(),
            supplied,
            guard: vec![0; n],
            threat,
            contested,
            bold: false,
            survival: false,
            reserve: Vec::new(),
            to_supply: Arc::default(),
            last_turn,
            raids: Vec::new(),
            assault: vec![false; n],
            finishing: false,
            endgame: false,
            neutral,
            beyond: 0,
            races: Vec::new(),
            rivals,
            garrisons: Vec::new(),
            field_keys: [0; 3],
            cautious: d != Difficulty::Easy && must_survive(game, me),
        };
        // Cells fight their own war (see `cell_score`): the side's survival rests on the rest.
        let mine = game
            .units()
            .filter(|u| u.owner == me && u.kind != UnitKind::Cell)
            .count();
        plan.survival = plan.cautious && mine <= SURVIVAL_UNITS;
        plan.find_targets(cuts);
        if plan.cautious && !plan.survival {
            plan.reserve = plan.pick_reserve();
        } else if plan.survival && last_turn {
            // The last fighters may strike at the end, all but one: someone must survive.
            plan.reserve = plan.pick_reserve();
            plan.reserve.truncate(1);
        }
        if d == Difficulty::Hard {
            plan.keep_to_our_side_of_the_line();
            plan.garrisons = plan.pick_garrisons();
        }
        if d != Difficulty::Easy {
            plan.mark_assaults();
        }
        let near_end = u32::from(game.turn()) + 2 >= u32::from(s.turns);
        plan.endgame = d != Difficulty::Easy && near_end;
        if plan.endgame {
            plan.contest_what_enemies_could_reach();
        }
        let before_last = near_end && !last_turn;
        if before_last && (plan.survival || !plan.reserve.is_empty()) {
            plan.raids = plan.empty_places_to_raid();
        }
        plan.field_keys = plan.field_keys();
        plan
    }

    /// Where a deconfliction line binds a hard AI, it goes only for the targets on its side,
    /// and keeps the worth of those beyond (to weigh a breach).
    fn keep_to_our_side_of_the_line(&mut self) {
        let map = &self.game.scenario().map;
        let Some(side) = line_side(self.game, self.me, &self.neutral) else {
            return;
        };
        let on_side = |t: &Target| map.index(t.hex).is_some_and(|i| side[i]);
        self.beyond = self
            .targets
            .iter()
            .filter(|t| !on_side(t))
            .map(|t| t.value)
            .sum();
        self.targets.retain(on_side);
    }

    /// Every AI short of easy closes in on the targets an enemy holds, however its supply
    /// stands next to them (the enemy there cuts it; taking the place restores it). A hard
    /// AI also lines up its strongest units there (its coordination); the others send
    /// whoever is nearest.
    fn mark_assaults(&mut self) {
        let game = self.game;
        let map = &game.scenario().map;
        for u in game.units() {
            if game.stance(u.owner, self.me).fights() && self.targets.iter().any(|t| t.hex == u.hex)
            {
                for h in map.neighbors(u.hex) {
                    if let Some(i) = map.index(h) {
                        self.assault[i] = true;
                    }
                }
            }
        }
    }

    /// Near the end, a place an enemy anywhere near could walk into is as good as contested:
    /// whoever stands in it when the game ends scores it.
    fn contest_what_enemies_could_reach(&mut self) {
        let map = &self.game.scenario().map;
        let enemies = self.enemy_hexes();
        for i in (0..map.len()).filter(|&i| self.guard[i] > 0) {
            let h = map.hex_of_index(i);
            if enemies
                .iter()
                .any(|e| e.unsigned_distance_to(h) <= ENDGAME_REACH)
            {
                self.contested[i] = true;
            }
        }
    }

    /// The empty places worth points that a hiding side could walk into at the very end.
    fn empty_places_to_raid(&self) -> Vec<Target> {
        let game = self.game;
        game.scenario()
            .places
            .iter()
            .filter(|p| p.points > 0 && game.unit_at(p.hex).is_none())
            .filter(|p| self.takeable(p.hex) && game.control(p.hex) != Some(self.me))
            .map(|p| Target {
                hex: p.hex,
                value: u32::from(p.points),
            })
            .collect()
    }

    /// What the distance fields depend on, hashed: toward the targets, toward the raids, and
    /// the ground closed to the side.
    fn field_keys(&self) -> [u64; 3] {
        let mut ground = StableHasher::default();
        self.me.0.hash(&mut ground);
        for (i, _) in self.neutral.iter().enumerate().filter(|(_, n)| **n) {
            i.hash(&mut ground);
        }
        let [toward, raids] = [&self.targets, &self.raids].map(|targets| {
            let mut h = ground.clone();
            targets.iter().for_each(|t| {
                (t.hex.x, t.hex.y, t.value).hash(&mut h);
            });
            h.finish()
        });
        [toward, raids, ground.finish()]
    }

    /// Where supply is or could be had at once, by map index: the hexes it reaches, and the
    /// faction's own sources that an enemy holds but no one stands on (walking in takes them
    /// back, and the hideout or depot supplies again).
    pub(super) fn supply_seeds(&self) -> Vec<usize> {
        let game = self.game;
        let map = &game.scenario().map;
        let mut seeds: Vec<usize> = (0..self.supplied.len())
            .filter(|&i| self.supplied[i])
            .collect();
        for src in &game.scenario().supply_sources {
            if src.faction == self.me
                && game.unit_at(src.hex).is_none()
                && self.takeable(src.hex)
                && let Some(i) = map.index(src.hex)
            {
                seeds.push(i);
            }
        }
        seeds.sort_unstable();
        seeds.dedup();
        seeds
    }

    /// The units furthest from any enemy, kept back so that the faction survives: those in
    /// supply first (a unit cut off wastes away wherever it hides), but never the garrison of
    /// a place while another unit could go instead (the place, left empty, is walked into).
    pub(super) fn pick_reserve(&self) -> Vec<UnitId> {
        let game = self.game;
        let enemies = self.enemy_hexes();
        let map = &game.scenario().map;
        let mut mine: Vec<(bool, bool, u32, UnitId)> = game
            .units()
            .filter(|u| u.owner == self.me && u.kind != UnitKind::Cell)
            .map(|u| {
                let nearest = enemies
                    .iter()
                    .map(|e| e.unsigned_distance_to(u.hex))
                    .min()
                    .unwrap_or(u32::MAX);
                let i = map.index(u.hex);
                let supplied = i.is_some_and(|i| self.supplied[i]);
                let holds = i.is_some_and(|i| self.guard[i] > 0);
                (holds, supplied, nearest, u.id)
            })
            .collect();
        mine.sort_by_key(|&(h, s, d, id)| (h, Reverse(s), Reverse(d), id));
        mine.into_iter()
            .take(RESERVE_UNITS)
            .map(|(_, _, _, id)| id)
            .collect()
    }

    /// Where the units at war with the faction stand.
    pub(super) fn enemy_hexes(&self) -> Vec<Hex> {
        let game = self.game;
        game.units()
            .filter(|u| game.stance(u.owner, self.me).fights())
            .map(|u| u.hex)
            .collect()
    }

    /// Whether a hex can be taken by entering it: nobody's, or held by someone we fight.
    pub(super) fn takeable(&self, hex: Hex) -> bool {
        match self.game.control(hex) {
            None => true,
            Some(c) => c != self.me && self.fights(c),
        }
    }

    /// Whether we fight a faction. An AI short of hard play keeps clear of rivals it could
    /// fight only at a price in tension and support.
    pub(super) fn fights(&self, f: FactionId) -> bool {
        match self.game.stance(self.me, f) {
            Stance::Hostile => true,
            Stance::Rival => self.d == Difficulty::Easy,
            _ => false,
        }
    }
}

/// The strength of the enemies that could strike each hex next (by map index), and the hexes
/// within two of an enemy. On the last turn, those who have already moved this round cannot
/// strike again. A hard AI under the fog of war also counts the enemies it remembers but no
/// longer sees: the ground they could have reached since is contested.
fn threats(game: &Game, me: FactionId, last_turn: bool, recall: bool) -> (Vec<u32>, Vec<bool>) {
    let map = &game.scenario().map;
    let mut threat = vec![0u32; map.len()];
    let mut contested = vec![false; map.len()];
    for u in game.units() {
        if !game.stance(u.owner, me).fights() || last_turn && u.owner.0 < me.0 {
            continue;
        }
        for h in map.neighbors(u.hex) {
            if let Some(i) = map.index(h) {
                threat[i] += u32::from(u.strength);
            }
        }
        for h in hexx::shapes::hexagon(u.hex, 2) {
            if let Some(i) = map.index(h) {
                contested[i] = true;
            }
        }
    }
    if recall {
        for s in game.sightings(me).values() {
            if game.unit(s.unit).is_some() || !game.stance(s.owner, me).fights() {
                continue;
            }
            // Every turn since, a march over open ground (two movement points a hex).
            let since = u32::from(game.turn().saturating_sub(s.turn)).max(1);
            let march = u32::from(s.kind.movement()) / 2;
            for h in hexx::shapes::hexagon(s.hex, 2 + since * march) {
                if let Some(i) = map.index(h) {
                    contested[i] = true;
                }
            }
        }
    }
    (threat, contested)
}

/// The ground of sides neutral to `me`, which its units may not enter (by map index).
pub(super) fn neutral_ground(game: &Game, me: FactionId) -> Vec<bool> {
    let neutral_to_me: Vec<bool> = (0..game.scenario().factions.len())
        .map(|f| game.stance(FactionId(f as u8), me) == Stance::Neutral)
        .collect();
    game.controls()
        .iter()
        .map(|c| c.is_some_and(|c| neutral_to_me.get(usize::from(c.0)) == Some(&true)))
        .collect()
}

/// For a faction bound by a deconfliction line in force, the ground its units can reach
/// without crossing one (by map index; enemies aside), given the ground closed to it by a
/// truce; `None` otherwise. Worked out afresh for every command: the line's ground changes
/// hands as units move.
pub(super) fn line_side(game: &Game, me: FactionId, closed: &[bool]) -> Option<Vec<bool>> {
    let s = game.scenario();
    let bound = s.agreements.iter().enumerate().any(|(i, a)| {
        game.agreement_active(i)
            && a.binds(me)
            && matches!(a.kind, AgreementKind::Deconfliction { .. })
    });
    if !bound {
        return None;
    }
    let map = &s.map;
    let mut side = vec![false; map.len()];
    let mut queue: Vec<usize> = Vec::new();
    for u in game.units().filter(|u| u.owner == me) {
        if let Some(i) = map.index(u.hex)
            && !side[i]
        {
            side[i] = true;
            queue.push(i);
        }
    }
    // Over the ground a unit on foot could cross (rivers only at their crossings).
    let steps = game.step_table(MoveClass::Foot);
    while let Some(i) = queue.pop() {
        for &(j, step) in &steps[i] {
            let j = j as usize;
            if step == u16::MAX || j >= side.len() || side[j] || closed[j] {
                continue;
            }
            if game
                .line_crossed(me, map.hex_of_index(i), map.hex_of_index(j))
                .is_some()
            {
                continue;
            }
            side[j] = true;
            queue.push(j);
        }
    }
    Some(side)
}

/// Whether a faction has an objective to survive (and so plays as a defender).
pub(super) fn must_survive(game: &Game, f: FactionId) -> bool {
    game.scenario()
        .objectives
        .iter()
        .any(|o| o.faction == f && o.goal == Goal::Survive)
}
