"""Reading on a phone (issue 14): definitions in place on touch, and the text size 字号.

Chromium with touch emulation (``has_touch``, ``is_mobile``, 360 × 740) on the
built site, both scripts. A tap on a glossary term, an emendation mark or a map
place opens its one-line text in a popover and stays on the page; the popover's
link goes where the element's own link (or the emendation note's) goes; Esc, a
tap outside and the × close it, and focus comes back to what was tapped. A
mouse click still follows the term's link. The expected texts come from
outside qd.js: the glossary's ``short`` line read from ``source/glossary.yml``
(in Traditional through the pages' converter), the emendation note and the
links' words written out here.

The text size: chosen on one page, it holds on the next, where ``<html
data-qd-size>`` is set before ``<body>`` exists (so before the first paint);
the article's text is 1.25 × / 1.5 × the standard size and the header,
navigation and footer are not; it adds no layout shift (CLS); at 320 px with
特大 no page scrolls sideways and no text of the article is cut off or drawn
over other text (from the client rectangles of every text node).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tools.data.source import to_traditional

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
PHONE = {"width": 360, "height": 740}

# Written out by hand (not read from tools/ui.py): what the popovers say and link with.
WORDS = {
    "zh-Hans": {"glossary": "术语表条目 →", "about": "本版说明 →", "index": "索引条目 →", "plan": "规划原文 →", "close": "关闭"},
    "zh-Hant": {"glossary": "術語表條目 →", "about": "本版說明 →", "index": "索引條目 →", "plan": "規劃原文 →", "close": "關閉"},
}
TERM = {"zh-Hans": "同城化", "zh-Hant": "同城化"}
MARK = {"zh-Hans": "国内外客货运", "zh-Hant": "國內外客貨運"}  # the emendation in p3-2-2
NOTE = {"zh-Hans": "据字节证据修复，见本版说明", "zh-Hant": "據字節證據修復，見本版說明"}
PLACE = {"zh-Hans": "平度市", "zh-Hant": "平度市"}
SIZE_WORDS = {"zh-Hans": ("字号", "特大"), "zh-Hant": ("字號", "特大")}


def short_definition(term: str, script: str) -> str:
    """The glossary's one-line definition of ``term`` from source/glossary.yml, in ``script``."""
    data = yaml.safe_load((ROOT / "source" / "glossary.yml").read_text(encoding="utf-8"))
    (entry,) = [t for t in data["terms"] if t["term"] == term]
    return entry["short"] if script == "zh-Hans" else to_traditional()(entry["short"])


