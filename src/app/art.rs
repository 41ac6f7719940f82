//! The game's pictures and font, loaded from `assets/` through Bevy's asset server and
//! reloaded when a file changes there: terrain tiles for the map, unit symbols and icons for
//! what egui paints over it, the title picture for the main menu, and the interface font.
//! Every picture has a drawn fallback, so a game without its `assets/` folder still plays.
//! The pictures are made by [`crate::art`] (`euphrates art`); `assets/CREDITS.md` lists them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext, LoadState};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, EguiTextureHandle, EguiUserTextures, egui};

use crate::art::{paths, symbols};
use crate::sim::{Orientation, UnitKind};

/// The interface font: clear at small sizes, with the letters of Arabic names in Latin
/// transliteration (ʿ, ā, ḥ, ṣ…).
pub const FONT: &str = "fonts/DejaVuSansCondensed.ttf";

/// The whole of a picture, in texture coordinates: what the map paints of each.
pub const WHOLE: egui::Rect = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));

/// Where the game's `assets/` folder is: beside the working folder (a source tree) or above
/// the executable (an installed game). Bevy would otherwise look beside the executable only.
pub fn assets_dir() -> PathBuf {
    let here = PathBuf::from("assets");
    if here.join(paths::TITLE).exists() {
        return here.canonicalize().unwrap_or(here);
    }
    let beside_exe = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .skip(1)
            .map(|dir| dir.join("assets"))
            .find(|p| p.join(paths::TITLE).exists())
    });
    beside_exe.unwrap_or(here)
}

/// A font file's bytes, handed to egui.
#[derive(Asset, TypePath, Debug)]
pub struct FontBytes(pub Vec<u8>);

#[derive(Default, TypePath)]
struct FontLoader;

impl AssetLoader for FontLoader {
    type Asset = FontBytes;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _load_context: &mut LoadContext<'_>,
    ) -> Result<FontBytes, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(FontBytes(bytes))
    }

    fn extensions(&self) -> &[&str] {
        &["ttf", "otf"]
    }
}

/// Handles to the art, held for the whole run.
#[derive(Resource, Debug)]
pub struct Art {
    terrain_pointy: Handle<Image>,
    terrain_flat: Handle<Image>,
    symbols: Vec<(UnitKind, Handle<Image>)>,
    icons: Vec<(&'static str, Handle<Image>)>,
    title: Handle<Image>,
    font: Handle<FontBytes>,
}

impl Art {
    /// Whether the terrain atlas for an orientation could not be loaded (so the game draws its
    /// own), as opposed to still loading.
    pub fn terrain_failed(&self, orientation: Orientation, server: &AssetServer) -> bool {
        let h = self.terrain_handle(orientation);
        matches!(server.load_state(h.id()), LoadState::Failed(_))
    }

    fn terrain_handle(&self, orientation: Orientation) -> &Handle<Image> {
        match orientation {
            Orientation::Pointy => &self.terrain_pointy,
            Orientation::Flat => &self.terrain_flat,
        }
    }

    /// The terrain atlas for an orientation, once loaded.
    pub fn terrain(
        &self,
        orientation: Orientation,
        images: &Assets<Image>,
    ) -> Option<Handle<Image>> {
        let h = self.terrain_handle(orientation);
        images.get(h).is_some().then(|| h.clone())
    }
}

/// The pictures egui paints, as its textures (absent until loaded, or if missing).
#[derive(Resource, Default, Debug)]
pub struct ArtTextures {
    symbols: HashMap<UnitKind, egui::TextureId>,
    icons: HashMap<&'static str, egui::TextureId>,
    title: Option<(egui::TextureId, egui::Vec2)>,
}

impl ArtTextures {
    /// A unit kind's symbol.
    pub fn symbol(&self, kind: UnitKind) -> Option<egui::TextureId> {
        self.symbols.get(&kind).copied()
    }

    /// A map icon by name (`oil`, `gas`, `supply`, `strike`).
    pub fn icon(&self, name: &str) -> Option<egui::TextureId> {
        self.icons.get(name).copied()
    }

