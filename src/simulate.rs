//! Headless games between computer players, many at once: what `euphrates simulate` runs and
//! reports. Each game is deterministic for its seed and controllers; games run on all cores.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub use crate::chronicle::{Chronicle, FactionTurn, TurnStats};
use crate::save::Recorder;
use crate::session::Session;
use crate::sim::ai::{Controller, Players};
use crate::sim::{Date, EndReason, Event, FactionId, Game, IncomeSource, Scenario};

/// A place changing hands.
#[derive(Clone, Debug, Serialize)]
pub struct Capture {
    /// The place's id.
    pub place: String,
    /// The new holder's id.
    pub by: String,
    /// When.
    pub date: String,
}

/// The record of one simulated game.
#[derive(Clone, Debug, Serialize)]
pub struct GameStats {
    /// The seed.
    pub seed: u64,
    /// Final scores, in faction order.
    pub scores: Vec<u32>,
    /// The faction with the highest score (the first of equals).
    pub winner: String,
    /// `"last turn"` or `"decisive: ID"`.
    pub end: String,
    /// Each faction's verdict at the end, in faction order: `"decisive victory"`,
    /// `"victory"`, `"draw"` or `"defeat"`.
    #[serde(default)]
    pub verdicts: Vec<String>,
    /// The date each objective was first met, by objective id.
    pub objectives: BTreeMap<String, Option<String>>,
    /// Whether each objective scored at the end, by objective id.
    pub secured: BTreeMap<String, bool>,
    /// Holder of each place at the end, by place id.
    pub holders: BTreeMap<String, Option<String>>,
    /// Places changing hands, in order.
    pub captures: Vec<Capture>,
    /// Oil income over the game per faction, thousands of US dollars.
    pub oil_income: Vec<i64>,
    /// Strength lost over the game per faction.
    pub losses: Vec<u32>,
    /// People displaced by each faction's attacks, air strikes and sieges over the game.
    pub displaced: Vec<u64>,
    /// The same by cause, per faction: `attacks`, `air strikes`, `sieges`.
    pub displaced_by_cause: Vec<BTreeMap<String, u64>>,
    /// Commands issued.
    pub commands: usize,
    /// Each turn, from the first.
    pub turns: Vec<TurnStats>,
    /// Every change of hands at a place or field, for setting the game beside the real front
    /// lines (the report); not in the JSON, whose `captures` tell the same of places.
    #[serde(skip)]
    pub changes: Vec<crate::history::Change>,
    /// The date of the game's last turn, and whether it is over.
    #[serde(skip)]
    pub last_day: (Date, bool),
}

/// Plays one whole game with a controller per faction (in faction order).
pub fn play(scenario: Arc<Scenario>, seed: u64, controllers: &[Controller]) -> (Game, GameStats) {
    let (session, stats) = play_session(scenario, seed, controllers, None);
    (session.game, stats)
}

/// Plays one whole game like [`play`], noting every command in `recorder` (start it from a
/// fresh game of the same scenario and seed); returns the game and the filled recorder.
pub fn play_recorded(
    scenario: Arc<Scenario>,
    seed: u64,
    controllers: &[Controller],
    recorder: Recorder,
) -> (Game, GameStats, Recorder) {
    let (mut session, stats) = play_session(scenario, seed, controllers, Some(recorder));
    let recorder = session.recorder.take().expect("the session was recorded");
    (session.game, stats, recorder)
}

fn play_session(
    scenario: Arc<Scenario>,
    seed: u64,
    controllers: &[Controller],
    recorder: Option<Recorder>,
) -> (Session, GameStats) {
    let game = Game::new(scenario, seed);
    let players = Players::with_controllers(game.scenario().factions.len(), controllers);
    let mut session = Session::new(game, players);
    session.recorder = recorder;
    session.play_out();
    let turns = std::mem::take(&mut session.chronicle.turns);
    let stats = summarise(&session.game, session.commands(), turns);
    (session, stats)
}

