//! The one driver of a game: a game played through it, saved and restored, comes back with the
//! same turn-by-turn record and the same log; and every sentence it tells a player names
//! places, units and hexes in words, never by internal ids.

use std::path::PathBuf;
use std::sync::Arc;

use euphrates::level;
use euphrates::narrate;
use euphrates::save::Recorder;
use euphrates::session::Session;
use euphrates::sim::ai::{Controller, Difficulty, Players};
use euphrates::sim::{
    Command, FactionId, Game, PatronId, PlaceId, RuleError, Stance, Terrain, UnitId,
};
use hexx::Hex;

use crate::at;

fn tutorial() -> level::LoadedLevel {
    level::load_path(&at("levels/tutorial.ron")).unwrap()
}

/// A recorded, narrated all-AI session of the tutorial, played until `turn` begins.
fn played_until(turn: u16, seed: u64) -> Session {
    let level = tutorial();
    let game = Game::new(level.scenario.clone(), seed);
    let recorder = Recorder::new(
        &level.file.name,
        &PathBuf::from("levels/tutorial.ron"),
        &game,
        None,
        Difficulty::Normal,
    );
    let n = game.scenario().factions.len();
    let players = Players::with_controllers(n, &vec![Controller::Ai(Difficulty::Normal); n]);
    let mut session = Session::new(game, players).recorded(recorder).narrated();
    while session.game.turn() < turn && !session.game.is_over() {
        session
            .computer_step()
            .expect("the computer plays every side")
            .expect("the computer's commands are carried out");
    }
    session
}

#[test]
fn a_restored_game_has_the_record_and_log_of_the_game_that_was_saved() {
    let played = played_until(4, 7);
    let save = played.recorder.as_ref().unwrap().save(&played.game);
    let scenario = save
        .scenario_for(&tutorial(), &at("levels/tutorial.ron"))
        .unwrap();
    let (game, _) = save.restore(scenario).unwrap();
    assert_eq!(game.state_hash(), played.game.state_hash());
    let commands: Vec<Command> = save.commands.iter().map(|r| r.command.clone()).collect();
    let n = game.scenario().factions.len();
    let restored = Session::restored(
        game,
        Players::with_controllers(n, &[]),
        Recorder::resume(save),
        &commands,
        true,
    );
    assert_eq!(restored.commands(), played.commands());
    // The debrief's charts: every turn's statistics, as `simulate --json` writes them.
    let json = |s: &Session| serde_json::to_string(&s.chronicle.turns).unwrap();
    assert_eq!(json(&restored), json(&played));
    // The log is told again from the game's own record: what was told as it was played,
    // line for line and date for date, ends it.
    let told: Vec<(String, &str)> = played
        .log
        .iter()
        .map(|l| (l.date.to_string(), l.text.as_str()))
        .collect();
    let retold: Vec<(String, &str)> = restored
        .log
        .iter()
        .map(|l| (l.date.to_string(), l.text.as_str()))
        .collect();
    let k = told.len().min(retold.len());
    assert!(k > 20, "{} lines told, {} retold", told.len(), retold.len());
    assert_eq!(retold[retold.len() - k..], told[told.len() - k..]);
}

#[test]
fn the_computer_plays_a_session_to_the_end_and_a_person_is_waited_for() {
    let level = tutorial();
    let game = Game::new(level.scenario.clone(), 3);
    let me = game.active_faction();
    let n = game.scenario().factions.len();
    let mut session = Session::new(game, Players::against(n, me, Difficulty::Easy));
    // The person's turn: the computer does not move for them.
    assert!(!session.computer_to_move());
    assert!(session.computer_step().is_none());
    session.perform(&Command::EndTurn).unwrap();
    // The others play until the person's turn comes round again.
    session.play_out();
    assert_eq!(session.game.active_faction(), me);
    assert_eq!(session.game.turn(), 2);
}

/// Marks of internal names a player must never read.
fn ids_in(text: &str) -> Option<&'static str> {
    [
        "Hex {",
        "UnitId(",
        "FactionId(",
        "PlaceId(",
        "PatronId(",
        "{ x:",
        "Some(",
        "None",
    ]
    .into_iter()
    .find(|m| text.contains(m))
}

