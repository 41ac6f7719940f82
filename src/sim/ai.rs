//! Computer opponents. An AI player issues the same [`Command`]s as a human, one at a time,
//! through the same [`Game::check`]: it cannot cheat. It plays to its faction's objectives —
//! places, fields and routes to take or keep — and to the points of the places it can take;
//! it keeps to its supply, concentrates force for attacks it expects to win, uses its patrons'
//! support and its money, and coordinates with neutral neighbours that fight the same enemy.
//! Above easy, it closes in on a target an enemy holds even where its supply stops short (the
//! enemy there is what cuts it).
//!
//! Difficulty changes how well it plays, never what it may do: an easy AI attacks piecemeal,
//! leaves half its units idle each turn and seldom spends; a hard AI also weighs danger,
//! strikes before it attacks, concentrates on its objectives (and what lies on its way) and
//! lines up its strongest units where an attack will start, keeping its air power for strikes
//! on the place it assaults; it attacks a place it wants at any odds the prize is worth (a
//! rival waiting for better odds gets there first), goes after the enemies that cut its supply
//! lines, and breaks a deconfliction line when all that is left to take lies beyond it.
//!
//! Above easy, it plays the end: in the last turns it garrisons what an enemy could walk
//! into, and in the round that ends the game (the last, or one at whose end another side
//! wins decisively) it walks into empty towns its enemies hold, stays on its own
//! that an enemy still to move could enter, and attacks for ground at any odds (losses no
//! longer count). A side that must survive (the Islamic State) plays as a defender: it holds
//! on to its places, strong garrisons too, spends its money refitting their garrisons, weighs
//! its own losses double, never plays boldly, keeps a reserve near its supply (never the
//! garrison of a place while another unit could go) and raises militia in its rear. Every
//! choice is deterministic for a given game state.

use std::cmp::Reverse;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::combat::{Outcome, Preview};
use super::command::Command;
use super::entities::{
    AgreementKind, FactionId, Goal, Party, PatronId, Place, PlaceId, PlaceKind, Request, Stance,
    Unit, UnitId, UnitKind,
};
use super::game::{Game, StableHasher};
use super::map::MoveClass;
use super::queue::CostQueue;
use super::supply::{Cut, SupplyMemo, SupplyState};

mod reach;

/// How well an AI plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    /// Attacks piecemeal, ignores supply and danger, rarely spends.
    Easy,
    /// Concentrates force, keeps to supply, spends and asks for support.
    Normal,
    /// Also weighs danger, strikes before attacking, guards its holdings, repairs fields,
    /// concentrates on its key objectives, lines up its strongest units for assaults and
    /// clears its supply lines.
    Hard,
}

impl Difficulty {
    /// All levels, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }

    /// The level with a name.
    pub fn from_name(s: &str) -> Option<Difficulty> {
        Difficulty::ALL.into_iter().find(|d| d.name() == s)
    }
}

/// Who plays a faction in a simulated game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Controller {
    /// The AI at a difficulty.
    Ai(Difficulty),
    /// A baseline that plays random legal commands.
    Random,
}

impl Controller {
    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Controller::Ai(d) => d.name(),
            Controller::Random => "random",
        }
    }
}

/// Most commands one faction issues in a turn before it ends the turn regardless, so that no
/// controller can stall a game.
pub const MAX_COMMANDS_PER_TURN: usize = 400;

/// A side that must survive and has no more units than this hides them all. With more, only
/// its reserve hides: the rest hold what they can, since places held at the end score.
const SURVIVAL_UNITS: usize = 4;

/// Units a side that must survive keeps back from the fighting while it has more.
const RESERVE_UNITS: usize = 2;

/// Hexes from one of its units within which a hard AI also goes for what is worth much less
/// than its main aims.
const ON_THE_WAY: u32 = 3;

/// Something worth reaching: a hex and how much it is worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Target {
    hex: Hex,
    value: u32,
}

/// Movement points from each hex (by map index) to the nearest hex the faction's supply
/// reaches, by road-bound units and by units on foot; empty for a way of moving no hiding
/// unit uses.
type ToSupply = [Vec<u32>; 2];

/// Distances from every hex to the faction's targets, lower is better (by map index).
struct Field {
    key: u64,
    cost: Vec<u32>,
}

/// An AI player for one faction. It keeps a little cached analysis between commands, which
/// never changes what it chooses, only how fast.
pub struct AiPlayer {
    /// How well it plays.
    pub difficulty: Difficulty,
    /// Distance fields by unit class, toward the targets (`false`) or toward the places a
    /// hiding unit could raid at the end (`true`).
    fields: Vec<((MoveClass, bool), Field)>,
    /// The way of playing chosen for a turn (a hard AI tries both and keeps the better).
    style: Option<(u16, Style)>,
    /// Distances to supply for the hiding units, kept while the supplied hexes stay the same.
    supply_distances: Option<(u64, Arc<ToSupply>)>,
    /// For a hard AI, where enemies cut the supply of its units, worked out once a turn (by
    /// turn and faction).
    supply_cuts: Option<((u16, u8), Vec<Target>)>,
    /// The last trace of its own supply, traced again only when it could differ.
    supply: SupplyMemo,
    /// Where its units could move, searched again only for those whose reach could differ.
    reach: reach::ReachMemo,
}

/// How far, in hexes, an enemy unit can be from a place and still take it before the game
/// ends.
const ENDGAME_REACH: u32 = 10;

/// The least that targets beyond a deconfliction line must be worth before a hard AI breaks
/// the line for them: a village or two is not worth its patrons' displeasure.
const BREACH_WORTH: u32 = 5;

/// What clearing a cut supply line is worth to a hard AI, per point of strength it cuts off:
/// units cut off waste away and cannot attack, so the line is worth more than their strength.
const SUPPLY_CUT_WEIGHT: u32 = 3;

