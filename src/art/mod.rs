//! The game's art, made by code: terrain tiles, unit symbols, map icons and the title picture.
//! `euphrates art` writes them to `assets/` as PNG files, which the client loads through
//! Bevy's asset server (and reloads when they change, so an artist can paint over them);
//! `euphrates art --check` and a test make sure the committed files are what this code draws.
//! Nothing here uses Bevy: the pictures are plain RGBA painted by [`raster`].

use std::path::{Path, PathBuf};

use crate::sim::{Orientation, Scenario};

pub mod raster;
pub mod symbols;
pub mod terrain;
pub mod title;

pub use raster::Canvas;

/// Paths of the generated pictures under `assets/`, as the client loads them.
pub mod paths {
    /// Terrain tiles for pointy-topped maps.
    pub const TERRAIN_POINTY: &str = "terrain/pointy.png";
    /// Terrain tiles for flat-topped maps.
    pub const TERRAIN_FLAT: &str = "terrain/flat.png";
    /// The title picture.
    pub const TITLE: &str = "title.png";
    /// The folder of unit symbols, one `KIND.png` each.
    pub const SYMBOLS: &str = "symbols";
    /// The folder of map icons.
    pub const ICONS: &str = "icons";
}

/// Every generated picture with its path under `assets/`. The title is drawn from `title`'s
/// map (the default level's).
pub fn pictures(title: &Scenario) -> Vec<(PathBuf, Canvas)> {
    let mut out = vec![
        (
            PathBuf::from(paths::TERRAIN_POINTY),
            terrain::atlas(Orientation::Pointy),
        ),
        (
            PathBuf::from(paths::TERRAIN_FLAT),
            terrain::atlas(Orientation::Flat),
        ),
    ];
    for k in symbols::KINDS {
        out.push((
            Path::new(paths::SYMBOLS).join(format!("{}.png", symbols::symbol_name(k))),
            symbols::symbol(k),
        ));
    }
    for (name, c) in symbols::icons() {
        out.push((Path::new(paths::ICONS).join(format!("{name}.png")), c));
    }
    out.push((PathBuf::from(paths::TITLE), title::title(title)));
    out
}

/// Writes every picture under `dir`; returns the paths written.
pub fn write_all(dir: &Path, title: &Scenario) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (rel, canvas) in pictures(title) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        let bytes = canvas.to_png()?;
        // Written beside and renamed, so that a failure leaves the old picture whole.
        let tmp = path.with_extension("png.part");
        std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The pictures under `dir` that differ from what this code draws (missing, unreadable or with
/// other pixels), each with the reason.
pub fn check_all(dir: &Path, title: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, canvas) in pictures(title) {
        let path = dir.join(&rel);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        match raster::decode_png(&bytes) {
            Ok((w, h, px)) if (w, h) == (canvas.w, canvas.h) && px == canvas.to_rgba8() => {}
            Ok((w, h, _)) if (w, h) != (canvas.w, canvas.h) => problems.push(format!(
                "{}: {w}×{h} pixels, the generator draws {}×{}",
                path.display(),
                canvas.w,
                canvas.h
            )),
            Ok(_) => problems.push(format!(
                "{}: its pixels differ from what the generator draws",
                path.display()
            )),
            Err(e) => problems.push(format!("{}: not a readable PNG: {e}", path.display())),
        }
    }
    problems
}
