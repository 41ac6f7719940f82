//! The bibliography: every `[id]` tag in the level's texts names an entry of `sources`, each
//! entry is cited somewhere, and each has a title. A level without a `sources` list is not
//! checked (its tags are only text).

use std::collections::{BTreeMap, BTreeSet};

use super::Validator;
use crate::level::diag::unknown_hint;
use crate::level::locate::Position;
use crate::level::schema;
use crate::level::teaching::source_tags;

/// The most bibliography entries a level may list.
const MAX_SOURCES: usize = 2000;

impl Validator {
    pub(super) fn sources(&mut self, lv: &schema::Level) {
        if lv.sources.is_empty() || !self.count("sources", "sources", lv.sources.len(), MAX_SOURCES)
        {
            return;
        }
        // Tags, not level ids: `S12b` is cited as written, so the usual id rules do not apply.
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for (i, s) in lv.sources.iter().enumerate() {
            if let Some(first) = ids.insert(s.id.clone(), i) {
                ids.insert(s.id.clone(), first);
                self.err(
                    &format!("sources[{i}].id"),
                    format!("source `{}` is listed twice (also sources[{first}])", s.id),
                    Some("give each entry its own id".into()),
                );
            }
            if source_tags(&format!("[{}]", s.id)).len() != 1 {
                self.err(
                    &format!("sources[{i}].id"),
                    format!("`{}` cannot be cited as a tag", s.id),
                    Some(
                        "a capital letter, digits and at most one lower-case letter, e.g. \"S12b\""
                            .into(),
                    ),
                );
            }
            if s.title.trim().is_empty() {
                self.err(
                    &format!("sources[{i}].title"),
                    "the source has no title",
                    None,
                );
            }
            if let Some(url) = &s.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                self.err(
                    &format!("sources[{i}].url"),
                    format!("`{url}` is not a web address"),
                    Some("begin it with https:// (or http://)".into()),
                );
            }
        }
        // Every text of the level, with its path, as the level's own serialisation lists them.
        let Ok(value) = serde_json::to_value(lv) else {
            return;
        };
        let mut texts = Vec::new();
        strings(&value, String::new(), &mut texts);
        let mut cited = BTreeSet::new();
        for (path, text) in texts {
            if path.starts_with("sources[") {
                continue;
            }
            for (range, tag) in source_tags(text) {
                cited.insert(tag.to_owned());
                if !ids.contains_key(tag) {
                    let pos = self.within(&path, text, range.start);
                    self.push(
                        pos,
                        format!("`[{tag}]` names no entry of `sources`"),
                        Some(unknown_hint(tag, ids.keys().map(String::as_str))),
                    );
                }
            }
        }
        for (i, s) in lv.sources.iter().enumerate() {
            if !cited.contains(&s.id) {
                self.err(
                    &format!("sources[{i}].id"),
                    format!("source `{}` is cited nowhere", s.id),
                    Some(format!(
                        "cite it as [{}] where its facts are used, or remove it",
                        s.id
                    )),
                );
            }
        }
    }

    /// Where byte `at` of the string at `path` is in the file: the string's opening quote
    /// plus the characters before it, each escaped one counting twice as RON writes it.
    fn within(&self, path: &str, text: &str, at: usize) -> Position {
        let start = self.loc.get(path);
        let before = &text[..at];
        let escaped = before.chars().filter(|c| matches!(c, '"' | '\\')).count();
        Position {
            line: start.line,
            col: start.col + 1 + before.chars().count() + escaped,
        }
    }
}

/// Every string in a serialised level with its path in the form the locations use
/// (`places[3].source`).
fn strings<'a>(v: &'a serde_json::Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        serde_json::Value::String(s) => out.push((path, s)),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(fields) => {
            for (k, item) in fields {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(item, p, out);
            }
        }
        _ => {}
    }
}