#[test]
fn every_refusal_names_things_in_words() {
    let level = level::load_path(&at(level::DEFAULT_LEVEL)).unwrap();
    let game = Game::new(level.scenario.clone(), 1);
    let hex = game.units().next().unwrap().hex;
    let unit = game.units().next().unwrap().id;
    let far = Hex::new(-3, 35);
    let f = FactionId(1);
    let refusals = [
        RuleError::GameOver,
        RuleError::NoSuchUnit(UnitId(9999)),
        RuleError::NotYourUnit { unit, owner: f },
        RuleError::EmptyPath,
        RuleError::PathTooLong { len: 99, max: 64 },
        RuleError::NotAdjacent { step: 0, hex: far },
        RuleError::OffMap { hex: far },
        RuleError::Impassable {
            hex,
            terrain: Terrain::Water,
        },
        RuleError::NoCrossing {
            river: "Euphrates".into(),
            from: hex,
            to: far,
        },
        RuleError::Occupied { hex, by: unit },
        RuleError::Deconflicted { hex, holder: f },
        RuleError::ZoneOfControl { hex },
        RuleError::NotEnoughMovement { needed: 9, left: 2 },
        RuleError::NoAttackers,
        RuleError::TooManyAttackers { count: 9, max: 6 },
        RuleError::DuplicateAttacker(unit),
        RuleError::AlreadyAttacked(unit),
        RuleError::NoDefender { hex: far },
        RuleError::NotAtWar { with: f },
        RuleError::NoSuchField(999),
        RuleError::NotYourField(0),
        RuleError::Undamaged(0),
        RuleError::AlreadyRepairing(0),
        RuleError::NotEnoughMoney {
            needed: 2000,
            have: 14_800,
        },
        RuleError::OutOfSupply(unit),
        RuleError::DeconflictionLine {
            name: "Euphrates deconfliction line".into(),
            partner: f,
            from: hex,
            to: far,
        },
        RuleError::NoStrikeZone {
            hex,
            name: "al-Tanf zone".into(),
        },
        RuleError::NoSuchPlace(PlaceId(999)),
        RuleError::NotYourPlace(PlaceId(0)),
        RuleError::NotATown("village"),
        RuleError::RecruitedThisTurn,
        RuleError::PlaceOccupied {
            place: PlaceId(0),
            by: unit,
        },
        RuleError::NotSupplied(far),
        RuleError::AlreadyActed(unit),
        RuleError::FullStrength(unit),
        RuleError::NoSupport(PatronId(0)),
        RuleError::NotOffered {
            patron: PatronId(0),
            request: "an air drop",
        },
        RuleError::NotEnoughSupport {
            request: "an air strike",
            needed: 3,
            have: 1,
        },
        RuleError::NoTarget(far),
        RuleError::NotCutOff(unit),
        RuleError::NoSuchFaction(FactionId(99)),
        RuleError::NoDiplomacy(f),
        RuleError::WrongStance {
            needed: "neutral",
            is: Stance::Hostile,
        },
        RuleError::TooTense {
            with: f,
            tension: 60,
            limit: 40,
        },
        RuleError::NoSuchAgreement(99),
        RuleError::NotParty(0),
        RuleError::AgreementState(0, "in force"),
        RuleError::CannotHandOver(far),
        RuleError::OutOfRange {
            unit,
            distance: 9,
            range: 3,
        },
        RuleError::NothingToAdvanceInto,
        RuleError::FuelStoreFull {
            points: 50,
            store: 10,
            cap: 40,
        },
        RuleError::NotAnAdvancer { unit, hex: far },
    ];
    for e in &refusals {
        let text = narrate::explain(&game, e);
        assert!(
            ids_in(&text).is_none() && !axial_pair(&text),
            "{e:?} reads \"{text}\", which shows {:?}",
            ids_in(&text)
        );
        assert!(
            text.ends_with('.') && text.starts_with(|c: char| c.is_uppercase()),
            "{e:?} reads \"{text}\": a sentence starts with a capital and ends with a stop"
        );
    }
    // A hex is named as the side panel names it, by column and row.
    let text = narrate::explain(&game, &RuleError::NotAdjacent { step: 0, hex: far });
    let [c, r] = game.scenario().map.offset_of(far);
    assert!(text.contains(&format!("column {c}, row {r}")), "{text}");
}

#[test]
fn the_log_of_whole_games_names_things_in_words() {
    let level = level::load_path(&at(level::DEFAULT_LEVEL)).unwrap();
    for seed in [1, 2] {
        let game = Game::new(Arc::new(level.scenario.clone()), seed);
        let n = game.scenario().factions.len();
        let mut session = Session::new(game, Players::with_controllers(n, &[])).narrated();
        while session.game.turn() <= 6 && !session.game.is_over() {
            session.computer_step().unwrap().unwrap();
            for line in session.log.drain(..) {
                assert!(
                    ids_in(&line.text).is_none() && !axial_pair(&line.text),
                    "seed {seed}: the log reads \"{}\"",
                    line.text
                );
            }
        }
    }
}

