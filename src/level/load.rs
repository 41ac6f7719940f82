//! Loading a level: read with size limits, parse, validate everything, and convert to a
//! [`Scenario`]. Every problem found is reported with its file, line and column.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;

use hexx::{Hex, HexLayout, Vec2};
use ron::extensions::Extensions;

use super::diag::{Diagnostic, unknown_hint};
use super::geo::{self, Projection};
use super::locate::{Locations, Position, locate};
use super::schema::{self, Pos};
use crate::sim::{
    self, Crossing, EdgeKey, Faction, FactionId, Goal, Map, Objective, OilField, Party, Patron,
    PatronId, Place, PlaceId, Scenario, SupplySource, Terrain, Unit, UnitId, map::MAX_MAP_SIDE,
    map::Tile, scenario::relation_key,
};

/// Largest level file accepted.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Longest string accepted, in bytes.
pub const MAX_STRING_BYTES: usize = 4096;
/// Most units in a level.
pub const MAX_UNITS: usize = 5000;
/// Most entries in any other list (places, fields, roads, …).
pub const MAX_ITEMS: usize = 5000;
/// Most factions (they are drawn in distinct colours and indexed by a byte).
pub const MAX_FACTIONS: usize = 16;
/// Most points in one line or road.
pub const MAX_LINE_POINTS: usize = 100_000;
/// Deepest nesting the parser follows.
pub const RECURSION_LIMIT: usize = 64;
/// Most problems reported for one file; the rest are counted.
const MAX_DIAGNOSTICS: usize = 100;

/// A level that loaded and validated, ready to play.
#[derive(Clone, Debug)]
pub struct LoadedLevel {
    /// The rules' view of the level.
    pub scenario: Scenario,
    /// The file as written (for sources, descriptions and the level's own coordinates).
    pub file: schema::Level,
    /// The map's projection, if it has one.
    pub projection: Option<Projection>,
}

/// Reads and loads a level file. The file name in diagnostics is `path` as given.
pub fn load_path(path: &Path) -> Result<LoadedLevel, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let fail = |message: String, hint: Option<&str>| {
        vec![Diagnostic {
            file: name.clone(),
            line: 1,
            col: 1,
            message,
            hint: hint.map(str::to_owned),
        }]
    };
    if path.is_dir() {
        return Err(fail(
            "this is a folder, not a level file".into(),
            Some("give one .ron file; `euphrates check FOLDER` checks every level in a folder"),
        ));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("cannot open the file: {e}"), Some("check the path")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the file: {e}"), None))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            format!("the file is larger than {} MiB", MAX_FILE_BYTES >> 20),
            Some("a level this large is almost certainly not a level file"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(
            format!(
                "the file is not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            Some("save the file as UTF-8"),
        )
    })?;
    load_str(&name, &text)
}

/// Says so when a file is plainly not a level (empty, a saved game, some other text), rather
/// than reporting the parser's first surprise.
fn not_a_level(text: &str) -> Option<(String, String)> {
    let start_hint = "a level is a RON file that starts `(format: 1, id: \"…\", …`; levels/tutorial.ron is a short example and docs/MODDING.md describes every field".to_owned();
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let code = code.trim_start();
    if code.is_empty() {
        return Some(("the file is empty".into(), start_hint));
    }
    if text.contains("euphrates_save:") {
        return Some((
            "this is a saved game, not a level".into(),
            "continue it with `euphrates play --load FILE`".into(),
        ));
    }
    let looks_like_ron = ["(", "#![", "Level", "/*"]
        .iter()
        .any(|p| code.starts_with(p));
    if !looks_like_ron {
        return Some(("this does not look like a level file".into(), start_hint));
    }
    None
}

/// Loads a level from text; `file` names it in diagnostics.
pub fn load_str(file: &str, text: &str) -> Result<LoadedLevel, Vec<Diagnostic>> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic {
            file: file.to_owned(),
            line: 1,
            col: 1,
            message: format!("the level is larger than {} MiB", MAX_FILE_BYTES >> 20),
            hint: None,
        }]);
    }
    if let Some((message, hint)) = not_a_level(text) {
        return Err(vec![Diagnostic {
            file: file.to_owned(),
            line: 1,
            col: 1,
            message,
            hint: Some(hint),
        }]);
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    let parsed: Result<schema::Level, _> = options.from_str(text);
    let loc = locate(text, MAX_STRING_BYTES);
    let level = match parsed {
        Ok(level) => level,
        Err(e) => return Err(vec![parse_diagnostic(file, &e, &loc)]),
    };
    let mut v = Validator {
        file: file.to_owned(),
        loc,
        diags: Vec::new(),
        suppressed: 0,
    };
    let scenario = v.level(&level);
    let projection = level.map.projection.map(projection_of);
    let long = std::mem::take(&mut v.loc.long_strings);
    for (path, pos, len) in long {
        v.push(
            pos,
            format!("a string of {len} bytes at `{path}`; at most {MAX_STRING_BYTES} are allowed"),
            Some("shorten it, or move long texts into several entries".into()),
        );
    }
    match scenario {
        Some(scenario) if v.diags.is_empty() => Ok(LoadedLevel {
            scenario,
            file: level,
            projection,
        }),
        _ => Err(v.finish()),
    }
}

fn projection_of(p: schema::Projection) -> Projection {
    Projection::new(
        p.origin.lat,
        p.origin.lon,
        p.hex_km,
        p.standard_parallel.unwrap_or(p.origin.lat),
    )
}

fn parse_diagnostic(file: &str, e: &ron::error::SpannedError, loc: &Locations) -> Diagnostic {
    use ron::Error as E;
    let (message, hint) = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown field `{found}`{}",
                outer.as_ref().map(|o| format!(" in {o}")).unwrap_or_default()
            ),
            Some(unknown_hint(found, expected.iter().copied())),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown {} `{found}`",
                outer.as_deref().unwrap_or("variant")
            ),
            Some(unknown_hint(found, expected.iter().copied())),
        ),
        E::MissingStructField { field, outer } => {
            let hint = Some(format!(
                "add `{field}: ...`; docs/MODDING.md describes every field"
            ));
            if outer.as_deref() == Some("Level") {
                // The parser notices at the level's closing bracket; point at its start,
                // where the top-level fields are.
                let start = loc.get("");
                return Diagnostic {
                    file: file.to_owned(),
                    line: start.line,
                    col: start.col,
                    message: format!("the level has no field `{field}`"),
                    hint,
                };
            }
            let what = outer.as_deref().unwrap_or("struct");
            (format!("the {what} that ends here has no field `{field}`"), hint)
        }
        E::DuplicateStructField { field, outer } => (
            format!(
                "field `{field}` is given twice{}",
                outer.as_ref().map(|o| format!(" in {o}")).unwrap_or_default()
            ),
            Some("remove one of them".into()),
        ),
        E::IntegerOutOfBounds => (
            "this number is out of range for the field".into(),
            Some("docs/MODDING.md gives each field's range (maps are at most 256 hexes a side, money is in millions of US dollars)".into()),
        ),
        E::ExceededRecursionLimit => (
            format!("values are nested more than {RECURSION_LIMIT} deep"),
            Some("a level never needs this much nesting; look for unbalanced brackets".into()),
        ),
        E::ExpectedComma => (
            "expected a comma".into(),
            Some("put a comma after the previous item: items in a list and fields of a struct are separated by commas".into()),
        ),
        E::Eof => (
            "the file ends too early".into(),
            Some("a bracket or a quote is probably not closed".into()),
        ),
        other => (other.to_string(), None),
    };
    Diagnostic {
        file: file.to_owned(),
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
        message,
        hint,
    }
}

