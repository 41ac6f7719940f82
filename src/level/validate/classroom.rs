//! The teacher's pack: the real front line on dated days, the glossary and the briefings'
//! questions.

use std::collections::BTreeMap;

use super::Validator;
use crate::level::schema;
use crate::sim;

impl Validator {
    /// Front lines in date order, each naming known places or fields and factions once;
    /// glossary words unique, explained and linked to articles that exist.
    pub(super) fn classroom(
        &mut self,
        lv: &schema::Level,
        faction_ids: &BTreeMap<String, usize>,
        place_ids: &BTreeMap<String, usize>,
        field_ids: &BTreeMap<String, usize>,
    ) {
        self.count("front_lines", "front lines", lv.front_lines.len(), 100);
        self.count("glossary", "glossary words", lv.glossary.len(), 1000);
        let mut sites: BTreeMap<String, usize> = BTreeMap::new();
        for (i, id) in place_ids.keys().chain(field_ids.keys()).enumerate() {
            sites.entry(id.clone()).or_insert(i);
        }
        let mut previous: Option<(i32, u8, u8)> = None;
        for (i, line) in lv.front_lines.iter().enumerate() {
            let path = format!("front_lines[{i}]");
            let d = &line.date;
            let day = (d.year, d.month, d.day);
            if sim::Date::new(d.year, d.month, d.day).is_none() {
                self.err(&format!("{path}.date"), "not a calendar date", None);
            } else if previous.is_some_and(|p| p >= day) {
                self.err(
                    &format!("{path}.date"),
                    "front lines must be listed in date order, one per day",
                    Some("move this line after the later ones, or merge the two".into()),
                );
            }
            previous = Some(day);
            if line.source.trim().is_empty() {
                self.err(
                    &format!("{path}.source"),
                    "the front line has no source",
                    Some("name the dated reports it is compiled from, e.g. \"[S33][S62]\"".into()),
                );
            }
            self.count(
                &format!("{path}.holders"),
                "holders",
                line.holders.len(),
                1000,
            );
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for (k, h) in line.holders.iter().enumerate() {
                let at = format!("{path}.holders[{k}]");
                self.reference(&format!("{at}.at"), "place or oil field", &h.at, &sites);
                if let Some(first) = seen.insert(h.at.as_str(), k) {
                    self.err(
                        &format!("{at}.at"),
                        format!(
                            "`{}` is already listed on this day (holders[{first}])",
                            h.at
                        ),
                        Some(
                            "one holder per place and day; say what is disputed in `doubt`".into(),
                        ),
                    );
                }
                if let Some(by) = &h.by {
                    self.reference(&format!("{at}.by"), "faction", by, faction_ids);
                } else if h.doubt.trim().is_empty() {
                    self.err(
                        &format!("{at}.doubt"),
                        format!("no holder is given for `{}`, and no reason", h.at),
                        Some("say why in `doubt`, e.g. \"no report found\"".into()),
                    );
                }
            }
        }
        let articles: BTreeMap<String, usize> = lv
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut words: BTreeMap<String, usize> = BTreeMap::new();
        for (i, t) in lv.glossary.iter().enumerate() {
            let path = format!("glossary[{i}]");
            if t.term.trim().is_empty() || t.text.trim().is_empty() {
                self.err(&path, "a glossary word needs a term and a text", None);
            }
            if let Some(first) = words.insert(t.term.trim().to_lowercase(), i) {
                self.err(
                    &format!("{path}.term"),
                    format!(
                        "`{}` is already in the glossary (glossary[{first}])",
                        t.term
                    ),
                    Some("merge the two entries; list other spellings in `also`".into()),
                );
            }
            for (k, id) in t.see_also.iter().enumerate() {
                self.reference(&format!("{path}.see_also[{k}]"), "article", id, &articles);
            }
        }
        for (i, b) in lv.briefings.iter().enumerate() {
            for (k, q) in b.questions.iter().enumerate() {
                if q.trim().is_empty() {
                    self.err(
                        &format!("briefings[{i}].questions[{k}]"),
                        "an empty question",
                        None,
                    );
                }
            }
        }
    }
}