/// Whether a text shows a hex as an axial pair ("hex 24,26", "(24, -3)"), not by column and row.
fn axial_pair(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        let after_hex = text[..i].ends_with("hex ") || text[..i].ends_with('(');
        after_hex
            && (b[i].is_ascii_digit() || b[i] == b'-')
            && text[i..]
                .split_once(',')
                .is_some_and(|(n, _)| n.trim_start_matches('-').parse::<i32>().is_ok())
    })
}

#[test]
fn every_event_is_told_in_words() {
    use euphrates::sim::diplomacy::Reason;
    use euphrates::sim::{EndReason, Event, IncomeLine, IncomeSource, Outcome, Party, SupplyState};
    let level = level::load_path(&at(level::DEFAULT_LEVEL)).unwrap();
    let game = Game::new(level.scenario.clone(), 1);
    let s = game.scenario();
    let first = game.units().next().unwrap();
    let (unit, hex) = (first.id, first.hex);
    let far = Hex::new(-3, 35);
    let (f, g) = (FactionId(0), FactionId(1));
    let date = s.start;
    let mut events = vec![
        Event::UnitMoved {
            unit,
            from: hex,
            path: vec![far],
            cost: 2,
        },
        Event::Contact {
            unit,
            at: far,
            enemy: unit,
        },
        Event::ControlChanged {
            hex,
            from: Some(g),
            to: f,
        },
        Event::ControlChanged {
            hex: far,
            from: None,
            to: f,
        },
        Event::UnitDamaged {
            unit,
            loss: 2,
            morale_change: -5,
        },
        Event::UnitRetreated {
            unit,
            from: hex,
            to: far,
        },
        Event::UnitDestroyed { unit, hex: far },
        Event::TurnEnded { faction: f },
        Event::NewTurn { turn: 2, date },
        Event::SupplyTraced {
            faction: f,
            states: vec![(unit, SupplyState::Out)],
        },
        Event::Income {
            faction: f,
            lines: vec![IncomeLine {
                source: IncomeSource::Upkeep,
                amount: -300,
            }],
            total: -300,
        },
        Event::FieldDamaged { field: 0 },
        Event::FuelBought {
            faction: f,
            points: 3,
            cost: 1620,
        },
        Event::AdvanceOpen {
            hex: far,
            units: vec![unit],
        },
        Event::AgreementChanged {
            agreement: 0,
            active: false,
            by: f,
        },
        Event::AgreementChanged {
            agreement: 0,
            active: true,
            by: f,
        },
        Event::SupportGranted {
            support: 0,
            points: 2,
            percent: 50,
        },
        Event::SupportSpent {
            support: 0,
            points: 2,
        },
        Event::AirStrike {
            support: 0,
            target: far,
            roll: 3,
            unit: None,
        },
        Event::AirStrike {
            support: 0,
            target: hex,
            roll: 3,
            unit: Some(unit),
        },
        Event::OilStrike {
            patron: PatronId(0),
            field: 0,
            roll: 5,
            hit: true,
        },
        Event::AirDrop { support: 0, unit },
        Event::UnitRaised {
            unit: first.clone(),
            cost: 3000,
        },
        Event::UnitRaised {
            unit: first.clone(),
            cost: 0,
        },
        Event::UnitReinforced {
            unit,
            gain: 3,
            cost: 900,
        },
        Event::FuelIssued {
            faction: f,
            produced: 2,
            used: 3,
            short: vec![unit],
        },
        Event::Unpaid {
            faction: f,
            morale_change: -5,
        },
        Event::ObjectiveAchieved { objective: 0, date },
        Event::RepairStarted {
            field: 0,
            cost: 2000,
        },
        Event::FieldRepaired { field: 0 },
        Event::FactionTurnBegan { faction: f },
        Event::OilPriceChanged { price: 55 },
        Event::CiviliansDisplaced {
            place: PlaceId(0),
            by: f,
            people: 1200,
            cause: euphrates::sim::civilians::Cause::Attack,
        },
        Event::CiviliansDisplaced {
            place: PlaceId(0),
            by: f,
            people: 300,
            cause: euphrates::sim::civilians::Cause::AirStrike,
        },
        Event::CiviliansDisplaced {
            place: PlaceId(0),
            by: f,
            people: 90,
            cause: euphrates::sim::civilians::Cause::Siege,
        },
        Event::Fortified {
            place: PlaceId(0),
            faction: f,
            lines: 2,
            cost: 1500,
        },
        Event::GameEnded {
            scores: vec![10; s.factions.len()],
            reason: EndReason::LastTurn,
        },
        Event::GameEnded {
            scores: vec![10; s.factions.len()],
            reason: EndReason::Decisive(f),
        },
    ];
    for outcome in Outcome::ALL {
        events.push(Event::AttackResolved {
            attackers: vec![unit],
            defender: unit,
            target: far,
            ratio_percent: 150,
            roll: 4,
            outcome,
        });
    }
    events.push(Event::CoordinationProposed {
        from: f,
        to: FactionId(1),
    });
    for accepted in [true, false] {
        events.push(Event::ProposalAnswered {
            from: f,
            to: FactionId(1),
            accepted,
        });
    }
    if let Some(u) = game.units().next() {
        events.push(Event::CellsFound {
            faction: f,
            cells: vec![(u.id, u.hex)],
        });
    }
    for left in 0..3 {
        events.push(Event::DefencesBreached {
            place: PlaceId(0),
            by: f,
            left,
        });
    }
    for reason in [
        Reason::Attack,
        Reason::AirStrike,
        Reason::Capture,
        Reason::OilSeized(0),
        Reason::Breach(0),
        Reason::Agreed(0),
        Reason::Coordination,
        Reason::EndCoordination,
        Reason::HandOver,
        Reason::JointOperation,
        Reason::Breakdown,
        Reason::History,
    ] {
        for change in [15, 0, -10] {
            events.push(Event::RelationChanged {
                a: Party::Faction(f),
                b: Party::Patron(PatronId(0)),
                stance: Stance::Rival,
                tension_change: change,
                reason,
            });
        }
    }
    // Every kind of event is here: a new one fails to compile until it is added above.
    let kinds = |e: &Event| match e {
        Event::UnitMoved { .. }
        | Event::Contact { .. }
        | Event::ControlChanged { .. }
        | Event::AttackResolved { .. }
        | Event::UnitDamaged { .. }
        | Event::UnitRetreated { .. }
        | Event::UnitDestroyed { .. }
        | Event::TurnEnded { .. }
        | Event::NewTurn { .. }
        | Event::SupplyTraced { .. }
        | Event::Income { .. }
        | Event::FieldDamaged { .. }
        | Event::RelationChanged { .. }
        | Event::AgreementChanged { .. }
        | Event::SupportGranted { .. }
        | Event::SupportSpent { .. }
        | Event::AirStrike { .. }
        | Event::OilStrike { .. }
        | Event::AirDrop { .. }
        | Event::UnitRaised { .. }
        | Event::UnitReinforced { .. }
        | Event::FuelIssued { .. }
        | Event::Unpaid { .. }
        | Event::ObjectiveAchieved { .. }
        | Event::RepairStarted { .. }
        | Event::FieldRepaired { .. }
        | Event::FactionTurnBegan { .. }
        | Event::OilPriceChanged { .. }
        | Event::CiviliansDisplaced { .. }
        | Event::GameEnded { .. }
        | Event::AdvanceOpen { .. }
        | Event::FuelBought { .. }
        | Event::DefencesBreached { .. }
        | Event::Fortified { .. }
        | Event::CoordinationProposed { .. }
        | Event::ProposalAnswered { .. }
        | Event::CellsFound { .. } => std::mem::discriminant(e),
    };
    let distinct: std::collections::HashSet<_> = events.iter().map(kinds).collect();
    assert_eq!(distinct.len(), 37, "one of each kind of event");
    let name = |id: UnitId| game.unit(id).map_or("a unit".into(), |u| u.name.clone());
    for e in &events {
        let Some(text) = narrate::describe(e, s, &name) else {
            continue;
        };
        assert!(
            ids_in(&text).is_none() && !axial_pair(&text),
            "{e:?} is told as \"{text}\""
        );
    }
    assert!(axial_pair("fell back to hex 24,26"));
    assert!(!axial_pair("fell back to column 37, row 26"));
}

