"""The map page (都市圈空间格局示意图, ``map.md``) and the home page's thumbnail (``map-thumb.svg``), from ``source/map/``.

:func:`map_svg` draws the map of one script as one SVG — context counties light,
the 16 members shaded, prefecture outlines, member names, the three axes, the
胶州湾 core and the curated points — each member, axis, the core and every
point a link (``<a href>``) when ``href`` is given, in the keyboard's order:
the members as p1-0-1 names them, the axes, the core, the points. Colours are
CSS custom properties: light by default, dark under Material's slate scheme.
The same function serves the map page and any other renderer (the whole-plan
PDF): it needs only the map data, the names in the script, and where links go.

Projection: equirectangular scaled by cos 36.5° (at about 3° by 2.5° within 1 %
of an equal-area or conformal projection; a schematic map needs no more), one
unit of the 1000-unit-wide view about 0.25 km.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence

from ..data.map import MEMBER_ORDER, MEMBER_PLACE, LonLat, MapData, Polygon
from ..model import Document
from ..ui import t
from . import escape_md, front_matter

GENERATOR = "tools/render/map.py"
THUMBNAIL = "map-thumb.svg"
THUMB_WIDTH = 240
THUMB_CAPTION = 30  # the band under the thumbnail with the title

LAT0 = 36.5
KX = math.cos(math.radians(LAT0))
EXTENT = (118.95, 35.15, 121.75, 37.62)  # lon min, lat min, lon max, lat max: the members with a margin
VIEW_W = 1000
# The members whose names do not fit at phone widths (the core districts around 胶州湾):
# at narrow widths their labels are hidden, and the list under the map names them.
CROWDED = ("370202", "370203", "370213", "370212", "370214")
# Where a member's name goes when the middle of its land is too crowded (longitude, latitude, the
# editor's placement): 市北 and 李沧 in 胶州湾, 市南 in the sea off its coast, each with a leader
# line to its land; 莱阳 a little north-east, clear of 莱西.
LABEL_AT = {
    "370202": (120.43, 36.015),
    "370203": (120.255, 36.105),
    "370213": (120.30, 36.19),
    "370682": (120.79, 36.93),
}
NARROW = "(max-width: 44.9375em)"  # Material's breakpoint below which the sidebars are gone


class Projection:
    def __init__(self, width: float = VIEW_W):
        lon0, lat0, lon1, lat1 = EXTENT
        self.scale = width / ((lon1 - lon0) * KX)  # units per degree of latitude
        self.width = width
        self.height = round((lat1 - lat0) * self.scale)
        self.lon0, self.lat1 = lon0, lat1

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * KX * self.scale, (self.lat1 - lat) * self.scale

    def inverse(self, x: float, y: float) -> LonLat:
        return x / (KX * self.scale) + self.lon0, self.lat1 - y / self.scale


def path_d(polygons: Sequence[Polygon], project: Projection) -> str:
    """SVG path data with integer coordinates, relative moves."""
    out = []
    for rings in polygons:
        for ring in rings:
            pts = [tuple(round(v) for v in project(*p)) for p in ring]
            cmds, (px, py) = [f"M{pts[0][0]} {pts[0][1]}"], pts[0]
            for x, y in pts[1:]:
                if (x, y) != (px, py):
                    cmds.append(f"{x - px} {y - py}")
                    px, py = x, y
            out.append(cmds[0] + "l" + " ".join(cmds[1:]) + "z")
    return "".join(out)


def _area_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        c = x0 * y1 - x1 * y0
        a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
    return a / 2, cx / (3 * a), cy / (3 * a)


def _inside(p: tuple[float, float], ring: Sequence[tuple[float, float]]) -> bool:
    x, y = p
    n = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            n = not n
    return n


def _distance_to_ring(p: tuple[float, float], ring: Sequence[tuple[float, float]]) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        dx, dy = x1 - x0, y1 - y0
        k = max(0.0, min(1.0, ((p[0] - x0) * dx + (p[1] - y0) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(p[0] - x0 - k * dx, p[1] - y0 - k * dy))
    return best


def label_point(polygons: Sequence[Polygon], project: Projection) -> tuple[float, float]:
    """The area centroid of the largest part if it lies well inside, else the inside grid point farthest from the edge."""
    ring = max(([project(*p) for p in rings[0]] for rings in polygons), key=lambda r: abs(_area_centroid(r)[0]))
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


# Light colours by default (a standalone SVG, print), dark ones under Material's slate scheme.
# Text: #1f1f1f on the members' #f0d49c (13:1) and on the sea (15:1); dark: #eee on #5b4a26 (8:1).
# SCHEMES (the colours), DRAWING (how each shape is drawn) and INTERACTION (links, narrow screens)
# make up STYLE; print_style() writes DRAWING out for renderers without custom properties.
SCHEMES = """
.qd-map-svg{--sea:#eaf2f8;--ctx:#e4e0d8;--mem:#f0d49c;--mem-hi:#e2a84a;--edge:#fff;--pref:#6e5e48;
--ink:#1f1f1f;--halo:#fff;--core:#b03a2e;--ax1:#b03a2e;--ax2:#1f6fa8;--ax3:#6a3d9a;--pt:#fff;--pt-edge:#1f1f1f;--focus:#9b1c1c;
font-family:inherit;display:block;width:100%;height:auto}
[data-md-color-scheme=slate] .qd-map-svg{--sea:#17202b;--ctx:#2e3138;--mem:#5b4a26;--mem-hi:#8c6a22;--edge:#1e2129;
--pref:#c9b89c;--ink:#eee;--halo:#1e2129;--core:#ff8f80;--ax1:#ff8f80;--ax2:#72b6ea;--ax3:#c3a6ee;--pt:#1e2129;
--pt-edge:#eee;--focus:#ffd27a}
"""
DRAWING = """.qd-map-svg .sea{fill:var(--sea)}
.qd-map-svg .ctx{fill:var(--ctx);stroke:var(--edge);stroke-width:1}
.qd-map-svg .mem{fill:var(--mem);stroke:var(--edge);stroke-width:1.2}
.qd-map-svg .pref{fill:none;stroke:var(--pref);stroke-width:2.4;stroke-linejoin:round;pointer-events:none}
.qd-map-svg .core{fill:var(--core);fill-opacity:.07;stroke:var(--core);stroke-width:3;stroke-dasharray:9 6;pointer-events:stroke}
.qd-map-svg .axis{fill:none;stroke-width:8;stroke-linecap:round;stroke-linejoin:round;stroke-opacity:.8}
.qd-map-svg .ax1{stroke:var(--ax1)}.qd-map-svg .ax2{stroke:var(--ax2)}.qd-map-svg .ax3{stroke:var(--ax3)}
.qd-map-svg .beyond{stroke-dasharray:2 14}
.qd-map-svg .pt{fill:var(--pt);stroke:var(--pt-edge);stroke-width:3}
.qd-map-svg text{fill:var(--ink);paint-order:stroke;stroke:var(--halo);stroke-width:5px;stroke-linejoin:round}
.qd-map-svg .labels{pointer-events:none}
.qd-map-svg .leader{stroke:var(--ink);stroke-width:1.5;fill:none}
.qd-map-svg .lab{font-size:22px;text-anchor:middle;dominant-baseline:central}
.qd-map-svg .legend text{font-size:19px;stroke-width:0}
.qd-map-svg .legend rect{fill:var(--sea);stroke:var(--pref);stroke-width:1}
"""
INTERACTION = """.qd-map-svg a:hover .mem,.qd-map-svg a:focus .mem,.qd-map-svg a:target .mem{fill:var(--mem-hi)}
.qd-map-svg a:focus,.qd-map-svg a:target{outline:none}
.qd-map-svg a:focus .mem,.qd-map-svg a:target .mem,
.qd-map-svg a:focus .core,.qd-map-svg a:target .core{stroke:var(--focus);stroke-width:5}
.qd-map-svg a:hover .axis,.qd-map-svg a:focus .axis,.qd-map-svg a:target .axis{stroke-width:14;stroke-opacity:1}
.qd-map-svg a:focus .pt,.qd-map-svg a:target .pt,.qd-map-svg a:hover .pt{r:13px;fill:var(--focus);stroke-width:4}
@media __NARROW__{.qd-map-svg .lab{font-size:36px}.qd-map-svg .crowded,.qd-map-svg .legend{display:none}
.qd-map-svg .pt{r:11px}}
"""
STYLE = SCHEMES + DRAWING + INTERACTION
# The light scheme's colours by name (--sea → #eaf2f8), read from SCHEMES' first rule.
LIGHT = dict(re.findall(r"--([\w-]+):(#[0-9a-f]{3,6})", SCHEMES.split("}", 1)[0]))


def print_style(font_family: str) -> str:
    """The map's stylesheet for a renderer without CSS custom properties or media queries (usvg, in Typst's PDFs).

    DRAWING with the light scheme's colours written out, the labels in ``font_family``
    (a face the PDF embeds), and nothing for links or narrow screens.

    >>> print_style("Noto Sans CJK SC").splitlines()[1]
    '.qd-map-svg .sea{fill:#eaf2f8}'
    """
    drawing = re.sub(r"var\(--([\w-]+)\)", lambda m: LIGHT[m.group(1)], DRAWING)
    return f".qd-map-svg{{font-family:'{font_family}'}}\n{drawing}"


def _num(v: float) -> str:
    return f"{v:.0f}"


def map_svg(
    data: MapData,
    script: str,
    names: Mapping[str, str],
    href: Callable[[str], str] | None = None,
    *,
    ids: bool = True,
    width: int = VIEW_W,
    print_face: str | None = None,
) -> str:
    """The map of ``script`` as one SVG element.

    ``names``: every index entry id drawn (members and points) → its name in the
    script. ``href``: a places.yml id (``place:<id>``) or a paragraph anchor
    (``p2-2-1``) → the URL of the link; without it the shapes are not links.
    ``ids``: give every member, axis, the core and every point its id on the map
    page (``m-<index id>``, ``m-axis-…``), for links into the map.
    ``print_face``: for print (the whole-plan PDF), the light colours written out and
    the labels in this face (:func:`print_style`), instead of the page's stylesheet.
    """
    topo = data.topology
    project = Projection(width)
    k = width / VIEW_W

    def link(target: str, key: str, label: str, body: str, top: float) -> str:
        # landing on #m-<id> scrolls the whole map into view, not just the shape: the shape's top
        # (``top`` units below the map's) plus the header, in units of the figure's width (cqw)
        ident = f' id="m-{key}" style="scroll-margin-top:calc(3.6rem + {top / width * 100:.1f}cqw)"' if ids else ""
        title = f"<title>{html.escape(label)}</title>"
        if href is None:
            return f"<g{ident}>{title}{body}</g>"
        return f'<a{ident} href="{html.escape(href(target))}">{title}{body}</a>'

    title_id, desc_id = ("map-title", "map-desc") if ids else ("", "")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qd-map-svg" viewBox="0 0 {width} {project.height}" '
        f'role="group" aria-labelledby="{title_id} {desc_id}">'
        if ids
        else f'<svg xmlns="http://www.w3.org/2000/svg" class="qd-map-svg" viewBox="0 0 {width} {project.height}" role="img">',
        f"<title{f' id={chr(34)}{title_id}{chr(34)}' if ids else ''}>{html.escape(t('map_title', script))}</title>",
        f"<desc{f' id={chr(34)}{desc_id}{chr(34)}' if ids else ''}>{html.escape(t('map_desc', script))}</desc>",
        f"<style>{print_style(print_face) if print_face else STYLE.replace('__NARROW__', NARROW).strip()}</style>",
        f'<rect class="sea" width="{width}" height="{project.height}"/>',
    ]
    for c in topo.counties.values():
        if not c.member:
            out.append(f'<path class="ctx" d="{path_d(c.polygons, project)}"/>')
    for adcode in MEMBER_ORDER:
        place = MEMBER_PLACE[adcode]
        polygons = topo.counties[adcode].polygons
        body = f'<path class="mem" d="{path_d(polygons, project)}"/>'
        top = min(project(*q)[1] for rings in polygons for q in rings[0])
        out.append(link(f"place:{place}", place, names[place], body, top))
    out.append("".join(f'<path class="pref" d="{path_d(p, project)}"/>' for p in topo.prefectures.values()))
    bearings = {"west": (-1, 0), "east": (1, 0), "south": (0, 1), "north": (0, -1)}
    for n, axis in enumerate(data.axes, 1):
        pts = [project(*v.lonlat) for v in axis.through]
        body = f'<path class="axis ax{n}" d="M' + " L".join(f"{_num(x)} {_num(y)}" for x, y in pts) + '"/>'
        for b in axis.beyond:
            x, y = next(project(*v.lonlat) for v in axis.through if v.place == b.start)
            ux, uy = bearings[b.bearing]
            body += f'<path class="axis ax{n} beyond" d="M{_num(x)} {_num(y)} l{_num(ux * 80 * k)} {_num(uy * 80 * k)}"/>'
        out.append(link(axis.anchor, axis.id, axis.label(script), body, min(y for _, y in pts) - 80 * k))
    core = data.core
    cx, cy = project(*core.center)
    r = core.radius_km / 111.32 * project.scale
    body = f'<circle class="core" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}"/>'
    out.append(link(core.anchor, core.place, core.label(script), body, cy - r))
    for p in data.points:
        x, y = project(*p.lonlat)
        out.append(link(f"place:{p.id}", p.id, names[p.id], f'<circle class="pt" cx="{_num(x)}" cy="{_num(y)}" r="7"/>', y - 7))
    labels = []
    for adcode in MEMBER_ORDER:
        lx, ly = label_point(topo.counties[adcode].polygons, project)
        css = "lab crowded" if adcode in CROWDED else "lab"
        if adcode in LABEL_AT:
            ax, ay = project(*LABEL_AT[adcode])
            if adcode in CROWDED:  # a leader line from the name to the land
                dx, dy = lx - ax, ly - ay
                d = math.hypot(dx, dy) or 1
                sx, sy = ax + dx * 14 / d, ay + dy * 14 / d
                labels.append(f'<path class="leader crowded" d="M{_num(sx)} {_num(sy)} L{_num(lx)} {_num(ly)}"/>')
            lx, ly = ax, ay
        name = html.escape(names[MEMBER_PLACE[adcode]])
        labels.append(f'<text class="{css}" x="{_num(lx)}" y="{_num(ly)}" data-member="{adcode}">{name}</text>')
    out.append('<g class="labels" aria-hidden="true">' + "".join(labels) + "</g>")
    out.append(_legend(data, script, project))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(data: MapData, script: str, project: Projection) -> str:
    """A key in the open sea at the bottom right: the three axes, the core, a point, and the note."""
    x0, y0, w = project.width - 300, project.height - 292, 290
    rows = [
        f'<path class="axis ax{n}" d="M{x0 + 14} {y0 + 30 + 34 * (n - 1)} h46"/>'
        f'<text x="{x0 + 72}" y="{y0 + 37 + 34 * (n - 1)}">{html.escape(a.label(script))}</text>'
        for n, a in enumerate(data.axes, 1)
    ]
    y = y0 + 30 + 34 * 3

    def row(symbol: str, dy: int, key: str) -> str:
        return f'{symbol}<text x="{x0 + 72}" y="{y + dy + 7}">{html.escape(key)}</text>'

    rows.append(row(f'<circle class="core" cx="{x0 + 37}" cy="{y}" r="13"/>', 0, data.core.label(script)))
    rows.append(row(f'<circle class="pt" cx="{x0 + 37}" cy="{y + 34}" r="7"/>', 34, t("map_legend_point", script)))
    rows.append(row(f'<path class="pref" d="M{x0 + 14} {y + 68} h46"/>', 68, t("map_legend_prefecture", script)))
    rows.append(f'<text x="{x0 + 14}" y="{y + 112}">{html.escape(t("map_legend_note", script))}</text>')
    return f'<g class="legend" aria-hidden="true"><rect x="{x0}" y="{y0}" width="{w}" height="282" rx="6"/>{"".join(rows)}</g>'


# --------------------------------------------------------------------------- the thumbnail


def douglas_peucker(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker with both ends kept.

    >>> douglas_peucker([(0, 0), (1, 0.1), (2, 0), (3, 5), (4, 0)], 0.5)
    [(0, 0), (2, 0), (3, 5), (4, 0)]
    """
    if len(points) < 3:
        return list(points)
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = math.hypot(x1 - x0, y1 - y0)

    def distance(p: tuple[float, float]) -> float:
        if not length:
            return math.hypot(p[0] - x0, p[1] - y0)
        return abs((x1 - x0) * (y0 - p[1]) - (x0 - p[0]) * (y1 - y0)) / length

    index, farthest = max(((i, distance(p)) for i, p in enumerate(points[1:-1], 1)), key=lambda v: v[1])
    if farthest <= tolerance:
        return [points[0], points[-1]]
    return douglas_peucker(points[: index + 1], tolerance)[:-1] + douglas_peucker(points[index:], tolerance)


