"""The map page (都市圈空间格局示意图, issue 13) as built: content, links both ways, size, keyboard, labels, a11y.

The expected lists are written out here by hand — the 16 member units as p1-0-1 and
the issue name them (青岛市全域: 市南、市北、李沧、崂山、城阳、黄岛、即墨、胶州、平度、莱西;
then 诸城、高密，东港，莱阳、莱州、海阳), in both scripts, the three axes of p2-2-1 … p2-2-3
and the 20 points of source/map/points.yml — not taken from the renderer.
The map's data itself (area, borders, points in their counties) is tests/test_map_data.py's.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.test_a11y import violations
from tests.test_site import parse
from tools.errors import PipelineError

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
MEMBERS = {
    "zh-Hans": ["市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区", "胶州市", "平度市", "莱西市",
                "诸城市", "高密市", "东港区", "莱阳市", "莱州市", "海阳市"],
    "zh-Hant": ["市南區", "市北區", "李滄區", "嶗山區", "城陽區", "黃島區", "即墨區", "膠州市", "平度市", "萊西市",
                "諸城市", "高密市", "東港區", "萊陽市", "萊州市", "海陽市"],
}  # fmt: skip
MEMBER_IDS = ["shinan", "shibei", "licang", "laoshan", "chengyang", "huangdao", "jimo", "jiaozhou", "pingdu", "laixi",
              "zhucheng", "gaomi", "donggang", "laiyang", "laizhou", "haiyang"]  # fmt: skip
AXES = {
    "zh-Hans": ["济青陆海发展主轴", "滨海综合发展轴", "青烟综合发展轴"],
    "zh-Hant": ["濟青陸海發展主軸", "濱海綜合發展軸", "青煙綜合發展軸"],
}
POINT_IDS = ["shanghe", "qingdao-ftz", "xihaian", "langu", "dongjiakou", "jiangshan", "nancun", "guzhenkou", "laoshan-lab",
             "gaoxin", "lingkong", "konggang-zbq", "zhongde", "weifang-zhongrihan", "rizhao-science-park",
             "haiyang-tanzhigu", "laiyang-dingziwan", "qianwan-port", "rizhao-port", "jiaodong-airport"]  # fmt: skip
# The keyboard's order through the map: the members (p1-0-1), the three axes (p2-2-1 … p2-2-3)
# and the core (p2-1-1), then the points in the order of points.yml.
TAB_ORDER = (
    [f"../places/#place-{m}" for m in MEMBER_IDS]
    + ["../ch02/#p2-2-1", "../ch02/#p2-2-2", "../ch02/#p2-2-3", "../ch02/#p2-1-1"]
    + [f"../places/#place-{p}" for p in POINT_IDS]
)
# Every index entry on the map: the members, the points, and 胶州湾 (the core)
ON_MAP = set(MEMBER_IDS) | set(POINT_IDS) | {"jiaozhou-bay"}


def _svg(built_site: Path, script: str) -> str:
    html = (built_site / SCRIPTS[script] / "map" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<svg[^>]*class="qd-map-svg".*?</svg>', html, re.S)
    assert len(found) == 1
    return found[0]


# --------------------------------------------------------------------------- the built files


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_16_members_and_the_axes_are_on_the_page(built_site, script):
    svg = _svg(built_site, script)
    labels = re.findall(r'<text class="lab[^"]*"[^>]*>([^<]+)</text>', svg)
    assert labels == MEMBERS[script]
    # each member is a link with its name as the title, in the same order
    titles = re.findall(r'<a id="m-[^"]+"[^>]*href="[^"]+"><title>([^<]+)</title>', svg)
    assert titles[:16] == MEMBERS[script]
    assert titles[16:19] == AXES[script]
    assert len(titles) == 16 + 3 + 1 + 20
    page = (built_site / SCRIPTS[script] / "map" / "index.html").read_text(encoding="utf-8")
    listed = re.search(r'<div class="map-members">\s*<ul>(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r">([^<>]+)</a>", listed) == MEMBERS[script]
    title = "都市圈空间格局示意图" if script == "zh-Hans" else "都市圈空間格局示意圖"
    assert f'<title id="map-title">{title}</title>' in svg
    assert "示意" in re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert re.search(r"<h1[^>]*>" + title, page)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_map_link_resolves_to_an_anchor(built_site, script):
    """Every link of the map page's article — the SVG's and the list's — lands on an id of its page."""
    root = built_site / SCRIPTS[script]
    page = (root / "map" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', article)
    svg_hrefs = re.findall(r'<a [^>]*href="([^"]+)"', _svg(built_site, script))
    assert svg_hrefs == TAB_ORDER  # the literal order, and each one checked below
    checked = 0
    for href in hrefs:
        parts = urlsplit(urljoin(f"http://site/{SCRIPTS[script]}map/", href))
        if parts.netloc != "site" or not parts.fragment:
            continue
        target = built_site / unquote(parts.path.lstrip("/")) / "index.html"
        assert target.exists(), href
        assert unquote(parts.fragment) in parse(target).ids, href
        checked += 1
    assert checked >= 2 * 40  # the SVG's 40 links and the list's 40


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_index_entry_on_the_map_links_back(built_site, script):
    root = built_site / SCRIPTS[script]
    places = (root / "places" / "index.html").read_text(encoding="utf-8")
    back = re.findall(r'<a class="map-link" href="../map/#m-([^"]+)">([^<]+)</a>', places)
    assert {i for i, _ in back} == ON_MAP and len(back) == len(ON_MAP)
    assert {label for _, label in back} == {"在示意图上查看" if script == "zh-Hans" else "在示意圖上查看"}
    ids = parse(root / "map" / "index.html").ids
    assert {f"m-{i}" for i in ON_MAP} <= ids
    # and each back link sits in its own entry: the entry's id is place-<id>
    for pid in ON_MAP:
        entry = re.search(rf'id="place-{re.escape(pid)}".*?<p class="place-meta">(.*?)</p>', places, re.S).group(1)
        assert f'href="../map/#m-{pid}"' in entry, pid


@pytest.mark.parametrize("script", SCRIPTS)
def test_sizes(built_site, script):
    svg = _svg(built_site, script).encode("utf-8")
    assert len(gzip.compress(svg, 9)) <= 60_000
    thumb = (built_site / SCRIPTS[script] / "map-thumb.svg").read_bytes()
    assert len(thumb) <= 10_000
    assert b"<text" in thumb and b"http" not in thumb.replace(b"http://www.w3.org/2000/svg", b"")


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_home_page_links_to_the_map_by_its_thumbnail(built_site, script):
    home = (built_site / SCRIPTS[script] / "index.html").read_text(encoding="utf-8")
    thumb = re.findall(
        r'<p class="qd-map-thumb"><a href="map/"><img alt="([^"]+)" height="\d+" src="map-thumb.svg" width="240"', home
    )
    assert len(thumb) == 1 and ("示意图" in thumb[0] or "示意圖" in thumb[0])
    assert "<svg" not in home.split("<article", 1)[1].split("</article>")[0].split('class="qd-map-thumb"')[1]


def test_search_does_not_index_the_map_page(built_site):
    for script in SCRIPTS:
        index = (built_site / "search" / f"{script}.json").read_text(encoding="utf-8")
        assert "map/" not in index
        for words in ("在示意图上查看", "在示意圖上查看", "县级单元", "縣級單元", "地级市界", "地級市界"):
            assert words not in index


# --------------------------------------------------------------------------- in Chromium


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_no_third_party_request_and_the_map_shows(page, site_url, script):
    page.goto(site_url + SCRIPTS[script] + "map/", wait_until="networkidle")
    assert page.locator("svg.qd-map-svg a").count() == 40
    assert page.locator("svg.qd-map-svg").bounding_box()["width"] > 600
    assert len(page.requests) >= 3  # the page, its CSS and scripts: the check in the fixture saw them
    # the fixture fails the test on any request to another host


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_tab_order_through_the_map(page, site_url, script):
    page.goto(site_url + SCRIPTS[script] + "map/", wait_until="networkidle")
    page.evaluate("() => { const n = document.querySelector('.map-note'); n.tabIndex = -1; n.focus(); }")
    seen = []
    for _ in TAB_ORDER:
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert seen == TAB_ORDER


@pytest.mark.browser
@pytest.mark.parametrize("script", SCRIPTS)
def test_labels_at_360_px(browser, site_url, script):
    """At 360 px: every member label shown is at least 12 CSS px and no two overlap; the members
    whose labels are hidden there (the core districts) are named in the list, which is visible."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "map/", wait_until="networkidle")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('svg.qd-map-svg text.lab')]
                .filter(e => getComputedStyle(e).display !== 'none')
                .map(e => { const r = e.getBoundingClientRect();
                            return [e.textContent, r.left, r.top, r.right, r.bottom,
                                    parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a]; })"""
        )
        shown = [b[0] for b in boxes]
        assert len(shown) >= 11  # all but the five core districts
        for name, *_, size in boxes:
            assert size >= 12, (name, size)
        overlaps = [
            (a[0], b[0])
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
        ]
        assert overlaps == []
        hidden = [m for m in MEMBERS[script] if m not in shown]
        listed = page.locator(".map-members a")
        assert listed.all_inner_texts() == MEMBERS[script]
        assert all(listed.nth(i).is_visible() for i in range(16))
        assert set(hidden) <= set(MEMBERS[script][:5])
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


