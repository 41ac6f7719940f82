//! Every shipped level loads; every broken level in the corpus gives its expected diagnostics.

use euphrates::level::{self, load_str};
use proptest::prelude::*;

use crate::{at, ron_files};

#[test]
fn every_shipped_level_loads_and_validates() {
    let files = ron_files(&at("levels"));
    assert!(!files.is_empty());
    for f in files {
        let l = level::load_path(&f).unwrap_or_else(|d| {
            panic!(
                "{} does not load:\n{}",
                f.display(),
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(!l.scenario.factions.is_empty());
        assert!(l.scenario.factions.iter().any(|f| f.playable));
    }
}

#[test]
fn the_default_level_exists() {
    assert!(at(level::DEFAULT_LEVEL).exists());
}

/// `// expect: LINE:COL: text` lines at the top of a corpus file.
fn expectations(text: &str) -> Vec<(usize, usize, String)> {
    text.lines()
        .take_while(|l| l.starts_with("//"))
        .filter_map(|l| l.strip_prefix("// expect: "))
        .map(|e| {
            let mut parts = e.splitn(3, ':');
            let line = parts.next().unwrap().trim().parse().unwrap();
            let col = parts.next().unwrap().trim().parse().unwrap();
            (line, col, parts.next().unwrap().trim().to_owned())
        })
        .collect()
}

#[test]
fn each_broken_level_reports_its_problems_where_they_are() {
    let files = ron_files(&at("tests/data/bad_levels"));
    assert!(files.len() >= 15, "the corpus has {} files", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} has no `// expect:` line");
        let diags = load_str(&name, &text).expect_err(&format!("{name} should not load"));
        assert_eq!(
            diags.len(),
            expected.len(),
            "{name}: expected {} problems, got:\n{}",
            expected.len(),
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        for (line, col, msg) in &expected {
            assert!(
                diags
                    .iter()
                    .any(|d| d.line == *line && d.col == *col && d.message.contains(msg.as_str())),
                "{name}: no diagnostic `{msg}` at {line}:{col}; got:\n{}",
                diags
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        for d in &diags {
            assert_eq!(d.file, name);
            assert!(
                d.to_string()
                    .starts_with(&format!("{name}:{}:{}: ", d.line, d.col))
            );
        }
    }
}

#[test]
fn unknown_names_come_with_a_did_you_mean() {
    let text = std::fs::read_to_string(at("tests/data/bad_levels/unknown_faction.ron")).unwrap();
    let diags = load_str("x.ron", &text).unwrap_err();
    assert_eq!(
        diags[0].hint.as_deref(),
        Some("did you mean `blue`? known: blue, red")
    );
    let text = std::fs::read_to_string(at("tests/data/bad_levels/misspelt_field.ron")).unwrap();
    let diags = load_str("x.ron", &text).unwrap_err();
    assert!(
        diags[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `height`?")
    );
}

#[test]
fn hostile_sizes_are_refused_not_swallowed() {
    let base = std::fs::read_to_string(at("levels/tutorial.ron")).unwrap();
    // A string over 4 KiB.
    let long = base.replacen(
        "source: \"Fictional. Written",
        &format!("source: \"{}", "x".repeat(5000)),
        1,
    );
    let d = load_str("long.ron", &long).unwrap_err();
    assert!(
        d.iter()
            .any(|d| d.message.contains("bytes at `source`; at most 4096")),
        "{d:?}"
    );
    // Nesting far deeper than any level needs must not exhaust the stack.
    for open in ["[", "(", "{", "Some("] {
        let deep = format!("(format: 1, id: {}", open.repeat(100_000));
        let d = load_str("deep.ron", &deep).unwrap_err();
        assert_eq!((d.len(), d[0].line), (1, 1), "{d:?}");
    }
    // A map larger than 256 hexes a side.
    let big = base.replacen("width: 24", "width: 100000", 1);
    let d = load_str("big.ron", &big).unwrap_err();
    assert!(d[0].message.contains("100000"), "{d:?}");
}

#[test]
fn files_that_are_not_levels_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let first = |p: &std::path::Path| {
        let d = level::load_path(p).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        format!("{}", d[0])
    };
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (write("empty.ron", b""), "the file is empty"),
        (
            write("blank.ron", b"\n  // only a comment\n"),
            "the file is empty",
        ),
        (
            write("binary.ron", &[0xff, 0xfe, 0x28, 0x00]),
            "not UTF-8 text",
        ),
        (
            write("notes.ron", b"hello world\n"),
            "does not look like a level file",
        ),
        (at("README.md"), "does not look like a level file"),
        (
            write("game.sav.ron", b"(\n euphrates_save: 1,\n)"),
            "this is a saved game, not a level",
        ),
        (
            dir.path().to_path_buf(),
            "this is a folder, not a level file",
        ),
        (dir.path().join("missing.ron"), "cannot open the file"),
    ];
    for (path, expected) in cases {
        let m = first(&path);
        assert!(m.contains(expected), "{}: {m}", path.display());
        assert!(m.contains("hint:"), "{}: no hint in {m}", path.display());
    }
    // Numbers too large for their field: the position and the range.
    let base = std::fs::read_to_string(at("levels/tutorial.ron")).unwrap();
    let huge = base.replacen("width: 24", "width: 99999999999999999999999", 1);
    let d = load_str("huge.ron", &huge).unwrap_err();
    assert!(d[0].message.contains("out of range"), "{d:?}");
    assert!(d[0].line > 1 && d[0].col > 1);
    let negative = base.replacen("width: 24", "width: -3", 1);
    assert!(load_str("negative.ron", &negative).is_err());
    // A file far larger than any level is refused before it is parsed.
    let big = write("big.ron", &vec![b' '; 17 * 1024 * 1024]);
    assert!(first(&big).contains("larger than 16 MiB"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Whatever a modder's editor does to a level, loading it never panics.
    #[test]
    fn mangled_levels_never_panic(cut in 0usize..20_000, len in 0usize..200, junk in "[\\x00-\\x7f]{0,12}") {
        let base = include_str!("../../levels/tutorial.ron");
        let mut bytes = base.as_bytes().to_vec();
        let start = cut.min(bytes.len());
        let end = (start + len).min(bytes.len());
        bytes.splice(start..end, junk.bytes());
        if let Ok(text) = String::from_utf8(bytes) {
            let _ = load_str("fuzz.ron", &text);
        }
    }
}

#[test]
fn flat_maps_place_rivers_and_roads_too() {
    let base = std::fs::read_to_string(at("tests/data/bad_levels/unknown_faction.ron")).unwrap();
    let text = base
        .replace("owner: \"bleu\"", "owner: \"blue\"")
        .replace("height: 4,", "height: 4,\n        orientation: Flat,")
        .replace(
            "    factions: [",
            "    rivers: [(id: \"r\", name: \"R\", path: [Hex(0, 2), Hex(5, 2)])],\n    roads: [(path: [Hex(0, 0), Hex(5, 0)])],\n    factions: [",
        );
    let l = load_str("flat.ron", &text).unwrap_or_else(|d| panic!("{d:?}"));
    let map = &l.scenario.map;
    assert_eq!(map.orientation(), euphrates::sim::Orientation::Flat);
    assert!(map.river_edges().count() >= 5);
    assert!(map.roads().count() >= 5);
}

/// The default level is what its generator writes from its data and the teaching fragments:
/// an edit made to the level by hand, or to a fragment without regenerating, fails here.
#[test]
fn the_default_level_is_what_its_generator_writes() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = std::process::Command::new("python3")
        .current_dir(root)
        .args(["tools/make_euphrates_2017.py", "--check"])
        .output();
    let out = match run {
        Ok(out) => out,
        // CI runs the same check itself (.ci/run); a machine without Python cannot run it here.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("python3 not found: the generator check is left to .ci/run");
            return;
        }
        Err(e) => panic!("could not run the generator: {e}"),
    };
    assert!(
        out.status.success(),
        "levels/euphrates_2017.ron differs from what tools/make_euphrates_2017.py writes:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

proptest! {
    /// Any text scans without panicking, and every tag found is `[id]` exactly where it says.
    #[test]
    fn source_tags_are_found_where_they_stand(text in "[\\[\\]S0-9a-zA-Z é]{0,40}") {
        for (range, id) in euphrates::level::teaching::source_tags(&text) {
            prop_assert_eq!(&text[range.clone()], format!("[{id}]"));
            prop_assert!(id.chars().next().is_some_and(|c| c.is_ascii_uppercase()));
        }
    }
}

#[test]
fn source_tags_take_ids_and_leave_other_brackets_alone() {
    let tags: Vec<&str> = euphrates::level::teaching::source_tags(
        "Taken 19 Nov [S62][S60b]; see [2017], [like this], [S] and [s4].",
    )
    .into_iter()
    .map(|(_, id)| id)
    .collect();
    assert_eq!(tags, ["S62", "S60b"]);
}