struct Validator {
    file: String,
    loc: Locations,
    diags: Vec<Diagnostic>,
    suppressed: usize,
}

/// How positions map onto the hex grid.
struct Geometry {
    layout: HexLayout,
    projection: Option<Projection>,
}

fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

impl Validator {
    fn push(&mut self, pos: Position, message: String, hint: Option<String>) {
        if self.diags.len() >= MAX_DIAGNOSTICS {
            self.suppressed += 1;
            return;
        }
        self.diags.push(Diagnostic {
            file: self.file.clone(),
            line: pos.line,
            col: pos.col,
            message,
            hint,
        });
    }

    fn err(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        let pos = self.loc.get(path);
        self.push(pos, message.into(), hint);
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.diags.sort_by_key(|a| (a.line, a.col));
        if self.suppressed > 0 {
            let last = self.diags.last().cloned();
            if let Some(last) = last {
                self.diags.push(Diagnostic {
                    message: format!("{} more problems not shown", self.suppressed),
                    hint: Some("fix the ones above first".into()),
                    ..last
                });
            }
        }
        self.diags
    }

    fn check_id(&mut self, path: &str, id: &str) {
        if !valid_id(id) {
            self.err(
                path,
                format!("`{id}` is not a valid id"),
                Some("ids use lowercase letters, digits, `_` and `-` (at most 64)".into()),
            );
        }
    }

