#!/usr/bin/env python3
"""Writes levels/euphrates_2017.ron, the default scenario, from sourced facts.

The facts (places, control, fields, forces) come from the project's scenario notes
(FACTS.md, cited in the level as [Sx] tags with their URLs in docs/SCENARIO.md); the
Euphrates centre-line and the Syria-Iraq border come from Natural Earth 1:10m (public domain),
copied in tools/data/. Where the notes mark a coordinate as estimated (EST) or a fact as
uncertain, the level says so in the item's `source`.

The teaching content (the perspective note, the briefings, the historical calendar and the
encyclopedia) is written by hand as RON fragments in tools/data/euphrates_2017/, which this
script copies into the level after the map data: edit them there.

The terrain and starting-control grids are derived here from geography (distance to the
rivers, lakes and hill masses, which bank of the Euphrates, which country) so that they stay
consistent with the lines and places. Run from the repository root:

    python3 tools/make_euphrates_2017.py
    cargo run -- check levels/euphrates_2017.ron

`--check` writes nothing and fails if the committed level is not what the script writes (the
CI and the test suite run it, so the level and its sources cannot drift apart).

Python 3 standard library only.
"""

import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Map and projection: the same equirectangular projection as src/level/geo.rs.
LAT0, LON0 = 36.25, 38.15      # centre of hex (column 0, row 0)
HEX_KM = 6.0                   # centre-to-centre distance between neighbouring hexes
PARALLEL = 34.75               # standard parallel, mid-map
W, H = 70, 65
KM_LAT, KM_LON = 110.574, 111.320
UNIT = HEX_KM / math.sqrt(3)   # km per layout unit (hex circumradius)
COS = math.cos(math.radians(PARALLEL))


def world(lat, lon):
    return ((lon - LON0) * KM_LON * COS / UNIT, (lat - LAT0) * KM_LAT / UNIT)


def hex_centre(col, row):
    q = col - (row - (row & 1)) // 2
    r = row
    return (math.sqrt(3) * (q + r / 2), -1.5 * r)


def latlon_of(col, row):
    x, y = hex_centre(col, row)
    return (LAT0 + y * UNIT / KM_LAT, LON0 + x * UNIT / (KM_LON * COS))


def hex_of(lat, lon):
    x, y = world(lat, lon)
    fq = (math.sqrt(3) / 3 * x + 1 / 3 * y)
    fr = -2 / 3 * y
    fs = -fq - fr
    q, r, s = round(fq), round(fr), round(fs)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return (q + (r - (r & 1)) // 2, r)


def km(a, b):
    """Approximate distance in km between two (lat, lon) points."""
    dy = (a[0] - b[0]) * KM_LAT
    dx = (a[1] - b[1]) * KM_LON * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def seg_dist(p, a, b):
    """Distance (km) from p to segment ab, plus the side (+1 left of a->b, -1 right)."""
    def xy(q):
        return ((q[1] - p[1]) * KM_LON * math.cos(math.radians(p[0])), (q[0] - p[0]) * KM_LAT)
    ax, ay = xy(a)
    bx, by = xy(b)
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, (-ax * dx - ay * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    cross = dx * (-ay) - dy * (-ax)
    return math.hypot(cx, cy), (1 if cross > 0 else -1)


def line_dist(p, line):
    best = (1e9, 1)
    for a, b in zip(line, line[1:]):
        d = seg_dist(p, a, b)
        if d[0] < best[0]:
            best = d
    return best


def simplify(points, tol_km):
    """Douglas-Peucker on (lat, lon) points."""
    if len(points) < 3:
        return points
    a, b = points[0], points[-1]
    i_max, d_max = 0, 0.0
    for i in range(1, len(points) - 1):
        d = seg_dist(points[i], a, b)[0]
        if d > d_max:
            i_max, d_max = i, d
    if d_max <= tol_km:
        return [a, b]
    left = simplify(points[: i_max + 1], tol_km)
    return left[:-1] + simplify(points[i_max:], tol_km)


# ---------------------------------------------------------------------------------------
# Lines from Natural Earth (lon, lat in the file).
ne = json.load(open(os.path.join(ROOT, "tools/data/euphrates_border_ne10m.geojson")))
EUPHRATES_NE = [(c[1], c[0]) for c in ne["features"][0]["geometry"]["coordinates"]]
BORDER_NE = [(c[1], c[0]) for c in ne["features"][1]["geometry"]["coordinates"]]

# The NE line starts below the Baath dam; FACTS vertex 1 is the Tabqa Dam outflow.
EUPHRATES = [(35.86, 38.56)] + EUPHRATES_NE
# Which bank each riverside place is on (FACTS 2a "Banks" [S4][S8][S12][S14][S15][S16][S95][S98]
# and the place notes): +1 the north/east (Jazira) bank, -1 the south/west (Shamiya) bank.
BANKS = {
    "raqqa": 1, "khasham": 1, "busayrah": 1, "shuhail": 1, "hajin": 1, "shaafa": 1,
    "susah": 1, "baghuz": 1, "rumana": 1, "rawa": 1,
    "tabqa": -1, "maadan": -1, "deir_ez_zor": -1, "dez_airbase": -1, "mayadin": -1,
    "quriyah": -1, "asharah": -1, "salihiyah": -1, "abu_kamal": -1, "qaim": -1, "anah": -1,
}
EUPHRATES_PATH = simplify(EUPHRATES, 0.8)
# The border runs beyond the map: north from 35.99 N, and south-west of the Jordan tripoint;
# both ends are extended to the map edge along their last bearing (EST).
BORDER = [(36.262, 41.27)] + BORDER_NE + [(33.22, 38.73)]
BORDER_PATH = simplify(BORDER, 0.8)
# Khabur: NE 1:10m has no Khabur feature. al-Suwar [S109] and the confluence at al-Busayrah
# [S50][S51] are sourced; the points upstream are EST along the valley.
KHABUR = [(36.262, 40.75), (36.05, 40.73), (35.73, 40.76), (35.50, 40.69), (35.32, 40.55), (35.155, 40.435)]

# Lakes and hills (EST shapes around sourced anchors), as centre-lines with half-widths in km.
LAKE_ASSAD = [(35.90, 38.47), (35.90, 38.40), (35.97, 38.24), (36.10, 38.15), (36.27, 38.18)]
LAKE_QADISIYAH = [(34.40, 42.08), (34.33, 42.17), (34.31, 42.23), (34.29, 42.30), (34.22, 42.34)]
BISHRI = ((35.33, 39.25), 32.0, 18.0)     # centre, east-west and north-south semi-axes (km)
PALMYRENE = ((34.72, 38.40), 32.0, 10.0)


def local(origin, p):
    """(east, north) km of p from origin."""
    return ((p[1] - origin[1]) * KM_LON * math.cos(math.radians(origin[0])), (p[0] - origin[0]) * KM_LAT)


def unlocal(origin, v):
    return (origin[0] + v[1] / KM_LAT, origin[1] + v[0] / (KM_LON * math.cos(math.radians(origin[0]))))


def keep_banks(path, places, clearance=4.8):
    """Natural Earth's generalised line runs straight through riverside towns; at 6-km hexes
    that can put a town's hex on the wrong bank. Where the line passes a town's hex centre on
    the wrong side or closer than `clearance` km, bend it round the hex on the far side."""
    path = list(path)
    for (pid, _n, _k, lat, lon, *_rest) in places:
        bank = BANKS.get(pid)
        if bank is None:
            continue
        centre = latlon_of(*hex_of(lat, lon))
        d, side = line_dist(centre, path)
        if side == bank and d >= clearance:
            continue
        # The nearest point of the path to the centre, and the direction across the river.
        best = None
        for i, (a, b) in enumerate(zip(path, path[1:])):
            ax, ay = local(centre, a)
            bx, by = local(centre, b)
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, (-ax * dx - ay * dy) / (dx * dx + dy * dy or 1)))
            cx, cy = ax + t * dx, ay + t * dy
            dist = math.hypot(cx, cy)
            if best is None or dist < best[0]:
                best = (dist, i, (dx, dy))
        _, i, (dx, dy) = best
        norm = math.hypot(dx, dy) or 1.0
        # Left of the downstream direction is the north/east bank; the river must pass on the
        # town's far side: to its right for a north-bank town, to its left for a south-bank one.
        left = (-dy / norm, dx / norm)
        s = -1 if bank == 1 else 1
        shifted = unlocal(centre, (left[0] * s * clearance, left[1] * s * clearance))
        near = [j for j, v in enumerate(path) if km(v, centre) < 7.0]
        lo = min(near + [i + 1])
        hi = max(near + [i])
        path = path[:lo] + [shifted] + path[hi + 1:]
    return path


