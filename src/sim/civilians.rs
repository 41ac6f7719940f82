//! Civilians: fighting, air strikes and sieges in populated places displace the people living
//! there.
//!
//! Each place starts with the people present (a level may give fewer than its census). A
//! ground attack on a place drives out [`ATTACK_DISPLACES_PERCENT`] of the people still there,
//! an air strike [`STRIKE_DISPLACES_PERCENT`], and each turn a siege
//! [`SIEGE_DISPLACES_PERCENT`]: a place whose holder's supply is cut by another side's ground
//! or troops. The people displaced are counted against the faction that attacked, called the
//! strike or holds the way in [`Cause`]. The rates are calibrated so that a battle for a town of
//! five or six attacks drives out more than half of it, as the towns of the valley emptied in
//! autumn 2017: in Deir ez-Zor governorate more than 320,000 people were displaced in
//! September and October alone, and 58 of 135 communities were reported uninhabited
//! (REACH/OCHA, 23 November 2017, [S186] in the scenario notes); 65,000 fled western Anbar in
//! 2017 ([S190]). With these rates an all-AI game of the default level displaces some tens of
//! thousands from the towns it models (see `euphrates simulate`); the level's places are the
//! main towns only, not the province's hundreds of villages.

use hexx::Hex;
use serde::{Deserialize, Serialize};

use super::entities::FactionId;
use super::event::Event;
use super::game::Game;
use super::supply::Cut;

/// Why people fled a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cause {
    /// A ground attack on it.
    Attack,
    /// An air strike on it.
    AirStrike,
    /// A siege: its holder's supply cut off by the side counted.
    Siege,
}

impl Cause {
    /// Every cause, in the order the debrief lists them.
    pub const ALL: [Cause; 3] = [Cause::Attack, Cause::AirStrike, Cause::Siege];

    /// What the cause is, in a few words.
    pub fn name(self) -> &'static str {
        match self {
            Cause::Attack => "attacks",
            Cause::AirStrike => "air strikes",
            Cause::Siege => "sieges",
        }
    }
}

/// Share of a place's remaining people who flee a ground attack on it, in percent.
pub const ATTACK_DISPLACES_PERCENT: u32 = 15;

/// Share of a place's remaining people who flee an air strike on it, in percent.
pub const STRIKE_DISPLACES_PERCENT: u32 = 5;

/// Share of a besieged place's remaining people who flee each turn, in percent: food, fuel
/// and medicine run short, and those who can, leave (in the sieges of 2017 many could not).
pub const SIEGE_DISPLACES_PERCENT: u32 = 3;

impl Game {
    /// The people who flee when `by` fights in `hex` (`percent` of those still there), if a
    /// populated place stands there.
    pub(super) fn displacement(&self, by: FactionId, hex: Hex, cause: Cause) -> Option<Event> {
        let (place, _) = self.scenario().place_at(hex)?;
        let percent = match cause {
            Cause::Attack => ATTACK_DISPLACES_PERCENT,
            Cause::AirStrike => STRIKE_DISPLACES_PERCENT,
            Cause::Siege => SIEGE_DISPLACES_PERCENT,
        };
        let left = self.residents(place);
        let people = (u64::from(left) * u64::from(percent) / 100) as u32;
        (people > 0).then_some(Event::CiviliansDisplaced {
            place,
            by,
            people,
            cause,
        })
    }

    /// As `faction`'s turn begins, the people who flee the places it holds under siege: those
    /// its supply does not reach because another side's ground or troops cut the way (not
    /// those merely beyond range), counted against that side.
    pub(super) fn siege_events(&self, faction: FactionId) -> Vec<Event> {
        let s = self.scenario();
        let held: Vec<Hex> = s
            .places
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                self.residents(super::PlaceId(*i as u16)) > 0
                    && self.control(p.hex) == Some(faction)
            })
            .map(|(_, p)| p.hex)
            .collect();
        if held.is_empty() {
            return Vec::new();
        }
        let reach = self.trace_supply(faction);
        let mut out = Vec::new();
        for hex in held {
            if s.map.index(hex).is_none_or(|i| reach.reaches_index(i)) {
                continue;
            }
            let besieger = match self.supply_report_at(faction, hex).and_then(|r| r.cut) {
                Some(Cut::Ground { holder, .. }) => Some(holder),
                Some(Cut::ZoneOfControl { unit, .. }) => self.unit(unit).map(|u| u.owner),
                _ => None,
            };
            if let Some(by) = besieger.filter(|b| *b != faction) {
                out.extend(self.displacement(by, hex, Cause::Siege));
            }
        }
        out
    }

    /// People displaced so far by `faction`, by cause (in the order of [`Cause::ALL`]).
    pub fn displaced_by_cause(&self, faction: FactionId) -> [u64; 3] {
        let mut out = [0u64; 3];
        for e in self.log() {
            if let Event::CiviliansDisplaced {
                by, people, cause, ..
            } = &e.event
                && *by == faction
            {
                let i = Cause::ALL.iter().position(|c| c == cause).unwrap_or(0);
                out[i] += u64::from(*people);
            }
        }
        out
    }
}
