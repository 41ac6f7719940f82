//! The map: its size and terrain, projection, countries and borders, rivers and their
//! crossings, roads, the starting-control grid, and positions given by hex or by coordinates.

use std::collections::{BTreeMap, BTreeSet};

use hexx::{Hex, Vec2};

use super::{Geometry, Validator};
use crate::level::geo::{self, Projection};
use crate::level::limits::{MAX_ITEMS, MAX_LINE_POINTS};
use crate::level::locate::Position;
use crate::level::schema::{self, Pos};
use crate::sim::{self, Crossing, EdgeKey, FactionId, Map, Terrain, map::MAX_MAP_SIDE, map::Tile};

pub(super) fn projection_of(p: schema::Projection) -> Projection {
    Projection::new(
        p.origin.lat,
        p.origin.lon,
        p.hex_km,
        p.standard_parallel.unwrap_or(p.origin.lat),
    )
}

impl Validator {
    /// The map with its projection, countries, rivers and roads.
    pub(super) fn geometry(&mut self, lv: &schema::Level) -> Option<(Map, Geometry)> {
        let mut map = self.map(&lv.map)?;
        let projection = lv.map.projection.and_then(|p| {
            let o = p.origin;
            let ok = p.hex_km.is_finite()
                && (0.5..=100.0).contains(&p.hex_km)
                && (-85.0..=85.0).contains(&o.lat)
                && (-180.0..=180.0).contains(&o.lon)
                && p.standard_parallel
                    .is_none_or(|l| (-85.0..=85.0).contains(&l));
            if !ok {
                self.err(
                    "map.projection",
                    "invalid projection",
                    Some("hex_km is 0.5..=100; latitudes -85..=85; longitude -180..=180".into()),
                );
            }
            ok.then(|| projection_of(p))
        });
        let g = Geometry {
            layout: map.layout(),
            projection,
        };
        self.countries(lv, &mut map, &g);
        self.rivers(lv, &mut map, &g);
        self.roads(lv, &mut map, &g);
        Some((map, g))
    }
}

impl Validator {
    /// The hex of a position, or a diagnostic when it cannot be placed on the map.
    pub(super) fn hex(&mut self, map: &Map, g: &Geometry, path: &str, pos: &Pos) -> Option<Hex> {
        let (w, h) = (map.width(), map.height());
        match *pos {
            Pos::Hex(c, r) => {
                let hex = map.hex_at(c, r);
                if map.contains(hex) {
                    Some(hex)
                } else {
                    self.err(
                        path,
                        format!("Hex({c}, {r}) is off the map"),
                        Some(format!(
                            "the map is {w}×{h}: columns 0..={}, rows 0..={}",
                            w - 1,
                            h - 1
                        )),
                    );
                    None
                }
            }
            Pos::LatLon(lat, lon) => {
                let Some(p) = g.projection else {
                    self.err(
                        path,
                        "a LatLon position needs a map projection",
                        Some("add `projection: (origin: (lat: .., lon: ..), hex_km: ..)` to the map, or use Hex(column, row)".into()),
                    );
                    return None;
                };
                if !(lat.is_finite()
                    && lon.is_finite()
                    && (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon))
                {
                    self.err(
                        path,
                        format!("LatLon({lat}, {lon}) is not a valid latitude/longitude"),
                        Some(
                            "latitude is -90..=90, longitude -180..=180, in decimal degrees".into(),
                        ),
                    );
                    return None;
                }
                let hex = g.layout.world_pos_to_hex(p.world(lat, lon));
                if map.contains(hex) {
                    Some(hex)
                } else {
                    let [c, r] = map.offset_of(hex);
                    self.err(
                        path,
                        format!("LatLon({lat}, {lon}) lies off the map (it would be column {c}, row {r})"),
                        Some(format!("the map is {w}×{h} hexes; enlarge it or move the origin")),
                    );
                    None
                }
            }
        }
    }

    pub(super) fn world(&mut self, map: &Map, g: &Geometry, path: &str, pos: &Pos) -> Option<Vec2> {
        let hex = self.hex(map, g, path, pos)?;
        Some(match (*pos, g.projection) {
            (Pos::LatLon(lat, lon), Some(p)) => p.world(lat, lon),
            _ => g.layout.hex_to_world_pos(hex),
        })
    }

