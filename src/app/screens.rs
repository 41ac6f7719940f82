//! The screens around the map: the main menu (new game: level, faction, difficulty, seed),
//! loading, the in-game menu (Escape) and the debrief at the end of a game.

use std::path::{Path, PathBuf};

use bevy::asset::LoadState;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::level_asset::{LevelAsset, LevelStatus};
use super::saves::{SaveDir, SaveWindows};
use super::session::Session;
use super::settings::Settings;
use super::state::{AppState, FogChoice, MapRevision, Navigation};
use super::teaching::{BriefingOpen, Encyclopedia};
use super::ui_state::{InGameMenu, Selection};
use crate::level::{self, LoadedLevel};
use crate::sim::ai::Difficulty;

/// The choices of the new-game form.
#[derive(Resource, Debug, Clone)]
pub struct NewGame {
    /// Level files found, as (path, display name).
    pub levels: Vec<(PathBuf, String)>,
    /// The chosen level.
    pub level: PathBuf,
    /// The chosen faction's id.
    pub faction: String,
    /// The chosen difficulty.
    pub difficulty: Difficulty,
    /// The chosen seed.
    pub seed: u64,
    /// Why the last start failed (a broken level), shown in the menu.
    pub error: Option<String>,
    /// The playable factions (id, name) of the level last looked at, so the menu does not
    /// read the file every frame.
    pub factions: Option<(PathBuf, Vec<(String, String)>)>,
    /// That level's content notes: its own, and each side's by id.
    pub notes: (String, Vec<(String, String)>),
    /// Whether that level has the fog of war.
    pub level_fog: bool,
    /// For a hotseat game, the sides people play at this computer (ids); `None` for one
    /// player against the computer.
    pub hotseat: Option<Vec<String>>,
}

/// Why a choice in the menu cannot be changed.
const LOCKED: &str = "Set by your teacher's classroom settings (classroom.ron).";

/// The levels in a folder, by file name, with their scenario names where they load.
pub fn find_levels(dir: &Path, also: &Path) -> Vec<(PathBuf, String)> {
    let mut paths = crate::level::library::files_in(dir).unwrap_or_default();
    if !paths.iter().any(|p| same_file(p, also)) {
        paths.push(also.to_path_buf());
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = match level::load_path(&p) {
                Ok(l) => l.scenario.name.clone(),
                Err(_) => format!(
                    "{} (has errors)",
                    p.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
            };
            (p, name)
        })
        .collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            main_menu.run_if(in_state(AppState::MainMenu)),
            in_game_menu.run_if(in_state(AppState::InGame)),
        ),
    )
    .add_plugins((loading, windows))
    // No panels on the main menu: the map shows through the whole window.
    .add_systems(
        OnEnter(AppState::MainMenu),
        |mut area: ResMut<super::ui_state::MapArea>| {
            area.0 = None;
        },
    )
    .add_systems(Update, game_over.run_if(in_state(AppState::InGame)));
}

