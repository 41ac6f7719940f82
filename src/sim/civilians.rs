//! Civilians: fighting and air strikes in populated places displace the people living there.
//!
//! Each place starts with its population. A ground attack on a place drives out
//! [`ATTACK_DISPLACES_PERCENT`] of the people still there, an air strike
//! [`STRIKE_DISPLACES_PERCENT`]; the people displaced are counted against the faction that
//! attacked or called the strike. The rates are calibrated so that a battle for a town of
//! five or six attacks drives out more than half of it, as the towns of the valley emptied in
//! autumn 2017: in Deir ez-Zor governorate more than 320,000 people were displaced in
//! September and October alone, and 58 of 135 communities were reported uninhabited
//! (REACH/OCHA, 23 November 2017, [S186] in the scenario notes); 65,000 fled western Anbar in
//! 2017 ([S190]). With these rates an all-AI game of the default level displaces some tens of
//! thousands from the towns it models (see `euphrates simulate`); the level's places are the
//! main towns only, not the province's hundreds of villages.

use hexx::Hex;

use super::entities::FactionId;
use super::event::Event;
use super::game::Game;

/// Share of a place's remaining people who flee a ground attack on it, in percent.
pub const ATTACK_DISPLACES_PERCENT: u32 = 15;

/// Share of a place's remaining people who flee an air strike on it, in percent.
pub const STRIKE_DISPLACES_PERCENT: u32 = 5;

impl Game {
    /// The people who flee when `by` fights in `hex` (`percent` of those still there), if a
    /// populated place stands there.
    pub(super) fn displacement(&self, by: FactionId, hex: Hex, percent: u32) -> Option<Event> {
        let (place, _) = self.scenario().place_at(hex)?;
        let left = self.residents(place);
        let people = (u64::from(left) * u64::from(percent) / 100) as u32;
        (people > 0).then_some(Event::CiviliansDisplaced { place, by, people })
    }
}