@pytest.fixture
def phone(browser):
    """A touch phone (360 × 740) that records script errors."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    assert page.errors == []


def _open(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def _popover(page) -> dict:
    return page.evaluate(
        """() => {
            const d = document.querySelector('.qd-pop');
            if (!d) return null;
            const link = d.querySelector('a');
            return {
                role: d.getAttribute('role'), modal: d.getAttribute('aria-modal'), label: d.getAttribute('aria-label'),
                id: d.id, text: d.innerText, link: link.textContent, href: link.href,
                focus: document.activeElement === link, visible: d.getBoundingClientRect().height > 0,
                close: d.querySelector('button').getAttribute('aria-label'),
            };
        }"""
    )


def _focused_is(page, locator) -> bool:
    return locator.evaluate("el => document.activeElement === el")


# --------------------------------------------------------------------------- terms


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_tap_on_a_term_opens_its_definition_in_place(phone, site_url, script):
    page = phone
    here = site_url + SCRIPTS[script] + "ch03/"
    _open(page, here)
    term = page.locator("article a.term", has_text=TERM[script]).first
    term.scroll_into_view_if_needed()
    assert term.get_attribute("aria-expanded") in (None, "false")
    term.tap()
    page.wait_for_selector(".qd-pop")
    pop = _popover(page)
    assert page.evaluate("location.href") == here  # the reader stays in the chapter
    assert pop["role"] == "dialog" and pop["modal"] == "false" and pop["label"] == TERM[script]
    assert short_definition("同城化", script) in pop["text"]
    assert pop["link"] == WORDS[script]["glossary"]
    assert pop["href"] == site_url + SCRIPTS[script] + "glossary/#t-tongchenghua"
    assert pop["close"] == WORDS[script]["close"]
    assert pop["visible"] and pop["focus"]  # focus moved into the popover, to its link
    assert term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("aria-controls") == pop["id"]

    page.keyboard.press("Escape")  # Esc closes, focus back on the term
    assert page.locator(".qd-pop").count() == 0
    assert term.get_attribute("aria-expanded") == "false"
    assert _focused_is(page, term)

    term.tap()  # a tap outside closes
    page.wait_for_selector(".qd-pop")
    page.locator("article h1").tap()  # plain text, no link
    assert page.locator(".qd-pop").count() == 0
    assert term.get_attribute("aria-expanded") == "false"
    page.wait_for_function("() => document.activeElement.matches('a.term')")  # after the tap's click
    assert _focused_is(page, term)
    assert page.evaluate("location.href") == here

    term.tap()  # the × closes
    page.locator(".qd-pop button").tap()
    assert page.locator(".qd-pop").count() == 0
    assert _focused_is(page, term)

    term.tap()  # the popover's link goes to the glossary entry
    with page.expect_navigation():
        page.locator(".qd-pop a").tap()
    assert page.evaluate("location.href") == site_url + SCRIPTS[script] + "glossary/#t-tongchenghua"


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_second_tap_on_the_term_follows_its_link(phone, site_url, script):
    page = phone
    _open(page, site_url + SCRIPTS[script] + "ch03/")
    term = page.locator("article a.term", has_text=TERM[script]).first
    term.scroll_into_view_if_needed()
    term.tap()
    page.wait_for_selector(".qd-pop")
    with page.expect_navigation():
        term.tap()
    assert page.evaluate("location.href") == site_url + SCRIPTS[script] + "glossary/#t-tongchenghua"


def test_a_mouse_click_on_a_term_still_navigates(page, site_url):
    """Mouse and keyboard are as before: hover shows Material's tooltip, a click follows the link."""
    _open(page, site_url + "ch03/")
    term = page.locator("article a.term", has_text="同城化").first
    term.hover()
    page.wait_for_selector(".md-tooltip2--active")
    assert short_definition("同城化", "zh-Hans") in page.locator(".md-tooltip2--active").inner_text()
    with page.expect_navigation():
        term.click()
    assert page.locator(".qd-pop").count() == 0
    assert page.evaluate("location.href") == site_url + "glossary/#t-tongchenghua"


def test_keyboard_enter_on_a_term_still_navigates(page, site_url):
    _open(page, site_url + "ch03/")
    page.locator("article a.term", has_text="同城化").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("location.href") == site_url + "glossary/#t-tongchenghua"


# --------------------------------------------------------------------------- emendation marks


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_tap_on_an_emendation_mark_opens_its_note(phone, site_url, script):
    page = phone
    here = site_url + SCRIPTS[script] + "ch03/"
    _open(page, here)
    mark = page.locator("#p3-2-2 .qd-emended")
    assert mark.inner_text() == MARK[script]
    mark.scroll_into_view_if_needed()
    mark.tap()
    page.wait_for_selector(".qd-pop")
    pop = _popover(page)
    assert page.evaluate("location.href") == here
    assert pop["label"] == MARK[script] and NOTE[script] in pop["text"]
    assert pop["link"] == WORDS[script]["about"]
    assert pop["href"] == site_url + SCRIPTS[script] + "about/#emendations"
    assert pop["focus"] and mark.get_attribute("aria-controls") == pop["id"]
    assert mark.get_attribute("aria-expanded") is None  # not allowed on a span without a role (axe)
    mark.tap()  # a second tap on a mark closes it
    assert page.locator(".qd-pop").count() == 0
    assert mark.get_attribute("aria-controls") is None
    assert page.evaluate("location.href") == here
    mark.tap()
    page.keyboard.press("Escape")
    assert page.locator(".qd-pop").count() == 0 and _focused_is(page, mark)


