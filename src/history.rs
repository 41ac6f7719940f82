//! The real front line beside a game's map: who held each place and field on a dated day in
//! the level's record (`front_lines`), and who held it on that day in the game. The client's
//! History overlay and debrief, and the classroom report, are drawn from it.

use hexx::Hex;

use crate::level::schema::{FrontLine, Level};
use crate::sim::{Date, Event, FactionId, Game, Scenario};

/// A hex changing hands in a game, on the date of the turn it happened in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The turn's date.
    pub date: Date,
    /// The hex.
    pub hex: Hex,
    /// The new holder.
    pub to: FactionId,
}

/// Every change of hands in a game, in order.
pub fn changes(game: &Game) -> Vec<Change> {
    let mut date = game.scenario().start;
    let mut out = Vec::new();
    for e in game.log() {
        match &e.event {
            Event::NewTurn { date: d, .. } => date = *d,
            Event::ControlChanged { hex, to, .. } => out.push(Change {
                date,
                hex: *hex,
                to: *to,
            }),
            _ => {}
        }
    }
    out
}

/// Who held a hex as the given day began (before the moves of a turn dated that day) in a
/// game that made these changes: so the first day's line is set beside the level's own
/// starting map.
pub fn holder_on(
    scenario: &Scenario,
    changes: &[Change],
    hex: Hex,
    day: Date,
) -> Option<FactionId> {
    changes
        .iter()
        .rev()
        .find(|c| c.hex == hex && c.date < day)
        .map(|c| Some(c.to))
        .unwrap_or_else(|| {
            scenario
                .map
                .index(hex)
                .and_then(|i| scenario.control.get(i).copied().flatten())
        })
}

/// A front line's day as a calendar date (`check` rejects lines whose day is not one).
pub fn day_of(line: &FrontLine) -> Option<Date> {
    Date::new(line.date.year, line.date.month, line.date.day)
}

/// The front line in force on a day: the latest dated on or before it.
pub fn line_on(level: &Level, day: Date) -> Option<&FrontLine> {
    level
        .front_lines
        .iter()
        .filter(|l| day_of(l).is_some_and(|d| d <= day))
        .max_by_key(|l| day_of(l))
}

/// The front line to set beside a game's map as it stands on `last_day`: the one in force
/// then, or once the game is over, one dated up to [`GRACE_DAYS`] after its last day.
pub fn line_for(level: &Level, last_day: Date, over: bool) -> Option<&FrontLine> {
    let after = |l: &&FrontLine| {
        day_of(l).is_some_and(|d| d > last_day && d <= last_day.plus_days(GRACE_DAYS))
    };
    over.then(|| level.front_lines.iter().find(after))
        .flatten()
        .or_else(|| line_on(level, last_day))
}

/// One place or field of a front line, set beside the game.
#[derive(Clone, Debug, PartialEq)]
pub struct Beside {
    /// Its id.
    pub at: String,
    /// Its name.
    pub name: String,
    /// Where it is.
    pub hex: Hex,
    /// Who held it on the day, by the record; `None` when no report says.
    pub history: Option<FactionId>,
    /// What the record leaves in doubt.
    pub doubt: String,
    /// Where the record's holder comes from.
    pub source: String,
    /// Who held it on that day in the game.
    pub game: Option<FactionId>,
}

impl Beside {
    /// Whether the game agrees with the record; `None` when the record names no holder.
    pub fn agrees(&self) -> Option<bool> {
        self.history.map(|h| Some(h) == self.game)
    }
}

/// Every place and field of a front line beside who held it in the game on the same day
/// (or on `day` when given: the line in force beside a later map). Entries naming nothing of
/// the scenario are left out (`check` reports them).
pub fn beside(
    scenario: &Scenario,
    changes: &[Change],
    line: &FrontLine,
    day: Option<Date>,
) -> Vec<Beside> {
    let Some(day) = day.or_else(|| day_of(line)) else {
        return Vec::new();
    };
    line.holders
        .iter()
        .filter_map(|h| {
            let (name, hex) = scenario
                .places
                .iter()
                .find(|p| p.key == h.at)
                .map(|p| (p.name.clone(), p.hex))
                .or_else(|| {
                    scenario
                        .oil_fields
                        .iter()
                        .find(|f| f.key == h.at)
                        .map(|f| (f.name.clone(), f.hex))
                })?;
            Some(Beside {
                at: h.at.clone(),
                name,
                hex,
                history: h.by.as_deref().and_then(|k| scenario.faction_by_key(k)),
                doubt: h.doubt.clone(),
                source: if h.source.is_empty() {
                    line.source.clone()
                } else {
                    h.source.clone()
                },
                game: holder_on(scenario, changes, hex, day),
            })
        })
        .collect()
}

