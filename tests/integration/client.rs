//! The client's input without a window: clicks and keys on the map become the right
//! commands, through the same rules as everything else.

use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use euphrates::app::input::{self, Click};
use euphrates::app::orders;
use euphrates::app::saves::{Autosave, SaveDir};
use euphrates::app::session::Session;
use euphrates::app::settings::{AnimationSpeed, Settings};
use euphrates::app::state::AppState;
use euphrates::app::ui_state::{HoveredHex, Selection};
use euphrates::level;
use euphrates::sim::ai::Difficulty;
use euphrates::sim::{Command, FactionId, Game};
use hexx::Hex;

use crate::at;

fn tutorial() -> (level::LoadedLevel, FactionId) {
    let loaded = level::load_path(&at("levels/tutorial.ron")).expect("the tutorial loads");
    let crown = loaded.scenario.faction_by_key("crown").expect("crown");
    (loaded, crown)
}

/// The player's first unit that can move, and a hex it can reach that is at least two steps
/// away.
fn unit_and_far_hex(game: &Game, player: FactionId) -> (euphrates::sim::UnitId, Hex) {
    for u in game.units().filter(|u| u.owner == player) {
        if let Some((&(x, y), _)) = game
            .reachable(u.id)
            .iter()
            .find(|((x, y), _)| u.hex.unsigned_distance_to(Hex::new(*x, *y)) >= 2)
        {
            return (u.id, Hex::new(x, y));
        }
    }
    panic!("no unit of the player can move two hexes");
}

#[test]
fn a_click_selects_moves_and_explains_refusals() {
    let (loaded, me) = tutorial();
    let game = Game::new(loaded.scenario.clone(), 1);
    assert_eq!(
        game.active_faction(),
        me,
        "the crown moves first in the tutorial"
    );
    let (unit, far) = unit_and_far_hex(&game, me);
    let here = game.unit(unit).unwrap().hex;

    // Own unit: select; again: let go.
    assert_eq!(input::click(&game, me, None, here), Click::Select(unit));
    assert_eq!(input::click(&game, me, Some(unit), here), Click::Deselect);

    // A reachable hex: a move along the path the rules offer, ending there.
    match input::click(&game, me, Some(unit), far) {
        Click::Order(Command::Move { unit: u, path }) => {
            assert_eq!(u, unit);
            assert_eq!(path.last(), Some(&far));
            assert!(game.check(&Command::Move { unit, path }).is_ok());
        }
        other => panic!("expected a move, got {other:?}"),
    }

    // A hex far out of reach: refused with the reason, nothing else.
    let map = &game.scenario().map;
    let distant = map
        .hexes()
        .filter(|h| map.terrain(*h).is_some_and(|t| t.passable()) && game.unit_at(*h).is_none())
        .max_by_key(|h| h.unsigned_distance_to(here))
        .unwrap();
    match input::click(&game, me, Some(unit), distant) {
        Click::Refused(why) => assert!(why.contains("cannot get there"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }

    // Nothing selected and an empty hex: nothing happens.
    assert_eq!(input::click(&game, me, None, distant), Click::Nothing);
}

#[test]
fn a_click_on_an_enemy_in_reach_asks_to_confirm_an_attack_with_its_odds() {
    let (loaded, me) = tutorial();
    let mut game = Game::new(loaded.scenario.clone(), 1);
    // Walk the player's units toward an enemy until one stands next to it, by the rules.
    let mut found = None;
    'search: for _ in 0..6 {
        for u in game
            .units()
            .filter(|u| u.owner == me)
            .map(|u| u.id)
            .collect::<Vec<_>>()
        {
            for e in game.units().filter(|e| game.stance(me, e.owner).fights()) {
                if game.preview_attack(&[u], e.hex).is_ok() {
                    found = Some((u, e.hex));
                    break 'search;
                }
            }
        }
        // Not yet: let the computer play a round for everyone and look again.
        let mut ai = euphrates::sim::ai::AiPlayer::new(Difficulty::Normal);
        let turn = game.turn();
        let round_done = |g: &Game| g.is_over() || (g.active_faction() == me && g.turn() > turn);
        while !round_done(&game) {
            let c = ai.choose(&game);
            game.perform(&c).unwrap();
        }
    }
    let (unit, target) = found.expect("a unit of the crown came within reach of an enemy");
    match input::click(&game, me, Some(unit), target) {
        Click::ConfirmAttack { command, preview } => {
            let Command::Attack {
                attackers,
                target: t,
            } = &command
            else {
                panic!("not an attack: {command:?}");
            };
            assert_eq!(*t, target);
            assert_eq!(attackers[0], unit, "the selected unit leads the attack");
            assert_eq!(
                *preview,
                game.preview_attack(attackers, target).unwrap(),
                "the odds shown are the rules' own"
            );
            assert!(game.check(&command).is_ok());
        }
        other => panic!("expected an attack to confirm, got {other:?}"),
    }
}

/// A Bevy app with the client's input systems and no window.
fn headless(session: Session) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, bevy::state::app::StatesPlugin))
        .init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<ButtonInput<MouseButton>>()
        .init_resource::<AccumulatedMouseMotion>()
        .init_resource::<HoveredHex>()
        .add_message::<bevy::window::RequestRedraw>()
        .insert_resource(Settings {
            animation: AnimationSpeed::Off,
            warn_idle: false,
            ..Settings::default()
        })
        .insert_resource(session)
        .insert_state(AppState::InGame)
        .add_plugins(orders::plugin);
    app.update();
    app
}

