//! The terrain tiles: one hex per terrain and variant, painted with texture and relief — dune
//! ripples on the desert, tufts on the steppe, a patchwork of fields and canals in the
//! irrigated valley, blocks and streets in towns, shaded ridges in the hills, pools and reeds
//! in the marsh, ripples on open water. Light falls from the north-west, as on a printed map.

use super::raster::{Canvas, Rgba, fbm, hash, mix, noise, rgb, shade};
use crate::sim::{Orientation, Terrain};

/// Variants per terrain, so that a plain of one terrain does not repeat one tile.
pub const VARIANTS: u32 = 4;

/// Pixel size of a pointy tile in the atlas: twice the map's world units (28 × 32), so the
/// terrain stays sharp when zoomed in.
pub const POINTY: (u32, u32) = (56, 64);

/// The base colour of each terrain, 8-bit sRGB: the one palette of the tiles, the title
/// picture, the minimap and the legend.
pub fn base_rgb(t: Terrain) -> [u8; 3] {
    match t {
        Terrain::Desert => [218, 194, 146],
        Terrain::Steppe => [196, 186, 128],
        Terrain::Valley => [112, 156, 82],
        Terrain::Urban => [176, 166, 152],
        Terrain::Hills => [168, 130, 96],
        Terrain::Marsh => [100, 142, 112],
        Terrain::Water => [62, 112, 170],
    }
}

/// [`base_rgb`] as a colour to paint with.
pub fn base(t: Terrain) -> Rgba {
    let [r, g, b] = base_rgb(t);
    rgb(r, g, b)
}

/// The atlas for an orientation: one row, terrain by terrain in [`Terrain::ALL`] order,
/// [`VARIANTS`] tiles each.
pub fn atlas(orientation: Orientation) -> Canvas {
    let (tw, th) = match orientation {
        Orientation::Pointy => POINTY,
        Orientation::Flat => (POINTY.1, POINTY.0),
    };
    let n = Terrain::ALL.len() as u32 * VARIANTS;
    let mut c = Canvas::new(tw * n, th, [0.0; 4]);
    for (k, t) in Terrain::ALL.iter().enumerate() {
        for v in 0..VARIANTS {
            let slot = k as u32 * VARIANTS + v;
            let seed = slot * 7919 + 17;
            for y in 0..th {
                for x in 0..tw {
                    // Painted as a pointy tile; a flat tile is the same picture turned.
                    let (px, py) = match orientation {
                        Orientation::Pointy => (x as f32 + 0.5, y as f32 + 0.5),
                        Orientation::Flat => (y as f32 + 0.5, x as f32 + 0.5),
                    };
                    let edge = inside_pointy(px, py, POINTY.0 as f32, POINTY.1 as f32);
                    // Slightly over the edge, so that neighbouring tiles meet without a seam.
                    if edge < -0.75 {
                        continue;
                    }
                    let mut col = texture(*t, px, py, seed);
                    // A faint darker rim lets the grid read without lines.
                    if edge < 1.5 {
                        col = shade(col, -0.10);
                    }
                    c.set(slot * tw + x, y, col);
                }
            }
        }
    }
    c
}

/// How far inside a pointy hex of `w`×`h` a point is (pixels; negative outside).
fn inside_pointy(x: f32, y: f32, w: f32, h: f32) -> f32 {
    let (dx, dy) = ((x - w / 2.0).abs(), (y - h / 2.0).abs());
    let (hw, hh) = (w / 2.0, h / 2.0);
    // The slanted sides: from (0, hh) at the centre line to (hw, hh / 2) at the side.
    let slant = hh - dx * (hh / 2.0) / hw;
    // Distance to the slanted side, measured along its normal.
    let k = (hh / 2.0) / hw;
    let to_slant = (slant - dy) / (1.0 + k * k).sqrt();
    (hw - dx).min(to_slant)
}

/// Hill shading of a height field at a point: positive on slopes facing the north-west light.
fn hillshade(height: impl Fn(f32, f32) -> f32, x: f32, y: f32) -> f32 {
    let e = 1.0;
    let gx = height(x + e, y) - height(x - e, y);
    let gy = height(x, y + e) - height(x, y - e);
    // Light from the upper left: slopes rising toward it are dark, falling toward it bright.
    -(gx + gy) * 0.5
}

