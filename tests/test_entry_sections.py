"""The glossary's and the index's entries after issue 14's start-up work: all there, each in its own section.

Each entry became a ``<section class="entry">`` that the browser may skip
(``content-visibility: auto``) while it is off screen, and the entries'
permalinks lost their ``title`` (Material mounted a tooltip on each). These
tests hold what must not be lost: every entry with its term, definition and
every backlink in the HTML; the backlinks equal the term links of the built
chapters (a second source); find-in-page and links to an entry still reach it;
the permalinks keep their name. Counts are the document's, written out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import cssselect2
import pytest
import tinyhtml5
import yaml
from mkdocs.exceptions import PluginError

from tools import ui
from tools.hooks.entries import entry_permalinks_labelled, on_page_content
from tools.paths import SOURCE

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
GLOSSARY_ENTRIES = 127  # source/glossary.yml (README, Glossary and index)
PLACES_ENTRIES = 98  # source/places.yml
TERM_LINKS = 223  # term links in the chapters' running text, per script (README)


def _root(path: Path) -> cssselect2.ElementWrapper:
    return cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(path.read_text(encoding="utf-8")))


def _text(el: cssselect2.ElementWrapper) -> str:
    return "".join(el.etree_element.itertext())


def _anchor_of_href(href: str) -> str:
    return href.rsplit("#", 1)[1]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(("page", "heading", "count"), [("glossary", "term-entry", 127), ("places", "place-entry", 98)])
def test_every_entry_is_one_section_holding_all_of_it(built_site, script, page, heading, count):
    article = _root(built_site / SCRIPTS[script] / page / "index.html").query("article")
    sections = list(article.query_all("section.entry"))
    assert len(sections) == count
    assert all(f"{page}-entry" in s.etree_element.get("class").split() for s in sections)
    for s in sections:
        children = [c.etree_element for c in s.iter_children()]
        assert children[0].tag.endswith("h3") and children[0].get("class") == heading
        assert [c for c in children[1:] if c.tag.endswith("h3")] == []  # one entry per section
        assert children[-1].get("class") == heading.replace("entry", "backlinks")  # its backlinks close it
    # no entry left outside a section
    assert len(list(article.query_all(f"h3.{heading}"))) == count
    assert len(list(article.query_all(f"section.entry > h3.{heading}:first-child"))) == count


def test_every_term_definition_and_backlink_is_in_the_glossary(built_site):
    """Against the YAML (read here, not through tools.data) and the built chapters' term links."""
    data = yaml.safe_load((SOURCE / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    assert len(data) == GLOSSARY_ENTRIES
    article = _root(built_site / "glossary" / "index.html").query("article")
    sections = {s.query("h3").etree_element.get("id"): s for s in article.query_all("section.entry")}
    by_term = {_text(s.query("h3")).rstrip("#"): s for s in sections.values()}
    for entry in data:
        section = by_term[entry["term"]]
        assert entry["short"] in _text(section.query("p.term-short")), entry["term"]
    # The chapters' term links, paragraph by paragraph, are the glossary's backlinks.
    linked: dict[str, set[str]] = defaultdict(set)
    links = 0
    for n in range(1, 11):
        for a in _root(built_site / f"ch{n:02d}" / "index.html").query("article").query_all("a.term"):
            paragraph = a.parent
            while paragraph.etree_element.get("id") is None:
                paragraph = paragraph.parent
            linked[_anchor_of_href(a.etree_element.get("href"))].add(paragraph.etree_element.get("id"))
            links += 1
    assert links == TERM_LINKS
    for anchor, section in sections.items():
        hrefs = [a.etree_element.get("href") for a in section.query("p.term-backlinks").query_all("a")]
        assert {_anchor_of_href(h) for h in hrefs} == linked[anchor], anchor
        assert len(hrefs) == len(set(hrefs))


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(("page", "count", "groups"), [("glossary", GLOSSARY_ENTRIES, 7), ("places", PLACES_ENTRIES, 4)])
def test_entry_permalinks_are_named_without_a_tooltip(built_site, script, page, count, groups):
    html = (built_site / SCRIPTS[script] / page / "index.html").read_text(encoding="utf-8")
    name = ui.STRINGS["permalink_title"][script]
    entry_links = re.findall(r'<h3 class="(?:term|place)-entry" id="[^"]+">[^<]*<a class="headerlink" ([^>]*)>', html)
    assert len(entry_links) == count
    assert all(attrs.endswith(f'aria-label="{name}"') and "title=" not in attrs for attrs in entry_links)
    # the page's title and its groups' headings keep their tooltip
    assert len(re.findall(rf'<h[12] id="[^"]+">[^<]*<a class="headerlink" href="#[^"]+" title="{name}">', html)) == 1 + groups


def test_entry_hook_relabels_only_entry_permalinks_and_fails_loudly():
    entry = '<h3 class="place-entry" id="place-x">甲<a class="headerlink" href="#place-x" title="本节链接">#</a></h3>'
    section = '<h2 id="g">乙<a class="headerlink" href="#g" title="本节链接">#</a></h2>'
    html, n = entry_permalinks_labelled(section + entry)
    assert n == 1 and html.startswith(section) and 'aria-label="本节链接">#</a></h3>' in html

    class Page:
        class file:
            src_uri = "places.md"

    changed = entry.replace('class="headerlink"', 'class="headerlink permalink"')  # markup the hook does not know
    with pytest.raises(PluginError, match=r"places\.md: 1 entry headings but 0 permalinks relabelled"):
        on_page_content(changed, Page, None, None)


@pytest.mark.parametrize("script", SCRIPTS)
def test_entries_off_screen_are_skipped_but_found_and_reachable(browser, site_url, script):
    """Off-screen entries skip rendering, yet find-in-page reaches the last one and so does a link to it."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    root = site_url + SCRIPTS[script]
    page.goto(root + "glossary/")
    skipped = page.evaluate(
        """[...document.querySelectorAll('section.entry')]
            .map(s => !s.firstElementChild.checkVisibility({contentVisibilityAuto: true}))"""
    )
    assert len(skipped) == GLOSSARY_ENTRIES
    assert skipped[0] is False and skipped[-1] is True  # the first entry is on screen, the last is not
    last = page.evaluate("document.querySelector('section.entry:last-of-type p.term-short').textContent")
    found = page.evaluate("t => window.find(t)", last.split("：", 1)[1][:12])
    assert found
    assert page.evaluate("""() => {
        const s = window.getSelection().anchorNode.parentElement.closest('section.entry');
        return s === [...document.querySelectorAll('section.entry')].at(-1);
    }""")
    last_id = page.evaluate("[...document.querySelectorAll('section.entry > h3')].at(-1).id")
    page.goto(root + "ch03/")
    page.goto(root + f"glossary/#{last_id}")
    page.wait_for_timeout(300)
    top = page.evaluate(f"document.getElementById('{last_id}').getBoundingClientRect().top")
    assert 0 <= top < 200  # under the header, at the top of the viewport
    page.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_entries_rendered_on_scrolling_have_the_dark_palette(browser, site_url, script):
    """What a reader with a dark system setting sees: entries that come into view take the dark link colour."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + SCRIPTS[script] + "glossary/", wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    first = page.evaluate("getComputedStyle(document.querySelector('section.entry p.term-home a')).color")
    colours = set()
    for n in (3, 9, 40, 126):
        page.evaluate(f"document.querySelectorAll('section.entry')[{n}].scrollIntoView()")
        page.wait_for_timeout(200)
        colours.add(
            page.evaluate(
                f"getComputedStyle(document.querySelectorAll('section.entry')[{n}].querySelector('p.term-home a')).color"
            )
        )
    assert colours == {first}
    assert first != "rgb(140, 26, 26)"  # the light scheme's link colour (#8c1a1a)
    context.close()