def map_thumbnail(data: MapData, script: str, width: int = THUMB_WIDTH, tolerance: float = 0.5) -> str:
    """The home page's thumbnail: the members on a ``width``-unit grid, and the map's title under them.

    Every shared arc is simplified once more (Douglas–Peucker, ``tolerance`` units,
    ends kept), so neighbours still share their borders. Its colours read on both
    schemes (an ``<img>`` cannot see the page's); the title's face is named per script.
    """
    project = Projection(width)
    keep = {q for arc in data.topology.arcs for q in douglas_peucker([project(*p) for p in arc], tolerance)}

    def simplified(polygons: Sequence[Polygon]) -> list[Polygon]:
        # a ring is made of arcs: keep the points its arcs keep (the arcs' ends always), so shared borders stay shared
        return [tuple(tuple(p for p in ring if project(*p) in keep) for ring in rings) for rings in polygons]

    members = "".join(path_d(simplified(data.topology.counties[a].polygons), project) for a in MEMBER_ORDER)
    height = project.height + THUMB_CAPTION
    face = "Noto Sans CJK TC" if script == "zh-Hant" else "Noto Sans CJK SC"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="#eaf2f8"/>'
        f'<path d="{members}" fill="#f0d49c" stroke="#8a6d3b" stroke-width=".6"/>'
        f'<rect y="{project.height}" width="{width}" height="{THUMB_CAPTION}" fill="#fff"/>'
        f'<text x="{width / 2:.0f}" y="{project.height + 21}" text-anchor="middle" font-size="15" fill="#7a1515" '
        f'font-family="{face},sans-serif">{html.escape(t("map_title", script))} ›</text>'
        "</svg>\n"
    )


