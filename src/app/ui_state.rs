//! The client's shared state: what is selected and hovered, which overlays are on, which
//! windows are open, where the map is drawn, and the messages by which panels, keys and the
//! mouse ask for orders. Feature files read and write these; none owns them.

use bevy::prelude::*;
use hexx::Hex;

use crate::sim::{Command, UnitId};

/// The hex under the mouse pointer, if any.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoveredHex(pub Option<hexx::Hex>);

/// The part of the window the map shows through, in logical pixels: the window less the panels
/// (`None` when no panels are shown).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct MapArea(pub Option<Rect>);

/// The camera the player looks through (the terrain camera draws only into an image).
#[derive(Component, Debug, Default)]
pub struct MapCamera;

/// What the player has selected, and an attack waiting for confirmation.
#[derive(Resource, Default, Debug)]
pub struct Selection {
    /// The selected unit (the player's own, or any other to look at).
    pub unit: Option<UnitId>,
    /// An attack whose odds are shown, waiting for the player to confirm.
    pub pending: Option<PendingAttack>,
    /// Why the last order was refused, for the status line.
    pub message: Option<String>,
    /// What the last action did, when it says so (a move taken back, a unit keeping its
    /// place): the same line, not in the colour of a refusal.
    pub notice: Option<String>,
    /// A costly or irreversible order asking to be confirmed.
    pub confirm: Option<PendingOrder>,
    /// The emptied hex (and the turn) the player chose not to advance into.
    pub held: Option<(Hex, u16)>,
    /// Units the player told to keep their place (K): Tab and the end-of-turn question pass
    /// them until they are given an order.
    pub keep: std::collections::BTreeSet<UnitId>,
    /// The turn in which the player said not to be asked again about units that have not
    /// acted.
    pub quiet_turn: Option<u16>,
}

impl Selection {
    /// The hex the player's last attack emptied and the attackers that may step in, while the
    /// player has not chosen to hold.
    pub fn advance<'g>(
        &self,
        game: &'g crate::sim::Game,
        player: crate::sim::FactionId,
    ) -> Option<(Hex, &'g [UnitId])> {
        let (hex, units) = game.advance_offer()?;
        let mine = !game.is_over() && game.active_faction() == player;
        (mine && self.pending.is_none() && self.held != Some((hex, game.turn())))
            .then_some((hex, units))
    }
}

/// An attack the player is about to order.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingAttack {
    /// The hex attacked.
    pub target: Hex,
    /// Units that can join, the selected one first.
    pub candidates: Vec<UnitId>,
    /// Which of them the player has ticked.
    pub chosen: Vec<bool>,
}

impl PendingAttack {
    /// The units ticked.
    pub fn attackers(&self) -> Vec<UnitId> {
        self.candidates
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(u, _)| *u)
            .collect()
    }
}

/// Something the player asked for, by mouse, key or button.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayerAction {
    /// A click (or Enter) on a hex of the map.
    Click(Hex),
    /// Confirm the attack being shown.
    ConfirmAttack,
    /// Advance into the hex the last attack emptied, with the first attacker offered.
    Advance,
    /// Cancel what is in progress: the attack shown, else the selection, else open the menu.
    Cancel,
    /// End the player's turn.
    EndTurn,
    /// Take back the player's last move, if it rolled no dice and showed nothing new.
    Undo,
    /// Select the next unit that can still act.
    NextUnit,
    /// Select the unit before, that can still act.
    PreviousUnit,
    /// Tell the selected unit to keep its place (or give it orders again).
    Keep,
    /// Select a unit and look at it (from the roster).
    Select(UnitId),
    /// Play the computer's turns out at once.
    SkipAi,
    /// Close the window on top (Esc while one is open).
    CloseWindow,
}

/// Ask the camera to centre on a hex.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CentreOn(pub Hex);

/// Whether egui has the keyboard or the pointer, so map input leaves it alone. Updated by
/// the HUD each frame.
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct UiFocus {
    /// A text field has the keyboard.
    pub typing: bool,
    /// The pointer is over a panel or window, or outside the part of the window the map
    /// shows: the map leaves clicks, drags and the wheel there to the interface.
    pub pointer_over_ui: bool,
    /// A window that holds the player's attention is open (the menu, settings, help, the
    /// briefing, the encyclopedia, saves, the debrief): the map's keys wait, and Esc closes it.
    pub modal: bool,
}

impl UiFocus {
    /// Whether the map's keys (orders, panning, overlays) are the map's now.
    pub fn keys_for_map(&self) -> bool {
        !self.typing && !self.modal
    }
}

/// Whether a point of the window (in logical pixels) falls on the map: inside the part the
/// panels leave free, or anywhere when there are no panels.
pub fn on_map(area: &MapArea, cursor: Vec2) -> bool {
    area.0.is_none_or(|r| r.contains(cursor))
}

/// Whether the in-game menu (Escape) is open.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct InGameMenu(pub bool);

/// Turns to end by themselves at the start (`play --end-turns N`), for screenshots of a game
/// under way and for bug reports.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoEndTurns(pub u32);

/// Whether the help window is open.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpOpen(pub bool);

/// An order given by a button (recruits, replacements, requests, diplomacy). A costly or
/// irreversible one asks first (see [`crate::app::input::confirmation`]) unless it is the
/// answer to that question.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct OrderButton {
    /// The order.
    pub command: Command,
    /// The player has already said yes to it.
    pub confirmed: bool,
}

