//! Saving and loading in the client: the save and load windows (from the main menu and the
//! in-game menu) and the autosave at the start of each of the player's turns.

use std::path::PathBuf;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::session::Session;
use super::state::{AppState, MapRevision};
use super::ui_state::{InGameMenu, Selection};
use crate::save::{self, SaveInfo};

/// Where saves are written and listed.
#[derive(Resource, Debug, Clone)]
pub struct SaveDir(pub PathBuf);

impl Default for SaveDir {
    fn default() -> Self {
        SaveDir(save::default_dir())
    }
}

/// Whether autosaves are written (not while taking screenshots or measuring).
#[derive(Resource, Debug, Clone, Copy)]
pub struct Autosave {
    /// Write autosaves.
    pub enabled: bool,
    /// The command count at the last autosave, so each turn start is saved once.
    done_at: Option<usize>,
}

impl Autosave {
    /// No autosaves (screenshots, benchmarks).
    pub fn off() -> Self {
        Autosave {
            enabled: false,
            done_at: None,
        }
    }
}

impl Default for Autosave {
    fn default() -> Self {
        Autosave {
            enabled: true,
            done_at: None,
        }
    }
}

/// The save and load windows.
#[derive(Resource, Default, Debug)]
pub struct SaveWindows {
    /// The save window is open.
    pub save_open: bool,
    /// The load window is open.
    pub load_open: bool,
    /// The name typed for a save.
    pub name: String,
    /// The saves found when the load window opened.
    pub found: Vec<SaveInfo>,
    /// The outcome of the last save or load: (it worked, what to say).
    pub message: Option<(bool, String)>,
    /// Names of the player's own saves, for the save window.
    pub names: Vec<String>,
}

impl SaveWindows {
    /// Opens the load window with a fresh list of the saves in `dir`.
    pub fn open_load(&mut self, dir: &SaveDir) {
        self.found = save::list(&dir.0);
        self.load_open = true;
        self.save_open = false;
        self.message = None;
    }

    /// Opens the save window with a name drawn from the game's situation.
    pub fn open_save(&mut self, session: &Session, dir: &SaveDir) {
        self.name = save::suggested_name(&session.save());
        self.names = save::list(&dir.0)
            .iter()
            .filter(|s| s.save.is_ok())
            .map(|s| file_stem(&s.path))
            .filter(|n| !n.starts_with("autosave-"))
            .take(8)
            .collect();
        self.save_open = true;
        self.load_open = false;
        self.message = None;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SaveDir>()
        .init_resource::<Autosave>()
        .init_resource::<SaveWindows>()
        .add_systems(
            EguiPrimaryContextPass,
            (save_window, load_window).run_if(not(in_state(AppState::Loading))),
        )
        .add_systems(
            Update,
            (autosave, close_with_menu).run_if(in_state(AppState::InGame)),
        )
        .add_systems(
            OnEnter(AppState::InGame),
            // A game just started or loaded is not saved again until its next turn begins.
            |mut a: ResMut<Autosave>, session: Res<Session>| {
                a.done_at = Some(session.recorder().len());
            },
        );
}

/// Saves at the start of each turn of a person at the machine (every player's, in a hotseat
/// game), before any order, keeping the last few.
/// (Public for the headless tests.)
pub fn autosave(session: Res<Session>, dir: Res<SaveDir>, mut state: ResMut<Autosave>) {
    if !state.enabled || session.game.is_over() || session.ai_to_move() {
        return;
    }
    let done = session.recorder().len();
    let fresh_turn = session
        .recorder()
        .last_turn_start()
        .is_some_and(|t| session.humans.contains(&t.faction) && t.command as usize == done);
    if !fresh_turn || state.done_at == Some(done) {
        return;
    }
    state.done_at = Some(done);
    match save::autosave(&dir.0, &session.save()) {
        Ok(path) => info!("autosaved to {}", path.display()),
        Err(e) => warn!("autosave failed (older autosaves are kept): {e}"),
    }
}

/// The windows belong to the in-game menu: closing it (Esc) closes them.
fn close_with_menu(menu: Res<InGameMenu>, mut windows: ResMut<SaveWindows>) {
    if !menu.0 && (windows.save_open || windows.load_open) {
        windows.save_open = false;
        windows.load_open = false;
    }
}

fn file_stem(p: &std::path::Path) -> String {
    p.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// How long ago a file was written, in words.
fn age(modified: Option<std::time::SystemTime>) -> String {
    let Some(secs) = modified.and_then(|m| m.elapsed().ok()).map(|d| d.as_secs()) else {
        return String::new();
    };
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

fn save_window(
    mut contexts: EguiContexts,
    mut windows: ResMut<SaveWindows>,
    dir: Res<SaveDir>,
    session: Res<Session>,
) -> Result {
    if !windows.save_open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new("Save game")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(format!(
                "Turn {}, {} — saves go to {}",
                session.game.turn(),
                session.game.date(),
                dir.0.display()
            ));
            ui.horizontal(|ui| {
                ui.label("Name");
                let edit =
                    ui.add(egui::TextEdit::singleline(&mut windows.name).desired_width(220.0));
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let name: String = windows
                    .name
                    .trim()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'))
                    .collect();
                let ok = !name.trim_matches('.').is_empty();
                let clicked = ui
                    .add_enabled(ok, egui::Button::new("Save"))
                    .on_hover_text("Write the save; a save of the same name is kept as .bak.")
                    .clicked();
                if ok && (clicked || enter) {
                    let path = dir.0.join(format!("{name}.{}", save::EXTENSION));
                    windows.message = Some(match save::write(&path, &session.save()) {
                        Ok(()) => (true, format!("Saved to {}", path.display())),
                        Err(e) => (
                            false,
                            format!("{e}\nNothing was lost: any earlier save is as it was."),
                        ),
                    });
                }
            });
            let existing = windows.names.clone();
            if !existing.is_empty() {
                ui.label("Your saves (click to reuse a name):");
                for n in existing {
                    if ui.small_button(&n).clicked() {
                        windows.name = n;
                    }
                }
            }
            if let Some((ok, m)) = &windows.message {
                let colour = if *ok {
                    egui::Color32::from_rgb(120, 200, 120)
                } else {
                    egui::Color32::from_rgb(230, 90, 80)
                };
                ui.colored_label(colour, m);
            }
        });
    if !open {
        windows.save_open = false;
    }
    Ok(())
}

/// What starting a loaded game resets: the screen, the map's views, the selection and the
/// menu.
#[derive(SystemParam)]
struct FreshStart<'w> {
    next: ResMut<'w, NextState<AppState>>,
    revision: ResMut<'w, MapRevision>,
    selection: ResMut<'w, Selection>,
    menu: ResMut<'w, InGameMenu>,
}