def in_ellipse(p, e):
    (clat, clon), ax, ay = e
    dx = (p[1] - clon) * KM_LON * math.cos(math.radians(clat))
    dy = (p[0] - clat) * KM_LAT
    return (dx / ax) ** 2 + (dy / ay) ** 2 <= 1.0


# ---------------------------------------------------------------------------------------
# Lines of prepared defences each place holds on 3 Nov 2017 (0 when not listed). A line
# absorbs one lost fight (see src/sim/defences.rs), so the lines stand for how long each place
# held under attack in the record. All counts are game estimates from those dates:
# al-Busayrah fell to the SDF about nine days in (12 Nov) [S33][S52]; Rawa after six days of
# assault (11-17 Nov) [S94][S97]; Abu Kamal was entered 8-9 Nov, largely retaken by the
# Islamic State, and fully taken 19 Nov [S60b][S61b][S62]; al-Quriyah, al-Asharah and
# al-Salihiyah held into late November and December [S56][S58][S306]; the Hajin pocket and
# al-Baghuz held until December 2018 and March 2019 [S15][S59]; Deir ez-Zor's garrison had held
# its siege lines for three years [S45][S165].
DEFENCES = {
    "deir_ez_zor": 2, "dez_airbase": 2,
    "busayrah": 3, "shuhail": 1, "quriyah": 1, "asharah": 2, "salihiyah": 2,
    "hajin": 5, "shaafa": 1, "susah": 1, "baghuz": 2, "abu_kamal": 1,
    "rumana": 1, "rawa": 3,
}

# Places: id, name, kind, lat, lon, population, points, holder on 3 Nov 2017, source.
PLACES = [
    ("raqqa", "Raqqa", "City", 35.95, 39.02, 220488, 6, "sdf", "Coordinates [S4][S1]; population 220,488 (2004) [S4]; fewer than 1% of ~300,000 inhabitants left in Oct 2017 [S40]; SDF declared it liberated 17 Oct 2017 [S40][S41]."),
    ("tabqa", "Tabqa (al-Thawrah)", "Town", 35.84, 38.55, 69425, 3, "sdf", "[S5]; SDF took the town and the dam 10 May 2017 [S5][S6][S7]."),
    ("tabqa_airbase", "Tabqa airbase", "Airbase", 35.76, 38.59, 0, 2, "sdf", "South of the town (coordinates EST, not sourced); SDF took it 26-27 Mar 2017 [S6][S7]."),
    ("maadan", "Ma'adan", "Town", 35.75, 39.61, 8663, 2, "syria", "[S8]; taken by government Tiger Forces 23 Sep 2017 [S8][S9]."),
    ("deir_ez_zor", "Deir ez-Zor", "City", 35.33, 40.15, 211857, 10, "syria", "[S10]; besieged enclave of about 93,500 people (UN) [S70]; city declared fully retaken 3 Nov 2017 [S42][S43]; Islamic State fighters still on Hawijat Kati' island about 17 Nov [S44]."),
    ("dez_airbase", "Deir ez-Zor airbase", "Airbase", 35.285, 40.176, 0, 4, "syria", "35°17'07\"N 40°10'33\"E [S11]; siege broken 9 Sep 2017 [S45][S46]."),
    ("khasham", "Khasham", "Village", 35.30, 40.22, 0, 1, "syria", "Government east-bank bridgehead after the 18 Sep pontoon crossing; extent UNCERTAIN; coordinates EST within the bridgehead villages (35.30-35.37 N, 40.15-40.30 E), west of the Conoco plant, which the SDF held [S47][S48][S49][S22]."),
    ("busayrah", "al-Busayrah", "Town", 35.15, 40.43, 0, 3, "isis", "At the Khabur-Euphrates confluence, coordinates EST [S50][S51]; SDF took it 12 Nov 2017 [S33][S52]."),
    ("shuhail", "Shuhail", "Village", 35.10, 40.47, 0, 1, "isis", "About 35 km SE of Deir ez-Zor, coordinates EST; SDF took it 13 Nov 2017 [S33][S52]."),
    ("suwar", "al-Suwar", "Town", 35.50, 40.67, 5279, 2, "sdf", "West bank of the Khabur; population 5,279 (2004) [S109]; on the SDF's Jazira Storm axis [S50]."),
    ("mayadin", "Mayadin", "City", 35.02, 40.45, 44028, 6, "syria", "[S12]; encircled 8 Oct, captured by the government 14 Oct 2017 [S53][S54][S55]."),
    ("quriyah", "al-Quriyah", "Village", 34.96, 40.49, 0, 2, "isis", "Coordinates EST; government claimed it 28 Nov 2017 [S56][S57] (contested)."),
    ("asharah", "al-Asharah", "Town", 34.92, 40.56, 7000, 3, "isis", "Coordinates EST; about 7,000 people (older text) [S13]; government claimed it 27 Nov 2017, an opposition outlet said the Islamic State still held it 15 Dec - UNCERTAIN [S56][S58]."),
    ("salihiyah", "al-Salihiyah", "Town", 34.747, 40.731, 4471, 3, "isis", "Beside the ruins of Dura-Europos (Tell al-Salhiye), 34.747 N 40.731 E [S329][S14]; encircled 3 Dec, taken 7 Dec, briefly lost 13 Dec 2017 [S14]."),
    ("hajin", "Hajin", "City", 34.69, 40.83, 37935, 6, "isis", "[S15]; core of the Islamic State's 'Hajin pocket', which held until Dec 2018 [S15][S59]."),
    ("shaafa", "al-Sha'afa", "Village", 34.61, 40.90, 0, 1, "isis", "East-bank village, coordinates EST [S58b]."),
    ("susah", "al-Susah", "Village", 34.55, 40.94, 0, 1, "isis", "East-bank village, coordinates EST [S58b]."),
    ("baghuz", "al-Baghuz", "Village", 34.50, 40.97, 0, 3, "isis", "East-bank village by the border, coordinates EST [S58b]."),
    ("abu_kamal", "Abu Kamal", "City", 34.4536, 40.9367, 42510, 15, "isis", "34°27'13\"N 40°56'12\"E; population 42,510 (2004) [S16]; entered 8-9 Nov, mostly retaken by the Islamic State 9-11 Nov, fully taken by the government and allies 19 Nov 2017 [S60b][S61b][S62]."),
    ("hamdan", "Hamdan airfield", "Airbase", 34.48, 40.86, 0, 2, "isis", "Airstrip near Abu Kamal, coordinates EST (not sourced); government took it about 16 Nov 2017 [S67]."),
    ("crossing", "al-Qa'im - Abu Kamal crossing", "BorderCrossing", 34.415, 41.01, 0, 8, "iraq", "Husaybah crossing on the Iraqi side, coordinates EST; Iraqi forces took it 3 Nov 2017 [S91][S92]."),
    ("qaim", "al-Qa'im", "City", 34.37, 41.09, 74100, 10, "iraq", "South bank; population 74,100 (2018), older text gives 150,000-250,000 - UNCERTAIN [S89][S89b]; taken by Iraqi forces 3 Nov 2017 [S90b][S91][S92]."),
    ("rumana", "Rumana", "Town", 34.42, 41.12, 8900, 3, "isis", "North bank opposite al-Qa'im, coordinates EST; about 8,900 people; Iraqi offensive from 8 Nov 2017 [S93][S94]."),
    ("rawa", "Rawa", "Town", 34.48, 41.91, 19629, 6, "isis", "North bank; population 19,629 (2012) [S95]; 'last town held by the Islamic State in Iraq', retaken 17 Nov 2017 [S96][S97]."),
    ("anah", "Anah", "Town", 34.37, 41.99, 27211, 4, "iraq", "South bank; population 27,211 (2013) [S98]; retaken 21-22 Sep 2017 [S99][S100]."),
    ("haditha", "Haditha", "City", 34.13, 42.37, 100000, 4, "iraq", "Coordinates EST from the river; about 100,000 people (2015 report) [S101]; never fell to the Islamic State [S102]."),
    ("haditha_dam", "Haditha Dam", "Town", 34.20, 42.33, 0, 2, "iraq", "Dam and 660 MW power station, 34°12'N 42°20'E [S103][S104]."),
    ("ain_al_asad", "Ain al-Asad airbase", "Airbase", 33.79, 42.44, 0, 2, "iraq", "Iraqi airbase with US advisers; coordinates UNCERTAIN [S107]."),
    ("sukhnah", "al-Sukhnah", "Town", 34.89, 38.87, 16173, 3, "syria", "On the Palmyra-Deir ez-Zor highway; population 16,173 (2004) [S79]; taken by the government early Aug 2017 [S79][S80]."),
    ("kabajeb", "Kabajeb", "Village", 35.10, 39.55, 0, 1, "syria", "On the highway '40 km from Deir ez-Zor', coordinates EST [S84]."),
    ("shula", "al-Shula", "Village", 35.25, 39.95, 0, 1, "syria", "On the highway '<15 km from Deir ez-Zor', coordinates EST [S83]."),
    ("palmyra", "Palmyra", "City", 34.56, 38.28, 51323, 5, "syria", "Coordinates [S1]; population 51,323 [S17]; retaken by the government 2 Mar 2017 [S18]."),
    ("arak", "Arak", "Village", 34.65, 38.55, 0, 1, "syria", "Gas field and T3 station east of Palmyra, 28 km south of al-Sukhnah; coordinates EST [S19][S79]."),
    ("t2", "T2 pumping station", "PumpingStation", 34.55, 40.19, 0, 5, "syria", "Kirkuk-Baniyas pipeline station; coordinates derived from reported distances, +/-10-15 km - UNCERTAIN [S63][S64]; government took it 23-26 Oct 2017 [S65][S66]."),
    ("tanf", "al-Tanf garrison", "Airbase", 33.506, 38.618, 0, 3, "tanf", "US-led coalition base with Maghawir al-Thawra, 33°30'21\"N 38°37'04\"E, on the M2 highway, inside a 55-km deconfliction zone [S85][S86][S87]."),
    ("waleed", "al-Tanf / al-Waleed crossing", "BorderCrossing", 33.43, 38.94, 0, 2, "tanf", "Syrian side held by US-backed rebels, Iraqi side by Iraqi tribal forces [S88]."),
]