fn main_menu(
    mut contexts: EguiContexts,
    mut form: ResMut<NewGame>,
    mut windows: ResMut<SaveWindows>,
    save_dir: Res<SaveDir>,
    mut book: ResMut<Encyclopedia>,
    (mut settings, mut fog_choice, locks): (
        ResMut<Settings>,
        ResMut<FogChoice>,
        Option<Res<super::locks::Locks>>,
    ),
    nav: Navigation,
) -> Result {
    let Navigation { mut next, mut exit } = nav;
    if windows.load_open || book.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let wide = ctx.content_rect().width() >= super::title::WIDE;
    // The faction list follows the chosen level.
    if form.factions.as_ref().is_none_or(|(p, _)| *p != form.level) {
        let loaded = level::load_path(&form.level).ok();
        let list = loaded
            .as_ref()
            .map(|l| {
                l.scenario
                    .factions
                    .iter()
                    .filter(|f| f.playable)
                    .map(|f| (f.key.clone(), f.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        form.level_fog = loaded.as_ref().is_some_and(|l| l.scenario.fog);
        form.notes = loaded.map_or_else(Default::default, |l| {
            let sides = l
                .file
                .briefings
                .iter()
                .filter(|b| !b.content_note.trim().is_empty())
                .map(|b| (b.faction.clone(), b.content_note.clone()))
                .collect();
            (l.file.content_note, sides)
        });
        form.factions = Some((form.level.clone(), list));
    }
    let factions = form
        .factions
        .as_ref()
        .map(|(_, f)| f.clone())
        .unwrap_or_default();
    if !factions.iter().any(|(k, _)| *k == form.faction)
        && let Some((k, _)) = factions.first()
    {
        form.faction = k.clone();
    }
    // The level's content note, across the foot of the screen: read before choosing, and
    // out of the way of the form.
    if !form.notes.0.trim().is_empty() {
        let (anchor, at, width) = if wide {
            (egui::Align2::LEFT_BOTTOM, egui::vec2(40.0, -20.0), 560.0)
        } else {
            (egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -12.0), 640.0)
        };
        egui::Area::new(egui::Id::new("content_note"))
            .anchor(anchor, at)
            .show(ctx, |ui| {
                content_note(ui, "Content note", &form.notes.0, width)
            });
    }
    // Beside the game's name on a wide window, under it on a narrow one. Its top stays put, so
    // a note that appears under the sides (the Islamic State's) grows the window downwards and
    // never moves the choices under the pointer.
    let (anchor, at) = if wide {
        (egui::Align2::RIGHT_TOP, egui::vec2(-40.0, 40.0))
    } else {
        (
            egui::Align2::CENTER_TOP,
            egui::vec2(
                0.0,
                ((ctx.content_rect().height() - 380.0) / 2.0).max(120.0),
            ),
        )
    };
    egui::Window::new("New game")
        .collapsible(false)
        .resizable(false)
        .anchor(anchor, at)
        .default_width(420.0)
        .show(ctx, |ui| {
            egui::Grid::new("new_game").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                ui.label("Level");
                let current = form
                    .levels
                    .iter()
                    .find(|(p, _)| *p == form.level)
                    .map_or_else(|| form.level.display().to_string(), |(_, n)| n.clone());
                egui::ComboBox::from_id_salt("level")
                    .selected_text(current)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        let levels = form.levels.clone();
                        for (p, name) in levels {
                            ui.selectable_value(&mut form.level, p.clone(), name)
                                .on_hover_text(p.display().to_string());
                        }
                    })
                    .response
                    .on_hover_text("Level files in the levels folder.");
                ui.end_row();
                ui.label("Play as");
                ui.vertical(|ui| {
                    if factions.is_empty() {
                        ui.colored_label(egui::Color32::from_rgb(230, 90, 80), "This level has errors or no playable faction.");
                    }
                    // First, so that ticking it never moves it from under the pointer.
                    let mut several = form.hotseat.is_some();
                    if ui
                        .checkbox(&mut several, "Several players at this computer (hotseat)")
                        .on_hover_text("One side each, taking turns at one machine: the map is hidden between turns, and each sees only their own side.")
                        .changed()
                    {
                        form.hotseat = several.then(|| vec![form.faction.clone()]);
                    }
                    match form.hotseat.as_mut() {
                        None => {
                            for (key, name) in &factions {
                                ui.radio_value(&mut form.faction, key.clone(), name);
                            }
                        }
                        Some(people) => {
                            for (key, name) in &factions {
                                let mut human = people.contains(key);
                                if ui.checkbox(&mut human, name).changed() {
                                    if human {
                                        people.push(key.clone());
                                    } else {
                                        people.retain(|k| k != key);
                                    }
                                }
                            }
                            ui.weak("Ticked sides are played by people at this computer, taking turns; the computer plays the others.");
                        }
                    }
                });
                ui.end_row();
                ui.label("Opponents");
                ui.horizontal(|ui| {
                    if let Some(d) = locks.as_ref().and_then(|l| l.difficulty) {
                        form.difficulty = d;
                    }
                    ui.add_enabled_ui(locks.as_ref().is_none_or(|l| l.difficulty.is_none()), |ui| {
                        for (d, tip) in [
                            (Difficulty::Easy, "Commands half its units a turn and spends seldom."),
                            (Difficulty::Normal, "Plays to its objectives, keeps supply, uses its patrons."),
                            (Difficulty::Hard, "Also plays each turn out two ways and keeps the better."),
                        ] {
                            ui.radio_value(&mut form.difficulty, d, d.name()).on_hover_text(tip);
                        }
                    })
                    .response
                    .on_disabled_hover_text(LOCKED);
                });
                ui.end_row();
                ui.label("Fog of war");
                let locked_fog = locks.as_ref().and_then(|l| l.fog);
                let mut fog = locked_fog.or(fog_choice.0).unwrap_or(form.level_fog);
                if ui
                    .add_enabled(locked_fog.is_none(), egui::Checkbox::new(&mut fog, "Hide what your side cannot see"))
                    .on_disabled_hover_text(LOCKED)
                    .on_hover_text("Each side sees only what its troops, its places and its patrons' aircraft can; enemies elsewhere are unknown, or marked where last seen. Off, every unit is shown, as a teacher may prefer for a first game.")
                    .changed()
                {
                    fog_choice.0 = Some(fog);
                }
                ui.end_row();
                ui.label("Seed");
                ui.horizontal(|ui| {
                    ui.add(egui::DragValue::new(&mut form.seed).range(0..=u64::MAX))
                        .on_hover_text("The same seed, level, side and moves give the same game.");
                    if ui.button("New seed").on_hover_text("Pick a different seed.").clicked() {
                        form.seed = fresh_seed();
                    }
                });
                ui.end_row();
            });
            if let Some(l) = locks.as_ref() {
                if l.any() {
                    let mut text = format!("Set by your teacher: {}.", l.summary());
                    if !l.note.trim().is_empty() {
                        text = format!("{} {text}", l.note.trim());
                    }
                    ui.colored_label(super::theme::HISTORY_COLOUR, text);
                }
                if let Some(p) = &l.problem {
                    ui.colored_label(egui::Color32::from_rgb(230, 90, 80), format!("Classroom settings not applied: {p}"));
                }
            }
            if let Some((_, note)) = form.notes.1.iter().find(|(k, _)| *k == form.faction) {
                content_note(ui, "Before you play this side", note, 390.0);
            }
            if let Some(e) = &form.error {
                ui.colored_label(egui::Color32::from_rgb(230, 90, 80), "The level could not be loaded:");
                egui::ScrollArea::vertical().max_height(140.0).show(ui, |ui| ui.monospace(e));
            }
            ui.add_space(6.0);
            let people = form.hotseat.as_ref().map_or(1, Vec::len);
            // One line either way, so Start stays where it was as sides are ticked.
            if form.hotseat.is_some() {
                ui.weak(if people < 2 {
                    "Tick two sides or more for a hotseat game.".to_owned()
                } else {
                    format!("{people} players take turns at this computer.")
                });
            }
            let can_start = !factions.is_empty() && people >= 1 && (form.hotseat.is_none() || people >= 2);
            if ui
                .add_enabled(can_start, egui::Button::new(egui::RichText::new("Start").size(18.0)))
                .on_hover_text("Start the game with these choices (Enter).")
                .clicked()
                || (can_start && ui.input(|i| i.key_pressed(egui::Key::Enter)))
            {
                form.error = None;
                next.set(AppState::Loading);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Load game").on_hover_text("Continue a saved game or an autosave.").clicked() {
                    windows.open_load(&save_dir);
                }
                if ui.button("Encyclopedia").on_hover_text("Read about the sides, places, oil fields and ideas of this level, with sources.").clicked() {
                    book.open = true;
                }
                if ui.button("Settings").on_hover_text("UI scale, colours, animation speed.").clicked() {
                    settings.open = true;
                }
                if ui.button("Quit").on_hover_text("Close the game.").clicked() {
                    exit.write(AppExit::Success);
                }
            });
        });
    Ok(())
}