/// How many imagined futures a hard AI plays out for each way of playing a turn.
const LOOKAHEAD_SAMPLES: u64 = 2;

/// A way of playing a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// Attacks it expects to gain from, keeping to its supply.
    Careful,
    /// Any attack with an even chance, whatever the supply.
    Bold,
}

/// How a hard AI sees a position: its score, then its strength and ground, less its enemies'
/// strength, in tenths of a point.
fn judge(game: &Game, me: FactionId) -> i64 {
    let score = i64::from(game.scores()[usize::from(me.0)]) * 10;
    let mut strength = 0i64;
    for u in game.units() {
        if u.owner == me {
            strength += i64::from(u.strength);
        } else if game.stance(u.owner, me).fights() {
            strength -= i64::from(u.strength) / 2;
        }
    }
    let map = &game.scenario().map;
    let ground = (0..map.len())
        .filter(|&i| game.control(map.hex_of_index(i)) == Some(me))
        .count() as i64;
    score + strength * 2 + ground / 20
}

impl AiPlayer {
    /// An AI at a difficulty.
    pub fn new(difficulty: Difficulty) -> AiPlayer {
        AiPlayer {
            difficulty,
            fields: Vec::new(),
            style: None,
            supply_distances: None,
            supply_cuts: None,
            supply: SupplyMemo::default(),
            reach: reach::ReachMemo::default(),
        }
    }

    /// The style for this turn: a hard AI plays the turn out both ways, and the round after
    /// it with normal opponents, on copies of the game, and keeps the way that leaves it
    /// better placed (its search depth); the others are careful.
    fn pick_style(&mut self, game: &Game) -> Style {
        if self.difficulty != Difficulty::Hard {
            return Style::Careful;
        }
        let turn = game.turn();
        if let Some((t, s)) = self.style
            && t == turn
        {
            return s;
        }
        let me = game.active_faction();
        // A side that must survive never plays boldly.
        if must_survive(game, me) {
            self.style = Some((turn, Style::Careful));
            return Style::Careful;
        }
        let mut best = (i64::MIN, Style::Careful);
        for style in [Style::Careful, Style::Bold] {
            // Each way is tried with the same imagined dice, so they are compared fairly.
            let mut value = 0;
            for sample in 0..LOOKAHEAD_SAMPLES {
                value += Self::imagine(game, me, style, sample);
            }
            if value > best.0 {
                best = (value, style);
            }
        }
        self.style = Some((turn, best.1));
        best.1
    }

    /// Plays this turn in a style and the round after it with normal opponents, on a copy of
    /// the game with imagined dice, and judges where that leaves `me`.
    fn imagine(game: &Game, me: FactionId, style: Style, sample: u64) -> i64 {
        let turn = game.turn();
        let mut g = game.imagined_copy(sample);
        let mut mine = AiPlayer {
            style: Some((turn, style)),
            ..AiPlayer::new(Difficulty::Normal)
        };
        let mut others: Vec<AiPlayer> = (0..g.scenario().factions.len())
            .map(|_| AiPlayer::new(Difficulty::Normal))
            .collect();
        let mut steps = 0;
        // My turn, then everyone else's, until my next turn.
        while !g.is_over() && steps < 4 * MAX_COMMANDS_PER_TURN {
            let active = g.active_faction();
            if active == me && g.turn() != turn {
                break;
            }
            let c = if active == me {
                mine.choose(&g)
            } else {
                others[usize::from(active.0)].choose(&g)
            };
            if g.perform(&c).is_err() && g.perform(&Command::EndTurn).is_err() {
                break;
            }
            steps += 1;
        }
        judge(&g, me)
    }

    /// The next command for the faction whose turn it is. It is always legal; the last of a
    /// turn is [`Command::EndTurn`].
    pub fn choose(&mut self, game: &Game) -> Command {
        if game.is_over() {
            return Command::EndTurn;
        }
        let me = game.active_faction();
        let d = self.difficulty;
        let style = self
            .style
            .filter(|(t, _)| *t == game.turn())
            .map(|(_, s)| s)
            .unwrap_or_else(|| self.pick_style(game));
        let cuts = self.supply_cuts(game);
        let mut plan = Plan::new(game, me, d, &cuts, &mut self.supply);
        plan.bold = style == Style::Bold;
        if plan.survival || !plan.reserve.is_empty() {
            plan.to_supply = self.supply_distances(game, &plan);
        }
        for step in 0..5 {
            let c = match step {
                0 => plan.diplomacy(),
                1 => plan.air_drop(),
                2 => plan.strike(),
                3 => plan.attack(),
                _ => plan.spend(),
            };
            if let Some(c) = c
                && game.check(&c).is_ok()
            {
                return c;
            }
        }
        if let Some(c) = self.movement(game, &plan)
            && game.check(&c).is_ok()
        {
            return c;
        }
        if d == Difficulty::Hard {
            plan.finishing = true;
            for c in [plan.strike(), plan.air_drop()].into_iter().flatten() {
                if game.check(&c).is_ok() {
                    return c;
                }
            }
        }
        Command::EndTurn
    }

    /// What the AI is after for the faction whose turn it is: hexes and their worth (what a
    /// debugging overlay or a curious player can show).
    pub fn targets(&mut self, game: &Game) -> Vec<(Hex, u32)> {
        let cuts = self.supply_cuts(game);
        let plan = Plan::new(
            game,
            game.active_faction(),
            self.difficulty,
            &cuts,
            &mut self.supply,
        );
        plan.targets.iter().map(|t| (t.hex, t.value)).collect()
    }

