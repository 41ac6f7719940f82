//! What happens on the map, shown as it happens: counters slide along the way they moved,
//! an attack shows a brief exchange of fire and then its result over each unit (losses, a
//! retreat, a rout), a captured place flashes in its new holder's colour, and an air strike
//! bursts over its target. All of it follows the animation speed, is skipped with Space, and
//! never holds up the player's input: only the computer waits for it before its next move.
//! Under the fog of war, only what the player's side sees is shown.

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::egui;

use super::UnitAnim;
use super::view::View;
use crate::app::art::ArtTextures;
use crate::app::map::coords::MapGeometry;
use crate::app::orders::Pace;
use crate::app::session::Session;
use crate::app::settings::{AnimationSpeed, Settings};
use crate::app::theme::colour;
use crate::app::ui_state::{CentreOn, MapArea, MapCamera};
use crate::sim::{Event, Outcome};

/// How long an attack or a strike plays, in seconds, at each speed.
pub fn effect_seconds(speed: AnimationSpeed) -> f32 {
    match speed {
        AnimationSpeed::Off => 0.0,
        AnimationSpeed::Fast => 0.45,
        AnimationSpeed::Normal => 0.9,
        AnimationSpeed::Slow => 1.8,
    }
}

/// One thing being shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Fire between attackers and their target.
    Exchange {
        /// Where the attackers stand (world units).
        from: Vec<Vec2>,
        /// The target.
        to: Vec2,
    },
    /// Text rising over a point: a loss, a retreat.
    Float {
        /// Where (world units).
        at: Vec2,
        /// What.
        text: String,
        /// Its colour.
        colour: egui::Color32,
    },
    /// A place taken: a ring spreading in its new holder's colour.
    Capture {
        /// The place.
        at: Vec2,
        /// The new holder's colour.
        colour: egui::Color32,
    },
    /// An air strike's burst.
    Strike {
        /// The hex struck.
        at: Vec2,
    },
}

/// An effect with its time: it starts at `start` (seconds of the app's clock) and lasts
/// `length`.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed {
    /// What is shown.
    pub effect: Effect,
    /// When it starts.
    pub start: f32,
    /// How long it lasts.
    pub length: f32,
}

/// The effects on the map now.
#[derive(Resource, Default, Debug)]
pub struct Effects {
    /// Playing or waiting to play, oldest first.
    pub shown: VecDeque<Timed>,
    /// Until when the computer waits before its next visible move.
    pub busy_until: f32,
    /// Where the view was (the hex at its centre) before it first followed the computer in
    /// this round of its turns: it goes back there when the player's turn begins.
    pub home: Option<hexx::Hex>,
}

impl Effects {
    /// Whether an attack or a strike is still playing at `now`.
    pub fn busy(&self, now: f32) -> bool {
        now < self.busy_until
    }
}

/// What looking at the computer's actions needs: the camera, the map's part of the window,
/// and the messages that move the view and ask for frames.
type Follow<'w, 's> = (
    MessageWriter<'w, CentreOn>,
    MessageWriter<'w, RequestRedraw>,
    Res<'w, MapArea>,
    Single<'w, 's, (&'static Camera, &'static GlobalTransform), With<MapCamera>>,
);

