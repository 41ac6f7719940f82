//! Combat: attack and defence power with every modifier listed, a combat results table with
//! one six-sided die, and an exact preview of the odds before an attack is committed.

use serde::{Deserialize, Serialize};

/// A result on the combat table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// The attack is thrown back with heavy losses.
    AttackerRepulsed,
    /// The attacker loses more than the defender; the defender holds.
    AttackerLoss,
    /// Both sides bleed; the defender holds.
    Exchange,
    /// The defender falls back one hex.
    DefenderRetreat,
    /// The defender loses heavily and falls back.
    DefenderLoss,
    /// The defender is routed: half its strength is lost and it falls back.
    DefenderRouted,
}

impl Outcome {
    /// All outcomes, from worst to best for the attacker.
    pub const ALL: [Outcome; 6] = [
        Outcome::AttackerRepulsed,
        Outcome::AttackerLoss,
        Outcome::Exchange,
        Outcome::DefenderRetreat,
        Outcome::DefenderLoss,
        Outcome::DefenderRouted,
    ];

    /// Percent of its strength each fighting (non-artillery) attacker loses.
    pub fn attacker_loss_percent(self) -> u32 {
        match self {
            Outcome::AttackerRepulsed => 20,
            Outcome::AttackerLoss => 10,
            Outcome::Exchange => 15,
            Outcome::DefenderRetreat | Outcome::DefenderLoss => 5,
            Outcome::DefenderRouted => 0,
        }
    }

    /// Percent of its strength the defender loses.
    pub fn defender_loss_percent(self) -> u32 {
        match self {
            Outcome::AttackerRepulsed => 5,
            Outcome::AttackerLoss => 5,
            Outcome::Exchange => 15,
            Outcome::DefenderRetreat => 10,
            Outcome::DefenderLoss => 25,
            Outcome::DefenderRouted => 50,
        }
    }

    /// Whether the defender must leave its hex.
    pub fn defender_retreats(self) -> bool {
        matches!(
            self,
            Outcome::DefenderRetreat | Outcome::DefenderLoss | Outcome::DefenderRouted
        )
    }

    /// Whether the attacker won.
    pub fn attacker_won(self) -> bool {
        self.defender_retreats()
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::AttackerRepulsed => "attacker repulsed",
            Outcome::AttackerLoss => "attacker loss",
            Outcome::Exchange => "exchange",
            Outcome::DefenderRetreat => "defender retreats",
            Outcome::DefenderLoss => "defender loss",
            Outcome::DefenderRouted => "defender routed",
        }
    }
}

/// The odds columns of the combat table: the lowest ratio (attack/defence, percent) of each.
const COLUMNS: [(u32, &str); 8] = [
    (0, "1:3"),
    (50, "1:2"),
    (100, "1:1"),
    (150, "3:2"),
    (200, "2:1"),
    (300, "3:1"),
    (400, "4:1"),
    (600, "6:1"),
];

use Outcome::{
    AttackerLoss as AL, AttackerRepulsed as AR, DefenderLoss as DL, DefenderRetreat as DR,
    DefenderRouted as DE, Exchange as EX,
};

/// Rows: odds column; entries: the result for die rolls 1..=6.
const TABLE: [[Outcome; 6]; 8] = [
    [AR, AR, AR, AL, AL, EX],
    [AR, AR, AL, AL, EX, DR],
    [AR, AL, AL, EX, DR, DR],
    [AL, AL, EX, DR, DR, DL],
    [AL, EX, DR, DR, DL, DL],
    [EX, DR, DR, DL, DL, DE],
    [DR, DR, DL, DL, DE, DE],
    [DR, DL, DL, DE, DE, DE],
];

/// Index of the odds column for a ratio in percent.
pub fn column(ratio_percent: u32) -> usize {
    COLUMNS
        .iter()
        .rposition(|(min, _)| ratio_percent >= *min)
        .unwrap_or(0)
}