/// The record of a finished (or ongoing) game from its final state and its turns.
pub fn summarise(game: &Game, commands: usize, turns: Vec<TurnStats>) -> GameStats {
    let s = game.scenario();
    let n = s.factions.len();
    let key = |f: FactionId| s.faction(f).map_or(String::new(), |f| f.key.clone());
    let scores = game.scores();
    let winner = (0..n)
        .max_by_key(|&f| (scores[f], std::cmp::Reverse(f)))
        .map_or(String::new(), |f| key(FactionId(f as u8)));
    let end = match game.result() {
        Some(EndReason::Decisive(f)) => format!("decisive: {}", key(*f)),
        _ => "last turn".to_owned(),
    };
    let mut oil_income = vec![0i64; n];
    let mut losses = vec![0u32; n];
    let mut captures = Vec::new();
    let owner_of: BTreeMap<u32, FactionId> = s
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (i as u32, u.owner))
        .collect();
    let mut owners = owner_of;
    let mut date = s.start;
    for e in game.log() {
        match &e.event {
            Event::NewTurn { date: d, .. } => date = *d,
            Event::Income { faction, lines, .. } => {
                oil_income[usize::from(faction.0)] += lines
                    .iter()
                    .filter(|l| matches!(l.source, IncomeSource::Field(_)))
                    .map(|l| l.amount)
                    .sum::<i64>();
            }
            Event::UnitRaised { unit, .. } => {
                owners.insert(unit.id.0, unit.owner);
            }
            Event::UnitDamaged { unit, loss, .. } => {
                if let Some(f) = owners.get(&unit.0) {
                    losses[usize::from(f.0)] += u32::from(*loss);
                }
            }
            Event::ControlChanged { hex, to, .. } => {
                if let Some((_, p)) = s.place_at(*hex) {
                    captures.push(Capture {
                        place: p.key.clone(),
                        by: key(*to),
                        date: date.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    GameStats {
        seed: game.seed(),
        scores,
        winner,
        end,
        verdicts: (0..n)
            .map(|f| game.verdict(FactionId(f as u8)).name().to_owned())
            .collect(),
        objectives: s
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.key.clone(), game.achieved(i).map(|d| d.to_string())))
            .collect(),
        secured: s
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.key.clone(), game.objective_secured(i)))
            .collect(),
        holders: s
            .places
            .iter()
            .map(|p| (p.key.clone(), game.control(p.hex).map(key)))
            .collect(),
        captures,
        oil_income,
        losses,
        displaced: (0..n).map(|f| game.displaced(FactionId(f as u8))).collect(),
        displaced_by_cause: (0..n)
            .map(|f| {
                let by = game.displaced_by_cause(FactionId(f as u8));
                crate::sim::civilians::Cause::ALL
                    .iter()
                    .zip(by)
                    .map(|(c, n)| (c.name().to_owned(), n))
                    .collect()
            })
            .collect(),
        commands,
        turns,
        changes: crate::history::changes(game)
            .into_iter()
            .filter(|c| s.place_at(c.hex).is_some() || s.oil_fields.iter().any(|f| f.hex == c.hex))
            .collect(),
        last_day: (game.date(), game.is_over()),
    }
}

/// Plays games for every seed, spread over `threads` threads; results in seed order.
/// A game that panics (a bug) does not stop the others: its seed is returned in the second
/// list, so a soak of many games names every seed to reproduce.
pub fn play_many(
    scenario: Arc<Scenario>,
    seeds: &[u64],
    controllers: &[Controller],
    threads: usize,
) -> (Vec<GameStats>, Vec<u64>) {
    let threads = threads.clamp(1, 64).min(seeds.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(seeds.len()));
    let panicked = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&seed) = seeds.get(i) else { break };
                    let game = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        play(scenario.clone(), seed, controllers).1
                    }));
                    match game {
                        Ok(stats) => {
                            if let Ok(mut r) = results.lock() {
                                r.push((i, stats));
                            }
                        }
                        Err(_) => {
                            if let Ok(mut p) = panicked.lock() {
                                p.push(seed);
                            }
                        }
                    }
                }
            });
        }
    });
    let mut r = results.into_inner().unwrap_or_default();
    r.sort_by_key(|(i, _)| *i);
    let mut p = panicked.into_inner().unwrap_or_default();
    p.sort_unstable();
    (r.into_iter().map(|(_, s)| s).collect(), p)
}

