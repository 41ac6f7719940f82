//! Orders: clicks and keys become [`PlayerAction`]s, which become commands through
//! [`super::input::click`] and the rules' own check; the computer's turns play out at a pace
//! the player can follow, or at once when skipped.

use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::input::{self, Click};
use super::session::Session;
use super::settings::Settings;
use super::state::AppState;
use super::ui_state::{
    AutoEndTurns, CentreOn, HoveredHex, InGameMenu, OrderButton, PendingAttack, PendingOrder,
    PlayerAction, Selection, UiFocus,
};
use crate::sim::Command;

/// How the computer's turns are being played out.
#[derive(Resource, Default, Debug)]
pub struct Pace {
    timer: f32,
    /// Play them out at once (Space, or the Skip button).
    pub skip: bool,
    /// Until when (seconds of the app's clock) the computer waits before its next action:
    /// the map is still showing its last attack or strike.
    pub hold_until: f32,
}

/// A press of the left button, to tell a click from a drag that pans the map.
#[derive(Resource, Default, Debug)]
struct Press {
    down: bool,
    travel: f32,
}

/// Most computer commands carried out in one frame when skipping, so a frame stays short.
const SKIP_BATCH: usize = 400;

pub fn plugin(app: &mut App) {
    app.init_resource::<Selection>()
        .init_resource::<UiFocus>()
        .init_resource::<InGameMenu>()
        .init_resource::<Pace>()
        .init_resource::<Press>()
        .add_message::<PlayerAction>()
        .add_message::<CentreOn>()
        .add_message::<OrderButton>()
        .add_systems(
            Update,
            (
                mouse_to_actions,
                keys_to_actions,
                handle_actions,
                order_buttons,
            )
                .chain()
                .run_if(in_state(AppState::InGame))
                .run_if(not(super::handover::hand_over_due)),
        )
        // The computer plays on behind the hand-over screen.
        .add_systems(
            Update,
            run_ai
                .after(order_buttons)
                .run_if(in_state(AppState::InGame)),
        );
}

fn mouse_to_actions(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    hovered: Res<HoveredHex>,
    focus: Res<UiFocus>,
    menu: Res<InGameMenu>,
    mut press: ResMut<Press>,
    mut actions: MessageWriter<PlayerAction>,
) {
    if buttons.just_pressed(MouseButton::Left) {
        *press = Press {
            down: !focus.pointer_over_ui && !focus.modal,
            travel: 0.0,
        };
    }
    if press.down {
        press.travel += motion.delta.length();
    }
    if buttons.just_released(MouseButton::Left) && press.down {
        press.down = false;
        // A press that travelled was a drag of the map, not an order.
        if press.travel < 6.0
            && !menu.0
            && let Some(hex) = hovered.0
        {
            actions.write(PlayerAction::Click(hex));
        }
    }
    if buttons.just_pressed(MouseButton::Right) && !focus.pointer_over_ui && !focus.modal {
        actions.write(PlayerAction::Cancel);
    }
}

/// The keyboard shortcuts, listed in the help panel (see [`SHORTCUTS`]).
pub fn keys_to_actions(
    keys: Res<ButtonInput<KeyCode>>,
    hovered: Res<HoveredHex>,
    focus: Res<UiFocus>,
    selection: Res<Selection>,
    session: Res<Session>,
    mut actions: MessageWriter<PlayerAction>,
) {
    if focus.typing {
        return;
    }
    if focus.modal {
        // A window is open: Esc closes it; the map's keys wait until it is gone.
        if keys.just_pressed(KeyCode::Escape) {
            actions.write(PlayerAction::CloseWindow);
        }
        return;
    }
    if keys.just_pressed(KeyCode::Escape) {
        actions.write(PlayerAction::Cancel);
    }
    if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::NumpadEnter) {
        if selection.pending.is_some() {
            actions.write(PlayerAction::ConfirmAttack);
        } else if selection.advance(session.view(), session.player).is_some() {
            actions.write(PlayerAction::Advance);
        } else if let Some(hex) = hovered.0 {
            actions.write(PlayerAction::Click(hex));
        }
    }
    if keys.just_pressed(KeyCode::KeyE) {
        actions.write(PlayerAction::EndTurn);
    }
    // Held, or pressed and let go within this frame (a quick chord).
    let modifiers = [
        KeyCode::ControlLeft,
        KeyCode::ControlRight,
        KeyCode::SuperLeft,
        KeyCode::SuperRight,
    ];
    let ctrl = keys.any_pressed(modifiers) || keys.any_just_released(modifiers);
    if ctrl && keys.just_pressed(KeyCode::KeyZ) {
        actions.write(PlayerAction::Undo);
    }
    if keys.just_pressed(KeyCode::KeyK) {
        actions.write(PlayerAction::Keep);
    }
    if keys.just_pressed(KeyCode::Tab) {
        let back = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
        actions.write(if back {
            PlayerAction::PreviousUnit
        } else {
            PlayerAction::NextUnit
        });
    }
    if keys.just_pressed(KeyCode::Space) && session.ai_to_move() {
        actions.write(PlayerAction::SkipAi);
    }
}

