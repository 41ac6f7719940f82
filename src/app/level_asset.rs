//! Level files as Bevy assets, so that a level being edited reloads in the running game.
//!
//! The level's folder is registered as the asset source `level://`; Bevy's file watcher
//! notices a save, the loader validates the file with the same code as `euphrates check`,
//! and a good file replaces the game on screen. A broken one leaves the last good version
//! in play and shows its diagnostics in the side panel.

use std::path::{Path, PathBuf};

use bevy::asset::io::{AssetSourceBuilder, AssetSourceId, Reader};
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, AssetPath, LoadContext};
use bevy::prelude::*;
use thiserror::Error;

use super::session::Session;
use super::state::MapRevision;
use crate::level::{self, LoadedLevel};

/// A loaded, validated level.
#[derive(Asset, TypePath, Debug)]
pub struct LevelAsset(pub LoadedLevel);

/// Why a level asset failed to load.
#[derive(Debug, Error)]
pub enum LevelAssetError {
    /// The file could not be read.
    #[error("cannot read the level: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not a valid level; the text holds every diagnostic.
    #[error("{0}")]
    Invalid(String),
}

/// Loads `.ron` level files from the level's folder.
#[derive(Default, TypePath)]
pub struct LevelLoader {
    /// The folder behind the `level://` source, so diagnostics name the real file.
    dir: PathBuf,
}

impl AssetLoader for LevelLoader {
    type Asset = LevelAsset;
    type Settings = ();
    type Error = LevelAssetError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<LevelAsset, LevelAssetError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let name = self
            .dir
            .join(load_context.path().path())
            .display()
            .to_string();
        let text = String::from_utf8(bytes)
            .map_err(|_| LevelAssetError::Invalid(format!("{name}: the file is not UTF-8 text")))?;
        level::load_str(&name, &text)
            .map(LevelAsset)
            .map_err(|diags| LevelAssetError::Invalid(level::diag::lines(&diags)))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The level being watched and what happened to it.
#[derive(Resource, Default, Debug)]
pub struct LevelStatus {
    /// The watched level.
    pub handle: Handle<LevelAsset>,
    /// Diagnostics of the last failed reload, if the file is currently broken.
    pub error: Option<String>,
    /// How many times the level has been reloaded.
    pub reloads: u32,
    /// The level file as the user named it.
    path: PathBuf,
    /// The folder behind the `level://` source, in full.
    dir: PathBuf,
}

impl LevelStatus {
    /// The asset path of a level file that lies in the level folder (the `level://` source),
    /// so the asset server can read it; `None` for a file elsewhere.
    pub fn asset_path(&self, file: &Path) -> Option<AssetPath<'static>> {
        let file = file.canonicalize().ok()?;
        if file.parent()? != self.dir {
            return None;
        }
        let name = PathBuf::from(file.file_name()?);
        Some(
            AssetPath::from_path(&name)
                .with_source(AssetSourceId::from(SOURCE))
                .into_owned(),
        )
    }

    /// Follows the level a new game was started on: saving that file now reloads the game.
    pub fn follow(&mut self, handle: Handle<LevelAsset>, path: PathBuf) {
        self.handle = handle;
        self.path = path;
        self.error = None;
    }
}

const SOURCE: &str = "level";

/// Registers the level's folder as an asset source. Must run before the asset plugin.
pub fn register_source(app: &mut App, level_path: &Path) {
    let dir = level_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    app.register_asset_source(
        SOURCE,
        AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
    );
    app.insert_resource(LevelStatus {
        path: level_path.to_path_buf(),
        dir: dir.clone(),
        ..default()
    });
    app.insert_resource(LoaderDir(
        level_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    ));
}

/// The level's folder as the user named it, for the loader's diagnostics.
#[derive(Resource)]
struct LoaderDir(PathBuf);

/// Level files as assets: the loader, the watch on the level being played, its reloads.
pub fn plugin(app: &mut App) {
    let dir = app
        .world_mut()
        .remove_resource::<LoaderDir>()
        .map(|d| d.0)
        .unwrap_or_default();
    app.init_asset::<LevelAsset>()
        .register_asset_loader(LevelLoader { dir })
        .init_resource::<LevelStatus>()
        .add_systems(Startup, watch)
        .add_systems(Update, (reloaded, failed));
}

fn watch(server: Res<AssetServer>, mut status: ResMut<LevelStatus>) {
    let file_name = status
        .path
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_default();
    let path = AssetPath::from_path(&file_name)
        .with_source(AssetSourceId::from(SOURCE))
        .into_owned();
    status.handle = server.load(path);
}

fn reloaded(
    mut events: MessageReader<AssetEvent<LevelAsset>>,
    assets: Res<Assets<LevelAsset>>,
    mut status: ResMut<LevelStatus>,
    mut session: ResMut<Session>,
    mut revision: ResMut<MapRevision>,
    fog: Res<crate::app::state::FogChoice>,
    locks: Option<Res<crate::app::locks::Locks>>,
) {
    for e in events.read() {
        let AssetEvent::Modified { id } = e else {
            // The first load matches what the command line already loaded.
            if let AssetEvent::LoadedWithDependencies { id } = e
                && *id == status.handle.id()
            {
                status.error = None;
            }
            continue;
        };
        if *id != status.handle.id() {
            continue;
        }
        let Some(asset) = assets.get(*id) else {
            continue;
        };
        let mut level = asset.0.clone();
        if let Some(fog) = fog.0 {
            level.scenario.fog = fog;
        }
        if let Some(l) = locks.as_deref() {
            l.apply(&mut level);
        }
        // The same sides for the same people, found by id in the level as it now stands.
        let old = session.game.scenario();
        let mut people: Vec<_> = session
            .humans
            .iter()
            .filter_map(|&f| old.faction(f))
            .filter_map(|f| level.scenario.side_for(Some(&f.key)))
            .collect();
        if people.is_empty() {
            people.extend(level.scenario.side_for(None));
        }
        info!("level reloaded: {}", level.scenario.name);
        *session = Session::hotseat(
            level,
            session.level_path.clone(),
            &people,
            session.seed,
            session.difficulty,
        )
        .under(locks.as_deref());
        status.error = None;
        status.reloads += 1;
        revision.0 += 1;
    }
}

fn failed(
    mut events: MessageReader<AssetLoadFailedEvent<LevelAsset>>,
    mut status: ResMut<LevelStatus>,
) {
    if events.read().last().is_none() {
        return;
    }
    // Bevy's error wraps ours in its own words; show the modder exactly what
    // `euphrates check` would print.
    let text = match level::load_path(&status.path) {
        Err(diags) => level::diag::lines(&diags),
        Ok(_) => return,
    };
    if status.error.as_ref() != Some(&text) {
        warn!("the level did not reload; keeping the last good version:\n{text}");
        status.error = Some(text);
    }
}
