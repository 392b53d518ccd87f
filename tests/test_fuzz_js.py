"""The page script never throws: ``?q=``, ``?h=`` and the hash fuzzed in Chromium.

Hostile or broken URLs reach the site through shared links, so qd.js must
survive any of them: malformed percent-encoding (a lone ``%``, a cut UTF-8
sequence ``%E4%B8``, ``%ZZ``), lone surrogates (raw, and as the UTF-8 bytes
``%ED%A0%80`` that no decoder accepts), 10,000-character values, HTML
(``<img src=x onerror=alert(1)>``) and all of these combined. For each URL the
test asserts that the page raised no error (``pageerror``) and opened no
dialog, and that every feature still works afterwards: ``?h=`` still marks its
word, search finds a known word, the ¶ permalink sets the hash and says what
it copied. From three malformed hashes the script switch is also taken both
ways (with ``?h=`` set, the case that used to stop the script): it keeps the
reader's paragraph, and the clipboard holds the citation and link.

The cases are the literal nasty values as ``q``, as the hash with ``h``, and in
all three places, plus values drawn by a seeded generator from pieces of the
same kinds, so a failure is reproducible from the seed and the case printed
with it. About 25 s.
"""

from __future__ import annotations

import random
import re
from urllib.parse import quote

import pytest

from tests.conftest import SCROLL_CLOCK, wait_for_scrolling_to_settle

pytestmark = pytest.mark.browser

SEED = 20231006
PAGE = "ch03/"
# A word the search must find on the Simplified site, the paragraph whose ¶
# is clicked, and its citation (by the site's path prefix) as the toast and the
# copied text give it.
KNOWN = "胶东机场"
PARAGRAPH = "p3-1-2"
CITATION = {"": "第三章第一节第2段", "zh-Hant/": "第三章第一節第2段"}
TITLE = {"": "《青岛都市圈发展规划》", "zh-Hant/": "《青島都市圈發展規劃》"}

LONG = 10_000
XSS = "<img src=x onerror=alert(1)>"
NASTY = [
    "%",
    "%E4%B8",  # a UTF-8 sequence cut short
    "%ZZ",
    "%E4%B8%AD%",  # a valid character, then a lone %
    "%ED%A0%80",  # the UTF-8 form of the lone surrogate U+D800, which decoders refuse
    "%ED%B0%80%ED%A0%80",  # a low, then a high surrogate
    "\ud83d",  # a raw lone surrogate
    "%C0%AE",  # an overlong encoding
    "%00",
    XSS,
    quote(XSS),
    "\"'><script>alert(1)</script>",
    "%" * LONG,
    "胶" * LONG,
    ("%E4%B8" + "x") * (LONG // 7),
]
# Pieces the generator strings together: broken and valid escapes, surrogates,
# markup, URL syntax, spaces (which separate search words) and real words.
PIECES = [
    "%",
    "%E4",
    "%B8",
    "%AD",
    "%ZZ",
    "%25",
    "%ED%A0%80",
    "\ud800",
    "\udfff",
    "<",
    ">",
    '"',
    "'",
    "&",
    "=",
    "#",
    "?",
    "+",
    " ",
    "\u3000",
    "\\",
    "胶东",
    "机场",
    "發展",
    "p3-1-2",
    "h=",
    "q=",
    "onerror=alert(1)",
]


def url(site_url: str, q: str | None = None, h: str | None = None, fragment: str | None = None) -> str:
    """``ch03/`` with the given query parameters and hash, written as they are (not encoded again)."""
    query = "&".join(f"{k}={v}" for k, v in (("q", q), ("h", h)) if v is not None)
    return site_url + PAGE + (f"?{query}" if query else "") + (f"#{fragment}" if fragment is not None else "")


def literal_cases() -> list[tuple[str | None, str | None, str | None]]:
    """Each nasty value as ``q``; as the hash with ``h`` set (a known word, then the
    value: the combination that stopped the script); and in all three places."""
    cases: list[tuple[str | None, str | None, str | None]] = []
    for value in NASTY:
        cases += [(value, None, None), (None, f"{KNOWN} {value}", value), (value, value, value)]
    return cases


def random_cases(n: int) -> list[tuple[str | None, str | None, str | None]]:
    rng = random.Random(SEED)

    def value() -> str | None:
        if rng.random() < 0.2:
            return None
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))

    return [(value(), value(), value()) for _ in range(n)]


