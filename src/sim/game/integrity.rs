//! What must always be true of a game, and resuming a game from a stored state.
//!
//! Saves carry snapshots of [`State`] so a long game loads without replaying every command. A
//! snapshot comes from a file, and a file may be damaged or hostile, so a state is checked
//! against its scenario before a game is built on it: every list has the scenario's length,
//! every id names something that exists, every unit stands alone on a hex it may enter. The
//! same checks are the invariants the property tests hold the rules to after every event.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::super::economy::MAX_DAMAGE;
use super::super::entities::{MAX_MORALE, MAX_STRENGTH, MAX_TENSION};
use super::{Game, Scenario, State};
use crate::sim::entities::UnitId;
use hexx::Hex;

impl Game {
    /// The whole changing state, for a save's snapshot.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The same game with one unit standing on another hex, as a scenario editor or a test of
    /// the fog of war would have it: refused where the state would not be valid (off the map,
    /// on another unit, on ground that cannot be entered). The event log starts empty.
    pub fn with_unit_at(&self, unit: UnitId, hex: Hex) -> Result<Game, String> {
        let mut state = self.state.clone();
        let u = state
            .units
            .get_mut(&unit)
            .ok_or_else(|| format!("there is no {unit}"))?;
        u.hex = hex;
        Game::from_state(self.scenario.clone(), self.seed, state)
    }

    /// Resumes a game of `scenario` from a stored state, after checking that the state fits
    /// the scenario (see [`Game::check_invariants`]). The event log starts empty.
    pub fn from_state(
        scenario: impl Into<Arc<Scenario>>,
        seed: u64,
        state: State,
    ) -> Result<Game, String> {
        let scenario: Arc<Scenario> = scenario.into();
        let mut game = Game {
            occupant: Vec::new(),
            motor_steps: std::sync::OnceLock::new(),
            foot_steps: std::sync::OnceLock::new(),
            zoc_links: std::sync::OnceLock::new(),
            stances: std::sync::OnceLock::new(),
            eyes: None,
            sights: std::sync::OnceLock::new(),
            scenario,
            seed,
            state,
            log: Vec::new(),
        };
        // Occupancy is derived; a state whose units overlap is refused below before anything
        // reads it.
        game.check_shape()?;
        game.rebuild_occupancy();
        game.check_invariants()?;
        Ok(game)
    }

    /// Checks everything that must hold between events: the state's lists fit the scenario,
    /// every unit is within its bounds and alone on a passable hex of the map, the occupancy
    /// table agrees with the units, tensions and damage are within their ranges. Returns the
    /// first thing found wrong, in words.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.check_shape()?;
        let s = &self.state;
        let sc = &self.scenario;
        let mut seen = BTreeSet::new();
        for (id, u) in &s.units {
            let who = format!("unit {} (`{}`)", id.0, u.key);
            if u.id != *id {
                return Err(format!("{who} is filed under another id ({})", u.id.0));
            }
            if usize::from(u.owner.0) >= sc.factions.len() {
                return Err(format!(
                    "{who} belongs to faction {}, which does not exist",
                    u.owner.0
                ));
            }
            if u.id.0 >= s.next_unit {
                return Err(format!(
                    "{who} has an id not yet given out ({})",
                    s.next_unit
                ));
            }
            if u.strength == 0 || u.strength > MAX_STRENGTH {
                return Err(format!(
                    "{who} has strength {} (1..={MAX_STRENGTH})",
                    u.strength
                ));
            }
            if u.morale > MAX_MORALE {
                return Err(format!("{who} has morale {} (0..={MAX_MORALE})", u.morale));
            }
            match sc.map.terrain(u.hex) {
                None => return Err(format!("{who} stands off the map at {:?}", u.hex)),
                Some(t) if !t.passable() => {
                    return Err(format!("{who} stands on impassable {t:?} at {:?}", u.hex));
                }
                Some(_) => {}
            }
            if !seen.insert((u.hex.x, u.hex.y)) {
                return Err(format!(
                    "{who} shares the hex {:?} with another unit",
                    u.hex
                ));
            }
            let i = sc.map.index(u.hex).unwrap_or(usize::MAX);
            if self.occupant.get(i) != Some(&Some(*id)) {
                return Err(format!("the occupancy table has lost {who}"));
            }
        }
        let occupied = self.occupant.iter().filter(|o| o.is_some()).count();
        if occupied != s.units.len() {
            return Err(format!(
                "the occupancy table lists {occupied} units on the map, but there are {}",
                s.units.len()
            ));
        }
        for (&(a, b), r) in &s.relations {
            if r.tension > MAX_TENSION {
                return Err(format!(
                    "tension between {a:?} and {b:?} is {} (0..={MAX_TENSION})",
                    r.tension
                ));
            }
        }
        for (p, &left) in sc.places.iter().zip(&s.residents) {
            if left > p.population {
                return Err(format!(
                    "{} has {left} residents, more than its population of {}",
                    p.key, p.population
                ));
            }
        }
        if let Some(d) = s.field_damage.iter().find(|&&d| d > MAX_DAMAGE) {
            return Err(format!("a field has damage {d} (0..={MAX_DAMAGE})"));
        }
        for (p, &d) in sc.places.iter().zip(&s.defences) {
            if d > p.defences {
                return Err(format!(
                    "{} has {d} lines of defences, more than the {} it can hold",
                    p.key, p.defences
                ));
            }
        }
        Ok(())
    }

    /// The checks that make every other read of the state safe: list lengths and ids.
    fn check_shape(&self) -> Result<(), String> {
        let s = &self.state;
        let sc = &self.scenario;
        let factions = sc.factions.len();
        let lists = [
            ("control", s.control.len(), sc.map.len()),
            ("agreements", s.agreements.len(), sc.agreements.len()),
            ("support pools", s.pools.len(), sc.support.len()),
            ("fuel", s.fuel.len(), factions),
            ("objectives achieved", s.achieved.len(), sc.objectives.len()),
            (
                "objectives met at start",
                s.met_at_start.len(),
                sc.objectives.len(),
            ),
            ("recruited", s.recruited.len(), factions),
            ("treasury", s.treasury.len(), factions),
            ("field damage", s.field_damage.len(), sc.oil_fields.len()),
            ("repairs", s.repairing.len(), sc.oil_fields.len()),
            ("residents", s.residents.len(), sc.places.len()),
            ("displaced", s.displaced.len(), factions),
            ("defences", s.defences.len(), sc.places.len()),
            ("breaches", s.breached.len(), sc.places.len()),
            ("fortifications", s.fortified.len(), sc.places.len()),
        ];
        for (what, have, want) in lists {
            if have != want {
                return Err(format!(
                    "the state's {what} list has {have} entries; the level needs {want}"
                ));
            }
        }
        if usize::from(s.active.0) >= factions {
            return Err(format!(
                "faction {} is to move, but does not exist",
                s.active.0
            ));
        }
        if s.turn == 0 {
            return Err("the state is at turn 0; turns count from 1".into());
        }
        if let Some(f) = s
            .control
            .iter()
            .flatten()
            .find(|f| usize::from(f.0) >= factions)
        {
            return Err(format!(
                "a hex is held by faction {}, which does not exist",
                f.0
            ));
        }
        let parties: BTreeSet<_> = sc.parties().into_iter().collect();
        if let Some((a, b)) = s
            .relations
            .keys()
            .find(|(a, b)| !parties.contains(a) || !parties.contains(b))
        {
            return Err(format!(
                "a relation names {a:?} and {b:?}, not both in the level"
            ));
        }
        Ok(())
    }
}
