"""The light/dark toggle after issue 14: the site's palette.js, not Material's palette component.

Material's component forced restyles of the whole body at start-up
(``tools/hooks/palette.py``, ``overrides/assets/javascripts/palette.js``). These
tests hold what the reader must keep: the toggle switches the scheme and its
label, Enter works, the choice is stored in Material's own format and applied
by Material's head script before the next page is painted, the system's dark
setting wins when nothing is stored; and what the change is for: Material's
component is not mounted, nothing rewrites the body's colour attributes at
start-up. Expected strings and colours are written out (tools/ui.py's toggle
names, Material's storage format, qd.css's header colour as Chromium computes it).
"""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import PluginError

from tools.hooks.palette import header_colour, palette_renamed

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
# The toggle's names (tools/ui.py palette_to_dark / palette_to_light), written out.
TO_DARK = {"zh-Hans": "切换到深色模式", "zh-Hant": "切換到深色模式"}
TO_LIGHT = {"zh-Hans": "切换到浅色模式", "zh-Hant": "切換到淺色模式"}
# Material's localStorage entry (key: the site's base path + ".__palette"), for each scheme.
STORED = {
    "default": {
        "index": 0,
        "color": {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom", "accent": "custom"},
    },
    "slate": {
        "index": 1,
        "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "custom"},
    },
}
HEADER_RGB = "rgb(155, 28, 28)"  # qd.css --qd-red #9b1c1c, the header in both schemes

# Recorded from the first script on: the body's colour scheme when parsing ends
# (readyState "interactive": before any deferred script, palette.js included,
# and before the first paint of the finished document) and at DOMContentLoaded,
# and every change to the body's data-md-color-* attributes from then on.
PROBE = """
window.__qd = {mutations: []};
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  window.__qd.interactive = document.body.getAttribute("data-md-color-scheme");
  new MutationObserver(list => {
    for (const m of list) if (m.attributeName.startsWith("data-md-color")) window.__qd.mutations.push(m.attributeName);
  }).observe(document.body, {attributes: true});
});
document.addEventListener("DOMContentLoaded", () => {
  window.__qd.loaded = document.body.getAttribute("data-md-color-scheme");
});
"""

pytestmark = pytest.mark.browser


# ------------------------------------------------------------------ the hook


FORM = (
    '<meta name="viewport" content="width=device-width,initial-scale=1">'
    '<header data-md-component="header"><form class="md-header__option" data-md-component="palette">'
    '<input class="md-option" data-md-color-scheme="default" type="radio" name="__palette" id="__palette_0">'
    '<label class="md-header__button md-icon" for="__palette_1" hidden></label>'
    '<input class="md-option" data-md-color-scheme="slate" type="radio" name="__palette" id="__palette_1">'
    '<label class="md-header__button md-icon" for="__palette_0" hidden></label></form></header>'
)


def test_hook_renames_the_palette_form_and_writes_the_theme_colour():
    html = palette_renamed(FORM, "ch03/index.html", 2, "#9b1c1c")
    assert 'data-md-component="palette"' not in html
    assert '<form class="md-header__option" data-qd-palette>' in html
    assert html.startswith(
        '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="theme-color" content="#9b1c1c">'
    )
    assert html.count('name="__palette"') == 2


@pytest.mark.parametrize(
    "html, why",
    [
        (FORM.replace('class="md-header__option" ', ""), "form without Material's class"),
        (FORM.replace('data-md-component="palette"', 'data-md-component="palettes"'), "component renamed"),
        (FORM.replace('name="__palette" id="__palette_1"', 'name="palette" id="__palette_1"'), "an input renamed"),
        (FORM + FORM, "two forms"),
        (FORM.replace("initial-scale=1", "initial-scale=1.0"), "another viewport tag"),
        (FORM.replace("<header", '<meta name="theme-color" content="#000"><header'), "a theme colour already"),
    ],
)
def test_hook_fails_loudly_on_unexpected_markup(html, why):
    with pytest.raises(PluginError) as err:
        palette_renamed(html, "glossary/index.html", 2, "#9b1c1c")
    assert "glossary/index.html" in str(err.value), why
    assert "tools/hooks/palette.py" in str(err.value), why


def test_header_colour_from_the_stylesheet():
    css = ':root { --qd-red: #9b1c1c; }\n[data-md-color-primary="custom"] {\n  --md-primary-fg-color: var(--qd-red);\n}'
    assert header_colour(css) == "#9b1c1c"
    with pytest.raises(PluginError, match=r"qd\.css"):
        header_colour(css.replace("#9b1c1c", "hsl(0, 70%, 36%)"))
    with pytest.raises(PluginError, match=r"qd\.css"):
        header_colour(":root { --qd-red: #9b1c1c; }")


def test_built_pages_have_no_material_palette_component(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30  # both scripts' pages and the 404 page
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "__palette" not in html:
            continue  # not a theme page (none today)
        where = path.relative_to(built_site)
        assert 'data-md-component="palette"' not in html, where
        assert html.count('<form class="md-header__option" data-qd-palette>') == 1, where
        assert html.count('<meta name="theme-color" content="#9b1c1c">') == 1, where
        assert "assets/javascripts/palette.js" in html, where


# ------------------------------------------------------------------ in Chromium


def _context(browser, scheme="light", width=1280):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, locale="zh-CN")
    context.add_init_script(PROBE)
    return context


def _click_toggle(page) -> None:
    page.locator("[data-qd-palette] label:not([hidden])").click()
    # Away again: Material's tooltip empties a hovered element's title while it shows.
    page.mouse.move(600, 700)
    page.wait_for_function("document.querySelector('[data-qd-palette] label:not([hidden])').title !== ''")
    page.wait_for_timeout(100)


def _state(page) -> dict:
    return page.evaluate(
        """() => {
          const form = document.querySelector("[data-qd-palette]");
          const shown = [...form.querySelectorAll("label")].filter(l => !l.hidden);
          const raw = localStorage.getItem(new URL(__md_scope).pathname + ".__palette");
          const meta = document.querySelector('meta[name="color-scheme"]');
          return {
            scheme: document.body.getAttribute("data-md-color-scheme"),
            media: document.body.getAttribute("data-md-color-media"),
            shown: shown.map(l => l.title),
            target: shown.map(l => document.getElementById(l.htmlFor).getAttribute("aria-label")),
            stored: raw && JSON.parse(raw),
            colorScheme: meta && meta.content,
            header: getComputedStyle(document.querySelector("[data-md-component=header]")).backgroundColor,
            themeColor: [...document.querySelectorAll('meta[name="theme-color"]')].map(m => m.content),
            switching: document.body.hasAttribute("data-md-color-switching"),
          };
        }"""
    )


@pytest.mark.parametrize("script", SCRIPTS)
def test_toggle_switches_light_and_dark(browser, site_url, script):
    context = _context(browser)
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "ch03/", wait_until="networkidle")
        light = _state(page)
        assert light["scheme"] == "default"
        assert light["shown"] == [TO_DARK[script]]  # one toggle shown, naming the scheme it switches to
        assert light["target"] == [TO_LIGHT[script]]  # …and it checks the dark input (named for what it switches back to)
        assert light["stored"] == STORED["default"]
        assert light["colorScheme"] in (None, "light")
        assert light["header"] == HEADER_RGB and light["themeColor"] == ["#9b1c1c"]

        _click_toggle(page)
        dark = _state(page)
        assert dark["scheme"] == "slate" and dark["media"] == "(prefers-color-scheme: dark)"
        assert dark["shown"] == [TO_LIGHT[script]]
        assert dark["stored"] == STORED["slate"]
        assert dark["colorScheme"] == "dark"
        assert dark["header"] == HEADER_RGB and dark["themeColor"] == ["#9b1c1c"]  # the tag matches the header
        assert not dark["switching"]  # transitions are back after the switch

        _click_toggle(page)
        again = _state(page)
        assert again["scheme"] == "default" and again["shown"] == [TO_DARK[script]]
        assert again["stored"] == STORED["default"] and again["colorScheme"] == "light"
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_enter_on_the_toggle_switches(browser, site_url, script):
    context = _context(browser)
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "about/", wait_until="networkidle")
        page.focus("#__palette_0")
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        assert _state(page)["scheme"] == "slate"
        assert page.evaluate("document.activeElement.id") == "__palette_1"
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        assert _state(page)["scheme"] == "default"
        assert page.evaluate("document.activeElement.id") == "__palette_0"
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_choice_persists_and_applies_before_first_paint(browser, site_url, script):
    context = _context(browser)  # a light system: dark is the reader's own choice
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "ch03/", wait_until="networkidle")
        _click_toggle(page)
        assert _state(page)["scheme"] == "slate"
        for path in ("glossary/", "places/", "map/", ""):
            page.goto(site_url + SCRIPTS[script] + path, wait_until="networkidle")
            probe = page.evaluate("window.__qd")
            assert probe["interactive"] == "slate", path  # set by the head script, before palette.js ran
            assert probe["loaded"] == "slate", path
            assert probe["mutations"] == [], path  # nothing rewrote the body's colours after parsing
            state = _state(page)
            assert state["scheme"] == "slate" and state["shown"] == [TO_LIGHT[script]], path
            assert state["colorScheme"] == "dark", path
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_system_dark_with_nothing_stored(browser, site_url, script):
    context = _context(browser, scheme="dark", width=360)
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "glossary/", wait_until="networkidle")
        state = _state(page)
        assert state["scheme"] == "slate" and state["shown"] == [TO_LIGHT[script]]
        assert state["stored"] == STORED["slate"]  # stored as Material does, so the next page starts dark
        page.goto(site_url + SCRIPTS[script] + "ch03/", wait_until="networkidle")
        assert page.evaluate("window.__qd.interactive") == "slate"
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_light_start_writes_no_colour_attribute(browser, site_url, script):
    """What Lighthouse loads: nothing stored, light system. Only the media attribute is new."""
    context = _context(browser)
    try:
        page = context.new_page()
        page.goto(site_url + SCRIPTS[script] + "glossary/", wait_until="networkidle")
        assert page.evaluate("window.__qd.mutations") == ["data-md-color-media"]
        assert json.loads(json.dumps(_state(page)["stored"])) == STORED["default"]
        page.reload(wait_until="networkidle")
        assert page.evaluate("window.__qd.mutations") == []
    finally:
        context.close()
