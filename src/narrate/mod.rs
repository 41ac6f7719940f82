//! Every sentence a player reads about the game: events for the log and `replay`
//! ([`events`]), refusals of orders ([`refusals`]), and one way of naming hexes, places,
//! units, sides and money ([`names`]). The rules return data; the words are made here.

pub mod events;
pub mod names;
pub mod refusals;

pub use events::{Narrator, describe};
pub use refusals::{capitalised, explain};
