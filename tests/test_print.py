"""Printing a page from the browser (qd.css ``@media print``, qd.js on beforeprint), in Chromium.

A chapter printed with Chromium's ``page.pdf()`` — what the print dialog
does, beforeprint included — must hold, once whitespace is taken out, exactly
the page's address followed by the chapter's text as the published document
model gives it (``docs/<script>/document.json``: the chapter heading, then
the introduction, then each section heading and its paragraphs): no download
buttons, ¶ or # marks, see-also notes, tooltips, navigation or footer. And no
page may end with a heading.

Chromium's PDFs write, for a glyph that a Kangxi radical and an ideograph
share in Noto Sans CJK, the radical into the ToUnicode map (⻘ for 青, as the
README's "Why WeasyPrint" says), so a PDF reader extracts radicals. The text is
therefore compared glyph by glyph in the face that printed it (its cmap, read
with fontTools): the same glyphs in the same order, which is what the paper
shows.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache

import pytest
from fontTools.ttLib import TTCollection
from pypdf import PdfReader

from tools.model import Chapter, document_from_dict
from tools.paths import DOCS

pytestmark = pytest.mark.browser

# (script, URL prefix, chapter): at least two chapters in each script.
CASES = [("zh-Hans", "", 3), ("zh-Hans", "", 7), ("zh-Hant", "zh-Hant/", 3), ("zh-Hant", "zh-Hant/", 10)]
# Chapters where, without qd.css's break-after: avoid, a heading ends a page on US Letter
# (found by printing all 20 chapters in A4 and Letter without it; with it none does).
HEADING_CASES = [("zh-Hans", "", 7), ("zh-Hans", "", 9), ("zh-Hant", "zh-Hant/", 1), ("zh-Hant", "zh-Hant/", 8)]
WHITESPACE = re.compile(r"\s+")
# The face the site's text prints in here (qd.css names it for each script; fc-match finds it in fonts-noto-cjk).
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FAMILY = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}


@cache
def cmap(script: str) -> dict[int, str]:
    for font in TTCollection(NOTO).fonts:
        if font["name"].getDebugName(1) == FAMILY[script]:
            return font.getBestCmap()
    raise LookupError(FAMILY[script])


# The face's Chinese forms (OpenType locl) draw the em dash — with the glyph of ―, which the PDF then names.
LOCALIZED = str.maketrans({"\u2014": "\u2015"})


def glyphs(text: str, script: str) -> list[str]:
    """The glyphs ``text`` prints with in the script's face (a character it lacks stands for itself)."""
    table = cmap(script)
    return [table.get(ord(ch), ch) for ch in squeeze(text).translate(LOCALIZED)]


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def chapter(script: str, number: int) -> Chapter:
    data = json.loads((DOCS / script / "document.json").read_text(encoding="utf-8"))
    return document_from_dict(data).chapters[number - 1]


def chapter_text(c: Chapter) -> list[str]:
    """The chapter's headings and paragraphs in reading order."""
    out = [c.heading, *(p.text for p in c.intro)]
    for s in c.sections:
        out += [s.heading, *(p.text for p in s.paragraphs)]
    return out


def print_pdf(page, url: str, paper: str = "A4") -> list[str]:
    """The page printed to PDF by Chromium, the text of each PDF page."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format=paper, print_background=False)
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(("script", "prefix", "number"), CASES)
def test_a_printed_chapter_is_its_address_and_its_text(page, site_url, script, prefix, number):
    c = chapter(script, number)
    url = f"{site_url}{prefix}{c.slug}/"
    pages = print_pdf(page, url + "#" + c.sections[0].anchor)  # the hash is not part of the printed address
    printed = "".join(pages)
    expected = url + "".join(chapter_text(c))
    assert glyphs(printed, script) == glyphs(expected, script), (squeeze(printed)[:300], squeeze(expected)[:300])


@pytest.mark.parametrize(("script", "prefix", "number"), HEADING_CASES)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_printed_page_ends_with_a_heading(page, site_url, script, prefix, number, paper):
    c = chapter(script, number)
    pages = print_pdf(page, f"{site_url}{prefix}{c.slug}/", paper)
    assert len(pages) > 1
    headings = [glyphs(h, script) for h in (c.heading, *(s.heading for s in c.sections))]
    for i, text in enumerate(pages[:-1], 1):
        printed = glyphs(text, script)
        assert not any(printed[-len(h) :] == h for h in headings), f"page {i} ends with a heading"