# Oil and gas fields: id, name, kind, lat, lon, output (bbl/d for oil, thousand m3/d for gas), holder, source.
FIELDS = [
    ("omar", "al-Omar oil field", "Oil", 35.06, 40.56, 9000, "sdf", "Syria's largest field, on the east bank about 10 km east of Mayadin (AFP) [S27]; drawn at an estimated 35.06 N 40.56 E, within about 5 km. An older point 18 km north-east of Mayadin came only from a wiki mirror and is no longer used [S28]. about 30,000 bbl/d before 2011 [S31][S37], about 9,000 bbl/d under the Islamic State (estimate) [S150]; SDF took it 22 Oct 2017 [S29][S30]."),
    ("tanak", "al-Tanak oil field", "Oil", 35.02, 40.59, 12000, "isis", "South-east of al-Omar, coordinates EST [S32]; up to 12,000 bbl/d under the Islamic State (pro-Russian source, UNCERTAIN) [S151]; capture reported 27 Oct (pro-government) or 13 Nov 2017 (TRT/SOHR) - the level follows the later date [S32][S33]."),
    ("conoco", "Conoco gas plant", "Gas", 35.336, 40.309, 1400, "sdf", "35°20'10\"N 40°18'34\"E [S22]; about 50 MMcf/d (1,400 thousand m3/d) of gas, but capacity figures disagree by an order of magnitude - UNCERTAIN [S21][S22][S153]; SDF took it 23 Sep 2017 [S20][S21]."),
    ("jafra", "Jafra oil field", "Oil", 35.33, 40.45, 2000, "sdf", "'About 25 km east of Deir ez-Zor', coordinates UNCERTAIN [S23]; SDF took it about 30 Sep 2017, Islamic State counter-claim 12 Oct [S23][S24][S25][S26]; output not sourced (game estimate)."),
    ("tayyem", "al-Tayyem oil field", "Oil", 35.27, 40.10, 2000, "syria", "South of the city, coordinates EST [S34]; government took it 9 Sep 2017 [S34][S35]; output not sourced (game estimate)."),
    ("sayjan", "al-Sayjan oil field", "Oil", 35.11, 40.56, 0, "sdf", "Just north of al-Omar; coordinates and output not found (placed EST); SDF took it 21-22 Oct 2017 [S31][S49]."),
    ("izba", "al-Izba gas field", "Gas", 35.385, 40.36, 0, "sdf", "Adjacent to the Conoco plant; coordinates and output not found (placed EST); SDF took it 23 Sep 2017 [S20][S193]."),
    ("akkas", "Akkas gas field", "Gas", 34.05, 41.25, 0, "iraq", "5.6 tcf of gas in place, not producing in 2017; location in western Anbar south of al-Qa'im UNCERTAIN; Iraqi forces took it by 2 Nov 2017 [S105][S106]."),
    ("ward", "al-Ward oil field", "Oil", 34.80, 40.82, 200, "isis", "About 200 bbl/d (2014) [S36]; location and 2017 control not found - placed EST in the Islamic State's east-bank pocket (UNCERTAIN)."),
]

