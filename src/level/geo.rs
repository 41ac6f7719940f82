//! Geography for level loading: projecting latitude/longitude onto the hex grid, and turning
//! polylines into hex edges (rivers, borders) and hex chains (roads).
//!
//! Floating point is fine here: it runs once, when a level is loaded, and its results (hexes
//! and edges) are integers. The rules never see a float.

use hexx::{Hex, HexLayout, Vec2};

/// Mean kilometres per degree of latitude.
const KM_PER_DEG_LAT: f64 = 110.574;
/// Kilometres per degree of longitude at the equator.
const KM_PER_DEG_LON: f64 = 111.320;

/// An equirectangular projection anchored at the centre of hex (0, 0), true to scale east–west
/// along one standard parallel. With that parallel in the middle of a map a few hundred
/// kilometres tall, the distortion stays around a hex at the far corners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    lat0: f64,
    lon0: f64,
    cos_lat0: f64,
    /// Kilometres per world unit: the layout's hex circumradius.
    km_per_unit: f64,
}

impl Projection {
    /// A projection with hex (0, 0)'s centre at `lat0`, `lon0`, `hex_km` between
    /// neighbouring hex centres, and east–west distances true at latitude `parallel`.
    pub fn new(lat0: f64, lon0: f64, hex_km: f64, parallel: f64) -> Self {
        Projection {
            lat0,
            lon0,
            cos_lat0: parallel.to_radians().cos(),
            // Neighbouring centres are √3 circumradii apart.
            km_per_unit: hex_km / 3f64.sqrt(),
        }
    }

    /// World position (layout units, y north) of a latitude/longitude.
    pub fn world(&self, lat: f64, lon: f64) -> Vec2 {
        let x = (lon - self.lon0) * KM_PER_DEG_LON * self.cos_lat0 / self.km_per_unit;
        let y = (lat - self.lat0) * KM_PER_DEG_LAT / self.km_per_unit;
        Vec2::new(x as f32, y as f32)
    }

    /// Latitude/longitude of a world position.
    pub fn lat_lon(&self, p: Vec2) -> (f64, f64) {
        let lat = self.lat0 + f64::from(p.y) * self.km_per_unit / KM_PER_DEG_LAT;
        let lon = self.lon0 + f64::from(p.x) * self.km_per_unit / (KM_PER_DEG_LON * self.cos_lat0);
        (lat, lon)
    }
}

/// A hex corner, named by the three hexes that meet there (sorted, so each corner has one name).
type Vertex = [(i32, i32); 3];

fn key(h: Hex) -> (i32, i32) {
    (h.x, h.y)
}

fn vertex(a: Hex, b: Hex, c: Hex) -> Vertex {
    let mut v = [key(a), key(b), key(c)];
    v.sort_unstable();
    v
}

fn hexes(v: &Vertex) -> [Hex; 3] {
    v.map(|(x, y)| Hex::new(x, y))
}

fn vertex_pos(layout: &HexLayout, v: &Vertex) -> Vec2 {
    // Three mutually adjacent hex centres meet at their shared corner's centroid.
    let [a, b, c] = hexes(v);
    (layout.hex_to_world_pos(a) + layout.hex_to_world_pos(b) + layout.hex_to_world_pos(c)) / 3.0
}

/// The six corners of a hex.
fn corners(h: Hex) -> Vec<Vertex> {
    let n = h.all_neighbors();
    let mut out = Vec::with_capacity(6);
    for i in 0..6 {
        for j in (i + 1)..6 {
            if n[i].unsigned_distance_to(n[j]) == 1 {
                out.push(vertex(h, n[i], n[j]));
            }
        }
    }
    out
}

/// The corner nearest to a world position.
fn snap(layout: &HexLayout, p: Vec2) -> Vertex {
    let h = layout.world_pos_to_hex(p);
    corners(h)
        .into_iter()
        .min_by(|a, b| {
            vertex_pos(layout, a)
                .distance_squared(p)
                .total_cmp(&vertex_pos(layout, b).distance_squared(p))
        })
        .unwrap_or_else(|| vertex(h, h, h))
}

