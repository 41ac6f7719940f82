//! The teaching layer in the client: the briefing before the first turn, the historical
//! calendar (what really happened, shown as the game's dates pass, marked as history), and
//! the encyclopedia. All of it is data in the level file (see docs/MODDING.md).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::citations::{Link, article_links, cited, source_line, sources_page};
use super::classroom::{
    GLOSSARY_PAGE, TEACHERS_PAGE, glossary_page, has_teachers_page, teachers_page, term_matches,
};
use super::session::{LogLine, Session};
use super::state::AppState;
use super::theme::HISTORY_COLOUR;
use crate::level::schema::{Article, ArticleKind, HistoricalEvent};
use crate::sim::Date;

/// The encyclopedia window.
#[derive(Resource, Default, Debug)]
pub struct Encyclopedia {
    /// The window is open.
    pub open: bool,
    /// The article shown (id), or the index when none.
    pub article: Option<String>,
    /// What the reader typed in the search box.
    pub search: String,
    /// The bibliography entry picked on the Sources page (its id).
    pub source: Option<String>,
    /// The Sources page should scroll to the picked entry once.
    pub scroll_to_source: bool,
}

/// The id under which the Sources page is shown (articles' ids are lower case, so no article
/// can take it).
pub const SOURCES_PAGE: &str = "Sources";

impl Encyclopedia {
    /// Opens the encyclopedia at an article.
    pub fn show(&mut self, id: &str) {
        self.open = true;
        self.article = Some(id.to_owned());
    }

    /// Opens the Sources page at one entry of the bibliography.
    pub fn show_source(&mut self, id: &str) {
        self.open = true;
        self.article = Some(SOURCES_PAGE.to_owned());
        self.source = Some(id.to_owned());
        self.scroll_to_source = true;
        self.search.clear();
    }
}

/// How the client names a level's calendar of events: history for a level about real events,
/// the level's own story for an invented one.
#[derive(Clone, Copy, Debug)]
pub struct CalendarWords {
    /// The heading of the calendar and the title of an event's window.
    pub title: &'static str,
    /// The line above the calendar's list.
    pub intro: &'static str,
    /// What a line of the log begins with.
    pub log_prefix: &'static str,
    /// The hover text of such a line.
    pub hover: &'static str,
    /// What the window says an event is.
    pub note: &'static str,
}

/// The words for a level's calendar.
pub fn calendar_words(fictional: bool) -> CalendarWords {
    if fictional {
        CalendarWords {
            title: "The level's story",
            intro: "Events the level's author invented, as your calendar reaches them. Click one to read it.",
            log_prefix: "In the story",
            hover: "An event of this invented level's story (not your game). Click to read more.",
            note: "the level's story, not your game",
        }
    } else {
        CalendarWords {
            title: "What really happened",
            intro: "The real campaign, as your calendar reaches it. Click one to read it.",
            log_prefix: "Historically",
            hover: "What really happened on this date (not in your game). Click to read more.",
            note: "history, not your game",
        }
    }
}

/// Opens the entry of a source link clicked this frame.
fn open_clicked(book: &mut Encyclopedia, links: &[Link]) {
    if let Some(link) = links.iter().find(|l| l.clicked) {
        book.show_source(&link.id);
    }
}

/// The briefing window.
#[derive(Resource, Default, Debug)]
pub struct BriefingOpen(pub bool);

/// Whether a new game opens on its briefing (not in screenshots of the map).
#[derive(Resource, Debug)]
pub struct BriefingAtStart(pub bool);

impl Default for BriefingAtStart {
    fn default() -> Self {
        BriefingAtStart(true)
    }
}

/// The historical calendar: how far history has been told, and which event is open.
#[derive(Resource, Default, Debug)]
pub struct History {
    /// Events up to this date are in the log.
    pub told_until: Option<Date>,
    /// The event shown in its window (id).
    pub open: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Encyclopedia>()
        .init_resource::<BriefingOpen>()
        .init_resource::<BriefingAtStart>()
        .init_resource::<History>()
        .add_systems(OnEnter(AppState::InGame), start_of_game)
        .add_systems(
            Update,
            (tell_history, read_hovered)
                .run_if(in_state(AppState::InGame))
                .run_if(resource_exists::<Session>),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (briefing_window, history_window, encyclopedia_window)
                .run_if(not(in_state(AppState::Loading)))
                .in_set(super::state::EguiPass::Windows),
        );
}