@pytest.mark.parametrize("script", SCRIPTS)
def test_emendation_marks_keep_their_note_for_screen_readers(page, site_url, script):
    """Issue 11: title and aria-describedby="qd-emended-note" on every mark, after
    Material has mounted its tooltips (which removes aria-describedby), and again
    after a mouse has shown and left the tooltip."""
    _open(page, site_url + SCRIPTS[script] + "ch03/")
    page.wait_for_timeout(300)
    mark = page.locator("#p3-2-2 .qd-emended")
    assert mark.get_attribute("aria-describedby") == "qd-emended-note"
    assert page.locator("#qd-emended-note").inner_text().startswith(NOTE[script][:-4])
    mark.hover()
    page.wait_for_selector(".md-tooltip2--active")
    page.mouse.move(5, 300)
    page.wait_for_function("() => !document.querySelector('.md-tooltip2--active')")
    page.wait_for_timeout(400)
    assert mark.get_attribute("aria-describedby") == "qd-emended-note"
    assert mark.get_attribute("title") == NOTE[script]


# --------------------------------------------------------------------------- map places


def _tap_on_path(page, link_id: str) -> None:
    """Tap a point on the line of the map link ``link_id`` (an axis: its box's centre is off the line)."""
    x, y = page.evaluate(
        """id => {
            const path = document.querySelector('#' + id + ' path');
            path.scrollIntoView({block: 'center'});
            const p = path.getPointAtLength(path.getTotalLength() / 2);
            const q = new DOMPoint(p.x, p.y).matrixTransform(path.getScreenCTM());
            return [q.x, q.y];
        }""",
        link_id,
    )
    page.touchscreen.tap(x, y)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_tap_on_a_map_place_opens_its_name_and_link(phone, site_url, script):
    page = phone
    here = site_url + SCRIPTS[script] + "map/"
    _open(page, here)
    place = page.locator("#m-pingdu")
    place.scroll_into_view_if_needed()
    place.tap()
    page.wait_for_selector(".qd-pop")
    pop = _popover(page)
    assert page.evaluate("location.href") == here
    assert pop["label"] == PLACE[script]
    assert pop["link"] == WORDS[script]["index"]
    assert pop["href"] == site_url + SCRIPTS[script] + "places/#place-pingdu"
    assert pop["focus"] and place.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.locator(".qd-pop").count() == 0 and _focused_is(page, place)

    _tap_on_path(page, "m-axis-jiqing")  # an axis links to the plan's paragraph
    page.wait_for_selector(".qd-pop")
    pop = _popover(page)
    assert pop["link"] == WORDS[script]["plan"]
    assert pop["href"] == site_url + SCRIPTS[script] + "ch02/#p2-2-1"
    with page.expect_navigation():
        page.locator(".qd-pop a").tap()
    assert page.evaluate("location.href") == site_url + SCRIPTS[script] + "ch02/#p2-2-1"


# --------------------------------------------------------------------------- text size

# Records <html data-qd-size> when <body> first appears: set by then, it was set before the first paint.
BEFORE_BODY = """
window.qdSizeBeforeBody = 'no body yet';
new MutationObserver((changes, watch) => {
    if (document.body) {
        window.qdSizeBeforeBody = document.documentElement.getAttribute('data-qd-size');
        watch.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""

# Layout shifts, as Lighthouse counts them (no recent input).
CLS = """
window.qdCls = 0;
new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.qdCls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""

