"""The built site, read as files: both scripts, links and anchors, no third parties, safe HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.test_fidelity import texts_by_id
from tools.data.glossary import load_glossary
from tools.search import all_units

PAGES = ["", "ch01/", "ch02/", "ch03/", "ch04/", "ch05/", "ch06/", "ch07/", "ch08/", "ch09/", "ch10/"]


class Page(HTMLParser):
    """Ids, links, resources and attributes of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.handlers: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.resources.append(a["src"])
        loaded = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
        if tag == "link" and a.get("href") and loaded & set((a.get("rel") or "").split()):
            self.resources.append(a["href"])
        self.handlers += [f"{tag}[{k}]" for k in a if k.startswith("on")]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Page]:
    return {p.relative_to(built_site).as_posix(): parse(p) for p in built_site.rglob("*.html")}


def test_both_scripts_have_the_same_pages_and_anchors(built_site, pages):
    for path in PAGES:
        hans = pages[f"{path}index.html"]
        hant = pages[f"zh-Hant/{path}index.html"]
        assert hans.lang == "zh-Hans" and hant.lang == "zh-Hant", path
        content_ids = {i for i in hans.ids if re.match(r"^(p\d|s\d|ch\d|notice|contents|top)", i)}
        assert content_ids, path
        assert content_ids == {i for i in hant.ids if re.match(r"^(p\d|s\d|ch\d|notice|contents|top)", i)}, path


def test_every_internal_link_and_anchor_resolves(built_site, pages):
    broken = []
    checked = 0
    for rel, page in pages.items():
        base = "http://site/" + rel
        for href in page.links:
            url = urljoin(base, href)
            parts = urlsplit(url)
            if parts.netloc != "site":
                continue
            target = built_site / unquote(parts.path.lstrip("/"))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{rel}: {href} → missing {target.relative_to(built_site)}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target.relative_to(built_site).as_posix()].ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{rel}: {href} → no #{parts.fragment}")
    assert checked > 800  # nav, contents, permalinks, PDFs, language switch …
    assert broken == []


def test_pdf_links_on_every_page(built_site, pages):
    for path in PAGES:
        for script in ("", "zh-Hant/"):
            links = [h for h in pages[f"{script}{path}index.html"].links if h.endswith(".pdf")]
            want = 2 if path == "" else 1
            assert len(links) == want, (script, path, links)


def test_nothing_loads_from_another_host(pages):
    for rel, page in pages.items():
        for src in page.resources:
            assert not re.match(r"^(https?:)?//", src), f"{rel} loads {src}"


def test_no_inline_event_handlers(pages):
    for rel, page in pages.items():
        assert page.handlers == [], rel


def test_lead_sentences_are_bold(built_site, simplified):
    page = (built_site / "ch01" / "index.html").read_text(encoding="utf-8")
    assert '<strong class="lead">尊重规律，同城融合。</strong>' in page
    assert page.count('<strong class="lead">') == sum(1 for p in simplified.chapters[0].paragraphs() if p.lead)


def test_search_index_holds_every_unit(built_site, simplified, traditional):
    for doc in (simplified, traditional):
        index = json.loads((built_site / "search" / f"{doc.script}.json").read_text(encoding="utf-8"))
        assert index["script"] == doc.script
        assert [(u["u"], u["a"]) for u in index["units"]] == [(u.page, u.anchor) for u in all_units(doc, load_glossary())]
        text = "".join(p[1] for u in index["units"] for p in u["p"])
        assert all(p.text in text for p in doc.paragraphs())


def test_every_search_link_lands_on_its_text(built_site, pages, simplified, traditional):
    """Every place the built search index sends a reader — a unit's anchor and
    each of its paragraphs' — is an id in that built page, and for the plan's
    units the element there holds the paragraph's text; every part of the
    notice is on the home page under an id the index uses for it. Read from
    the built files only, so an anchor renamed in one module (render, search,
    pdf) fails here."""
    checked = 0
    for doc, prefix in ((simplified, ""), (traditional, "zh-Hant/")):
        index = json.loads((built_site / "search" / f"{doc.script}.json").read_text(encoding="utf-8"))
        texts: dict[str, dict[str, str]] = {}
        for unit in index["units"]:
            page = f"{prefix}{unit['u']}index.html"
            anchors = [unit["a"], *(p[0] for p in unit["p"])]
            assert [a for a in anchors if a not in pages[page].ids] == [], (page, unit["a"])
            if unit["k"] == "term":  # the glossary entry's heading; its texts are the definition below it
                continue
            shown = texts.setdefault(page, texts_by_id(built_site / page))
            for anchor, text, _ in unit["p"]:
                assert shown[anchor] == text, (page, anchor)
                checked += 1
        n = doc.notice
        notice = [u for u in index["units"] if u["k"] == "notice"]
        assert len(notice) == 1
        home = texts_by_id(built_site / prefix / "index.html")
        for part in [n.number, n.addressees, *n.body, n.signature, n.date, n.note]:
            on_page = {anchor for anchor, text in home.items() if text == part}
            in_index = {anchor for anchor, text, _ in notice[0]["p"] if text == part}
            assert on_page & in_index, (doc.script, part, on_page, in_index)
    assert checked == 2 * (91 + 6)


def test_language_switch_links_to_the_same_page(pages):
    for path in PAGES:
        hans = pages[f"{path}index.html"]
        assert any(urljoin(f"http://site/{path}", h) == f"http://site/zh-Hant/{path}" for h in hans.links), path
        hant = pages[f"zh-Hant/{path}index.html"]
        assert any(urljoin(f"http://site/zh-Hant/{path}", h) == f"http://site/{path}" for h in hant.links), path


def test_plain_mkdocs_build_is_strict_and_silent(tmp_path):
    """`mkdocs build --strict` alone (no PDFs) works and warns about nothing."""
    import subprocess
    import sys

    from tools.paths import ROOT

    mkdocs = Path(sys.executable).parent / "mkdocs"
    proc = subprocess.run(
        [str(mkdocs), "build", "--strict", "-d", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not re.search(r"^(WARNING|ERROR)\s+-", proc.stderr, re.M), proc.stderr[-2000:]
    assert (tmp_path / "site" / "search" / "zh-Hant.json").exists()
