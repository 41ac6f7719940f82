//! The one place where game hexes ([`hexx::Hex`], row 0 at the top) meet bevy_ecs_tilemap's
//! tile positions (row 0 at the bottom) and world positions.

use bevy::prelude::*;
use bevy_ecs_tilemap::prelude::*;
use hexx::Hex;

use crate::sim::{Map, Orientation};

/// Pixel size of one pointy hex tile (width, height); flat tiles swap them. 28 ≈ √3 × 16, so
/// the hexes are regular to within a pixel.
pub const POINTY_TILE: Vec2 = Vec2::new(28.0, 32.0);

/// The geometry of the drawn map.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct MapGeometry {
    width: u32,
    height: u32,
    orientation: Orientation,
    /// Tilemap size.
    pub size: TilemapSize,
    /// Tile size in pixels.
    pub tile_size: TilemapTileSize,
    /// Grid size in pixels.
    pub grid_size: TilemapGridSize,
    /// Hex coordinate system of the tilemap.
    pub map_type: TilemapType,
}

impl MapGeometry {
    /// The geometry for a map.
    pub fn new(map: &Map) -> Self {
        let (w, h) = (map.width(), map.height());
        let tile = match map.orientation() {
            Orientation::Pointy => POINTY_TILE,
            Orientation::Flat => Vec2::new(POINTY_TILE.y, POINTY_TILE.x),
        };
        // Tile rows count upward, ours downward: which parity is shifted depends on the height.
        let system = match map.orientation() {
            Orientation::Pointy if (h - 1) % 2 == 0 => HexCoordSystem::RowOdd,
            Orientation::Pointy => HexCoordSystem::RowEven,
            Orientation::Flat => HexCoordSystem::ColumnEven,
        };
        MapGeometry {
            width: w,
            height: h,
            orientation: map.orientation(),
            size: TilemapSize { x: w, y: h },
            tile_size: TilemapTileSize {
                x: tile.x,
                y: tile.y,
            },
            grid_size: TilemapGridSize {
                x: tile.x,
                y: tile.y,
            },
            map_type: TilemapType::Hexagon(system),
        }
    }

    fn offset(&self, hex: Hex) -> [i32; 2] {
        hex.to_offset_coordinates(hexx::OffsetHexMode::Odd, self.orientation.hexx())
    }

    /// The tile of a hex, if on the map.
    pub fn tile_pos(&self, hex: Hex) -> Option<TilePos> {
        let [c, r] = self.offset(hex);
        (c >= 0 && r >= 0 && (c as u32) < self.width && (r as u32) < self.height).then(|| TilePos {
            x: c as u32,
            y: self.height - 1 - r as u32,
        })
    }

    /// The hex of a tile.
    pub fn hex(&self, tile: TilePos) -> Hex {
        let row = self.height as i32 - 1 - tile.y as i32;
        Hex::from_offset_coordinates(
            [tile.x as i32, row],
            hexx::OffsetHexMode::Odd,
            self.orientation.hexx(),
        )
    }

    /// World position of a hex centre (off-map hexes too, for drawing edges at the border).
    pub fn world(&self, hex: Hex) -> Vec2 {
        let [c, r] = self.offset(hex);
        // Off-map hexes have no TilePos (it is unsigned); shift into range and back.
        let shift = 4;
        let tile = TilePos {
            x: (c + shift * 2) as u32,
            y: (self.height as i32 - 1 - r + shift * 2) as u32,
        };
        let p = tile.center_in_world(
            &self.size,
            &self.grid_size,
            &self.tile_size,
            &self.map_type,
            &TilemapAnchor::None,
        );
        let origin = TilePos {
            x: (shift * 2) as u32,
            y: (shift * 2) as u32,
        }
        .center_in_world(
            &self.size,
            &self.grid_size,
            &self.tile_size,
            &self.map_type,
            &TilemapAnchor::None,
        );
        let zero = TilePos { x: 0, y: 0 }.center_in_world(
            &self.size,
            &self.grid_size,
            &self.tile_size,
            &self.map_type,
            &TilemapAnchor::None,
        );
        p - origin + zero
    }