fn press_key(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
}

fn click_at(app: &mut App, hex: Hex) {
    app.world_mut().resource_mut::<HoveredHex>().0 = Some(hex);
    app.world_mut()
        .resource_mut::<ButtonInput<MouseButton>>()
        .press(MouseButton::Left);
    app.update();
    {
        let mut b = app.world_mut().resource_mut::<ButtonInput<MouseButton>>();
        b.clear();
        b.release(MouseButton::Left);
    }
    app.update();
    app.world_mut()
        .resource_mut::<ButtonInput<MouseButton>>()
        .clear();
}

#[test]
fn clicks_and_keys_in_the_client_give_orders_and_the_computer_answers() {
    let (loaded, me) = tutorial();
    let session = Session::new(loaded, at("levels/tutorial.ron"), me, 1, Difficulty::Normal);
    let (unit, far) = unit_and_far_hex(&session.game, me);
    let here = session.game.unit(unit).unwrap().hex;
    let mut app = headless(session);
    let saves = tempfile::tempdir().unwrap();
    app.insert_resource(SaveDir(saves.path().to_path_buf()))
        .init_resource::<Autosave>()
        .add_systems(Update, euphrates::app::saves::autosave);

    click_at(&mut app, here);
    assert_eq!(app.world().resource::<Selection>().unit, Some(unit));
    click_at(&mut app, far);
    let session = app.world().resource::<Session>();
    assert_eq!(
        session.game.unit(unit).unwrap().hex,
        far,
        "the click moved the unit"
    );

    // Tab picks a unit that can still act.
    press_key(&mut app, KeyCode::Tab);
    assert!(app.world().resource::<Selection>().unit.is_some());

    // E ends the turn; the computer plays every other side and it is the player's turn again.
    let turn = app.world().resource::<Session>().game.turn();
    press_key(&mut app, KeyCode::KeyE);
    for _ in 0..50 {
        if !app.world().resource::<Session>().ai_to_move() {
            break;
        }
        app.update();
    }
    let session = app.world().resource::<Session>();
    assert_eq!(session.game.active_faction(), me);
    assert_eq!(session.game.turn(), turn + 1, "a new turn began");
    assert!(
        session
            .log
            .iter()
            .any(|l| l.text.starts_with("Turn 2 begins")),
        "the log tells of the new turn"
    );

    // The new turn was saved by itself before any order, and loads to the same game.
    app.update();
    let session = app.world().resource::<Session>();
    let auto = euphrates::save::read(&saves.path().join("autosave-1.sav")).unwrap();
    assert_eq!((auto.at.turn, auto.player.as_deref()), (2, Some("crown")));
    let (path, level, scenario) = euphrates::save::find_level(&auto, None, &[]).unwrap();
    let loaded = Session::from_save(auto, level, path, scenario).unwrap();
    assert_eq!(loaded.game.state_hash(), session.game.state_hash());
    assert!(
        loaded
            .log
            .iter()
            .any(|l| l.text.starts_with("Turn 2 begins")),
        "a loaded game shows what happened since its snapshot"
    );

    // Escape first lets go of the selection, then opens the menu, then closes it.
    press_key(&mut app, KeyCode::Tab);
    assert!(app.world().resource::<Selection>().unit.is_some());
    press_key(&mut app, KeyCode::Escape);
    assert!(app.world().resource::<Selection>().unit.is_none());
    assert!(
        !app.world()
            .resource::<euphrates::app::ui_state::InGameMenu>()
            .0
    );
    press_key(&mut app, KeyCode::Escape);
    assert!(
        app.world()
            .resource::<euphrates::app::ui_state::InGameMenu>()
            .0
    );
    press_key(&mut app, KeyCode::Escape);
    assert!(
        !app.world()
            .resource::<euphrates::app::ui_state::InGameMenu>()
            .0
    );
}

