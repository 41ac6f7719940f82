//! Terrain tiles drawn at start-up: one hex per terrain kind in a strip, with a little grain
//! so open ground does not look like flat paint.

use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use crate::sim::{Orientation, Terrain};

/// Base colour of each terrain, sRGB.
pub fn terrain_rgb(t: Terrain) -> [u8; 3] {
    match t {
        Terrain::Desert => [214, 190, 140],
        Terrain::Steppe => [190, 184, 124],
        Terrain::Valley => [108, 156, 84],
        Terrain::Urban => [150, 140, 132],
        Terrain::Hills => [160, 124, 92],
        Terrain::Marsh => [96, 140, 120],
        Terrain::Water => [62, 112, 170],
    }
}

/// Index of a terrain's tile in the strip.
pub fn tile_index(t: Terrain) -> u32 {
    Terrain::ALL.iter().position(|x| *x == t).unwrap_or(0) as u32
}

/// A small deterministic hash for texture grain.
fn grain(x: u32, y: u32, salt: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B9) ^ y.wrapping_mul(0x85EB_CA6B) ^ salt;
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^ (h >> 12)
}

/// The strip of terrain tiles, `w`×`h` pixels each.
pub fn terrain_strip(w: u32, h: u32, orientation: Orientation) -> Image {
    let n = Terrain::ALL.len() as u32;
    let mut data = vec![0u8; (w * n * h * 4) as usize];
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    for (k, t) in Terrain::ALL.iter().enumerate() {
        let base = terrain_rgb(*t);
        for y in 0..h {
            for x in 0..w {
                let (mut dx, mut dy) = ((x as f32 + 0.5 - cx).abs(), (y as f32 + 0.5 - cy).abs());
                let (mut hw, mut hh) = (cx, cy);
                if orientation == Orientation::Flat {
                    std::mem::swap(&mut dx, &mut dy);
                    std::mem::swap(&mut hw, &mut hh);
                }
                // Pointy hex: |dx| ≤ half width, and the slanted sides.
                let slant = hh - dx * (hh / 2.0) / hw;
                let inside = dx <= hw && dy <= slant;
                if !inside {
                    continue;
                }
                let edge = (hw - dx).min(slant - dy);
                let g = grain(x, y, k as u32);
                let noise = (g % 17) as i32 - 8;
                let speck = match t {
                    Terrain::Urban if g.is_multiple_of(7) => -40,
                    Terrain::Valley if g.is_multiple_of(11) => -25,
                    Terrain::Hills if (x + 2 * y) % 9 == 0 => -30,
                    Terrain::Marsh if y % 4 == 0 && g.is_multiple_of(3) => -25,
                    Terrain::Water if y % 5 == 0 && g.is_multiple_of(4) => 20,
                    _ => 0,
                };
                // A faint darker rim outlines each hex so the grid reads without lines.
                let rim = if edge < 1.0 { -22 } else { 0 };
                let i = ((y * w * n + k as u32 * w + x) * 4) as usize;
                for c in 0..3 {
                    data[i + c] = (i32::from(base[c]) + noise + speck + rim).clamp(0, 255) as u8;
                }
                data[i + 3] = 255;
            }
        }
    }
    Image::new(
        Extent3d {
            width: w * n,
            height: h,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}
