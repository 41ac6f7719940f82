//! The real front line in the client: which dated line is in force on the game's date, a
//! sentence for the hex under the pointer, and the debrief's comparison of the player's map
//! with the record. The rules of the comparison are in [`crate::history`].

use bevy_egui::egui;

use super::session::Session;
use super::theme::HISTORY_COLOUR;
use crate::history::{Beside, agreement, beside, changes, day_of, line_for};
use crate::level::schema::FrontLine;

/// The line in force on the game's date (once the game is over, one dated up to a week after
/// its last day), set beside the map as it stands now.
pub fn current(session: &Session) -> Option<(&FrontLine, Vec<Beside>)> {
    let game = &session.game;
    let line = line_for(&session.level.file, game.date(), game.is_over())?;
    // The map as it stands, this turn's moves included.
    let now = game.date().plus_days(1);
    let rows = beside(game.scenario(), &changes(game), line, Some(now));
    Some((line, rows))
}

/// The record's holder as a phrase: "held by the Syrian Democratic Forces", or that no
/// report says.
fn held_by(session: &Session, row: &Beside) -> String {
    let s = session.game.scenario();
    match row.history.and_then(|f| s.faction(f)) {
        Some(f) => format!("held by {}", f.name),
        None => "holder unknown".to_owned(),
    }
}

/// What the record says of a hex on the line in force: "History, 19 November 2017: held by
/// the SDF (taken 12 November) [S33]", with a mark when the player's map differs.
pub fn hover_line(session: &Session, hex: hexx::Hex) -> Option<String> {
    if !session.calendar_shown() {
        return None;
    }
    let (line, rows) = current(session)?;
    let row = rows.into_iter().find(|r| r.hex == hex)?;
    let day = day_of(line)?;
    let doubt = if row.doubt.is_empty() {
        String::new()
    } else {
        format!(" ({})", row.doubt)
    };
    let differs = if row.agrees() == Some(false) {
        " — not as on your map"
    } else {
        ""
    };
    Some(format!(
        "History, {day}: {} {}{doubt}{differs} {}",
        row.name,
        held_by(session, &row),
        row.source
    ))
}

/// A line for the calendar panel and the overlay's legend: the line in force and how much of
/// it the player's map matches.
pub fn summary(session: &Session) -> Option<String> {
    let (line, rows) = current(session)?;
    let (same, known) = agreement(&rows);
    Some(format!(
        "Front line of {}: your map agrees on {same} of {known} places{}.",
        day_of(line)?,
        if known > same {
            " (History overlay, L, marks the others)"
        } else {
            ""
        }
    ))
}

/// The debrief's section: each dated line in the game's span beside the player's map, and
/// where they part.
pub fn debrief_section(ui: &mut egui::Ui, session: &Session) {
    let game = &session.game;
    let checks = crate::history::checks_of(&session.level.file, game);
    if checks.is_empty() {
        return;
    }
    let s = game.scenario();
    let name = |f: Option<crate::sim::FactionId>| {
        f.and_then(|f| s.faction(f))
            .map_or_else(|| "nobody".to_owned(), |f| f.name.clone())
    };
    ui.add_space(4.0);
    ui.strong(if session.level.file.fictional {
        "Your map beside the story's front lines"
    } else {
        "Your map beside the real front line"
    });
    for (line, rows) in checks {
        let Some(day) = day_of(line) else { continue };
        let (same, known) = agreement(&rows);
        let against = if day > game.date() {
            format!("{day} (your last turn's map)")
        } else {
            day.to_string()
        };
        ui.label(
            egui::RichText::new(format!(
                "{against}: {same} of {known} places as in the record"
            ))
            .small()
            .strong(),
        )
        .on_hover_text(&line.note);
        for r in rows.iter().filter(|r| r.agrees() == Some(false)) {
            ui.label(
                egui::RichText::new(format!(
                    "  {}: {} in your game; {} in the record{}",
                    r.name,
                    name(r.game),
                    name(r.history),
                    if r.doubt.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", r.doubt)
                    }
                ))
                .small()
                .italics()
                .color(HISTORY_COLOUR),
            );
        }
    }
}
