//! A real window: under Xvfb with Mesa's software Vulkan, the game opens on a level and
//! saves a screenshot, which must show the map — not a blank or single-colour frame.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, Image, ImageSampler, ImageType};

use crate::at;

fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

#[test]
fn the_game_opens_a_window_and_draws_the_map() {
    if !display_available() {
        eprintln!(
            "SKIPPED the_game_opens_a_window_and_draws_the_map: no display (DISPLAY and WAYLAND_DISPLAY are unset); run the tests under `xvfb-run -a`, as .ci/run does"
        );
        return;
    }
    // In the game, with a unit selected (its reach lit) on the default level.
    // The tutorial after two turns: the computer played the other sides in the real client.
    screenshot_shows_a_map(
        "levels/tutorial.ron",
        &["--faction", "crown", "--end-turns", "2"],
        "tutorial",
    );
    screenshot_shows_a_map(
        "levels/euphrates_2017.ron",
        &["--faction", "sdf", "--select", "sdf_ypg_east"],
        "in-game",
    );
    // No side chosen: the main menu over the map.
    let menu = screenshot_shows_a_map("levels/euphrates_2017.ron", &[], "menu");
    // The menu window (egui's dark grey) stands at the upper right, beside the game's name.
    let (w, h) = (menu.width(), menu.height());
    let data = menu.data.as_ref().unwrap();
    let channels = data.len() / (w * h) as usize;
    let (mut dark, mut n) = (0, 0);
    for y in (h / 10..h * 3 / 10).step_by(3) {
        for x in (w * 7 / 10..w * 9 / 10).step_by(3) {
            let i = ((y * w + x) as usize) * channels;
            let (r, g, b) = (data[i], data[i + 1], data[i + 2]);
            n += 1;
            if r < 70 && g < 70 && b < 70 && r.abs_diff(g) < 12 && g.abs_diff(b) < 12 {
                dark += 1;
            }
        }
    }
    assert!(
        dark * 2 > n,
        "the main menu window is not at the upper right ({dark} of {n} samples dark)"
    );
}

#[test]
fn the_map_draws_painted_terrain_and_a_symbol_for_every_kind() {
    if !display_available() {
        eprintln!(
            "SKIPPED the_map_draws_painted_terrain_and_a_symbol_for_every_kind: no display; run under `xvfb-run -a`"
        );
        return;
    }
    // The tutorial has five kinds of unit; a cell joins them for this picture.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(at("levels/tutorial.ron")).unwrap();
    let text = text.replacen(
        "    units: [\n",
        "    units: [\n        (id: \"test_cell\", name: \"Test cell\", kind: Cell, owner: \"alliance\", at: Hex(11, 6), strength: 4),\n",
        1,
    );
    let level = dir.path().join("tutorial_with_cell.ron");
    std::fs::write(&level, text).unwrap();
    let (image, layout) = capture(level.to_str().unwrap(), &["--faction", "crown"], "art");
    assert!(
        layout.contains("terrain: painted tiles from assets"),
        "the terrain is not drawn with the tiles from assets/:\n{layout}"
    );
    let data = image.data.as_ref().unwrap();
    let (w, h) = (image.width(), image.height());
    let channels = data.len() / (w * h) as usize;
    let luma = |x: f32, y: f32| {
        let (x, y) = ((x as u32).min(w - 1), (y as u32).min(h - 1));
        let i = ((y * w + x) as usize) * channels;
        0.3 * f32::from(data[i]) + 0.59 * f32::from(data[i + 1]) + 0.11 * f32::from(data[i + 2])
    };
    // Each kind's counter: at least 24 pixels wide, and its symbol a pattern of its own.
    let mut patterns: Vec<(String, Vec<bool>)> = Vec::new();
    for line in layout.lines().filter_map(|l| l.strip_prefix("counter ")) {
        let (kind, rest) = line.split_once(": ").unwrap();
        let nums: Vec<f32> = rest
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        let (rect, sym) = (&nums[0..4], &nums[4..8]);
        assert!(
            rect[2] - rect[0] >= 24.0,
            "a {kind} counter is {} pixels wide",
            rect[2] - rect[0]
        );
        if patterns.iter().any(|(k, _)| k == kind) {
            continue;
        }
        // The symbol as 12 × 6 cells, each dark or light.
        let (cols, rows) = (12, 6);
        let mut cells = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let (x0, y0) = (
                    sym[0] + (sym[2] - sym[0]) * (c as f32 + 0.5) / cols as f32,
                    sym[1] + (sym[3] - sym[1]) * (r as f32 + 0.5) / rows as f32,
                );
                cells.push(luma(x0, y0) < 120.0);
            }
        }
        patterns.push((kind.to_string(), cells));
    }
    let kinds: Vec<&str> = patterns.iter().map(|(k, _)| k.as_str()).collect();
    for k in euphrates::art::symbols::KINDS {
        let name = euphrates::art::symbols::symbol_name(k);
        assert!(
            kinds.contains(&name),
            "no {name} counter on screen:\n{layout}"
        );
    }
    for (i, (a, pa)) in patterns.iter().enumerate() {
        for (b, pb) in &patterns[i + 1..] {
            let differ = pa.iter().zip(pb).filter(|(x, y)| x != y).count();
            assert!(differ >= 3, "the {a} and {b} symbols look alike on screen");
        }
    }
    // The terrain is textured: blocks of open map vary within themselves.
    let counters: Vec<[f32; 4]> = layout
        .lines()
        .filter_map(|l| l.strip_prefix("counter "))
        .map(|l| {
            let n: Vec<f32> = l
                .split_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            [n[0] - 30.0, n[1] - 30.0, n[2] + 30.0, n[3] + 30.0]
        })
        .collect();
    let (mut textured, mut blocks) = (0, 0);
    for by in (60..h - 160).step_by(40) {
        for bx in (w / 3..w - 20).step_by(40) {
            let (x, y) = (bx as f32, by as f32);
            if counters
                .iter()
                .any(|c| x + 12.0 > c[0] && x < c[2] && y + 12.0 > c[1] && y < c[3])
            {
                continue;
            }
            let vals: Vec<f32> = (0..144)
                .map(|k| luma(x + (k % 12) as f32, y + (k / 12) as f32))
                .collect();
            let mean = vals.iter().sum::<f32>() / 144.0;
            let var = vals.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / 144.0;
            blocks += 1;
            if var.sqrt() > 3.0 {
                textured += 1;
            }
        }
    }
    assert!(
        blocks >= 10 && textured * 10 >= blocks * 6,
        "only {textured} of {blocks} blocks of open map are textured"
    );
}

