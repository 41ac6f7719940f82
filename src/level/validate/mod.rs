//! Validation of a parsed level: every reference resolves, every value is in range, every
//! position is on the map, and the teaching content cites its sources. Each problem becomes a
//! [`Diagnostic`] with the line and column of the value at fault; nothing here panics.
//!
//! One file per part of the level: [`map`], [`sides`], [`places`], [`agreements`], [`teaching`],
//! [`sources`].

use std::collections::BTreeMap;

use hexx::HexLayout;

use crate::level::diag::{Diagnostic, unknown_hint};
use crate::level::geo::Projection;
use crate::level::limits::{MAX_DIAGNOSTICS, MAX_STRING_BYTES};
use crate::level::locate::{Locations, Position};
use crate::level::schema;
use crate::sim::{self, FactionId, Party, Scenario};

mod agreements;
mod classroom;
mod lessons;
mod map;
mod places;
mod sides;
mod sources;
mod teaching;

/// The relation between each pair of parties (factions and patrons), by their sorted pair.
type Relations = BTreeMap<(Party, Party), crate::sim::Relation>;

/// Validates a parsed level; `loc` finds each value's line and column in the text.
pub(super) fn level(
    file: &str,
    loc: Locations,
    level: &schema::Level,
) -> Result<(Scenario, Option<Projection>), Vec<Diagnostic>> {
    let mut v = Validator {
        file: file.to_owned(),
        loc,
        diags: Vec::new(),
        suppressed: 0,
    };
    let checked = v.level(level);
    let long = std::mem::take(&mut v.loc.long_strings);
    for (path, pos, len) in long {
        v.push(
            pos,
            format!("a string of {len} bytes at `{path}`; at most {MAX_STRING_BYTES} are allowed"),
            Some("shorten it, or move long texts into several entries".into()),
        );
    }
    match checked {
        Some(checked) if v.diags.is_empty() => Ok(checked),
        _ => Err(v.finish()),
    }
}

pub(super) struct Validator {
    pub(super) file: String,
    pub(super) loc: Locations,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) suppressed: usize,
}

/// How positions map onto the hex grid.
pub(super) struct Geometry {
    pub(super) layout: HexLayout,
    pub(super) projection: Option<Projection>,
}

pub(super) fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

impl Validator {
    pub(super) fn push(&mut self, pos: Position, message: String, hint: Option<String>) {
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

    pub(super) fn err(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        let pos = self.loc.get(path);
        self.push(pos, message.into(), hint);
    }

    /// Verdict levels, checked: each higher than the next, all within 1..=100.
    pub(super) fn verdict_levels(
        &mut self,
        path: &str,
        v: crate::level::schema::Verdicts,
    ) -> sim::VerdictLevels {
        let ordered = v.decisive <= 100 && v.decisive > v.victory && v.victory > v.draw;
        if !ordered || v.draw == 0 {
            self.err(
                path,
                format!(
                    "verdicts must each be higher than the next and within 1..=100 (decisive {} > victory {} > draw {})",
                    v.decisive, v.victory, v.draw
                ),
                Some("the defaults are (decisive: 80, victory: 55, draw: 30)".into()),
            );
        }
        sim::VerdictLevels {
            decisive: v.decisive,
            victory: v.victory,
            draw: v.draw,
        }
    }

    pub(super) fn finish(mut self) -> Vec<Diagnostic> {
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

    pub(super) fn check_id(&mut self, path: &str, id: &str) {
        if !valid_id(id) {
            self.err(
                path,
                format!("`{id}` is not a valid id"),
                Some("ids use lowercase letters, digits, `_` and `-` (at most 64)".into()),
            );
        }
    }

    /// Checks ids of a list for validity and duplicates; returns id → index.
    pub(super) fn ids<'a>(
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

    pub(super) fn reference(
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

    pub(super) fn count(&mut self, path: &str, what: &str, n: usize, max: usize) -> bool {
        if n > max {
            self.err(path, format!("{n} {what}; at most {max} are allowed"), None);
            false
        } else {
            true
        }
    }

    pub(super) fn level(&mut self, lv: &schema::Level) -> Option<(Scenario, Option<Projection>)> {
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
        let verdicts = lv.verdicts.map_or_else(sim::VerdictLevels::default, |v| {
            self.verdict_levels("verdicts", v)
        });
        let (map, g) = self.geometry(lv)?;
        let (patron_ids, faction_ids, factions) = self.factions(lv);
        let (party_ids, parties, relations) = self.relations(lv, &faction_ids);
        let mut control: Vec<Option<FactionId>> = vec![None; map.len()];
        if let Some(c) = &lv.control {
            self.control_grid(c, &map, &faction_ids, &mut control);
        }
        let (place_ids, places) = self.places(lv, &map, &g, &faction_ids, &mut control);
        let (field_ids, fields) = self.fields(lv, &map, &g, &faction_ids, &mut control);
        let units = self.units(lv, &map, &g, &faction_ids, &mut control);
        let objectives = self.objectives(lv, &faction_ids, &place_ids, &field_ids, start);
        let supply_sources = self.supply_sources(lv, &map, &g, &faction_ids);
        let patrons = self.patrons(lv, &faction_ids, &field_ids);
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
        self.classroom(lv, &faction_ids, &place_ids, &field_ids);
        self.lessons(lv, &faction_ids);
        self.sources(lv);

        let scenario = Scenario {
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
            verdicts,
            decisive_end: lv.decisive_end,
            fog: lv.fog,
        };
        Some((scenario, g.projection))
    }
}