    /// The title picture and its size in pixels.
    pub fn title(&self) -> Option<(egui::TextureId, egui::Vec2)> {
        self.title
    }
}

/// Counts each time the terrain tiles change (first loaded or edited), so the map is drawn
/// again with them.
#[derive(Resource, Default, Debug)]
pub struct TerrainArtRevision(pub u32);

/// Loads the art and keeps egui's textures and font in step with it.
pub fn plugin(app: &mut App) {
    app.init_asset::<FontBytes>()
        .register_asset_loader(FontLoader)
        .init_resource::<ArtTextures>()
        .init_resource::<TerrainArtRevision>()
        .add_systems(PreStartup, load_art)
        .add_systems(Update, (register_textures, follow_terrain))
        .add_systems(EguiPrimaryContextPass, install_font);
}

fn load_art(mut commands: Commands, server: Res<AssetServer>) {
    let load = |p: String| server.load::<Image>(p);
    commands.insert_resource(Art {
        terrain_pointy: load(paths::TERRAIN_POINTY.into()),
        terrain_flat: load(paths::TERRAIN_FLAT.into()),
        symbols: symbols::KINDS
            .iter()
            .map(|k| {
                (
                    *k,
                    load(format!(
                        "{}/{}.png",
                        paths::SYMBOLS,
                        symbols::symbol_name(*k)
                    )),
                )
            })
            .collect(),
        icons: ["oil", "gas", "supply", "strike"]
            .into_iter()
            .map(|n| (n, load(format!("{}/{n}.png", paths::ICONS))))
            .collect(),
        title: load(paths::TITLE.into()),
        font: server.load(FONT),
    });
}

/// Hands each picture to egui once it has loaded. Egui draws from the asset itself, so a
/// picture edited on disk shows at once.
fn register_textures(
    art: Option<Res<Art>>,
    images: Res<Assets<Image>>,
    textures: Option<ResMut<EguiUserTextures>>,
    mut ours: ResMut<ArtTextures>,
) {
    let (Some(art), Some(mut textures)) = (art, textures) else {
        return;
    };
    let mut add = |h: &Handle<Image>| {
        images.get(h).map(|img| {
            let id = textures
                .image_id(h.id())
                .unwrap_or_else(|| textures.add_image(EguiTextureHandle::Weak(h.id())));
            (id, egui::vec2(img.width() as f32, img.height() as f32))
        })
    };
    for (kind, h) in &art.symbols {
        if !ours.symbols.contains_key(kind)
            && let Some((id, _)) = add(h)
        {
            ours.symbols.insert(*kind, id);
        }
    }
    for (name, h) in &art.icons {
        if !ours.icons.contains_key(name)
            && let Some((id, _)) = add(h)
        {
            ours.icons.insert(name, id);
        }
    }
    if ours.title.is_none() {
        ours.title = add(&art.title);
    }
}

/// Draws the map again when the terrain tiles first load, fail to load (the game then draws
/// them itself) or change on disk.
fn follow_terrain(
    art: Option<Res<Art>>,
    mut events: MessageReader<AssetEvent<Image>>,
    mut failed: MessageReader<AssetLoadFailedEvent<Image>>,
    mut revision: ResMut<TerrainArtRevision>,
) {
    let Some(art) = art else { return };
    let ours = [art.terrain_pointy.id(), art.terrain_flat.id()];
    let changed = events.read().any(|e| match e {
        AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id } => {
            ours.contains(id)
        }
        _ => false,
    });
    let failed = failed.read().any(|e| ours.contains(&e.id));
    if changed || failed {
        revision.0 += 1;
    }
}

/// Gives egui the interface font once it has loaded, and again when the file changes.
fn install_font(
    art: Option<Res<Art>>,
    fonts: Res<Assets<FontBytes>>,
    mut events: MessageReader<AssetEvent<FontBytes>>,
    server: Res<AssetServer>,
    mut contexts: EguiContexts,
    mut installed: Local<bool>,
) -> Result {
    let Some(art) = art else { return Ok(()) };
    let changed = events.read().count() > 0;
    if *installed && !changed {
        return Ok(());
    }
    let Some(regular) = fonts.get(&art.font) else {
        // A missing font leaves egui's own.
        if matches!(server.load_state(art.font.id()), LoadState::Failed(_)) {
            *installed = true;
        }
        return Ok(());
    };
    let mut defs = egui::FontDefinitions::default();
    defs.font_data.insert(
        "regular".into(),
        Arc::new(egui::FontData::from_owned(regular.0.clone())),
    );
    if let Some(list) = defs.families.get_mut(&egui::FontFamily::Proportional) {
        list.insert(0, "regular".into());
    }
    contexts.ctx_mut()?.set_fonts(defs);
    *installed = true;
    Ok(())
}