# Units: id, name, kind, owner, lat, lon, strength (1 point ~ 100 fighters), morale, experience, source.
UNITS = [
    # Syrian government and allies
    ("syr_tiger", "Tiger Forces", "Mechanised", "syria", 35.04, 40.40, 10, 80, "Elite", "About 450 in the Abu Kamal operation [S164]; led the Ma'adan and Mayadin advances [S8][S53]."),
    ("syr_104", "104th Airborne Brigade (Republican Guard)", "Infantry", "syria", 35.36, 40.10, 15, 75, "Veteran", "Deir ez-Zor garrison with the 137th Brigade, NDF and Shaitat tribesmen, 'just under 4,000' - weak sources [S165][S166]."),
    ("syr_137", "137th Brigade (17th Division)", "Infantry", "syria", 35.30, 40.07, 12, 70, "Veteran", "[S11][S165][S42b]."),
    ("syr_ndf", "National Defence Forces, Deir ez-Zor", "Militia", "syria", 35.31, 40.18, 8, 60, "Regular", "Part of the siege-era garrison [S165][S166]."),
    ("syr_bridgehead", "East-bank bridgehead", "Infantry", "syria", 35.30, 40.22, 6, 60, "Regular", "Crossed on pontoon bridges 18 Sep 2017 [S47][S48]; pushed back opposite Mayadin 21-22 Oct [S49]; strength EST."),
    ("syr_124", "124th Brigade (Republican Guard)", "Mechanised", "syria", 34.60, 40.27, 3, 70, "Veteran", "About 300 in the Abu Kamal operation [S164]."),
    ("syr_42", "42nd Brigade (4th Division)", "Mechanised", "syria", 34.52, 40.26, 3, 70, "Veteran", "About 300 in the Abu Kamal operation [S164]."),
    ("syr_hezbollah", "Hezbollah", "SpecialForces", "syria", 34.56, 40.33, 20, 85, "Elite", "Lebanese fighters among ~8,000 allied fighters of the Abu Kamal operation [S164]; Radwan units reinforced Abu Kamal 16-17 Nov [S67]; strength EST."),
    ("syr_iraqi_militias", "Iraqi militias in Syria", "Militia", "syria", 34.48, 40.30, 20, 70, "Regular", "Iraqi fighters among ~8,000 allied fighters [S164]; strength EST."),
    ("syr_fatemiyoun", "Fatemiyoun", "Militia", "syria", 34.63, 40.20, 20, 65, "Regular", "Afghan fighters among ~8,000 allied fighters [S164][S67]; strength EST."),
    ("syr_quds", "Liwa al-Quds", "Militia", "syria", 35.05, 40.34, 10, 65, "Regular", "Palestinian fighters among ~8,000 allied fighters [S164]; strength EST."),
    ("syr_artillery", "Corps artillery", "Artillery", "syria", 35.10, 40.28, 8, 70, "Regular", "Supporting the Mayadin-Abu Kamal advance; strength EST."),
    ("syr_sukhnah", "Highway garrison", "Militia", "syria", 34.89, 38.88, 5, 55, "Green", "Held the M20 after the Islamic State raid of 28 Sep-7 Oct 2017 [S81][S82]; strength EST."),
    ("syr_palmyra", "Palmyra garrison", "Infantry", "syria", 34.56, 38.30, 6, 60, "Regular", "[S18]; strength EST."),
    # SDF
    ("sdf_dmc", "Deir ez-Zor Military Council", "Militia", "sdf", 35.38, 40.35, 25, 70, "Regular", "Arab SDF component that led Operation Jazira Storm from 9 Sep 2017 [S50][S112]; SDF about 50,000 in all, ~60% Arab [S173]; strength EST."),
    ("sdf_ypg_east", "YPG, Jazira Storm", "Infantry", "sdf", 35.20, 40.62, 20, 80, "Veteran", "[S50][S173]; took al-Omar 22 Oct 2017 [S29]; strength EST."),
    ("sdf_khabur", "Khabur axis", "Infantry", "sdf", 35.52, 40.72, 15, 75, "Veteran", "Jazira Storm advanced down the Khabur valley [S50]; strength EST."),
    ("sdf_raqqa", "Raqqa garrison", "Militia", "sdf", 35.96, 39.05, 10, 65, "Regular", "After the battle of Raqqa (6 Jun-17 Oct 2017) [S40][S41]; strength EST."),
    ("sdf_tabqa", "Tabqa garrison", "Militia", "sdf", 35.84, 38.58, 6, 65, "Regular", "[S5][S7]; strength EST."),
    ("sdf_omar", "al-Omar guard", "Infantry", "sdf", 35.11, 40.56, 8, 70, "Regular", "Held the fields against raids [S29]; posted at al-Sayjan, just north of al-Omar (position and strength EST)."),
    # Iraq
    ("irq_7div", "7th Infantry Division", "Infantry", "iraq", 34.36, 41.14, 30, 70, "Regular", "Jazira Operations Command, al-Qa'im offensive from 26 Oct 2017 [S90b][S105]; 'two infantry divisions and tribal forces' for Rawa [S94b]; strength EST."),
    ("irq_cts", "Counter-Terrorism Service", "SpecialForces", "iraq", 34.40, 41.03, 15, 85, "Elite", "Took al-Qa'im and the crossing 3 Nov 2017 [S90b][S91]; strength EST."),
    ("irq_pmf", "Popular Mobilization Forces", "Militia", "iraq", 34.30, 41.05, 30, 75, "Regular", "Brigades in the al-Qa'im offensive [S90b][S116]; 60,000-90,000 in all Iraq [S177]; strength EST."),
    ("irq_tribal", "Tribal Mobilization", "Militia", "iraq", 34.36, 41.98, 10, 65, "Regular", "[S90b][S105]; strength EST."),
    ("irq_8div", "8th Infantry Division", "Infantry", "iraq", 34.05, 41.25, 25, 65, "Regular", "At the Akkas gas field in November 2017 [S335]; perhaps the second of the 'two infantry divisions' for Rawa [S94b] (UNCERTAIN); strength EST."),
    ("irq_9armd", "9th Armoured Division", "Mechanised", "iraq", 34.20, 41.60, 20, 70, "Regular", "Named for the desert phase from 23 Nov 2017 [S116]; strength EST."),
    ("irq_police", "Anbar police and Federal Police", "Infantry", "iraq", 34.14, 42.33, 10, 60, "Regular", "[S105][S176]; strength EST."),
    # Islamic State
    ("is_abu_kamal", "Abu Kamal garrison", "Infantry", "isis", 34.4536, 40.9367, 14, 80, "Veteran", "6,000-8,000 fighters in the Mayadin-Abu Kamal valley (coalition estimate, Sep 2017) [S160], fewer than 3,000 in Iraq and Syria by 5 Dec [S118]; the city was entered within days of the government's arrival (8-9 Nov) [S60b]; strength EST."),
    ("is_hajin", "Hajin fighters", "Infantry", "isis", 34.69, 40.83, 36, 85, "Veteran", "[S15][S160]; the core of the pocket, which still held at least 5,000 fighters when the SDF took Hajin in Dec 2018 [S272][S273]; strength EST (with it, the level's Islamic State units in the valley come to about three-quarters of the 6,000-8,000 of Sep 2017 [S160])."),
    ("is_salihiyah", "al-Salihiyah fighters", "Militia", "isis", 34.747, 40.731, 8, 70, "Regular", "[S14][S160]; strength EST."),
    ("is_asharah", "al-Asharah fighters", "Militia", "isis", 34.92, 40.56, 8, 70, "Regular", "[S56][S160]; strength EST."),
    ("is_busayrah", "al-Busayrah fighters", "Militia", "isis", 35.15, 40.43, 6, 65, "Regular", "[S33][S160]; strength EST."),
    ("is_baghuz", "al-Baghuz fighters", "Militia", "isis", 34.50, 40.97, 6, 75, "Regular", "[S58b][S160]; strength EST."),
    ("is_shaafa", "al-Sha'afa fighters", "Militia", "isis", 34.61, 40.90, 5, 70, "Regular", "[S58b]; strength EST."),
    ("is_mobile", "Mobile reserve", "Mechanised", "isis", 34.55, 40.75, 8, 80, "Veteran", "Counter-attack force (it retook most of Abu Kamal 9-11 Nov 2017) [S61b][S94]; strength EST."),
    ("is_desert", "Desert raiders", "SpecialForces", "isis", 34.75, 39.35, 5, 80, "Veteran", "Raids on the Palmyra-Deir ez-Zor highway, 28 Sep-7 Oct 2017 [S81][S82]; strength EST."),
    ("is_rawa", "Rawa fighters", "Infantry", "isis", 34.48, 41.91, 8, 75, "Regular", "About 1,500 near al-Qa'im (CJTF-OIR, early Nov) [S92][S162]; strength EST."),
    ("is_rumana", "Rumana fighters", "Militia", "isis", 34.42, 41.12, 6, 70, "Regular", "[S93][S162]; strength EST."),
    ("is_tanak", "al-Tanak guard", "Militia", "isis", 35.02, 40.59, 4, 60, "Regular", "[S32][S33]; strength EST."),
    # al-Tanf
    ("tanf_mat", "Maghawir al-Thawra", "Infantry", "tanf", 33.52, 38.64, 3, 70, "Regular", "US-backed rebels at al-Tanf [S85][S86]; strength EST."),
]