/// A person's session of a level as `faction`, recorded and narrated, the computer playing
/// the sides before it until the person is to move.
fn person_playing(level: &level::LoadedLevel, faction: &str, seed: u64) -> Session {
    let game = Game::new(level.scenario.clone(), seed);
    let me = game.scenario().faction_by_key(faction).unwrap();
    let recorder = Recorder::new(
        &level.file.name,
        &PathBuf::from("levels/x.ron"),
        &game,
        Some(me),
        Difficulty::Normal,
    );
    let n = game.scenario().factions.len();
    let players = Players::against(n, me, Difficulty::Normal);
    let mut session = Session::new(game, players).recorded(recorder).narrated();
    session.play_out();
    assert_eq!(session.game.active_faction(), me);
    session
}

#[test]
fn a_move_that_showed_nothing_new_is_taken_back_exactly() {
    let level = tutorial();
    let mut session = person_playing(&level, "crown", 3);
    let me = session.game.active_faction();
    let hash = session.game.state_hash();
    let (records, lines) = (session.recorder.as_ref().unwrap().len(), session.log.len());
    assert_eq!(
        session.can_undo(),
        Err(euphrates::sim::NoUndo::Nothing),
        "nothing to take back yet"
    );
    // Two moves, taken back one after the other.
    let mut moved = Vec::new();
    for u in session
        .game
        .units()
        .filter(|u| u.owner == me)
        .map(|u| u.id)
        .collect::<Vec<_>>()
    {
        let Some((x, y)) = session
            .game
            .reachable(u)
            .keys()
            .copied()
            .find(|&(x, y)| session.game.unit_at(Hex::new(x, y)).is_none())
        else {
            continue;
        };
        let path = session.game.path_to(u, Hex::new(x, y)).unwrap();
        let before = session.game.state_hash();
        session.perform(&Command::Move { unit: u, path }).unwrap();
        moved.push(before);
        if moved.len() == 2 {
            break;
        }
    }
    assert_eq!(moved.len(), 2);
    assert_eq!(session.can_undo(), Ok(()));
    session.undo().unwrap();
    assert_eq!(session.game.state_hash(), moved[1]);
    session.undo().unwrap();
    assert_eq!(
        session.game.state_hash(),
        hash,
        "the state is exactly as before"
    );
    assert_eq!(
        session.recorder.as_ref().unwrap().len(),
        records,
        "nothing of it is saved"
    );
    assert_eq!(session.log.len(), lines);
    assert_eq!(session.undo(), Err(euphrates::sim::NoUndo::Nothing));
    // An end of turn cannot be taken back, nor anything before it.
    session.perform(&Command::EndTurn).unwrap();
    session.play_out();
    assert!(session.can_undo().is_err());
}

