//! The default scenario's geography, checked against coordinates and facts kept here,
//! independently of the level file: a wrong projection, a river on the wrong side of a town,
//! or a misplaced border makes these fail.

use std::collections::VecDeque;

use euphrates::level::{self, LoadedLevel};
use euphrates::sim::{Game, Stance};
use hexx::Hex;

use crate::at;

fn level() -> LoadedLevel {
    level::load_path(&at("levels/euphrates_2017.ron")).unwrap_or_else(|d| {
        panic!(
            "{}",
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn place_hex(l: &LoadedLevel, id: &str) -> Hex {
    l.scenario
        .places
        .iter()
        .find(|p| p.key == id)
        .unwrap_or_else(|| panic!("no place `{id}`"))
        .hex
}

fn lat_lon(l: &LoadedLevel, hex: Hex) -> (f64, f64) {
    let p = l.projection.expect("the default level is geographic");
    p.lat_lon(l.scenario.map.layout().hex_to_world_pos(hex))
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let dy = (a.0 - b.0) * 110.574;
    let dx = (a.1 - b.1) * 111.320 * ((a.0 + b.0) / 2.0).to_radians().cos();
    dx.hypot(dy)
}

/// Hexes reachable from `from` in at most `steps` steps over land, never crossing a river
/// edge (bridges or not): which bank of the river a hex is on.
fn same_bank_within(l: &LoadedLevel, from: Hex, to: Hex, steps: u32) -> bool {
    let map = &l.scenario.map;
    let mut seen = vec![false; map.len()];
    let mut queue = VecDeque::from([(from, 0)]);
    seen[map.index(from).unwrap()] = true;
    while let Some((h, d)) = queue.pop_front() {
        if h == to {
            return true;
        }
        if d == steps {
            continue;
        }
        for n in map.neighbors(h) {
            let i = map.index(n).unwrap();
            let land = map.terrain(n).is_some_and(|t| t.passable());
            if !seen[i] && land && map.river_between(h, n).is_none() {
                seen[i] = true;
                queue.push_back((n, d + 1));
            }
        }
    }
    false
}

#[test]
fn the_map_covers_the_corridor() {
    let l = level();
    let map = &l.scenario.map;
    let (w, h) = (map.width() as i32, map.height() as i32);
    let nw = lat_lon(&l, map.hex_at(0, 0));
    let se = lat_lon(&l, map.hex_at(w - 1, h - 1));
    assert!(nw.0 >= 36.2 && nw.1 <= 38.2, "north-west corner {nw:?}");
    assert!(se.0 <= 33.3 && se.1 >= 42.6, "south-east corner {se:?}");
    // Hexes of 5 to 8 km.
    let a = lat_lon(&l, map.hex_at(10, 10));
    let b = lat_lon(&l, map.hex_at(11, 10));
    assert!((5.0..=8.0).contains(&km(a, b)), "{} km", km(a, b));
}

#[test]
fn places_sit_within_a_hex_of_their_real_coordinates() {
    let l = level();
    // Coordinates from the scenario notes (sourced there), kept here independently.
    let known = [
        ("raqqa", 35.95, 39.02),
        ("tabqa", 35.84, 38.55),
        ("maadan", 35.75, 39.61),
        ("deir_ez_zor", 35.33, 40.15),
        ("dez_airbase", 35.285, 40.176),
        ("mayadin", 35.02, 40.45),
        // Beside the ruins of Dura-Europos (FACTS C5), not 7 km to the west-north-west.
        ("salihiyah", 34.747, 40.731),
        ("hajin", 34.69, 40.83),
        ("abu_kamal", 34.4536, 40.9367),
        ("qaim", 34.37, 41.09),
        ("rawa", 34.48, 41.91),
        ("anah", 34.37, 41.99),
        ("palmyra", 34.56, 38.28),
        ("sukhnah", 34.89, 38.87),
        ("tanf", 33.506, 38.618),
        ("suwar", 35.50, 40.67),
    ];
    for (id, lat, lon) in known {
        let centre = lat_lon(&l, place_hex(&l, id));
        let off = km(centre, (lat, lon));
        assert!(off <= 6.0, "{id} is drawn {off:.1} km from its coordinates");
    }
    assert!(l.scenario.places.len() >= 30);
}

#[test]
fn al_omar_lies_east_of_mayadin_on_the_east_bank() {
    // FACTS C4: AFP puts the field about 10 km east of Mayadin, on the east bank (an estimated
    // 35.06 N 40.56 E); the point 18 km north-east of Mayadin came from a wiki mirror.
    let l = level();
    let field = |id: &str| {
        l.scenario
            .oil_fields
            .iter()
            .find(|f| f.key == id)
            .unwrap_or_else(|| panic!("no field `{id}`"))
            .hex
    };
    let omar = lat_lon(&l, field("omar"));
    let off = km(omar, (35.06, 40.56));
    assert!(
        off <= 6.0,
        "al-Omar is drawn {off:.1} km from 35.06 N 40.56 E"
    );
    let mayadin = lat_lon(&l, place_hex(&l, "mayadin"));
    let from_mayadin = km(omar, mayadin);
    assert!(
        (5.0..=16.0).contains(&from_mayadin),
        "al-Omar is {from_mayadin:.1} km from Mayadin"
    );
    assert!(
        !same_bank_within(&l, field("omar"), place_hex(&l, "mayadin"), 15),
        "al-Omar is across the river from Mayadin"
    );
    // The SDF's guard stands by it, and al-Tanak lies close by to the south-south-east.
    let guard = l
        .scenario
        .units
        .iter()
        .find(|u| u.key == "sdf_omar")
        .unwrap();
    assert!(guard.hex.unsigned_distance_to(field("omar")) <= 1);
    assert!(field("omar").unsigned_distance_to(field("tanak")) <= 2);
}

#[test]
fn the_river_separates_the_banks() {
    let l = level();
    let p = |id| place_hex(&l, id);
    // Within 15 steps: enough to follow one bank between neighbouring towns, too few to walk
    // round either end of the river (Lake Assad in the north-west, Haditha in the east).
    let near = |a, b| same_bank_within(&l, p(a), p(b), 15);
    assert!(
        !near("mayadin", "hajin"),
        "Mayadin and Hajin must be on opposite banks"
    );
    assert!(!near("abu_kamal", "baghuz"));
    assert!(!near("qaim", "rumana"));
    assert!(!near("anah", "rawa"));
    assert!(!near("deir_ez_zor", "khasham"));
    assert!(near("mayadin", "salihiyah"), "the south bank is one bank");
    assert!(near("hajin", "baghuz"), "the east bank is one bank");
    assert!(
        near("dez_airbase", "mayadin"),
        "the airbase is south of the river"
    );
    assert!(!near("dez_airbase", "khasham"));
    assert!(
        !near("raqqa", "maadan"),
        "Raqqa is on the north bank, Ma'adan on the south"
    );
    assert!(!near("busayrah", "mayadin"));
}

#[test]
fn the_border_splits_abu_kamal_from_al_qaim() {
    let l = level();
    let map = &l.scenario.map;
    let country = |id| {
        let c = map.country(place_hex(&l, id)).expect("in a country");
        map.countries[usize::from(c)].key.clone()
    };
    assert_eq!(country("abu_kamal"), "syria");
    assert_eq!(country("qaim"), "iraq");
    assert_eq!(country("crossing"), "iraq");
    assert_eq!(country("palmyra"), "syria");
    assert_eq!(country("haditha"), "iraq");
    let d = place_hex(&l, "abu_kamal").unsigned_distance_to(place_hex(&l, "qaim"));
    assert!(d <= 4, "Abu Kamal and al-Qa'im are {d} hexes apart");
}

#[test]
fn the_start_matches_3_november_2017() {
    let l = level();
    let s = &l.scenario;
    let game = Game::new(s.clone(), 1);
    let holder = |id| {
        let f = game.control(place_hex(&l, id)).expect("held");
        s.faction(f).unwrap().key.clone()
    };
    for (id, who) in [
        ("deir_ez_zor", "syria"),
        ("mayadin", "syria"),
        ("t2", "syria"),
        ("raqqa", "sdf"),
        ("qaim", "iraq"),
        ("crossing", "iraq"),
        ("abu_kamal", "isis"),
        ("hajin", "isis"),
        ("rawa", "isis"),
        ("anah", "iraq"),
    ] {
        assert_eq!(holder(id), who, "{id}");
    }
    assert_eq!(s.start.to_string(), "3 November 2017");
    assert_eq!((s.days_per_turn, s.turns), (2, 20));
    let patrons = |k: &str| -> Vec<String> {
        let f = s.faction(s.faction_by_key(k).unwrap()).unwrap();
        f.patrons
            .iter()
            .map(|p| s.patrons[usize::from(p.0)].key.clone())
            .collect()
    };
    assert_eq!(patrons("syria"), ["russia", "iran"]);
    assert_eq!(patrons("sdf"), ["coalition"]);
    assert_eq!(patrons("iraq"), ["coalition", "iran"]);
    assert!(patrons("isis").is_empty());
    let id = |k| s.faction_by_key(k).unwrap();
    assert_eq!(game.stance(id("syria"), id("sdf")), Stance::Neutral);
    assert_eq!(game.stance(id("syria"), id("isis")), Stance::Hostile);
    assert_eq!(game.stance(id("iraq"), id("isis")), Stance::Hostile);
}

/// Whether `to` can be reached from `from` along roads through ground held by `faction` or
/// its allies (rivers only at usable crossings), ending with at most one step off the road.
fn by_road(game: &Game, faction: euphrates::sim::FactionId, from: Hex, to: Hex) -> bool {
    let map = &game.scenario().map;
    let ours = |h: Hex| {
        game.control(h)
            .is_some_and(|c| game.stance(c, faction) == Stance::Allied)
    };
    let passable = |a: Hex, b: Hex| {
        ours(b)
            && map
                .step_cost(a, b, euphrates::sim::MoveClass::Foot)
                .is_some()
    };
    let mut seen = vec![false; map.len()];
    let mut stack = vec![from];
    seen[map.index(from).unwrap()] = true;
    while let Some(h) = stack.pop() {
        if h == to || (h.unsigned_distance_to(to) == 1 && passable(h, to)) {
            return true;
        }
        for n in map.neighbors(h) {
            let i = map.index(n).unwrap();
            if !seen[i] && map.has_road(h, n) && passable(h, n) {
                seen[i] = true;
                stack.push(n);
            }
        }
    }
    false
}

#[test]
fn every_oil_field_is_reachable_by_road_from_its_holders_supply_or_knowingly_cut_off() {
    let l = level();
    let s = &l.scenario;
    let game = Game::new(s.clone(), 1);
    // Fields whose holder cannot reach them by road on 3 November 2017, and why. (al-Tanak, at
    // an estimated point south-south-east of al-Omar on the valley's edge since FACTS C4, is
    // reached along the east-bank road from Shuhail.)
    let cut_off = [
        // The SDF reached al-Omar and al-Sayjan across the desert; the roads to them pass through Islamic
        // State-held al-Busayrah and Shuhail until 12-13 November [S33][S52].
        ("omar", "sdf"),
        ("sayjan", "sdf"),
        // Conoco, al-Izba and Jafra lie east of Deir ez-Zor, where the north-bank road runs through the
        // government's bridgehead [S47][S49]; the SDF arrived across the steppe [S50][S20].
        ("conoco", "sdf"),
        ("izba", "sdf"),
        ("jafra", "sdf"),
        // Akkas lies in the desert south of al-Qa'im (location UNCERTAIN), off the roads.
        ("akkas", "iraq"),
    ];
    for f in &s.oil_fields {
        let holder = game.control(f.hex).expect("every field is held");
        let holder_key = s.faction(holder).unwrap().key.as_str();
        let reachable = s
            .supply_sources
            .iter()
            .filter(|src| src.faction == holder)
            .any(|src| by_road(&game, holder, src.hex, f.hex));
        let expected_cut = cut_off.contains(&(f.key.as_str(), holder_key));
        assert_eq!(
            reachable, !expected_cut,
            "{} held by {holder_key}: reachable by road = {reachable}",
            f.key
        );
        // Cut off by road or not, every field's holder has a way there over its own ground.
        assert!(
            s.supply_sources
                .iter()
                .filter(|src| src.faction == holder)
                .any(|src| game.land_connected(holder, src.hex, f.hex)),
            "{} is isolated from {holder_key}'s supply",
            f.key
        );
    }
}

#[test]
fn supply_at_the_start_reaches_the_fronts() {
    let l = level();
    let s = &l.scenario;
    let mut game = Game::new(s.clone(), 1);
    // Every faction's turn begins once, so every faction's supply is traced.
    let mut unsupplied = Vec::new();
    for _ in 0..s.factions.len() {
        let f = game.active_faction();
        for u in game.units().filter(|u| u.owner == f) {
            if u.supply != euphrates::sim::SupplyState::Supplied {
                let r = game.supply_report(u.id).unwrap();
                assert!(r.cut.is_some() && r.source.is_some(), "{r:?}");
                unsupplied.push(u.key.clone());
            }
        }
        game.perform(&euphrates::sim::Command::EndTurn).unwrap();
    }
    // Everyone is supplied: the Islamic State's desert raiders live off their Badia hideouts.
    assert!(unsupplied.is_empty(), "{unsupplied:?}");
}

fn faction(l: &LoadedLevel, key: &str) -> euphrates::sim::FactionId {
    l.scenario.faction_by_key(key).unwrap()
}

#[test]
fn the_camps_and_their_agreements_match_2017() {
    use euphrates::sim::{AgreementKind, EdgeKey, Party};
    let l = level();
    let game = Game::new(l.scenario.clone(), 1);
    let f = |k| faction(&l, k);
    assert_eq!(game.stance(f("sdf"), f("iraq")), Stance::Cooperating);
    assert_eq!(game.stance(f("syria"), f("iraq")), Stance::Neutral);
    for p in 0..l.scenario.patrons.len() {
        let patron = Party::Patron(euphrates::sim::PatronId(p as u8));
        assert_eq!(
            game.relation(patron, Party::Faction(f("isis"))).stance,
            Stance::Hostile
        );
    }
    // The deconfliction line runs along the Euphrates in Syria: nearly all its edges are river
    // edges, and it binds the government and the SDF.
    let line = l
        .scenario
        .agreements
        .iter()
        .find(|a| a.key == "euphrates_line")
        .unwrap();
    assert_eq!(line.parties, (f("syria"), f("sdf")));
    let AgreementKind::Deconfliction { edges } = &line.kind else {
        panic!("not a line")
    };
    let rivers: std::collections::BTreeSet<EdgeKey> =
        l.scenario.map.river_edges().map(|(k, _)| k).collect();
    let on_river = edges.iter().filter(|e| rivers.contains(e)).count();
    assert!(edges.len() > 80, "{} edges", edges.len());
    assert!(
        on_river * 10 >= edges.len() * 9,
        "{on_river} of {}",
        edges.len()
    );
    // The SDF cannot cross at Deir ez-Zor into government ground across the line.
    let dez = place_hex(&l, "deir_ez_zor");
    for n in l.scenario.map.neighbors(dez) {
        if edges.binary_search(&EdgeKey::new(dez, n)).is_ok() {
            assert!(game.line_crossed(f("sdf"), n, dez).is_some());
        }
    }
    // The al-Tanf zone covers the garrison.
    let tanf_zone = l
        .scenario
        .agreements
        .iter()
        .position(|a| a.key == "tanf_zone")
        .unwrap();
    let garrison = game
        .units()
        .find(|u| u.owner == f("tanf"))
        .map(|u| u.hex)
        .unwrap();
    assert_eq!(
        game.no_strike_zone(f("syria"), garrison)
            .map(|a| a.key.as_str()),
        Some("tanf_zone")
    );
    assert!(game.agreement_active(tanf_zone));
}

#[test]
fn every_side_can_pay_its_troops_at_the_start_and_patrons_give_support() {
    let l = level();
    let game = Game::new(l.scenario.clone(), 1);
    for (i, fac) in l.scenario.factions.iter().enumerate() {
        let id = euphrates::sim::FactionId(i as u8);
        let lines = game.income_statement(id);
        let total: i64 = lines.iter().map(|l| l.amount).sum();
        assert!(game.treasury(id) > 0, "{} starts in debt", fac.key);
        // A turn's statement never drains more than a tenth of the treasury: no side is
        // bankrupt within the game by upkeep alone.
        assert!(total * 10 > -game.treasury(id), "{}: {lines:?}", fac.key);
    }
    for (i, s) in l.scenario.support.iter().enumerate() {
        assert_eq!(game.support_percent(i), 100, "{:?}", s);
    }
    // The first faction has its pools filled at once.
    assert!(
        l.scenario
            .support
            .iter()
            .enumerate()
            .any(|(i, s)| s.faction == faction(&l, "syria") && game.pool(i) > 0)
    );
    // Race objectives carry the historical dates.
    let race = l
        .scenario
        .objectives
        .iter()
        .find(|o| o.key == "syria_race")
        .unwrap();
    assert_eq!(
        race.by.map(|d| d.to_string()).as_deref(),
        Some("19 November 2017")
    );
}

#[test]
fn the_default_level_teaches_with_sources() {
    use euphrates::level::schema::ArticleKind;
    let l = level();
    let f = &l.file;
    // Every playable side is briefed, and the bars of the teaching issue are met.
    for faction in l.scenario.factions.iter().filter(|x| x.playable) {
        assert!(
            f.briefings.iter().any(|b| b.faction == faction.key),
            "no briefing for {}",
            faction.key
        );
    }
    assert!(f.briefings.len() >= 4);
    assert!(f.events.len() >= 15, "{} historical events", f.events.len());
    assert!(f.articles.len() >= 30, "{} articles", f.articles.len());
    assert!(!f.perspective.is_empty());
    // Every side and patron has its article, and the race's prize is among the places.
    for x in &l.scenario.factions {
        assert!(
            f.articles
                .iter()
                .any(|a| a.kind == ArticleKind::Faction && a.about.as_deref() == Some(&x.key)),
            "no article on {}",
            x.key
        );
    }
    for p in &l.scenario.patrons {
        assert!(
            f.articles
                .iter()
                .any(|a| a.about.as_deref() == Some(&p.key))
        );
    }
    // The calendar holds the historical date the objectives are measured against.
    let ak = f
        .events
        .iter()
        .find(|e| e.id == "abu_kamal_taken")
        .expect("the fall of Abu Kamal is in the calendar");
    assert_eq!((ak.date.year, ak.date.month, ak.date.day), (2017, 11, 19));
    // Sources name the FACTS tags or a publisher.
    for e in &f.events {
        assert!(
            e.source.contains("[S") || e.source.contains("Fictional"),
            "{}: {}",
            e.id,
            e.source
        );
    }
}

/// Every text of the level (briefings, calendar, articles, sources, notes…), for checking that
/// a corrected error stays corrected.
fn all_texts(l: &LoadedLevel) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(&l.file).unwrap(), &mut out);
    out
}

#[test]
fn the_level_starts_as_the_record_of_3_november_has_it() {
    let l = level();
    let game = Game::new(l.scenario.clone(), 1);
    let checks = euphrates::history::checks_of(&l.file, &game);
    let (line, rows) = checks
        .first()
        .expect("the record's first line is the start day");
    assert_eq!(
        (line.date.year, line.date.month, line.date.day),
        (2017, 11, 3)
    );
    // The record names a holder for (almost) every place and field of the level, and the
    // level's starting map agrees with every one: the Khasham bridgehead is the
    // government's, not the SDF's (it once shared the Conoco plant's hex and took its holder).
    assert!(rows.len() >= l.scenario.places.len() + l.scenario.oil_fields.len() - 1);
    let differ: Vec<String> = rows
        .iter()
        .filter(|r| r.agrees() == Some(false))
        .map(|r| format!("{} (level {:?}, record {:?})", r.at, r.game, r.history))
        .collect();
    assert!(
        differ.is_empty(),
        "the start differs from the record: {differ:?}"
    );
    let khasham = rows.iter().find(|r| r.at == "khasham").unwrap();
    assert_eq!(
        l.scenario.faction(khasham.game.unwrap()).unwrap().key,
        "syria"
    );
    let conoco = l
        .scenario
        .oil_fields
        .iter()
        .find(|f| f.key == "conoco")
        .unwrap();
    assert_ne!(
        place_hex(&l, "khasham"),
        conoco.hex,
        "Khasham and Conoco share a hex"
    );
}

#[test]
fn the_record_keeps_the_front_line_on_three_dated_days() {
    let l = level();
    let lines = &l.file.front_lines;
    let days: Vec<(i32, u8, u8)> = lines
        .iter()
        .map(|x| (x.date.year, x.date.month, x.date.day))
        .collect();
    assert_eq!(days, [(2017, 11, 3), (2017, 11, 19), (2017, 12, 13)]);
    let held = |k: usize, at: &str| {
        lines[k]
            .holders
            .iter()
            .find(|h| h.at == at)
            .and_then(|h| h.by.clone())
            .unwrap_or_default()
    };
    // The race as the record has it: Abu Kamal the government's by 19 November, al-Busayrah
    // the SDF's from 12 November, Rawa Iraq's from 17 November; Hajin the Islamic State's
    // throughout.
    for (at, before, after) in [
        ("abu_kamal", "isis", "syria"),
        ("busayrah", "isis", "sdf"),
        ("rawa", "isis", "iraq"),
        ("hajin", "isis", "isis"),
    ] {
        assert_eq!(
            (held(0, at), held(1, at)),
            (before.into(), after.into()),
            "{at}"
        );
    }
    assert_eq!(held(2, "quriyah"), "syria");
    for line in lines {
        assert!(line.source.contains("[S"));
        assert!(line.holders.iter().all(|h| h.source.contains("[S")));
    }
}

#[test]
fn the_corrections_from_the_record_stay_corrected() {
    let l = level();
    let event = |id: &str| {
        let e = l.file.events.iter().find(|e| e.id == id).unwrap();
        (e.date.year, e.date.month, e.date.day)
    };
    // C1: Russia declared the Islamic State defeated in Syria on 6 December, not 7.
    assert_eq!(event("russia_declares"), (2017, 12, 6));
    // C2: the Marines' withdrawal was announced on 30 November, not 29.
    assert_eq!(event("marines_leave"), (2017, 11, 30));
    let texts = all_texts(&l);
    let says = |needle: &str| texts.iter().any(|t| t.contains(needle));
    // C3: Abu Kamal was the last *major* town; Hajin and other villages stayed the Islamic
    // State's.
    assert!(!says("last town the Islamic State held in Syria"));
    assert!(!says("the last town it held in Syria"));
    // C6: the Sukhnah road was cut from 28 September, not "ten days in October".
    assert!(!says("ten days in October"));
    let syria = l
        .file
        .briefings
        .iter()
        .find(|b| b.faction == "syria")
        .unwrap();
    assert!(syria.aims.contains("28 September"));
    // C7: the al-Tanf zone was declared by the coalition, not agreed with Russia.
    assert!(!says("agreed with Russia"));
    // C12 and the downstream slip: the Euphrates flows south-east, past Rawa below al-Qa'im.
    assert!(!says("upstream"));
    assert!(!says("up the south bank from Mayadin"));
    // The SDF's briefing no longer says it "will not fight the government for you".
    assert!(!says("will not fight the government for you"));
    // C16: the YPG-arms call is told as the Turkish account it was.
    let ypg = l
        .file
        .events
        .iter()
        .find(|e| e.id == "ypg_arms_call")
        .unwrap();
    assert!(ypg.text.contains("Turk"), "{}", ypg.text);
    // C11: fighting displaces the people still there in November 2017, not a pre-war census:
    // Raqqa kept fewer than 3,000 of its 220,488 (REACH), Rawa about 10,000 (Al Jazeera).
    let present = |id: &str| {
        let p = l.scenario.places.iter().find(|p| p.key == id).unwrap();
        (p.population, p.present)
    };
    assert_eq!(present("raqqa"), (220_488, 3_000));
    assert_eq!(present("rawa").1, 10_000);
    let game = Game::new(l.scenario.clone(), 1);
    let raqqa = l
        .scenario
        .places
        .iter()
        .position(|p| p.key == "raqqa")
        .unwrap();
    assert_eq!(game.residents(euphrates::sim::PlaceId(raqqa as u16)), 3_000);
    // The tutorial is fiction and cites no game document as a source.
    let tutorial = level::load_path(std::path::Path::new("levels/tutorial.ron")).unwrap();
    assert!(tutorial.file.fictional);
    assert!(
        !all_texts(&tutorial)
            .iter()
            .any(|t| t.contains("docs/MODDING.md"))
    );
}

#[test]
fn the_teachers_pack_is_in_the_level() {
    let l = level();
    let f = &l.file;
    assert!(f.events.len() >= 30, "{} dated events", f.events.len());
    assert!(f.articles.len() >= 45, "{} articles", f.articles.len());
    assert!(
        f.events.iter().filter(|e| e.date.year > 2017).count() >= 4,
        "an epilogue"
    );
    assert!(f.glossary.len() >= 30);
    // Other spellings find a word: Bukamal, PMF.
    let spelt = |s: &str| f.glossary.iter().any(|t| t.also.iter().any(|a| a == s));
    assert!(spelt("Bukamal") && spelt("PMF"));
    assert!(!f.content_note.is_empty() && !f.teachers_notes.is_empty());
    for b in &f.briefings {
        assert!(
            b.questions.len() >= 3,
            "{} has {} questions",
            b.faction,
            b.questions.len()
        );
    }
    let isis = f.briefings.iter().find(|b| b.faction == "isis").unwrap();
    assert!(
        !isis.content_note.is_empty(),
        "playing the Islamic State is preceded by a note"
    );
    // docs/TEACHING.md carries the same questions and words as the game.
    let doc = std::fs::read_to_string("docs/TEACHING.md").unwrap();
    for b in &f.briefings {
        for q in &b.questions {
            assert!(doc.contains(q.as_str()), "docs/TEACHING.md lacks: {q}");
        }
    }
    for t in &f.glossary {
        assert!(
            doc.contains(&format!("**{}**", t.term)),
            "docs/TEACHING.md lacks {}",
            t.term
        );
    }
}

#[test]
fn a_report_sets_the_games_beside_the_record() {
    let l = level();
    let scenario = std::sync::Arc::new(l.scenario.clone());
    let controllers =
        vec![
            euphrates::sim::ai::Controller::Ai(euphrates::sim::ai::Difficulty::Normal);
            l.scenario.factions.len()
        ];
    let (games, panicked) = euphrates::simulate::play_many(scenario, &[1, 2], &controllers, 2);
    assert!(panicked.is_empty());
    let md = euphrates::report::front_lines(&l, &games);
    assert!(md.starts_with("## Beside the real front line"), "{md}");
    // All three days: the start (as the record has it), one inside the game, and 13 December
    // beside the final map of 11 December.
    assert!(
        md.contains("| 3 November 2017 [S301][S303][S58] | 43.0 of 43 | none |"),
        "{md}"
    );
    assert!(md.contains("| 19 November 2017"), "{md}");
    assert!(md.contains("| 13 December 2017"), "{md}");
}