/// Counts pixels of a hue (a test of their red, green and blue) in a region (fractions of
/// the width and height).
fn count_hue(
    image: &Image,
    hue: impl Fn(i32, i32, i32) -> bool,
    x: (u32, u32),
    y: (u32, u32),
) -> u32 {
    let (w, h) = (image.width(), image.height());
    let data = image.data.as_ref().unwrap();
    let channels = data.len() / (w * h) as usize;
    let mut n = 0;
    for py in h * y.0 / 100..h * y.1 / 100 {
        for px in w * x.0 / 100..w * x.1 / 100 {
            let i = ((py * w + px) as usize) * channels;
            if hue(
                i32::from(data[i]),
                i32::from(data[i + 1]),
                i32::from(data[i + 2]),
            ) {
                n += 1;
            }
        }
    }
    n
}

/// Counts pixels within `tol` of a colour in a region (fractions of the width and height).
fn count_near(image: &Image, rgb: [u8; 3], tol: u8, x: (u32, u32), y: (u32, u32)) -> u32 {
    let (w, h) = (image.width(), image.height());
    let data = image.data.as_ref().unwrap();
    let channels = data.len() / (w * h) as usize;
    let mut n = 0;
    for py in (h * y.0 / 100..h * y.1 / 100).step_by(1) {
        for px in (w * x.0 / 100..w * x.1 / 100).step_by(1) {
            let i = ((py * w + px) as usize) * channels;
            if (0..3).all(|k| data[i + k].abs_diff(rgb[k]) <= tol) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn the_debrief_shows_charts_of_every_side() {
    if !display_available() {
        eprintln!(
            "SKIPPED the_debrief_shows_charts_of_every_side: no display; run under `xvfb-run -a`"
        );
        return;
    }
    // The computer plays the tutorial to its end; the debrief opens with its charts.
    let image = screenshot(
        "levels/tutorial.ron",
        &["--faction", "crown", "--end-turns", "12"],
        "debrief",
    );
    // The chart's lines in the sides' colours (crown #b8433a, alliance #3f6fb5), across the
    // middle of the debrief window, where the plot is (left of the legend).
    // By hue, as a thin line is blended with the dark plot by how it falls on the pixels.
    let crown = count_hue(
        &image,
        |r, g, b| r > g + 70 && r > b + 70,
        (20, 68),
        (41, 66),
    );
    let alliance = count_hue(
        &image,
        |r, g, b| b > r + 60 && b > g + 30,
        (20, 68),
        (41, 66),
    );
    assert!(
        crown > 150,
        "no crown line in the debrief's chart ({crown} pixels)"
    );
    assert!(
        alliance > 150,
        "no alliance line in the debrief's chart ({alliance} pixels)"
    );
    // The timeline's history lines in their parchment colour (the tutorial has one event).
    let history = count_near(&image, [214, 196, 150], 30, (45, 90), (10, 45));
    assert!(
        history > 20,
        "no history in the debrief's timeline ({history} pixels)"
    );
}

fn screenshot_shows_a_map(level: &str, args: &[&str], name: &str) -> Image {
    let image = screenshot(level, args, name);
    check_map(&image, name);
    image
}

fn screenshot(level: &str, args: &[&str], name: &str) -> Image {
    capture(level, args, name).0
}

/// A screenshot, and the layout report of the top bar in that frame.
fn capture(level: &str, args: &[&str], name: &str) -> (Image, String) {
    let dir = std::env::temp_dir().join(format!("euphrates-window-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("screen.png");
    let mut child = Command::new(env!("CARGO_BIN_EXE_euphrates"))
        .args(["play", "--level"])
        .arg(at(level))
        .args(args)
        .arg("--screenshot")
        .arg(&png)
        .args(["--frames", "20"])
        .spawn()
        .expect("the game starts");
    let deadline = Instant::now() + Duration::from_secs(600);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the game did not finish its screenshot within 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "the game exited with {status}");
    let bytes = std::fs::read(&png).expect("the screenshot was written");
    let image = Image::from_buffer(
        &bytes,
        ImageType::Extension("png"),
        CompressedImageFormats::NONE,
        true,
        ImageSampler::Default,
        RenderAssetUsages::MAIN_WORLD,
    )
    .expect("the screenshot is a PNG");
    let layout = std::fs::read_to_string(png.with_extension("layout.txt")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    (image, layout)
}

#[test]
fn the_top_bar_is_whole_at_every_ui_scale_and_window_size() {
    if !display_available() {
        eprintln!(
            "SKIPPED the_top_bar_is_whole_at_every_ui_scale_and_window_size: no display; run under `xvfb-run -a`"
        );
        return;
    }
    let cases = [
        ("1280x800", "0.75"),
        ("1280x800", "1"),
        ("1280x800", "1.5"),
        ("1280x800", "2"),
        ("1024x768", "1"),
        ("1920x1080", "1"),
    ];
    for (window, scale) in cases {
        let name = format!("bar-{window}-{scale}");
        let (image, layout) = capture(
            "levels/euphrates_2017.ron",
            &["--faction", "sdf", "--window", window, "--ui-scale", scale],
            &name,
        );
        let (w, h) = window.split_once('x').unwrap();
        assert_eq!(
            (image.width(), image.height()),
            (w.parse().unwrap(), h.parse().unwrap()),
            "{name}: the window's size"
        );
        let controls = layout.lines().filter(|l| l.starts_with("control ")).count();
        assert!(
            controls >= 15,
            "{name}: {controls} top-bar controls in the layout report:\n{layout}"
        );
        for name_of in ["end turn", "menu", "encyclopedia", "treasury", "date"] {
            assert!(
                layout.contains(&format!("control {name_of}:")),
                "{name}: no {name_of} in the top bar:\n{layout}"
            );
        }
        let problems: Vec<&str> = layout
            .lines()
            .filter(|l| l.starts_with("problem"))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

fn check_map(image: &Image, name: &str) {
    let (w, h) = (image.width(), image.height());
    assert!(w >= 640 && h >= 400, "screenshot is {w}x{h}");
    let data = image.data.as_ref().expect("pixels");
    let channels = data.len() / (w * h) as usize;
    assert!(channels >= 3);
    // Count colours (coarsely) over the map area, right of the side panel.
    let mut colours: BTreeMap<(u8, u8, u8), u32> = BTreeMap::new();
    let mut total = 0;
    for y in (0..h).step_by(2) {
        for x in ((w / 3)..w).step_by(2) {
            let i = ((y * w + x) as usize) * channels;
            let c = (data[i] >> 4, data[i + 1] >> 4, data[i + 2] >> 4);
            *colours.entry(c).or_default() += 1;
            total += 1;
        }
    }
    let commonest = colours.values().max().copied().unwrap_or(0);
    assert!(
        colours.len() > 20,
        "only {} colours: the map is not drawn",
        colours.len()
    );
    assert!(
        commonest * 10 < total * 7,
        "one colour covers {}% of the map area",
        commonest * 100 / total
    );
    // The terrain covers most of the map area (its image was drawn and kept, not just the
    // lines and counters over a bare background).
    let mut terrain = 0;
    for y in (0..h).step_by(2) {
        for x in ((w / 3)..w).step_by(2) {
            let i = ((y * w + x) as usize) * channels;
            if euphrates::sim::Terrain::ALL.iter().any(|t| {
                let c = euphrates::app::map::terrain::terrain_rgb(*t);
                (0..3).all(|k| data[i + k].abs_diff(c[k]) <= 40)
            }) {
                terrain += 1;
            }
        }
    }
    assert!(
        terrain * 100 > total * 30,
        "{name}: terrain covers only {}% of the map area",
        terrain * 100 / total
    );
    // The irrigated valley's green must be on screen (terrain tiles drew).
    let green = colours
        .iter()
        .filter(|((r, g, b), _)| g > r && g > b && *g >= 6)
        .map(|(_, n)| n)
        .sum::<u32>();
    assert!(
        green * 100 > total,
        "{name}: no valley green in the screenshot"
    );
    // And the river's blue (river lines and water tiles).
    let blue = colours
        .iter()
        .filter(|((r, g, b), _)| b > r && b > g && *b >= 8)
        .map(|(_, n)| n)
        .sum::<u32>();
    assert!(
        blue * 300 > total,
        "{name}: no river blue in the screenshot"
    );
}
