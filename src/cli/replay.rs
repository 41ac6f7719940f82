//! `euphrates replay`: tells a saved game date by date, or re-executes it and checks every
//! recorded state hash.

use std::path::Path;
use std::process::ExitCode;

use crate::level::library::search_dirs;
use crate::session::Session;
use crate::sim::ai::Players;

pub(super) fn run(
    path: &Path,
    verify: bool,
    level_path: Option<&Path>,
    side: Option<&str>,
) -> ExitCode {
    let save = match crate::save::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let search = search_dirs();
    let (found, _level, scenario) = match crate::save::find_level(&save, level_path, &search) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    if verify {
        let started = std::time::Instant::now();
        return match save.verify(scenario) {
            Ok(v) => {
                out!(
                    "{}: ok — level `{}` ({}), seed {}, {} commands over {} turns replayed; {} turn starts and {} snapshots match; final state hash {:#018x} ({:.0} ms)",
                    path.display(),
                    save.level.id,
                    found.display(),
                    save.seed,
                    v.commands,
                    v.turn,
                    v.turn_starts,
                    v.snapshots,
                    v.final_hash,
                    started.elapsed().as_secs_f64() * 1000.0
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                ExitCode::from(1)
            }
        };
    }
    // Without --verify: tell the game as it happened, date by date.
    let game = crate::sim::Game::new(scenario, save.seed);
    let mut session = Session::new(game, Players::new(Vec::new())).narrated();
    if let Some(key) = side {
        let s = session.game.scenario();
        let Some(f) = s.faction_by_key(key) else {
            eprintln!(
                "error: unknown faction `{key}`\n    hint: {}",
                crate::level::diag::unknown_hint(key, s.factions.iter().map(|f| f.key.as_str()))
            );
            return ExitCode::from(1);
        };
        if !session.game.fog() {
            eprintln!(
                "note: this game was played without the fog of war: every side saw everything"
            );
        }
        session = session.seen_by(f);
        // Told from the first command on, as without --as.
        session.log.clear();
    }
    out!(
        "{} — level `{}`, seed {}, {}",
        path.display(),
        save.level.id,
        save.seed,
        save.player.as_deref().map_or_else(
            || "all sides played by the computer".to_owned(),
            |p| format!("played as {p}")
        )
    );
    for (i, rec) in save.commands.iter().enumerate() {
        if let Err(e) = session.perform(&rec.command) {
            eprintln!(
                "error: command #{i} is refused by the rules: {}",
                crate::narrate::explain(&session.game, &e)
            );
            eprintln!("    hint: run with --verify to find where the game diverges");
            return ExitCode::from(1);
        }
        let date = session.game.date();
        for line in session.log.drain(..) {
            out!("{date}  {}", line.text);
        }
    }
    ExitCode::SUCCESS
}