/// Keys and what they do, for the help panel.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Left click",
        "select a unit; move it to a hex; attack an enemy (asks to confirm), first moving beside it if it is a move away",
    ),
    (
        "Enter",
        "confirms an attack, advances after one (with the first attacker offered); otherwise the same as a click on the hex under the pointer",
    ),
    (
        "Right click, Esc",
        "cancel the attack shown, clear the selection, then the menu",
    ),
    ("Tab, Shift+Tab", "next or previous unit that can still act"),
    (
        "K",
        "the selected unit keeps its place: Tab and the end-of-turn question pass it (K again to undo)",
    ),
    ("E", "end your turn"),
    (
        "Ctrl+Z",
        "take back your last move, if it rolled no dice and showed you nothing new",
    ),
    (
        "Space",
        "skip the computer's turns and what plays out on the map; centre on the selected unit",
    ),
    ("F", "fit the whole map in view"),
    ("Arrows, WASD, drag", "pan the map"),
    ("Wheel, + and -", "zoom toward the pointer"),
    (
        "C, U, O, L",
        "overlays: control, supply, objectives, the real front line",
    ),
    (
        "M",
        "show or hide the minimap (click or drag on it to look there)",
    ),
    ("F1 or H", "this help"),
];

/// Carries out the player's actions through the rules.
pub fn handle_actions(
    mut actions: MessageReader<PlayerAction>,
    mut session: ResMut<Session>,
    mut selection: ResMut<Selection>,
    mut pace: ResMut<Pace>,
    (mut menu, settings): (ResMut<InGameMenu>, Res<Settings>),
    (mut centre, mut redraw): (MessageWriter<CentreOn>, MessageWriter<RequestRedraw>),
) {
    for action in actions.read() {
        selection.notice = None;
        match *action {
            PlayerAction::Click(hex) => {
                if selection.pending.take().is_some() {
                    // A click elsewhere while the odds are shown only closes them.
                    continue;
                }
                let answer = input::click(session.view(), session.player, selection.unit, hex);
                selection.message = None;
                match answer {
                    Click::Select(id) => selection.unit = Some(id),
                    Click::Deselect => selection.unit = None,
                    Click::Order(command) => {
                        if let Command::Move { unit, .. } = &command {
                            // An order for a unit that kept its place: it takes orders again.
                            selection.keep.remove(unit);
                        }
                        if let Err(e) = session.perform(&command) {
                            selection.message = Some(crate::narrate::explain(session.view(), &e));
                        }
                    }
                    Click::ConfirmAttack { command, .. } => {
                        if let Command::Attack { attackers, target } = command {
                            selection.pending = Some(PendingAttack {
                                target,
                                chosen: vec![true; attackers.len()],
                                candidates: attackers,
                            });
                        }
                    }
                    Click::MoveThenAttack { step, target } => {
                        // One click: the unit moves beside the enemy, then the odds are shown
                        // as if the enemy had been clicked from there.
                        if let Command::Move { unit, .. } = &step {
                            selection.keep.remove(unit);
                        }
                        if let Err(e) = session.perform(&step) {
                            selection.message = Some(crate::narrate::explain(session.view(), &e));
                            continue;
                        }
                        match input::click(session.view(), session.player, selection.unit, target) {
                            Click::ConfirmAttack {
                                command: Command::Attack { attackers, target },
                                ..
                            } => {
                                selection.pending = Some(PendingAttack {
                                    target,
                                    chosen: vec![true; attackers.len()],
                                    candidates: attackers,
                                });
                            }
                            Click::Refused(why) => selection.message = Some(why),
                            _ => {}
                        }
                    }
                    Click::Refused(why) => selection.message = Some(why),
                    Click::Nothing => {}
                }
            }
            PlayerAction::ConfirmAttack => {
                if let Some(p) = selection.pending.take() {
                    let command = Command::Attack {
                        attackers: p.attackers(),
                        target: p.target,
                    };
                    if let Err(e) = session.perform(&command) {
                        selection.message = Some(crate::narrate::explain(session.view(), &e));
                    }
                    // The selected unit may be gone or done; keep it only if it is still here.
                    if selection
                        .unit
                        .is_some_and(|id| session.view().unit(id).is_none())
                    {
                        selection.unit = None;
                    }
                }
            }
            PlayerAction::Advance => {
                let first = selection
                    .advance(session.view(), session.player)
                    .and_then(|(_, units)| units.first().copied());
                if let Some(unit) = first {
                    selection.message = session
                        .perform(&Command::Advance { unit })
                        .err()
                        .map(|e| crate::narrate::explain(session.view(), &e));
                }
            }
            PlayerAction::Cancel => {
                // Close the innermost thing open: the menu, the attack shown, the selection;
                // with nothing open, open the menu.
                if menu.0 {
                    menu.0 = false;
                } else if selection.pending.is_some() {
                    selection.pending = None;
                } else if selection.unit.is_some() {
                    selection.unit = None;
                    selection.message = None;
                } else {
                    menu.0 = true;
                }
            }
            PlayerAction::EndTurn => {
                if session.view().is_over() || session.view().active_faction() != session.player {
                    continue;
                }
                selection.pending = None;
                selection.message = None;
                let turn = session.view().turn();
                if settings.warn_idle && selection.quiet_turn != Some(turn) {
                    let idle = input::idle_units(session.view(), session.player, &selection.keep);
                    if !idle.is_empty() {
                        selection.confirm = Some(PendingOrder {
                            quiet: Some((turn, false)),
                            ..PendingOrder::confirm(
                                Command::EndTurn,
                                input::idle_question(session.view(), &idle),
                            )
                        });
                        continue;
                    }
                }
                if let Err(e) = session.perform(&Command::EndTurn) {
                    selection.message = Some(crate::narrate::explain(session.view(), &e));
                }
            }
            PlayerAction::Undo => {
                if session.view().is_over() || session.view().active_faction() != session.player {
                    continue;
                }
                selection.pending = None;
                match session.undo() {
                    Ok(()) => {
                        selection.message = None;
                        selection.notice = Some("Move taken back.".to_owned());
                    }
                    Err(why) => {
                        selection.message =
                            Some(format!("Cannot take that back: {}.", why.reason()));
                    }
                }
                // The unit moved back may have been selected: keep it, it is still there.
                redraw.write(RequestRedraw);
            }
            PlayerAction::Select(id) => {
                if let Some(u) = session.view().unit(id) {
                    selection.pending = None;
                    selection.unit = Some(id);
                    centre.write(CentreOn(u.hex));
                    redraw.write(RequestRedraw);
                }
            }
            PlayerAction::Keep => {
                let game = session.view();
                let Some(u) = selection.unit.and_then(|id| game.unit(id)) else {
                    continue;
                };
                if u.owner != session.player {
                    continue;
                }
                let (id, name) = (u.id, u.name.clone());
                selection.message = None;
                selection.notice = Some(if selection.keep.remove(&id) {
                    format!("{name} takes orders again: Tab stops at it.")
                } else {
                    selection.keep.insert(id);
                    format!(
                        "{name} keeps its place: Tab passes it, and ending the turn does not ask about it (K again to undo)."
                    )
                });
            }
            PlayerAction::NextUnit | PlayerAction::PreviousUnit => {
                let (game, me) = (session.view(), session.player);
                let forward = *action == PlayerAction::NextUnit;
                // Units told to keep their place are passed over, unless all are.
                let mut next = selection.unit;
                for _ in 0..=game.units().count() {
                    next = if forward {
                        input::next_ready(game, me, next)
                    } else {
                        input::previous_ready(game, me, next)
                    };
                    if next.is_none_or(|id| !selection.keep.contains(&id)) {
                        break;
                    }
                }
                let next = next.filter(|id| !selection.keep.contains(id)).or_else(|| {
                    if forward {
                        input::next_ready(game, me, selection.unit)
                    } else {
                        input::previous_ready(game, me, selection.unit)
                    }
                });
                selection.pending = None;
                if let Some(id) = next {
                    selection.unit = Some(id);
                    if let Some(u) = session.view().unit(id) {
                        centre.write(CentreOn(u.hex));
                        // The camera reads it next frame; a window that redraws only on
                        // input would otherwise wait for the next key or mouse move.
                        redraw.write(RequestRedraw);
                    }
                }
            }
            PlayerAction::SkipAi => pace.skip = true,
            // The windows' own business (see `screens::close_top_window`).
            PlayerAction::CloseWindow => {}
        }
    }
}