/// Turns the game's new events into effects and counters' paths; looks at the computer's
/// actions when asked to.
#[allow(clippy::too_many_arguments)]
pub fn show_events(
    time: Res<Time>,
    settings: Res<Settings>,
    mut session: ResMut<Session>,
    mut effects: ResMut<Effects>,
    mut anim: ResMut<UnitAnim>,
    (mut pace, keys, focus): (
        ResMut<Pace>,
        Res<ButtonInput<KeyCode>>,
        Res<crate::app::ui_state::UiFocus>,
    ),
    geo: Option<Res<MapGeometry>>,
    follow: Follow,
) {
    let (mut centre, mut redraw, area, camera) = follow;
    let now = time.elapsed_secs();
    let length = effect_seconds(settings.animation);
    let handing_over = session.hand_over_due().is_some();
    // Space skips what is playing: effects end and counters stand where their units are.
    let skipped = keys.just_pressed(KeyCode::Space) && focus.keys_for_map();
    if skipped {
        anim.paths.clear();
        anim.pos.clear();
    }
    if pace.skip || skipped || length <= 0.0 || handing_over {
        effects.shown.clear();
        effects.busy_until = 0.0;
    }
    if pace.hold_until != effects.busy_until {
        pace.hold_until = effects.busy_until;
    }
    effects.shown.retain(|t| now < t.start + t.length);
    if !effects.shown.is_empty() {
        redraw.write(RequestRedraw);
    }
    // The player's turn: the view goes back to where it was before it followed the computer.
    if !session.ai_to_move()
        && !handing_over
        && let Some(home) = effects.home.take()
    {
        centre.write(CentreOn(home));
    }
    if !session.has_events() {
        return;
    }
    let events = session.take_events();
    let (Some(geo), false) = (geo, pace.skip || length <= 0.0 || handing_over) else {
        return;
    };
    let game = session.view();
    let me = session.player;
    let seen = |hex: hexx::Hex| session.sight().is_none_or(|s| s.sees_hex(game, hex));
    // Where counters stand on screen now; the new ways are set once the events are read.
    let at = |id: crate::sim::UnitId| anim.pos.get(&id).copied();
    let mut ways = Vec::new();
    let mut out: Vec<Timed> = Vec::new();
    let mut look: Option<hexx::Hex> = None;
    // Results appear once the exchange of fire is half done.
    let mut delay = 0.0;
    for (by, e) in &events {
        let computer = *by != me && !session.humans.contains(by);
        match e {
            Event::UnitMoved {
                unit, from, path, ..
            } => {
                let own = game.unit(*unit).is_some_and(|u| u.owner == me);
                // An enemy's way is shown only where the side could see it.
                let way: VecDeque<Vec2> = path
                    .iter()
                    .filter(|h| own || seen(**h))
                    .map(|h| geo.world(*h))
                    .collect();
                if !way.is_empty() && game.unit(*unit).is_some() {
                    ways.push((*unit, way));
                    if computer && seen(*path.last().unwrap_or(from)) {
                        look = path.last().copied();
                    }
                }
            }
            Event::AttackResolved {
                attackers,
                target,
                outcome,
                ..
            } if seen(*target) || attackers.iter().any(|a| game.unit(*a).is_some()) => {
                let from = attackers
                    .iter()
                    .filter_map(|a| at(*a).or_else(|| game.unit(*a).map(|u| geo.world(u.hex))))
                    .collect();
                out.push(Timed {
                    effect: Effect::Exchange {
                        from,
                        to: geo.world(*target),
                    },
                    start: now,
                    length,
                });
                let verdict = match outcome {
                    Outcome::DefenderRouted => "routed",
                    Outcome::DefenderRetreat | Outcome::DefenderLoss => "falls back",
                    Outcome::AttackerRepulsed => "repulsed",
                    Outcome::AttackerLoss | Outcome::Exchange => "holds",
                };
                out.push(float(
                    geo.world(*target) + Vec2::Y * 14.0,
                    verdict,
                    GOLD,
                    now + length * 0.45,
                    length,
                ));
                delay = length * 0.4;
                if computer {
                    look = Some(*target);
                }
            }
            Event::UnitDamaged { unit, loss, .. } if *loss > 0 => {
                if let Some(u) = game.unit(*unit).filter(|u| seen(u.hex) || u.owner == me) {
                    let p = at(u.id).unwrap_or_else(|| geo.world(u.hex));
                    out.push(float(p, &format!("−{loss}"), RED, now + delay, length));
                }
            }
            Event::UnitDestroyed { hex, .. } if seen(*hex) => {
                out.push(float(
                    geo.world(*hex),
                    "destroyed",
                    RED,
                    now + delay,
                    length * 1.2,
                ));
            }
            Event::AirStrike { target, .. } if seen(*target) => {
                out.push(Timed {
                    effect: Effect::Strike {
                        at: geo.world(*target),
                    },
                    start: now,
                    length,
                });
                delay = length * 0.4;
                if computer {
                    look = Some(*target);
                }
            }
            Event::ControlChanged { hex, to, .. }
                if seen(*hex) && game.scenario().places.iter().any(|p| p.hex == *hex) =>
            {
                out.push(Timed {
                    effect: Effect::Capture {
                        at: geo.world(*hex),
                        colour: colour(settings.faction_rgb(game, *to)),
                    },
                    start: now + delay,
                    length,
                });
            }
            _ => {}
        }
    }
    if out
        .iter()
        .any(|t| !matches!(t.effect, Effect::Float { .. } | Effect::Capture { .. }))
    {
        effects.busy_until = effects.busy_until.max(now + length);
    }
    effects.shown.extend(out);
    anim.paths.extend(ways);
    // The computer's action, looked at if it happens out of view (not once the player's turn
    // has come: the view has gone home).
    if settings.follow_computer
        && session.ai_to_move()
        && let Some(hex) = look
    {
        let (cam, cam_at) = *camera;
        let inside = cam
            .world_to_viewport(cam_at, geo.world(hex).extend(0.0))
            .ok()
            .is_some_and(|p| area.0.is_none_or(|a| a.inflate(-60.0).contains(p)));
        if !inside {
            if effects.home.is_none() {
                let middle = area.0.map_or_else(
                    || {
                        cam.logical_viewport_rect()
                            .map_or(Vec2::ZERO, |r| r.center())
                    },
                    |a| a.center(),
                );
                effects.home = cam
                    .viewport_to_world_2d(cam_at, middle)
                    .ok()
                    .and_then(|w| geo.hex_at_world(w));
            }
            centre.write(CentreOn(hex));
        }
    }
    redraw.write(RequestRedraw);
}