/// The label of an odds column, e.g. "3:2".
pub fn column_label(column: usize) -> &'static str {
    COLUMNS[column.min(COLUMNS.len() - 1)].1
}

/// The result for a column and a die roll (1..=6; out-of-range rolls are clamped).
pub fn outcome(column: usize, roll: u8) -> Outcome {
    TABLE[column.min(TABLE.len() - 1)][usize::from(roll.clamp(1, 6) - 1)]
}

/// Attack power over defence power in percent; a defence of zero counts as one.
pub fn ratio_percent(attack: u64, defence: u64) -> u32 {
    (attack * 100 / defence.max(1)).min(u64::from(u32::MAX)) as u32
}

/// A loss of `percent` of `strength`, at least one point whenever `percent` is not zero.
pub fn loss(strength: u16, percent: u32) -> u16 {
    if percent == 0 || strength == 0 {
        return 0;
    }
    let l = (u32::from(strength) * percent).div_ceil(100);
    l.clamp(1, u32::from(strength)) as u16
}

/// One factor in a combat calculation, for the "why" panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modifier {
    /// What it is, e.g. "urban terrain".
    pub label: String,
    /// The multiplier in percent.
    pub percent: u32,
}

/// Everything the player needs to decide on an attack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// Total attack power in hundredths of a strength point (strength × every attacker modifier).
    pub attack: u64,
    /// Defence power in hundredths of a strength point (strength × every defender modifier).
    pub defence: u64,
    /// Attack over defence in percent.
    pub ratio_percent: u32,
    /// The odds column used.
    pub column: usize,
    /// Defender-side modifiers (terrain, river, morale, experience, kind).
    pub defence_modifiers: Vec<Modifier>,
    /// Chance of each outcome, in sixths, in [`Outcome::ALL`] order.
    pub chances: [u8; 6],
    /// Units of cooperating or allied factions next to the target that join the attack with
    /// half their power (counted in `attack`).
    pub joint: Vec<crate::sim::UnitId>,
    /// Lines of prepared defences at the target: while any stand, a win breaks one instead of
    /// driving the defender out.
    pub defences: u8,
}

impl Preview {
    /// Chance in sixths that the attacker wins: the defender is forced out, or, behind
    /// prepared defences, a line breaks.
    pub fn win_sixths(&self) -> u8 {
        Outcome::ALL
            .iter()
            .zip(self.chances)
            .filter(|(o, _)| o.attacker_won())
            .map(|(_, c)| c)
            .sum()
    }

    /// The odds label, e.g. "2:1".
    pub fn odds(&self) -> &'static str {
        column_label(self.column)
    }
}

/// Chance of each outcome in a column, in sixths.
pub fn chances(column: usize) -> [u8; 6] {
    let mut c = [0u8; 6];
    for roll in 1..=6 {
        let o = outcome(column, roll);
        let i = Outcome::ALL.iter().position(|x| *x == o).unwrap_or(0);
        c[i] += 1;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_pick_the_right_odds() {
        assert_eq!(column_label(column(0)), "1:3");
        assert_eq!(column_label(column(99)), "1:2");
        assert_eq!(column_label(column(100)), "1:1");
        assert_eq!(column_label(column(250)), "2:1");
        assert_eq!(column_label(column(10_000)), "6:1");
    }

    #[test]
    fn better_odds_never_hurt_the_attacker() {
        for col in 1..COLUMNS.len() {
            for roll in 1..=6 {
                assert!(outcome(col, roll) >= outcome(col - 1, roll));
            }
        }
        assert_eq!(chances(0).iter().sum::<u8>(), 6);
    }

    #[test]
    fn losses_round_up_and_never_exceed_strength() {
        assert_eq!(loss(20, 5), 1);
        assert_eq!(loss(3, 50), 2);
        assert_eq!(loss(1, 50), 1);
        assert_eq!(loss(7, 0), 0);
    }
}