/// Ends the player's turn while turns are left to end by themselves, once the computer has
/// finished moving.
pub fn auto_end_turns(
    mut left: ResMut<AutoEndTurns>,
    session: Res<Session>,
    mut selection: ResMut<Selection>,
    mut actions: MessageWriter<PlayerAction>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if left.0 == 0 || session.view().is_over() {
        left.0 = 0;
        return;
    }
    redraw.write(RequestRedraw);
    if !session.ai_to_move() {
        // Ended by itself: no question about units that have not acted.
        selection.quiet_turn = Some(session.view().turn());
        actions.write(PlayerAction::EndTurn);
        left.0 -= 1;
    }
}

/// A unit to select once the map is shown (`play --select`).
#[derive(Resource, Debug, Clone)]
pub struct StartSelected(pub String);

/// Selects the unit asked for on the command line and centres on it, once the map has been
/// framed.
pub fn select_at_start(
    mut commands: Commands,
    asked: Option<Res<StartSelected>>,
    session: Res<Session>,
    geo: Option<Res<super::map::coords::MapGeometry>>,
    framing: Res<super::map::camera::Framing>,
    mut selection: ResMut<Selection>,
    mut centre: MessageWriter<CentreOn>,
) {
    let (Some(asked), Some(geo)) = (asked, geo) else {
        return;
    };
    if geo.is_changed() || framing.pending.is_some() {
        // The camera frames the new map first; centre on the unit after.
        return;
    }
    commands.remove_resource::<StartSelected>();
    let Some(u) = session.view().units().find(|u| u.key == asked.0) else {
        warn!("--select: no unit with id `{}`", asked.0);
        return;
    };
    selection.unit = Some(u.id);
    centre.write(CentreOn(u.hex));
}