def _switch(page, hreflang: str) -> None:
    page.locator(".md-select").first.hover()
    with page.expect_navigation():
        page.locator(f"a.md-select__link[hreflang='{hreflang}']").click()


def _search_finds_a_known_word(page, typed: bool = True) -> None:
    """Search finds KNOWN and marks it: typed into the header's field, or (in the
    fuzz loop, faster) through the page's own search-and-render hook."""
    if typed:
        box = page.locator("input[data-qd-search-input]")
        box.click()
        box.fill(KNOWN)
        page.wait_for_function(
            "w => Array.from(document.querySelectorAll('[data-qd-search-list] mark')).some(m => m.textContent === w)",
            arg=KNOWN,
        )
        page.keyboard.press("Escape")
        return
    marked = page.evaluate(
        """async w => {
            await window.qdSearchLoad();
            window.qdSearch(w);
            return Array.from(document.querySelectorAll('[data-qd-search-list] mark')).map(m => m.textContent);
        }""",
        KNOWN,
    )
    assert KNOWN in marked


def _permalink_sets_the_hash(page, site_url: str, prefix: str = "", real_click: bool = True) -> None:
    """The ¶ of PARAGRAPH puts it in the hash, says what it copied, and (on a
    real click) the clipboard holds the citation and the link."""
    link = page.locator(f"#{PARAGRAPH} a.para-link")
    if real_click:
        # On screen (the script switch looks there) and no hash rewrite pending.
        link.scroll_into_view_if_needed()
        wait_for_scrolling_to_settle(page)
        link.click()
    else:  # the fuzz loop: the click event alone, sparing the waits
        link.dispatch_event("click")
    page.wait_for_function("id => location.hash === '#' + id", arg=PARAGRAPH)
    here = f"{site_url}{prefix}{PAGE}#{PARAGRAPH}"
    assert page.evaluate("location.href") == here
    page.wait_for_function(  # the toast comes once the copy has succeeded
        "c => { const t = document.querySelector('.qd-toast'); return t && !t.hidden && t.textContent.endsWith(c); }",
        arg=CITATION[prefix],
    )
    if real_click:
        assert page.evaluate("navigator.clipboard.readText()") == f"{TITLE[prefix]}{CITATION[prefix]} {here}"