    /// Edges of a line given by a polyline and/or explicit pairs.
    pub(super) fn line_edges(
        &mut self,
        map: &Map,
        g: &Geometry,
        path: &str,
        points: &[Pos],
        pairs: &[(Pos, Pos)],
    ) -> Vec<(Hex, Hex)> {
        let mut out = Vec::new();
        if !self.count(
            &format!("{path}.path"),
            "points",
            points.len(),
            MAX_LINE_POINTS,
        ) || !self.count(
            &format!("{path}.edges"),
            "edges",
            pairs.len(),
            MAX_LINE_POINTS,
        ) {
            return out;
        }
        let world: Vec<Option<Vec2>> = points
            .iter()
            .enumerate()
            .map(|(i, p)| self.world(map, g, &format!("{path}.path[{i}]"), p))
            .collect();
        if world.iter().all(Option::is_some) {
            let pts: Vec<Vec2> = world.into_iter().flatten().collect();
            if pts.len() == 1 {
                self.err(
                    &format!("{path}.path"),
                    "a line needs at least two points",
                    None,
                );
            }
            out.extend(geo::edge_line(&g.layout, &pts));
        }
        for (i, (a, b)) in pairs.iter().enumerate() {
            let pa = format!("{path}.edges[{i}].0");
            let pb = format!("{path}.edges[{i}].1");
            if let (Some(ha), Some(hb)) = (self.hex(map, g, &pa, a), self.hex(map, g, &pb, b)) {
                if ha.unsigned_distance_to(hb) == 1 {
                    out.push((ha, hb));
                } else {
                    self.err(
                        &format!("{path}.edges[{i}]"),
                        "the two hexes of an edge must be neighbours",
                        Some("an edge is the side shared by two touching hexes".into()),
                    );
                }
            }
        }
        if points.is_empty() && pairs.is_empty() {
            self.err(
                path,
                "the line has neither `path` nor `edges`",
                Some("give a `path` of points, or `edges` as pairs of neighbouring hexes".into()),
            );
        }
        out
    }

    /// Position of character `k` of the string at `path` (which starts with its quote).
    pub(super) fn char_pos(&self, path: &str, k: usize) -> Position {
        let p = self.loc.get(path);
        Position {
            line: p.line,
            col: p.col + 1 + k,
        }
    }

    pub(super) fn map(&mut self, m: &schema::Map) -> Option<Map> {
        let side = 1..=MAX_MAP_SIDE;
        if !side.contains(&m.width) || !side.contains(&m.height) {
            self.err(
                if side.contains(&m.width) {
                    "map.height"
                } else {
                    "map.width"
                },
                format!("a map of {}×{} hexes", m.width, m.height),
                Some(format!("width and height are 1..={MAX_MAP_SIDE}")),
            );
            return None;
        }
        let mut map = Map::new(m.width, m.height, m.orientation, Terrain::Desert);
        if m.terrain.len() != m.height as usize {
            self.err(
                "map.terrain",
                format!(
                    "{} terrain rows for a map {} rows high",
                    m.terrain.len(),
                    m.height
                ),
                Some("give exactly one string per row".into()),
            );
        }
        let legend_keys: String = m.legend.keys().map(|c| format!("'{c}' ")).collect();
        for (r, row) in m.terrain.iter().enumerate().take(m.height as usize) {
            let path = format!("map.terrain[{r}]");
            let n = row.chars().count();
            if n != m.width as usize {
                self.err(
                    &path,
                    format!("row {r} has {n} hexes; the map is {} wide", m.width),
                    Some("every row has one character per column".into()),
                );
            }
            for (c, ch) in row.chars().enumerate().take(m.width as usize) {
                match m.legend.get(&ch) {
                    Some(t) => map.set_tile(
                        map.hex_at(c as i32, r as i32),
                        Tile {
                            terrain: *t,
                            country: None,
                        },
                    ),
                    None => {
                        let pos = self.char_pos(&path, c);
                        self.push(
                            pos,
                            format!("unknown terrain character '{ch}' (row {r}, column {c})"),
                            Some(format!("the legend defines {}", legend_keys.trim_end())),
                        );
                    }
                }
            }
        }
        Some(map)
    }

