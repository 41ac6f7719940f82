//! The player's units at a glance: a roster sorted by what needs attention (units that can
//! still act, those out of supply, the damaged), each a click away; and a unit's own record of
//! its fights, for the selected unit's card.

use bevy_egui::egui;

use crate::app::session::Session;
use crate::app::ui_state::Selection;
use crate::sim::{Event, SupplyState, Unit, UnitId};

/// How the roster is sorted.
#[derive(bevy::prelude::Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RosterOrder {
    /// Units that can still act first.
    #[default]
    Ready,
    /// Units cut off from supply first.
    Supply,
    /// The most worn down first (strength against full strength).
    Damaged,
}

impl RosterOrder {
    const ALL: [RosterOrder; 3] = [
        RosterOrder::Ready,
        RosterOrder::Supply,
        RosterOrder::Damaged,
    ];

    fn name(self) -> &'static str {
        match self {
            RosterOrder::Ready => "can act",
            RosterOrder::Supply => "supply",
            RosterOrder::Damaged => "damaged",
        }
    }
}

/// The rank of a unit under an order: lower comes first.
fn rank(u: &Unit, order: RosterOrder, kept: bool) -> (u32, u32) {
    let ready = !u.has_attacked || u.movement_left > 0;
    let supply = match u.supply {
        SupplyState::Out => 0,
        SupplyState::Low => 1,
        SupplyState::Supplied => 2,
    };
    let worn = u32::from(u.strength) * 100 / u32::from(u.full_strength.max(1));
    match order {
        RosterOrder::Ready => (u32::from(!ready || kept), supply),
        RosterOrder::Supply => (supply, worn),
        RosterOrder::Damaged => (worn, supply),
    }
}

/// The roster section of the side panel; the unit clicked, if one was.
pub(super) fn roster_panel(
    ui: &mut egui::Ui,
    session: &Session,
    selection: &Selection,
    order: &mut RosterOrder,
) -> Option<UnitId> {
    let mut picked = None;
    let game = session.view();
    let me = session.player;
    ui.horizontal(|ui| {
        ui.small("First:");
        for o in RosterOrder::ALL {
            ui.selectable_value(order, o, egui::RichText::new(o.name()).small());
        }
    });
    let mut units: Vec<&Unit> = game.units().filter(|u| u.owner == me).collect();
    units.sort_by_key(|u| (rank(u, *order, selection.keep.contains(&u.id)), u.id));
    for u in units {
        let kept = selection.keep.contains(&u.id);
        let ready = !u.has_attacked || u.movement_left > 0;
        let mark = if kept {
            "⏸"
        } else if ready {
            "▶"
        } else {
            "·"
        };
        let supply = match u.supply {
            SupplyState::Supplied => "",
            SupplyState::Low => ", low supply",
            SupplyState::Out => ", OUT of supply",
        };
        let text = format!(
            "{mark} {} — {}/{}, move {}/{}{supply}",
            u.name,
            u.strength,
            u.full_strength,
            u.movement_left,
            u.kind.movement()
        );
        let mut rich = egui::RichText::new(text).small();
        if u.supply == SupplyState::Out {
            rich = rich.color(egui::Color32::from_rgb(230, 90, 80));
        } else if !ready || kept {
            rich = rich.weak();
        }
        let selected = selection.unit == Some(u.id);
        if ui
            .selectable_label(selected, rich)
            .on_hover_text("Select it and look at it. ▶ can still act, ⏸ keeps its place (K).")
            .clicked()
        {
            picked = Some(u.id);
        }
    }
    picked
}

/// A unit's fights in this game, newest first, in words (at most `most`).
pub(super) fn fights_of(session: &Session, unit: UnitId, most: usize) -> Vec<String> {
    let game = &session.game;
    let s = game.scenario();
    let name = |id: UnitId| {
        game.unit(id)
            .map(|u| u.name.clone())
            .or_else(|| s.units.get(id.0 as usize).map(|u| u.name.clone()))
            .unwrap_or_else(|| "a unit".into())
    };
    game.log()
        .iter()
        .rev()
        .filter_map(|entry| match &entry.event {
            e @ Event::AttackResolved {
                attackers,
                defender,
                ..
            } if attackers.contains(&unit) || *defender == unit => {
                let told = crate::narrate::describe(e, s, &name)?;
                Some(format!("Turn {}: {told}", entry.turn))
            }
            _ => None,
        })
        .take(most)
        .collect()
}
