//! Loading a save: finding its level, replaying its commands from the latest snapshot, and
//! checking every recorded hash (`replay --verify`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::level::LoadedLevel;
use crate::sim::{FactionId, Game, Scenario};

use super::format::{Divergence, Recorded, Save, SaveError, Snapshot, TurnStart, level_hash};

/// What a full replay checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Commands replayed (each hash compared).
    pub commands: usize,
    /// Faction turns whose starting hash was compared.
    pub turn_starts: usize,
    /// Snapshots compared with the replayed state.
    pub snapshots: usize,
    /// The final state hash.
    pub final_hash: u64,
    /// The turn the game had reached.
    pub turn: u16,
}

impl Save {
    /// The level's scenario as this game plays it (with the save's number of turns and fog
    /// of war), after checking it is the level the game was played on.
    pub fn scenario_for(&self, level: &LoadedLevel, path: &Path) -> Result<Scenario, SaveError> {
        let mut scenario = level.scenario.clone();
        scenario.turns = self.turns;
        scenario.fog = self.fog;
        if scenario.id != self.level.id || level_hash(&scenario) != self.level.hash {
            return Err(SaveError::LevelChanged {
                id: self.level.id.clone(),
                path: path.display().to_string(),
            });
        }
        Ok(scenario)
    }

    /// The faction the player commands: the one the save names, or for an all-AI game the
    /// level's first playable faction (to watch it from). `None` if the save names a faction
    /// the level does not have.
    pub fn player_faction(&self, scenario: &Scenario) -> Option<FactionId> {
        scenario.side_for(self.player.as_deref())
    }

    /// Rebuilds the game: from the latest snapshot (checked against its recorded hash), then
    /// the commands after it, each checked against its hash. Returns the game and the index
    /// of the first command replayed. Nothing is returned unless every check passes.
    pub fn restore(&self, scenario: Scenario) -> Result<(Game, usize), SaveError> {
        let scenario = Arc::new(scenario);
        let total = self.commands.len();
        let snapshot = self
            .snapshots
            .iter()
            .rev()
            .find(|s| (s.after as usize) <= total && s.after > 0);
        let (mut game, from) = match snapshot {
            Some(s) => {
                let at = s.after as usize;
                let game = Game::from_state(scenario.clone(), self.seed, s.state.clone()).map_err(
                    |e| SaveError::Damaged(format!("the snapshot after command #{at}: {e}")),
                )?;
                if game.state_hash() != self.commands[at - 1].hash {
                    return Err(SaveError::Damaged(format!(
                        "the snapshot after command #{at} does not match the recorded game"
                    )));
                }
                (game, at)
            }
            None => (self.fresh(scenario)?, 0),
        };
        self.replay_from(&mut game, from)?;
        Ok((game, from))
    }

    /// Replays every command from the start, comparing every recorded hash and snapshot.
    pub fn verify(&self, scenario: Scenario) -> Result<Verified, SaveError> {
        let mut game = self.fresh(Arc::new(scenario))?;
        let snapshots: BTreeMap<u32, &Snapshot> =
            self.snapshots.iter().map(|s| (s.after, s)).collect();
        let starts: BTreeMap<u32, &TurnStart> = self
            .turn_starts
            .iter()
            .filter(|t| t.command > 0)
            .map(|t| (t.command, t))
            .collect();
        let mut checked = (0, 0);
        for (i, rec) in self.commands.iter().enumerate() {
            self.step(&mut game, i, rec)?;
            let done = (i + 1) as u32;
            if let Some(t) = starts.get(&done) {
                if t.hash != game.state_hash()
                    || t.turn != game.turn()
                    || t.faction != game.active_faction()
                {
                    return Err(self.divergence(
                        &game,
                        Some(i),
                        "the turn that follows is not the one recorded".into(),
                    ));
                }
                checked.0 += 1;
            }
            if let Some(s) = snapshots.get(&done) {
                if &s.state != game.state() {
                    return Err(self.divergence(
                        &game,
                        Some(i),
                        "the state after it differs from the recorded snapshot".into(),
                    ));
                }
                checked.1 += 1;
            }
        }
        Ok(Verified {
            commands: self.commands.len(),
            turn_starts: checked.0,
            snapshots: checked.1,
            final_hash: game.state_hash(),
            turn: game.turn(),
        })
    }

    fn fresh(&self, scenario: Arc<Scenario>) -> Result<Game, SaveError> {
        let game = Game::new(scenario, self.seed);
        if game.state_hash() != self.start_hash {
            return Err(self.divergence(
                &game,
                None,
                format!(
                    "the game starts with state hash {:#018x}; the save recorded {:#018x}",
                    game.state_hash(),
                    self.start_hash
                ),
            ));
        }
        Ok(game)
    }

    fn replay_from(&self, game: &mut Game, from: usize) -> Result<(), SaveError> {
        for (i, rec) in self.commands.iter().enumerate().skip(from) {
            self.step(game, i, rec)?;
        }
        Ok(())
    }

    fn step(&self, game: &mut Game, i: usize, rec: &Recorded) -> Result<(), SaveError> {
        let before = (game.turn(), game.active_faction());
        if let Err(e) = game.perform(&rec.command) {
            return Err(self.divergence_at(
                game,
                before,
                i,
                format!("the rules refuse it: {}", crate::narrate::explain(game, &e)),
            ));
        }
        let hash = game.state_hash();
        if hash != rec.hash {
            return Err(self.divergence_at(
                game,
                before,
                i,
                format!(
                    "the state hash after it is {hash:#018x}; the save recorded {:#018x}",
                    rec.hash
                ),
            ));
        }
        Ok(())
    }

    fn divergence(&self, game: &Game, command: Option<usize>, problem: String) -> SaveError {
        self.divergence_at(
            game,
            (game.turn(), game.active_faction()),
            command.unwrap_or(usize::MAX),
            problem,
        )
    }

    fn divergence_at(
        &self,
        game: &Game,
        (turn, faction): (u16, FactionId),
        i: usize,
        problem: String,
    ) -> SaveError {
        let command = (i != usize::MAX).then_some(i);
        SaveError::Diverged(Divergence {
            turn,
            faction: game
                .scenario()
                .faction(faction)
                .map_or_else(|| format!("faction {}", faction.0), |f| f.key.clone()),
            command,
            what: command
                .and_then(|i| self.commands.get(i))
                .map(|r| format!("({:?})", r.command))
                .unwrap_or_default(),
            problem,
        })
    }
}

/// Finds the level a save was played on: the file given (if any), the path recorded in the
/// save, then every level in `search` folders with the save's id. Checks its content hash.
pub fn find_level(
    save: &Save,
    given: Option<&Path>,
    search: &[PathBuf],
) -> Result<(PathBuf, LoadedLevel, Scenario), SaveError> {
    let mut looked = Vec::new();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = given {
        candidates.push(p.to_path_buf());
    } else {
        candidates.push(PathBuf::from(&save.level.path));
        for dir in search {
            if let Ok(found) = crate::level::library::files_in(dir) {
                candidates.extend(found);
            }
        }
    }
    let mut changed = None;
    for path in candidates {
        looked.push(path.display().to_string());
        let Ok(level) = crate::level::load_path(&path) else {
            continue;
        };
        if level.scenario.id != save.level.id {
            continue;
        }
        match save.scenario_for(&level, &path) {
            Ok(scenario) => return Ok((path, level, scenario)),
            Err(e) => changed = changed.or(Some(e)),
        }
    }
    Err(changed.unwrap_or(SaveError::LevelMissing {
        id: save.level.id.clone(),
        looked: looked.into_iter().take(4).collect(),
    }))
}