/// A content note in the menu: set apart in a frame, with its tags left as written (the
/// encyclopedia's For teachers page shows them as links).
fn content_note(ui: &mut egui::Ui, heading: &str, text: &str, width: f32) {
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(48, 40, 30))
        .show(ui, |ui| {
            ui.set_max_width(width);
            ui.label(
                egui::RichText::new(heading)
                    .strong()
                    .color(super::theme::HISTORY_COLOUR),
            );
            ui.label(egui::RichText::new(strip_tags(text)).small());
        });
}

/// A text without its bibliography tags, for places where they cannot be links.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, _) in crate::level::teaching::source_tags(text) {
        out.push_str(&text[last..range.start]);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out.replace(" .", ".").replace(" ,", ",").replace(" ;", ";")
}

fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    nanos % 1_000_000
}

/// The Loading screen: a new game's level is read, then the game starts on it (or the menu
/// shows what is wrong with it).
pub fn loading(app: &mut App) {
    app.add_systems(OnEnter(AppState::Loading), start_loading)
        .add_systems(Update, finish_loading.run_if(in_state(AppState::Loading)));
}

/// The level a new game waits for while the asset server reads it.
#[derive(Resource)]
struct PendingLevel(Handle<LevelAsset>);

/// What starting a new game from the menu changes.
#[derive(SystemParam)]
struct NewGameStart<'w, 's> {
    commands: Commands<'w, 's>,
    form: ResMut<'w, NewGame>,
    fog: Res<'w, FogChoice>,
    locks: Option<Res<'w, super::locks::Locks>>,
    next: ResMut<'w, NextState<AppState>>,
    revision: ResMut<'w, MapRevision>,
    selection: ResMut<'w, Selection>,
}