ROADS = [
    ("South-bank road (Raqqa - Deir ez-Zor)", [(35.84, 38.55), (35.88, 38.80), (35.915, 39.05), (35.75, 39.61), (35.60, 39.87), (35.31, 40.08), (35.33, 40.15)],
     "Tabqa to Raqqa EST; Ma'adan road [S8][S9]; schematic, intermediate points EST (FACTS 2b road 1)."),
    ("Deir ez-Zor - Mayadin - Abu Kamal highway", [(35.33, 40.15), (35.285, 40.176), (35.02, 40.45), (34.96, 40.49), (34.92, 40.56), (34.747, 40.731), (34.4536, 40.9367), (34.415, 41.01), (34.37, 41.09)],
     "[S12b][S16b]; schematic, intermediate points EST (FACTS 2b road 2)."),
    ("North-bank road (Deir ez-Zor - Hajin - al-Baghuz)", [(35.37, 40.15), (35.30, 40.30), (35.155, 40.445), (35.10, 40.47), (34.98, 40.52), (34.69, 40.83), (34.61, 40.90), (34.55, 40.94), (34.50, 40.97)],
     "Schematic, points EST (FACTS 2b road 3)."),
    ("North-bank road (Raqqa - Deir ez-Zor)", [(35.95, 39.02), (35.85, 39.55), (35.60, 39.95), (35.37, 40.15)],
     "Raqqa - al-Kasrah - Deir ez-Zor east bank; EST, not sourced (FACTS 2b road 1)."),
    ("Iraqi north-bank road (Rumana - Rawa)", [(34.42, 41.12), (34.47, 41.45), (34.52, 41.78), (34.48, 41.91)],
     "Schematic, EST (FACTS 2b road 3)."),
    ("Iraqi south-bank road (al-Qa'im - Anah - Haditha)", [(34.37, 41.09), (34.40, 41.40), (34.37, 41.70), (34.37, 41.99), (34.25, 42.20), (34.13, 42.37), (33.95, 42.64)],
     "Euphrates route toward Hit and Ramadi; schematic, intermediate points EST (FACTS 2b road 5)."),
    ("Palmyra - Deir ez-Zor highway (M20)", [(34.56, 38.28), (34.65, 38.55), (34.89, 38.87), (35.10, 39.55), (35.25, 39.95), (35.31, 40.08)],
     "Name per Russian MoD [S111]; Arak, Kabajeb and al-Shula EST [S79][S83][S84] (FACTS 2b road 4)."),
    ("Palmyra - Damascus road", [(34.56, 38.28), (34.45, 38.155)], "Toward Damascus (off the map); schematic."),
    ("T2 - Mayadin road", [(34.55, 40.19), (34.80, 40.32), (35.02, 40.45)], "'T2 connects north to Mayadin' [S64]; EST."),
    ("T2 - border road", [(34.55, 40.19), (34.42, 40.45), (34.33, 40.69), (34.37, 41.09)], "'...and south-east to the Iraqi border' [S64]; EST."),
    ("T2 - Palmyra pipeline road", [(34.55, 40.19), (34.60, 39.40), (34.65, 38.55)], "Along the Kirkuk-Baniyas pipeline via Humaymah (UNCERTAIN) [S64][S154]; EST."),
    ("Baghdad - Damascus highway (M2 / Highway 1)", [(33.62, 38.155), (33.506, 38.618), (33.43, 38.94), (33.23, 39.45)],
     "Via al-Tanf and al-Waleed toward Rutba (off the map) [S85][S88]; schematic."),
    ("Hasakah road (Khabur valley)", [(36.262, 40.78), (35.75, 40.79), (35.52, 40.71), (35.34, 40.58), (35.17, 40.46)],
     "Along the Khabur through al-Suwar [S109][S50]; schematic, EST."),
    ("Raqqa - Tal Abyad road", [(35.95, 39.02), (36.262, 38.98)], "North toward the Turkish border (off the map); schematic."),
]

CROSSINGS = [
    ("Tabqa Dam road", "Bridge", "euphrates", (35.865, 38.57), "The dam carries a road; SDF held it from 10 May 2017 [S5][S7]."),
    ("Raqqa bridges", "Ruined", "euphrates", (35.935, 39.02), "Raqqa's Euphrates bridges were unusable after the 2017 battle (widely reported; not in the project's FACTS - UNCERTAIN); FACTS road 1 notes a crossing here."),
    ("Deir ez-Zor suspension bridge", "Ruined", "euphrates", (35.34, 40.16), "Destroyed in 2013 (widely reported; not in the project's FACTS - UNCERTAIN)."),
    ("Government pontoon bridges", "Pontoon", "euphrates", (35.325, 40.20), "Government forces crossed on pontoon bridges near Deir ez-Zor, 18 Sep 2017 [S47][S48]; position EST."),
    ("Khabur bridge at al-Busayrah", "Bridge", "khabur", (35.17, 40.45), "'Bridge over the Khabur' on the north-bank road, EST (FACTS 2b road 3)."),
    ("al-Suwar bridge", "Bridge", "khabur", (35.50, 40.685), "The Hasakah road crosses the Khabur near al-Suwar; EST, not sourced."),
    ("Rumana bridge", "Bridge", "euphrates", (34.395, 41.10), "Iraqi forces took the Rumana bridge 8 Nov 2017 [S93]; position EST."),
    ("Rawa - Anah bridge", "Bridge", "euphrates", (34.44, 41.95), "[S110]; position EST."),
    ("Haditha Dam road", "Bridge", "euphrates", (34.205, 42.345), "Across the dam crest (about 8.9 km) [S103][S104]; position EST."),
]

# ---------------------------------------------------------------------------------------


def is_syria(lat, lon):
    """East or west of the Syria-Iraq border line (nearest-segment side)."""
    d, side = line_dist((lat, lon), BORDER)
    return side < 0  # the line runs north to south; Syria lies to its west


def north_of_euphrates(lat, lon):
    d, side = line_dist((lat, lon), EUPHRATES)
    return side > 0


def terrain(col, row):
    lat, lon = latlon_of(col, row)
    p = (lat, lon)
    if line_dist(p, LAKE_ASSAD)[0] < 4.0 or line_dist(p, LAKE_QADISIYAH)[0] < 3.5:
        return "~"
    d_eu = line_dist(p, EUPHRATES)[0]
    d_kh = line_dist(p, KHABUR)[0]
    if d_eu < 5.5 or d_kh < 3.5:
        return "v"
    if in_ellipse(p, BISHRI) or in_ellipse(p, PALMYRENE):
        return "^"
    if north_of_euphrates(lat, lon) and lat > 34.55:
        return ","
    return "."


def controller(col, row):
    lat, lon = latlon_of(col, row)
    p = (lat, lon)
    syria = is_syria(lat, lon)
    north = north_of_euphrates(lat, lon)
    d_eu = line_dist(p, EUPHRATES)[0]
    if not syria:
        if not north or lon > 42.2:
            return "i"                       # Iraq: al-Qa'im to Haditha, the Anbar desert
        # The north bank from Rumana to Rawa; the Jazira desert beyond was not held by anyone
        # in particular (Iraq began clearing it on 23 Nov 2017 [S116]).
        return "s" if d_eu < 20 else "."
    if km(p, (33.506, 38.618)) <= 55:
        return "t"                           # al-Tanf 55-km deconfliction zone [S86]
    if north:
        # The east bank: SDF, a government bridgehead opposite Deir ez-Zor, and the Islamic
        # State's valley pocket from al-Busayrah to the border.
        if 35.29 <= lat <= 35.40 and 40.12 <= lon <= 40.27 and d_eu < 5:
            return "g"
        # The pocket is the riverside strip below al-Busayrah, widening into the desert only
        # south of Mayadin's latitude: the SDF held the desert east of the strip from al-Omar
        # (taken 22 Oct 2017 [S29]) northward.
        if (lat < 35.00 and d_eu < 19) or (lat < 35.17 and d_eu < 5.5):
            return "s"
        if lat < 34.85:
            return "."
        return "d"
    # The south/west bank and the Badia.
    if lon < 39.25 and d_eu < 25 and lat > 35.5:
        return "d"                           # SDF south of Tabqa and Raqqa
    if lat < 34.97 and lon > 40.35:
        if lat < 34.33 and d_eu > 15:
            return "."                       # empty border desert
        return "s"                           # the valley below Mayadin and the desert to the border
    return "g"


def pos(lat, lon):
    return "LatLon(%.4f, %.4f)" % (lat, lon)


def q(s):
    return json.dumps(s, ensure_ascii=False)


