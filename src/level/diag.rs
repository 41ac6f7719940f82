//! Diagnostics: a problem in a level file, with its position and a hint.

use std::fmt;

/// One problem in a level file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.col, self.message
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n    hint: {h}")?;
        }
        Ok(())
    }
}

/// Every problem found, a line each, as `euphrates check` prints them (for the game's own
/// messages about a broken level).
pub fn lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Edit distance between two short strings (Levenshtein, counted in characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest known name to `found`, if one is close enough to be a likely typo.
pub fn closest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (edit_distance(&found.to_lowercase(), &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// A hint for an unknown name: "did you mean `x`?" and the list of known names.
pub fn unknown_hint<'a>(found: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let list: Vec<&str> = known.clone().into_iter().collect();
    let shown = if list.is_empty() {
        "none are defined".to_owned()
    } else if list.len() > 12 {
        format!(
            "known: {}, … ({} in all)",
            list[..12].join(", "),
            list.len()
        )
    } else {
        format!("known: {}", list.join(", "))
    };
    match closest(found, known) {
        Some(k) => format!("did you mean `{k}`? {shown}"),
        None => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(edit_distance("sdf2", "sdf"), 1);
        assert_eq!(closest("sdf2", ["syria", "sdf", "iraq"]), Some("sdf"));
        assert_eq!(closest("zzzzzz", ["syria", "sdf", "iraq"]), None);
        assert_eq!(
            unknown_hint("irak", ["syria", "iraq"]),
            "did you mean `iraq`? known: syria, iraq"
        );
    }
}
