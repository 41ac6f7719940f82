//! Unit symbols in the NATO tradition (drawn in a white box with a black frame, as on a
//! wargame counter) and the map's icons: oil and gas fields, supply sources and the burst of
//! an air strike. Drawn large and scaled down by the client, so they stay clean at every zoom.

use super::raster::{Canvas, Rgba, rgb, with_alpha};
use crate::sim::UnitKind;

/// Size of a unit symbol image: the NATO frame's proportions for a friendly land unit.
pub const SYMBOL: (u32, u32) = (120, 72);

/// Size of an icon image.
pub const ICON: u32 = 64;

const INK: Rgba = rgb(22, 22, 26);
const PAPER: Rgba = rgb(246, 243, 234);

/// The file stem of a kind's symbol.
pub fn symbol_name(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Infantry => "infantry",
        UnitKind::Mechanised => "mechanised",
        UnitKind::Militia => "militia",
        UnitKind::SpecialForces => "special_forces",
        UnitKind::Artillery => "artillery",
        UnitKind::Cell => "cell",
    }
}

/// Every unit kind, in the order the symbols are listed.
pub const KINDS: [UnitKind; 6] = [
    UnitKind::Infantry,
    UnitKind::Mechanised,
    UnitKind::Militia,
    UnitKind::SpecialForces,
    UnitKind::Artillery,
    UnitKind::Cell,
];

/// A unit kind's symbol: the frame and what it holds.
pub fn symbol(kind: UnitKind) -> Canvas {
    let (w, h) = (SYMBOL.0 as f32, SYMBOL.1 as f32);
    let mut c = Canvas::new(SYMBOL.0, SYMBOL.1, [0.0; 4]);
    let m = 3.0;
    let (l, t, r, b) = (m, m, w - m, h - m);
    c.rect(l, t, r, b, INK);
    let f = 5.0;
    c.rect(l + f, t + f, r - f, b - f, PAPER);
    let (l, t, r, b) = (l + f, t + f, r - f, b - f);
    let s = 5.0;
    match kind {
        UnitKind::Infantry => {
            c.line((l, t), (r, b), s, INK);
            c.line((l, b), (r, t), s, INK);
        }
        UnitKind::Mechanised => {
            c.line((l, t), (r, b), s, INK);
            c.line((l, b), (r, t), s, INK);
            let (cx, cy) = ((l + r) / 2.0, (t + b) / 2.0);
            c.ellipse_ring(cx, cy, (r - l) * 0.3, (b - t) * 0.3, s, INK);
        }
        UnitKind::Militia => {
            // Irregular fighters: one diagonal, and a "G" drawn with strokes.
            c.line((l, b), (r, t), s, INK);
            // In the upper left, clear of the diagonal.
            let (cx, cy, rad) = (l + (r - l) * 0.22, t + (b - t) * 0.36, (b - t) * 0.22);
            let arc: Vec<(f32, f32)> = (0..=24)
                .map(|i| {
                    let a = 0.6 + i as f32 / 24.0 * (2.0 * std::f32::consts::PI - 1.2);
                    (cx + rad * a.cos(), cy - rad * a.sin())
                })
                .collect();
            c.polyline(&arc, 4.0, INK);
            c.line((cx + rad * 0.2, cy + 1.0), (cx + rad, cy + 1.0), 4.0, INK);
            c.line(
                (cx + rad, cy + 1.0),
                (cx + rad * 0.9, cy + rad * 0.8),
                4.0,
                INK,
            );
        }
        UnitKind::SpecialForces => {
            // "SF" in strokes.
            let (cy, hh) = ((t + b) / 2.0, (b - t) * 0.34);
            let sx = (l + r) / 2.0 - 16.0;
            c.polyline(&s_shape(sx, cy, hh), 4.5, INK);
            let fx = sx + hh * 0.9;
            c.line((fx, cy - hh), (fx, cy + hh), 4.5, INK);
            c.line((fx, cy - hh), (fx + hh * 0.9, cy - hh), 4.5, INK);
            c.line((fx, cy), (fx + hh * 0.7, cy), 4.5, INK);
        }
        UnitKind::Artillery => {
            c.disc((l + r) / 2.0, (t + b) / 2.0, (b - t) * 0.2, INK);
        }
        UnitKind::Cell => {
            // Hidden fighters: a dashed inner frame and three dots.
            let (il, it, ir, ib) = (l + 10.0, t + 8.0, r - 10.0, b - 8.0);
            let dash = |c: &mut Canvas, a: (f32, f32), z: (f32, f32)| {
                let n = 5;
                for k in 0..n {
                    let (u0, u1) = (k as f32 / n as f32, (k as f32 + 0.55) / n as f32);
                    let p = |u: f32| (a.0 + (z.0 - a.0) * u, a.1 + (z.1 - a.1) * u);
                    c.line(p(u0), p(u1), 3.0, INK);
                }
            };
            dash(&mut c, (il, it), (ir, it));
            dash(&mut c, (ir, it), (ir, ib));
            dash(&mut c, (ir, ib), (il, ib));
            dash(&mut c, (il, ib), (il, it));
            let cy = (t + b) / 2.0;
            for dx in [-0.22, 0.0, 0.22] {
                c.disc((l + r) / 2.0 + (r - l) * dx, cy, 4.5, INK);
            }
        }
    }
    c
}