    pub(super) fn countries(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if lv.countries.is_empty() {
            if !lv.borders.is_empty() {
                self.err(
                    "borders",
                    "borders are given but no countries",
                    Some("add `countries` with a seed position inside each".into()),
                );
            }
            return;
        }
        if !self.count("countries", "countries", lv.countries.len(), 64) {
            return;
        }
        self.ids("countries", lv.countries.iter().map(|c| c.id.as_str()));
        let mut border: BTreeSet<EdgeKey> = BTreeSet::new();
        for (i, b) in lv.borders.iter().enumerate().take(MAX_ITEMS) {
            for (a, c) in self.line_edges(map, g, &format!("borders[{i}]"), &b.path, &b.edges) {
                border.insert(EdgeKey::new(a, c));
            }
        }
        let seeds: Vec<Option<Hex>> = lv
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| self.hex(map, g, &format!("countries[{i}].seed"), &c.seed))
            .collect();
        let mut owner: Vec<Option<usize>> = vec![None; map.len()];
        for (ci, seed) in seeds.iter().enumerate() {
            let Some(seed) = *seed else { continue };
            let Some(si) = map.index(seed) else { continue };
            if let Some(other) = owner[si] {
                self.err(
                    &format!("countries[{ci}].seed"),
                    format!(
                        "the borders do not separate `{}` from `{}`",
                        lv.countries[ci].id, lv.countries[other].id
                    ),
                    Some("a border must run from map edge to map edge (or close on itself) between the two seeds".into()),
                );
                continue;
            }
            let mut stack = vec![seed];
            owner[si] = Some(ci);
            while let Some(h) = stack.pop() {
                for n in map.neighbors(h).collect::<Vec<_>>() {
                    let Some(ni) = map.index(n) else { continue };
                    if owner[ni].is_none() && !border.contains(&EdgeKey::new(h, n)) {
                        owner[ni] = Some(ci);
                        stack.push(n);
                    }
                }
            }
        }
        map.countries = lv
            .countries
            .iter()
            .map(|c| sim::map::Country {
                key: c.id.clone(),
                name: c.name.clone(),
            })
            .collect();
        for (i, o) in owner.iter().enumerate() {
            let hex = map.hex_of_index(i);
            if let Some(t) = map.tile(hex).copied() {
                map.set_tile(
                    hex,
                    Tile {
                        country: o.map(|c| c as u8),
                        ..t
                    },
                );
            }
        }
    }

    pub(super) fn rivers(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if !self.count("rivers", "rivers", lv.rivers.len(), 256) {
            return;
        }
        let river_ids = self.ids("rivers", lv.rivers.iter().map(|r| r.id.as_str()));
        for (i, r) in lv.rivers.iter().enumerate() {
            let index = map.add_river(&r.id, &r.name);
            for (a, b) in self.line_edges(map, g, &format!("rivers[{i}]"), &r.path, &r.edges) {
                map.add_river_edge(a, b, index);
            }
        }
        self.count("crossings", "crossings", lv.crossings.len(), MAX_ITEMS);
        for (i, c) in lv.crossings.iter().enumerate().take(MAX_ITEMS) {
            let path = format!("crossings[{i}]");
            let Some(ri) = self.reference(&format!("{path}.river"), "river", &c.river, &river_ids)
            else {
                continue;
            };
            let Some(at) = self.world(map, g, &format!("{path}.at"), &c.at) else {
                continue;
            };
            let edge = if let Some(across) = &c.across {
                let a = g.layout.world_pos_to_hex(at);
                let Some(b) = self.hex(map, g, &format!("{path}.across"), across) else {
                    continue;
                };
                let on_river = map
                    .river_between(a, b)
                    .is_some_and(|e| usize::from(e.river) == ri);
                if !on_river {
                    self.err(
                        &format!("{path}.across"),
                        format!("the {} does not run between these two hexes", lv.rivers[ri].name),
                        Some("`at` and `across` must be neighbouring hexes on either side of the river".into()),
                    );
                    continue;
                }
                EdgeKey::new(a, b)
            } else {
                let nearest = map
                    .river_edges()
                    .filter(|(_, e)| usize::from(e.river) == ri)
                    .map(|(k, _)| {
                        let (a, b) = k.hexes();
                        let mid =
                            (g.layout.hex_to_world_pos(a) + g.layout.hex_to_world_pos(b)) / 2.0;
                        (mid.distance(at), k)
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                match nearest {
                    // Two hex radii: a crossing placed by coordinates may sit a little off
                    // the snapped river line, but no farther.
                    Some((d, k)) if d <= 2.0 => k,
                    _ => {
                        self.err(
                            &format!("{path}.at"),
                            format!(
                                "no edge of the {} lies near `{}`",
                                lv.rivers[ri].name, c.name
                            ),
                            Some(
                                "put the crossing on the river, or give `across` to name the edge"
                                    .into(),
                            ),
                        );
                        continue;
                    }
                }
            };
            map.set_crossing(
                edge,
                Crossing {
                    name: c.name.clone(),
                    kind: c.kind,
                },
            );
        }
    }

    pub(super) fn roads(&mut self, lv: &schema::Level, map: &mut Map, g: &Geometry) {
        if !self.count("roads", "roads", lv.roads.len(), MAX_ITEMS) {
            return;
        }
        for (i, r) in lv.roads.iter().enumerate() {
            let path = format!("roads[{i}]");
            if !self.count(
                &format!("{path}.path"),
                "points",
                r.path.len(),
                MAX_LINE_POINTS,
            ) {
                continue;
            }
            if r.path.len() < 2 {
                self.err(
                    &format!("{path}.path"),
                    "a road needs at least two points",
                    None,
                );
                continue;
            }
            let pts: Vec<Option<Vec2>> = r
                .path
                .iter()
                .enumerate()
                .map(|(k, p)| self.world(map, g, &format!("{path}.path[{k}]"), p))
                .collect();
            if pts.iter().any(Option::is_none) {
                continue;
            }
            let pts: Vec<Vec2> = pts.into_iter().flatten().collect();
            let chain = geo::hex_chain(&g.layout, &pts);
            for w in chain.windows(2) {
                map.add_road(w[0], w[1]);
            }
        }
    }

    pub(super) fn control_grid(
        &mut self,
        c: &schema::Control,
        map: &Map,
        factions: &BTreeMap<String, usize>,
        control: &mut [Option<FactionId>],
    ) {
        let mut legend: BTreeMap<char, Option<usize>> = BTreeMap::new();
        for (ch, f) in &c.legend {
            let path = format!("control.legend{{'{ch}'}}");
            legend.insert(*ch, self.reference(&path, "faction", f, factions));
        }
        if c.rows.len() != map.height() as usize {
            self.err(
                "control.rows",
                format!(
                    "{} control rows for a map {} rows high",
                    c.rows.len(),
                    map.height()
                ),
                Some("give exactly one string per row, like the terrain".into()),
            );
        }
        for (r, row) in c.rows.iter().enumerate().take(map.height() as usize) {
            let path = format!("control.rows[{r}]");
            if row.chars().count() != map.width() as usize {
                self.err(
                    &path,
                    format!(
                        "control row {r} has {} characters; the map is {} wide",
                        row.chars().count(),
                        map.width()
                    ),
                    None,
                );
            }
            for (k, ch) in row.chars().enumerate().take(map.width() as usize) {
                if ch == '.' || ch == ' ' {
                    continue;
                }
                match legend.get(&ch) {
                    Some(Some(f)) => {
                        if let Some(i) = map.index(map.hex_at(k as i32, r as i32)) {
                            control[i] = Some(FactionId(*f as u8));
                        }
                    }
                    Some(None) => {}
                    None => {
                        let pos = self.char_pos(&path, k);
                        self.push(
                            pos,
                            format!("unknown control character '{ch}' (row {r}, column {k})"),
                            Some("add it to the control legend, or use '.' for nobody".into()),
                        );
                    }
                }
            }
        }
    }
}
