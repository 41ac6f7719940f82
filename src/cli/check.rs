//! `euphrates check`: validates level files, or every level of a folder.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::level::library::files_in;
use crate::level::{self, Diagnostic, LoadedLevel};

fn level_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found =
                files_in(p).map_err(|e| format!("{}: cannot read the folder: {e}", p.display()))?;
            if found.is_empty() {
                return Err(format!("{}: the folder has no .ron files", p.display()));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub(super) fn run(paths: &[PathBuf]) -> ExitCode {
    let files = match level_files(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = 0;
    for f in &files {
        match level::load_path(f) {
            Ok(l) => out!("{}: ok — {}", f.display(), summary(&l)),
            Err(diags) => {
                failed += 1;
                print_diagnostics(&diags);
                eprintln!(
                    "{}: {} problem{}",
                    f.display(),
                    diags.len(),
                    if diags.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub(super) fn summary(l: &LoadedLevel) -> String {
    let s = &l.scenario;
    format!(
        "\"{}\", {}×{} hexes, {} factions, {} units, {} places, {} oil fields, {} river edges, {} road links",
        s.name,
        s.map.width(),
        s.map.height(),
        s.factions.len(),
        s.units.len(),
        s.places.len(),
        s.oil_fields.len(),
        s.map.river_edges().count(),
        s.map.roads().count()
    ) + &format!(
        "; teaching: {} briefings, {} historical events, {} articles, {} dated front lines, {} glossary words{} (sources and references checked)",
        l.file.briefings.len(),
        l.file.events.len(),
        l.file.articles.len(),
        l.file.front_lines.len(),
        l.file.glossary.len(),
        match l.file.sources.len() {
            0 => String::new(),
            n => format!(", a bibliography of {n} sources, every tag resolved"),
        }
    )
}

/// Prints each problem as `file:line:col: error: message` with its hint.
pub(super) fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
