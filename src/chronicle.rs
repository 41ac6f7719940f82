//! The turn-by-turn record of a game as it is played: every side's ground, strength, supply,
//! money, tension and score at the start of each turn. The debrief's charts, `simulate --json`
//! and classroom reports are drawn from it.

use serde::Serialize;

use crate::sim::{Event, FactionId, Game, IncomeSource, Party, SupplyState};

/// One faction at the start of one turn.
#[derive(Clone, Debug, Serialize)]
pub struct FactionTurn {
    /// Hexes it holds.
    pub territory: u32,
    /// Total strength of its units.
    pub strength: u32,
    /// Units on the map.
    pub units: u32,
    /// Units supplied, low and out of supply.
    pub supply: [u32; 3],
    /// Treasury, thousands of US dollars.
    pub treasury: i64,
    /// Oil income of its last statement, thousands of US dollars.
    pub oil_income: i64,
    /// Tension with every other faction, in faction order (0 for itself).
    pub tension: Vec<u8>,
    /// Its score if the game ended now.
    pub score: u32,
    /// People displaced by its attacks, air strikes and sieges so far.
    pub displaced: u64,
    /// Enemy units it saw as its own turn of this round began (all of them without the fog
    /// of war); none where the game ended before its turn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_enemies: Option<u32>,
    /// Enemy units on the map as its own turn of this round began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enemy_units: Option<u32>,
}

/// One turn of a game.
#[derive(Clone, Debug, Serialize)]
pub struct TurnStats {
    /// The turn.
    pub turn: u16,
    /// Its date.
    pub date: String,
    /// Each faction, in faction order.
    pub factions: Vec<FactionTurn>,
    /// Whether this is the state at the end of the game rather than a turn's start.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub last: bool,
    /// Hexes that changed hands since the record before (the turn just played).
    pub changed: u32,
    /// Sides with one of their own objectives held by an enemy within three hexes of one of
    /// their units: ground a side could be fighting for.
    pub objectives_in_reach: u32,
}

/// The turn-by-turn record of a game as it is played: the statistics at the start of each
/// turn (for the debrief's charts, `--json` and reports).
#[derive(Clone, Debug, Default)]
pub struct Chronicle {
    /// Each turn so far, from the first.
    pub turns: Vec<TurnStats>,
    last_oil: Vec<i64>,
    /// Hexes changed hands since the last record.
    changed: u32,
}

impl Chronicle {
    /// Starts the record of a game that has just begun.
    pub fn new(game: &Game) -> Chronicle {
        let last_oil = vec![0; game.scenario().factions.len()];
        Chronicle {
            turns: vec![turn_stats(game, &last_oil)],
            last_oil,
            changed: 0,
        }
    }

    /// Notes what a command did: `turn` is the turn before it, `events` what it gave.
    pub fn note(&mut self, game: &Game, turn: u16, events: &[Event]) {
        self.changed += events
            .iter()
            .filter(|e| matches!(e, Event::ControlChanged { .. }))
            .count() as u32;
        for e in events {
            if let Event::Income { faction, lines, .. } = e
                && let Some(o) = self.last_oil.get_mut(usize::from(faction.0))
            {
                *o = lines
                    .iter()
                    .filter(|l| matches!(l.source, IncomeSource::Field(_)))
                    .map(|l| l.amount)
                    .sum();
            }
        }
        let ended = events.iter().any(|e| matches!(e, Event::GameEnded { .. }));
        if game.turn() != turn || ended {
            let mut t = turn_stats(game, &self.last_oil);
            t.last = ended;
            t.changed = std::mem::take(&mut self.changed);
            self.turns.push(t);
        } else if let Some(Event::FactionTurnBegan { faction }) = events.last()
            && let Some(f) = self
                .turns
                .last_mut()
                .and_then(|t| t.factions.get_mut(usize::from(faction.0)))
        {
            note_sight(f, game, *faction);
        }
    }
}

fn turn_stats(game: &Game, oil: &[i64]) -> TurnStats {
    let s = game.scenario();
    let n = s.factions.len();
    let scores = game.scores();
    let mut factions: Vec<FactionTurn> = (0..n)
        .map(|f| FactionTurn {
            territory: 0,
            strength: 0,
            units: 0,
            supply: [0; 3],
            treasury: game.treasury(FactionId(f as u8)),
            oil_income: oil.get(f).copied().unwrap_or(0),
            tension: (0..n)
                .map(|g| {
                    game.relation(
                        Party::Faction(FactionId(f as u8)),
                        Party::Faction(FactionId(g as u8)),
                    )
                    .tension
                })
                .collect(),
            score: scores[f],
            displaced: game.displaced(FactionId(f as u8)),
            visible_enemies: None,
            enemy_units: None,
        })
        .collect();
    if !game.is_over() {
        let me = game.active_faction();
        if let Some(f) = factions.get_mut(usize::from(me.0)) {
            note_sight(f, game, me);
        }
    }
    for i in 0..s.map.len() {
        if let Some(c) = game.control(s.map.hex_of_index(i))
            && let Some(f) = factions.get_mut(usize::from(c.0))
        {
            f.territory += 1;
        }
    }
    for u in game.units() {
        if let Some(f) = factions.get_mut(usize::from(u.owner.0)) {
            f.units += 1;
            f.strength += u32::from(u.strength);
            let k = match u.supply {
                SupplyState::Supplied => 0,
                SupplyState::Low => 1,
                SupplyState::Out => 2,
            };
            f.supply[k] += 1;
        }
    }
    TurnStats {
        turn: game.turn(),
        date: game.date().to_string(),
        factions,
        last: false,
        changed: 0,
        objectives_in_reach: objectives_in_reach(game),
    }
}

/// What a side sees of its enemies as its turn begins.
fn note_sight(f: &mut FactionTurn, game: &Game, me: FactionId) {
    f.visible_enemies = Some(game.enemies_seen(me) as u32);
    f.enemy_units = Some(game.enemies_there(me) as u32);
}

/// How many sides have one of their objectives held by an enemy within three hexes of one of
/// their units.
fn objectives_in_reach(game: &Game) -> u32 {
    let s = game.scenario();
    (0..s.factions.len())
        .map(|f| FactionId(f as u8))
        .filter(|&f| {
            s.objectives.iter().filter(|o| o.faction == f).any(|o| {
                s.objective_hexes(&o.goal).into_iter().any(|h| {
                    game.control(h)
                        .is_some_and(|c| c != f && game.stance(f, c).fights())
                        && game
                            .units()
                            .any(|u| u.owner == f && u.hex.unsigned_distance_to(h) <= 3)
                })
            })
        })
        .count() as u32
}