/// A level file's date as a calendar date (`None` if it is not one; `check` reports those).
pub fn date_of(d: &crate::level::schema::Date) -> Option<Date> {
    Date::new(d.year, d.month, d.day)
}

/// A new game opens on the briefing; a loaded one does not repeat history already told.
fn start_of_game(
    session: Res<Session>,
    at_start: Res<BriefingAtStart>,
    mut briefing: ResMut<BriefingOpen>,
    mut history: ResMut<History>,
) {
    let fresh = session.recorder().is_empty();
    briefing.0 = at_start.0 && fresh && briefing_for(&session).is_some();
    history.told_until = (!fresh).then(|| session.game.date());
    history.open = None;
}

/// The historical events dated up to the game's date and not yet told, in date order.
pub fn due_events(
    events: &[HistoricalEvent],
    start: Date,
    now: Date,
    told_until: Option<Date>,
) -> Vec<&HistoricalEvent> {
    let mut due: Vec<&HistoricalEvent> = events
        .iter()
        .filter(|e| {
            date_of(&e.date)
                .is_some_and(|d| d >= start && d <= now && told_until.is_none_or(|t| d > t))
        })
        .collect();
    due.sort_by_key(|e| date_of(&e.date));
    due
}

/// Writes history into the log as the calendar reaches it.
fn tell_history(mut session: ResMut<Session>, mut history: ResMut<History>) {
    if !session.calendar_shown() {
        return;
    }
    let now = session.game.date();
    if history.told_until == Some(now) {
        return;
    }
    let level = session.level.clone();
    let start = session.game.scenario().start;
    let lines: Vec<LogLine> = due_events(&level.file.events, start, now, history.told_until)
        .into_iter()
        .filter_map(|e| {
            Some(LogLine {
                date: date_of(&e.date)?,
                faction: session.game.active_faction(),
                text: format!(
                    "{}: {}.",
                    calendar_words(level.file.fictional).log_prefix,
                    e.title.trim_end_matches('.')
                ),
                history: Some(e.id.clone()),
            })
        })
        .collect();
    for l in lines {
        session.push_line(l);
    }
    history.told_until = Some(now);
}

/// `R` over a place or an oil field opens its article.
fn read_hovered(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<super::ui_state::UiFocus>,
    hovered: Res<super::ui_state::HoveredHex>,
    session: Res<Session>,
    mut book: ResMut<Encyclopedia>,
) {
    if !focus.keys_for_map() || !keys.just_pressed(KeyCode::KeyR) {
        return;
    }
    let Some(hex) = hovered.0 else { return };
    let s = session.game.scenario();
    let articles = &session.level.file.articles;
    let place = s
        .place_at(hex)
        .and_then(|(_, p)| article_about(articles, ArticleKind::Place, &p.key));
    let field = s
        .oil_fields
        .iter()
        .find(|f| f.hex == hex)
        .and_then(|f| article_about(articles, ArticleKind::OilField, &f.key));
    if let Some(a) = place.or(field) {
        book.show(&a.id);
    }
}

fn briefing_for(session: &Session) -> Option<&crate::level::schema::Briefing> {
    let key = &session.game.scenario().faction(session.player)?.key;
    session
        .level
        .file
        .briefings
        .iter()
        .find(|b| b.faction == *key)
}

/// A row of links to articles; a click opens the encyclopedia there.
pub fn see_also(ui: &mut egui::Ui, articles: &[Article], ids: &[String], book: &mut Encyclopedia) {
    if let Some(id) = article_links(ui, articles, ids) {
        book.show(&id);
    }
}

/// The article about a thing of the level (a faction, patron, place or field id), if any.
pub fn article_about<'a>(
    articles: &'a [Article],
    kind: ArticleKind,
    id: &str,
) -> Option<&'a Article> {
    articles
        .iter()
        .find(|a| a.kind == kind && a.about.as_deref() == Some(id))
}

