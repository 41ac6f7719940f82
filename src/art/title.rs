//! The title picture: the whole corridor of a level drawn as a shaded relief map — terrain
//! blended across hex edges, hills lit from the north-west, the river and lakes, the border,
//! and the towns as points of light. Made from the level itself, so it is the real map.

use hexx::{Hex, Vec2};

use super::raster::{Canvas, Rgba, fbm, mix, rgb, shade, with_alpha};
use super::terrain::base;
use crate::sim::{Scenario, Terrain};

/// Size of the title picture.
pub const SIZE: (u32, u32) = (1400, 1000);

fn height(t: Terrain) -> f32 {
    match t {
        Terrain::Water => 0.0,
        Terrain::Marsh => 0.08,
        Terrain::Valley => 0.12,
        Terrain::Urban => 0.16,
        Terrain::Steppe => 0.38,
        Terrain::Desert => 0.42,
        Terrain::Hills => 1.0,
    }
}

/// The title picture of a level's map.
pub fn title(s: &Scenario) -> Canvas {
    let (w, h) = SIZE;
    let map = &s.map;
    let layout = map.layout();
    let (mut lo, mut hi) = (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN));
    for hex in map.hexes() {
        let p = layout.hex_to_world_pos(hex);
        lo = lo.min(p);
        hi = hi.max(p);
    }
    if lo.x > hi.x {
        return Canvas::new(w, h, rgb(30, 30, 34));
    }
    // Fit the map in the picture, centred, with a little margin.
    let span = hi - lo;
    // The picture is covered: the map's ragged outer hexes fall outside it.
    let scale = ((w as f32 * 1.04) / span.x).max((h as f32 * 1.04) / span.y);
    let centre = (lo + hi) / 2.0;
    let to_world = |x: f32, y: f32| {
        Vec2::new(
            centre.x + (x - w as f32 / 2.0) / scale,
            centre.y - (y - h as f32 / 2.0) / scale,
        )
    };
    let to_px = |p: Vec2| {
        (
            w as f32 / 2.0 + (p.x - centre.x) * scale,
            h as f32 / 2.0 - (p.y - centre.y) * scale,
        )
    };
    let desert = base(Terrain::Desert);
    // Terrain at a point, looked up a little off the true position so that hex edges become
    // natural boundaries.
    let terrain_at = |x: f32, y: f32| -> Option<Terrain> {
        let warp = Vec2::new(fbm(x, y, 70.0, 4, 11) - 0.5, fbm(x, y, 70.0, 4, 23) - 0.5) * 3.0
            + Vec2::new(fbm(x, y, 14.0, 2, 31) - 0.5, fbm(x, y, 14.0, 2, 37) - 0.5) * 0.8;
        let hex: Hex = layout.world_pos_to_hex(to_world(x, y) + warp);
        map.terrain(hex)
    };
    let mut heights = vec![0.0f32; (w * h) as usize];
    let mut colours = vec![[0.0f32; 4]; (w * h) as usize];
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let i = (y * w + x) as usize;
            match terrain_at(fx, fy) {
                Some(t) => {
                    let detail = fbm(fx, fy, 9.0, 3, 5);
                    let ridges = if t == Terrain::Hills {
                        (1.0 - (fbm(fx, fy, 34.0, 4, 41) * 2.0 - 1.0).abs() * 2.0).max(0.0) * 30.0
                    } else {
                        0.0
                    };
                    heights[i] = height(t) * 16.0 + ridges + detail * 3.0;
                    let tone = fbm(fx, fy, 60.0, 4, 3) - 0.5;
                    colours[i] = shade(base(t), tone * 0.16 + (detail - 0.5) * 0.06);
                }
                None => {
                    heights[i] = 10.0;
                    colours[i] = shade(desert, -0.55);
                }
            }
        }
    }
    let heights = blur(&blur(&heights, w, h, 4), w, h, 4);
    let mut c = Canvas::new(w, h, [0.0; 4]);
    for y in 0..h {
        for x in 0..w {
            let at = |x: u32, y: u32| heights[(y.min(h - 1) * w + x.min(w - 1)) as usize];
            let gx = at(x + 1, y) - at(x.saturating_sub(1), y);
            let gy = at(x, y + 1) - at(x, y.saturating_sub(1));
            let lit = (-(gx + gy) * 0.3).clamp(-0.45, 0.3);
            let col = shade(colours[(y * w + x) as usize], lit);
            c.set(x, y, col);
        }
    }
    // The river: a line through the middles of its edges, each joined to the next.
    let river_w = (scale * 0.45).max(2.5);
    let mids: Vec<(Hex, Hex, (f32, f32))> = map
        .river_edges()
        .map(|(e, _)| {
            let (a, b) = e.hexes();
            let m = (layout.hex_to_world_pos(a) + layout.hex_to_world_pos(b)) / 2.0;
            (a, b, to_px(m))
        })
        .collect();
    let bank = rgb(92, 140, 76);
    let water = rgb(48, 104, 176);
    for pass in 0..2 {
        for (i, (a, b, p)) in mids.iter().enumerate() {
            for (c2, d, q) in &mids[i + 1..] {
                // Edges of one river meet when they share a hex and their hexes touch.
                let shared = [a, b].iter().any(|x| *x == c2 || *x == d);
                let close = a.unsigned_distance_to(*c2).min(b.unsigned_distance_to(*d)) <= 1
                    && a.unsigned_distance_to(*d).min(b.unsigned_distance_to(*c2)) <= 1;
                if shared && close {
                    if pass == 0 {
                        c.line(*p, *q, river_w * 2.6, with_alpha(bank, 0.55));
                    } else {
                        c.line(*p, *q, river_w, water);
                    }
                }
            }
        }
    }
    // The border between countries, dashed.
    let border = rgb(120, 40, 96);
    for hex in map.hexes() {
        for n in map.neighbors(hex) {
            let (ch, cn) = (map.country(hex), map.country(n));
            if (hex.x, hex.y) < (n.x, n.y) && ch.is_some() && cn.is_some() && ch != cn {
                let (pa, pb) = (layout.hex_to_world_pos(hex), layout.hex_to_world_pos(n));
                let m = (pa + pb) / 2.0;
                let along = (pb - pa).perp().normalize_or_zero() * 0.3;
                c.line(
                    to_px(m - along),
                    to_px(m + along),
                    2.0,
                    with_alpha(border, 0.8),
                );
            }
        }
    }
    // Towns: points of light sized by population.
    for p in &s.places {
        let (x, y) = to_px(layout.hex_to_world_pos(p.hex));
        let r = (2.0 + (p.population as f32).sqrt() / 90.0).min(7.0);
        c.disc(x, y, r + 4.0, with_alpha(rgb(255, 240, 200), 0.25));
        c.disc(x, y, r + 1.2, rgb(40, 34, 30));
        c.disc(x, y, r, rgb(252, 246, 228));
    }
    // Darker toward the edges, so that the menu and the title read over it.
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - cx) / cx).hypot((y as f32 - cy) / cy);
            let dark: Rgba = rgb(18, 16, 14);
            let p = c.get(x, y);
            c.set(x, y, mix(p, dark, (d - 0.55).max(0.0) * 0.9));
        }
    }
    c
}

/// A box blur of radius `r` along rows, then columns.
fn blur(v: &[f32], w: u32, h: u32, r: i32) -> Vec<f32> {
    let at = |x: i32, y: i32| {
        v[(y.clamp(0, h as i32 - 1) as u32 * w + x.clamp(0, w as i32 - 1) as u32) as usize]
    };
    let mut rows = vec![0.0; v.len()];
    for y in 0..h as i32 {
        for x in 0..w as i32 {
            let s: f32 = (-r..=r).map(|d| at(x + d, y)).sum();
            rows[(y as u32 * w + x as u32) as usize] = s / (2 * r + 1) as f32;
        }
    }
    let at = |x: i32, y: i32| {
        rows[(y.clamp(0, h as i32 - 1) as u32 * w + x.clamp(0, w as i32 - 1) as u32) as usize]
    };
    let mut out = vec![0.0; v.len()];
    for y in 0..h as i32 {
        for x in 0..w as i32 {
            let s: f32 = (-r..=r).map(|d| at(x, y + d)).sum();
            out[(y as u32 * w + x as u32) as usize] = s / (2 * r + 1) as f32;
        }
    }
    out
}
