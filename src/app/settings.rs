//! Player settings: UI scale, faction palette, animation speed. Applied at once; shown in the
//! settings window from the main menu and the in-game menu.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::sim::{FactionId, Game};

/// How fast the computer's turns and unit moves play out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
    /// Whether the settings window is open.
    pub open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            palette: Palette::Level,
            animation: AnimationSpeed::Normal,
            open: false,
        }
    }
}

impl Settings {
    /// The colour of a faction under the chosen palette.
    pub fn faction_rgb(&self, game: &Game, f: FactionId) -> [u8; 3] {
        match self.palette {
            Palette::Level => game.scenario().faction(f).map_or([128; 3], |f| f.color),
            Palette::ColourBlindSafe => OKABE_ITO[usize::from(f.0) % OKABE_ITO.len()],
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Settings>()
        .add_systems(EguiPrimaryContextPass, (apply_scale, window).chain())
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        );
}

fn apply_scale(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if (ctx.zoom_factor() - settings.ui_scale).abs() > 0.001 {
        ctx.set_zoom_factor(settings.ui_scale);
    }
    Ok(())
}

fn window(mut contexts: EguiContexts, mut settings: ResMut<Settings>) -> Result {
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
            egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
                ui.label("UI scale");
                ui.add(egui::Slider::new(&mut s.ui_scale, 0.75..=2.0).step_by(0.05))
                    .on_hover_text("Size of panels and text.");
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
                            .on_hover_text("How fast the computer's moves play out.");
                    }
                });
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
