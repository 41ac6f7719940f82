//! Reports for a class: a Markdown page with charts (SVG images) and the tables as CSV, for
//! one game (the debrief's "Export for class") or many (`simulate --report DIR`).
//!
//! Everything here is plain text written by this module; charts are drawn as SVG polylines
//! so a report needs no graphics library and opens in any browser or Markdown viewer.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::level::LoadedLevel;
use crate::simulate::{FactionTurn, GameStats, TurnStats};

/// A measure charted per faction over the turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Hexes held.
    Territory,
    /// Total strength of its units.
    Strength,
    /// Oil income of its last statement, $ thousands.
    OilIncome,
    /// Treasury, $ thousands.
    Treasury,
    /// Highest tension with any other faction.
    Tension,
    /// People displaced by its attacks, air strikes and sieges so far.
    Displaced,
}

impl Measure {
    /// Every measure, in the order charts are shown.
    pub const ALL: [Measure; 6] = [
        Measure::Territory,
        Measure::Strength,
        Measure::OilIncome,
        Measure::Treasury,
        Measure::Tension,
        Measure::Displaced,
    ];

    /// A title for the chart.
    pub fn title(self) -> &'static str {
        match self {
            Measure::Territory => "Territory (hexes held)",
            Measure::Strength => "Strength (sum of unit strengths)",
            Measure::OilIncome => "Oil income per turn ($ thousand)",
            Measure::Treasury => "Treasury ($ thousand)",
            Measure::Tension => "Highest tension with another side (0-100)",
            Measure::Displaced => "People displaced by the side's attacks, air strikes and sieges",
        }
    }

    /// A short name for buttons and file names.
    pub fn short(self) -> &'static str {
        match self {
            Measure::Territory => "territory",
            Measure::Strength => "strength",
            Measure::OilIncome => "oil_income",
            Measure::Treasury => "treasury",
            Measure::Tension => "tension",
            Measure::Displaced => "displaced",
        }
    }

    /// The value of this measure for one faction on one turn.
    pub fn of(self, f: &FactionTurn) -> f64 {
        match self {
            Measure::Territory => f64::from(f.territory),
            Measure::Strength => f64::from(f.strength),
            Measure::OilIncome => f.oil_income as f64,
            Measure::Treasury => f.treasury as f64,
            Measure::Tension => f64::from(f.tension.iter().copied().max().unwrap_or(0)),
            Measure::Displaced => f.displaced as f64,
        }
    }
}

/// One line of a chart: a faction's values by turn.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The faction's name.
    pub name: String,
    /// Its colour.
    pub rgb: [u8; 3],
    /// (turn, value) points.
    pub points: Vec<(f64, f64)>,
}

/// The lines of a chart, one per faction: the mean over the games at each turn index.
pub fn series(level: &LoadedLevel, games: &[GameStats], m: Measure) -> Vec<Series> {
    let turns: Vec<&[TurnStats]> = games.iter().map(|g| g.turns.as_slice()).collect();
    series_of_turns(level, &turns, m)
}

