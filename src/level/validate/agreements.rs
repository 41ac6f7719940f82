//! Agreements between sides (deconfliction lines, coordination) and patrons' support.

use std::collections::BTreeMap;

use super::{Geometry, Validator};
use crate::level::schema;
use crate::sim::sight::MAX_RECONNAISSANCE;
use crate::sim::{self, EdgeKey, FactionId, Map, PatronId};

impl Validator {
    /// The agreements: parties, and the line's edges or the zone's hexes.
    pub(super) fn agreements(
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
    pub(super) fn support(
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
            if s.reconnaissance > MAX_RECONNAISSANCE {
                self.err(
                    &format!("{path}.reconnaissance"),
                    format!(
                        "reconnaissance of {} hexes is more than the {MAX_RECONNAISSANCE} a patron can add",
                        s.reconnaissance
                    ),
                    Some(format!("use 1 for drones over the front, at most {MAX_RECONNAISSANCE}")),
                );
            }
            out.push(sim::Support {
                patron,
                faction,
                points: s.points.min(1000),
                money: s.money.min(1_000_000),
                fuel: s.fuel.min(1000),
                offers: s.offers.clone(),
                reconnaissance: s.reconnaissance.min(MAX_RECONNAISSANCE),
            });
        }
        out
    }
}
