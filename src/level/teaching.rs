//! The level's teaching content, as a modder writes it: briefings, the historical calendar,
//! the encyclopedia and the bibliography its texts cite (see `docs/MODDING.md`), and the
//! calendar date they are written with.

use serde::{Deserialize, Serialize};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31.
    pub day: u8,
}

/// What a faction's player reads before the first turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// The faction.
    pub faction: String,
    /// Its situation on the start date.
    pub situation: String,
    /// What it is after, and what binds it.
    pub aims: String,
    /// Its patrons and what they want of it.
    pub patrons: String,
    /// Articles to read next (ids).
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Where the facts come from.
    pub source: String,
    /// Questions for a class after playing this side (the teacher's pack).
    #[serde(default)]
    pub questions: Vec<String>,
    /// What a player should know before choosing this side, shown beside the choice (playing
    /// a side that committed atrocities, for instance); empty when nothing need be said.
    #[serde(default)]
    pub content_note: String,
}

/// The real front line on one day: who held each place and field, from dated reports. The
/// client's History overlay sets it beside the player's map, and the debrief compares them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontLine {
    /// The day.
    pub date: Date,
    /// How the line was compiled and how far to trust it.
    #[serde(default)]
    pub note: String,
    /// Who held what.
    pub holders: Vec<Held>,
    /// Where the facts come from (for the line as a whole).
    pub source: String,
}

/// Who held one place or field on a front line's day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Held {
    /// A place's or oil field's id.
    pub at: String,
    /// The faction that held it; none when no report says.
    #[serde(default)]
    pub by: Option<String>,
    /// What is uncertain or disputed ("claimed on 28 Nov", "taken 19 Nov"); empty when the
    /// reports agree.
    #[serde(default)]
    pub doubt: String,
    /// Where this holder comes from, when not the line's own source.
    #[serde(default)]
    pub source: String,
}

/// A word of the glossary, with the other spellings a reader meets in the sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The word as the level writes it.
    pub term: String,
    /// Other spellings and names of the same thing.
    #[serde(default)]
    pub also: Vec<String>,
    /// What it means.
    pub text: String,
    /// Articles to read next (ids).
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// Something that happened in the real campaign, shown when the game reaches its date and
/// marked as history, beside what is happening in the game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoricalEvent {
    /// Stable id.
    pub id: String,
    /// When it happened (for a span of days, the day it is shown).
    pub date: Date,
    /// A line, e.g. "Government forces retake Abu Kamal".
    pub title: String,
    /// A paragraph.
    pub text: String,
    /// Articles to read next (ids).
    #[serde(default)]
    pub see_also: Vec<String>,
    /// What it does to the game, on the first new turn on or after its date.
    #[serde(default)]
    pub effects: Vec<EffectSpec>,
    /// Where the facts come from.
    pub source: String,
}

/// What a historical event does to the game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EffectSpec {
    /// The oil price becomes this many US dollars a barrel.
    OilPrice(u16),
    /// Tension between two parties (factions or patrons) changes by `change` (-100..=100).
    Tension {
        /// One party.
        a: String,
        /// The other.
        b: String,
        /// The change.
        change: i16,
    },
    /// A patron grants a faction it supports extra support points.
    Support {
        /// The patron.
        patron: String,
        /// The faction (a `support` entry must exist for the pair).
        faction: String,
        /// Points added to the pool.
        points: u16,
    },
}

/// What an encyclopedia article is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ArticleKind {
    /// A faction of the level (`about` names it).
    Faction,
    /// A patron of the level (`about` names it).
    Patron,
    /// A place of the level (`about` names it).
    Place,
    /// An oil or gas field of the level (`about` names it).
    OilField,
    /// An idea the game teaches: supply, deconfliction, sieges…
    Concept,
}

/// An encyclopedia article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable id, used by `see_also` everywhere.
    pub id: String,
    /// The title.
    pub title: String,
    /// What it is about.
    pub kind: ArticleKind,
    /// The id of the faction, patron, place or field it describes (not for concepts).
    #[serde(default)]
    pub about: Option<String>,
    /// The text: paragraphs separated by blank lines.
    pub text: String,
    /// Articles to read next (ids).
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Where the facts come from.
    pub source: String,
}

/// One entry of the bibliography. A text cites it with its id in brackets, e.g. `[S15]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The tag's id: a letter and digits, optionally a lower-case letter (`S12`, `S12b`).
    pub id: String,
    /// What it is: the title, or a description of the document.
    pub title: String,
    /// Who published it (an agency, outlet, institution), when known.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published, as written by the source, when known.
    #[serde(default)]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// How far to trust it: partisan, weak, contested; empty when nothing need be said.
    #[serde(default)]
    pub note: Option<String>,
}

/// The bibliography entry a tag's id names.
pub fn source<'a>(sources: &'a [Source], id: &str) -> Option<&'a Source> {
    sources.iter().find(|s| s.id == id)
}

/// The bibliography tags in a text, `[S15]` and the like: each tag's byte range (brackets
/// included) and its id. An id is a capital letter, optionally more letters, then digits, then
/// optionally one lower-case letter; anything else in brackets is left alone.
pub fn source_tags(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'['
            && let Some(len) = tag_len(&bytes[i + 1..])
        {
            out.push((i..i + len + 2, &text[i + 1..i + 1 + len]));
            i += len + 2;
        } else {
            i += 1;
        }
    }
    out
}

/// The length of a tag's id at the start of `b`, if a valid id closed by `]` starts there.
fn tag_len(b: &[u8]) -> Option<usize> {
    let mut n = 0;
    if !b.first()?.is_ascii_uppercase() {
        return None;
    }
    while b.get(n).is_some_and(u8::is_ascii_alphabetic) && !b[n].is_ascii_lowercase() {
        n += 1;
    }
    let digits = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    n += digits;
    if b.get(n).is_some_and(u8::is_ascii_lowercase) {
        n += 1;
    }
    (b.get(n) == Some(&b']') && n <= 16).then_some(n)
}
