//! `euphrates art`: draws the game's art into `assets/`, or checks the committed pictures.

use std::path::Path;
use std::process::ExitCode;

use crate::level::{self, library::default_level_path};

pub(super) fn run(out: &Path, check: bool, level: Option<&Path>) -> ExitCode {
    let path = level.map_or_else(default_level_path, Path::to_path_buf);
    let loaded = match level::load_path(&path) {
        Ok(l) => l,
        Err(diags) => {
            super::check::print_diagnostics(&diags);
            eprintln!("error: the title picture is drawn from a level, and this one did not load");
            return ExitCode::from(1);
        }
    };
    if check {
        let problems = crate::art::check_all(out, &loaded.scenario);
        if problems.is_empty() {
            out!("{}: the art is what the generator draws", out.display());
            return ExitCode::SUCCESS;
        }
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!(
            "error: {} picture(s) differ; run `euphrates art --out {}` to draw them again",
            problems.len(),
            out.display()
        );
        return ExitCode::from(1);
    }
    match crate::art::write_all(out, &loaded.scenario) {
        Ok(written) => {
            for p in &written {
                out!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