fn load_window(
    mut contexts: EguiContexts,
    mut windows: ResMut<SaveWindows>,
    dir: Res<SaveDir>,
    mut commands: Commands,
    session: Option<Res<Session>>,
    fresh: FreshStart,
) -> Result {
    let FreshStart {
        mut next,
        mut revision,
        mut selection,
        mut menu,
    } = fresh;
    if !windows.load_open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    let mut chosen = None;
    egui::Window::new("Load game")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(format!("Saves in {}", dir.0.display()));
            if windows.found.is_empty() {
                ui.label(
                    "No saved games yet. The game saves itself at the start of each of your turns.",
                );
            }
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    egui::Grid::new("saves")
                        .num_columns(3)
                        .striped(true)
                        .spacing([12.0, 6.0])
                        .show(ui, |ui| {
                            for (i, info) in windows.found.iter().enumerate() {
                                match &info.save {
                                    Ok(s) => {
                                        if ui
                                            .button(file_stem(&info.path))
                                            .on_hover_text(format!("Load {}", info.path.display()))
                                            .clicked()
                                        {
                                            chosen = Some(i);
                                        }
                                        ui.label(format!(
                                            "{} — {}, turn {} ({}){}",
                                            s.level.name,
                                            s.player.as_deref().unwrap_or("all AI"),
                                            s.at.turn,
                                            s.at.date,
                                            if s.at.over { ", over" } else { "" }
                                        ));
                                    }
                                    Err(e) => {
                                        ui.add_enabled(
                                            false,
                                            egui::Button::new(file_stem(&info.path)),
                                        )
                                        .on_disabled_hover_text(e.to_string());
                                        ui.colored_label(
                                            egui::Color32::from_rgb(230, 140, 80),
                                            "cannot be loaded (hover for why)",
                                        );
                                    }
                                }
                                ui.label(age(info.modified));
                                ui.end_row();
                            }
                        });
                });
            if let Some((ok, m)) = &windows.message {
                let colour = if *ok {
                    egui::Color32::from_rgb(120, 200, 120)
                } else {
                    egui::Color32::from_rgb(230, 90, 80)
                };
                ui.colored_label(colour, m);
            }
        });
    if let Some(i) = chosen {
        let info = &windows.found[i];
        let search: Vec<PathBuf> = session
            .as_ref()
            .and_then(|s| s.level_path.parent().map(std::path::Path::to_path_buf))
            .into_iter()
            .chain(crate::level::library::search_dirs())
            .collect();
        let loaded = info.save.clone().and_then(|s| {
            let (path, level, scenario) = save::find_level(&s, None, &search)?;
            Session::from_save(*s, level, path, scenario)
        });
        match loaded {
            Ok(s) => {
                info!("loaded {}", info.path.display());
                commands.insert_resource(s);
                *selection = Selection::default();
                revision.0 += 1;
                menu.0 = false;
                windows.load_open = false;
                next.set(AppState::InGame);
            }
            Err(e) => windows.message = Some((false, e.to_string())),
        }
    }
    if !open {
        windows.load_open = false;
    }
    Ok(())
}
