//! The teaching content: briefings, encyclopedia articles with their sources, and the
//! calendar of what really happened.

use std::collections::BTreeMap;

use super::Validator;
use crate::level::schema;
use crate::sim::{self, FactionId, Party, PatronId};

impl Validator {
    /// Briefings, historical events and articles: every source given, every id unique, every
    /// reference (`see_also`, `about`, a briefing's faction) resolving.
    pub(super) fn teaching(
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
    pub(super) fn history(
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
}