    /// Checks ids of a list for validity and duplicates; returns id → index.
    fn ids<'a>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> BTreeMap<String, usize> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            self.check_id(&path, id);
            if let Some(first) = seen.get(id) {
                let first_pos = self.loc.get(&format!("{list}[{first}].id"));
                self.err(
                    &path,
                    format!("duplicate id `{id}` in {list}"),
                    Some(format!(
                        "it is first defined at line {}; ids must be unique",
                        first_pos.line
                    )),
                );
            } else {
                seen.insert(id.to_owned(), i);
            }
        }
        seen
    }

    fn reference(
        &mut self,
        path: &str,
        what: &str,
        id: &str,
        known: &BTreeMap<String, usize>,
    ) -> Option<usize> {
        let found = known.get(id).copied();
        if found.is_none() {
            self.err(
                path,
                format!("unknown {what} `{id}`"),
                Some(unknown_hint(id, known.keys().map(String::as_str))),
            );
        }
        found
    }

    /// Briefings, historical events and articles: every source given, every id unique, every
    /// reference (`see_also`, `about`, a briefing's faction) resolving.
    fn teaching(
        &mut self,
        lv: &schema::Level,
        subjects: [(schema::ArticleKind, &BTreeMap<String, usize>); 4],
    ) {
        self.count("articles", "articles", lv.articles.len(), 1000);
        self.count("events", "historical events", lv.events.len(), 1000);
        let article_ids = self.ids("articles", lv.articles.iter().map(|a| a.id.as_str()));
        self.ids("events", lv.events.iter().map(|e| e.id.as_str()));
        let no_source = Some(
            "name where the facts come from, e.g. \"[S42] Reuters, 3 Nov 2017\"; teaching content is always sourced".to_owned(),
        );
        let see_also = |v: &mut Self, path: &str, list: &[String]| {
            for (k, id) in list.iter().enumerate() {
                v.reference(
                    &format!("{path}.see_also[{k}]"),
                    "article",
                    id,
                    &article_ids,
                );
            }
        };
        let factions = subjects[0].1;
        let mut briefed = BTreeMap::new();
        for (i, b) in lv.briefings.iter().enumerate() {
            let path = format!("briefings[{i}]");
            if let Some(f) =
                self.reference(&format!("{path}.faction"), "faction", &b.faction, factions)
            {
                if let Some(first) = briefed.insert(f, i) {
                    self.err(
                        &format!("{path}.faction"),
                        format!(
                            "`{}` already has a briefing (briefings[{first}])",
                            b.faction
                        ),
                        Some("one briefing per faction".into()),
                    );
                }
                if !lv.factions[f].playable {
                    self.err(
                        &format!("{path}.faction"),
                        format!(
                            "`{}` is not playable, so no one reads its briefing",
                            b.faction
                        ),
                        None,
                    );
                }
            }
            for (field, text) in [
                ("situation", &b.situation),
                ("aims", &b.aims),
                ("patrons", &b.patrons),
            ] {
                if text.trim().is_empty() {
                    self.err(
                        &format!("{path}.{field}"),
                        format!("the briefing's {field} is empty"),
                        None,
                    );
                }
            }
            if b.source.trim().is_empty() {
                self.err(
                    &format!("{path}.source"),
                    "the briefing has no source",
                    no_source.clone(),
                );
            }
            see_also(self, &path, &b.see_also);
        }
        for (i, e) in lv.events.iter().enumerate() {
            let path = format!("events[{i}]");
            self.check_id(&format!("{path}.id"), &e.id);
            if sim::Date::new(e.date.year, e.date.month, e.date.day).is_none() {
                self.err(&format!("{path}.date"), "not a calendar date", None);
            }
            if e.title.trim().is_empty() || e.text.trim().is_empty() {
                self.err(&path, "a historical event needs a title and a text", None);
            }
            if e.source.trim().is_empty() {
                self.err(
                    &format!("{path}.source"),
                    "the event has no source",
                    no_source.clone(),
                );
            }
            see_also(self, &path, &e.see_also);
        }
        for (i, a) in lv.articles.iter().enumerate() {
            let path = format!("articles[{i}]");
            self.check_id(&format!("{path}.id"), &a.id);
            if a.title.trim().is_empty() || a.text.trim().is_empty() {
                self.err(&path, "an article needs a title and a text", None);
            }
            if a.source.trim().is_empty() {
                self.err(
                    &format!("{path}.source"),
                    "the article has no source",
                    no_source.clone(),
                );
            }
            match (a.kind, &a.about) {
                (schema::ArticleKind::Concept, Some(_)) => self.err(
                    &format!("{path}.about"),
                    "a concept is not about one thing of the level",
                    Some("remove `about`, or use another kind".into()),
                ),
                (schema::ArticleKind::Concept, None) => {}
                (kind, None) => self.err(
                    &format!("{path}.kind"),
                    format!("an article of kind {kind:?} needs `about`: the id it describes"),
                    None,
                ),
                (kind, Some(id)) => {
                    if let Some((_, known)) = subjects.iter().find(|(k, _)| *k == kind) {
                        let what = match kind {
                            schema::ArticleKind::Faction => "faction",
                            schema::ArticleKind::Patron => "patron",
                            schema::ArticleKind::Place => "place",
                            _ => "oil field",
                        };
                        self.reference(&format!("{path}.about"), what, id, known);
                    }
                }
            }
            see_also(self, &path, &a.see_also);
        }
    }

    /// The effects of historical events, with every name resolved.
    fn history(
        &mut self,
        lv: &schema::Level,
        party_ids: &BTreeMap<String, usize>,
        parties: &[Party],
        faction_ids: &BTreeMap<String, usize>,
        patron_ids: &BTreeMap<String, usize>,
        support: &[sim::Support],
    ) -> Vec<sim::Dated> {
        let mut out = Vec::new();
        for (i, e) in lv.events.iter().enumerate() {
            let Some(date) = sim::Date::new(e.date.year, e.date.month, e.date.day) else {
                continue;
            };
            let mut effects = Vec::new();
            for (k, x) in e.effects.iter().enumerate() {
                let path = format!("events[{i}].effects[{k}]");
                match x {
                    schema::EffectSpec::OilPrice(p) => {
                        if !(1..=1000).contains(p) {
                            self.err(
                                &path,
                                format!("an oil price of ${p} a barrel"),
                                Some("give 1..=1000 US dollars a barrel".into()),
                            );
                        } else {
                            effects.push(sim::Effect::OilPrice(*p));
                        }
                    }
                    schema::EffectSpec::Tension { a, b, change } => {
                        let pa =
                            self.reference(&format!("{path}.a"), "faction or patron", a, party_ids);
                        let pb =
                            self.reference(&format!("{path}.b"), "faction or patron", b, party_ids);
                        if !(-100..=100).contains(change) {
                            self.err(
                                &format!("{path}.change"),
                                "a tension change must be -100..=100",
                                None,
                            );
                        } else if let (Some(pa), Some(pb)) = (pa, pb) {
                            if pa == pb {
                                self.err(&path, "tension needs two different parties", None);
                            } else {
                                effects.push(sim::Effect::Tension(
                                    parties[pa],
                                    parties[pb],
                                    *change,
                                ));
                            }
                        }
                    }
                    schema::EffectSpec::Support {
                        patron,
                        faction,
                        points,
                    } => {
                        let p =
                            self.reference(&format!("{path}.patron"), "patron", patron, patron_ids);
                        let f = self.reference(
                            &format!("{path}.faction"),
                            "faction",
                            faction,
                            faction_ids,
                        );
                        if let (Some(p), Some(f)) = (p, f) {
                            match support.iter().position(|s| {
                                s.patron == PatronId(p as u8) && s.faction == FactionId(f as u8)
                            }) {
                                Some(idx) if *points <= 1000 => {
                                    effects.push(sim::Effect::Support {
                                        support: idx as u16,
                                        points: *points,
                                    })
                                }
                                Some(_) => self.err(
                                    &format!("{path}.points"),
                                    "at most 1,000 points",
                                    None,
                                ),
                                None => self.err(
                                    &path,
                                    format!("`{patron}` does not support `{faction}`"),
                                    Some("add a `support` entry for the pair first".into()),
                                ),
                            }
                        }
                    }
                }
            }
            if !effects.is_empty() {
                out.push(sim::Dated { date, effects });
            }
        }
        out.sort_by_key(|d| d.date);
        out
    }

    fn count(&mut self, path: &str, what: &str, n: usize, max: usize) -> bool {
        if n > max {
            self.err(path, format!("{n} {what}; at most {max} are allowed"), None);
            false
        } else {
            true
        }
    }

    /// The hex of a position, or a diagnostic when it cannot be placed on the map.
    fn hex(&mut self, map: &Map, g: &Geometry, path: &str, pos: &Pos) -> Option<Hex> {
        let (w, h) = (map.width(), map.height());
        match *pos {
            Pos::Hex(c, r) => {
                let hex = map.hex_at(c, r);
                if map.contains(hex) {
                    Some(hex)
                } else {
                    self.err(
                        path,
                        format!("Hex({c}, {r}) is off the map"),
                        Some(format!(
                            "the map is {w}×{h}: columns 0..={}, rows 0..={}",
                            w - 1,
                            h - 1
                        )),
                    );
                    None
                }
            }
            Pos::LatLon(lat, lon) => {
                let Some(p) = g.projection else {
                    self.err(
                        path,
                        "a LatLon position needs a map projection",
                        Some("add `projection: (origin: (lat: .., lon: ..), hex_km: ..)` to the map, or use Hex(column, row)".into()),
                    );
                    return None;
                };
                if !(lat.is_finite()
                    && lon.is_finite()
                    && (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon))
                {
                    self.err(
                        path,
                        format!("LatLon({lat}, {lon}) is not a valid latitude/longitude"),
                        Some(
                            "latitude is -90..=90, longitude -180..=180, in decimal degrees".into(),
                        ),
                    );
                    return None;
                }
                let hex = g.layout.world_pos_to_hex(p.world(lat, lon));
                if map.contains(hex) {
                    Some(hex)
                } else {
                    let [c, r] = map.offset_of(hex);
                    self.err(
                        path,
                        format!("LatLon({lat}, {lon}) lies off the map (it would be column {c}, row {r})"),
                        Some(format!("the map is {w}×{h} hexes; enlarge it or move the origin")),
                    );
                    None
                }
            }
        }
    }

    fn world(&mut self, map: &Map, g: &Geometry, path: &str, pos: &Pos) -> Option<Vec2> {
        let hex = self.hex(map, g, path, pos)?;
        Some(match (*pos, g.projection) {
            (Pos::LatLon(lat, lon), Some(p)) => p.world(lat, lon),
            _ => g.layout.hex_to_world_pos(hex),
        })
    }

    /// The agreements: parties, and the line's edges or the zone's hexes.
    fn agreements(
        &mut self,
        lv: &schema::Level,
        map: &Map,
        g: &Geometry,
        faction_ids: &BTreeMap<String, usize>,
    ) -> Vec<sim::Agreement> {
        self.count("agreements", "agreements", lv.agreements.len(), 64);
        let _ = self.ids("agreements", lv.agreements.iter().map(|a| a.id.as_str()));
        let mut out = Vec::new();
        for (i, a) in lv.agreements.iter().enumerate().take(64) {
            let path = format!("agreements[{i}]");
            let x = self.reference(
                &format!("{path}.parties.0"),
                "faction",
                &a.parties.0,
                faction_ids,
            );
            let y = self.reference(
                &format!("{path}.parties.1"),
                "faction",
                &a.parties.1,
                faction_ids,
            );
            if x.is_some() && x == y {
                self.err(
                    &format!("{path}.parties.1"),
                    "an agreement needs two different factions",
                    None,
                );
            }
            let kind = match &a.kind {
                schema::AgreementKind::Deconfliction(line) => {
                    let mut edges: Vec<EdgeKey> = self
                        .line_edges(map, g, &format!("{path}.kind.0"), &line.path, &line.edges)
                        .into_iter()
                        .map(|(p, q)| EdgeKey::new(p, q))
                        .collect();
                    edges.sort();
                    edges.dedup();
                    if edges.is_empty() {
                        self.err(
                            &format!("{path}.kind"),
                            format!("the line of `{}` has no edges", a.id),
                            Some("give a `path` of at least two points or some `edges`".into()),
                        );
                    }
                    sim::AgreementKind::Deconfliction { edges }
                }
                schema::AgreementKind::NoStrike { center, radius } => {
                    if *radius > 64 {
                        self.err(
                            &format!("{path}.kind.radius"),
                            format!("radius {radius} is more than 64 hexes"),
                            None,
                        );
                    }
                    let r = i32::from((*radius).min(64));
                    let mut hexes = Vec::new();
                    if let Some(c) = self.hex(map, g, &format!("{path}.kind.center"), center) {
                        for h in hexx::shapes::hexagon(c, r as u32) {
                            if map.contains(h) {
                                hexes.push(h);
                            }
                        }
                    }
                    hexes.sort_by_key(|h| (h.x, h.y));
                    sim::AgreementKind::NoStrike { hexes }
                }
            };
            if let (Some(x), Some(y)) = (x, y) {
                out.push(sim::Agreement {
                    key: a.id.clone(),
                    name: a.name.clone(),
                    kind,
                    parties: (FactionId(x as u8), FactionId(y as u8)),
                });
            }
        }
        out
    }

    /// What patrons give factions.
    fn support(
        &mut self,
        lv: &schema::Level,
        faction_ids: &BTreeMap<String, usize>,
        patron_ids: &BTreeMap<String, usize>,
    ) -> Vec<sim::Support> {
        self.count("support", "support entries", lv.support.len(), 256);
        let mut out: Vec<sim::Support> = Vec::new();
        for (i, s) in lv.support.iter().enumerate().take(256) {
            let path = format!("support[{i}]");
            let p = self.reference(&format!("{path}.patron"), "patron", &s.patron, patron_ids);
            let f = self.reference(
                &format!("{path}.faction"),
                "faction",
                &s.faction,
                faction_ids,
            );
            if s.points > 1000 || s.fuel > 1000 || s.money > 1_000_000 {
                self.err(
                    &path,
                    "support is out of range",
                    Some("points and fuel are at most 1,000 a turn, money at most 1,000,000 (thousand dollars)".into()),
                );
            }
            let reinforcements = s
                .offers
                .iter()
                .filter(|o| matches!(o, sim::Request::Reinforcements(_)))
                .count();
            if reinforcements > 1 {
                self.err(
                    &format!("{path}.offers"),
                    "more than one kind of reinforcements is offered",
                    Some("a patron sends one kind of unit to a faction".into()),
                );
            }
            let (Some(p), Some(f)) = (p, f) else { continue };
            let (patron, faction) = (PatronId(p as u8), FactionId(f as u8));
            if out
                .iter()
                .any(|x| x.patron == patron && x.faction == faction)
            {
                self.err(
                    &path,
                    format!(
                        "support from `{}` to `{}` is given twice",
                        s.patron, s.faction
                    ),
                    Some("give one entry per patron and faction".into()),
                );
                continue;
            }
            if !lv.factions[f].patrons.contains(&s.patron) {
                self.err(
                    &format!("{path}.patron"),
                    format!("`{}` is not a patron of `{}`", s.patron, s.faction),
                    Some(format!("add \"{}\" to the faction's `patrons`", s.patron)),
                );
            }
            out.push(sim::Support {
                patron,
                faction,
                points: s.points.min(1000),
                money: s.money.min(1_000_000),
                fuel: s.fuel.min(1000),
                offers: s.offers.clone(),
            });
        }
        out
    }

    /// Edges of a line given by a polyline and/or explicit pairs.
    fn line_edges(
        &mut self,
        map: &Map,
        g: &Geometry,
        path: &str,
        points: &[Pos],
        pairs: &[(Pos, Pos)],
    ) -> Vec<(Hex, Hex)> {
        let mut out = Vec::new();
        if !self.count(
            &format!("{path}.path"),
            "points",
            points.len(),
            MAX_LINE_POINTS,
        ) || !self.count(
            &format!("{path}.edges"),
            "edges",
            pairs.len(),
            MAX_LINE_POINTS,
        ) {
            return out;
        }
        let world: Vec<Option<Vec2>> = points
            .iter()
            .enumerate()
            .map(|(i, p)| self.world(map, g, &format!("{path}.path[{i}]"), p))
            .collect();
        if world.iter().all(Option::is_some) {
            let pts: Vec<Vec2> = world.into_iter().flatten().collect();
            if pts.len() == 1 {
                self.err(
                    &format!("{path}.path"),
                    "a line needs at least two points",
                    None,
                );
            }
            out.extend(geo::edge_line(&g.layout, &pts));
        }
        for (i, (a, b)) in pairs.iter().enumerate() {
            let pa = format!("{path}.edges[{i}].0");
            let pb = format!("{path}.edges[{i}].1");
            if let (Some(ha), Some(hb)) = (self.hex(map, g, &pa, a), self.hex(map, g, &pb, b)) {
                if ha.unsigned_distance_to(hb) == 1 {
                    out.push((ha, hb));
                } else {
                    self.err(
                        &format!("{path}.edges[{i}]"),
                        "the two hexes of an edge must be neighbours",
                        Some("an edge is the side shared by two touching hexes".into()),
                    );
                }
            }
        }
        if points.is_empty() && pairs.is_empty() {
            self.err(
                path,
                "the line has neither `path` nor `edges`",
                Some("give a `path` of points, or `edges` as pairs of neighbouring hexes".into()),
            );
        }
        out
    }

    fn level(&mut self, lv: &schema::Level) -> Option<Scenario> {
        if lv.format != 1 {
            self.err(
                "format",
                format!("unsupported level format {}", lv.format),
                Some("this version of Euphrates reads `format: 1`".into()),
            );
        }
        self.check_id("id", &lv.id);
        let start = sim::Date::new(lv.start.year, lv.start.month, lv.start.day);
        if start.is_none() {
            self.err(
                "start",
                format!(
                    "{}-{:02}-{:02} is not a calendar date",
                    lv.start.year, lv.start.month, lv.start.day
                ),
                None,
            );
        }
        if !(1..=30).contains(&lv.days_per_turn) {
            self.err("days_per_turn", "days_per_turn must be 1..=30", None);
        }
        if !(1..=500).contains(&lv.turns) {
            self.err("turns", "turns must be 1..=500", None);
        }
        let mut map = self.map(&lv.map)?;
        let projection = lv.map.projection.and_then(|p| {
            let o = p.origin;
            let ok = p.hex_km.is_finite()
                && (0.5..=100.0).contains(&p.hex_km)
                && (-85.0..=85.0).contains(&o.lat)
                && (-180.0..=180.0).contains(&o.lon)
                && p.standard_parallel
                    .is_none_or(|l| (-85.0..=85.0).contains(&l));
            if !ok {
                self.err(
                    "map.projection",
                    "invalid projection",
                    Some("hex_km is 0.5..=100; latitudes -85..=85; longitude -180..=180".into()),
                );
            }
            ok.then(|| projection_of(p))
        });
        let g = Geometry {
            layout: map.layout(),
            projection,
        };
        self.countries(lv, &mut map, &g);
        self.rivers(lv, &mut map, &g);
        self.roads(lv, &mut map, &g);

        // Patrons and factions.
        self.count("patrons", "patrons", lv.patrons.len(), 64);
        let patron_ids = self.ids("patrons", lv.patrons.iter().map(|p| p.id.as_str()));
        self.count("factions", "factions", lv.factions.len(), MAX_FACTIONS);
        if lv.factions.is_empty() {
            self.err("factions", "a level needs at least one faction", None);
        }
        let faction_ids = self.ids("factions", lv.factions.iter().map(|f| f.id.as_str()));
        let mut factions = Vec::new();
        for (i, f) in lv.factions.iter().enumerate().take(MAX_FACTIONS) {
            let color = parse_color(&f.color).unwrap_or_else(|| {
                self.err(
                    &format!("factions[{i}].color"),
                    format!("`{}` is not a colour", f.color),
                    Some("write colours as \"#rrggbb\", e.g. \"#c83232\"".into()),
                );
                [128, 128, 128]
            });
            let patrons = f
                .patrons
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    self.reference(
                        &format!("factions[{i}].patrons[{k}]"),
                        "patron",
                        p,
                        &patron_ids,
                    )
                    .map(|x| PatronId(x as u8))
                })
                .collect();
            factions.push(Faction {
                key: f.id.clone(),
                name: f.name.clone(),
                color,
                playable: f.playable,
                patrons,
                treasury: f.treasury,
                oil_access: f.oil_access.min(100),
                tax: f.tax,
                funding: f.funding,
                fuel: f.fuel,
                negotiates: f.negotiates,
            });
        }
        if !lv.factions.is_empty() && !lv.factions.iter().any(|f| f.playable) {
            self.err(
                "factions",
                "no faction is playable",
                Some("set `playable: true` on at least one faction".into()),
            );
        }
        for (i, f) in lv.factions.iter().enumerate() {
            if f.oil_access > 100 {
                self.err(
                    &format!("factions[{i}].oil_access"),
                    format!("oil_access {} is more than 100 %", f.oil_access),
                    Some("it is the share of the oil price the faction gets, 0..=100".into()),
                );
            }
        }
        let fid = |x: usize| FactionId(x as u8);

        // Factions and patrons share one namespace in relations.
        let mut party_ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut parties = Vec::new();
        for (i, f) in lv.factions.iter().enumerate() {
            party_ids.insert(f.id.clone(), parties.len());
            parties.push(Party::Faction(fid(i)));
        }
        for (i, p) in lv.patrons.iter().enumerate() {
            if faction_ids.contains_key(&p.id) {
                self.err(
                    &format!("patrons[{i}].id"),
                    format!("`{}` is the id of a faction and of a patron", p.id),
                    Some(
                        "relations name factions and patrons alike: give them different ids".into(),
                    ),
                );
                continue;
            }
            party_ids.insert(p.id.clone(), parties.len());
            parties.push(Party::Patron(PatronId(i as u8)));
        }
        let mut relations = BTreeMap::new();
        for (i, r) in lv.relations.iter().enumerate() {
            let p = format!("relations[{i}]");
            let a = self.reference(&format!("{p}.a"), "faction or patron", &r.a, &party_ids);
            let b = self.reference(&format!("{p}.b"), "faction or patron", &r.b, &party_ids);
            if r.tension > sim::entities::MAX_TENSION {
                self.err(
                    &format!("{p}.tension"),
                    format!(
                        "tension {} is more than {}",
                        r.tension,
                        sim::entities::MAX_TENSION
                    ),
                    Some("tension runs from 0 (calm) to 100".into()),
                );
            }
            if let (Some(a), Some(b)) = (a, b) {
                let rel = sim::Relation {
                    stance: r.stance,
                    tension: r.tension.min(sim::entities::MAX_TENSION),
                };
                if a == b {
                    self.err(
                        &format!("{p}.b"),
                        "a faction or patron cannot have a relation with itself",
                        None,
                    );
                } else if relations
                    .insert(relation_key(parties[a], parties[b]), rel)
                    .is_some()
                {
                    self.err(
                        &p,
                        format!(
                            "the relation between `{}` and `{}` is given twice",
                            r.a, r.b
                        ),
                        None,
                    );
                }
            }
        }

        let mut control: Vec<Option<FactionId>> = vec![None; map.len()];
        if let Some(c) = &lv.control {
            self.control_grid(c, &map, &faction_ids, &mut control);
        }

        // Places and fields.
        self.count("places", "places", lv.places.len(), MAX_ITEMS);
        let place_ids = self.ids("places", lv.places.iter().map(|p| p.id.as_str()));
        let mut places = Vec::new();
        let mut place_at: HashMap<(i32, i32), usize> = HashMap::new();
        for (i, p) in lv.places.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("places[{i}]");
            let hex = self.hex(&map, &g, &format!("{path}.at"), &p.at);
            let holder = p.holder.as_ref().and_then(|h| {
                self.reference(&format!("{path}.holder"), "faction", h, &faction_ids)
            });
            if let Some(hex) = hex {
                if let Some(&j) = place_at.get(&(hex.x, hex.y)) {
                    let [c, r] = map.offset_of(hex);
                    self.err(
                        &format!("{path}.at"),
                        format!("`{}` falls on the same hex as `{}` (column {c}, row {r})", p.id, lv.places[j].id),
                        Some("two places cannot share a hex: move one to a neighbouring hex, or use smaller hexes".into()),
                    );
                } else {
                    place_at.insert((hex.x, hex.y), i);
                }
                if map.terrain(hex) == Some(Terrain::Water) {
                    self.err(
                        &format!("{path}.at"),
                        format!("`{}` is on water", p.id),
                        Some("move it onto land".into()),
                    );
                }
                if let (Some(h), Some(ix)) = (holder, map.index(hex)) {
                    control[ix] = Some(fid(h));
                }
            }
            places.push(Place {
                key: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                hex: hex.unwrap_or_default(),
                population: p.population,
                points: p.points,
            });
        }
        self.count("oil_fields", "oil fields", lv.oil_fields.len(), MAX_ITEMS);
        let field_ids = self.ids("oil_fields", lv.oil_fields.iter().map(|f| f.id.as_str()));
        let mut fields = Vec::new();
        let mut field_at: HashMap<(i32, i32), usize> = HashMap::new();
        for (i, f) in lv.oil_fields.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("oil_fields[{i}]");
            let hex = self.hex(&map, &g, &format!("{path}.at"), &f.at);
            let holder = f.holder.as_ref().and_then(|h| {
                self.reference(&format!("{path}.holder"), "faction", h, &faction_ids)
            });
            if let Some(hex) = hex {
                if let Some(&j) = field_at.get(&(hex.x, hex.y)) {
                    self.err(
                        &format!("{path}.at"),
                        format!(
                            "`{}` falls on the same hex as `{}`",
                            f.id, lv.oil_fields[j].id
                        ),
                        Some("merge the two fields or move one".into()),
                    );
                } else {
                    field_at.insert((hex.x, hex.y), i);
                }
                if let (Some(h), Some(ix)) = (holder, map.index(hex)) {
                    control[ix] = Some(fid(h));
                }
            }
            fields.push(OilField {
                key: f.id.clone(),
                name: f.name.clone(),
                kind: f.kind,
                hex: hex.unwrap_or_default(),
                output: f.output,
            });
        }

        // Units.
        let units_ok = self.count("units", "units", lv.units.len(), MAX_UNITS);
        self.ids("units", lv.units.iter().map(|u| u.id.as_str()));
        let mut units = Vec::new();
        let mut unit_at: HashMap<(i32, i32), usize> = HashMap::new();
        for (i, u) in lv
            .units
            .iter()
            .enumerate()
            .take(if units_ok { MAX_UNITS } else { 0 })
        {
            let path = format!("units[{i}]");
            let owner = self.reference(&format!("{path}.owner"), "faction", &u.owner, &faction_ids);
            let hex = self.hex(&map, &g, &format!("{path}.at"), &u.at);
            if !(1..=sim::entities::MAX_STRENGTH).contains(&u.strength) {
                self.err(
                    &format!("{path}.strength"),
                    format!("strength {} is out of range", u.strength),
                    Some("strength is 1..=100 (about a hundred fighters a point)".into()),
                );
            }
            if u.morale > sim::entities::MAX_MORALE {
                self.err(
                    &format!("{path}.morale"),
                    format!("morale {} is out of range", u.morale),
                    Some("morale is 0..=100".into()),
                );
            }
            if let Some(hex) = hex {
                if let Some(t) = map.terrain(hex).filter(|t| !t.passable()) {
                    let [c, r] = map.offset_of(hex);
                    self.err(
                        &format!("{path}.at"),
                        format!(
                            "unit `{}` stands on {} (column {c}, row {r})",
                            u.id,
                            t.name()
                        ),
                        Some("units cannot stand on impassable terrain; move it to land".into()),
                    );
                }
                if let Some(&j) = unit_at.get(&(hex.x, hex.y)) {
                    self.err(
                        &format!("{path}.at"),
                        format!("unit `{}` is on the same hex as `{}`", u.id, lv.units[j].id),
                        Some("one unit per hex: move it to a neighbouring hex".into()),
                    );
                } else {
                    unit_at.insert((hex.x, hex.y), i);
                }
                if let (Some(o), Some(ix)) = (owner, map.index(hex)) {
                    control[ix] = Some(fid(o));
                }
            }
            units.push(Unit {
                id: UnitId(i as u32),
                key: u.id.clone(),
                name: u.name.clone(),
                kind: u.kind,
                owner: fid(owner.unwrap_or(0)),
                hex: hex.unwrap_or_default(),
                strength: u.strength.min(sim::entities::MAX_STRENGTH),
                morale: u.morale.min(sim::entities::MAX_MORALE),
                experience: u.experience,
                movement_left: u.kind.movement(),
                has_attacked: false,
                supply: Default::default(),
                full_strength: u.strength.min(sim::entities::MAX_STRENGTH),
                no_fuel: false,
                dug_in: u.dug_in,
                moved: false,
            });
        }

        self.count("objectives", "objectives", lv.objectives.len(), MAX_ITEMS);
        self.ids("objectives", lv.objectives.iter().map(|o| o.id.as_str()));
        let mut objectives = Vec::new();
        for (i, o) in lv.objectives.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("objectives[{i}]");
            let f = self.reference(
                &format!("{path}.faction"),
                "faction",
                &o.faction,
                &faction_ids,
            );
            let mut place = |k: usize, id: &str| {
                self.reference(&format!("{path}.goal.{k}"), "place", id, &place_ids)
                    .map(|p| PlaceId(p as u16))
            };
            let goal = match &o.goal {
                schema::Goal::Hold(p) => place(0, p).map(Goal::Hold),
                schema::Goal::Route(a, b) => match (place(0, a), place(1, b)) {
                    (Some(a), Some(b)) => Some(Goal::Route(a, b)),
                    _ => None,
                },
                schema::Goal::HoldField(id) => self
                    .reference(&format!("{path}.goal.0"), "oil field", id, &field_ids)
                    .map(|f| Goal::HoldField(f as u16)),
                schema::Goal::Survive => Some(Goal::Survive),
            };
            let by = o.by.and_then(|d| {
                let date = sim::Date::new(d.year, d.month, d.day);
                match (date, start) {
                    (None, _) => {
                        self.err(
                            &format!("{path}.by"),
                            format!(
                                "{}-{:02}-{:02} is not a calendar date",
                                d.year, d.month, d.day
                            ),
                            None,
                        );
                        None
                    }
                    (Some(date), Some(start)) if date < start => {
                        self.err(
                            &format!("{path}.by"),
                            "the deadline is before the level's start",
                            Some(format!("the level starts on {start}")),
                        );
                        None
                    }
                    (date, _) => date,
                }
            });
            if let (Some(f), Some(goal)) = (f, goal) {
                objectives.push(Objective {
                    key: o.id.clone(),
                    faction: fid(f),
                    goal,
                    points: o.points,
                    description: o.description.clone(),
                    by,
                });
            }
        }

        let mut supply_sources = Vec::new();
        self.count(
            "supply_sources",
            "supply sources",
            lv.supply_sources.len(),
            MAX_ITEMS,
        );
        for (i, src) in lv.supply_sources.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("supply_sources[{i}]");
            let f = self.reference(
                &format!("{path}.faction"),
                "faction",
                &src.faction,
                &faction_ids,
            );
            let hex = self.hex(&map, &g, &format!("{path}.at"), &src.at);
            if let Some(hex) = hex
                && map.terrain(hex) == Some(Terrain::Water)
            {
                self.err(
                    &format!("{path}.at"),
                    format!("supply source `{}` is on water", src.name),
                    Some("move it onto land".into()),
                );
            }
            if let (Some(f), Some(hex)) = (f, hex) {
                supply_sources.push(SupplySource {
                    faction: fid(f),
                    name: src.name.clone(),
                    kind: src.kind,
                    hex,
                });
            }
        }

        let mut patrons = Vec::new();
        for (i, p) in lv.patrons.iter().enumerate() {
            let wants = p
                .wants
                .iter()
                .enumerate()
                .filter_map(|(k, w)| {
                    self.reference(
                        &format!("patrons[{i}].wants[{k}]"),
                        "oil field",
                        w,
                        &field_ids,
                    )
                    .map(|x| x as u16)
                })
                .collect();
            let oil_campaign = p.oil_campaign.as_ref().and_then(|f| {
                self.reference(
                    &format!("patrons[{i}].oil_campaign"),
                    "faction",
                    f,
                    &faction_ids,
                )
                .map(fid)
            });
            patrons.push(Patron {
                key: p.id.clone(),
                name: p.name.clone(),
                wants,
                oil_campaign,
            });
        }
        let agreements = self.agreements(lv, &map, &g, &faction_ids);
        let support = self.support(lv, &faction_ids, &patron_ids);
        let history = self.history(
            lv,
            &party_ids,
            &parties,
            &faction_ids,
            &patron_ids,
            &support,
        );
        self.teaching(
            lv,
            [
                (schema::ArticleKind::Faction, &faction_ids),
                (schema::ArticleKind::Patron, &patron_ids),
                (schema::ArticleKind::Place, &place_ids),
                (schema::ArticleKind::OilField, &field_ids),
            ],
        );

        Some(Scenario {
            history,
            id: lv.id.clone(),
            name: lv.name.clone(),
            map,
            factions,
            patrons,
            relations,
            agreements,
            support,
            units,
            places,
            oil_fields: fields,
            objectives,
            supply_sources,
            control,
            start: start.unwrap_or(sim::Date {
                year: 2017,
                month: 1,
                day: 1,
            }),
            days_per_turn: lv.days_per_turn,
            oil_price: lv.oil_price,
            upkeep_percent: lv.upkeep_percent.min(1000),
            turns: lv.turns,
        })
    }

    /// Position of character `k` of the string at `path` (which starts with its quote).
    fn char_pos(&self, path: &str, k: usize) -> Position {
        let p = self.loc.get(path);
        Position {
            line: p.line,
            col: p.col + 1 + k,
        }
    }

    fn map(&mut self, m: &schema::Map) -> Option<Map> {
        let side = 1..=MAX_MAP_SIDE;
        if !side.contains(&m.width) || !side.contains(&m.height) {
            self.err(
                if side.contains(&m.width) {
                    "map.height"
                } else {
                    "map.width"
                },
                format!("a map of {}×{} hexes", m.width, m.height),
                Some(format!("width and height are 1..={MAX_MAP_SIDE}")),
            );
            return None;
        }
        let mut map = Map::new(m.width, m.height, m.orientation, Terrain::Desert);
        if m.terrain.len() != m.height as usize {
            self.err(
                "map.terrain",
                format!(
                    "{} terrain rows for a map {} rows high",
                    m.terrain.len(),
                    m.height
                ),
                Some("give exactly one string per row".into()),
            );
        }
        let legend_keys: String = m.legend.keys().map(|c| format!("'{c}' ")).collect();
        for (r, row) in m.terrain.iter().enumerate().take(m.height as usize) {
            let path = format!("map.terrain[{r}]");
            let n = row.chars().count();
            if n != m.width as usize {
                self.err(
                    &path,
                    format!("row {r} has {n} hexes; the map is {} wide", m.width),
                    Some("every row has one character per column".into()),
                );
            }
            for (c, ch) in row.chars().enumerate().take(m.width as usize) {
                match m.legend.get(&ch) {
                    Some(t) => map.set_tile(
                        map.hex_at(c as i32, r as i32),
                        Tile {
                            terrain: *t,
                            country: None,
                        },
                    ),
                    None => {
                        let pos = self.char_pos(&path, c);
                        self.push(
                            pos,
                            format!("unknown terrain character '{ch}' (row {r}, column {c})"),
                            Some(format!("the legend defines {}", legend_keys.trim_end())),
                        );
                    }
                }
            }
        }
        Some(map)
    }

    fn countries(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if lv.countries.is_empty() {
            if !lv.borders.is_empty() {
                self.err(
                    "borders",
                    "borders are given but no countries",
                    Some("add `countries` with a seed position inside each".into()),
                );
            }
            return;
        }
        if !self.count("countries", "countries", lv.countries.len(), 64) {
            return;
        }
        self.ids("countries", lv.countries.iter().map(|c| c.id.as_str()));
        let mut border: BTreeSet<EdgeKey> = BTreeSet::new();
        for (i, b) in lv.borders.iter().enumerate().take(MAX_ITEMS) {
            for (a, c) in self.line_edges(map, g, &format!("borders[{i}]"), &b.path, &b.edges) {
                border.insert(EdgeKey::new(a, c));
            }
        }
        let seeds: Vec<Option<Hex>> = lv
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| self.hex(map, g, &format!("countries[{i}].seed"), &c.seed))
            .collect();
        let mut owner: Vec<Option<usize>> = vec![None; map.len()];
        for (ci, seed) in seeds.iter().enumerate() {
            let Some(seed) = *seed else { continue };
            let Some(si) = map.index(seed) else { continue };
            if let Some(other) = owner[si] {
                self.err(
                    &format!("countries[{ci}].seed"),
                    format!(
                        "the borders do not separate `{}` from `{}`",
                        lv.countries[ci].id, lv.countries[other].id
                    ),
                    Some("a border must run from map edge to map edge (or close on itself) between the two seeds".into()),
                );
                continue;
            }
            let mut stack = vec![seed];
            owner[si] = Some(ci);
            while let Some(h) = stack.pop() {
                for n in map.neighbors(h).collect::<Vec<_>>() {
                    let Some(ni) = map.index(n) else { continue };
                    if owner[ni].is_none() && !border.contains(&EdgeKey::new(h, n)) {
                        owner[ni] = Some(ci);
                        stack.push(n);
                    }
                }
            }
        }
        map.countries = lv
            .countries
            .iter()
            .map(|c| sim::map::Country {
                key: c.id.clone(),
                name: c.name.clone(),
            })
            .collect();
        for (i, o) in owner.iter().enumerate() {
            let hex = map.hex_of_index(i);
            if let Some(t) = map.tile(hex).copied() {
                map.set_tile(
                    hex,
                    Tile {
                        country: o.map(|c| c as u8),
                        ..t
                    },
                );
            }
        }
    }

    fn rivers(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if !self.count("rivers", "rivers", lv.rivers.len(), 256) {
            return;
        }
        let river_ids = self.ids("rivers", lv.rivers.iter().map(|r| r.id.as_str()));
        for (i, r) in lv.rivers.iter().enumerate() {
            let index = map.add_river(&r.id, &r.name);
            for (a, b) in self.line_edges(map, g, &format!("rivers[{i}]"), &r.path, &r.edges) {
                map.add_river_edge(a, b, index);
            }
        }
        self.count("crossings", "crossings", lv.crossings.len(), MAX_ITEMS);
        for (i, c) in lv.crossings.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("crossings[{i}]");
            let Some(ri) = self.reference(&format!("{path}.river"), "river", &c.river, &river_ids)
            else {
                continue;
            };
            let Some(at) = self.world(map, g, &format!("{path}.at"), &c.at) else {
                continue;
            };
            let edge = if let Some(across) = &c.across {
                let a = g.layout.world_pos_to_hex(at);
                let Some(b) = self.hex(map, g, &format!("{path}.across"), across) else {
                    continue;
                };
                let on_river = map
                    .river_between(a, b)
                    .is_some_and(|e| usize::from(e.river) == ri);
                if !on_river {
                    self.err(
                        &format!("{path}.across"),
                        format!("the {} does not run between these two hexes", lv.rivers[ri].name),
                        Some("`at` and `across` must be neighbouring hexes on either side of the river".into()),
                    );
                    continue;
                }
                EdgeKey::new(a, b)
            } else {
                let nearest = map
                    .river_edges()
                    .filter(|(_, e)| usize::from(e.river) == ri)
                    .map(|(k, _)| {
                        let (a, b) = k.hexes();
                        let mid =
                            (g.layout.hex_to_world_pos(a) + g.layout.hex_to_world_pos(b)) / 2.0;
                        (mid.distance(at), k)
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                match nearest {
                    // Two hex radii: a crossing placed by coordinates may sit a little off
                    // the snapped river line, but no farther.
                    Some((d, k)) if d <= 2.0 => k,
                    _ => {
                        self.err(
                            &format!("{path}.at"),
                            format!(
                                "no edge of the {} lies near `{}`",
                                lv.rivers[ri].name, c.name
                            ),
                            Some(
                                "put the crossing on the river, or give `across` to name the edge"
                                    .into(),
                            ),
                        );
                        continue;
                    }
                }
            };
            map.set_crossing(
                edge,
                Crossing {
                    name: c.name.clone(),
                    kind: c.kind,
                },
            );
        }
    }

    fn roads(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if !self.count("roads", "roads", lv.roads.len(), MAX_ITEMS) {
            return;
        }
        for (i, r) in lv.roads.iter().enumerate() {
            let path = format!("roads[{i}]");
            if !self.count(
                &format!("{path}.path"),
                "points",
                r.path.len(),
                MAX_LINE_POINTS,
            ) {
                continue;
            }
            if r.path.len() < 2 {
                self.err(
                    &format!("{path}.path"),
                    "a road needs at least two points",
                    None,
                );
                continue;
            }
            let pts: Vec<Option<Vec2>> = r
                .path
                .iter()
                .enumerate()
                .map(|(k, p)| self.world(map, g, &format!("{path}.path[{k}]"), p))
                .collect();
            if pts.iter().any(Option::is_none) {
                continue;
            }
            let pts: Vec<Vec2> = pts.into_iter().flatten().collect();
            let chain = geo::hex_chain(&g.layout, &pts);
            for w in chain.windows(2) {
                map.add_road(w[0], w[1]);
            }
        }
    }

    fn control_grid(
        &mut self,
        c: &schema::Control,
        map: &Map,
        factions: &BTreeMap<String, usize>,
        control: &mut [Option<FactionId>],
    ) {
        let mut legend: BTreeMap<char, Option<usize>> = BTreeMap::new();
        for (ch, f) in &c.legend {
            let path = format!("control.legend{{'{ch}'}}");
            legend.insert(*ch, self.reference(&path, "faction", f, factions));
        }
        if c.rows.len() != map.height() as usize {
            self.err(
                "control.rows",
                format!(
                    "{} control rows for a map {} rows high",
                    c.rows.len(),
                    map.height()
                ),
                Some("give exactly one string per row, like the terrain".into()),
            );
        }
        for (r, row) in c.rows.iter().enumerate().take(map.height() as usize) {
            let path = format!("control.rows[{r}]");
            if row.chars().count() != map.width() as usize {
                self.err(
                    &path,
                    format!(
                        "control row {r} has {} characters; the map is {} wide",
                        row.chars().count(),
                        map.width()
                    ),
                    None,
                );
            }
            for (k, ch) in row.chars().enumerate().take(map.width() as usize) {
                if ch == '.' || ch == ' ' {
                    continue;
                }
                match legend.get(&ch) {
                    Some(Some(f)) => {
                        if let Some(i) = map.index(map.hex_at(k as i32, r as i32)) {
                            control[i] = Some(FactionId(*f as u8));
                        }
                    }
                    Some(None) => {}
                    None => {
                        let pos = self.char_pos(&path, k);
                        self.push(
                            pos,
                            format!("unknown control character '{ch}' (row {r}, column {k})"),
                            Some("add it to the control legend, or use '.' for nobody".into()),
                        );
                    }
                }
            }
        }
    }
}
