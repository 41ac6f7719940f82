//! The teacher's pack inside the game: the encyclopedia's Glossary and For teachers pages,
//! and the content notes shown beside a side in the main menu. All of it is level data
//! (`glossary`, `teachers_notes`, `content_note`, the briefings' `questions`).

use bevy_egui::egui;

use super::citations::{Link, article_links, cited};
use crate::level::schema::{Level, Term};

/// The id under which the glossary is shown (articles' ids are lower case).
pub const GLOSSARY_PAGE: &str = "Glossary";
/// The id under which the teachers' page is shown.
pub const TEACHERS_PAGE: &str = "Teachers";

/// Whether a glossary word matches what the reader typed: its term, any other spelling, or
/// its text.
pub fn term_matches(t: &Term, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty()
        || t.term.to_lowercase().contains(&needle)
        || t.also.iter().any(|a| a.to_lowercase().contains(&needle))
        || t.text.to_lowercase().contains(&needle)
}

/// Whether the level has anything for the teachers' page.
pub fn has_teachers_page(level: &Level) -> bool {
    !level.teachers_notes.trim().is_empty()
        || level.briefings.iter().any(|b| !b.questions.is_empty())
}

/// The glossary, alphabetical, filtered by the search box. Returns the article whose link was
/// clicked.
pub fn glossary_page(ui: &mut egui::Ui, level: &Level, search: &str) -> Option<String> {
    let mut read = None;
    ui.heading("Glossary");
    ui.weak("Words and names you will meet in the briefings and the sources, with their other spellings. The search box finds a word by any of them.");
    ui.add_space(4.0);
    let mut words: Vec<&Term> = level
        .glossary
        .iter()
        .filter(|t| term_matches(t, search))
        .collect();
    words.sort_by_key(|t| t.term.to_lowercase());
    if words.is_empty() {
        ui.label("No word matches the search.");
    }
    for t in words {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&t.term);
            if !t.also.is_empty() {
                ui.weak(format!("(also {})", t.also.join(", ")));
            }
        });
        ui.label(&t.text);
        read = article_links(ui, &level.articles, &t.see_also).or(read);
        ui.add_space(6.0);
    }
    read
}

/// The page for teachers: the level's notes, the content notes, and every side's questions.
/// Returns the source links drawn, for the caller to open.
pub fn teachers_page(ui: &mut egui::Ui, level: &Level) -> Vec<Link> {
    let mut links = Vec::new();
    let sources = &level.sources;
    ui.heading("For teachers");
    for para in level
        .teachers_notes
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
    {
        links.extend(cited(ui, para, sources, |t| t));
        ui.add_space(4.0);
    }
    if !level.content_note.trim().is_empty() {
        ui.strong("Content note");
        links.extend(cited(ui, &level.content_note, sources, |t| t));
        ui.add_space(4.0);
    }
    let names = |key: &str| {
        level
            .factions
            .iter()
            .find(|f| f.id == key)
            .map_or_else(|| key.to_owned(), |f| f.name.clone())
    };
    for b in &level.briefings {
        if !b.content_note.trim().is_empty() {
            ui.strong(format!("Before playing as {}", names(&b.faction)));
            links.extend(cited(ui, &b.content_note, sources, |t| t));
            ui.add_space(4.0);
        }
    }
    if level.briefings.iter().any(|b| !b.questions.is_empty()) {
        ui.strong("Questions after the game");
        for b in level.briefings.iter().filter(|b| !b.questions.is_empty()) {
            ui.label(egui::RichText::new(names(&b.faction)).italics());
            numbered(ui, &b.questions);
            ui.add_space(4.0);
        }
    }
    links
}

/// The questions of one side's briefing, as the briefing window lists them.
pub fn questions(ui: &mut egui::Ui, questions: &[String]) {
    if questions.is_empty() {
        return;
    }
    ui.strong("To think about as you play");
    numbered(ui, questions);
    ui.add_space(6.0);
}

/// Questions as a numbered list.
fn numbered(ui: &mut egui::Ui, questions: &[String]) {
    for (i, q) in questions.iter().enumerate() {
        ui.label(format!("{}. {q}", i + 1));
    }
}
