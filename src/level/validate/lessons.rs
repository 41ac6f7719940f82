//! The guided tutorial: written for a playable side, with lessons that name units, places
//! and fields that exist.

use std::collections::BTreeMap;

use super::Validator;
use crate::level::lessons::Goal;
use crate::level::schema;

impl Validator {
    /// The tutorial's side is playable; each lesson has a title and text; the units its goals
    /// name are that side's; what a lesson shows is a place, a field or a unit.
    pub(super) fn lessons(&mut self, lv: &schema::Level, faction_ids: &BTreeMap<String, usize>) {
        let Some(t) = &lv.tutorial else { return };
        self.count("tutorial.lessons", "lessons", t.lessons.len(), 200);
        if t.lessons.is_empty() {
            self.err(
                "tutorial.lessons",
                "a tutorial needs at least one lesson",
                Some("add lessons, or remove the `tutorial` field".into()),
            );
        }
        if let Some(f) = self.reference("tutorial.faction", "faction", &t.faction, faction_ids)
            && !lv.factions[f].playable
        {
            self.err(
                "tutorial.faction",
                format!(
                    "`{}` is not playable, so no one takes these lessons",
                    t.faction
                ),
                Some("write the tutorial for a faction with `playable: true`".into()),
            );
        }
        let own_units: BTreeMap<String, usize> = lv
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.owner == t.faction)
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let mut shown: BTreeMap<String, usize> = BTreeMap::new();
        for (i, id) in lv
            .places
            .iter()
            .map(|p| &p.id)
            .chain(lv.oil_fields.iter().map(|f| &f.id))
            .chain(lv.units.iter().map(|u| &u.id))
            .enumerate()
        {
            shown.entry(id.clone()).or_insert(i);
        }
        for (i, lesson) in t.lessons.iter().enumerate() {
            let path = format!("tutorial.lessons[{i}]");
            if lesson.title.trim().is_empty() {
                self.err(&format!("{path}.title"), "a lesson needs a title", None);
            }
            if lesson.text.trim().is_empty() {
                self.err(
                    &format!("{path}.text"),
                    "a lesson needs a text that says what to do",
                    None,
                );
            }
            if let Goal::SelectUnit(id) | Goal::MoveUnit(id) = &lesson.goal {
                self.reference(
                    &format!("{path}.goal"),
                    &format!("unit of `{}`", t.faction),
                    id,
                    &own_units,
                );
            }
            if let Some(id) = &lesson.show {
                self.reference(
                    &format!("{path}.show"),
                    "place, oil field or unit",
                    id,
                    &shown,
                );
            }
        }
    }
}