/// An "S" of height `2 × hh` centred on (`x`, `cy`), as a polyline.
fn s_shape(x: f32, cy: f32, hh: f32) -> Vec<(f32, f32)> {
    use std::f32::consts::PI;
    let r = hh / 2.0;
    let mut pts = Vec::new();
    // Upper bowl: from the upper right, over the top and down the left to the middle.
    for i in 0..=16 {
        let a = PI * 0.15 + (i as f32 / 16.0) * PI * 1.35;
        pts.push((x + r * a.cos(), cy - r - r * a.sin()));
    }
    // Lower bowl: from the middle, down the right side and round to the lower left.
    for i in 0..=16 {
        let a = PI * 0.5 - (i as f32 / 16.0) * PI * 1.35;
        pts.push((x + r * a.cos(), cy + r - r * a.sin()));
    }
    pts
}

/// The map's icons by file stem.
pub fn icons() -> Vec<(&'static str, Canvas)> {
    vec![
        ("oil", oil()),
        ("gas", gas()),
        ("supply", supply()),
        ("strike", strike()),
    ]
}

/// An oil field: a derrick over a drop of oil.
fn oil() -> Canvas {
    let s = ICON as f32;
    let mut c = Canvas::new(ICON, ICON, [0.0; 4]);
    c.disc(s / 2.0, s / 2.0, s / 2.0 - 1.0, rgb(250, 246, 232));
    c.ring(s / 2.0, s / 2.0, s / 2.0 - 2.5, 3.0, INK);
    // The derrick: two legs, cross braces and a crown.
    let (top, foot) = (12.0, 50.0);
    c.line((s / 2.0, top), (18.0, foot), 3.5, INK);
    c.line((s / 2.0, top), (46.0, foot), 3.5, INK);
    c.line((22.0, 38.0), (42.0, 38.0), 3.0, INK);
    c.line((25.0, 28.0), (39.0, 28.0), 3.0, INK);
    c.line((22.0, 38.0), (39.0, 28.0), 2.5, INK);
    c.line((16.0, foot), (48.0, foot), 3.5, INK);
    c.disc(s / 2.0, top, 3.0, INK);
    c
}

/// A gas field: a flame.
fn gas() -> Canvas {
    let s = ICON as f32;
    let mut c = Canvas::new(ICON, ICON, [0.0; 4]);
    c.disc(s / 2.0, s / 2.0, s / 2.0 - 1.0, rgb(250, 246, 232));
    c.ring(s / 2.0, s / 2.0, s / 2.0 - 2.5, 3.0, INK);
    // A flame: a round foot and a tip, its sides curving in toward the top.
    let flame = |c: &mut Canvas, r: f32, col: Rgba| {
        let (cx, cy) = (s / 2.0, 40.0);
        let mut pts: Vec<(f32, f32)> = (0..=16)
            .map(|i| {
                let a = i as f32 / 16.0 * std::f32::consts::PI;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        for i in 1..16 {
            let u = i as f32 / 16.0;
            pts.push((cx - r * (1.0 - u).powf(0.7), cy - 2.3 * r * u));
        }
        pts.push((cx + r * 0.15, cy - 2.4 * r));
        for i in (1..16).rev() {
            let u = i as f32 / 16.0;
            pts.push((cx + r * (1.0 - u).powf(0.9) * 1.05, cy - 2.2 * r * u));
        }
        c.polygon(&pts, col);
    };
    flame(&mut c, 12.0, rgb(214, 96, 28));
    flame(&mut c, 6.5, rgb(250, 200, 60));
    c
}

/// A supply source: a crate with an arrow out of it.
fn supply() -> Canvas {
    let mut c = Canvas::new(ICON, ICON, [0.0; 4]);
    let wood = rgb(196, 150, 88);
    c.rect(12.0, 24.0, 52.0, 54.0, INK);
    c.rect(15.0, 27.0, 49.0, 51.0, wood);
    c.line((15.0, 27.0), (49.0, 51.0), 3.0, INK);
    c.line((15.0, 51.0), (49.0, 27.0), 3.0, INK);
    // The arrow: supply flows out, upward.
    c.polygon(&[(32.0, 4.0), (46.0, 18.0), (18.0, 18.0)], rgb(40, 150, 60));
    c.rect(28.0, 16.0, 36.0, 26.0, rgb(40, 150, 60));
    c
}

/// An air strike's burst: a jagged star of fire over a dark centre.
fn strike() -> Canvas {
    let s = ICON as f32;
    let mut c = Canvas::new(ICON, ICON, [0.0; 4]);
    let star = |n: usize, outer: f32, inner: f32, phase: f32| -> Vec<(f32, f32)> {
        (0..n * 2)
            .map(|i| {
                let a = phase + i as f32 / (n * 2) as f32 * std::f32::consts::TAU;
                let r = if i % 2 == 0 { outer } else { inner };
                (s / 2.0 + r * a.cos(), s / 2.0 + r * a.sin())
            })
            .collect()
    };
    c.polygon(
        &star(11, 31.0, 15.0, 0.1),
        with_alpha(rgb(200, 40, 20), 0.95),
    );
    c.polygon(&star(9, 23.0, 11.0, 0.5), rgb(250, 150, 30));
    c.polygon(&star(7, 14.0, 7.0, 0.2), rgb(255, 230, 120));
    c.disc(s / 2.0, s / 2.0, 4.0, rgb(255, 252, 235));
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_symbol() {
        let pics: Vec<Vec<u8>> = KINDS.iter().map(|k| symbol(*k).to_rgba8()).collect();
        for i in 0..pics.len() {
            for j in i + 1..pics.len() {
                let differ = pics[i]
                    .chunks(4)
                    .zip(pics[j].chunks(4))
                    .filter(|(a, b)| a[0].abs_diff(b[0]) > 100)
                    .count();
                assert!(differ > 300, "{:?} and {:?} look alike", KINDS[i], KINDS[j]);
            }
        }
    }
}