fn percent(n: usize, of: usize) -> String {
    format!("{:>3.0} %", 100.0 * n as f64 / of.max(1) as f64)
}

/// Median of some dates written as day counts since the start, as a date.
fn median_date(start: Date, dates: &mut [u32]) -> String {
    if dates.is_empty() {
        return "—".into();
    }
    dates.sort();
    start.plus_days(dates[dates.len() / 2]).to_string()
}

fn days_since(start: Date, s: &str) -> Option<u32> {
    // Dates in the stats are written by `Date`'s Display; find the day count by walking the
    // calendar, which is short.
    (0..2000).find(|&d| start.plus_days(d).to_string() == s)
}

/// How the fighting went over time across games: hexes changing hands in each half of the
/// game, and spells of turns with no change while a side had an objective to fight for.
#[derive(Clone, Debug, PartialEq)]
pub struct Pace {
    /// The last turn of the first half.
    pub half: u16,
    /// Hexes changing hands a game in the first half.
    pub first: f64,
    /// Hexes changing hands a game in the second half.
    pub second: f64,
    /// The longest quiet spell in any game, in turns.
    pub longest_quiet: u32,
    /// Games with a quiet spell of five turns or more.
    pub quiet_games: usize,
}

impl Pace {
    /// The pace of a set of games of `scenario`.
    pub fn of(scenario: &Scenario, games: &[GameStats]) -> Pace {
        let half = scenario.turns / 2;
        let n = games.len().max(1) as f64;
        let (mut first, mut second) = (0u64, 0u64);
        let (mut longest_quiet, mut quiet_games) = (0u32, 0usize);
        for g in games {
            let mut run = 0u32;
            let mut longest = 0u32;
            // Each record after the first tells what the turn before it changed.
            for t in g.turns.iter().skip(1) {
                let played = t.turn.saturating_sub(u16::from(!t.last));
                if played <= half {
                    first += u64::from(t.changed);
                } else {
                    second += u64::from(t.changed);
                }
                if t.changed == 0 && t.objectives_in_reach > 0 {
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
            }
            longest_quiet = longest_quiet.max(longest);
            if longest >= 5 {
                quiet_games += 1;
            }
        }
        Pace {
            half,
            first: first as f64 / n,
            second: second as f64 / n,
            longest_quiet,
            quiet_games,
        }
    }

    /// Hexes changing hands in the second half as a share of the first, in percent.
    pub fn second_share(&self) -> f64 {
        if self.first > 0.0 {
            self.second * 100.0 / self.first
        } else {
            0.0
        }
    }
}

/// The outcome table of a batch of games, for people.
pub fn report(scenario: &Scenario, games: &[GameStats], controllers: &[Controller]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let n = games.len();
    let start = scenario.start;
    let _ = writeln!(
        out,
        "{} games of \"{}\", {} turns from {}",
        n, scenario.name, scenario.turns, start
    );
    let who: Vec<String> = scenario
        .factions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            format!(
                "{} {}",
                f.key,
                controllers.get(i).map_or("normal", |c| c.name())
            )
        })
        .collect();
    let _ = writeln!(out, "players: {}", who.join(", "));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<10} {:>7} {:>7} {:>5} {:>5} {:>9} {:>9} {:>10}",
        "faction", "wins", "score", "min", "max", "oil $M", "losses", "displaced"
    );
    for (i, f) in scenario.factions.iter().enumerate() {
        let wins = games.iter().filter(|g| g.winner == f.key).count();
        let scores: Vec<u32> = games.iter().map(|g| g.scores[i]).collect();
        let mean = scores.iter().sum::<u32>() as f64 / n.max(1) as f64;
        let oil = games.iter().map(|g| g.oil_income[i]).sum::<i64>() as f64 / n.max(1) as f64;
        let losses = games.iter().map(|g| g.losses[i]).sum::<u32>() as f64 / n.max(1) as f64;
        let displaced = games.iter().map(|g| g.displaced[i]).sum::<u64>() as f64 / n.max(1) as f64;
        let _ = writeln!(
            out,
            "{:<10} {:>7} {:>7.1} {:>5} {:>5} {:>9.1} {:>9.1} {:>10.0}",
            f.key,
            percent(wins, n),
            mean,
            scores.iter().min().unwrap_or(&0),
            scores.iter().max().unwrap_or(&0),
            oil / 1000.0,
            losses,
            displaced
        );
    }
    let decisive = games.iter().filter(|g| g.end != "last turn").count();
    let _ = writeln!(out, "decisive endings: {}", percent(decisive, n));
    let pace = Pace::of(scenario, games);
    let _ = writeln!(
        out,
        "hexes changing hands a game: turns 1-{} {:.1}, turns {}-{} {:.1} ({:.0} % of the first half)",
        pace.half,
        pace.first,
        pace.half + 1,
        scenario.turns,
        pace.second,
        pace.second_share()
    );
    let _ = writeln!(
        out,
        "quiet spells (turns in a row with no hex changing hands while a side has an enemy-held objective within 3 hexes): longest {}, games with one of 5 or more {}",
        pace.longest_quiet,
        percent(pace.quiet_games, n)
    );
    let _ = writeln!(out);
    // Each side judged by its own objectives.
    let kinds = [
        crate::sim::Verdict::DecisiveVictory,
        crate::sim::Verdict::Victory,
        crate::sim::Verdict::Draw,
        crate::sim::Verdict::Defeat,
    ];
    let _ = writeln!(
        out,
        "{:<10} {:>17} {:>9} {:>7} {:>8}",
        "verdicts", "decisive victory", "victory", "draw", "defeat"
    );
    for (i, f) in scenario.factions.iter().enumerate() {
        let count = |v: crate::sim::Verdict| {
            games
                .iter()
                .filter(|g| g.verdicts.get(i).is_some_and(|x| x == v.name()))
                .count()
        };
        let [a, b, c, d] = kinds.map(|v| percent(count(v), n));
        let _ = writeln!(out, "{:<10} {a:>17} {b:>9} {c:>7} {d:>8}", f.key);
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<20} {:<8} {:>7} {:>18} {:>18}",
        "objective", "faction", "scored", "median date met", "historical date"
    );
    for o in &scenario.objectives {
        let scored = games
            .iter()
            .filter(|g| g.secured.get(&o.key).copied().unwrap_or(false))
            .count();
        let mut dates: Vec<u32> = games
            .iter()
            .filter_map(|g| g.objectives.get(&o.key).cloned().flatten())
            .filter_map(|d| days_since(start, &d))
            .filter(|d| *d > 0)
            .collect();
        let f = scenario.faction(o.faction).map_or("?", |f| f.key.as_str());
        let hist = o.by.map_or("—".to_owned(), |d| d.to_string());
        let _ = writeln!(
            out,
            "{:<20} {:<8} {:>7} {:>18} {:>18}",
            o.key,
            f,
            percent(scored, n),
            median_date(start, &mut dates),
            hist
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "places that changed hands (holder at the end; first capture):"
    );
    for p in &scenario.places {
        let start_holder = scenario
            .holder_at_start(p.hex)
            .and_then(|f| scenario.faction(f))
            .map(|f| f.key.clone());
        let mut holders: BTreeMap<String, usize> = BTreeMap::new();
        let mut firsts: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut changed = false;
        for g in games {
            let h = g.holders.get(&p.key).cloned().flatten();
            if h != start_holder {
                changed = true;
            }
            *holders
                .entry(h.unwrap_or_else(|| "nobody".into()))
                .or_default() += 1;
            if let Some(c) = g.captures.iter().find(|c| c.place == p.key)
                && let Some(d) = days_since(start, &c.date)
            {
                firsts.entry(c.by.clone()).or_default().push(d);
                changed = true;
            }
        }
        if !changed {
            continue;
        }
        let hold: Vec<String> = holders
            .iter()
            .map(|(f, k)| format!("{f} {}", percent(*k, n).trim()))
            .collect();
        let first: Vec<String> = firsts
            .iter_mut()
            .map(|(f, d)| format!("{f} in {} (median {})", d.len(), median_date(start, d)))
            .collect();
        let _ = writeln!(
            out,
            "  {:<22} {:<40} {}",
            p.name,
            hold.join(", "),
            first.join(", ")
        );
    }
    out
}

