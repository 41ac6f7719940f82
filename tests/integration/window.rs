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
    // The menu window (egui's dark grey) covers the middle of the screen.
    let (w, h) = (menu.width(), menu.height());
    let data = menu.data.as_ref().unwrap();
    let channels = data.len() / (w * h) as usize;
    let (mut dark, mut n) = (0, 0);
    for y in (h * 2 / 5..h * 3 / 5).step_by(3) {
        for x in (w * 2 / 5..w * 3 / 5).step_by(3) {
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
        "the main menu window is not in the middle of the screen ({dark} of {n} samples dark)"
    );
}

fn screenshot_shows_a_map(level: &str, args: &[&str], name: &str) -> Image {
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
    let _ = std::fs::remove_dir_all(&dir);
    image
}