/// An app whose level folder is that of `in_folder`, on the main menu (the tutorial behind it)
/// with a new game of `chosen` set up, as the game is when the player presses Start.
fn menu_with(in_folder: &str, chosen: &str, faction: &str) -> App {
    let (start, _) = tutorial();
    let mut app = App::new();
    euphrates::app::level_asset::register_source(&mut app, &at(in_folder));
    app.add_plugins((
        MinimalPlugins,
        bevy::asset::AssetPlugin {
            watch_for_changes_override: Some(false),
            ..Default::default()
        },
        bevy::state::app::StatesPlugin,
    ))
    .add_plugins((
        euphrates::app::level_asset::plugin,
        euphrates::app::screens::loading,
    ))
    .init_resource::<euphrates::app::state::MapRevision>()
    .init_resource::<Selection>()
    .insert_resource(euphrates::app::screens::NewGame {
        levels: Vec::new(),
        level: at(chosen),
        faction: faction.into(),
        difficulty: Difficulty::Normal,
        seed: 5,
        error: None,
        factions: None,
        notes: Default::default(),
        level_fog: false,
        hotseat: None,
    })
    .init_resource::<euphrates::app::state::FogChoice>()
    .insert_resource(Session::new(
        start,
        at("levels/tutorial.ron"),
        FactionId(0),
        1,
        Difficulty::Normal,
    ))
    .insert_state(AppState::MainMenu);
    app.update();
    app
}