def level_text():
    global EUPHRATES
    EUPHRATES = keep_banks(EUPHRATES_PATH, PLACES)
    out = []
    w = out.append
    w("// The race for the border zone: the Euphrates corridor, 3 November 2017.")
    w("//")
    w("// Generated by tools/make_euphrates_2017.py from the project's sourced scenario notes and")
    w("// Natural Earth 1:10m lines; [Sx] tags refer to the source list in docs/SCENARIO.md.")
    w("// Edit the generator and run it again rather than editing this file by hand.")
    w("(")
    w("    format: 1,")
    w('    id: "euphrates_2017",')
    w('    name: "The race for the border zone, November 2017",')
    w("    description: %s," % q(
        "3 November 2017: the Syrian government has declared Deir ez-Zor retaken and Iraqi forces have taken al-Qa'im and the border crossing. "
        "The Islamic State's last important territory is the border town of Abu Kamal and the Euphrates valley around it. "
        "The government and its Russian- and Iranian-backed allies converge down the south bank from Mayadin and across the desert from T2; "
        "the US-backed SDF comes down the north bank and the Khabur toward the oil fields and the border; Iraqi forces push from al-Qa'im toward Rawa. "
        "The river is the deconfliction line between the two great-power-backed camps."))
    w("    source: %s," % q("Scenario notes FACTS.md (sources S1-S194, listed in docs/SCENARIO.md); Natural Earth 1:10m rivers and boundary lines (public domain)."))
    w("    start: (year: 2017, month: 11, day: 3),")
    w("    days_per_turn: 2,")
    w("    turns: 20,")
    w("    // Brent averaged about $54 a barrel in 2017 and $61.5 in mid-November [S155][S156].")
    w("    oil_price: 54,")
    w("    // Unit upkeep at the game's standard costs (see docs/MODDING.md).")
    w("    upkeep_percent: 100,")
    w("    // Four campaigns run side by side: one side's race won does not end the others' wars, so")
    w("    // the game always runs its twenty turns (the record went on: Hajin held until Dec 2018).")
    w("    decisive_end: false,")
    w("    // Each side sees only what its troops, its places and its patrons' aircraft can (the fog")
    w("    // of war); a teacher may switch it off for a game (play --fog off).")
    w("    fog: true,")
    w("")
    w("    map: (")
    w("        width: %d," % W)
    w("        height: %d," % H)
    w("        orientation: Pointy,")
    w("        projection: (origin: (lat: %.2f, lon: %.2f), hex_km: %.1f, standard_parallel: %.2f)," % (LAT0, LON0, HEX_KM, PARALLEL))
    w("        // Desert: the Badia; steppe: the Jazira; valley: the irrigated Euphrates and Khabur;")
    w("        // hills: Jabal Bishri and the Palmyrene hills (EST); water: Lake Assad and Lake Qadisiyah (EST).")
    w("        legend: { '.': Desert, ',': Steppe, 'v': Valley, '#': Urban, '^': Hills, '%': Marsh, '~': Water },")
    w("        terrain: [")
    grid = [[terrain(c, r) for c in range(W)] for r in range(H)]
    for (pid, name, kind, lat, lon, popn, pts, holder, src) in PLACES:
        c, r = hex_of(lat, lon)
        if kind == "City":
            grid[r][c] = "#"
        elif grid[r][c] == "~":
            grid[r][c] = "v"
    for row in grid:
        w('            "%s",' % "".join(row))
    w("        ],")
    w("    ),")
    w("")
    w("    countries: [")
    w('        (id: "syria", name: "Syria", seed: %s),' % pos(34.56, 38.28))
    w('        (id: "iraq", name: "Iraq", seed: %s),' % pos(34.13, 42.37))
    w("    ],")
    w("    borders: [")
    w("        (")
    w("            path: [%s]," % ", ".join(pos(a, b) for a, b in BORDER_PATH))
    w("            source: %s," % q("Natural Earth 1:10m admin_0_boundary_lines_land [S3], simplified to 0.8 km; extended north and south to the map edge along its bearing (EST)."))
    w("        ),")
    w("    ],")
    w("")
    w("    rivers: [")
    w("        (")
    w('            id: "euphrates",')
    w('            name: "Euphrates",')
    w("            path: [")
    for i in range(0, len(EUPHRATES), 4):
        w("                %s," % ", ".join(pos(a, b) for a, b in EUPHRATES[i:i + 4]))
    w("            ],")
    w("            source: %s," % q("Natural Earth 1:10m rivers_lake_centerlines [S2], simplified to 0.8 km; from the Tabqa Dam outflow (FACTS vertex 1) to Haditha. Where the generalised line runs through a riverside town it is bent round the town's hex so that the town is on its sourced bank (EST)."))
    w("        ),")
    w("        (")
    w('            id: "khabur",')
    w('            name: "Khabur",')
    w("            path: [%s]," % ", ".join(pos(a, b) for a, b in KHABUR))
    w("            source: %s," % q("Natural Earth 1:10m has no Khabur feature: al-Suwar [S109] and the confluence at al-Busayrah [S50][S51] are sourced, the course north of al-Suwar is EST."))
    w("        ),")
    w("    ],")
    w("")
    w("    crossings: [")
    for name, kind, river, (lat, lon), src in CROSSINGS:
        w("        (name: %s, kind: %s, river: %s, at: %s, source: %s)," % (q(name), kind, q(river), pos(lat, lon), q(src)))
    w("    ],")
    w("")
    w("    roads: [")
    for name, pts, src in ROADS:
        w("        (name: %s, path: [%s], source: %s)," % (q(name), ", ".join(pos(a, b) for a, b in pts), q(src)))
    w("    ],")
    w("")
    w("    patrons: [")
    w('        (id: "russia", name: "Russia", wants: ["omar", "tanak", "conoco"], source: %s),' % q("Air campaign and advisers; 3,000-6,000 personnel at a time (US estimate, UNCERTAIN); drawdown ordered 11 Dec 2017 [S123][S124][S171][S172]. Wants: game estimate - the east-bank fields the government lost in the race to the SDF [S29][S30][S20]."))
    w('        (id: "iran", name: "Iran", source: %s),' % q("Backed Hezbollah and Iraqi, Afghan and Pakistani militias in Syria, and PMF units in Iraq [S164][S167][S169]."))
    w('        (id: "coalition", name: "US-led coalition", wants: ["omar", "tanak", "conoco"], oil_campaign: "isis", source: %s),' % q("About 2,000 US troops in Syria and 5,200 in Iraq (Pentagon, 6 Dec 2017) [S119][S120]; air support to the SDF and Iraqi forces. Wants: game estimate - the fields its SDF partners took [S29][S30][S20]. Oil campaign: the Islamic State's oil revenue fell 88 % between Q2 2015 and Q2 2017 [S142]; strikes on its oil are a game rule."))
    w("    ],")
    w("")
    w("    factions: [")
    w('        (id: "syria", name: "Syrian government and allies", color: "#b5403a", playable: true, patrons: ["russia", "iran"], treasury: 20, oil_access: 70, tax: 3, funding: 150, fuel: 1, source: %s),' % q("Oil access: the government refines its own crude (game estimate). Treasury, taxes, funding from Damascus and fuel from the rear: game estimates; the government was short of fuel after losing the eastern fields (game estimate). Syrian Arab Army, Republican Guard, NDF, with Hezbollah and Iranian-backed militias as its units [S164][S165]. Treasury: game estimate; government oil output was about 9,000-9,500 bbl/d in 2014-15 [S143][S147]."))
    w('        (id: "sdf", name: "Syrian Democratic Forces", color: "#d9ad2b", playable: true, patrons: ["coalition"], treasury: 15, oil_access: 40, tax: 3, funding: 50, source: %s),' % q("Oil access: sells through middlemen (game estimate). Taxes and funding from the Autonomous Administration: game estimates. About 50,000 fighters in 22 factions, ~40% YPG and ~60% Arab (early 2017) [S173]. Treasury: game estimate."))
    w('        (id: "iraq", name: "Iraqi forces", color: "#3f8f5a", playable: true, patrons: ["coalition", "iran"], treasury: 30, oil_access: 100, funding: 300, fuel: 3, source: %s),' % q("Funding from the Iraqi state budget and fuel from its refineries: game estimates. Army, Counter-Terrorism Service, police, Popular Mobilization Forces and tribal forces [S90b][S91][S105][S116]. Treasury: game estimate."))
    w('        (id: "isis", name: "Islamic State", color: "#4a4a4a", playable: true, treasury: 16, oil_access: 50, tax: 20, negotiates: false, verdicts: (decisive: 90, victory: 80, draw: 65), cells: 4, source: %s),' % q("Oil access: smugglers paid $20-45 a barrel at the wellhead in 2015, when Brent averaged $52 [S133][S157]. Treasury: one month of its total revenue in Q2 2017, about $16 M [S142]; taxes and levies (game estimate) bring its income near that level. It takes no part in diplomacy. 6,000-8,000 fighters in the Middle Euphrates valley (Sep 2017) and about 1,500 near al-Qa'im (early Nov) [S160][S162]; fewer than 3,000 in Iraq and Syria by 5 Dec 2017 [S118]. Cells: as its towns fell it left fighters behind and returned to insurgency, living off extortion and smuggling, which with taxes made most of its income by mid-2017 [S142]; at most four cells at once is a game estimate."))
    w('        (id: "tanf", name: "al-Tanf garrison", color: "#6a7fb0", playable: false, patrons: ["coalition"], treasury: 1, source: %s),' % q("Maghawir al-Thawra with US forces at al-Tanf, inside a 55-km deconfliction zone [S85][S86][S87]."))
    w("    ],")
    w("")
    w("    relations: [")
    w('        (a: "syria", b: "sdf", stance: Neutral, tension: 20, source: %s),' % q("The Euphrates was the de-facto dividing line, with a US-Russian deconfliction line [S47][S108]. Tension: game estimate."))
    w('        (a: "syria", b: "iraq", stance: Neutral, tension: 10, source: %s),' % q("Government units from T2 reportedly linked up with Iraqi forces at the border about 6-7 Nov 2017 (pro-Iran source, UNCERTAIN) [S115]: coordination is one proposal away."))
    w('        (a: "sdf", b: "iraq", stance: Cooperating, source: %s),' % q("Both backed by the US-led coalition [S119][S120]."))
    w('        (a: "syria", b: "tanf", stance: Neutral, source: %s),' % q("55-km deconfliction zone around al-Tanf [S86]."))
    w('        (a: "sdf", b: "tanf", stance: Allied, source: %s),' % q("Both backed by the US-led coalition [S85][S173]."))
    w('        (a: "iraq", b: "tanf", stance: Neutral, source: %s),' % q("Iraqi tribal forces held the Iraqi side of al-Waleed [S88]."))
    w('        (a: "russia", b: "coalition", stance: Rival, tension: 30, source: %s),' % q("They kept a deconfliction line along the Euphrates [S47][S108]; tension: game estimate."))
    w('        (a: "iran", b: "coalition", stance: Rival, tension: 40, source: %s),' % q("Game estimate."))
    w('        (a: "russia", b: "iran", stance: Cooperating, source: %s),' % q("Both backed the government's offensive [S164][S167]."))
    w('        (a: "coalition", b: "syria", stance: Rival, tension: 30, source: %s),' % q("Game estimate; see the al-Tanf zone [S86]."))
    w('        (a: "russia", b: "sdf", stance: Neutral, tension: 20, source: %s),' % q("Game estimate."))
    w('        (a: "iran", b: "sdf", stance: Rival, tension: 20, source: %s),' % q("Game estimate."))
    for p in ("russia", "iran", "coalition"):
        w('        (a: "%s", b: "isis", stance: Hostile, source: %s),' % (p, q("[S118][S121]")))
    w("    ],")
    w("")
    w("    // defences: lines of prepared works; each absorbs one lost fight. Game estimates from how")
    w("    // long each place held under attack in the record (see the generator's DEFENCES).")
    w("    places: [")
    for (pid, name, kind, lat, lon, popn, pts, holder, src) in PLACES:
        lines = DEFENCES.get(pid, 0)
        works = ", defences: %d" % lines if lines else ""
        here = ""
        if pid in PRESENT:
            n, why = PRESENT[pid]
            here = ", present: %d" % n
            src = src + " " + why
        w("        (id: %s, name: %s, kind: %s, at: %s, population: %d%s, points: %d, holder: %s%s, source: %s)," % (
            q(pid), q(name), kind, pos(lat, lon), popn, here, pts, q(holder), works, q(src)))
    w("    ],")
    w("")
    w("    oil_fields: [")
    for (fid, name, kind, lat, lon, output, holder, src) in FIELDS:
        w("        (id: %s, name: %s, kind: %s, at: %s, output: %d, holder: %s, source: %s)," % (
            q(fid), q(name), kind, pos(lat, lon), output, q(holder), q(src)))
    w("    ],")
    w("")
    w("    units: [")
    for (uid, name, kind, owner, lat, lon, strength, morale, exp, src) in UNITS:
        w("        (id: %s, name: %s, kind: %s, owner: %s, at: %s, strength: %d, morale: %d, experience: %s, source: %s)," % (
            q(uid), q(name), kind, q(owner), pos(lat, lon), strength, morale, exp, q(src)))
    w("    ],")
    w("")
    w("    // Starting control on 3 November 2017 (derived by the generator from FACTS section 1).")
    w("    control: (")
    w("        legend: { 'g': \"syria\", 'd': \"sdf\", 'i': \"iraq\", 's': \"isis\", 't': \"tanf\" },")
    w("        rows: [")
    for r in range(H):
        w('            "%s",' % "".join(controller(c, r) if grid[r][c] != "~" else "." for c in range(W)))
    w("        ],")
    w("    ),")
    w("")
    w("    objectives: [")
    for o in OBJECTIVES:
        w("        (id: %s, faction: %s, goal: %s, points: %d, %sdescription: %s, source: %s)," % o)
    w("    ],")
    w("")
    w("    agreements: [")
    line = [(a, b) for (a, b) in EUPHRATES if b <= 40.99]
    w("        (")
    w('            id: "euphrates_line",')
    w('            name: "Euphrates deconfliction line",')
    w('            parties: ("syria", "sdf"),')
    w("            kind: Deconfliction((")
    w("                path: [")
    for i in range(0, len(line), 4):
        w("                    %s," % ", ".join(pos(a, b) for a, b in line[i:i + 4]))
    w("                ],")
    w("            )),")
    w("            source: %s," % q("In 2017 the river was the de-facto dividing line between SDF (east) and government (west) operations, with a US-Russian deconfliction line [S47][S108]. The line follows the level's Euphrates from Tabqa to the Iraqi border."))
    w("        ),")
    w("        (")
    w('            id: "tanf_zone",')
    w('            name: "al-Tanf 55-km zone",')
    w('            parties: ("syria", "tanf"),')
    w("            kind: NoStrike(center: %s, radius: 9)," % pos(33.506, 38.618))
    w("            source: %s," % q("55-km zone the coalition declared around its base at al-Tanf [S85][S86][S311]; nine 6-km hexes."))
    w("        ),")
    w("    ],")
    w("")
    w("    support: [")
    for (patron, faction, points, money, fuel, offers, recon, src) in SUPPORT:
        w("        (patron: %s, faction: %s, points: %d, money: %d, fuel: %d, offers: [%s], %ssource: %s)," % (
            q(patron), q(faction), points, money, fuel, ", ".join(offers),
            "reconnaissance: %d, " % recon if recon else "", q(src)))
    w("    ],")
    w("")
    w("    supply_sources: [")
    # The Islamic State had no rear: the towns and villages it holds serve as depots.
    depots = [("isis", "%s depot" % name, "Depot", (lat, lon), "Game rule: Islamic State-held towns serve as depots of limited range.")
              for (pid, name, kind, lat, lon, popn, pts, holder, src) in PLACES
              if holder == "isis" and kind in ("City", "Town", "Village")]
    for (f, name, kind, (lat, lon), src) in SUPPLY + depots:
        w("        (faction: %s, name: %s, kind: %s, at: %s, source: %s)," % (q(f), q(name), kind, pos(lat, lon), q(src)))
    w("    ],")
    w("")
    w("    // ---- Teaching: briefings, the historical calendar, the encyclopedia (docs/MODDING.md) ----")
    for name in TEACHING:
        w("")
        w(teaching_fragment(name))
    w(")")
    return "\n".join(out) + "\n"