impl NewGameStart<'_, '_> {
    /// Starts the game on a level that loaded, or goes back to the menu with its problems.
    fn begin(&mut self, level: Result<LoadedLevel, String>) {
        match level {
            Ok(mut loaded) => {
                if let Some(fog) = self.fog.0 {
                    loaded.scenario.fog = fog;
                }
                let locks = self.locks.as_deref();
                if let Some(l) = locks {
                    l.apply(&mut loaded);
                }
                let difficulty = locks.map_or(self.form.difficulty, |l| {
                    l.difficulty_or(self.form.difficulty)
                });
                let player = loaded
                    .scenario
                    .side_for(Some(&self.form.faction))
                    .or_else(|| loaded.scenario.side_for(None))
                    .unwrap_or(crate::sim::FactionId(0));
                // A hotseat game's sides in the level's turn order, the first to play first.
                let people: Vec<_> = self.form.hotseat.as_ref().map_or_else(Vec::new, |keys| {
                    let mut ids: Vec<_> = keys
                        .iter()
                        .filter_map(|k| loaded.scenario.side_for(Some(k)))
                        .collect();
                    ids.sort();
                    ids.dedup();
                    ids
                });
                let session = if people.len() > 1 {
                    Session::hotseat(
                        loaded,
                        self.form.level.clone(),
                        &people,
                        self.form.seed,
                        difficulty,
                    )
                } else {
                    Session::new(
                        loaded,
                        self.form.level.clone(),
                        player,
                        self.form.seed,
                        difficulty,
                    )
                }
                .under(locks);
                self.commands.insert_resource(session);
                *self.selection = Selection::default();
                self.revision.0 += 1;
                self.next.set(AppState::InGame);
            }
            Err(problems) => {
                self.form.error = Some(problems);
                self.next.set(AppState::MainMenu);
            }
        }
    }
}

/// Asks the asset server for the chosen level (the one that hot-reloads it), without
/// holding up the frame; a level outside the level folder is read at once.
fn start_loading(server: Res<AssetServer>, status: Res<LevelStatus>, mut start: NewGameStart) {
    match status.asset_path(&start.form.level) {
        Some(path) => start
            .commands
            .insert_resource(PendingLevel(server.load(path))),
        None => {
            let level = level::load_path(&start.form.level).map_err(|d| level::diag::lines(&d));
            start.begin(level);
        }
    }
}

/// Starts the game once the chosen level has loaded, or goes back to the menu with what is
/// wrong with it.
fn finish_loading(
    pending: Option<Res<PendingLevel>>,
    assets: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    mut status: ResMut<LevelStatus>,
    mut start: NewGameStart,
) {
    let Some(pending) = pending else { return };
    let level = if let Some(asset) = assets.get(&pending.0) {
        status.follow(pending.0.clone(), start.form.level.clone());
        Ok(asset.0.clone())
    } else if let LoadState::Failed(e) = server.load_state(&pending.0) {
        // Bevy's error wraps ours in its own words; show what `euphrates check` prints.
        Err(match level::load_path(&start.form.level) {
            Err(diags) => level::diag::lines(&diags),
            Ok(_) => e.to_string(),
        })
    } else {
        return;
    };
    start.commands.remove_resource::<PendingLevel>();
    start.begin(level);
}

/// The windows the in-game menu opens.
#[derive(SystemParam)]
struct MenuWindows<'w> {
    saves: ResMut<'w, SaveWindows>,
    save_dir: Res<'w, SaveDir>,
    briefing: ResMut<'w, BriefingOpen>,
    book: ResMut<'w, Encyclopedia>,
    debrief: ResMut<'w, super::debrief::Debrief>,
    settings: ResMut<'w, Settings>,
    help: ResMut<'w, super::ui_state::HelpOpen>,
    selection: ResMut<'w, super::ui_state::Selection>,
    history: ResMut<'w, super::teaching::History>,
}