@pytest.mark.browser
def test_the_map_highlights_the_place_in_the_address(page, site_url):
    page.goto(site_url + "map/#m-laiyang", wait_until="networkidle")
    page.evaluate("document.activeElement && document.activeElement.blur()")  # :target, not focus
    fill = "el => getComputedStyle(el).fill"
    assert page.locator("#m-laiyang .mem").evaluate(fill) != page.locator("#m-pingdu .mem").evaluate(fill)
    page.goto(site_url + "map/#m-dongjiakou", wait_until="networkidle")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    radius = "el => getComputedStyle(el).r"
    page.wait_for_timeout(600)  # past Material's scroll tracking
    box = page.locator("svg.qd-map-svg").bounding_box()  # the whole map in view, not just the point at the top
    assert box["y"] >= 0 and box["y"] + box["height"] <= 900, box
    assert page.locator("#m-dongjiakou .pt").evaluate(radius) != page.locator("#m-langu .pt").evaluate(radius)
    # the index's link lands there
    page.goto(site_url + "places/#place-laiyang", wait_until="networkidle")
    page.locator("#place-laiyang ~ p.place-meta a.map-link").first.click()
    page.wait_for_url("**/map/#m-laiyang")
    assert page.locator("#m-laiyang .mem").evaluate(fill) != page.locator("#m-pingdu .mem").evaluate(fill)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("script", SCRIPTS)
