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

use super::{MapRevision, Session};
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

/// Loads `.ron` level files.
#[derive(Default, TypePath)]
pub struct LevelLoader;

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
        let name = load_context.path().to_string();
        let text = String::from_utf8(bytes)
            .map_err(|_| LevelAssetError::Invalid(format!("{name}: the file is not UTF-8 text")))?;
        level::load_str(&name, &text)
            .map(LevelAsset)
            .map_err(|diags| {
                LevelAssetError::Invalid(
                    diags
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            })
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
    file_name: PathBuf,
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
        file_name: level_path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default(),
        ..default()
    });
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<LevelAsset>()
        .init_asset_loader::<LevelLoader>()
        .init_resource::<LevelStatus>()
        .add_systems(Startup, watch)
        .add_systems(Update, (reloaded, failed));
}

fn watch(server: Res<AssetServer>, mut status: ResMut<LevelStatus>) {
    let path = AssetPath::from_path(&status.file_name)
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
        let level = asset.0.clone();
        let player = session
            .game
            .scenario()
            .faction(session.player)
            .and_then(|f| level.scenario.faction_by_key(&f.key))
            .or_else(|| {
                level
                    .scenario
                    .factions
                    .iter()
                    .position(|f| f.playable)
                    .map(|i| crate::sim::FactionId(i as u8))
            })
            .unwrap_or(crate::sim::FactionId(0));
        info!("level reloaded: {}", level.scenario.name);
        *session = Session::new(level, player, session.seed);
        status.error = None;
        status.reloads += 1;
        revision.0 += 1;
    }
}

fn failed(
    mut events: MessageReader<AssetLoadFailedEvent<LevelAsset>>,
    mut status: ResMut<LevelStatus>,
) {
    for e in events.read() {
        warn!(
            "the level did not reload; keeping the last good version:\n{}",
            e.error
        );
        status.error = Some(e.error.to_string());
    }
}
