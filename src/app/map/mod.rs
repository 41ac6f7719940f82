//! The map on screen: the terrain drawn once into an image and its lines ([`view`]), where
//! hexes are in the world ([`coords`]) and how terrain is coloured ([`terrain`]), the camera
//! that pans and zooms over it ([`camera`]), and what is painted over it each frame: places,
//! counters, reach, supply and objectives ([`overlay`]).

pub mod camera;
pub mod coords;
pub mod overlay;
pub mod terrain;
pub mod view;