fn briefing_window(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut open: ResMut<BriefingOpen>,
    mut book: ResMut<Encyclopedia>,
) -> Result {
    let Some(session) = session else {
        return Ok(());
    };
    if !open.0 {
        return Ok(());
    }
    let Some(b) = briefing_for(&session) else {
        open.0 = false;
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let name = session
        .game
        .scenario()
        .faction(session.player)
        .map_or_else(String::new, |f| f.name.clone());
    let articles = &session.level.file.articles;
    let sources = &session.level.file.sources;
    let mut keep = true;
    egui::Window::new(format!("Briefing — {name}"))
        .open(&mut keep)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    for (heading, text) in [
                        ("The situation", &b.situation),
                        ("Your aims", &b.aims),
                        ("Your patrons", &b.patrons),
                    ] {
                        ui.strong(heading);
                        open_clicked(&mut book, &cited(ui, text, sources, |t| t));
                        ui.add_space(6.0);
                    }
                    open_clicked(&mut book, &source_line(ui, &b.source, sources));
                    see_also(ui, articles, &b.see_also, &mut book);
                    ui.add_space(6.0);
                    super::classroom::questions(ui, &b.questions);
                    if !session.level.file.perspective.is_empty() {
                        ui.separator();
                        ui.strong("Before you play");
                        let links = cited(ui, &session.level.file.perspective, sources, |t| {
                            t.italics()
                        });
                        open_clicked(&mut book, &links);
                    }
                });
            ui.add_space(6.0);
            if ui
                .button(egui::RichText::new("Begin").size(16.0))
                .on_hover_text("Close the briefing (it stays in the menu: Esc → Briefing).")
                .clicked()
            {
                open.0 = false;
            }
        });
    if !keep {
        open.0 = false;
    }
    Ok(())
}

fn history_window(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut history: ResMut<History>,
    mut book: ResMut<Encyclopedia>,
) -> Result {
    let (Some(session), Some(id)) = (session, history.open.clone()) else {
        return Ok(());
    };
    let Some(e) = session.level.file.events.iter().find(|e| e.id == id) else {
        history.open = None;
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let mut keep = true;
    let date = date_of(&e.date).map_or_else(String::new, |d| d.to_string());
    let words = calendar_words(session.level.file.fictional);
    egui::Window::new(words.title)
        .open(&mut keep)
        .collapsible(false)
        .default_width(440.0)
        // Just above the log it was opened from.
        .anchor(egui::Align2::LEFT_BOTTOM, egui::vec2(310.0, -140.0))
        .show(ctx, |ui| {
            ui.colored_label(HISTORY_COLOUR, format!("{date} — {}", words.note));
            ui.heading(&e.title);
            let sources = &session.level.file.sources;
            open_clicked(&mut book, &cited(ui, &e.text, sources, |t| t));
            open_clicked(&mut book, &source_line(ui, &e.source, sources));
            see_also(ui, &session.level.file.articles, &e.see_also, &mut book);
        });
    if !keep {
        history.open = None;
    }
    Ok(())
}

fn kind_name(k: ArticleKind) -> &'static str {
    match k {
        ArticleKind::Faction => "Sides",
        ArticleKind::Patron => "Patrons",
        ArticleKind::Place => "Places",
        ArticleKind::OilField => "Oil and gas",
        ArticleKind::Concept => "Ideas",
    }
}

