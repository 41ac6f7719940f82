//! A small software painter for the generated art: shapes are signed distance functions,
//! anti-aliased by their distance to the edge, blended over an RGBA canvas in sRGB. Noise is
//! hashed from integer coordinates, so every picture is the same on every machine.

/// A colour, sRGB components and alpha in 0..=1.
pub type Rgba = [f32; 4];

/// An opaque colour from 8-bit sRGB components.
pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
    [r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0, 1.0]
}

/// The same colour with alpha `a`.
pub fn with_alpha(c: Rgba, a: f32) -> Rgba {
    [c[0], c[1], c[2], c[3] * a]
}

/// `a` blended toward `b` by `t`.
pub fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
        a[3] + (b[3] - a[3]) * t,
    ]
}

/// `c` brightened (positive `k`) or darkened (negative) by a fraction of its value.
pub fn shade(c: Rgba, k: f32) -> Rgba {
    let f = |v: f32| (v * (1.0 + k)).clamp(0.0, 1.0);
    [f(c[0]), f(c[1]), f(c[2]), c[3]]
}

/// A picture being painted.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    /// Width in pixels.
    pub w: u32,
    /// Height in pixels.
    pub h: u32,
    px: Vec<Rgba>,
}

impl Canvas {
    /// A canvas filled with one colour (transparent for `[0.0; 4]`).
    pub fn new(w: u32, h: u32, fill: Rgba) -> Self {
        Canvas {
            w,
            h,
            px: vec![fill; (w * h) as usize],
        }
    }

    /// The colour at a pixel.
    pub fn get(&self, x: u32, y: u32) -> Rgba {
        self.px[(y * self.w + x) as usize]
    }

    /// Sets a pixel.
    pub fn set(&mut self, x: u32, y: u32, c: Rgba) {
        self.px[(y * self.w + x) as usize] = c;
    }

    /// Blends `c` over a pixel with coverage `cov`.
    pub fn blend(&mut self, x: u32, y: u32, c: Rgba, cov: f32) {
        let a = (c[3] * cov).clamp(0.0, 1.0);
        if a <= 0.0 {
            return;
        }
        let d = self.get(x, y);
        let out_a = a + d[3] * (1.0 - a);
        let ch = |i: usize| {
            if out_a <= 0.0 {
                0.0
            } else {
                (c[i] * a + d[i] * d[3] * (1.0 - a)) / out_a
            }
        };
        self.set(x, y, [ch(0), ch(1), ch(2), out_a]);
    }

    /// Paints a shape given by its signed distance (negative inside, in pixels), within a
    /// bounding box, anti-aliased over one pixel.
    pub fn fill(&mut self, bounds: [f32; 4], c: Rgba, sd: impl Fn(f32, f32) -> f32) {
        let x0 = (bounds[0].floor().max(0.0)) as u32;
        let y0 = (bounds[1].floor().max(0.0)) as u32;
        let x1 = (bounds[2].ceil().max(0.0) as u32).min(self.w);
        let y1 = (bounds[3].ceil().max(0.0) as u32).min(self.h);
        for y in y0..y1 {
            for x in x0..x1 {
                let d = sd(x as f32 + 0.5, y as f32 + 0.5);
                let cov = (0.5 - d).clamp(0.0, 1.0);
                if cov > 0.0 {
                    self.blend(x, y, c, cov);
                }
            }
        }
    }

    /// A filled disc.
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, c: Rgba) {
        let b = [cx - r - 1.0, cy - r - 1.0, cx + r + 1.0, cy + r + 1.0];
        self.fill(b, c, |x, y| ((x - cx).hypot(y - cy)) - r);
    }

    /// A circle's outline of width `w`.
    pub fn ring(&mut self, cx: f32, cy: f32, r: f32, w: f32, c: Rgba) {
        let e = r + w;
        let b = [cx - e - 1.0, cy - e - 1.0, cx + e + 1.0, cy + e + 1.0];
        self.fill(b, c, |x, y| ((x - cx).hypot(y - cy) - r).abs() - w / 2.0);
    }

    /// A line of width `w` with round ends.
    pub fn line(&mut self, a: (f32, f32), b: (f32, f32), w: f32, c: Rgba) {
        let e = w / 2.0 + 1.0;
        let bounds = [
            a.0.min(b.0) - e,
            a.1.min(b.1) - e,
            a.0.max(b.0) + e,
            a.1.max(b.1) + e,
        ];
        self.fill(bounds, c, |x, y| segment_distance((x, y), a, b) - w / 2.0);
    }

    /// A line through several points, with round joins.
    pub fn polyline(&mut self, pts: &[(f32, f32)], w: f32, c: Rgba) {
        if pts.len() < 2 {
            return;
        }
        let e = w / 2.0 + 1.0;
        let bounds = bounds_of(pts, e);
        self.fill(bounds, c, |x, y| {
            pts.windows(2)
                .map(|s| segment_distance((x, y), s[0], s[1]))
                .fold(f32::MAX, f32::min)
                - w / 2.0
        });
    }

    /// A filled polygon (any simple polygon).
    pub fn polygon(&mut self, pts: &[(f32, f32)], c: Rgba) {
        if pts.len() < 3 {
            return;
        }
        let bounds = bounds_of(pts, 1.0);
        self.fill(bounds, c, |x, y| polygon_distance((x, y), pts));
    }

    /// A filled axis-aligned rectangle.
    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgba) {
        self.polygon(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], c);
    }

    /// A filled ellipse (approximate distance, exact on the axes).
    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgba) {
        let b = [cx - rx - 1.0, cy - ry - 1.0, cx + rx + 1.0, cy + ry + 1.0];
        self.fill(b, c, |x, y| {
            let (u, v) = ((x - cx) / rx, (y - cy) / ry);
            (u.hypot(v) - 1.0) * rx.min(ry)
        });
    }

    /// The outline of an ellipse, `w` wide.
    pub fn ellipse_ring(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, w: f32, c: Rgba) {
        let b = [
            cx - rx - w - 1.0,
            cy - ry - w - 1.0,
            cx + rx + w + 1.0,
            cy + ry + w + 1.0,
        ];
        self.fill(b, c, |x, y| {
            let (u, v) = ((x - cx) / rx, (y - cy) / ry);
            ((u.hypot(v) - 1.0) * rx.min(ry)).abs() - w / 2.0
        });
    }

    /// The pixels as 8-bit RGBA rows.
    pub fn to_rgba8(&self) -> Vec<u8> {
        let q = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        self.px
            .iter()
            .flat_map(|p| [q(p[0]), q(p[1]), q(p[2]), q(p[3])])
            .collect()
    }

    /// The picture as a PNG file.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, self.w, self.h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::High);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer
            .write_image_data(&self.to_rgba8())
            .map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// Decodes a PNG file to its size and 8-bit RGBA pixels.
