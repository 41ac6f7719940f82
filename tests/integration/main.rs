//! The one integration-test binary (Bevy is linked once). Modules by subject.

mod ai;
mod cli;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod interface;
mod levels;
#[cfg(feature = "client")]
mod motion;
mod props;
mod rules;
mod saves;
mod scenario;
mod session;
#[cfg(feature = "client")]
mod tutorial;
#[cfg(feature = "client")]
mod window;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn at(rel: &str) -> PathBuf {
    root().join(rel)
}

/// All `.ron` files in a folder, sorted.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}
