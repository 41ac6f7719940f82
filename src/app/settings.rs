//! Player settings: UI scale, faction palette, animation speed. Applied at once; shown in the
//! settings window from the main menu and the in-game menu; kept between runs in the
//! platform's config folder (a file that cannot be read is reported and the defaults used).

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use serde::{Deserialize, Serialize};

use crate::sim::{FactionId, Game};

/// Moves the settings file's folder (for tests, or several players on one machine).
pub const CONFIG_DIR_VAR: &str = "EUPHRATES_CONFIG_DIR";

/// The UI scales offered: fixed steps, so the layout can be made to fit at each.
pub const UI_SCALES: [f32; 6] = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

/// How fast the computer's turns and unit moves play out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnimationSpeed {
    /// No animation: the computer's turns pass at once.
    Off,
    /// A slow beat, for following every move.
    Slow,
    /// The default.
    #[default]
    Normal,
    /// Quick.
    Fast,
}

impl AnimationSpeed {
    /// Every speed, slowest last.
    pub const ALL: [AnimationSpeed; 4] = [
        AnimationSpeed::Off,
        AnimationSpeed::Fast,
        AnimationSpeed::Normal,
        AnimationSpeed::Slow,
    ];

    /// Seconds between two visible actions of the computer (0: no pause).
    pub fn beat_seconds(self) -> f32 {
        match self {
            AnimationSpeed::Off => 0.0,
            AnimationSpeed::Fast => 0.08,
            AnimationSpeed::Normal => 0.22,
            AnimationSpeed::Slow => 0.6,
        }
    }

    /// How fast a counter slides, in hexes per second (infinite: it jumps).
    pub fn hexes_per_second(self) -> f32 {
        match self {
            AnimationSpeed::Off => f32::INFINITY,
            AnimationSpeed::Fast => 40.0,
            AnimationSpeed::Normal => 18.0,
            AnimationSpeed::Slow => 8.0,
        }
    }

    /// A name for the settings window.
    pub fn name(self) -> &'static str {
        match self {
            AnimationSpeed::Off => "off",
            AnimationSpeed::Fast => "fast",
            AnimationSpeed::Normal => "normal",
            AnimationSpeed::Slow => "slow",
        }
    }
}

/// Faction colours: the level's own, or a palette safe for colour-blind players.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Palette {
    /// The colours the level gives.
    #[default]
    Level,
    /// The Okabe–Ito palette, told apart by people with the common colour vision deficiencies.
    ColourBlindSafe,
}

/// Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable with the
/// common colour vision deficiencies; black is left out (it is the counters' frame).
const OKABE_ITO: [[u8; 3]; 7] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
];

/// The player's settings.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Size of panels and text, 1.0 = normal.
    pub ui_scale: f32,
    /// Faction colours.
    pub palette: Palette,
    /// Animation speed.
    pub animation: AnimationSpeed,
    /// Whether ending a turn while units have not acted asks first.
    pub warn_idle: bool,
    /// Whether the map looks at the computer's moves and attacks that happen out of view.
    pub follow_computer: bool,
    /// Whether the settings window is open.
    pub open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            palette: Palette::Level,
            animation: AnimationSpeed::Normal,
            warn_idle: true,
            follow_computer: true,
            open: false,
        }
    }
}

/// What is kept of the settings between runs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Stored {
    ui_scale: f32,
    palette: Palette,
    animation: AnimationSpeed,
    warn_idle: bool,
    follow_computer: bool,
}

impl Default for Stored {
    fn default() -> Self {
        Settings::default().stored()
    }
}

/// Where the settings are kept: `$EUPHRATES_CONFIG_DIR/settings.ron` if that is set, else the
/// platform's config folder (`~/.config/euphrates/settings.ron` on Linux).
pub fn default_path() -> PathBuf {
    let dir = std::env::var_os(CONFIG_DIR_VAR)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "euphrates").map(|p| p.config_dir().into())
        })
        .unwrap_or_else(|| PathBuf::from("."));
    dir.join("settings.ron")
}

/// The nearest of the offered UI scales.
pub fn snap_scale(scale: f32) -> f32 {
    UI_SCALES
        .into_iter()
        .min_by(|a, b| (a - scale).abs().total_cmp(&(b - scale).abs()))
        .unwrap_or(1.0)
}

impl Settings {
    fn stored(&self) -> Stored {
        Stored {
            ui_scale: self.ui_scale,
            palette: self.palette,
            animation: self.animation,
            warn_idle: self.warn_idle,
            follow_computer: self.follow_computer,
        }
    }

    /// The settings kept at `path`: the defaults when there is none yet, and the defaults with
    /// the reason when the file cannot be read (it is replaced at the next change).
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None);
            }
            Err(e) => {
                let why = format!("{}: cannot read the settings: {e}", path.display());
                return (Settings::default(), Some(why));
            }
        };
        match ron::from_str::<Stored>(&text) {
            Ok(s) => (
                Settings {
                    ui_scale: snap_scale(s.ui_scale),
                    palette: s.palette,
                    animation: s.animation,
                    warn_idle: s.warn_idle,
                    follow_computer: s.follow_computer,
                    ..Settings::default()
                },
                None,
            ),
            Err(e) => {
                let why = format!(
                    "{}:{}:{}: the settings file is damaged ({}); the defaults are used",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                );
                (Settings::default(), Some(why))
            }
        }
    }

    /// Keeps the settings at `path`; a failed write leaves the previous file as it was.
    pub fn store(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(&self.stored(), ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::save::write_atomic(path, format!("{text}\n").as_bytes())
    }

    /// The colour of a faction under the chosen palette.
    pub fn faction_rgb(&self, game: &Game, f: FactionId) -> [u8; 3] {
        match self.palette {
            Palette::Level => game.scenario().faction(f).map_or([128; 3], |f| f.color),
            Palette::ColourBlindSafe => OKABE_ITO[usize::from(f.0) % OKABE_ITO.len()],
        }
    }
}