/// The result of pitting two controllers against each other as one faction.
#[derive(Clone, Debug, Serialize)]
pub struct Duel {
    /// The faction's id.
    pub faction: String,
    /// Paired games played (the same seed with each controller).
    pub games: usize,
    /// Games where the first controller scored more.
    pub wins: usize,
    /// Games where both scored the same.
    pub ties: usize,
    /// Mean score with the first controller.
    pub score_a: f64,
    /// Mean score with the second.
    pub score_b: f64,
}

/// For every playable faction and every seed, plays the game twice — once with `a` playing the
/// faction, once with `b`, everyone else played by `others` — and counts how often `a`
/// scores more: a paired comparison, so the dice and the opponents are the same in both.
pub fn duel(
    scenario: Arc<Scenario>,
    seeds: &[u64],
    a: Controller,
    b: Controller,
    others: Controller,
    threads: usize,
) -> Vec<Duel> {
    let n = scenario.factions.len();
    let mut jobs = Vec::new();
    for f in 0..n {
        if !scenario.factions[f].playable {
            continue;
        }
        for &seed in seeds {
            for c in [a, b] {
                let mut controllers = vec![others; n];
                controllers[f] = c;
                jobs.push((f, seed, controllers));
            }
        }
    }
    let threads = threads.clamp(1, 64).min(jobs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(vec![0u32; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((f, seed, controllers)) = jobs.get(i) else {
                        break;
                    };
                    let (game, _) = play(scenario.clone(), *seed, controllers);
                    if let Ok(mut r) = results.lock() {
                        r[i] = game.scores()[*f];
                    }
                }
            });
        }
    });
    let scores = results.into_inner().unwrap_or_default();
    let mut out: Vec<Duel> = Vec::new();
    for (k, pair) in jobs.chunks(2).enumerate() {
        let f = pair[0].0;
        let (sa, sb) = (scores[2 * k], scores[2 * k + 1]);
        let key = &scenario.factions[f].key;
        if out.last().is_none_or(|d| &d.faction != key) {
            out.push(Duel {
                faction: key.clone(),
                games: 0,
                wins: 0,
                ties: 0,
                score_a: 0.0,
                score_b: 0.0,
            });
        }
        if let Some(d) = out.last_mut() {
            d.games += 1;
            d.wins += usize::from(sa > sb);
            d.ties += usize::from(sa == sb);
            d.score_a += f64::from(sa);
            d.score_b += f64::from(sb);
        }
    }
    for d in &mut out {
        d.score_a /= d.games.max(1) as f64;
        d.score_b /= d.games.max(1) as f64;
    }
    out
}

/// The table of a duel, for people.
pub fn duel_report(duels: &[Duel], a: Controller, b: Controller, others: Controller) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} against {} as each faction, everyone else {}: paired games on the same seeds",
        a.name(),
        b.name(),
        others.name()
    );
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>10} {:>6} {:>10} {:>10}",
        "faction",
        "games",
        format!("{} wins", a.name()),
        "ties",
        format!("{} score", a.name()),
        format!("{} score", b.name())
    );
    for d in duels {
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>10} {:>6} {:>10.1} {:>10.1}",
            d.faction,
            d.games,
            percent(d.wins, d.games),
            d.ties,
            d.score_a,
            d.score_b
        );
    }
    out
}
