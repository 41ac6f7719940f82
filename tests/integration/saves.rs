//! Saved games as a player and a bug reporter meet them: a save brings back exactly the game
//! that was saved, a failed write loses nothing, and every kind of bad file is refused with a
//! message that says what is wrong.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::Arc;

use euphrates::level::{self, LoadedLevel};
use euphrates::save::{self, Recorder, Save, SaveError};
use euphrates::sim::Game;
use euphrates::sim::ai::{Controller, Difficulty};
use euphrates::simulate;

use crate::at;

fn tutorial() -> LoadedLevel {
    level::load_path(&at("levels/tutorial.ron")).unwrap()
}

/// A whole all-AI game of the tutorial, recorded.
fn recorded_game(seed: u64) -> (Game, Save) {
    let level = tutorial();
    let scenario = Arc::new(level.scenario.clone());
    let path = PathBuf::from("levels/tutorial.ron");
    let recorder = Recorder::new(
        &level.file.name,
        &path,
        &Game::new(scenario.clone(), seed),
        None,
        Difficulty::Normal,
    );
    let controllers = vec![Controller::Ai(Difficulty::Normal); scenario.factions.len()];
    let (game, _, recorder) = simulate::play_recorded(scenario, seed, &controllers, recorder);
    let save = recorder.save(&game);
    (game, save)
}

fn scenario_of(save: &Save) -> euphrates::sim::Scenario {
    save.scenario_for(&tutorial(), &at("levels/tutorial.ron"))
        .unwrap()
}

/// The save as it was after its first `n` commands.
fn truncated(save: &Save, n: usize) -> Save {
    let mut s = save.clone();
    s.commands.truncate(n);
    s.snapshots.retain(|x| (x.after as usize) <= n);
    s.turn_starts.retain(|t| (t.command as usize) <= n);
    s
}