SIZES = """() => {
    const px = sel => { const e = document.querySelector(sel); return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
    return {
        p: px('article p:not([class])'), h2: px('article h2'), topic: px('.md-header__topic'),
        nav: px('.md-nav__link'), footer: px('.md-footer-meta, .md-footer'),
        tooltip: px('.md-tooltip2__inner'),
    };
}"""


def _size_context(browser, stored: str | None, viewport=PHONE):
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True, locale="zh-CN")
    if stored:
        context.add_init_script(f"try {{ localStorage.setItem('qd-text-size', '{stored}'); }} catch (e) {{}}")
    context.add_init_script(BEFORE_BODY)
    context.add_init_script(CLS)
    return context


@pytest.mark.parametrize("script", SCRIPTS)
def test_text_size_is_remembered_and_applied_before_the_first_paint(browser, site_url, script):
    prefix = SCRIPTS[script]
    context = _size_context(browser, None)
    try:
        page = context.new_page()
        _open(page, site_url + prefix + "ch05/")
        standard = page.evaluate(SIZES)
        _open(page, site_url + prefix + "ch03/")
        assert page.evaluate("window.qdSizeBeforeBody") is None
        label, xl = SIZE_WORDS[script]
        menu = page.locator(f"button[aria-label='{label}']")
        assert menu.count() == 1
        menu.tap()
        choice = page.locator(".qd-size button[aria-pressed]", has_text=xl)
        choice.tap()
        assert choice.get_attribute("aria-pressed") == "true"
        assert page.locator(".qd-size button[aria-pressed='true']").count() == 1
        assert page.evaluate("document.documentElement.getAttribute('data-qd-size')") == "xl"
        assert page.evaluate(SIZES)["p"] == pytest.approx(standard["p"] * 1.5, abs=0.05)

        _open(page, site_url + prefix + "ch05/")  # another page: still 特大, from the first paint
        assert page.evaluate("window.qdSizeBeforeBody") == "xl"
        large = page.evaluate(SIZES)
        assert large["p"] == pytest.approx(standard["p"] * 1.5, abs=0.05)
        assert large["h2"] == pytest.approx(standard["h2"] * 1.5, abs=0.05)
        for chrome in ("topic", "nav", "footer"):  # the chrome keeps its size
            assert large[chrome] == standard[chrome], chrome
        assert page.locator(".qd-size button[aria-pressed='true']").inner_text() == xl

        page.locator(".qd-size button[data-qd-size-menu]").tap()  # back to standard
        page.locator(".qd-size button[data-qd-size-choice='']").tap()
        _open(page, site_url + prefix + "ch05/")
        assert page.evaluate("window.qdSizeBeforeBody") is None
        assert page.evaluate(SIZES)["p"] == standard["p"]
    finally:
        context.close()


def test_large_is_a_quarter_larger_and_tooltips_and_popovers_grow_too(browser, site_url):
    sizes = {}
    for stored in (None, "l", "xl"):
        context = _size_context(browser, stored, viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            _open(page, site_url + "ch03/")
            page.locator("article a.term").first.hover()  # shows Material's tooltip (mouse)
            page.wait_for_selector(".md-tooltip2--active")
            sizes[stored] = page.evaluate(SIZES)
        finally:
            context.close()
    for stored, factor in (("l", 1.25), ("xl", 1.5)):
        assert sizes[stored]["p"] == pytest.approx(sizes[None]["p"] * factor, abs=0.05)
        assert sizes[stored]["tooltip"] == pytest.approx(sizes[None]["tooltip"] * factor, abs=0.05)
        assert sizes[stored]["nav"] == sizes[None]["nav"]


def test_blocked_storage_leaves_the_standard_size_and_no_error(browser, site_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN")
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });"
    )
    try:
        page = context.new_page()
        errors = []  # the site's own scripts (Material's palette script throws here too, as it always has)
        page.on("pageerror", lambda e: errors.append(e.stack) if "qd.js" in (e.stack or "") else None)
        _open(page, site_url + "ch03/")
        page.locator(".qd-size button[data-qd-size-menu]").tap()
        page.locator(".qd-size button[data-qd-size-choice='xl']").tap()
        assert page.evaluate("document.documentElement.getAttribute('data-qd-size')") == "xl"  # this page only
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("path", ["ch03/", "glossary/"])
def test_the_largest_size_adds_no_layout_shift(browser, site_url, script, path):
    cls = {}
    for stored in (None, "xl"):
        context = _size_context(browser, stored)
        try:
            page = context.new_page()
            _open(page, site_url + SCRIPTS[script] + path)
            page.wait_for_timeout(1000)
            cls[stored] = page.evaluate("window.qdCls")
        finally:
            context.close()
    assert cls["xl"] <= cls[None] + 0.001, cls
    assert cls[None] <= 0.001, cls