# People living in a place when the game begins, where a count of them was found (FACTS 9,
# "People actually present"); elsewhere the level keeps the census, for want of a count.
PRESENT = {
    "raqqa": (3000, "Present at the start: fewer than 3,000 in October 2017 (REACH) [S40], 2,000-3,000 back on the edges on 20 Oct (OCHA) [S291]."),
    "deir_ez_zor": (100000, "Present at the start: about 90,000 in the government-held districts (UN estimate, Nov 2017) [S347] and about 10,000 in those the Islamic State held (Sep 2017) [S200]."),
    "rawa": (10000, "Present at the start: about 10,000 civilians reported held by the Islamic State on 11 Nov 2017 [S94]."),
    "qaim": (40000, "Present at the start: EST - the UN counted about 50,000 people left in the al-Qa'im and Rawa districts together in late September 2017 [S191]; Rawa's 10,000 are taken away."),
}


# The teaching content, written by hand as RON fragments (one top-level field each) in
# tools/data/euphrates_2017/, in the order the level lists them.
TEACHING = [
    "perspective", "content_note", "teachers_notes", "briefings", "events", "articles", "front_lines",
    "glossary", "sources",
]


def teaching_fragment(name):
    """The fragment for one teaching field, without its trailing blank lines."""
    path = os.path.join(ROOT, "tools/data/euphrates_2017", name + ".ron")
    with open(path, encoding="utf-8") as fh:
        text = fh.read().rstrip("\n")
    if not text.startswith("    %s: " % name):
        raise SystemExit("%s: must begin with the field `    %s: `" % (path, name))
    return text