fn write_text(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_save_brings_back_exactly_the_game_that_was_saved() {
    let (game, save) = recorded_game(3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("game.sav");
    save::write(&path, &save).unwrap();

    let read = save::read(&path).unwrap();
    assert_eq!(read.commands.len(), save.commands.len());
    assert!(read.commands.len() > 50, "a whole game has many commands");
    // The level is found from the path recorded in the save (relative to the repository).
    let (found, _, scenario) =
        save::find_level(&read, Some(&at("levels/tutorial.ron")), &[]).unwrap();
    assert!(found.ends_with("levels/tutorial.ron"));
    let (restored, from) = read.restore(scenario.clone()).unwrap();
    assert_eq!(restored.state_hash(), game.state_hash());
    assert!(
        from > 0,
        "a 12-turn game resumes from its turn-11 snapshot, not turn 1"
    );
    assert!(restored.is_over());

    let v = read.verify(scenario).unwrap();
    assert_eq!(v.final_hash, game.state_hash());
    assert_eq!(v.commands, save.commands.len());
    assert!(!save.snapshots.is_empty());
    assert_eq!(v.snapshots, save.snapshots.len(), "every snapshot compared");
    assert_eq!(
        v.turn_starts,
        save.turn_starts.iter().filter(|t| t.command > 0).count(),
        "every faction turn start after the first checked"
    );
    assert!(v.turn_starts > 10);
}

#[test]
fn a_game_saved_midway_goes_on_as_it_would_have() {
    // Save after some commands of turn 2, load, and play on: the same commands give the same
    // states as the game that was never saved.
    let (_, full) = recorded_game(5);
    let cut = full.turn_starts[3].command as usize + 2;
    let part = truncated(&full, cut);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("midway.sav");
    save::write(&path, &part).unwrap();
    let (mut game, _) = save::read(&path)
        .unwrap()
        .restore(scenario_of(&full))
        .unwrap();
    for rec in &full.commands[cut..] {
        game.perform(&rec.command).unwrap();
        assert_eq!(game.state_hash(), rec.hash);
    }
}

#[test]
fn a_failed_write_keeps_the_previous_save() {
    let (_, save) = recorded_game(7);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.sav");
    save::write(&path, &save).unwrap();
    let before = std::fs::read(&path).unwrap();

    // Something in the way of the temporary file: the write must fail and touch nothing.
    std::fs::create_dir(dir.path().join("mine.sav.tmp")).unwrap();
    let later = truncated(&save, 10);
    let err = save::write(&path, &later).unwrap_err();
    assert!(err.contains("cannot save to"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(save::read(&path).is_ok());
    std::fs::remove_dir(dir.path().join("mine.sav.tmp")).unwrap();

    // A successful overwrite keeps the one before as .bak.
    save::write(&path, &later).unwrap();
    assert_eq!(save::read(&path).unwrap().commands.len(), 10);
    assert_eq!(
        std::fs::read(dir.path().join("mine.sav.bak")).unwrap(),
        before
    );

    // A folder where the save should go is refused, not replaced.
    let folder = dir.path().join("folder.sav");
    std::fs::create_dir(&folder).unwrap();
    assert!(save::write(&folder, &later).is_err());
    assert!(folder.is_dir());
}

#[test]
fn autosaves_keep_the_last_few_newest_first() {
    let (_, save) = recorded_game(9);
    let dir = tempfile::tempdir().unwrap();
    for n in 1..=5usize {
        let s = truncated(&save, n);
        let p = save::autosave(dir.path(), &s).unwrap();
        assert!(p.ends_with("autosave-1.sav"));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sav"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["autosave-1.sav", "autosave-2.sav", "autosave-3.sav"],
        "three kept"
    );
    for (i, commands) in [(1, 5), (2, 4), (3, 3)] {
        let s = save::read(&dir.path().join(format!("autosave-{i}.sav"))).unwrap();
        assert_eq!(s.commands.len(), commands, "autosave-{i}");
    }
    // The load screen lists them, newest first.
    let listed = save::list(dir.path());
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|s| s.save.is_ok()));
}

#[test]
fn bad_save_files_are_refused_with_what_is_wrong() {
    let (_, save) = recorded_game(11);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sav");
    save::write(&good, &save).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    let message = |p: &Path| save::read(p).unwrap_err().to_string();

    let empty = write_text(dir.path(), "empty.sav", "");
    assert!(message(&empty).contains("empty"), "{}", message(&empty));

    let binary = dir.path().join("binary.sav");
    std::fs::write(&binary, [0x28, 0xff, 0xfe, 0x00, 0x81]).unwrap();
    assert!(
        message(&binary).contains("not text"),
        "{}",
        message(&binary)
    );

    assert!(message(dir.path()).contains("is a folder"));
    assert!(message(&dir.path().join("nowhere.sav")).contains("cannot read"));

    let level = at("levels/tutorial.ron");
    let m = message(&level);
    assert!(m.contains("looks like a level file"), "{m}");

    let other = write_text(dir.path(), "notes.sav", "shopping: [eggs, milk]\n");
    let m = message(&other);
    assert!(m.contains("not a saved game"), "{m}");

    let current = format!("euphrates_save: {},", save::FORMAT);
    let newer = write_text(
        dir.path(),
        "newer.sav",
        &text.replacen(&current, "euphrates_save: 70,", 1),
    );
    assert_eq!(
        save::read(&newer).unwrap_err(),
        SaveError::TooNew { found: 70 }
    );
    assert!(message(&newer).contains("newer version"));
    // A save from before advance after combat became a choice: its rules differ, so it is
    // refused by name rather than replayed into a divergence.
    let older = write_text(
        dir.path(),
        "older.sav",
        &text.replacen(&current, "euphrates_save: 1,", 1),
    );
    assert_eq!(
        save::read(&older).unwrap_err(),
        SaveError::TooOld { found: 1 }
    );
    assert!(
        message(&older).contains("earlier version"),
        "{}",
        message(&older)
    );

    // Cut short in the middle of the command log: damaged, with the place it ends.
    let cut = write_text(dir.path(), "cut.sav", &text[..text.len() / 2]);
    let m = message(&cut);
    assert!(
        m.contains("damaged or incomplete") && m.contains("cut.sav:"),
        "{m}"
    );

    // A command whose recorded hash was changed: the replay names the turn and command.
    let first_hash = save.commands[0].hash.to_string();
    let tampered = write_text(
        dir.path(),
        "tampered.sav",
        &text.replacen(&format!("hash: {first_hash})"), "hash: 12345)", 1),
    );
    let t = save::read(&tampered).unwrap();
    let err = t.verify(scenario_of(&t)).unwrap_err().to_string();
    assert!(
        err.contains("diverges at turn 1") && err.contains("command #0"),
        "{err}"
    );
}

#[test]
fn a_missing_or_changed_level_is_named() {
    let (_, mut save) = recorded_game(13);
    let dir = tempfile::tempdir().unwrap();
    save.level.path = dir.path().join("gone.ron").display().to_string();
    let err = save::find_level(&save, None, &[]).unwrap_err();
    assert!(matches!(err, SaveError::LevelMissing { .. }), "{err}");
    assert!(err.to_string().contains("`tutorial`") && err.to_string().contains("gone.ron"));

    // The same level with one number changed: not the level the game was played on.
    let text = std::fs::read_to_string(at("levels/tutorial.ron")).unwrap();
    let changed = text.replacen("turns: 12", "turns: 13", 1);
    let path = write_text(dir.path(), "tutorial.ron", &changed);
    let mut s2 = save.clone();
    s2.turns = 13;
    let err = save::find_level(&s2, Some(&path), &[]).unwrap_err();
    assert!(matches!(err, SaveError::LevelChanged { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("has changed since this game was saved")
    );

    // Comments and layout are not changes: the level is found by id in a search folder.
    let reformatted = format!("// a note from a modder\n{text}");
    write_text(dir.path(), "tutorial.ron", &reformatted);
    let (found, _, _) = save::find_level(&save, None, &[dir.path().to_path_buf()]).unwrap();
    assert_eq!(found, dir.path().join("tutorial.ron"));
}

#[test]
fn a_damaged_snapshot_is_refused_not_half_loaded() {
    let (_, save) = recorded_game(15);
    let bad = save.clone();
    // The latest snapshot, which loading starts from, whose state does not fit the level (a
    // list cut short) …
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.sav");
    save::write(&p, &bad).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let i = text.rfind("fuel: [").unwrap();
    let j = i + text[i..].find(']').unwrap();
    let broken = format!("{}fuel: []{}", &text[..i], &text[j + 1..]);
    std::fs::write(&p, broken).unwrap();
    let s = save::read(&p).unwrap();
    let err = s.restore(scenario_of(&s)).unwrap_err();
    assert!(
        matches!(&err, SaveError::Damaged(m) if m.contains("fuel list has 0 entries")),
        "{err}"
    );
    // … and a snapshot that fits but is not the recorded game (other fuel stocks in the
    // latest one, which loading starts from).
    let i = text.rfind("fuel: [").unwrap() + "fuel: [".len();
    let j = i + text[i..].find(',').unwrap();
    let other = format!(
        "{}{}{}",
        &text[..i],
        text[i..j].parse::<u16>().unwrap() + 1,
        &text[j..]
    );
    std::fs::write(&p, other).unwrap();
    let s = save::read(&p).unwrap();
    let err = s.restore(scenario_of(&s)).unwrap_err();
    assert!(err.to_string().contains("does not match"), "{err}");
}

fn euphrates(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_euphrates"))
        .args(args)
        .current_dir(crate::root())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs")
}

#[test]
fn simulate_save_then_replay_verify_agree_on_the_final_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ai.sav");
    let p = path.to_str().unwrap();
    let out = euphrates(&[
        "simulate",
        "--level",
        "levels/tutorial.ron",
        "--games",
        "1",
        "--seed",
        "4",
        "--save",
        p,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = euphrates(&["replay", p, "--verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (game, _) = recorded_game(4);
    assert!(
        stdout.contains(&format!("final state hash {:#018x}", game.state_hash())),
        "{stdout}"
    );
    // Without --verify, the game is told date by date.
    let out = euphrates(&["replay", p]);
    let told = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        told.contains("to move.") && told.lines().count() > 50,
        "{told}"
    );

    // A tampered hash: exit 1 and the first diverging command named.
    let text = std::fs::read_to_string(&path).unwrap();
    let s = save::read(&path).unwrap();
    let k = s.commands.len() / 2;
    let h = s.commands[k].hash.to_string();
    let tampered = text.replacen(&format!("hash: {h})"), "hash: 1)", 1);
    std::fs::write(&path, tampered).unwrap();
    let out = euphrates(&["replay", p, "--verify"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains(&format!("command #{k}")), "{err}");

    // Not a save at all: exit 1, no panic.
    let out = euphrates(&["replay", "levels/tutorial.ron", "--verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("looks like a level file"));
}

#[test]
fn hostile_save_files_are_refused_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    // Nesting far deeper than a save needs must not exhaust the stack.
    for open in ["[", "(", "Some("] {
        let deep = format!(
            "(euphrates_save: {}, level: {}",
            save::FORMAT,
            open.repeat(200_000)
        );
        let err = save::parse("deep.sav", deep.as_bytes()).unwrap_err();
        assert!(matches!(err, SaveError::Damaged(_)), "{err}");
    }
    // Numbers too large for their fields.
    let (_, s) = recorded_game(21);
    let p = dir.path().join("n.sav");
    save::write(&p, &s).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let huge = text.replacen(
        &format!("seed: {},", s.seed),
        "seed: 99999999999999999999999999,",
        1,
    );
    let err = save::parse("huge.sav", huge.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("huge.sav:"), "{err}");
    // A string of a million characters where a level id goes: read, then refused by level.
    let long = text.replacen(
        "id: \"tutorial\"",
        &format!("id: \"{}\"", "x".repeat(1_000_000)),
        1,
    );
    let read = save::parse("long.sav", long.as_bytes()).unwrap();
    assert!(matches!(
        save::find_level(&read, None, &[]),
        Err(SaveError::LevelMissing { .. })
    ));
    // A file larger than any save is refused unread.
    let big = dir.path().join("big.sav");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(save::MAX_SAVE_BYTES + 1).unwrap();
    let err = save::read(&big).unwrap_err();
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");
}

#[test]
fn a_replay_can_be_told_as_one_side_saw_it_under_the_fog_of_war() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fog.sav");
    let p = path.to_str().unwrap();
    let out = euphrates(&[
        "simulate", "--games", "1", "--turns", "3", "--seed", "2", "--save", p,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        save::read(&path).unwrap().fog,
        "the default level has the fog of war"
    );
    let all = euphrates(&["replay", p]);
    let seen = euphrates(&["replay", p, "--as", "isis"]);
    assert!(all.status.success() && seen.status.success());
    let all = String::from_utf8_lossy(&all.stdout).into_owned();
    let seen = String::from_utf8_lossy(&seen.stdout).into_owned();
    let all_lines: std::collections::BTreeSet<&str> = all.lines().skip(1).collect();
    let seen_lines: Vec<&str> = seen.lines().skip(1).collect();
    assert!(
        seen_lines.len() < all.lines().count() - 1,
        "the Islamic State did not see everything"
    );
    for l in &seen_lines {
        assert!(all_lines.contains(l), "`{l}` is not in the full story");
    }
    let out = euphrates(&["replay", p, "--as", "isil"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `isis`"));
}
