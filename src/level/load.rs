//! Loading a level: read with size limits, parse, validate everything (see [`super::validate`]),
//! and convert to a [`Scenario`]. Every problem found is reported with its file, line and column.

use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

use super::diag::{Diagnostic, unknown_hint};
use super::geo::Projection;
pub use super::limits::{
    MAX_FACTIONS, MAX_FILE_BYTES, MAX_ITEMS, MAX_LINE_POINTS, MAX_STRING_BYTES, MAX_UNITS,
    RECURSION_LIMIT,
};
use super::locate::{Locations, locate};
use super::{schema, validate};
use crate::sim::Scenario;

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
    match validate::level(file, loc, &level) {
        Ok((scenario, projection)) => Ok(LoadedLevel {
            scenario,
            file: level,
            projection,
        }),
        Err(diags) => Err(diags),
    }
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