impl MenuWindows<'_> {
    /// Whether a window that holds the player's attention is open.
    fn any_open(&self) -> bool {
        self.selection.confirm.is_some()
            || self.saves.save_open
            || self.saves.load_open
            || self.settings.open
            || self.book.open
            || self.help.0
            || self.debrief.open
            || self.briefing.0
    }

    /// Closes the window on top: one opened from the menu before the briefing, the briefing
    /// before the menu behind it.
    fn close_top(&mut self, menu: &mut InGameMenu) {
        if self.selection.confirm.is_some() {
            self.selection.confirm = None;
        } else if self.history.open.is_some() {
            // An event's window opens over the log, the calendar or the debrief it came from.
            self.history.open = None;
        } else if self.settings.open {
            self.settings.open = false;
        } else if self.saves.save_open || self.saves.load_open {
            self.saves.save_open = false;
            self.saves.load_open = false;
        } else if self.book.open {
            self.book.open = false;
        } else if self.help.0 {
            self.help.0 = false;
        } else if self.debrief.open {
            self.debrief.open = false;
        } else if self.briefing.0 {
            self.briefing.0 = false;
        } else {
            menu.0 = false;
        }
    }
}

/// The windows over a game: while one is open the map's input waits, and Esc closes the one
/// on top.
pub fn windows(app: &mut App) {
    app.add_systems(
        Update,
        (note_open_windows, close_top_window.after(note_open_windows))
            .run_if(in_state(AppState::InGame)),
    );
}

/// Tells the map's input whether a window holds the player's attention.
fn note_open_windows(
    windows: MenuWindows,
    menu: Res<InGameMenu>,
    mut focus: ResMut<super::ui_state::UiFocus>,
) {
    let modal = menu.0 || windows.any_open();
    if focus.modal != modal {
        focus.modal = modal;
    }
}

/// Esc with a window open closes the window on top, and nothing else.
fn close_top_window(
    mut actions: MessageReader<super::ui_state::PlayerAction>,
    mut windows: MenuWindows,
    mut menu: ResMut<InGameMenu>,
) {
    for action in actions.read() {
        if *action == super::ui_state::PlayerAction::CloseWindow {
            windows.close_top(&mut menu);
        }
    }
}

fn in_game_menu(
    mut contexts: EguiContexts,
    mut menu: ResMut<InGameMenu>,
    session: Res<Session>,
    opens: MenuWindows,
    nav: Navigation,
) -> Result {
    let MenuWindows {
        saves: mut windows,
        save_dir,
        mut briefing,
        mut book,
        mut debrief,
        mut settings,
        mut help,
        selection: _,
        history: _,
    } = opens;
    let Navigation { mut next, mut exit } = nav;
    // The save and load windows take the menu's place while they are open; Esc closes all.
    if !menu.0 || windows.save_open || windows.load_open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    egui::Window::new("Menu")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.set_min_width(220.0);
            let wide = |ui: &mut egui::Ui, text: &str| {
                ui.add_sized([220.0, 28.0], egui::Button::new(text))
            };
            if wide(ui, "Resume")
                .on_hover_text("Back to the map (Esc).")
                .clicked()
            {
                menu.0 = false;
            }
            if wide(ui, "Save game")
                .on_hover_text("Write this game to a file, to go on with later.")
                .clicked()
            {
                windows.open_save(&session, &save_dir);
            }
            if wide(ui, "Load game")
                .on_hover_text("Continue a saved game or an autosave.")
                .clicked()
            {
                windows.open_load(&save_dir);
            }
            if wide(ui, "Briefing")
                .on_hover_text("Your side's situation, aims and patrons at the start.")
                .clicked()
            {
                briefing.0 = true;
                menu.0 = false;
            }
            if wide(ui, "Encyclopedia")
                .on_hover_text("The sides, patrons, places, oil fields and ideas, with sources.")
                .clicked()
            {
                book.open = true;
                menu.0 = false;
            }
            if wide(ui, "Debrief so far")
                .on_hover_text("Charts of every side over the turns, your objectives beside history, your score.")
                .clicked()
            {
                debrief.open = true;
                menu.0 = false;
            }
            if wide(ui, "Settings").clicked() {
                settings.open = true;
            }
            if wide(ui, "Help and keys").clicked() {
                help.0 = true;
                menu.0 = false;
            }
            if wide(ui, "Quit to main menu")
                .on_hover_text("Leave this game. It was saved by itself at the start of your turn; save now to keep this turn's orders too.")
                .clicked()
            {
                menu.0 = false;
                next.set(AppState::MainMenu);
            }
            if wide(ui, "Quit game").clicked() {
                exit.write(AppExit::Success);
            }
        });
    Ok(())
}

/// When the game ends, the debrief opens.
fn game_over(session: Res<Session>, mut next: ResMut<NextState<AppState>>) {
    if session.game.is_over() {
        next.set(AppState::Debrief);
    }
}
