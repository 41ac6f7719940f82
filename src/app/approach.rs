//! Move and attack in one click: the way beside an enemy from which a unit could attack it.

use hexx::Hex;

use crate::sim::{Command, Game, UnitId};

/// A move of `unit` to a hex beside `target` from which it could attack it, if there is one
/// this turn: the cheapest to reach, then the one whose ground defends best. Each candidate is
/// tried on a copy of the game, so the rules decide (rivers, zones of control, supply).
pub fn approach(game: &Game, unit: UnitId, target: Hex) -> Option<Command> {
    let u = game.unit(unit)?;
    if u.has_attacked || u.movement_left == 0 {
        return None;
    }
    let reach = game.reachable(unit);
    let mut best: Option<(u32, i32, Command)> = None;
    for beside in target.all_neighbors() {
        if beside == u.hex || game.unit_at(beside).is_some() {
            continue;
        }
        let Some(cost) = reach.get(&(beside.x, beside.y)).map(|r| r.cost) else {
            continue;
        };
        let Some(path) = game.path_to(unit, beside) else {
            continue;
        };
        let step = Command::Move { unit, path };
        let mut after = game.clone();
        if after.perform(&step).is_err()
            || after.unit(unit).is_none_or(|m| m.hex != beside)
            || after
                .check(&Command::Attack {
                    attackers: vec![unit],
                    target,
                })
                .is_err()
        {
            continue;
        }
        let cover = game
            .scenario()
            .map
            .terrain(beside)
            .map_or(0, |t| t.defence_percent() as i32);
        let key = (u32::from(cost), -cover);
        if best.as_ref().is_none_or(|(c, d, _)| key < (*c, *d)) {
            best = Some((key.0, key.1, step));
        }
    }
    best.map(|(_, _, step)| step)
}
