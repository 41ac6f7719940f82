//! How terrain is coloured and tiled on screen. The tiles are the game's art
//! ([`crate::art::terrain`]): loaded from `assets/` when there, or drawn by the same code when
//! they are not, so a game without its `assets/` folder looks the same.

use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use crate::sim::{Orientation, Terrain};

/// Base colour of each terrain, sRGB (the legend's swatches, the minimap).
pub fn terrain_rgb(t: Terrain) -> [u8; 3] {
    crate::art::terrain::base_rgb(t)
}

/// The first tile of a terrain in the atlas (its variants follow it).
pub fn tile_index(t: Terrain) -> u32 {
    Terrain::ALL.iter().position(|x| *x == t).unwrap_or(0) as u32 * crate::art::terrain::VARIANTS
}

/// The size of the terrain atlas for an orientation.
pub fn drawn_atlas_size(orientation: Orientation) -> Extent3d {
    let (w, h) = match orientation {
        Orientation::Pointy => crate::art::terrain::POINTY,
        Orientation::Flat => (crate::art::terrain::POINTY.1, crate::art::terrain::POINTY.0),
    };
    Extent3d {
        width: w * Terrain::ALL.len() as u32 * crate::art::terrain::VARIANTS,
        height: h,
        depth_or_array_layers: 1,
    }
}

/// The terrain atlas drawn by the game's own code, for when `assets/` has not (or not yet)
/// given it.
pub fn drawn_atlas(orientation: Orientation) -> Image {
    let canvas = crate::art::terrain::atlas(orientation);
    Image::new(
        Extent3d {
            width: canvas.w,
            height: canvas.h,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        canvas.to_rgba8(),
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}