    /// How far, in movement points less the worth of the target, a unit moving as `class`
    /// on `hex` is from what the AI is after: lower is better (for debugging overlays).
    pub fn distance_to_targets(&mut self, game: &Game, hex: Hex, class: MoveClass) -> u32 {
        let cuts = self.supply_cuts(game);
        let plan = Plan::new(
            game,
            game.active_faction(),
            self.difficulty,
            &cuts,
            &mut self.supply,
        );
        let map = &game.scenario().map;
        let field = self.field(game, &plan, class, false);
        map.index(hex).map_or(u32::MAX, |i| field.cost[i])
    }

    /// For a hard AI, the enemies and enemy ground that cut its units' supply, with the
    /// strength they cut off (weighed by [`SUPPLY_CUT_WEIGHT`] as targets).
    fn supply_cuts(&mut self, game: &Game) -> Vec<Target> {
        if self.difficulty != Difficulty::Hard {
            return Vec::new();
        }
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
                Some(Cut::ZoneOfControl { unit, .. }) => game.unit(unit).map(|e| e.hex),
                Some(Cut::Ground { hex, .. }) => Some(hex),
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

    /// The plan's distances to supply, searched again only when the supplied hexes (or the
    /// ground closed to its units) change, and only for the ways of moving of the units that
    /// hide: a field is a search of the whole map.
    fn supply_distances(&mut self, game: &Game, plan: &Plan) -> Arc<ToSupply> {
        let seeds = plan.supply_seeds();
        let hiding =
            |u: &&Unit| u.owner == plan.me && (plan.survival || plan.reserve.contains(&u.id));
        let mut needed = [false; 2];
        for u in game.units().filter(hiding) {
            needed[usize::from(u.kind.move_class() == MoveClass::Foot)] = true;
        }
        let mut h = StableHasher::default();
        plan.field_keys[2].hash(&mut h);
        seeds.hash(&mut h);
        let key = h.finish();
        // What was kept serves while the supplied ground is the same; a way of moving that
        // no hiding unit used then is searched now if one uses it.
        let kept = self
            .supply_distances
            .take()
            .filter(|(k, _)| *k == key)
            .map(|(_, d)| d);
        let d = match kept {
            Some(d) if (0..2).all(|c| !needed[c] || !d[c].is_empty()) => d,
            kept => {
                let map = &game.scenario().map;
                let targets: Vec<Target> = seeds
                    .iter()
                    .map(|&i| Target {
                        hex: map.hex_of_index(i),
                        value: 0,
                    })
                    .collect();
                Arc::new([MoveClass::Motor, MoveClass::Foot].map(|class| {
                    let c = usize::from(class == MoveClass::Foot);
                    match &kept {
                        Some(d) if !d[c].is_empty() => d[c].clone(),
                        _ if needed[c] => distance_field(game, plan, &targets, 0, class),
                        _ => Vec::new(),
                    }
                }))
            }
        };
        self.supply_distances = Some((key, d.clone()));
        d
    }

    fn field(&mut self, game: &Game, plan: &Plan, class: MoveClass, raid: bool) -> &Field {
        let i = self.fresh_field(game, plan, class, raid);
        &self.fields[i].1
    }

    /// Where the distance field for a class of units toward the targets (or the raids) is
    /// kept, searched again first if the plan's targets changed.
    fn fresh_field(&mut self, game: &Game, plan: &Plan, class: MoveClass, raid: bool) -> usize {
        let (targets, bonus) = if raid {
            (&plan.raids, 0)
        } else {
            (&plan.targets, 2)
        };
        let key = plan.field_keys[usize::from(raid)];
        let which = (class, raid);
        let pos = self.fields.iter().position(|(c, _)| *c == which);
        if let Some(i) = pos
            && self.fields[i].1.key == key
        {
            return i;
        }
        let f = Field {
            key,
            cost: distance_field(game, plan, targets, bonus, class),
        };
        match pos {
            Some(i) => {
                self.fields[i] = (which, f);
                i
            }
            None => {
                self.fields.push((which, f));
                self.fields.len() - 1
            }
        }
    }

    /// The best move for the unit that gains most by moving, if any gains at all.
    fn movement(&mut self, game: &Game, plan: &Plan) -> Option<Command> {
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
        // Taken out while the distance fields borrow the player, and put back below.
        let mut reach = std::mem::take(&mut self.reach);
        reach.refresh(game);
        for (id, class, here) in units {
            let raids = (!plan.raids.is_empty()).then(|| self.fresh_field(game, plan, class, true));
            let toward = self.fresh_field(game, plan, class, false);
            let raids: &[u32] = raids.map_or(&[], |i| &self.fields[i].1.cost);
            let raid_at = |h: Hex| map.index(h).and_then(|i| raids.get(i).copied());
            let field = &self.fields[toward].1.cost;
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

/// Everything the AI works out once per command.
struct Plan<'a> {
    game: &'a Game,
    me: FactionId,
    d: Difficulty,
    targets: Vec<Target>,
    /// Whether the faction's supply reaches each hex (by map index); all true when the level
    /// does not model its supply.
    supplied: Vec<bool>,
    /// Points of the places and objectives the faction holds, by map index.
    guard: Vec<u32>,
    /// Enemy strength next to each hex, by map index.
    threat: Vec<u32>,
    /// Whether an enemy unit is within two hexes, by map index.
    contested: Vec<bool>,
    /// Whether the faction must keep units alive (it has an objective to survive): it then
    /// weighs its own losses and danger more.
    cautious: bool,
    /// Playing boldly this turn: any attack with an even chance, supply no object.
    bold: bool,
    /// A side that must survive and is down to its last few units: they hide.
    survival: bool,
    /// A side that must survive keeps a few units far from the fighting, whatever happens to
    /// the rest, so that losing a battle never loses the war: these hide like the last few.
    reserve: Vec<UnitId>,
    /// Movement points from each hex (by map index) to the nearest the faction's supply
    /// reaches, for units moving by road and on foot (computed only for a side that hides
    /// units).
    to_supply: Arc<ToSupply>,
    /// The round that ends the game (for a player short of easy): the level's last, or one
    /// at whose end another side wins decisively. What stands when it ends is what scores,
    /// and only the factions still to move this round can take it back.
    last_turn: bool,
    /// In the two turns before the last, for a side that hides units: the empty places they
    /// could slip into at the very end.
    raids: Vec<Target>,
    /// Hexes next to an enemy unit that stands on a target, by map index: where an attack on
    /// it starts, so worth standing on though supply stops short of them, and for a hard AI
    /// places for strong units rather than weak ones.
    assault: Vec<bool>,
    /// Nothing is left to move this turn: what air power remains can go where it is less
    /// needed.
    finishing: bool,
    /// The last three turns, for a player short of easy: held places an enemy could reach
    /// by the end count as contested.
    endgame: bool,
    /// Ground held by a neutral faction, by map index: closed to its units.
    neutral: Vec<bool>,
    /// For a hard AI bound by a deconfliction line, what its targets beyond the line are
    /// worth (they are left out of `targets`: its units cannot reach them).
    beyond: u32,
    /// What the distance fields toward the targets and the raids are worked out from, as
    /// hashes, and the ground closed to the faction's units alone: a field is searched again
    /// only when its key changes.
    field_keys: [u64; 3],
}

impl<'a> Plan<'a> {
    fn new(
        game: &'a Game,
        me: FactionId,
        d: Difficulty,
        cuts: &[Target],
        memo: &mut SupplyMemo,
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
        let mut threat = vec![0u32; n];
        let mut contested = vec![false; n];
        for u in game.units() {
            // On the last turn, those who have already moved this round cannot strike again.
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
        let neutral_to_me: Vec<bool> = (0..s.factions.len())
            .map(|f| game.stance(FactionId(f as u8), me) == Stance::Neutral)
            .collect();
        let neutral = game
            .controls()
            .iter()
            .map(|c| c.is_some_and(|c| neutral_to_me.get(usize::from(c.0)) == Some(&true)))
            .collect();
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
            field_keys: [0; 3],
            cautious: d != Difficulty::Easy && must_survive(game, me),
        };
        let mine = game.units().filter(|u| u.owner == me).count();
        plan.survival = plan.cautious && mine <= SURVIVAL_UNITS;
        plan.find_targets(cuts);
        if plan.cautious && !plan.survival {
            plan.reserve = plan.pick_reserve();
        } else if plan.survival && last_turn {
            // The last fighters may strike at the end, all but one: someone must survive.
            plan.reserve = plan.pick_reserve();
            plan.reserve.truncate(1);
        }
        if d == Difficulty::Hard
            && let Some(side) = line_side(game, me, &plan.neutral)
        {
            let on_side = |t: &Target| map.index(t.hex).is_some_and(|i| side[i]);
            plan.beyond = plan
                .targets
                .iter()
                .filter(|t| !on_side(t))
                .map(|t| t.value)
                .sum();
            plan.targets.retain(on_side);
        }
        // Every AI short of easy closes in on the targets an enemy holds, however its supply
        // stands next to them (the enemy there cuts it; taking the place restores it). A hard
        // AI also lines up its strongest units there (its coordination); the others send
        // whoever is nearest.
        for u in game.units().filter(|_| d != Difficulty::Easy) {
            if game.stance(u.owner, me).fights() && plan.targets.iter().any(|t| t.hex == u.hex) {
                for h in map.neighbors(u.hex) {
                    if let Some(i) = map.index(h) {
                        plan.assault[i] = true;
                    }
                }
            }
        }
        // Near the end, a place an enemy anywhere near could walk into is as good as
        // contested: whoever stands in it when the game ends scores it.
        let near_end = u32::from(game.turn()) + 2 >= u32::from(s.turns);
        plan.endgame = d != Difficulty::Easy && near_end;
        if plan.endgame {
            let enemies = plan.enemy_hexes();
            for i in (0..n).filter(|&i| plan.guard[i] > 0) {
                let h = map.hex_of_index(i);
                if enemies
                    .iter()
                    .any(|e| e.unsigned_distance_to(h) <= ENDGAME_REACH)
                {
                    plan.contested[i] = true;
                }
            }
        }
        let before_last = near_end && !last_turn;
        if before_last && (plan.survival || !plan.reserve.is_empty()) {
            plan.raids = s
                .places
                .iter()
                .filter(|p| p.points > 0 && game.unit_at(p.hex).is_none())
                .filter(|p| plan.takeable(p.hex) && game.control(p.hex) != Some(me))
                .map(|p| Target {
                    hex: p.hex,
                    value: u32::from(p.points),
                })
                .collect();
        }
        let mut ground = StableHasher::default();
        me.0.hash(&mut ground);
        for (i, _) in plan.neutral.iter().enumerate().filter(|(_, n)| **n) {
            i.hash(&mut ground);
        }
        let [toward, raids] = [&plan.targets, &plan.raids].map(|targets| {
            let mut h = ground.clone();
            targets.iter().for_each(|t| {
                (t.hex.x, t.hex.y, t.value).hash(&mut h);
            });
            h.finish()
        });
        plan.field_keys = [toward, raids, ground.finish()];
        plan
    }

    /// Where supply is or could be had at once, by map index: the hexes it reaches, and the
    /// faction's own sources that an enemy holds but no one stands on (walking in takes them
    /// back, and the hideout or depot supplies again).
    fn supply_seeds(&self) -> Vec<usize> {
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
    fn pick_reserve(&self) -> Vec<UnitId> {
        let game = self.game;
        let enemies = self.enemy_hexes();
        let map = &game.scenario().map;
        let mut mine: Vec<(bool, bool, u32, UnitId)> = game
            .units()
            .filter(|u| u.owner == self.me)
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
    fn enemy_hexes(&self) -> Vec<Hex> {
        let game = self.game;
        game.units()
            .filter(|u| game.stance(u.owner, self.me).fights())
            .map(|u| u.hex)
            .collect()
    }

    /// Whether a hex can be taken by entering it: nobody's, or held by someone we fight.
    fn takeable(&self, hex: Hex) -> bool {
        match self.game.control(hex) {
            None => true,
            Some(c) => c != self.me && self.fights(c),
        }
    }

    /// Whether we fight a faction. An AI short of hard play keeps clear of rivals it could
    /// fight only at a price in tension and support.
    fn fights(&self, f: FactionId) -> bool {
        match self.game.stance(self.me, f) {
            Stance::Hostile => true,
            Stance::Rival => self.d == Difficulty::Easy,
            _ => false,
        }
    }

    fn find_targets(&mut self, cuts: &[Target]) {
        let game = self.game;
        let s = game.scenario();
        let map = &s.map;
        let add = |targets: &mut Vec<Target>, hex: Hex, value: u32| {
            if value > 0 {
                targets.push(Target { hex, value });
            }
        };
        let mut targets = Vec::new();
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
        // Enemy units draw no one by themselves: the search toward targets would change with
        // every enemy step. They are fought where they stand in the way (see `attack`), and
        // where they cut a hard AI's supply.
        for c in cuts {
            if self.takeable(c.hex) || game.unit_at(c.hex).is_some_and(|u| self.fights(u.owner)) {
                add(&mut targets, c.hex, c.value * SUPPLY_CUT_WEIGHT);
            }
        }
        targets.sort_by_key(|t| (t.hex.x, t.hex.y, t.value));
        if self.d == Difficulty::Hard && !self.cautious {
            // A hard AI concentrates on what matters: its objectives, and nothing else worth
            // less than a third of its most valuable target draws its units away.
            let mut worth: std::collections::BTreeMap<(i32, i32), u32> = Default::default();
            for t in &targets {
                *worth.entry((t.hex.x, t.hex.y)).or_default() += t.value;
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
            targets.retain(|t| {
                aims.contains(&t.hex)
                    || worth.get(&(t.hex.x, t.hex.y)).copied().unwrap_or(0) * 3 >= most
                    || mine
                        .iter()
                        .any(|h| h.unsigned_distance_to(t.hex) <= ON_THE_WAY)
            });
        }
        self.targets = targets;
    }

    /// How good it is for `unit` to stand on `hex`, given the distance field there.
    fn score(&self, game: &Game, unit: UnitId, hex: Hex, field: u32, raid: Option<u32>) -> i64 {
        let map = &game.scenario().map;
        let Some(i) = map.index(hex) else {
            return i64::MIN / 2;
        };
        let Some(u) = game.unit(unit) else {
            return i64::MIN / 2;
        };
        let grab = self.last_grab(hex);
        if self.survival || self.reserve.contains(&unit) {
            // The last fighters (and the reserve) keep away from every enemy, where their
            // supply still reaches (the desert hideouts): staying alive is the objective, and
            // cut off they would waste away as surely as in battle. At the very end, a place
            // no one can take back is worth the walk.
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
            return -i64::from(self.threat[i]) * 50
                - if self.contested[i] { 300 } else { 0 }
                - cut_off
                + safe_grab
                + poised;
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
            let (bar, per) = if self.cautious {
                (own, 12)
            } else {
                (own * 2, 6)
            };
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

    /// Whether being cut off could still cost `u` anything before the game ends: a unit in
    /// supply is only Low at the next turn's trace, and out of supply (half movement,
    /// attrition) from the one after.
    fn supply_matters(&self, u: &Unit) -> bool {
        let left = self.game.scenario().turns.saturating_sub(self.game.turn());
        left >= 2 || left == 1 && u.supply != SupplyState::Supplied
    }

    /// On the last turn, what standing on `hex` adds: the points of a place taken by entering
    /// it, or kept by standing on it where an enemy still to move could walk in (contested),
    /// which then count at the end.
    fn last_grab(&self, hex: Hex) -> i64 {
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

    /// Coordination with a neutral faction that fights the same enemy; for a hard AI, a
    /// breach of a deconfliction line when it pays.
    fn diplomacy(&self) -> Option<Command> {
        if self.d == Difficulty::Easy {
            return None;
        }
        if let Some(c) = self.breach() {
            return Some(c);
        }
        let game = self.game;
        let n = game.scenario().factions.len();
        (0..n).map(|f| FactionId(f as u8)).find_map(|with| {
            let common_enemy = (0..n).map(|e| FactionId(e as u8)).any(|e| {
                e != with
                    && e != self.me
                    && game.stance(self.me, e) == Stance::Hostile
                    && game.stance(with, e) == Stance::Hostile
            });
            // Coordinate within one camp only: sides with no patron in common compete for
            // the same ground.
            let patrons = |f: FactionId| game.scenario().faction(f).map(|x| x.patrons.clone());
            let same_camp = patrons(self.me)
                .zip(patrons(with))
                .is_some_and(|(a, b)| a.iter().any(|p| b.contains(p)));
            let c = Command::ProposeCoordination { with };
            (common_enemy && same_camp && game.check(&c).is_ok()).then_some(c)
        })
    }

    /// A hard AI breaks a deconfliction line by interest: when what it can still take on its
    /// side is worth less than a third of what lies beyond the line, what lies beyond is worth
    /// at least [`BREACH_WORTH`], and the breach would not bring the partner to open war.
    /// Its patrons' displeasure (less support) is a price it pays then; a side that must
    /// survive never starts a quarrel.
    fn breach(&self) -> Option<Command> {
        if self.d != Difficulty::Hard || self.cautious || self.beyond < BREACH_WORTH {
            return None;
        }
        let here: u32 = self.targets.iter().map(|t| t.value).sum();
        if here * 3 >= self.beyond {
            return None;
        }
        let game = self.game;
        game.scenario()
            .agreements
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                let partner = a.partner(self.me)?;
                let tension = game
                    .relation(Party::Faction(self.me), Party::Faction(partner))
                    .tension;
                let calm = i16::from(tension) + super::diplomacy::BREACH_TENSION
                    < i16::from(super::diplomacy::BREAKDOWN_TENSION);
                let line = matches!(a.kind, AgreementKind::Deconfliction { .. });
                (line && calm && game.agreement_active(i)).then_some(Command::Breach {
                    agreement: i as u16,
                })
            })
    }

    /// The support entries of the faction and their patrons.
    fn pools(&self) -> Vec<(usize, PatronId)> {
        self.game
            .scenario()
            .support
            .iter()
            .enumerate()
            .filter(|(_, s)| s.faction == self.me)
            .map(|(i, s)| (i, s.patron))
            .collect()
    }

    fn offers(&self, i: usize, want: fn(&Request) -> bool) -> bool {
        let s = &self.game.scenario().support[i];
        s.offers.iter().any(want)
            && s.offers
                .iter()
                .any(|o| want(o) && self.game.pool(i) >= o.cost())
    }

    /// Supply dropped to a unit that is out of supply (or low, for a hard AI).
    fn air_drop(&self) -> Option<Command> {
        if self.d == Difficulty::Easy {
            return None;
        }
        // A hard AI helps units merely running low too, but only once its turn is done: the
        // same air power may be wanted for a strike on the place it assaults.
        let low_too = self.d == Difficulty::Hard && self.finishing;
        let map = &self.game.scenario().map;
        let needy = self
            .game
            .units()
            .filter(|u| u.owner == self.me)
            .filter(|u| u.supply == SupplyState::Out || low_too && u.supply == SupplyState::Low)
            // Units cut off at the place being assaulted first: supplied again, they can join
            // the attack; the strongest of them first.
            .min_by_key(|u| {
                let at_assault = map.index(u.hex).is_some_and(|i| self.assault[i]);
                (
                    u.supply != SupplyState::Out,
                    !at_assault,
                    Reverse(u.strength),
                    u.id,
                )
            })?;
        let (_, patron) = self
            .pools()
            .into_iter()
            .find(|(i, _)| self.offers(*i, |o| *o == Request::AirDrop))?;
        Some(Command::RequestAirDrop {
            patron,
            unit: needy.id,
        })
    }

    /// Attack targets: enemy units next to ours, with the best attack on each.
    fn attack_options(&self) -> Vec<(i64, Vec<UnitId>, Hex)> {
        let game = self.game;
        let map = &game.scenario().map;
        let mut out = Vec::new();
        let ready: Vec<_> = game
            .units()
            .filter(|u| u.owner == self.me && !u.has_attacked && u.supply != SupplyState::Out)
            .filter(|u| !self.reserve.contains(&u.id))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for a in &ready {
            for t in hexx::shapes::hexagon(a.hex, a.kind.attack_range()) {
                let Some(def) = game.unit_at(t) else { continue };
                if !self.fights(def.owner) || !seen.insert((t.x, t.y)) {
                    continue;
                }
                let target_value: u32 = self
                    .targets
                    .iter()
                    .filter(|x| x.hex == t)
                    .map(|x| x.value)
                    .sum();
                let mut attackers: Vec<_> = ready
                    .iter()
                    .filter(|x| {
                        let d = x.hex.unsigned_distance_to(t);
                        // A garrison does not leave what it guards (the winner of an attack
                        // advances) for anything worth less; guns stay put anyway.
                        let guarding = self.d != Difficulty::Easy
                            && x.kind.attack_range() == 1
                            && map
                                .index(x.hex)
                                .is_some_and(|i| self.guard[i] > target_value && self.contested[i]);
                        d >= 1 && d <= x.kind.attack_range() && !guarding
                    })
                    .collect();
                // Guns first: they take no losses.
                attackers
                    .sort_by_key(|x| (x.kind != UnitKind::Artillery, Reverse(x.strength), x.id));
                attackers.truncate(super::command::MAX_ATTACKERS);
                let ids: Vec<UnitId> = match self.d {
                    Difficulty::Easy => attackers.iter().take(1).map(|x| x.id).collect(),
                    _ => attackers.iter().map(|x| x.id).collect(),
                };
                let Ok(p) = game.preview_attack(&ids, t) else {
                    continue;
                };
                let win = i64::from(p.win_sixths());
                let value =
                    i64::from(target_value) + map.index(t).map_or(0, |i| i64::from(self.guard[i]));
                let score = match self.d {
                    // Any even chance will do.
                    Difficulty::Easy if win >= 2 => win * 10,
                    Difficulty::Easy => continue,
                    _ => {
                        let own: u32 = attackers
                            .iter()
                            .filter(|x| x.kind != UnitKind::Artillery)
                            .map(|x| u32::from(x.strength))
                            .sum();
                        // On the last turn losses cost nothing when there is ground worth
                        // points to take: only what stands at the end scores, so any chance
                        // at it is worth taking (a fight for nothing is still weighed).
                        let final_grab = self.last_turn && value > 0;
                        let own = if final_grab { 0 } else { own };
                        let ev = expected_value(&p, def.strength, own, value, self.cautious);
                        // A hard attacker also takes any chance at a place it wants (when
                        // the expected gain is worth it): waiting for better odds lets a
                        // rival get there first.
                        let any_chance = final_grab
                            || self.d == Difficulty::Hard && !self.cautious && target_value > 0;
                        let least = if any_chance { 1 } else { 2 };
                        if win < least || ev <= 0 && !self.bold {
                            continue;
                        }
                        ev.max(1)
                    }
                };
                out.push((score, ids, t));
            }
        }
        out.sort_by_key(|(score, _, t)| (Reverse(*score), t.x, t.y));
        out
    }

    fn attack(&self) -> Option<Command> {
        if self.survival && !self.last_turn {
            return None;
        }
        let (_, attackers, target) = self.attack_options().into_iter().next()?;
        Some(Command::Attack { attackers, target })
    }

    /// An air strike on the enemy unit we most want to beat (a hard AI strikes the target of
    /// its next attack first, softening it up).
    fn strike(&self) -> Option<Command> {
        if self.d == Difficulty::Easy && (self.game.turn() % 2 == 1) {
            return None;
        }
        let (_, patron) = self
            .pools()
            .into_iter()
            .find(|(i, _)| self.offers(*i, |o| *o == Request::AirStrike))?;
        let game = self.game;
        let target = match self.d {
            // A hard AI softens the target of its next attack on a place it wants; what is
            // left at the end of its turn goes to the weakest enemy in reach.
            Difficulty::Hard => self
                .key_strike()
                .or_else(|| self.finishing.then(|| self.weakest_enemy_near()).flatten()),
            _ => self.weakest_enemy_near(),
        }?;
        let c = Command::RequestAirStrike { patron, target };
        game.check(&c).is_ok().then_some(c)
    }

    /// For a hard AI, the best attack it has on an enemy standing on one of its targets, whose
    /// hex an air strike would soften first.
    fn key_strike(&self) -> Option<Hex> {
        if self.d != Difficulty::Hard {
            return None;
        }
        self.attack_options()
            .into_iter()
            .map(|(_, _, t)| t)
            .find(|t| self.targets.iter().any(|x| x.hex == *t))
    }

    /// The weakest hostile unit next to one of ours, those without cover from the air first.
    fn weakest_enemy_near(&self) -> Option<Hex> {
        let game = self.game;
        let map = &game.scenario().map;
        game.units()
            .filter(|e| game.stance(e.owner, self.me) == Stance::Hostile)
            .filter(|e| {
                map.neighbors(e.hex)
                    .any(|n| game.unit_at(n).is_some_and(|x| x.owner == self.me))
            })
            // A garrison dug in inside a town takes half as much from the air.
            .min_by_key(|e| (game.under_cover(e), e.strength, e.id))
            .map(|e| e.hex)
    }

    /// Money and reinforcements: recruits, replacements, patrons' units, repairs.
    fn spend(&self) -> Option<Command> {
        let game = self.game;
        // An easy AI spends only on every fourth turn.
        if self.d == Difficulty::Easy && !game.turn().is_multiple_of(4) {
            return None;
        }
        let s = game.scenario();
        let income: i64 = game
            .income_statement(self.me)
            .iter()
            .map(|l| l.amount)
            .sum();
        // Keep enough to pay the troops for a while, and no more than the rest of the game
        // needs: money left at the end buys nothing.
        let upkeep = (-income).max(0);
        // Pay days still to come (each turn's is paid as it begins).
        let turns_left = i64::from(s.turns.saturating_sub(game.turn()));
        let reserve = if turns_left == 0 {
            0
        } else {
            (3_000 + upkeep * 8).min(500 + upkeep * turns_left)
        };
        let spare = game.treasury(self.me) - reserve;
        // Patrons' units cost no money: always worth asking for.
        if self.d != Difficulty::Easy {
            for (i, patron) in self.pools() {
                if !self.offers(i, |o| matches!(o, Request::Reinforcements(_))) {
                    continue;
                }
                if let Some(place) = self.exposed_place(false).or(self.front_place(false)) {
                    return Some(Command::RequestReinforcements { patron, place });
                }
            }
        }
        if spare <= 0 {
            return None;
        }
        // One recruit a turn: once raised, the money goes to what else it can buy.
        let recruits = !game.recruited_this_turn(self.me);
        // At the end, a place left empty within an enemy's reach needs a garrison more than
        // anything else: militia will do.
        let militia = super::economy::recruit_cost(UnitKind::Militia);
        if recruits
            && spare > militia
            && let Some(place) = self.exposed_place(true)
        {
            return Some(Command::Recruit {
                place,
                kind: UnitKind::Militia,
            });
        }
        if self.d == Difficulty::Hard && turns_left > 0 {
            for (i, f) in s.oil_fields.iter().enumerate() {
                let c = Command::Repair { field: i as u16 };
                if game.control(f.hex) == Some(self.me)
                    && game.field_damage(i) > 0
                    && spare > super::economy::REPAIR_COST
                    && game.check(&c).is_ok()
                {
                    return Some(c);
                }
            }
        }
        let map = &s.map;
        // A side that must survive keeps the garrisons of its places at full strength, the
        // most valuable place first, in contact or not: a garrison stays put anyway (a unit
        // refitting does not move), and a point of replacements costs half what a point of a
        // new unit does, delivered where it is needed.
        if self.cautious {
            let garrison = game
                .units()
                .filter(|u| u.owner == self.me && u.strength < u.full_strength)
                .filter_map(|u| {
                    let g = self.guard[map.index(u.hex)?];
                    let ok = g > 0 && game.reinforcement(u.id).is_ok_and(|(_, c)| c < spare);
                    ok.then_some((g, u.id))
                })
                .max_by_key(|&(g, id)| (g, Reverse(id)));
            if let Some((_, unit)) = garrison {
                return Some(Command::Reinforce { unit });
            }
        }
        // Replacements for units worn down and out of contact.
        if self.d != Difficulty::Easy {
            let worn = game.units().find(|u| {
                u.owner == self.me
                    && u.strength * 3 < u.full_strength * 2
                    && map.index(u.hex).is_some_and(|i| self.threat[i] == 0)
                    && game.reinforcement(u.id).is_ok_and(|(_, cost)| cost < spare)
            });
            if let Some(u) = worn {
                return Some(Command::Reinforce { unit: u.id });
            }
        }
        // A side that must survive counts fighters: militia give as many for half the price,
        // raised where the enemy is furthest away.
        let kind = match self.d {
            Difficulty::Easy => UnitKind::Militia,
            _ if self.cautious => UnitKind::Militia,
            _ => UnitKind::Infantry,
        };
        let cost = super::economy::recruit_cost(kind);
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
    fn free_places(&self, towns_only: bool) -> impl Iterator<Item = (usize, &Place)> {
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
    fn rear_place(&self) -> Option<PlaceId> {
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
    fn exposed_place(&self, towns_only: bool) -> Option<PlaceId> {
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
    fn front_place(&self, towns_only: bool) -> Option<PlaceId> {
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

/// For a faction bound by a deconfliction line in force, the ground its units can reach
/// without crossing one (by map index; enemies aside), given the ground closed to it by a
/// truce; `None` otherwise. Worked out afresh for every command: the line's ground changes
/// hands as units move.
fn line_side(game: &Game, me: FactionId, closed: &[bool]) -> Option<Vec<bool>> {
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
fn must_survive(game: &Game, f: FactionId) -> bool {
    game.scenario()
        .objectives
        .iter()
        .any(|o| o.faction == f && o.goal == Goal::Survive)
}

/// What an attack is worth, in hundredths of a strength point: the defender's expected losses
/// and a share of the value of taking its hex, less the attackers' expected losses (doubled
/// for a faction that must keep its units alive).
fn expected_value(p: &Preview, defender: u16, attackers: u32, value: i64, cautious: bool) -> i64 {
    let mut ev = 0i64;
    for (o, sixths) in Outcome::ALL.iter().zip(p.chances) {
        let odds = i64::from(sixths);
        let hurt = i64::from(defender) * i64::from(o.defender_loss_percent());
        let cost = i64::from(attackers) * i64::from(o.attacker_loss_percent());
        let gain = if o.attacker_won() { value * 100 } else { 0 };
        ev += odds * (hurt + gain - cost * if cautious { 2 } else { 1 }) / 6;
    }
    ev
}

/// Movement-point distance from every hex to the nearest of `targets`, plus `bonus` for each
/// point the target is worth less than the most valuable one (a multi-source search over the
/// map with the unit class's step costs, not entering ground the faction may not enter).
fn distance_field(
    game: &Game,
    plan: &Plan,
    targets: &[Target],
    bonus: u32,
    class: MoveClass,
) -> Vec<u32> {
    let map = &game.scenario().map;
    let n = map.len();
    let max_value = targets.iter().map(|t| t.value).max().unwrap_or(0);
    let mut cost = vec![u32::MAX; n];
    let mut heap = CostQueue::new();
    for t in targets {
        if let Some(i) = map.index(t.hex) {
            let c = (max_value - t.value.min(max_value)) * bonus;
            if c < cost[i] {
                cost[i] = c;
                heap.push(c, i as u32);
            }
        }
    }
    let closed = &plan.neutral;
    let steps = game.step_table(class);
    while let Some((c, i)) = heap.pop() {
        let i = i as usize;
        if c > cost[i] {
            continue;
        }
        for (d, &(j, _)) in steps[i].iter().enumerate() {
            if j == u32::MAX {
                continue;
            }
            let j = j as usize;
            if closed[j] {
                continue;
            }
            // Searching outward from the targets, the step a unit would take is j → i: the
            // opposite direction, three further round.
            let (back, step) = steps[j][(d + 3) % 6];
            debug_assert_eq!(back as usize, i, "opposite directions are three apart");
            if step == u16::MAX {
                continue;
            }
            let nc = c + u32::from(step);
            if nc < cost[j] {
                cost[j] = nc;
                heap.push(nc, j as u32);
            }
        }
    }
    // Hexes from which no target can be reached are as far as can be.
    for c in &mut cost {
        if *c == u32::MAX {
            *c = 100_000;
        }
    }
    cost
}

/// A random legal command: the baseline the AI is measured against. `salt` varies the choice
/// between calls on the same state.
pub fn random_command(game: &Game, salt: u64) -> Command {
    let mut h = StableHasher::default();
    (game.state_hash(), salt).hash(&mut h);
    let mut r = h.finish();
    let mut next = |n: usize| -> usize {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        (r % n.max(1) as u64) as usize
    };
    let me = game.active_faction();
    if next(8) == 0 {
        return Command::EndTurn;
    }
    let mine: Vec<_> = game
        .units()
        .filter(|u| u.owner == me && u.movement_left > 0 && !u.has_attacked)
        .map(|u| u.id)
        .collect();
    if mine.is_empty() {
        return Command::EndTurn;
    }
    let unit = mine[next(mine.len())];
    let Some(u) = game.unit(unit) else {
        return Command::EndTurn;
    };
    let attacks: Vec<Command> = hexx::shapes::hexagon(u.hex, u.kind.attack_range())
        .map(|t| Command::Attack {
            attackers: vec![unit],
            target: t,
        })
        .filter(|c| game.check(c).is_ok())
        .collect();
    if !attacks.is_empty() && next(2) == 0 {
        return attacks[next(attacks.len())].clone();
    }
    let reach: Vec<(i32, i32)> = game.reachable(unit).keys().copied().collect();
    if reach.is_empty() {
        return Command::EndTurn;
    }
    let (x, y) = reach[next(reach.len())];
    match game.path_to(unit, Hex::new(x, y)) {
        Some(path) => Command::Move { unit, path },
        None => Command::EndTurn,
    }
}