impl OrderButton {
    /// An order as a button gives it: asked first if it is costly.
    pub fn ask(command: Command) -> OrderButton {
        OrderButton {
            command,
            confirmed: false,
        }
    }

    /// An order to carry out at once (confirmed, or one that never asks).
    pub fn now(command: Command) -> OrderButton {
        OrderButton {
            command,
            confirmed: true,
        }
    }
}

impl From<crate::app::input::Offer> for OrderButton {
    fn from(offer: crate::app::input::Offer) -> OrderButton {
        OrderButton::ask(offer.command)
    }
}

/// An order waiting for the player to confirm it, or a proposal waiting for an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingOrder {
    /// The order (the yes).
    pub command: Command,
    /// The question, with its cost.
    pub question: String,
    /// For a proposal put to the player: the order that says no (Esc only puts it off until
    /// later in the turn).
    pub decline: Option<Command>,
    /// For the question asked before ending a turn with units that have not acted: the turn,
    /// and whether the player ticked "don't ask again this turn".
    pub quiet: Option<(u16, bool)>,
}

impl PendingOrder {
    /// A costly order asking to be confirmed.
    pub fn confirm(command: Command, question: String) -> PendingOrder {
        PendingOrder {
            command,
            question,
            decline: None,
            quiet: None,
        }
    }
}

/// Where buttons and section headers of the panels were drawn this frame, by name (egui
/// points), so a test can click them as a player would.
#[derive(Resource, Debug, Clone, Default)]
pub struct ClickTargets(pub Vec<(String, bevy_egui::egui::Rect)>);

impl ClickTargets {
    /// The first target whose name starts with `prefix`.
    pub fn find(&self, prefix: &str) -> Option<bevy_egui::egui::Rect> {
        self.0
            .iter()
            .find(|(n, _)| n.starts_with(prefix))
            .map(|(_, r)| *r)
    }

    /// Forgets the targets of `prefix` (a panel about to be drawn again).
    pub fn clear(&mut self, prefix: &str) {
        self.0.retain(|(n, _)| !n.starts_with(prefix));
    }
}

/// Which sections of the side panel are open (for the tutorial's lessons).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenSections {
    /// Money, fuel and support.
    pub economy: bool,
    /// Relations and agreements.
    pub diplomacy: bool,
    /// Objectives and score.
    pub objectives: bool,
    /// Orders for the whole side.
    pub orders: bool,
}

/// Which overlays are shown.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    /// Tint hexes by who controls them.
    pub control: bool,
    /// Where the player's supply reaches.
    pub supply: bool,
    /// Objectives ringed on the map.
    pub objectives: bool,
    /// The real front line in force on the game's date, beside the player's map.
    pub history: bool,
    /// The minimap in the corner of the map (M).
    pub minimap: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Overlays {
            control: true,
            supply: false,
            objectives: true,
            history: false,
            minimap: true,
        }
    }
}

/// Where the top bar and its controls were drawn in the last frame, in egui points, with the
/// part of each that could be seen: to check that the layout fits at every window size and
/// UI scale, and to point at a control (a tutorial's arrow).
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct TopBarLayout {
    /// The bar's content.
    pub bar: Rect,
    /// Each control by name: its whole rectangle and the part of it inside the bar's clip.
    pub controls: Vec<PlacedControl>,
}

/// A control of the top bar and where it was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedControl {
    /// What it is ("end turn", "treasury"…).
    pub name: &'static str,
    /// Its whole rectangle.
    pub rect: Rect,
    /// The part of it that was not clipped away.
    pub shown: Rect,
}

impl TopBarLayout {
    /// Notes where a control was drawn.
    pub fn note(&mut self, name: &'static str, response: &bevy_egui::egui::Response) {
        let r = response.rect;
        let clip = response
            .ctx
            .content_rect()
            .intersect(response.interact_rect);
        let rect = Rect::new(r.min.x, r.min.y, r.max.x, r.max.y);
        let shown = Rect::new(clip.min.x, clip.min.y, clip.max.x, clip.max.y);
        self.controls.push(PlacedControl { name, rect, shown });
    }

    /// Controls not wholly visible (clipped by the bar or the window), or drawn over another.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.controls {
            let cut = (c.rect.width() - c.shown.width()).abs() > 0.5
                || (c.rect.height() - c.shown.height()).abs() > 0.5;
            if cut || c.rect.width() < 1.0 {
                out.push(format!(
                    "{} is cut off ({} shown of {})",
                    c.name,
                    corners(c.shown),
                    corners(c.rect)
                ));
            }
        }
        for (i, a) in self.controls.iter().enumerate() {
            for b in &self.controls[i + 1..] {
                let overlap = a.rect.intersect(b.rect);
                if overlap.width() > 0.5 && overlap.height() > 0.5 {
                    out.push(format!("{} and {} overlap", a.name, b.name));
                }
            }
        }
        out
    }
}

/// A rectangle as its corners in points: "8,2 to 115,20".
pub fn corners(r: Rect) -> String {
    format!(
        "{:.0},{:.0} to {:.0},{:.0}",
        r.min.x, r.min.y, r.max.x, r.max.y
    )
}