# Every drawn text node of the article: its rectangles inside the viewport (or
# inside the scrolling box that holds it) and inside any box that clips it, and
# no two text nodes' rectangles overlapping (by more than the gap between a
# font's content box and its glyphs).
TEXT_LAYOUT = """() => {
    const article = document.querySelector('.md-content article');
    const W = document.documentElement.clientWidth;
    const problems = [], boxes = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let n = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        // Text not drawn: a closed <details>, the # permalinks until hovered (opacity 0).
        if (!t.data.trim() || !t.parentElement.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5);
        if (!rects.length) continue;
        n++;
        let scroller = null;
        const clips = [];
        for (let e = t.parentElement; e && e !== article.parentElement; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (/(auto|scroll)/.test(s.overflowX) && !scroller) scroller = e;
            else if (/(hidden|clip)/.test(s.overflowX)) clips.push(e);
        }
        const what = t.data.trim().slice(0, 20);
        for (const r of rects) {
            if (!scroller && (r.left < -0.5 || r.right > W + 0.5)) {
                problems.push(`outside the screen: ${what} (${Math.round(r.left)}..${Math.round(r.right)})`);
            }
            for (const c of clips) {
                const b = c.getBoundingClientRect();
                if (r.left < b.left - 0.5 || r.right > b.right + 0.5) {
                    problems.push(`clipped by ${c.className || c.tagName}: ${what}`);
                }
            }
            boxes.push([r.top, r.bottom, r.left, r.right, n, what]);
        }
        if (scroller) {
            const b = scroller.getBoundingClientRect();
            if (b.left < -0.5 || b.right > W + 0.5) problems.push(`scrolling box outside the screen: ${what}`);
        }
    }
    boxes.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][1] - 1; j++) {
            const a = boxes[i], b = boxes[j];
            if (a[4] === b[4]) continue;
            const dy = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
            const dx = Math.min(a[3], b[3]) - Math.max(a[2], b[2]);
            // A text rectangle is the font's content box, taller than the glyphs: lines set
            // closer than that (headings) touch by a few pixels without any glyph overlapping.
            if (dx > 1 && dy > 0.4 * Math.min(a[1] - a[0], b[1] - b[0])) problems.push(`overlap: ${a[5]} / ${b[5]}`);
        }
    }
    return {texts: n, problems: problems.slice(0, 10), count: problems.length};
}"""


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("path", ["", "ch03/", "glossary/", "places/", "about/", "map/"])
def test_the_largest_size_fits_a_320_px_screen(browser, site_url, script, path):
    context = _size_context(browser, "xl", viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        _open(page, site_url + SCRIPTS[script] + path)
        assert page.evaluate("document.documentElement.getAttribute('data-qd-size')") == "xl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.add_style_tag(content="section.entry { content-visibility: visible !important; }")
        layout = page.evaluate(TEXT_LAYOUT)
        assert layout["texts"] > 20  # the check looked at the text
        assert layout["count"] == 0, layout["problems"]
    finally:
        context.close()