    /// The hex under a world position, if on the map.
    pub fn hex_at_world(&self, p: Vec2) -> Option<Hex> {
        let tile = TilePos::from_world_pos(
            &p,
            &self.size,
            &self.grid_size,
            &self.tile_size,
            &self.map_type,
            &TilemapAnchor::None,
        )?;
        Some(self.hex(tile))
    }

    /// The two ends of the edge between neighbouring hexes `a` and `b`.
    pub fn edge_ends(&self, a: Hex, b: Hex) -> (Vec2, Vec2) {
        let (pa, pb) = (self.world(a), self.world(b));
        let mut common = a
            .all_neighbors()
            .into_iter()
            .filter(|n| n.unsigned_distance_to(b) == 1);
        let c = common.next().unwrap_or(a);
        let d = common.next().unwrap_or(b);
        (
            (pa + pb + self.world(c)) / 3.0,
            (pa + pb + self.world(d)) / 3.0,
        )
    }

    /// Width and height of the drawn map in world units.
    pub fn extent(&self) -> Vec2 {
        Vec2::new(
            self.grid_size.x * (self.width as f32 + 0.5),
            self.grid_size.y * (0.75 * self.height as f32 + 0.25),
        )
    }

    /// The six corners of a hex in world units, for outlines and fills.
    pub fn corners(&self, hex: Hex) -> [Vec2; 6] {
        let c = self.world(hex);
        // Half the tile's long side is the corner radius of a regular hex.
        let r = self.tile_size.x.max(self.tile_size.y) / 2.0;
        let start = match self.orientation {
            Orientation::Pointy => 30f32,
            Orientation::Flat => 0f32,
        };
        std::array::from_fn(|k| {
            let a = (start + 60.0 * k as f32).to_radians();
            c + Vec2::new(a.cos(), a.sin()) * r
        })
    }

    /// Centre of the drawn map in world units.
    pub fn centre(&self) -> Vec2 {
        let a = self.world(Hex::from_offset_coordinates(
            [0, 0],
            hexx::OffsetHexMode::Odd,
            self.orientation.hexx(),
        ));
        let b = self.world(Hex::from_offset_coordinates(
            [self.width as i32 - 1, self.height as i32 - 1],
            hexx::OffsetHexMode::Odd,
            self.orientation.hexx(),
        ));
        (a + b) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Terrain;

    #[test]
    fn tiles_and_hexes_agree_for_every_orientation_and_parity() {
        for orientation in [Orientation::Pointy, Orientation::Flat] {
            for (w, h) in [(7, 5), (6, 6), (9, 4)] {
                let map = Map::new(w, h, orientation, Terrain::Steppe);
                let g = MapGeometry::new(&map);
                for hex in map.hexes() {
                    let tile = g.tile_pos(hex).unwrap();
                    assert_eq!(g.hex(tile), hex);
                    let centre = tile.center_in_world(
                        &g.size,
                        &g.grid_size,
                        &g.tile_size,
                        &g.map_type,
                        &TilemapAnchor::None,
                    );
                    assert!((g.world(hex) - centre).length() < 0.01);
                    assert_eq!(g.hex_at_world(g.world(hex)), Some(hex));
                    // Game neighbours are drawn as touching tiles, one grid step apart.
                    for n in map.neighbors(hex) {
                        let d = g.world(hex).distance(g.world(n));
                        assert!(
                            (d - 28.0).abs() < 1.5,
                            "{orientation:?} {w}x{h}: {hex:?}-{n:?} drawn {d} apart"
                        );
                    }
                    // Row 0 is at the top.
                    let [_, r] = map.offset_of(hex);
                    let top = g.world(map.hex_at(0, 0)).y;
                    assert!(r > 0 || (g.world(hex).y - top).abs() < 20.0);
                }
            }
        }
    }
}