const GOLD: egui::Color32 = egui::Color32::from_rgb(255, 214, 90);
const RED: egui::Color32 = egui::Color32::from_rgb(255, 96, 80);

fn float(at: Vec2, text: &str, colour: egui::Color32, start: f32, length: f32) -> Timed {
    Timed {
        effect: Effect::Float {
            at,
            text: text.to_owned(),
            colour,
        },
        start,
        length: length * 1.3,
    }
}

/// Paints the effects playing at `now`.
pub(super) fn paint(
    painter: &egui::Painter,
    view: &View,
    effects: &Effects,
    art: &ArtTextures,
    now: f32,
    hex_px: f32,
) {
    for t in &effects.shown {
        let k = (now - t.start) / t.length.max(0.01);
        if !(0.0..1.0).contains(&k) {
            continue;
        }
        match &t.effect {
            Effect::Exchange { from, to } => {
                let Some(to) = view.point(*to) else { continue };
                // Tracers fly to the target in the first half, and back in the second.
                for f in from.iter().filter_map(|p| view.point(*p)) {
                    for n in 0..3 {
                        let phase = (k * 2.0 + n as f32 * 0.22) % 1.0;
                        let (a, b, c) = if k < 0.5 {
                            (f, to, egui::Color32::from_rgb(255, 236, 150))
                        } else {
                            (to, f, egui::Color32::from_rgb(255, 170, 120))
                        };
                        let p = a + (b - a) * phase;
                        painter.circle_filled(p, (hex_px * 0.05).clamp(2.0, 4.0), c);
                    }
                }
                let r = hex_px * (0.3 + 0.25 * (k * 12.0).sin().abs());
                painter.circle_stroke(
                    to,
                    r,
                    egui::Stroke::new(
                        2.5,
                        egui::Color32::from_rgba_unmultiplied(
                            255,
                            120,
                            60,
                            (220.0 * (1.0 - k)) as u8,
                        ),
                    ),
                );
            }
            Effect::Float { at, text, colour } => {
                let Some(p) = view.point(*at) else { continue };
                let rise = hex_px * 0.6 * k;
                let alpha = if k < 0.7 { 1.0 } else { (1.0 - k) / 0.3 };
                let font = egui::FontId::proportional((hex_px * 0.32).clamp(12.0, 22.0));
                let p = p - egui::vec2(0.0, hex_px * 0.45 + rise);
                painter.text(
                    p + egui::vec2(1.5, 1.5),
                    egui::Align2::CENTER_BOTTOM,
                    text,
                    font.clone(),
                    egui::Color32::from_black_alpha((200.0 * alpha) as u8),
                );
                painter.text(
                    p,
                    egui::Align2::CENTER_BOTTOM,
                    text,
                    font,
                    colour.gamma_multiply(alpha),
                );
            }
            Effect::Capture { at, colour } => {
                let Some(p) = view.point(*at) else { continue };
                let r = hex_px * (0.3 + 0.9 * k);
                painter.circle_stroke(
                    p,
                    r,
                    egui::Stroke::new(4.0 * (1.0 - k) + 1.0, colour.gamma_multiply(1.0 - k)),
                );
                painter.circle_filled(p, hex_px * 0.3, colour.gamma_multiply(0.6 * (1.0 - k)));
            }
            Effect::Strike { at } => {
                let Some(p) = view.point(*at) else { continue };
                let grow = if k < 0.3 { k / 0.3 } else { 1.0 };
                let fade = if k < 0.6 { 1.0 } else { (1.0 - k) / 0.4 };
                let size = hex_px * (0.4 + 0.9 * grow);
                if let Some(tex) = art.icon("strike") {
                    painter.image(
                        tex,
                        egui::Rect::from_center_size(p, egui::vec2(size, size)),
                        crate::app::art::WHOLE,
                        egui::Color32::WHITE.gamma_multiply(fade),
                    );
                } else {
                    painter.circle_filled(
                        p,
                        size * 0.4,
                        egui::Color32::from_rgb(250, 150, 30).gamma_multiply(fade),
                    );
                }
                painter.circle_stroke(
                    p,
                    hex_px * (0.5 + 1.2 * k),
                    egui::Stroke::new(
                        2.0,
                        egui::Color32::from_white_alpha((200.0 * (1.0 - k)) as u8),
                    ),
                );
            }
        }
    }
}