/// How many entries with a known holder the game matched, of how many.
pub fn agreement(rows: &[Beside]) -> (usize, usize) {
    let known: Vec<bool> = rows.iter().filter_map(Beside::agrees).collect();
    (known.iter().filter(|a| **a).count(), known.len())
}

/// How many days after a game's last turn a front line may be dated and still be set beside
/// its final map: the record's days rarely fall on the game's.
pub const GRACE_DAYS: u32 = 7;

/// Each front line within a game's span set beside the game: a line dated on a day the game
/// has reached beside the map of that day, and, once the game is over, a line dated up to
/// [`GRACE_DAYS`] after its last day beside its final map.
pub fn checks<'a>(
    level: &'a Level,
    scenario: &Scenario,
    changes: &[Change],
    last_day: Date,
    over: bool,
) -> Vec<(&'a FrontLine, Vec<Beside>)> {
    level
        .front_lines
        .iter()
        .filter_map(|line| {
            let d = day_of(line)?;
            if d < scenario.start {
                None
            } else if d <= last_day {
                Some((line, beside(scenario, changes, line, None)))
            } else if over && d <= last_day.plus_days(GRACE_DAYS) {
                Some((
                    line,
                    beside(scenario, changes, line, Some(last_day.plus_days(1))),
                ))
            } else {
                None
            }
        })
        .collect()
}

/// [`checks`] for a game in memory.
pub fn checks_of<'a>(level: &'a Level, game: &Game) -> Vec<(&'a FrontLine, Vec<Beside>)> {
    checks(
        level,
        game.scenario(),
        &changes(game),
        game.date(),
        game.is_over(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_level() -> crate::level::LoadedLevel {
        crate::level::load_path(std::path::Path::new("levels/euphrates_2017.ron")).unwrap()
    }

    fn day(m: u8, d: u8) -> Date {
        Date::new(2017, m, d).unwrap()
    }

    #[test]
    fn a_change_counts_from_the_day_after_its_turn() {
        let l = default_level();
        let s = &l.scenario;
        let ak = s.places.iter().find(|p| p.key == "abu_kamal").unwrap().hex;
        let syria = FactionId(s.factions.iter().position(|f| f.key == "syria").unwrap() as u8);
        let isis = FactionId(s.factions.iter().position(|f| f.key == "isis").unwrap() as u8);
        let changes = [Change {
            date: day(11, 19),
            hex: ak,
            to: syria,
        }];
        assert_eq!(holder_on(s, &changes, ak, day(11, 3)), Some(isis));
        // As the day of the turn began, the town was still the Islamic State's.
        assert_eq!(holder_on(s, &changes, ak, day(11, 19)), Some(isis));
        assert_eq!(holder_on(s, &changes, ak, day(11, 20)), Some(syria));
    }

    #[test]
    fn a_game_is_set_beside_the_lines_it_has_reached_and_at_its_end_the_next() {
        let l = default_level();
        let s = &l.scenario;
        let days = |v: &[(&FrontLine, Vec<Beside>)]| -> Vec<Date> {
            v.iter().filter_map(|(line, _)| day_of(line)).collect()
        };
        // At the start: only the first day, and the level's map agrees with all of it.
        let start = checks(&l.file, s, &[], s.start, false);
        assert_eq!(days(&start), [day(11, 3)]);
        let (same, known) = agreement(&start[0].1);
        assert_eq!(same, known);
        // On the last day, still playing: 3 and 19 November; once over, also 13 December,
        // two days after it, beside the final map.
        assert_eq!(days(&checks(&l.file, s, &[], day(12, 11), false)).len(), 2);
        let end = checks(&l.file, s, &[], day(12, 11), true);
        assert_eq!(days(&end), [day(11, 3), day(11, 19), day(12, 13)]);
        // With nothing changed, the 19 November map still has Abu Kamal the Islamic State's,
        // where the record has the government: the two part there.
        let ak = end[1].1.iter().find(|r| r.at == "abu_kamal").unwrap();
        assert_eq!(ak.agrees(), Some(false));
        // A line a week and more after the end is not set beside it.
        assert_eq!(days(&checks(&l.file, s, &[], day(12, 5), true)).len(), 2);
    }
}
