//! Citations in the client: texts whose `[S15]` tags are links to the level's bibliography,
//! and the encyclopedia's Sources page that lists every entry.

use bevy_egui::egui;

use crate::level::teaching::{Source, source, source_tags};

/// A source tag drawn as a link.
#[derive(Clone, Debug)]
pub struct Link {
    /// The entry it names.
    pub id: String,
    /// Where it is on screen.
    pub rect: egui::Rect,
    /// Whether it was clicked this frame.
    pub clicked: bool,
}

/// A text with its source tags as links (hovering one names the source); the caller opens
/// the entry of a clicked one. Tags the bibliography does not list, and every tag of a level
/// without one, stay plain text.
pub fn cited(
    ui: &mut egui::Ui,
    text: &str,
    sources: &[Source],
    style: impl Fn(egui::RichText) -> egui::RichText,
) -> Vec<Link> {
    let tags: Vec<_> = source_tags(text)
        .into_iter()
        .filter_map(|(range, id)| Some((range, source(sources, id)?)))
        .collect();
    let mut links = Vec::new();
    if tags.is_empty() {
        ui.add(egui::Label::new(style(egui::RichText::new(text))).wrap());
        return links;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let mut at = 0;
        for (range, source) in tags {
            if range.start > at {
                ui.add(egui::Label::new(style(egui::RichText::new(&text[at..range.start]))).wrap());
            }
            let link = ui
                .add(egui::Link::new(style(egui::RichText::new(
                    &text[range.clone()],
                ))))
                .on_hover_text(summary(source));
            links.push(Link {
                id: source.id.clone(),
                rect: link.rect,
                clicked: link.clicked(),
            });
            at = range.end;
        }
        if at < text.len() {
            ui.add(egui::Label::new(style(egui::RichText::new(&text[at..]))).wrap());
        }
    });
    links
}

/// The "Source: …" line under a text, its tags as links.
pub fn source_line(ui: &mut egui::Ui, source: &str, sources: &[Source]) -> Vec<Link> {
    cited(ui, &format!("Source: {source}"), sources, |t| {
        t.small().weak()
    })
}

/// A source in one line: title, publisher, date, and the caution its note gives.
pub fn summary(s: &Source) -> String {
    let mut out = s.title.clone();
    for part in [&s.publisher, &s.date].into_iter().flatten() {
        out.push_str(". ");
        out.push_str(part);
    }
    if let Some(note) = &s.note {
        out.push_str(&format!(" ({note})"));
    }
    out
}

/// The Sources page: every entry matching `search`, the `chosen` one highlighted, and
/// scrolled to when `scroll` is set (which it clears).
pub fn sources_page(
    ui: &mut egui::Ui,
    sources: &[Source],
    search: &str,
    chosen: Option<&str>,
    scroll: &mut bool,
) {
    ui.heading("Sources");
    ui.label(
        "Where the facts of this level come from. A tag such as [S15] in any text links here. \
         A note says when a source is partisan or weak; the level marks what rests on such \
         sources as uncertain.",
    );
    ui.separator();
    let needle = search.to_lowercase();
    for s in sources.iter().filter(|s| {
        needle.is_empty()
            || s.id.to_lowercase() == needle
            || summary(s).to_lowercase().contains(&needle)
    }) {
        let here = chosen == Some(s.id.as_str());
        let frame = egui::Frame::new().inner_margin(4.0).fill(if here {
            ui.visuals().selection.bg_fill.gamma_multiply(0.35)
        } else {
            egui::Color32::TRANSPARENT
        });
        let response = frame
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format!("[{}]", s.id));
                    ui.label(&s.title);
                });
                let by: Vec<&str> = [&s.publisher, &s.date]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                if !by.is_empty() {
                    ui.small(by.join(", "));
                }
                if let Some(url) = &s.url {
                    ui.hyperlink_to(egui::RichText::new(url).small(), url);
                }
                if let Some(note) = &s.note {
                    ui.colored_label(
                        egui::Color32::from_rgb(190, 120, 40),
                        egui::RichText::new(format!("Caution: {note}")).small(),
                    );
                }
            })
            .response;
        if here && *scroll {
            response.scroll_to_me(Some(egui::Align::TOP));
        }
    }
    *scroll = false;
}

/// A row of links to articles ("Read: …"); returns the id of the one clicked this frame.
pub fn article_links(
    ui: &mut egui::Ui,
    articles: &[crate::level::schema::Article],
    ids: &[String],
) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.weak("Read:");
        for id in ids {
            if let Some(a) = articles.iter().find(|a| a.id == *id)
                && ui
                    .link(&a.title)
                    .on_hover_text("Open in the encyclopedia")
                    .clicked()
            {
                clicked = Some(id.clone());
            }
        }
    });
    clicked
}