def obj(oid, faction, goal, points, description, source="", by=None):
    deadline = "by: (year: %d, month: %d, day: %d), " % by if by else ""
    return (q(oid), q(faction), goal, points, deadline, q(description), q(source))


OBJECTIVES = [
    obj("syria_abu_kamal", "syria", 'Hold("abu_kamal")', 25, "Take Abu Kamal, the Islamic State's last major town in Syria, and hold it.", "Government and allies took it 19 Nov 2017 [S62]."),
    obj("syria_race", "syria", 'Hold("abu_kamal")', 10, "Win the race: take Abu Kamal by 19 November 2017, as the government and its allies did.", "Full control of Abu Kamal 19 Nov 2017 [S62].", (2017, 11, 19)),
    obj("syria_land_route", "syria", 'Route("abu_kamal", "palmyra")', 20, "Open a land route from the Iraqi border at Abu Kamal to Palmyra and the Damascus road.", "T2 'connects ... south-east to the Iraqi border' [S64]; the Euphrates route via al-Qa'im (FACTS 2b road 5)."),
    obj("syria_south_bank", "syria", 'Route("mayadin", "abu_kamal")', 10, "Clear the south-bank road from Mayadin to Abu Kamal.", "[S56][S14]"),
    obj("syria_deir_ez_zor", "syria", 'Hold("deir_ez_zor")', 10, "Keep Deir ez-Zor.", "[S42][S43]"),
    obj("sdf_omar", "sdf", 'HoldField("omar")', 15, "Keep al-Omar, Syria's largest oil field.", "[S29][S31]"),
    obj("sdf_tanak", "sdf", 'HoldField("tanak")', 10, "Take the al-Tanak oil field.", "[S32][S33]"),
    obj("sdf_conoco", "sdf", 'HoldField("conoco")', 5, "Keep the Conoco gas plant.", "[S20][S21]"),
    obj("sdf_hajin", "sdf", 'Hold("hajin")', 10, "Take Hajin, the heart of the east-bank pocket.", "[S15][S59]"),
    obj("sdf_busayrah", "sdf", 'Hold("busayrah")', 5, "Take al-Busayrah at the mouth of the Khabur by 13 November 2017, as the SDF did.", "SDF took al-Busayrah, Abriha and Shuhail 12-13 Nov 2017 [S33][S52].", (2017, 11, 13)),
    obj("sdf_border", "sdf", 'Hold("baghuz")', 10, "Reach the border at al-Baghuz on the east bank.", "[S58b]"),
    obj("iraq_qaim", "iraq", 'Hold("qaim")', 10, "Hold al-Qa'im.", "[S91][S92]"),
    obj("iraq_crossing", "iraq", 'Hold("crossing")', 10, "Hold the border crossing.", "[S91][S92]"),
    obj("iraq_rawa", "iraq", 'Hold("rawa")', 15, "Retake Rawa, the last Islamic State town in Iraq.", "[S96][S97]"),
    obj("iraq_rawa_race", "iraq", 'Hold("rawa")', 5, "Retake Rawa by 17 November 2017, as Iraqi forces did.", "Rawa retaken 17 Nov 2017 [S96][S97].", (2017, 11, 17)),
    obj("iraq_rumana", "iraq", 'Hold("rumana")', 5, "Take Rumana across the river from al-Qa'im.", "[S93]"),
    obj("iraq_anah", "iraq", 'Hold("anah")', 5, "Keep Anah.", "[S99][S100]"),
    obj("isis_survive", "isis", "Survive", 20, "Survive: keep fighters in the field to the end.", "[S118][S125]"),
    obj("isis_abu_kamal", "isis", 'Hold("abu_kamal")', 15, "Hold Abu Kamal.", "[S60b][S61b]"),
    obj("isis_hajin", "isis", 'Hold("hajin")', 10, "Hold Hajin.", "[S15]"),
    obj("isis_rawa", "isis", 'Hold("rawa")', 5, "Hold Rawa.", "[S96]"),
]

# What each patron gives each client every turn: support points for requests (an air strike or
# air drop costs 2, reinforcements 6), money in thousands of dollars, fuel points.
SUPPORT = [
    ("russia", "syria", 2, 0, 2, ["AirStrike", "AirDrop"], 1, "Russian air campaign and airdrops to the Deir ez-Zor enclave [S72][S123][S171]; amounts, and the reconnaissance its aircraft fly over the front, are game estimates."),
    ("iran", "syria", 3, 100, 0, ["Reinforcements(Militia)"], 0, "Hezbollah Radwan units and Fatemiyoun reinforced Abu Kamal 16-17 Nov 2017 [S67][S164]; amounts are game estimates."),
    ("iran", "iraq", 2, 50, 0, ["Reinforcements(Militia)"], 0, "Iran backed PMF units in Iraq [S167][S169]; amounts are game estimates."),
    ("coalition", "sdf", 2, 100, 0, ["AirStrike", "Reinforcements(SpecialForces)"], 1, "Coalition air support and advisers with the SDF [S119][S173]; amounts, and the reconnaissance its aircraft fly over the front, are game estimates."),
    ("coalition", "iraq", 2, 0, 0, ["AirStrike", "AirDrop"], 1, "Coalition air support to Iraqi forces; about 5,200 US troops in Iraq [S119][S120]; amounts, and the reconnaissance its aircraft fly over the front, are game estimates."),
    ("coalition", "tanf", 1, 20, 0, ["AirDrop"], 0, "The garrison was supplied by air [S85][S87]; amounts are game estimates."),
]

SUPPLY = [
    ("syria", "Damascus road", "Road", (34.45, 38.155), "Palmyra - Damascus road to the government's rear; schematic."),
    ("syria", "Deir ez-Zor airbase", "Airlift", (35.285, 40.176), "Through the siege the garrison was supplied by military flights into the airbase, its only way in or out [S206]; the UN's food drops (309 in all) fed the civilians, not the troops [S70][S72]."),
    ("sdf", "Hasakah road", "Road", (36.24, 40.78), "Khabur valley road from Hasakah [S50]; schematic."),
    ("sdf", "Tal Abyad road", "Road", (36.24, 38.98), "North of Raqqa; schematic."),
    ("iraq", "Anbar road", "Road", (33.96, 42.63), "Euphrates road from Hit and Ramadi (FACTS 2b road 5); schematic."),
    ("iraq", "Ain al-Asad airbase", "Airlift", (33.79, 42.44), "[S107]"),
    ("tanf", "al-Tanf airstrip", "Airlift", (33.506, 38.618), "Coalition base [S85][S87]."),
    ("isis", "Badia hideouts", "Depot", (34.75, 39.35), "Islamic State fighters raided the Palmyra - Deir ez-Zor highway near al-Sukhnah from the desert, 28 Sep - 7 Oct 2017 [S81][S82]; position EST."),
    ("isis", "Jazira desert hideouts", "Depot", (34.90, 41.60), "Iraq's second phase (from 23 Nov 2017) cleared Islamic State remnants from desert hideouts in the Jazira [S116]; position EST."),
]

USAGE = """usage: python3 tools/make_euphrates_2017.py [--check | --output PATH]
  writes levels/euphrates_2017.ron from the data in this script and the teaching fragments
  in tools/data/euphrates_2017/
  --check        write nothing; exit 1 if the committed level differs from what would be written
  --output PATH  write the level to PATH instead"""


def main(args):
    level = os.path.join(ROOT, "levels/euphrates_2017.ron")
    if args in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if args == ["--check"]:
        text = level_text()
        with open(level, encoding="utf-8") as fh:
            committed = fh.read()
        if committed == text:
            print("%s is what the generator writes" % level)
            return 0
        import difflib
        diff = difflib.unified_diff(committed.splitlines(), text.splitlines(),
                                    "levels/euphrates_2017.ron (committed)",
                                    "levels/euphrates_2017.ron (generated)", lineterm="", n=0)
        for i, line in enumerate(diff):
            if i >= 40:
                print("...")
                break
            print(line[:200])
        print("hint: edit tools/make_euphrates_2017.py or tools/data/euphrates_2017/, then run "
              "python3 tools/make_euphrates_2017.py", file=sys.stderr)
        return 1
    if len(args) == 2 and args[0] == "--output":
        path = args[1]
    elif not args:
        path = level
    else:
        # Anything else is a question, not a wish to overwrite the level.
        print(USAGE, file=sys.stderr)
        return 2
    text = level_text()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