pub fn decode_png(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "image too large".to_string())?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect(),
        other => return Err(format!("unexpected colour type {other:?}")),
    };
    Ok((info.width, info.height, rgba))
}

fn bounds_of(pts: &[(f32, f32)], e: f32) -> [f32; 4] {
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for p in pts {
        b = [b[0].min(p.0), b[1].min(p.1), b[2].max(p.0), b[3].max(p.1)];
    }
    [b[0] - e, b[1] - e, b[2] + e, b[3] + e]
}

/// Distance from `p` to the segment `a`–`b`.
pub fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Signed distance from `p` to a polygon's edge, negative inside (even-odd rule).
pub fn polygon_distance(p: (f32, f32), pts: &[(f32, f32)]) -> f32 {
    let mut d = f32::MAX;
    let mut inside = false;
    let n = pts.len();
    for i in 0..n {
        let (a, b) = (pts[i], pts[(i + 1) % n]);
        d = d.min(segment_distance(p, a, b));
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            inside = !inside;
        }
    }
    if inside { -d } else { d }
}

/// A hash of integer coordinates and a seed, uniform in 0..1.
pub fn hash(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x9E37_79B9)
        ^ (y as u32).wrapping_mul(0x85EB_CA6B)
        ^ seed.wrapping_mul(0xC2B2_AE35);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297A_2D39);
    h ^= h >> 15;
    (h & 0x00FF_FFFF) as f32 / 16_777_216.0
}

/// Smooth value noise in 0..1 with features `scale` pixels apart.
pub fn noise(x: f32, y: f32, scale: f32, seed: u32) -> f32 {
    let (u, v) = (x / scale, y / scale);
    let (i, j) = (u.floor() as i32, v.floor() as i32);
    let (fx, fy) = (u - u.floor(), v - v.floor());
    let s = |t: f32| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (s(fx), s(fy));
    let a = hash(i, j, seed);
    let b = hash(i + 1, j, seed);
    let c = hash(i, j + 1, seed);
    let d = hash(i + 1, j + 1, seed);
    let top = a + (b - a) * sx;
    let bottom = c + (d - c) * sx;
    top + (bottom - top) * sy
}

/// Fractal noise: `octaves` layers of [`noise`], each half the scale and weight.
pub fn fbm(x: f32, y: f32, scale: f32, octaves: u32, seed: u32) -> f32 {
    let (mut sum, mut weight, mut total, mut sc) = (0.0, 1.0, 0.0, scale);
    for o in 0..octaves {
        sum += noise(x, y, sc, seed.wrapping_add(o * 101)) * weight;
        total += weight;
        weight *= 0.5;
        sc *= 0.5;
    }
    sum / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disc_covers_its_centre_and_not_its_corner() {
        let mut c = Canvas::new(20, 20, [0.0; 4]);
        c.disc(10.0, 10.0, 6.0, rgb(255, 0, 0));
        assert_eq!(c.get(10, 10), rgb(255, 0, 0));
        assert_eq!(c.get(0, 0)[3], 0.0);
        let png = c.to_png().unwrap();
        let (w, h, px) = decode_png(&png).unwrap();
        assert_eq!((w, h), (20, 20));
        assert_eq!(px, c.to_rgba8());
    }

    #[test]
    fn noise_stays_in_range_and_repeats() {
        for i in 0..200 {
            let (x, y) = (i as f32 * 3.7, i as f32 * 1.3);
            let n = fbm(x, y, 16.0, 4, 7);
            assert!((0.0..=1.0).contains(&n));
            assert_eq!(n, fbm(x, y, 16.0, 4, 7));
        }
    }
}