/// Presses Start and lets frames pass until the game leaves the Loading screen.
fn start_game(app: &mut App) -> AppState {
    app.world_mut()
        .resource_mut::<NextState<AppState>>()
        .set(AppState::Loading);
    for _ in 0..500 {
        app.update();
        let state = *app.world().resource::<State<AppState>>().get();
        if state != AppState::Loading {
            return state;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    AppState::Loading
}

#[test]
fn start_waits_for_the_chosen_level_and_opens_the_game_on_it() {
    let mut app = menu_with(level::DEFAULT_LEVEL, level::DEFAULT_LEVEL, "iraq");
    assert_eq!(start_game(&mut app), AppState::InGame);
    let session = app.world().resource::<Session>();
    assert_eq!(session.game.scenario().id, "euphrates_2017");
    assert_eq!(
        session.game.scenario().faction(session.player).unwrap().key,
        "iraq"
    );
    assert_eq!(session.seed, 5);
}

#[test]
fn a_broken_level_sends_the_player_back_to_the_menu_with_its_problems() {
    let mut app = menu_with(
        "tests/data/bad_levels/bad_color.ron",
        "tests/data/bad_levels/duplicate_id.ron",
        "blue",
    );
    assert_eq!(start_game(&mut app), AppState::MainMenu);
    let form = app.world().resource::<euphrates::app::screens::NewGame>();
    let error = form.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("duplicate_id.ron:") && error.contains("duplicate id"),
        "the menu shows what `check` prints: {error}"
    );
    // The game that was there is untouched.
    let session = app.world().resource::<Session>();
    assert_eq!(session.game.scenario().id, "tutorial");
}

#[test]
fn settings_are_kept_between_runs_and_a_damaged_file_gives_the_defaults() {
    use euphrates::app::settings::{Palette, SettingsFile};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    let run = |path: &std::path::Path| {
        let (kept, problem) = Settings::load(path);
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .add_plugins(euphrates::app::settings::plugin)
            .insert_resource(kept)
            .insert_resource(SettingsFile {
                path: Some(path.to_path_buf()),
                problem,
            });
        app.update();
        app
    };

    // First run: no file yet, the defaults; the player changes three settings and quits.
    let mut app = run(&path);
    assert_eq!(*app.world().resource::<Settings>(), Settings::default());
    assert!(!path.exists(), "nothing is written until something changes");
    {
        let mut s = app.world_mut().resource_mut::<Settings>();
        s.ui_scale = 1.5;
        s.palette = Palette::ColourBlindSafe;
        s.animation = AnimationSpeed::Slow;
    }
    app.update();
    drop(app);

    // Next run: the same settings.
    let app = run(&path);
    let s = app.world().resource::<Settings>();
    assert_eq!(
        (s.ui_scale, s.palette, s.animation),
        (1.5, Palette::ColourBlindSafe, AnimationSpeed::Slow)
    );
    assert!(app.world().resource::<SettingsFile>().problem.is_none());
    drop(app);

    // A hand-edited scale between steps takes the nearest step.
    std::fs::write(&path, "(ui_scale: 1.3)").unwrap();
    assert_eq!(Settings::load(&path).0.ui_scale, 1.25);

    // A damaged file: the defaults, and the reason with the file's name and line, for the
    // settings window; the next change replaces the file.
    std::fs::write(&path, "(ui_scale: 1.5,\n palette: Purple)").unwrap();
    let mut app = run(&path);
    assert_eq!(*app.world().resource::<Settings>(), Settings::default());
    let problem = app
        .world()
        .resource::<SettingsFile>()
        .problem
        .clone()
        .unwrap();
    assert!(problem.contains("settings.ron:2:"), "{problem}");
    app.world_mut().resource_mut::<Settings>().ui_scale = 0.75;
    app.update();
    assert_eq!(
        Settings::load(&path),
        (
            Settings {
                ui_scale: 0.75,
                ..Settings::default()
            },
            None
        )
    );
}

/// The headless game with the windows over it (menu, briefing, settings…) as the client has
/// them.
fn with_windows(session: Session) -> App {
    use euphrates::app::{debrief, saves, screens, teaching, ui_state};
    let mut app = headless(session);
    app.init_resource::<saves::SaveWindows>()
        .insert_resource(saves::SaveDir(std::env::temp_dir()))
        .init_resource::<teaching::BriefingOpen>()
        .init_resource::<teaching::Encyclopedia>()
        .init_resource::<teaching::History>()
        .init_resource::<debrief::Debrief>()
        .init_resource::<ui_state::HelpOpen>()
        .add_plugins(screens::windows);
    app.update();
    app
}

#[test]
fn an_open_window_holds_the_keys_and_esc_closes_the_window_on_top() {
    use euphrates::app::teaching::BriefingOpen;
    use euphrates::app::ui_state::InGameMenu;
    let (loaded, me) = tutorial();
    let session = Session::new(loaded, at("levels/tutorial.ron"), me, 1, Difficulty::Normal);
    let mut app = with_windows(session);
    let turn = app.world().resource::<Session>().game.turn();

    // The opening briefing is up: E, Tab and a click on the map wait; Esc closes the briefing
    // and does not open the menu behind it.
    app.world_mut().resource_mut::<BriefingOpen>().0 = true;
    app.update();
    press_key(&mut app, KeyCode::KeyE);
    press_key(&mut app, KeyCode::Tab);
    assert_eq!(app.world().resource::<Session>().game.turn(), turn);
    assert_eq!(app.world().resource::<Selection>().unit, None);
    // An event's window opened over it closes first.
    app.world_mut()
        .resource_mut::<euphrates::app::teaching::History>()
        .open = Some("crossing_opened".into());
    press_key(&mut app, KeyCode::Escape);
    app.update();
    assert_eq!(
        app.world()
            .resource::<euphrates::app::teaching::History>()
            .open,
        None
    );
    assert!(app.world().resource::<BriefingOpen>().0);
    press_key(&mut app, KeyCode::Escape);
    app.update();
    assert!(!app.world().resource::<BriefingOpen>().0);
    assert!(!app.world().resource::<InGameMenu>().0);

    // The menu: E does not end the turn behind it; Esc closes it.
    press_key(&mut app, KeyCode::Escape);
    assert!(app.world().resource::<InGameMenu>().0);
    app.update();
    press_key(&mut app, KeyCode::KeyE);
    assert_eq!(app.world().resource::<Session>().game.turn(), turn);
    assert!(app.world().resource::<Session>().game.active_faction() == me);
    press_key(&mut app, KeyCode::Escape);
    app.update();
    assert!(!app.world().resource::<InGameMenu>().0);

    // With nothing open, the keys are the map's again.
    press_key(&mut app, KeyCode::Tab);
    assert!(app.world().resource::<Selection>().unit.is_some());
}

#[test]
fn tab_and_shift_tab_go_round_the_units_that_can_act() {
    let (loaded, me) = tutorial();
    let session = Session::new(loaded, at("levels/tutorial.ron"), me, 1, Difficulty::Normal);
    let mut ready: Vec<_> = session
        .game
        .units()
        .filter(|u| u.owner == me)
        .map(|u| u.id)
        .collect();
    ready.sort();
    assert!(ready.len() >= 2);
    let mut app = headless(session);
    let selected = |app: &App| app.world().resource::<Selection>().unit;
    for expected in ready.iter().chain(ready.first()) {
        press_key(&mut app, KeyCode::Tab);
        assert_eq!(
            selected(&app),
            Some(*expected),
            "every press of Tab moves on"
        );
    }
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(KeyCode::ShiftLeft);
    press_key(&mut app, KeyCode::Tab);
    assert_eq!(selected(&app), ready.last().copied(), "Shift+Tab goes back");
}

#[test]
fn the_pointer_is_the_maps_only_inside_the_area_the_panels_leave_free() {
    use euphrates::app::ui_state::{MapArea, on_map};
    let free = MapArea(Some(Rect::new(300.0, 34.0, 1280.0, 670.0)));
    assert!(on_map(&free, Vec2::new(640.0, 400.0)));
    // The side panel, the top bar and the event log.
    for p in [(150.0, 400.0), (640.0, 10.0), (640.0, 760.0)] {
        assert!(!on_map(&free, Vec2::new(p.0, p.1)), "{p:?} is a panel");
    }
    // On the main menu there are no panels.
    assert!(on_map(&MapArea(None), Vec2::new(150.0, 400.0)));
}

#[test]
fn a_hotseat_game_hands_over_saves_each_players_turn_and_loads_as_one() {
    use bevy::ecs::system::RunSystemOnce;
    let path = at("levels/tutorial.ron");
    let loaded = level::load_path(&path).unwrap();
    let crown = loaded.scenario.faction_by_key("crown").unwrap();
    let alliance = loaded.scenario.faction_by_key("alliance").unwrap();
    let session = Session::hotseat(loaded, path, &[crown, alliance], 4, Difficulty::Normal);
    assert!(session.is_hotseat());
    assert_eq!(
        session.hand_over_due(),
        Some(crown),
        "the first player sits down"
    );
    let saves = tempfile::tempdir().unwrap();
    let mut app = App::new();
    app.insert_resource(session)
        .insert_resource(SaveDir(saves.path().to_path_buf()))
        .init_resource::<Autosave>();
    let world = app.world_mut();
    world
        .run_system_once(euphrates::app::saves::autosave)
        .unwrap();
    let mut session = world.resource_mut::<Session>();
    assert_eq!(session.hand_over(), Some(crown));
    assert_eq!(session.hand_over_due(), None);
    // The crown ends its turn: the alliance's player must be handed the machine.
    session.perform(&Command::EndTurn).unwrap();
    assert_eq!(session.game.active_faction(), alliance);
    assert_eq!(session.hand_over_due(), Some(alliance));
    assert_eq!(
        session.player, crown,
        "the screen still shows the crown's side"
    );
    world
        .run_system_once(euphrates::app::saves::autosave)
        .unwrap();
    // One autosave at each player's turn start.
    let names: Vec<String> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // The save loads as a hotseat game, the map hidden until the side to move is ready.
    let save = world.resource::<Session>().save();
    assert_eq!(
        save.hotseat,
        vec!["crown".to_owned(), "alliance".to_owned()]
    );
    let (path, level, scenario) = euphrates::save::find_level(&save, None, &[]).unwrap();
    let mut loaded = Session::from_save(save, level, path, scenario).unwrap();
    assert_eq!(loaded.humans, vec![crown, alliance]);
    assert_eq!(loaded.hand_over_due(), Some(alliance));
    assert_eq!(loaded.hand_over(), Some(alliance));
    assert_eq!(loaded.player, alliance, "the screen shows the side to move");
}

#[test]
fn a_teachers_classroom_settings_fix_fog_turns_difficulty_and_the_calendar() {
    use euphrates::app::locks::Locks;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("classroom.ron");
    // No file locks nothing.
    assert!(!Locks::load(&file).any());
    std::fs::write(
        &file,
        "(fog: Some(false), difficulty: Some(Easy), turns: Some(6), calendar: Some(false), note: \"Class 9b\")",
    )
    .unwrap();
    let locks = Locks::load(&file);
    assert_eq!(locks.problem, None);
    assert_eq!(
        locks.summary(),
        "fog of war off, opponents easy, 6 turns, what really happened kept for the debrief"
    );
    let path = at(level::DEFAULT_LEVEL);
    let mut loaded = level::load_path(&path).unwrap();
    assert!(loaded.scenario.fog);
    locks.apply(&mut loaded);
    assert!(!loaded.scenario.fog);
    assert_eq!(loaded.scenario.turns, 6);
    assert_eq!(locks.difficulty_or(Difficulty::Hard), Difficulty::Easy);
    let sdf = loaded.scenario.faction_by_key("sdf").unwrap();
    let mut session = Session::new(loaded, path, sdf, 1, Difficulty::Easy).under(Some(&locks));
    assert!(
        !session.calendar_shown(),
        "the calendar waits for the debrief"
    );
    while !session.game.is_over() {
        session.perform(&Command::EndTurn).unwrap();
    }
    assert!(
        session.calendar_shown(),
        "the debrief shows what really happened"
    );
    // A broken file locks nothing and says where it is broken.
    std::fs::write(&file, "(fog: Some(maybe))").unwrap();
    let broken = Locks::load(&file);
    assert!(!broken.any());
    let problem = broken.problem.unwrap();
    assert!(problem.contains("classroom.ron:1:"), "{problem}");
    std::fs::write(&file, "(turns: Some(0))").unwrap();
    assert!(
        Locks::load(&file)
            .problem
            .unwrap()
            .contains("turns must be 1..=500")
    );
}