fn encyclopedia_window(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut book: ResMut<Encyclopedia>,
) -> Result {
    let Some(session) = session else {
        return Ok(());
    };
    if !book.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let articles = &session.level.file.articles;
    let sources = &session.level.file.sources;
    let mut keep = true;
    // Anchored by its top and never shorter than its default, so the search box and the index
    // stay under the pointer as a search narrows the list.
    egui::Window::new("Encyclopedia")
        .open(&mut keep)
        .collapsible(false)
        .resizable(true)
        .default_size([640.0, 460.0])
        .min_height(460.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 70.0))
        .show(ctx, |ui| {
            if articles.is_empty() {
                ui.label("This level has no encyclopedia articles.");
                return;
            }
            ui.columns(2, |cols| {
                let index = &mut cols[0];
                index.add(egui::TextEdit::singleline(&mut book.search).hint_text("Search"));
                let needle = book.search.to_lowercase();
                egui::ScrollArea::vertical().id_salt("index").show(index, |ui| {
                    let file = &session.level.file;
                    let pack = [
                        file.glossary.iter().any(|t| term_matches(t, &needle)).then(|| {
                            (GLOSSARY_PAGE, format!("Glossary ({} words)", file.glossary.len()))
                        }),
                        has_teachers_page(file)
                            .then(|| (TEACHERS_PAGE, "For teachers".to_owned())),
                    ];
                    if pack.iter().any(Option::is_some) {
                        ui.strong("Reading and teaching");
                    }
                    for (page, label) in pack.into_iter().flatten() {
                        let chosen = book.article.as_deref() == Some(page);
                        if ui.selectable_label(chosen, label).clicked() {
                            book.article = Some(page.to_owned());
                        }
                    }
                    ui.add_space(4.0);
                    for kind in [
                        ArticleKind::Concept,
                        ArticleKind::Faction,
                        ArticleKind::Patron,
                        ArticleKind::Place,
                        ArticleKind::OilField,
                    ] {
                        let found: Vec<&Article> = articles
                            .iter()
                            .filter(|a| a.kind == kind)
                            .filter(|a| {
                                needle.is_empty()
                                    || a.title.to_lowercase().contains(&needle)
                                    || a.text.to_lowercase().contains(&needle)
                            })
                            .collect();
                        if found.is_empty() {
                            continue;
                        }
                        ui.strong(kind_name(kind));
                        for a in found {
                            let chosen = book.article.as_deref() == Some(a.id.as_str());
                            if ui.selectable_label(chosen, &a.title).clicked() {
                                book.article = Some(a.id.clone());
                            }
                        }
                        ui.add_space(4.0);
                    }
                    if !sources.is_empty() {
                        ui.strong("Bibliography");
                        let chosen = book.article.as_deref() == Some(SOURCES_PAGE);
                        if ui
                            .selectable_label(chosen, format!("Sources ({})", sources.len()))
                            .clicked()
                        {
                            book.article = Some(SOURCES_PAGE.to_owned());
                            book.source = None;
                        }
                    }
                });
                let page = &mut cols[1];
                if book.article.as_deref() == Some(SOURCES_PAGE) {
                    egui::ScrollArea::vertical().id_salt("sources").show(page, |ui| {
                        let chosen = book.source.clone();
                        let mut scroll = book.scroll_to_source;
                        sources_page(ui, sources, &book.search, chosen.as_deref(), &mut scroll);
                        book.scroll_to_source = scroll;
                    });
                    return;
                }
                if book.article.as_deref() == Some(GLOSSARY_PAGE) {
                    let search = book.search.clone();
                    let read = egui::ScrollArea::vertical()
                        .id_salt("glossary")
                        .show(page, |ui| glossary_page(ui, &session.level.file, &search))
                        .inner;
                    if let Some(id) = read {
                        book.show(&id);
                    }
                    return;
                }
                if book.article.as_deref() == Some(TEACHERS_PAGE) {
                    egui::ScrollArea::vertical().id_salt("teachers").show(page, |ui| {
                        let links = teachers_page(ui, &session.level.file);
                        open_clicked(&mut book, &links);
                    });
                    return;
                }
                let shown = book
                    .article
                    .as_deref()
                    .and_then(|id| articles.iter().find(|a| a.id == id));
                match shown {
                    None => {
                        page.heading("Encyclopedia");
                        page.label("Articles on the sides, their patrons, the places and oil fields of this level, and the ideas the game is built on: supply, encirclement, deconfliction, oil money, sieges, displacement. Choose one on the left.");
                    }
                    Some(a) => {
                        let a = a.clone();
                        egui::ScrollArea::vertical().id_salt("page").show(page, |ui| {
                            ui.heading(&a.title);
                            ui.weak(kind_name(a.kind));
                            for para in a.text.split("\n\n") {
                                open_clicked(&mut book, &cited(ui, para, sources, |t| t));
                                ui.add_space(4.0);
                            }
                            open_clicked(&mut book, &source_line(ui, &a.source, sources));
                            see_also(ui, articles, &a.see_also, &mut book);
                        });
                    }
                }
            });
        });
    if !keep {
        book.open = false;
    }
    Ok(())
}