def test_no_axe_violations_on_the_map(browser, site_url, script, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "map/", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == script
        assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        assert violations(page) == []
    finally:
        context.close()


# --------------------------------------------------------------------------- the loader


def _copy_points(tmp_path: Path) -> Path:
    target = tmp_path / "points.yml"
    shutil.copy(Path(__file__).resolve().parents[1] / "source" / "map" / "points.yml", target)
    return target


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'county: "370211"\n    lonlat: [120.16, 35.99]',
            'county: "370200"\n    lonlat: [120.16, 35.99]',
            "is not a member unit",
        ),
        ("lonlat: [120.16, 35.99]", "lonlat: [12.16, 35.99]", "is not a longitude, latitude pair"),
        ("- id: qingdao-ftz", "- id: qingdao-fz", "is not an entry of source/places.yml"),
        ("anchor: p6-2-3", "anchor: p6-2", "is not a paragraph anchor"),
        ("bearing: west", "bearing: up", "bearing 'up'"),
    ],
)
def test_a_malformed_points_file_is_named_by_line(tmp_path, old, new, message):
    from tools.data.map import load_map
    from tools.data.places import load_places

    path = _copy_points(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = _line_of(path, new.split("\n")[0].strip())
    with pytest.raises(PipelineError) as caught:
        load_map({p.id for p in load_places().places}, path)
    assert message in caught.value.message
    assert caught.value.path == path and caught.value.line == line, str(caught.value)