/// Where the settings are kept between runs, if they are (not in a screenshot or a
/// benchmark, which use the defaults and leave the player's file alone).
#[derive(Resource, Clone, Debug, Default)]
pub struct SettingsFile {
    /// The file.
    pub path: Option<PathBuf>,
    /// Why the file could not be read at start, shown in the settings window.
    pub problem: Option<String>,
}

/// The settings: their window, the UI scale applied, and the file they are kept in.
pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>()
        .init_resource::<SettingsFile>()
        .add_systems(EguiPrimaryContextPass, (apply_scale, window).chain())
        .add_systems(Update, persist)
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        );
}

fn apply_scale(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut styled: Local<bool>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !*styled {
        *styled = true;
        // egui's small text (9 points) is hard to read on a map-sized screen: every size up
        // a step, the smallest most.
        ctx.all_styles_mut(|style| {
            use egui::{FontId, TextStyle};
            for (text, size) in [
                (TextStyle::Small, 11.0),
                (TextStyle::Body, 13.5),
                (TextStyle::Button, 13.5),
                (TextStyle::Monospace, 12.5),
                (TextStyle::Heading, 18.0),
            ] {
                let family = if text == TextStyle::Monospace {
                    FontId::monospace(size)
                } else {
                    FontId::proportional(size)
                };
                style.text_styles.insert(text, family);
            }
        });
    }
    if (ctx.zoom_factor() - settings.ui_scale).abs() > 0.001 {
        ctx.set_zoom_factor(settings.ui_scale);
    }
    Ok(())
}

/// Writes the settings whenever what is kept of them changes (not when a window opens).
fn persist(settings: Res<Settings>, file: Res<SettingsFile>, mut last: Local<Option<Stored>>) {
    let Some(path) = &file.path else { return };
    let now = settings.stored();
    match *last {
        None => *last = Some(now),
        Some(before) if before == now => {}
        Some(_) => {
            *last = Some(now);
            if let Err(e) = settings.store(path) {
                warn!("the settings were not kept: {}: {e}", path.display());
            }
        }
    }
}

fn window(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    file: Res<SettingsFile>,
) -> Result {
    if !settings.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut s = *settings;
    let mut open = true;
    egui::Window::new("Settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            if let Some(problem) = &file.problem {
                ui.colored_label(egui::Color32::from_rgb(230, 90, 80), problem);
            }
            egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
                ui.label("UI scale");
                ui.horizontal(|ui| {
                    // Fixed steps, set with a click: a slider would move under the pointer as
                    // the scale it sets changes the window's layout.
                    for step in UI_SCALES {
                        let on = (s.ui_scale - step).abs() < 0.01;
                        if ui
                            .selectable_label(on, format!("{:.0} %", step * 100.0))
                            .on_hover_text("Size of panels and text.")
                            .clicked()
                        {
                            s.ui_scale = step;
                        }
                    }
                });
                ui.end_row();
                ui.label("Faction colours");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut s.palette, Palette::Level, "the level's")
                        .on_hover_text("The colours the level file gives each faction.");
                    ui.radio_value(
                        &mut s.palette,
                        Palette::ColourBlindSafe,
                        "colour-blind safe",
                    )
                    .on_hover_text(
                        "The Okabe–Ito palette. Counters also differ in shape by faction.",
                    );
                });
                ui.end_row();
                ui.label("Animations");
                ui.horizontal(|ui| {
                    for a in AnimationSpeed::ALL {
                        ui.radio_value(&mut s.animation, a, a.name())
                            .on_hover_text("How fast moves, fights and the computer's turns play out (Space skips them).");
                    }
                });
                ui.end_row();
                ui.label("Computer's turns");
                ui.checkbox(&mut s.follow_computer, "Look at its moves out of view")
                    .on_hover_text("The map moves to show a computer's move or attack that happens where you are not looking (and your side can see).");
                ui.end_row();
                ui.label("End of turn");
                ui.checkbox(&mut s.warn_idle, "Ask while units have not acted")
                    .on_hover_text("Before ending your turn, list the units that have neither moved nor fought (units you told to keep their place with K are not counted).");
                ui.end_row();
            });
        });
    s.open = open;
    settings.set_if_neq(s);
    Ok(())
}

/// bevy_egui 0.42 sends egui a "modifiers changed" event every frame, and egui answers any
/// input event with a request to draw again at once: the window would never rest. Only real
/// changes of the modifier keys are passed on, so a game waiting for the player uses almost no
/// CPU.
pub fn drop_unchanged_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let before = *last;
        let mut seen = before;
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = seen != Some(*m);
                seen = Some(*m);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}