/// The three corners next to `v`, each with the pair of hexes whose edge joins them.
fn adjacent(v: &Vertex) -> Vec<(Vertex, (Hex, Hex))> {
    let [a, b, c] = hexes(v);
    let mut out = Vec::with_capacity(3);
    for (p, q, other) in [(a, b, c), (a, c, b), (b, c, a)] {
        // Two neighbouring hexes share exactly two common neighbours: one is `other`,
        // the far one closes the next corner along their shared edge.
        if let Some(d) = p
            .all_neighbors()
            .into_iter()
            .find(|n| *n != other && n.unsigned_distance_to(q) == 1)
        {
            out.push((vertex(p, q, d), (p, q)));
        }
    }
    out
}

/// Samples a polyline every `step` world units, including both ends.
fn samples(points: &[Vec2], step: f32) -> Vec<Vec2> {
    let mut out = Vec::new();
    if let Some(first) = points.first() {
        out.push(*first);
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let n = ((a.distance(b) / step).ceil() as usize).clamp(1, 100_000);
        for k in 1..=n {
            out.push(a.lerp(b, k as f32 / n as f32));
        }
    }
    out
}

/// The hex edges along a polyline: the line is snapped to hex corners and the corners joined
/// by the shortest walk along edges, so the result is one connected chain of edges.
pub fn edge_line(layout: &HexLayout, points: &[Vec2]) -> Vec<(Hex, Hex)> {
    let mut out = Vec::new();
    let mut current: Option<Vertex> = None;
    for p in samples(points, 0.25) {
        let target = snap(layout, p);
        let Some(mut at) = current else {
            current = Some(target);
            continue;
        };
        let goal = vertex_pos(layout, &target);
        // Greedy steps toward the goal always shorten the distance on a honeycomb; the
        // bound only guards against a degenerate layout.
        for _ in 0..1000 {
            if at == target {
                break;
            }
            let here = vertex_pos(layout, &at).distance(goal);
            let Some((next, edge)) = adjacent(&at).into_iter().min_by(|a, b| {
                vertex_pos(layout, &a.0)
                    .distance(goal)
                    .total_cmp(&vertex_pos(layout, &b.0).distance(goal))
            }) else {
                break;
            };
            if vertex_pos(layout, &next).distance(goal) >= here {
                break;
            }
            out.push(edge);
            at = next;
        }
        current = Some(at);
    }
    out
}

/// The chain of neighbouring hexes along a polyline (for roads).
pub fn hex_chain(layout: &HexLayout, points: &[Vec2]) -> Vec<Hex> {
    let mut out: Vec<Hex> = Vec::new();
    for p in samples(points, 0.25) {
        let h = layout.world_pos_to_hex(p);
        match out.last() {
            Some(&last) if last == h => {}
            Some(&last) => {
                // A sample can skip past a corner; fill the gap with a straight hex line.
                out.extend(last.line_to(h).skip(1));
            }
            None => out.push(h),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> HexLayout {
        let mut l = HexLayout::pointy();
        l.invert_y();
        l
    }

    #[test]
    fn projection_round_trips_and_keeps_scale() {
        let p = Projection::new(36.0, 38.0, 6.0, 36.0);
        let w = p.world(35.5, 39.0);
        let (lat, lon) = p.lat_lon(w);
        assert!((lat - 35.5).abs() < 1e-4 && (lon - 39.0).abs() < 1e-4);
        // Half a degree south is about 55 km, i.e. about 9 hexes of 6 km.
        let rows = -w.y * (6.0 / 3f32.sqrt()) / 6.0;
        assert!((rows - 9.2).abs() < 0.2, "{rows}");
    }

    #[test]
    fn edge_lines_are_connected_chains_of_real_edges() {
        let l = layout();
        let pts = [
            Vec2::new(0.3, 0.2),
            Vec2::new(9.0, -7.5),
            Vec2::new(14.0, 3.0),
        ];
        let edges = edge_line(&l, &pts);
        assert!(edges.len() > 10);
        for (a, b) in &edges {
            assert_eq!(a.unsigned_distance_to(*b), 1);
        }
        // Consecutive edges share a hex (they meet at a corner).
        for w in edges.windows(2) {
            let (a, b) = w[0];
            let (c, d) = w[1];
            assert!(a == c || a == d || b == c || b == d);
        }
    }

    #[test]
    fn hex_chains_have_no_gaps() {
        let l = layout();
        let chain = hex_chain(&l, &[Vec2::new(0.0, 0.0), Vec2::new(20.0, -11.0)]);
        for w in chain.windows(2) {
            assert_eq!(w[0].unsigned_distance_to(w[1]), 1);
        }
    }
}