@pytest.fixture
def reader(browser, site_url, built_site):
    """A page that records script errors and dialogs (an alert would be script
    injection). Chapter 3 is served from the built file whatever its query: a
    10,000-character Chinese query is a 90 kB URL, more than a static server
    (or GitHub Pages) accepts in a request line, but a page can still be
    opened with it (a link, history)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(SCROLL_CLOCK)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(f"{page.url[:160]}: {e}"))
    page.on("dialog", lambda d: (page.errors.append(f"dialog {d.message!r}"), d.dismiss()))
    chapter = (built_site / PAGE / "index.html").read_bytes()
    page.route(
        re.compile(re.escape(site_url + PAGE) + r"\?"),
        lambda route: route.fulfill(body=chapter, headers={"Content-Type": "text/html; charset=utf-8"}),
    )
    yield page
    context.close()


def _visit(page, target: str) -> None:
    page.goto(target, wait_until="load")


def test_malformed_urls_raise_no_error_and_leave_every_feature_working(reader, site_url):
    page = reader
    for case in literal_cases() + random_cases(16):
        _, h, _ = case
        _visit(page, url(site_url, *case))
        assert page.errors == [], f"case {case!r:.300}"
        if h and h.startswith(KNOWN):
            assert page.locator("mark.qd-hit").count() >= 1, f"no highlight, case {case!r:.300}"
        _search_finds_a_known_word(page, typed=False)
        _permalink_sets_the_hash(page, site_url, real_click=False)
        assert page.errors == [], f"case {case!r:.300}"


@pytest.mark.parametrize("fragment", ["%", "%E4%B8", "%ED%A0%80"])
def test_script_switch_after_a_malformed_hash_keeps_the_place(reader, site_url, fragment):
    """The original failure: a malformed hash with ``?h=`` stopped the script
    before the switch and the permalinks were set up, and a switch click threw
    in currentAnchor. Now the switch works from such a page, and after a ¶
    click it keeps the paragraph in both directions."""
    page = reader
    _visit(page, url(site_url, h=KNOWN, fragment=fragment))
    assert page.locator("mark.qd-hit").count() >= 1  # the highlight still marks the word
    _search_finds_a_known_word(page)
    _switch(page, "zh-Hant")
    assert page.evaluate("location.pathname").endswith("/zh-Hant/" + PAGE)
    _permalink_sets_the_hash(page, site_url, "zh-Hant/")
    _switch(page, "zh-Hans")
    assert page.evaluate("location.href") == f"{site_url}{PAGE}#{PARAGRAPH}"
    assert page.locator(f"#{PARAGRAPH}").is_visible()
    assert page.errors == []


# --------------------------------------------------------------------------- touch popovers and text size

# What the random steps act on: the popover's targets, the popover itself, the
# text-size menu, plain text and the page.
FUZZ_TARGETS = [
    "article a.term",
    "article .qd-emended",
    ".qd-pop a",
    ".qd-pop button",
    ".qd-pop",
    "[data-qd-size-menu]",
    "[data-qd-size-choice]",
    "article h1",
    "article p",
    "body",
]
POINTERS = ["touch", "pen", "mouse", ""]
KEYS = ["Escape", "Enter", "Tab", " ", "ArrowDown", "s"]

# One random step as the page's events: a pointerdown/pointerup of some kind and
# a click on an element, or a key. Links never navigate (the last listener, on
# window, cancels the default action after qd.js has seen the event).
STEP = """([sel, pick, kind, key]) => {
    if (!window.qdNoNav) {
        window.qdNoNav = true;
        addEventListener('click', e => { if (e.target.closest && e.target.closest('a')) e.preventDefault(); });
    }
    if (key) {
        const t = document.activeElement || document.body;
        t.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));
        return;
    }
    const all = document.querySelectorAll(sel);
    if (!all.length) return;
    const el = all[pick % all.length];
    const init = {bubbles: true, cancelable: true, pointerType: kind, isPrimary: true};
    el.dispatchEvent(new PointerEvent('pointerdown', init));
    el.dispatchEvent(new PointerEvent('pointerup', init));
    el.dispatchEvent(kind ? new PointerEvent('click', init) : new MouseEvent('click', {bubbles: true, cancelable: true}));
}"""

# What must hold after every step: at most one popover, owned by exactly the
# element that says it is expanded (a mark, which may not, by aria-controls); one pressed size, the one <html> shows.
INVARIANTS = """() => {
    const pops = document.querySelectorAll('.qd-pop');
    const expanded = document.querySelectorAll('[aria-expanded="true"]:not([data-qd-size-menu]), .qd-emended[aria-controls]');
    const pressed = Array.from(document.querySelectorAll('[data-qd-size-choice][aria-pressed="true"]'));
    const size = document.documentElement.getAttribute('data-qd-size') || '';
    return {
        pops: pops.length, expanded: expanded.length,
        who: Array.from(expanded).map(e => e.outerHTML.slice(0, 100) + ' ' + e.getAttribute('aria-controls')),
        pop: pops.length && pops[0].id,
        owned: pops.length === 0 || (expanded.length === 1 && expanded[0].getAttribute('aria-controls') === pops[0].id),
        pressed: pressed.map(b => b.getAttribute('data-qd-size-choice')), size,
        marks: Array.from(document.querySelectorAll('.qd-emended')).every(m => m.getAttribute('aria-describedby')),
    };
}"""


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_random_taps_clicks_and_keys_never_throw(browser, site_url, prefix):
    """Random pointer kinds (touch, pen, mouse, none), targets and keys on chapter 3:
    no script error, and the popover's and the text size's state stay consistent."""
    rng = random.Random(SEED + len(prefix))
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, locale="zh-CN")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + prefix + PAGE, wait_until="networkidle")
        for i in range(300):
            if rng.random() < 0.2:
                step = [None, 0, "", rng.choice(KEYS)]
            else:
                step = [rng.choice(FUZZ_TARGETS), rng.randrange(1000), rng.choice(POINTERS), None]
            page.evaluate(STEP, step)
            state = page.evaluate(INVARIANTS)
            assert errors == [], f"step {i} {step}"
            assert state["pops"] <= 1 and state["owned"], f"step {i} {step}: {state}"
            assert state["pressed"] == [state["size"]], f"step {i} {step}: {state}"
            assert state["marks"], f"step {i} {step}: a mark lost its note"
        assert page.evaluate("location.pathname") == "/" + prefix + PAGE
        # Real taps still work afterwards (Esc closes the popover, then the search the "s" key may have opened).
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        term = page.locator("article a.term").first
        term.scroll_into_view_if_needed()
        term.tap()
        page.wait_for_selector(".qd-pop")
        assert page.evaluate("location.pathname") == "/" + prefix + PAGE
        assert errors == []
    finally:
        context.close()