/// The colour of a terrain at a point of a tile.
fn texture(t: Terrain, x: f32, y: f32, seed: u32) -> Rgba {
    let b = base(t);
    let tone = fbm(x, y, 18.0, 3, seed) - 0.5;
    let grain = hash(x as i32, y as i32, seed ^ 0x5bd1) - 0.5;
    match t {
        Terrain::Desert => {
            // Dunes: long ripples bent by noise, lit on their windward side.
            let h = |x: f32, y: f32| {
                let warp = fbm(x, y, 20.0, 2, seed) * 9.0;
                ((x * 0.28 + y * 0.55 + warp).sin() * 0.5 + 0.5) * 3.0
            };
            let lit = hillshade(h, x, y);
            let pebble = if hash(x as i32, y as i32, seed) < 0.012 {
                -0.10
            } else {
                0.0
            };
            shade(b, tone * 0.10 + lit * 0.05 + grain * 0.05 + pebble)
        }
        Terrain::Steppe => {
            let mut c = shade(b, tone * 0.14 + grain * 0.05);
            // Tufts of dry grass on a loose grid.
            let cell = 9.0;
            let (i, j) = ((x / cell).floor() as i32, (y / cell).floor() as i32);
            let (ox, oy) = (
                (i as f32 + 0.2 + hash(i, j, seed) * 0.6) * cell,
                (j as f32 + 0.2 + hash(j, i, seed) * 0.6) * cell,
            );
            let (dx, dy) = (x - ox, y - oy);
            if hash(i, j, seed ^ 9) < 0.7 && dy.abs() < 1.6 && dx.abs() < 2.2 - dy.abs() * 0.4 {
                c = mix(c, rgb(140, 132, 80), 0.45);
            }
            c
        }
        Terrain::Valley => {
            // Fields: a tilted patchwork of plots in greens and ripening yellows, with darker
            // canals between them and orchards as clusters of dark crowns.
            let (u, v) = (x * 0.94 + y * 0.34, y * 0.94 - x * 0.34);
            let (pw, ph) = (15.0, 9.0);
            let j = (v / ph).floor() as i32;
            let shift = if j % 2 == 0 { 0.0 } else { pw * 0.5 };
            let i = ((u + shift) / pw).floor() as i32;
            let (fu, fv) = ((u + shift) / pw - i as f32, v / ph - j as f32);
            let pick = hash(i, j, seed);
            let plot = match (pick * 5.0) as u32 {
                0 => rgb(104, 152, 74),
                1 => rgb(122, 164, 80),
                2 => rgb(140, 168, 88),
                3 => rgb(98, 142, 70),
                _ => rgb(158, 166, 100),
            };
            let mut c = shade(plot, grain * 0.05 + tone * 0.05);
            if pick > 0.9 {
                // Palm groves: dark crowns on shaded ground.
                c = shade(rgb(90, 134, 66), grain * 0.06);
                let (i, j) = ((x / 4.0).floor() as i32, (y / 4.0).floor() as i32);
                let (cx, cy) = (
                    i as f32 * 4.0 + 1.0 + hash(i, j, seed) * 2.0,
                    j as f32 * 4.0 + 1.0 + hash(j, i, seed) * 2.0,
                );
                if (x - cx).hypot(y - cy) < 1.5 {
                    c = rgb(58, 98, 48);
                }
            }
            if fu < 0.06 || fv < 0.09 {
                c = mix(c, rgb(80, 116, 70), 0.5);
            }
            c
        }
        Terrain::Urban => {
            // Blocks of flat-roofed houses between streets, each lit on the north-west.
            let cell = 8.0;
            let (i, j) = ((x / cell).floor() as i32, (y / cell).floor() as i32);
            let (fx, fy) = (x / cell - i as f32, y / cell - j as f32);
            let street = rgb(206, 198, 184);
            let main_street = (i + j * 3).rem_euclid(5) == 0 && fx < 0.3;
            if fx < 0.16 || fy < 0.16 || main_street {
                return shade(street, grain * 0.05);
            }
            let roof = match (hash(i, j, seed) * 4.0) as u32 {
                0 => rgb(222, 214, 198),
                1 => rgb(196, 184, 166),
                2 => rgb(178, 160, 140),
                _ => rgb(206, 196, 178),
            };
            if hash(i, j, seed ^ 3) < 0.08 {
                // A garden or courtyard tree.
                return shade(rgb(104, 140, 84), grain * 0.1);
            }
            let shadow = fx > 0.84 || fy > 0.84;
            shade(roof, if shadow { -0.28 } else { grain * 0.06 })
        }
        Terrain::Hills => {
            // Ridges: a rough height field, shaded.
            let h = |x: f32, y: f32| {
                let ridge = 1.0 - (fbm(x, y, 16.0, 4, seed) * 2.0 - 1.0).abs();
                ridge * 22.0 + fbm(x, y, 5.0, 2, seed ^ 77) * 3.0
            };
            let lit = hillshade(h, x, y).clamp(-1.5, 1.5);
            let height = h(x, y) / 25.0;
            let c = mix(b, rgb(196, 164, 124), height - 0.3);
            shade(c, lit * 0.16 + grain * 0.05)
        }
        Terrain::Marsh => {
            let wet = fbm(x, y, 12.0, 3, seed);
            let mut c = if wet > 0.6 {
                mix(rgb(84, 128, 140), rgb(110, 150, 160), (wet - 0.6) * 3.0)
            } else {
                shade(b, tone * 0.12 + grain * 0.06)
            };
            // Reeds: short upright strokes in clumps.
            let (i, j) = ((x / 3.0).floor() as i32, (y / 6.0).floor() as i32);
            let fx = x / 3.0 - i as f32;
            let fy = y / 6.0 - j as f32;
            if wet < 0.55 && hash(i, j, seed ^ 5) < 0.45 && fx < 0.34 && fy > 0.2 {
                c = mix(c, rgb(56, 92, 60), 0.8);
            }
            c
        }
        Terrain::Water => {
            let depth = fbm(x, y, 22.0, 3, seed);
            let mut c = mix(rgb(78, 130, 186), rgb(48, 94, 152), depth);
            // Ripples: short bright dashes across the current.
            let row = (y / 5.0).floor();
            let wave = noise(x * 0.6, row * 13.0, 3.0, seed);
            if (y / 5.0 - row) < 0.22 && wave > 0.72 {
                c = mix(c, rgb(180, 210, 236), 0.55);
            }
            c
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tile_is_textured_and_terrains_differ() {
        let a = atlas(Orientation::Pointy);
        let (tw, th) = POINTY;
        let mut means = Vec::new();
        for slot in 0..(Terrain::ALL.len() as u32 * VARIANTS) {
            let mut sum = [0.0f32; 3];
            let mut sq = 0.0f32;
            let mut n = 0.0f32;
            for y in th / 4..th * 3 / 4 {
                for x in tw / 4..tw * 3 / 4 {
                    let p = a.get(slot * tw + x, y);
                    for c in 0..3 {
                        sum[c] += p[c];
                    }
                    sq += p[1] * p[1];
                    n += 1.0;
                }
            }
            let mean = sum.map(|s| s / n);
            let var = sq / n - mean[1] * mean[1];
            assert!(var > 0.0001, "tile {slot} is flat: variance {var}");
            means.push(mean);
        }
        let v = VARIANTS as usize;
        for i in 0..Terrain::ALL.len() {
            for j in i + 1..Terrain::ALL.len() {
                let (p, q) = (means[i * v], means[j * v]);
                let d: f32 = (0..3).map(|c| (p[c] - q[c]).abs()).sum();
                assert!(
                    d > 0.06,
                    "{:?} and {:?} look alike",
                    Terrain::ALL[i],
                    Terrain::ALL[j]
                );
            }
        }
    }

    #[test]
    fn corners_are_clear_and_flat_tiles_are_turned() {
        let a = atlas(Orientation::Pointy);
        assert_eq!(a.get(0, 0)[3], 0.0);
        assert_eq!(a.get(28, 32)[3], 1.0);
        let f = atlas(Orientation::Flat);
        assert_eq!((f.w, f.h), (a.w / 56 * 64, 56));
    }
}