/// Carries out orders given by buttons in the panels; a costly or irreversible one waits for
/// the player to confirm it (see the HUD's confirmation window).
pub fn order_buttons(
    mut orders: MessageReader<OrderButton>,
    mut session: ResMut<Session>,
    mut selection: ResMut<Selection>,
) {
    for order in orders.read() {
        // The question is worked out on the click, not for every offer on every frame.
        if !order.confirmed
            && let Some(question) = input::confirmation(session.view(), &order.command)
        {
            selection.confirm = Some(PendingOrder::confirm(order.command.clone(), question));
            continue;
        }
        selection.message = session
            .perform(&order.command)
            .err()
            .map(|e| crate::narrate::explain(session.view(), &e));
        if selection
            .unit
            .is_some_and(|id| session.view().unit(id).is_none())
        {
            selection.unit = None;
        }
    }
}

/// Plays the computer's commands: one visible action per beat at the chosen animation
/// speed, everything at once when skipped or when animations are off.
pub fn run_ai(
    time: Res<Time>,
    settings: Res<Settings>,
    mut session: ResMut<Session>,
    mut pace: ResMut<Pace>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if !session.ai_to_move() {
        pace.skip = false;
        pace.timer = 0.0;
        return;
    }
    // Keep frames coming while the computer plays, even in a window that redraws on input.
    redraw.write(RequestRedraw);
    // Its last attack or strike plays out before its next move (unless skipped).
    if !pace.skip && time.elapsed_secs() < pace.hold_until {
        return;
    }
    let beat = settings.animation.beat_seconds();
    if pace.skip || beat <= 0.0 {
        for _ in 0..SKIP_BATCH {
            if session.ai_step().is_none() {
                break;
            }
        }
        return;
    }
    pace.timer += time.delta_secs();
    if pace.timer < beat {
        return;
    }
    pace.timer = 0.0;
    // Bookkeeping commands (ending a turn, spending) pass at once; a move or an attack
    // takes a beat so the player can see it.
    for _ in 0..SKIP_BATCH {
        let Some(events) = session.ai_step() else {
            break;
        };
        let visible = events.iter().any(|e| {
            matches!(
                e,
                crate::sim::Event::UnitMoved { .. } | crate::sim::Event::AttackResolved { .. }
            )
        });
        if visible {
            break;
        }
    }
}
