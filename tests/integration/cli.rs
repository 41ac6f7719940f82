//! The command line as a user runs it: exit codes, diagnostics on stderr, JSON on stdout.

use std::process::{Command, Output};

fn euphrates(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_euphrates"))
        .args(args)
        .current_dir(crate::root())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn check_accepts_the_shipped_levels() {
    let out = euphrates(&["check", "levels"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("tutorial.ron: ok"));
}

#[test]
fn check_reports_all_three_mistakes_with_positions() {
    let path = "tests/data/bad_levels/three_mistakes.ron";
    let out = euphrates(&["check", path]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for pos in [
        "32:14: error: duplicate id",
        "32:58: error: unknown faction",
        "28:55: error: Hex(9, 3)",
    ] {
        assert!(
            err.contains(&format!("{path}:{pos}")),
            "missing {pos} in:\n{err}"
        );
    }
    assert!(err.contains("hint: did you mean `blue`?"), "{err}");
    assert!(err.contains("3 problems"), "{err}");
}

#[test]
fn check_goes_on_after_a_bad_file() {
    let out = euphrates(&[
        "check",
        "tests/data/bad_levels/bad_color.ron",
        "levels/tutorial.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("tutorial.ron: ok"));
}

// `play` needs the game window, so these run in a build with the client.
#[cfg(feature = "client")]
#[test]
fn missing_files_and_bad_arguments_are_user_errors() {
    let out = euphrates(&["check", "no/such/level.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no/such/level.ron:1:1: error: cannot open the file"));
    let out = euphrates(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(1));
    let out = euphrates(&["play", "--faction", "sfd"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("did you mean `sdf`?"),
        "{}",
        text(&out.stderr)
    );
    let out = euphrates(&["play", "--faction", "tanf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not playable"),
        "{}",
        text(&out.stderr)
    );
    let out = euphrates(&[
        "play",
        "--level",
        "tests/data/bad_levels/unknown_faction.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown faction `bleu`"));
    let out = euphrates(&["--help"]);
    assert!(out.status.success());
}

#[cfg(feature = "client")]
#[test]
fn play_without_a_display_says_so_instead_of_crashing() {
    let out = euphrates(&["play"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no display found"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn inspect_prints_the_resolved_level_as_json() {
    let out = euphrates(&["inspect", "levels/tutorial.ron", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let (w, h) = (
        v["map"]["width"].as_u64().unwrap(),
        v["map"]["height"].as_u64().unwrap(),
    );
    let hexes = v["hexes"].as_array().unwrap();
    assert_eq!(hexes.len() as u64, w * h);
    assert_eq!(v["fog"], false, "the tutorial shows every unit");
    let first = &hexes[0];
    assert_eq!(
        (first["col"].as_i64(), first["row"].as_i64()),
        (Some(0), Some(0))
    );
    assert!((first["lat"].as_f64().unwrap() - 35.0).abs() < 1e-6);
    assert!((first["lon"].as_f64().unwrap() - 40.0).abs() < 1e-6);
    assert!(v["rivers"].as_array().unwrap().len() > 20);
    let bridges: Vec<&str> = v["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert!(bridges.contains(&"Qasr bridge"), "{bridges:?}");
    let qasr = v["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "qasr")
        .unwrap();
    assert_eq!(qasr["given"]["lat"].as_f64(), Some(34.74));
    // The country split by the border is recorded per hex.
    let countries: std::collections::BTreeSet<&str> =
        hexes.iter().filter_map(|h| h["country"].as_str()).collect();
    assert_eq!(
        countries.into_iter().collect::<Vec<_>>(),
        ["rafidia", "sharqia"]
    );
    // Agreements, support and dated objectives come out resolved.
    let kinds: Vec<&str> = v["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["deconfliction", "no_strike"]);
    assert!(v["agreements"][0]["edges"].as_array().unwrap().len() > 10);
    assert_eq!(v["support"][0]["offers"][0], "AirStrike");
    assert!(
        v["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["by"] == "2017-11-11")
    );
}

#[test]
fn inspect_carries_the_bibliography_the_front_lines_and_the_teachers_pack() {
    let out = euphrates(&["inspect", "levels/euphrates_2017.ron", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let sources = v["sources"].as_array().unwrap();
    assert!(sources.len() > 200);
    // The default level has the fog of war, and the coalition's reconnaissance for the SDF.
    assert_eq!(v["fog"], true);
    let recon = v["support"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["patron"] == "coalition" && x["faction"] == "sdf")
        .unwrap();
    assert_eq!(recon["reconnaissance"], 1);
    let s62 = sources
        .iter()
        .find(|s| s["id"] == "S62")
        .expect("S62 is listed");
    assert!(s62["url"].as_str().unwrap().starts_with("http"));
    let lines = v["front_lines"].as_array().unwrap();
    let days: Vec<&str> = lines.iter().map(|l| l["date"].as_str().unwrap()).collect();
    assert_eq!(days, ["2017-11-03", "2017-11-19", "2017-12-13"]);
    let ak = lines[1]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["at"] == "abu_kamal")
        .unwrap();
    assert_eq!(ak["by"], "syria");
    assert!(v["glossary"].as_array().unwrap().len() >= 30);
    assert!(!v["teachers_notes"].as_str().unwrap().is_empty());
    assert!(v["briefings"][0]["questions"].as_array().unwrap().len() >= 3);
    let raqqa = v["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "raqqa")
        .unwrap();
    assert_eq!(raqqa["present"], 3000);
}

#[test]
fn inspect_shows_each_sides_opening_economy_and_relations() {
    let out = euphrates(&["inspect", "levels/euphrates_2017.ron"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("faction isis"), "{t}");
    assert!(t.contains("M a turn"), "{t}");
    assert!(
        t.contains(
            "relation Syrian government and allies – Syrian Democratic Forces: neutral, tension 20"
        ),
        "{t}"
    );
    assert!(t.contains("agreement Euphrates deconfliction line"), "{t}");
    assert!(
        t.contains("support Russia → Syrian government and allies"),
        "{t}"
    );
}

#[test]
fn simulate_prints_outcomes_and_json_and_refuses_bad_arguments() {
    let out = euphrates(&["simulate", "--games", "2", "--turns", "3", "--threads", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("2 games of"), "{t}");
    assert!(t.contains("syria_race"), "{t}");
    assert!(t.contains("19 November 2017"), "{t}");
    let out = euphrates(&[
        "simulate",
        "--level",
        "levels/tutorial.ron",
        "--games",
        "2",
        "--json",
        "--player",
        "alliance=random",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let games = v["games"].as_array().unwrap();
    assert_eq!(games.len(), 2);
    assert_eq!(v["players"][1]["controller"], "random");
    let turn = &games[0]["turns"][0]["factions"][0];
    for field in [
        "territory",
        "strength",
        "units",
        "supply",
        "treasury",
        "oil_income",
        "tension",
        "score",
    ] {
        assert!(!turn[field].is_null(), "no {field} in {turn}");
    }
    // The tutorial has no fog of war: each side sees every enemy unit.
    assert_eq!(turn["visible_enemies"], turn["enemy_units"], "{turn}");
    // The default level has: on the first turn every side sees fewer than there are, and a
    // teacher may switch it off.
    for (fog, fewer) in [(None, true), (Some("off"), false)] {
        let mut args = vec!["simulate", "--games", "1", "--turns", "1", "--json"];
        if let Some(f) = fog {
            args.extend(["--fog", f]);
        }
        let out = euphrates(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        for f in v["games"][0]["turns"][0]["factions"].as_array().unwrap() {
            let (seen, all) = (&f["visible_enemies"], &f["enemy_units"]);
            if seen.is_null() {
                continue;
            }
            assert_eq!(seen.as_u64() < all.as_u64(), fewer, "{fog:?}: {f}");
        }
    }
    for bad in [
        vec!["simulate", "--fog", "maybe"],
        vec!["simulate", "--difficulty", "impossible"],
        vec!["simulate", "--player", "isis"],
        vec!["simulate", "--player", "nobody=easy"],
        vec!["simulate", "--games", "0"],
        vec!["simulate", "--duel", "normal"],
    ] {
        let out = euphrates(&bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert!(text(&out.stderr).contains("error"), "{bad:?}");
    }
}

#[test]
fn output_into_a_closed_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_euphrates"))
        .args(["inspect", "levels/euphrates_2017.ron", "--json"])
        .current_dir(crate::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Read a little, as `| head` would, then close the pipe while it is still writing.
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn simulate_writes_a_classroom_report_with_charts_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = euphrates(&[
        "simulate",
        "--level",
        "levels/tutorial.ron",
        "--games",
        "3",
        "--report",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("# 3 all-AI games"), "{md}");
    assert!(md.contains("## What really happened"));
    for m in euphrates::report::Measure::ALL {
        let name = format!("{}.svg", m.short());
        assert!(
            md.contains(&format!("]({name})")),
            "report.md does not show {name}"
        );
        let svg = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        // One line per faction, in its colour.
        assert_eq!(svg.matches("<polyline").count(), 3, "{name}");
        assert!(svg.contains("#b8433a"), "{name} has no crown line");
    }
    let turns = std::fs::read_to_string(dir.path().join("turns.csv")).unwrap();
    let mut lines = turns.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("seed,turn,date,faction,territory")
    );
    assert!(
        lines.count() >= 3 * 3,
        "a row per faction per turn per game"
    );
    let games = std::fs::read_to_string(dir.path().join("games.csv")).unwrap();
    assert_eq!(games.lines().count(), 4, "a header and one row per game");
    // A report into a file, not a folder: a clear error.
    let file = dir.path().join("report.md");
    let out = euphrates(&[
        "simulate",
        "--level",
        "levels/tutorial.ron",
        "--games",
        "1",
        "--report",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot write the report"));
}

#[test]
fn the_committed_art_is_what_the_generator_draws() {
    let at = crate::at;
    let loaded = euphrates::level::load_path(&at(euphrates::level::DEFAULT_LEVEL))
        .expect("the default level loads");
    let problems = euphrates::art::check_all(&at("assets"), &loaded.scenario);
    assert!(
        problems.is_empty(),
        "{problems:#?}\nrun `cargo run -- art` to draw the pictures again"
    );
    // The command says the same, and fails on a folder that lacks them.
    let assets = at("assets");
    let out = euphrates(&["art", "--check", "--out", assets.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let empty = tempfile::tempdir().unwrap();
    let out = euphrates(&["art", "--check", "--out", empty.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("title.png") && err.contains("euphrates art --out"),
        "{err}"
    );
}
