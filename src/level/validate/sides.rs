//! The sides: factions, patrons, the relations between them, and what each side wants.

use std::collections::BTreeMap;

use super::{Relations, Validator, parse_color};
use crate::level::limits::{MAX_FACTIONS, MAX_ITEMS};
use crate::level::schema;
use crate::sim::{
    self, Faction, FactionId, Goal, Objective, Party, Patron, PatronId, PlaceId,
    scenario::relation_key,
};

impl Validator {
    /// Patrons' and factions' ids, and the factions.
    pub(super) fn factions(
        &mut self,
        lv: &schema::Level,
    ) -> (
        BTreeMap<String, usize>,
        BTreeMap<String, usize>,
        Vec<Faction>,
    ) {
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
                verdicts: f
                    .verdicts
                    .map(|v| self.verdict_levels(&format!("factions[{i}].verdicts"), v)),
                cells: f.cells,
            });
            if f.cells > crate::sim::insurgency::MAX_CELLS {
                self.err(
                    &format!("factions[{i}].cells"),
                    format!(
                        "`{}` may have {} cells; at most {} are allowed",
                        f.id,
                        f.cells,
                        crate::sim::insurgency::MAX_CELLS
                    ),
                    Some("cells are a few fighters each: use 0 to 10".into()),
                );
            }
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
        (patron_ids, faction_ids, factions)
    }

    /// Relations between factions and patrons, which share one namespace.
    pub(super) fn relations(
        &mut self,
        lv: &schema::Level,
        faction_ids: &BTreeMap<String, usize>,
    ) -> (BTreeMap<String, usize>, Vec<Party>, Relations) {
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
                    until: None,
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
        (party_ids, parties, relations)
    }

    /// The patrons, with the fields they want and the side whose oil they strike.
    pub(super) fn patrons(
        &mut self,
        lv: &schema::Level,
        faction_ids: &BTreeMap<String, usize>,
        field_ids: &BTreeMap<String, usize>,
    ) -> Vec<Patron> {
        let fid = |x: usize| FactionId(x as u8);
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
                        field_ids,
                    )
                    .map(|x| x as u16)
                })
                .collect();
            let oil_campaign = p.oil_campaign.as_ref().and_then(|f| {
                self.reference(
                    &format!("patrons[{i}].oil_campaign"),
                    "faction",
                    f,
                    faction_ids,
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
        patrons
    }

    /// Each side's objectives.
    pub(super) fn objectives(
        &mut self,
        lv: &schema::Level,
        faction_ids: &BTreeMap<String, usize>,
        place_ids: &BTreeMap<String, usize>,
        field_ids: &BTreeMap<String, usize>,
        start: Option<sim::Date>,
    ) -> Vec<Objective> {
        let fid = |x: usize| FactionId(x as u8);
        self.count("objectives", "objectives", lv.objectives.len(), MAX_ITEMS);
        self.ids("objectives", lv.objectives.iter().map(|o| o.id.as_str()));
        let mut objectives = Vec::new();
        for (i, o) in lv.objectives.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("objectives[{i}]");
            let f = self.reference(
                &format!("{path}.faction"),
                "faction",
                &o.faction,
                faction_ids,
            );
            let mut place = |k: usize, id: &str| {
                self.reference(&format!("{path}.goal.{k}"), "place", id, place_ids)
                    .map(|p| PlaceId(p as u16))
            };
            let goal = match &o.goal {
                schema::Goal::Hold(p) => place(0, p).map(Goal::Hold),
                schema::Goal::Route(a, b) => match (place(0, a), place(1, b)) {
                    (Some(a), Some(b)) => Some(Goal::Route(a, b)),
                    _ => None,
                },
                schema::Goal::HoldField(id) => self
                    .reference(&format!("{path}.goal.0"), "oil field", id, field_ids)
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
        objectives
    }
}