#[test]
fn a_move_that_shows_an_enemy_or_an_attack_cannot_be_taken_back() {
    // Under the fog of war: some move of the SDF's on the first turn shows it an enemy unit it
    // did not see; that move is refused for undo, and the reason says so.
    let level = level::load_path(&at(level::DEFAULT_LEVEL)).unwrap();
    let session = person_playing(&level, "sdf", 1);
    let me = session.game.active_faction();
    let mut revealing = None;
    'search: for u in session.game.units().filter(|u| u.owner == me) {
        for &(x, y) in session.game.view(me).reachable(u.id).keys() {
            let Some(path) = session.game.view(me).path_to(u.id, Hex::new(x, y)) else {
                continue;
            };
            let command = Command::Move { unit: u.id, path };
            let mut g = session.game.clone();
            let Ok(events) = g.perform(&command) else {
                continue;
            };
            if g.undoable(&session.game, &command, &events) == Err(euphrates::sim::NoUndo::Revealed)
            {
                revealing = Some(command);
                break 'search;
            }
        }
    }
    let command = revealing.expect("a move that shows an enemy");
    let mut session = session;
    session.perform(&command).unwrap();
    let why = session.can_undo().unwrap_err();
    assert_eq!(why, euphrates::sim::NoUndo::Revealed);
    assert!(why.reason().contains("enemy you had not seen"));
    // An attack rolls dice: never taken back. The crown's orders are the computer's until it
    // attacks.
    let tutorial = tutorial();
    let mut session = person_playing(&tutorial, "crown", 3);
    let me = session.game.active_faction();
    let mut orders = euphrates::sim::ai::AiPlayer::new(Difficulty::Normal);
    let mut attacked = false;
    for _ in 0..2_000 {
        if session.game.is_over() {
            break;
        }
        if session.game.active_faction() != me {
            session.play_out();
            continue;
        }
        let c = orders.choose(&session.game);
        let attack = matches!(c, Command::Attack { .. });
        session.perform(&c).unwrap();
        if attack {
            assert_eq!(session.can_undo(), Err(euphrates::sim::NoUndo::NotAMove));
            attacked = true;
            break;
        }
    }
    assert!(attacked, "the crown attacked in the game");
}
