//! What stands on the map: places, oil and gas fields, units and supply sources.

use std::collections::{BTreeMap, HashMap};

use super::{Geometry, Validator};
use crate::level::limits::{MAX_ITEMS, MAX_UNITS};
use crate::level::schema;
use crate::sim::{self, FactionId, Map, OilField, Place, SupplySource, Terrain, Unit, UnitId};

impl Validator {
    /// The places; a place's holder holds its hex.
    pub(super) fn places(
        &mut self,
        lv: &schema::Level,
        map: &Map,
        g: &Geometry,
        faction_ids: &BTreeMap<String, usize>,
        control: &mut [Option<FactionId>],
    ) -> (BTreeMap<String, usize>, Vec<Place>) {
        let fid = |x: usize| FactionId(x as u8);
        // Places and fields.
        self.count("places", "places", lv.places.len(), MAX_ITEMS);
        let place_ids = self.ids("places", lv.places.iter().map(|p| p.id.as_str()));
        let mut places = Vec::new();
        let mut place_at: HashMap<(i32, i32), usize> = HashMap::new();
        for (i, p) in lv.places.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("places[{i}]");
            let hex = self.hex(map, g, &format!("{path}.at"), &p.at);
            if p.defences > sim::defences::MAX_DEFENCES {
                self.err(
                    &format!("{path}.defences"),
                    format!(
                        "`{}` has {} lines of defences; a place holds at most {}",
                        p.id,
                        p.defences,
                        sim::defences::MAX_DEFENCES
                    ),
                    Some(format!(
                        "use 0 (open) to {}: each line absorbs one lost fight",
                        sim::defences::MAX_DEFENCES
                    )),
                );
            }
            let holder = p
                .holder
                .as_ref()
                .and_then(|h| self.reference(&format!("{path}.holder"), "faction", h, faction_ids));
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
            if let Some(n) = p.present
                && n > p.population
            {
                self.err(
                    &format!("{path}.present"),
                    format!(
                        "{n} people present, more than its population of {}",
                        p.population
                    ),
                    Some("`present` counts those of `population` still there at the start".into()),
                );
            }
            places.push(Place {
                key: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                hex: hex.unwrap_or_default(),
                population: p.population,
                present: p.present.unwrap_or(p.population).min(p.population),
                points: p.points,
                defences: p.defences,
            });
        }
        (place_ids, places)
    }

    /// The oil and gas fields; a field's holder holds its hex.
    pub(super) fn fields(
        &mut self,
        lv: &schema::Level,
        map: &Map,
        g: &Geometry,
        faction_ids: &BTreeMap<String, usize>,
        control: &mut [Option<FactionId>],
    ) -> (BTreeMap<String, usize>, Vec<OilField>) {
        let fid = |x: usize| FactionId(x as u8);
        self.count("oil_fields", "oil fields", lv.oil_fields.len(), MAX_ITEMS);
        let field_ids = self.ids("oil_fields", lv.oil_fields.iter().map(|f| f.id.as_str()));
        let mut fields = Vec::new();
        let mut field_at: HashMap<(i32, i32), usize> = HashMap::new();
        for (i, f) in lv.oil_fields.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("oil_fields[{i}]");
            let hex = self.hex(map, g, &format!("{path}.at"), &f.at);
            let holder = f
                .holder
                .as_ref()
                .and_then(|h| self.reference(&format!("{path}.holder"), "faction", h, faction_ids));
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
        (field_ids, fields)
    }

    /// The units; a unit's owner holds its hex.
    pub(super) fn units(
        &mut self,
        lv: &schema::Level,
        map: &Map,
        g: &Geometry,
        faction_ids: &BTreeMap<String, usize>,
        control: &mut [Option<FactionId>],
    ) -> Vec<Unit> {
        let fid = |x: usize| FactionId(x as u8);
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
            let owner = self.reference(&format!("{path}.owner"), "faction", &u.owner, faction_ids);
            let hex = self.hex(map, g, &format!("{path}.at"), &u.at);
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
        units
    }

    /// Where each side's supply comes from.
    pub(super) fn supply_sources(
        &mut self,
        lv: &schema::Level,
        map: &Map,
        g: &Geometry,
        faction_ids: &BTreeMap<String, usize>,
    ) -> Vec<SupplySource> {
        let fid = |x: usize| FactionId(x as u8);
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
                faction_ids,
            );
            let hex = self.hex(map, g, &format!("{path}.at"), &src.at);
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
        supply_sources
    }
}
