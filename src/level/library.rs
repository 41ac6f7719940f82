//! Where levels are found: the default level (in the source tree or beside the game), the
//! folders searched for a save's level, and the level files of a folder.

use std::path::{Path, PathBuf};

use super::DEFAULT_LEVEL;

/// Finds the default level whether the game runs from the source tree or elsewhere.
pub fn default_level_path() -> PathBuf {
    let here = PathBuf::from(DEFAULT_LEVEL);
    if here.exists() {
        return here;
    }
    let beside_exe = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .skip(1)
            .map(|dir| dir.join(DEFAULT_LEVEL))
            .find(|p| p.exists())
    });
    beside_exe.unwrap_or(here)
}

/// Where to look for a save's level when it is not where it was: the default level's folder.
pub fn search_dirs() -> Vec<PathBuf> {
    default_level_path()
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .collect()
}

/// The level files (`.ron`) of a folder, sorted by name.
pub fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    Ok(found)
}