/// The same from the turns alone (the debrief draws its chart every frame from the game's
/// chronicle, without summarising the whole game).
pub fn series_of_turns(level: &LoadedLevel, games: &[&[TurnStats]], m: Measure) -> Vec<Series> {
    let s = &level.scenario;
    let longest = games.iter().map(|g| g.len()).max().unwrap_or(0);
    s.factions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let points = (0..longest)
                .filter_map(|k| {
                    let vals: Vec<f64> = games
                        .iter()
                        .filter_map(|g| g.get(k))
                        .filter_map(|t| t.factions.get(i))
                        .map(|x| m.of(x))
                        .collect();
                    let turn = games
                        .iter()
                        .find_map(|g| g.get(k))
                        .map(|t| f64::from(t.turn) + if t.last { 0.5 } else { 0.0 })?;
                    (!vals.is_empty()).then(|| (turn, vals.iter().sum::<f64>() / vals.len() as f64))
                })
                .collect();
            Series {
                name: f.name.clone(),
                rgb: f.color,
                points,
            }
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line chart as a standalone SVG image.
pub fn svg_chart(title: &str, lines: &[Series]) -> String {
    let (w, h) = (780.0, 360.0);
    let (left, right, top, bottom) = (70.0, 250.0, 36.0, 40.0);
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let ys = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.fold((0.0f64, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let (x0, x1) = if x0 < x1 { (x0, x1) } else { (0.0, 1.0) };
    let y1 = if y1 > y0 { y1 * 1.05 } else { y0 + 1.0 };
    let px = |x: f64| left + (x - x0) / (x1 - x0) * (w - left - right);
    let py = |y: f64| h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"##
    );
    let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        out,
        r##"<text x="{left}" y="22" font-size="15" font-weight="bold">{}</text>"##,
        escape(title)
    );
    // Axes with five gridlines.
    for k in 0..=4 {
        let y = y0 + (y1 - y0) * f64::from(k) / 4.0;
        let _ = writeln!(
            out,
            r##"<line x1="{left}" x2="{0}" y1="{1:.1}" y2="{1:.1}" stroke="#dddddd"/><text x="{2}" y="{3:.1}" text-anchor="end" fill="#555555">{4}</text>"##,
            w - right,
            py(y),
            left - 6.0,
            py(y) + 4.0,
            if y.abs() >= 10_000.0 {
                format!("{:.0}k", y / 1000.0)
            } else {
                format!("{y:.0}")
            }
        );
    }
    let turns = (x1 - x0).max(1.0);
    let step = (turns / 10.0).ceil().max(1.0);
    let mut t = x0.ceil();
    while t <= x1 {
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{}" text-anchor="middle" fill="#555555">{t:.0}</text>"##,
            px(t),
            h - bottom + 16.0
        );
        t += step;
    }
    let _ = writeln!(
        out,
        r##"<text x="{:.1}" y="{}" text-anchor="middle" fill="#333333">turn</text>"##,
        px((x0 + x1) / 2.0),
        h - 6.0
    );
    for (i, l) in lines.iter().enumerate() {
        let colour = format!("#{:02x}{:02x}{:02x}", l.rgb[0], l.rgb[1], l.rgb[2]);
        let pts: Vec<String> = l
            .points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = writeln!(
            out,
            r##"<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{}"/>"##,
            pts.join(" ")
        );
        let ly = top + 10.0 + 20.0 * i as f64;
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{:.1}" width="14" height="4" fill="{colour}"/><text x="{}" y="{:.1}">{}</text>"##,
            w - right + 14.0,
            ly - 4.0,
            w - right + 34.0,
            ly + 1.0,
            escape(&l.name)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The per-turn statistics of every game as CSV.
pub fn turns_csv(level: &LoadedLevel, games: &[GameStats]) -> String {
    let mut out = String::from(
        "seed,turn,date,faction,territory,strength,units,supplied,low_supply,out_of_supply,treasury_k_usd,oil_income_k_usd,score,displaced,end_of_game\n",
    );
    for g in games {
        for t in &g.turns {
            for (f, x) in level.scenario.factions.iter().zip(&t.factions) {
                let _ = writeln!(
                    out,
                    "{},{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},{}",
                    g.seed,
                    t.turn,
                    t.date,
                    f.key,
                    x.territory,
                    x.strength,
                    x.units,
                    x.supply[0],
                    x.supply[1],
                    x.supply[2],
                    x.treasury,
                    x.oil_income,
                    x.score,
                    x.displaced,
                    t.last
                );
            }
        }
    }
    out
}

/// One row per game as CSV: winner, ending, and each faction's score, oil money, losses and
/// displacement.
pub fn games_csv(level: &LoadedLevel, games: &[GameStats]) -> String {
    let keys: Vec<&str> = level
        .scenario
        .factions
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    let mut out = String::from("seed,winner,end");
    for k in &keys {
        let _ = write!(
            out,
            ",{k}_score,{k}_oil_income_k_usd,{k}_losses,{k}_displaced"
        );
    }
    out.push('\n');
    for g in games {
        let _ = write!(out, "{},{},\"{}\"", g.seed, g.winner, g.end);
        for i in 0..keys.len() {
            let _ = write!(
                out,
                ",{},{},{},{}",
                g.scores.get(i).copied().unwrap_or(0),
                g.oil_income.get(i).copied().unwrap_or(0),
                g.losses.get(i).copied().unwrap_or(0),
                g.displaced.get(i).copied().unwrap_or(0)
            );
        }
        out.push('\n');
    }
    out
}

/// What the report says about who played.
pub struct Context<'a> {
    /// A heading, e.g. "Your game as the SDF" or "100 all-AI games".
    pub title: &'a str,
    /// The outcome table or score lines, as preformatted text.
    pub summary: &'a str,
}

/// Writes `report.md`, one SVG chart per measure, `turns.csv` and `games.csv` into `dir`
/// (created if needed). Returns the path of `report.md`.
pub fn write(
    dir: &Path,
    level: &LoadedLevel,
    games: &[GameStats],
    ctx: &Context,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let f = &level.file;
    let mut md = String::new();
    let _ = writeln!(md, "# {} — {}\n", ctx.title, f.name);
    let _ = writeln!(
        md,
        "Level `{}`, starting {}; {} game{}. Written by euphrates {}.\n",
        f.id,
        level.scenario.start,
        games.len(),
        if games.len() == 1 { "" } else { "s" },
        env!("CARGO_PKG_VERSION")
    );
    if !f.perspective.is_empty() {
        let _ = writeln!(md, "> {}\n", f.perspective);
    }
    let _ = writeln!(
        md,
        "## Outcome\n\n```text\n{}\n```\n",
        ctx.summary.trim_end()
    );
    let _ = writeln!(md, "## Over the turns\n");
    if games.len() > 1 {
        let _ = writeln!(md, "Each line is the mean over the games at each turn.\n");
    }
    for m in Measure::ALL {
        let name = format!("{}.svg", m.short());
        std::fs::write(
            dir.join(&name),
            svg_chart(m.title(), &series(level, games, m)).as_bytes(),
        )?;
        let _ = writeln!(md, "![{}]({name})\n", m.title());
    }
    if !f.events.is_empty() {
        let _ = writeln!(md, "## What really happened\n");
        let _ = writeln!(md, "| date | event | source |\n|---|---|---|");
        for e in &f.events {
            let _ = writeln!(
                md,
                "| {:04}-{:02}-{:02} | {} | {} |",
                e.date.year,
                e.date.month,
                e.date.day,
                e.title.replace('|', "/"),
                e.source.replace('|', "/")
            );
        }
        md.push('\n');
    }
    md.push_str(&front_lines(level, games));
    let _ = writeln!(
        md,
        "## Data\n\n* `turns.csv`: every faction's state at the start of each turn of each game.\n* `games.csv`: one row per game.\n\nColumns are described in the game's `docs/SIMULATE.md`. Sources for the level: {}\n",
        f.source
    );
    md.push_str(&bibliography(&md, &f.sources));
    std::fs::write(dir.join("turns.csv"), turns_csv(level, games).as_bytes())?;
    std::fs::write(dir.join("games.csv"), games_csv(level, games).as_bytes())?;
    let path = dir.join("report.md");
    std::fs::write(&path, md.as_bytes())?;
    Ok(path)
}

/// The "Beside the real front line" section: for each dated line of the level's record within
/// the games' span, how many of its places the games matched, and where they most often did
/// not (nothing when the level records no front line).
pub fn front_lines(level: &LoadedLevel, games: &[GameStats]) -> String {
    /// One dated line over the games: those set beside it, the places matched in all of
    /// them, the places known, and how often each place was held otherwise.
    #[derive(Default)]
    struct Tally {
        counted: usize,
        matched: usize,
        known: usize,
        missed: BTreeMap<String, usize>,
    }
    let lines = &level.file.front_lines;
    let mut tallies: Vec<Tally> = lines.iter().map(|_| Tally::default()).collect();
    for g in games {
        let (last, over) = g.last_day;
        for (line, beside) in
            crate::history::checks(&level.file, &level.scenario, &g.changes, last, over)
        {
            let Some(t) = lines
                .iter()
                .position(|l| std::ptr::eq(l, line))
                .and_then(|k| tallies.get_mut(k))
            else {
                continue;
            };
            let (m, n) = crate::history::agreement(&beside);
            t.counted += 1;
            t.matched += m;
            t.known = n;
            for r in beside.iter().filter(|r| r.agrees() == Some(false)) {
                *t.missed.entry(r.name.clone()).or_default() += 1;
            }
        }
    }
    let mut table = String::new();
    for (line, t) in lines.iter().zip(tallies) {
        let Some(day) = crate::history::day_of(line).filter(|_| t.counted > 0) else {
            continue;
        };
        let mut missed: Vec<(String, usize)> = t.missed.into_iter().collect();
        missed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        missed.truncate(6);
        let list = if missed.is_empty() {
            "none".to_owned()
        } else {
            missed
                .iter()
                .map(|(n, c)| format!("{n} {} %", c * 100 / t.counted))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mean = t.matched as f64 / t.counted as f64;
        let _ = writeln!(
            table,
            "| {day} {} | {mean:.1} of {} | {list} |",
            line.source, t.known
        );
    }
    if table.is_empty() {
        return String::new();
    }
    format!(
        "## Beside the real front line\n\nFor each dated front line of the level's record, how many of its places the games' maps matched on that day (a line dated up to a week after the last turn is set beside the final map), and the places the games most often held otherwise.\n\n| day | places as in the record (mean) | most often otherwise (share of games) |\n|---|---|---|\n{table}\n"
    )
}

/// The "Sources" section of a report: each bibliography entry the report cites, in the order
/// of first citation (nothing when the level has no bibliography).
pub fn bibliography(text: &str, sources: &[crate::level::schema::Source]) -> String {
    let mut cited: Vec<&crate::level::schema::Source> = Vec::new();
    for (_, id) in crate::level::teaching::source_tags(text) {
        if let Some(s) = crate::level::teaching::source(sources, id)
            && !cited.iter().any(|c| c.id == s.id)
        {
            cited.push(s);
        }
    }
    if cited.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("## Sources\n\nThe sources this report cites, as the level lists them.\n\n");
    for s in cited {
        let mut line = format!("* \\[{}\\] {}", s.id, s.title);
        for part in [&s.publisher, &s.date].into_iter().flatten() {
            line.push_str(&format!(". {part}"));
        }
        if let Some(url) = &s.url {
            line.push_str(&format!(". <{url}>"));
        }
        if let Some(note) = &s.note {
            line.push_str(&format!(" (caution: {note})"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out
}