# --------------------------------------------------------------------------- the page


def render_map_page(doc: Document, data: MapData, names: Mapping[str, str]) -> str:
    """Markdown of ``map.md``: title, note, the map inline, and every member, axis, the core and point as a text list."""
    script = doc.script

    def href(target: str) -> str:
        if target.startswith("place:"):
            return f"../places/#place-{target[6:]}"
        return "../" + doc.locate(target).url

    def md_href(target: str) -> str:
        if target.startswith("place:"):
            return f"places.md#place-{target[6:]}"
        loc = doc.locate(target)
        return f"{loc.file}#{loc.anchor}"

    core = data.core
    core_item = f"[{escape_md(core.label(script))}]({md_href(core.anchor)})（{doc.locate(core.anchor).citation}）"
    title = t("map_title", script)
    comment = t("generated_from", script).format(generator=GENERATOR, data="source/map/")
    out = [
        front_matter(title, doc, generator=GENERATOR, comment=comment),
        f"# {escape_md(title)} {{ #map }}\n",
        f"{escape_md(t('map_intro', script))}\n{{: .map-note }}\n",
        f'<figure class="qd-map" markdown="0">\n{map_svg(data, script, names, href)}</figure>\n',
        f"## {escape_md(t('map_list', script))} {{ #map-list }}\n",
        f"{escape_md(t('map_list_intro', script))}\n",
        f"**{escape_md(t('map_members', script))}**（16）\n{{: .map-list-head }}\n",
        _block(
            "map-members", [f"[{escape_md(names[MEMBER_PLACE[a]])}]({md_href('place:' + MEMBER_PLACE[a])})" for a in MEMBER_ORDER]
        ),
        f"**{escape_md(t('map_axes', script))}**\n{{: .map-list-head }}\n",
        _block(
            "map-axes",
            [
                f'<span class="map-key ax{n}" aria-hidden="true"></span>[{escape_md(a.label(script))}]({md_href(a.anchor)})'
                f"（{doc.locate(a.anchor).citation}）"
                for n, a in enumerate(data.axes, 1)
            ]
            + [f'<span class="map-key core" aria-hidden="true"></span>{core_item}'],
        ),
        f"**{escape_md(t('map_points', script))}**（{len(data.points)}）\n{{: .map-list-head }}\n",
        _block("map-points", [f"[{escape_md(names[p.id])}]({md_href('place:' + p.id)})" for p in data.points]),
        f"## {escape_md(t('map_sources', script))} {{ #map-sources }}\n",
        f"{escape_md(t('map_sources_text', script))}\n{{: .map-sources }}\n",
    ]
    return "\n".join(out)


def _block(css: str, items: Sequence[str]) -> str:
    """A Markdown list inside a ``<div class=css>`` (md_in_html), so the list can be styled as a whole."""
    return f'<div class="{css}" markdown>\n\n' + "\n".join(f"- {i}" for i in items) + "\n\n</div>\n"


def map_names(data: MapData, places: Sequence, script: str) -> dict[str, str]:
    """Every index entry drawn on the map → its name in ``script`` (from source/places.yml)."""
    by_id = {p.id: p for p in places}
    wanted = [MEMBER_PLACE[a] for a in MEMBER_ORDER] + [p.id for p in data.points]
    return {i: by_id[i].text(script)[0] for i in wanted}
