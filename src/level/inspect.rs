//! `euphrates inspect --json`: the resolved level as JSON, for tools and tests.
//! Field names are stable and documented in `docs/MODDING.md`.

use serde_json::{Value, json};

use super::load::LoadedLevel;
use super::schema::Pos;
use crate::sim::{EdgeKey, Scenario};

fn axial(scenario: &Scenario, hex: hexx::Hex) -> Value {
    let [col, row] = scenario.map.offset_of(hex);
    json!({ "q": hex.x, "r": hex.y, "col": col, "row": row })
}

fn given(pos: &Pos) -> Value {
    match *pos {
        Pos::LatLon(lat, lon) => json!({ "lat": lat, "lon": lon }),
        Pos::Hex(col, row) => json!({ "col": col, "row": row }),
    }
}

fn edge(scenario: &Scenario, e: EdgeKey) -> Value {
    let (a, b) = e.hexes();
    json!([axial(scenario, a), axial(scenario, b)])
}

/// The resolved level as a JSON value.
pub fn to_json(level: &LoadedLevel) -> Value {
    let s = &level.scenario;
    let map = &s.map;
    let layout = map.layout();
    let hexes: Vec<Value> = map
        .hexes()
        .map(|h| {
            let mut v = axial(s, h);
            v["terrain"] = json!(map.terrain(h).map(|t| format!("{t:?}")));
            v["country"] = json!(
                map.country(h)
                    .and_then(|c| map.countries.get(usize::from(c)))
                    .map(|c| c.key.clone())
            );
            v["control"] = json!(
                s.control
                    .get(map.index(h).unwrap_or(0))
                    .copied()
                    .flatten()
                    .and_then(|f| s.faction(f))
                    .map(|f| f.key.clone())
            );
            if let Some(p) = level.projection {
                let (lat, lon) = p.lat_lon(layout.hex_to_world_pos(h));
                v["lat"] = json!((lat * 1e5).round() / 1e5);
                v["lon"] = json!((lon * 1e5).round() / 1e5);
            }
            v
        })
        .collect();
    let rivers: Vec<Value> = map
        .river_edges()
        .map(|(k, e)| {
            json!({
                "river": map.rivers.get(usize::from(e.river)).map(|r| r.key.clone()),
                "hexes": edge(s, k),
                "crossing": e.crossing.as_ref().map(|c| json!({ "name": c.name, "kind": format!("{:?}", c.kind) })),
            })
        })
        .collect();
    let bridges: Vec<Value> = map
        .river_edges()
        .filter_map(|(k, e)| {
            e.crossing.as_ref().map(|c| {
                json!({ "name": c.name, "kind": format!("{:?}", c.kind), "hexes": edge(s, k),
                        "river": map.rivers.get(usize::from(e.river)).map(|r| r.key.clone()) })
            })
        })
        .collect();
    let roads: Vec<Value> = map.roads().map(|k| edge(s, k)).collect();
    let places: Vec<Value> = s
        .places
        .iter()
        .zip(&level.file.places)
        .map(|(p, f)| {
            json!({ "id": p.key, "name": p.name, "kind": format!("{:?}", p.kind), "hex": axial(s, p.hex),
                    "given": given(&f.at), "population": p.population, "present": p.present, "points": p.points,
                    "holder": f.holder, "defences": p.defences, "source": f.source })
        })
        .collect();
    let fields: Vec<Value> = s
        .oil_fields
        .iter()
        .zip(&level.file.oil_fields)
        .map(|(o, f)| {
            json!({ "id": o.key, "name": o.name, "kind": format!("{:?}", o.kind), "hex": axial(s, o.hex),
                    "given": given(&f.at), "output": o.output, "holder": f.holder, "source": f.source })
        })
        .collect();
    let factions: Vec<Value> = s
        .factions
        .iter()
        .zip(&level.file.factions)
        .map(|(f, lf)| {
            json!({ "id": f.key, "name": f.name, "color": lf.color, "playable": f.playable,
                    "patrons": lf.patrons, "treasury": f.treasury, "oil_access": f.oil_access,
                    "tax": f.tax, "funding": f.funding, "fuel": f.fuel, "negotiates": f.negotiates, "cells": f.cells,
                    "source": lf.source })
        })
        .collect();
    let units: Vec<Value> = s
        .units
        .iter()
        .zip(&level.file.units)
        .map(|(u, lu)| {
            json!({ "id": u.key, "name": u.name, "kind": format!("{:?}", u.kind),
                    "owner": s.faction(u.owner).map(|f| f.key.clone()), "hex": axial(s, u.hex),
                    "strength": u.strength, "morale": u.morale,
                    "experience": format!("{:?}", u.experience), "source": lu.source })
        })
        .collect();
    let mut v = json!({
        "format": level.file.format,
        "id": s.id,
        "name": s.name,
        "start": s.start.to_string(),
        "days_per_turn": s.days_per_turn,
        "oil_price": s.oil_price,
        "upkeep_percent": s.upkeep_percent,
        "turns": s.turns,
        "map": {
            "width": map.width(),
            "height": map.height(),
            "orientation": format!("{:?}", map.orientation()),
            "projection": level.file.map.projection.map(|p| json!({
                "origin": { "lat": p.origin.lat, "lon": p.origin.lon }, "hex_km": p.hex_km,
                "standard_parallel": p.standard_parallel.unwrap_or(p.origin.lat) })),
        },
        "hexes": hexes,
        "rivers": rivers,
        "bridges": bridges,
        "roads": roads,
        "countries": map.countries.iter().map(|c| json!({ "id": c.key, "name": c.name })).collect::<Vec<_>>(),
        "patrons": level.file.patrons.iter().map(|p| json!({ "id": p.id, "name": p.name, "wants": p.wants, "oil_campaign": p.oil_campaign, "source": p.source })).collect::<Vec<_>>(),
        "factions": factions,
        "relations": level.file.relations.iter().map(|r| json!({ "a": r.a, "b": r.b, "stance": format!("{:?}", r.stance), "tension": r.tension, "source": r.source })).collect::<Vec<_>>(),
        "agreements": s.agreements.iter().zip(&level.file.agreements).map(|(a, la)| {
            let (kind, hexes) = match &a.kind {
                crate::sim::AgreementKind::Deconfliction { edges } => ("deconfliction", edges.iter().map(|e| {
                    let (p, q) = e.hexes();
                    json!([axial(s, p), axial(s, q)])
                }).collect::<Vec<_>>()),
                crate::sim::AgreementKind::NoStrike { hexes } => ("no_strike", hexes.iter().map(|h| axial(s, *h)).collect()),
            };
            let key = |f: crate::sim::FactionId| s.faction(f).map(|f| f.key.clone());
            json!({ "id": a.key, "name": a.name, "kind": kind, "parties": [key(a.parties.0), key(a.parties.1)],
                    if kind == "deconfliction" { "edges" } else { "hexes" }: hexes, "source": la.source })
        }).collect::<Vec<_>>(),
        "support": level.file.support.iter().map(|x| json!({ "patron": x.patron, "faction": x.faction, "points": x.points, "money": x.money, "fuel": x.fuel,
            "offers": x.offers.iter().map(|o| format!("{o:?}")).collect::<Vec<_>>(), "reconnaissance": x.reconnaissance, "source": x.source })).collect::<Vec<_>>(),
        "places": places,
        "oil_fields": fields,
        "units": units,
        "objectives": level.file.objectives.iter().map(|o| {
            let goal = match &o.goal {
                super::schema::Goal::Hold(p) => json!({ "hold": p }),
                super::schema::Goal::Route(a, b) => json!({ "route": [a, b] }),
                super::schema::Goal::HoldField(f) => json!({ "hold_field": f }),
                super::schema::Goal::Survive => json!("survive"),
            };
            let by = o.by.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
            json!({ "id": o.id, "faction": o.faction, "goal": goal, "points": o.points, "by": by, "description": o.description, "source": o.source })
        }).collect::<Vec<_>>(),
        "supply_sources": s.supply_sources.iter().zip(&level.file.supply_sources).map(|(x, f)| json!({
            "faction": f.faction, "name": x.name, "kind": format!("{:?}", x.kind), "hex": axial(s, x.hex), "source": f.source })).collect::<Vec<_>>(),
        "briefings": level.file.briefings.iter().map(|b| json!({
            "faction": b.faction, "situation": b.situation, "aims": b.aims, "patrons": b.patrons,
            "see_also": b.see_also, "source": b.source, "questions": b.questions,
            "content_note": b.content_note })).collect::<Vec<_>>(),
        "events": level.file.events.iter().map(|e| json!({
            "id": e.id, "date": format!("{:04}-{:02}-{:02}", e.date.year, e.date.month, e.date.day),
            "title": e.title, "text": e.text, "see_also": e.see_also, "source": e.source })).collect::<Vec<_>>(),
        "encyclopedia": level.file.articles.iter().map(|a| json!({
            "id": a.id, "title": a.title, "kind": format!("{:?}", a.kind), "about": a.about,
            "text": a.text, "see_also": a.see_also, "source": a.source })).collect::<Vec<_>>(),
        "perspective": level.file.perspective,
        "content_note": level.file.content_note,
        "teachers_notes": level.file.teachers_notes,
        "front_lines": level.file.front_lines.iter().map(|l| json!({
            "date": format!("{:04}-{:02}-{:02}", l.date.year, l.date.month, l.date.day),
            "note": l.note, "source": l.source,
            "holders": l.holders.iter().map(|h| json!({ "at": h.at, "by": h.by, "doubt": h.doubt, "source": h.source })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "glossary": level.file.glossary.iter().map(|t| json!({ "term": t.term, "also": t.also, "text": t.text, "see_also": t.see_also })).collect::<Vec<_>>(),
        "sources": level.file.sources.iter().map(|x| json!({ "id": x.id, "title": x.title, "publisher": x.publisher, "date": x.date, "url": x.url, "note": x.note })).collect::<Vec<_>>(),
    });
    // Beside the rest (one more field in the macro above overflows its recursion).
    v["fog"] = json!(s.fog);
    v
}
